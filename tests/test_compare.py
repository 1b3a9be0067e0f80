"""Alternative schemes and `votepower compare`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower.citizens import Bloc, Split
from votepower.core.errors import DataError, UnknownMethodError
from votepower.request.compare import compare, scheme_power
from votepower.ui.cli import main
from votepower.us.alternatives import SCHEMES, SchemeError, build_scheme, federation

FED = federation(2020)


def test_every_scheme_builds_and_sums_to_one():
    for spec in SCHEMES:
        result = scheme_power(spec.id, FED)
        assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-6), spec.id
        assert len(result.blocks) >= 50


def test_national_popular_vote_is_exactly_equal():
    (res,) = compare(["national-popular-vote"], FED)
    for index in ("banzhaf", "shapley-shubik"):
        assert res.summaries[index].ratio == 1.0
        assert res.summaries[index].gini == 0.0
        assert res.summaries[index].mean_relative_to_direct == 1.0


def test_square_root_weights_nearly_equalize_banzhaf():
    (res,) = compare(["ec-square-root"], FED, ("banzhaf",))
    assert res.summaries["banzhaf"].ratio < 1.05
    (current,) = compare(["ec-current"], FED, ("banzhaf",))
    assert current.summaries["banzhaf"].ratio > 3


@pytest.mark.parametrize(
    "scheme", ["ec-current", "ec-webster", "ec-hamilton", "ec-jefferson", "ec-adams", "ec-dean"]
)
def test_reapportioned_electoral_college_totals(scheme):
    body = build_scheme(scheme, FED)
    assert body.total_weight == 435 + 2 * 50 + 3 and body.quota == 270


def test_house_size_rules_carry_into_the_electoral_college():
    wyoming = build_scheme("ec-wyoming-rule", FED)
    cube = build_scheme("ec-cube-root-rule", FED)
    assert wyoming.total_weight == 573 + 100 + 3
    assert cube.total_weight == 692 + 100 + 3
    assert build_scheme("ec-house-only", FED).total_weight == 435 + 1


def test_statehood():
    dc = {b.label: b for b in build_scheme("dc-statehood", FED).blocks}
    assert isinstance(dc["DC"], Bloc) and dc["DC"].weight == 3  # 1 seat + 2
    assert build_scheme("dc-statehood", FED).total_weight == 435 + 2 * 51
    pr = {b.label: b for b in build_scheme("pr-statehood", FED).blocks}
    assert pr["PR"].weight >= 5 and pr["PR"].citizens == 3_285_874
    assert build_scheme("pr-statehood", FED).total_weight == 435 + 2 * 51 + 3


def test_split_states_follow_their_seats():
    blocks = {b.label: b for b in build_scheme("ec-cube-root-rule", FED).blocks}
    assert isinstance(blocks["NE"], Split) and blocks["NE"].districts >= 3


def test_senate_variants():
    pop = build_scheme("senate-population", FED)
    assert pop.total_weight == 100 and {b.label: b.weight for b in pop.blocks}["CA"] > 5
    root = build_scheme("senate-square-root", FED)
    assert root.total_weight == 100
    assert build_scheme("senate-filibuster", FED).quota == 60


def test_subset_unions():
    small = federation(2020, states=("CA", "NY", "TX", "FL"))
    body = build_scheme("ec-current", small)
    assert [b.label for b in body.blocks] == ["CA", "FL", "NY", "TX"]
    assert body.quota == body.total_weight // 2 + 1
    rest = federation(2020, exclude=("CA", "NY"))
    assert "CA" not in rest.people and len(rest.people) == 49
    with pytest.raises(DataError, match="unknown state 'XX'"):
        federation(2020, states=("CA", "XX"))
    with pytest.raises(SchemeError, match="at least two"):
        federation(2020, states=("CA",))
    with pytest.raises(UnknownMethodError, match="ec-current"):
        compare(["ec-nonsense"], FED)


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_default_compare_golden():
    result = run("compare")
    assert result.exit_code == 0, result.output
    check_golden("compare_default.txt", result.output)


def test_compare_json_and_options():
    result = run("compare", "--schemes", "ec-current,npv,senate-current", "--index", "banzhaf",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert result.output.endswith("}\n")  # a text file: it ends in a newline, as before
    data = json.loads(result.output)
    rows = data["schemes"]
    assert [r["scheme"] for r in rows] == ["ec-current", "national-popular-vote", "senate-current"]
    for row in rows:
        wanted = {"scheme", "index", "most_powerful", "least_powerful", "ratio", "gini"}
        wanted.add("all_equal")
        assert wanted <= set(row)
    assert rows[1]["ratio"] == 1.0
    assert rows[2]["most_powerful"] == "WY" and rows[2]["least_powerful"] == "CA"


def test_compare_membership_and_errors():
    result = run("compare", "--schemes", "ec-current", "--won-by", "D:2024", "--format", "json")
    assert result.exit_code == 0, result.output
    assert "TX" not in json.loads(result.output)["members"]
    for args, status, message in [
        (["compare", "--schemes", "bogus"], 2, "unknown scheme 'bogus'"),
        (["compare", "--schemes", " , "], 2, "names no scheme"),
        (["compare", "--won-by", "X2024"], 2, "PARTY:YEAR"),
        (["compare", "--states", "CA"], 1, "at least two"),
        (["compare", "--states", "CA,ZZ"], 1, "unknown state 'ZZ'"),
        (["compare", "--census", "2000"], 1, "2010 and 2020 only"),
    ]:
        result = run(*args)
        assert result.exit_code == status, (args, result.output)
        assert message in result.output


def test_schemes_listing_and_states_by_scheme():
    listing = run("schemes")
    assert listing.exit_code == 0
    for spec in SCHEMES:
        assert spec.id in listing.output
    result = run("states", "--scheme", "senate-population", "--index", "bz", "--format", "json")
    assert result.exit_code == 0, result.output
    states = json.loads(result.output)["states"]
    assert len(states) == 50


def test_plot_renders_to_a_file(tmp_path):
    pytest.importorskip("matplotlib")  # the [test] extra installs it; the run-time deps do not
    out = tmp_path / "power.png"
    result = run("compare", "--schemes", "ec-current,ec-proportional,npv", "--index", "bz",
                 "--plot", str(out))  # fmt: skip
    assert result.exit_code == 0, result.output
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    bad = run("compare", "--schemes", "npv", "--plot", str(tmp_path / "no" / "dir.png"))
    assert bad.exit_code == 1 and "cannot write" in bad.output


def test_puerto_rico_statehood_with_an_enlarged_house():
    body = build_scheme("pr-statehood-enlarged", FED)
    weights = {b.label: b.weight for b in body.blocks}
    pr_seats = weights["PR"] - 2
    assert body.total_weight == 435 + pr_seats + 2 * 51 + 3
    kept = build_scheme("pr-statehood", FED)
    assert sum(b.weight for b in kept.blocks if b.label != "PR") < sum(
        w for c, w in weights.items() if c != "PR"
    )


def test_schemes_without_data_are_reported_not_fatal():
    result = run("compare", "--census", "1990", "--population", "apportionment", "--index", "bz",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    missing = {row["scheme"] for row in data["not_available"]}
    assert missing == {"pr-statehood", "pr-statehood-enlarged"}
    assert any(row["scheme"] == "ec-current" for row in data["schemes"])
    result = run("compare", "--census", "1990", "--population", "apportionment",
                 "--schemes", "pr-statehood")  # fmt: skip
    assert result.exit_code == 1 and "no scheme could be computed" in result.output


def test_every_scheme_is_documented():
    from pathlib import Path

    text = (Path(__file__).resolve().parent.parent / "docs" / "schemes.md").read_text()
    for spec in SCHEMES:
        assert f"`{spec.id}`" in text, spec.id


@pytest.mark.parametrize("scheme", ["ec-proportional", "national-popular-vote"])
@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
def test_states_of_schemes_with_powerless_citizens_or_no_unit_game(scheme, fmt):
    """Zero per-citizen power and undefined unit indices render as n/a (null in JSON)."""
    result = run("states", "--scheme", scheme, "--index", "bz", "--format", fmt)
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)  # strict JSON: no NaN or Infinity
        assert len(data["states"]) == 51
    elif fmt == "csv":
        assert "nan" not in result.output and "inf" not in result.output
    else:
        assert "n/a" in result.output


def test_district_method_in_every_state():
    body = build_scheme("ec-district", FED)
    blocks = {b.label: b for b in body.blocks}
    assert isinstance(blocks["CA"], Split) and blocks["CA"].districts == 52
    assert isinstance(blocks["WY"], Split) and blocks["WY"].districts == 1
    assert isinstance(blocks["DC"], Bloc) and body.total_weight == 538 and body.quota == 270
    result = scheme_power("ec-district", FED)
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-9)
    assert "ec-district" in __import__("votepower.us.alternatives").us.alternatives.DEFAULT_SCHEMES
