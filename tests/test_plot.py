"""Every kind of picture, rendered headless: the file decodes, and the figure says what it
should (titles, labels, legend entries read back from its artists)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from votepower.core.errors import PlotError
from votepower.request.compare import compare
from votepower.ui.cli import main
from votepower.us.alternatives import federation

matplotlib = pytest.importorskip("matplotlib")  # the [test] extra installs it

from votepower.ui import plot  # noqa: E402

FED = federation(2020, states=("CA", "TX", "NY", "WY", "VT", "DC"))
RESULTS = compare(["ec-current", "ec-proportional", "npv", "senate-current"], FED, ("banzhaf",))


def _texts(fig) -> set[str]:
    fig.draw_without_rendering()  # tick labels are set at draw time
    out = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    if fig._suptitle is not None:
        out.add(fig._suptitle.get_text())
    return out


def test_heatmap_tells_members_outsiders_and_powerless_apart():
    fig = plot.comparison_figure(RESULTS, kind="heatmap", census=2020)
    texts = _texts(fig)
    assert "Banzhaf power of one citizen, relative to a direct national vote, census 2020" in texts
    assert {"member with no power", "not a member"} <= texts
    assert {"ec-current", "ec-proportional", "national-popular-vote", "senate-current"} <= texts
    assert {"CA", "WY", "DC"} <= texts  # the members are the columns
    assert "AL" not in texts  # a state outside the union is no column
    # the colour bar: plain tick labels, no exponents
    labels = [t for t in texts if t.replace(".", "").isdigit()]
    assert "1" in labels and not any("10^" in t or "$" in t for t in texts)


def test_summary_marks_every_scheme_and_index():
    both = compare(["ec-current", "ec-proportional"], FED, ("banzhaf", "shapley-shubik"))
    fig = plot.comparison_figure(both, kind="summary", indices=("banzhaf", "shapley-shubik"))
    texts = _texts(fig)
    assert {"ec-current", "ec-proportional", "Banzhaf", "Shapley-Shubik"} <= texts
    # ec-proportional leaves CA's citizens without power: the infinite ratio has its own mark
    assert "Banzhaf: a member has no power (ratio infinite)" in texts


def test_map_draws_a_few_schemes_and_refuses_many():
    fig = plot.comparison_figure(RESULTS[:2], kind="map")
    texts = _texts(fig)
    assert any(t.startswith("ec-current: max/min") for t in texts)
    assert "ec-proportional: max/min infinite, Gini 0.731" not in texts  # a 6-state union
    assert "PR" in texts  # the whole tile grid, outsiders dashed
    with pytest.raises(PlotError, match="at most 4"):
        plot.comparison_figure(RESULTS + RESULTS[:1], kind="map")


def test_kind_chosen_by_the_number_of_schemes():
    assert plot.choose_plot_kind(1) == "map" and plot.choose_plot_kind(3) == "map"
    assert plot.choose_plot_kind(4) == "heatmap"
    with pytest.raises(PlotError, match="unknown plot kind"):
        plot.comparison_figure(RESULTS, kind="pie")


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
@pytest.mark.parametrize("kind", ["summary", "heatmap", "map"])
def test_every_kind_and_format_writes_a_file_that_decodes(tmp_path, kind, suffix):
    out = plot.plot_comparison(RESULTS[:3], tmp_path / f"p{suffix}", kind=kind)
    data = out.read_bytes()
    assert len(data) > 10_000
    if suffix == ".png":
        image = matplotlib.image.imread(out)
        assert image.shape[0] > 340 and image.shape[1] > 800
    elif suffix == ".svg":
        assert ET.fromstring(data).tag.endswith("svg")
    else:
        assert data.startswith(b"%PDF")


def test_the_path_is_checked_first(tmp_path):
    for bad, message in (
        (tmp_path / "no" / "p.png", "no directory"),
        (tmp_path / "p.jpg", "suffix"),
        (tmp_path, "directory"),
    ):
        with pytest.raises(PlotError, match=message):
            plot.check_plot_path(bad)


def test_cli_checks_the_plot_before_computing(tmp_path, monkeypatch):
    import votepower.ui.cli.compare as cli_compare

    def boom(*args, **kwargs):
        raise AssertionError("computed before the plot options were checked")

    monkeypatch.setattr(cli_compare, "evaluate", boom)
    runner = CliRunner()
    cases = [
        (["--plot", str(tmp_path / "no" / "p.png")], 1, "no directory"),
        (["--plot", str(tmp_path / "p.gif")], 1, "suffix"),
        (["--plot-kind", "map"], 2, "--plot FILE"),
        (["--plot", str(tmp_path / "p.png"), "--plot-kind", "map"], 2, "at most 4"),
    ]
    for args, code, message in cases:
        result = runner.invoke(main, ["compare", *args])
        assert result.exit_code == code, result.output
        assert message in result.output and "Traceback" not in result.output


def test_cli_plot_kinds(tmp_path):
    runner = CliRunner()
    for kind in ("auto", "summary", "heatmap", "map"):
        out = tmp_path / f"{kind}.svg"
        result = runner.invoke(
            main,
            [
                "compare",
                "--schemes",
                "ec-current,npv",
                "--states",
                "CA,TX,WY",
                "--plot",
                str(out),
                "--plot-kind",
                kind,
            ],
        )
        assert result.exit_code == 0, result.output
        assert ET.fromstring(out.read_bytes()).tag.endswith("svg")
