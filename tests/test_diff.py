"""``votepower diff``: two schemes state by state."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from votepower.request.compare import compare
from votepower.request.diff import _ranks, diff_schemes
from votepower.ui.cli import main
from votepower.us.alternatives import federation

FED = federation(2020, states=("CA", "TX", "NY", "WY", "VT", "ME", "NE"))
A, B, NPV = compare(["ec-current", "ec-district", "npv"], FED, ("banzhaf", "shapley-shubik"))


def test_ratio_and_ranks_follow_the_definitions():
    d = diff_schemes(A, B)
    assert A.result is not None and B.result is not None
    for s in d.states:
        a, b = A.result[s.state].citizen_banzhaf, B.result[s.state].citizen_banzhaf
        assert (s.power_a, s.power_b) == (a, b) and s.ratio == pytest.approx(b / a, rel=1e-15)
        assert s.rank_a == 1 + sum(x.citizen_banzhaf > a * (1 + 1e-9) for x in A.result.blocks)
    ratios = [s.ratio for s in d.states]
    assert ratios == sorted(ratios, reverse=True)  # sorted by the change
    assert sum(s.rank_change for s in d.states) == sum(s.rank_a for s in d.states) - sum(
        s.rank_b for s in d.states
    )


def test_a_scheme_against_itself_changes_nothing():
    d = diff_schemes(A, A, "shapley-shubik")
    assert all(s.ratio == 1.0 and s.rank_change == 0 for s in d.states)


def test_against_the_popular_vote_everyone_ties_first():
    d = diff_schemes(A, NPV)
    assert {s.rank_b for s in d.states} == {1}
    assert all(s.relative_b == pytest.approx(1.0, rel=1e-12) for s in d.states)


def test_ranks_share_ties():
    assert _ranks({"a": 2.0, "b": 2.0, "c": 1.0}) == {"a": 1, "b": 1, "c": 3}


def test_cli_every_format():
    runner = CliRunner()
    args = ["diff", "ec-current", "ec-district", "--states", "CA,TX,NY,WY,VT,ME,NE"]
    table = runner.invoke(main, args)
    assert table.exit_code == 0 and "B / A" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 100
    data = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert data["scheme_a"] == "ec-current" and len(data["states"]) == 7
    assert list(data["states"][0]) == list(diff_schemes(A, B).to_records()[0])
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, [*args, "--format", "csv"]).output)))
    assert [r["state"] for r in rows] == [s["state"] for s in data["states"]]
    markdown = runner.invoke(main, [*args, "--format", "markdown"]).output
    assert markdown.startswith("**ec-district (B) against ec-current (A)")


def test_cli_errors():
    runner = CliRunner()
    for args, code, message in (
        (["diff", "ec-current", "nope"], 2, "unknown scheme 'nope'"),
        (["diff", "ec-current", "missing.toml"], 2, "no scenario file missing.toml"),
        (["diff", "ec-current"], 2, "SCHEME_B"),
        (["diff", "ec-current", "npv", "--index", "xx"], 2, "--index"),
        (["diff", "ec-current", "npv", "--plot", "no/such/dir.png"], 1, "no directory"),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == code, result.output
        assert message in result.output and "Traceback" not in result.output


def test_cli_plot_of_the_change(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    out = tmp_path / "change.png"
    result = CliRunner().invoke(main, ["diff", "ec-current", "ec-district", "--states",
                                       "CA,TX,WY", "--plot", str(out)])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert matplotlib.image.imread(out).shape[1] > 800
    from votepower.ui.plot import diff_figure

    fig = diff_figure(diff_schemes(A, B), census=2020)
    fig.draw_without_rendering()
    texts = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    assert "not in both unions" in texts and any(t.startswith("WY\n") for t in texts)
