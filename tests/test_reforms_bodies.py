"""``votepower reforms --body senate`` and ``--body house`` (the Senate's and the House's
knobs), the fixed-ratio House and the user's own populations in a search."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from test_reforms import _json, _run  # the command line, and its JSON answer

from votepower.request.evaluate import evaluate
from votepower.request.model import Request
from votepower.us.reforms import SenateReform

DATA = Path(__file__).parent / "data"


_SPACE = {
    "body": "senate",
    "senate_seats": "equal,population,square-root,tiers:2000000/6000000/10000000",
    "senate_sizes": "100,150",
    "statehood": "none,dc",
    "cost": "seats,senators=0.5,new-states=10",
}


def _each_is_what_compare_gives(search, current: str) -> None:
    """Every evaluated reform's objective is what ``compare`` gives its scenario, and today's
    is the ``current`` scheme's."""
    scenarios = tuple((f"p{k}", p.reform.scenario()) for k, p in enumerate(search.evaluated))
    compared = evaluate(Request("compare", schemes=(), scenarios=scenarios, index="banzhaf"))
    field = search.objective.field
    for point, result in zip(search.evaluated, compared.results, strict=True):
        assert getattr(result.summaries["banzhaf"], field) == pytest.approx(
            point.objective, rel=1e-9
        ), point.reform
    today = evaluate(Request("compare", schemes=(current,), index="banzhaf"))
    assert search.today.objective == pytest.approx(
        getattr(today.results[0].summaries["banzhaf"], field), rel=1e-9
    )


@pytest.mark.parametrize("objective", ["ratio", "gini", "mean"])
def test_every_senate_reform_is_what_compare_gives_its_scenario(objective):
    search = evaluate(Request("reforms", options={**_SPACE, "objective": objective})).search
    # 3 rules x 2 sizes + 1 tiers, x 2 statehoods; equal seats of 100 or 150 among 51 refused
    assert len(search.evaluated) + len(search.refused) == 14
    assert {(r.seats, r.size, r.dc_statehood) for r, _ in search.refused} == {
        ("equal", 100, True), ("equal", 150, True)
    }  # fmt: skip
    _each_is_what_compare_gives(search, "senate-current")


def test_senate_costs_count_seats_senators_moved_and_new_states():
    search = evaluate(Request("reforms", options=_SPACE)).search
    by = {(p.reform.seats, p.reform.size, p.reform.dc_statehood): p for p in search.evaluated}
    sqrt = by[("square-root", 150, True)]
    assert sqrt.seats == 150 and sqrt.parts["seats"] == 50 and sqrt.parts["new-states"] == 1
    weights = {b.label: b.weight for b in _senate_body(sqrt.reform)}
    moved = sum(abs(weights.get(c, 0) - 2) for c in set(weights) | _fifty()) / 2
    assert sqrt.parts["senators"] == moved
    assert sqrt.cost == 50 + 0.5 * moved + 10
    tiers = by[("tiers", None, False)]
    assert tiers.seats == sum(2 + (n >= 2e6) + (n >= 6e6) + (n >= 10e6) for n in _people())


def _senate_body(reform: SenateReform):
    from votepower.us.scenario import parse_scenario
    from votepower.us.union import federation

    fed = federation(2020, dc_statehood=reform.dc_statehood)
    return parse_scenario(reform.scenario(), "x").build(fed).blocks


def _fifty() -> set[str]:
    from votepower.us.union import federation

    return set(federation(2020).states)


def _people() -> list[int]:
    from votepower.us.union import federation

    fed = federation(2020)
    return [fed.people[c] for c in fed.states]


def test_the_senate_contract_and_its_saved_scenario(tmp_path):
    saved = tmp_path / "senate.toml"
    data = _json("--body", "senate", "--senate-seats", "equal,square-root", "--senate-sizes",
                 "100..104", "--target", "2", "--save", str(saved))  # fmt: skip
    assert data["body"] == "senate"
    assert data["space"] == {"size": 10, "senate_seats": "equal,square-root",
                             "senate_sizes": "100..104", "statehood": "none"}  # fmt: skip
    keys = {"senate_seats", "senate_tiers", "dc_statehood", "pr_statehood", "senate_size",
            "objective", "cost", "cost_seats", "cost_senators", "cost_new_states",
            "scenario"}  # fmt: skip
    assert set(data["chosen"]) == keys and set(data["today"]) == keys
    # each record carries its reform as the scenario --save writes
    saved_table = tomllib.loads(saved.read_text())
    assert {k: saved_table[k] for k in ("name", "body", "senate")} == data["chosen"]["scenario"]
    assert data["today"]["scenario"] == {"name": "Senate, equal seats", "body": "senate"}
    assert data["today"]["senate_size"] == 100 and data["today"]["senate_seats"] == "equal"
    assert data["chosen"]["objective"] <= 2 < data["today"]["objective"]
    compared = _run("compare", "--scenario", str(saved), "--index", "banzhaf", "--format", "json")
    row = json.loads(compared.output)["schemes"][-1]
    assert row["ratio"] == pytest.approx(data["chosen"]["objective"], rel=1e-9)


def test_the_senate_s_text_table():
    result = _run("reforms", "--body", "senate", "--senate-seats",
                  "tiers:1000000/5000000,tiers:1234567")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Today's Senate: 8.2790." in result.output
    table = result.output.split("Objective")[0]
    assert "tiers 1M/5M" in table and "tiers 1,234,567" in table
    assert "exhaustive: all 2 settings of the Senate's knobs" in result.output.replace("\n", " ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--body", "senate", "--house-sizes", "500"], "--house-sizes: a knob of the Electoral"),
        (["--senate-seats", "square-root"], "--senate-seats: a knob of the Senate"),
        (["--body", "senate", "--switch", "district:2"], "--switch: a knob of the Electoral"),
        (["--body", "senate", "--senate-seats", "lottery"], "choose from equal, population"),
        (["--body", "senate", "--senate-seats", "tiers"], "tiers:T1/T2/..."),
        (["--body", "senate", "--senate-seats", "tiers:5/x"], "tiers:T1/T2/..."),
        (["--body", "senate", "--senate-seats", "tiers:9/3"], "each larger than the one"),
        (["--body", "senate", "--senate-seats", "tiers:9", "--senate-sizes", "120"],
         "tiers set their own size"),
        (["--body", "senate", "--senate-sizes", "wyoming-rule"], "not House rules"),
        (["--body", "senate", "--senate-sizes", "0..5"], "sizes run from 1"),
        (["--body", "senate", "--model", "empirical"], "the Senate is searched under the a-priori"),
        (["--body", "parliament"], "'parliament' is not one of"),
        (["--body", "house", "--senatorial-electors", "3"], "a knob of the Electoral College,"),
        (["--body", "house", "--senate-seats", "equal"], "a knob of the Senate, not of the House"),
        (["--body", "senate", "--methods", "adams"], "of the Electoral College or the House"),
        (["--body", "house", "--model", "empirical"], "the House is searched under the a-priori"),
    ],
)  # fmt: skip
def test_senate_option_errors(args, message):
    result = _run("reforms", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output.replace("\n", " ")


def test_a_cost_part_of_the_other_body_is_refused():
    result = _run("reforms", "--body", "senate", "--cost", "electors")
    assert result.exit_code == 1
    assert "the cost part 'electors' is not one of the senate's: seats, senators" in result.output
    result = _run("reforms", "--cost", "senators")
    assert result.exit_code == 1 and "not one of the electoral-college's" in result.output


def test_a_fixed_ratio_house_in_the_search():
    data = _json("--house-sizes", "435,fixed-ratio:500000,fixed-ratio:761179")
    sizes = {r["house_size"]: r["house_seats"] for r in data["evaluated_reforms"]}
    assert sizes == {435: 435, "fixed-ratio:500000": 662, "fixed-ratio:761179": 435}
    # the same 435 seats, apportioned again: the official apportionment
    by = {r["house_size"]: r["objective"] for r in data["evaluated_reforms"]}
    assert by["fixed-ratio:761179"] == pytest.approx(by[435], rel=1e-12)


def test_own_populations_in_the_search(tmp_path):
    """With --population-file the search and compare read the same populations."""
    own = tmp_path / "own.csv"
    text = (DATA / "resident_2020.csv").read_text().replace("TX,29145505", "TX,35000000")
    assert text != (DATA / "resident_2020.csv").read_text()
    own.write_text(text)
    saved = tmp_path / "chosen.toml"
    data = _json("--population-file", str(own), "--house-sizes", "430..440",
                 "--methods", "adams,webster", "--save", str(saved))  # fmt: skip
    assert "own" in data["population_basis"]
    compared = _run("compare", "--population-file", str(own), "--scenario", str(saved),
                    "--index", "banzhaf", "--format", "json")  # fmt: skip
    assert compared.exit_code == 0, compared.output
    row = json.loads(compared.output)["schemes"][-1]
    assert row["ratio"] == pytest.approx(data["chosen"]["objective"], rel=1e-9)
    census = _json("--house-sizes", "430..440", "--methods", "adams,webster")
    assert census["chosen"] != data["chosen"] or census["today"] != data["today"]


@pytest.mark.parametrize("objective", ["ratio", "gini"])
def test_every_house_reform_is_what_compare_gives_its_scenario(objective):
    options = {"body": "house", "house_sizes": "433..437,wyoming-rule,fixed-ratio:600000",
               "methods": "huntington-hill,adams,hamilton", "statehood": "none,dc",
               "objective": objective, "cost": "seats,representatives"}  # fmt: skip
    search = evaluate(Request("reforms", options=options)).search
    assert len(search.evaluated) == 7 * 3 * 2 and not search.refused
    _each_is_what_compare_gives(search, "house-current")
    # representatives moved: half the seats that change hands, from the seat tables
    hamilton = next(p for p in search.evaluated if p.reform.method == "hamilton"
                   and p.reform.house_size == 435 and not p.reform.dc_statehood)  # fmt: skip
    assert hamilton.parts["seats"] == 0
    assert hamilton.parts["representatives"] == _moved("hamilton") > 0


def _moved(method: str) -> float:
    from votepower.us.alternatives import house_seats
    from votepower.us.union import federation

    fed = federation(2020)
    today, other = house_seats(fed), house_seats(fed, method=method)
    return sum(abs(today[c] - other[c]) for c in today) / 2


def test_the_house_contract():
    data = _json("--body", "house", "--house-sizes", "430..440", "--methods", "adams,webster")
    assert data["body"] == "house"
    assert data["space"] == {"size": 22, "house_sizes": "430..440", "methods": "adams,webster",
                             "statehood": "none"}  # fmt: skip
    keys = {"house_size", "method", "dc_statehood", "pr_statehood", "house_seats", "objective",
            "cost", "cost_seats", "cost_representatives", "cost_new_states",
            "scenario"}  # fmt: skip
    assert set(data["today"]) == keys and set(data["frontier"][0]) == keys
    result = _run("reforms", "--body", "house", "--house-sizes", "435", "--methods", "adams")
    assert "Today's House: 1.3513." in result.output


def test_a_space_with_no_reform_that_can_be_evaluated_is_an_error():
    result = _run("reforms", "--body", "senate", "--senate-sizes", "1..5")
    assert result.exit_code == 1
    assert (
        "no reform of the 5 in the space could be evaluated; the first, Senate, equal "
        "seats, 1 in all: reform: senate.size: 1 Senate seats do not divide" in result.output
    )


def test_link_prints_the_search_s_address_and_refuses_what_shapes_an_answer(tmp_path):
    result = _run("reforms", "--body", "senate", "--senate-seats", "square-root", "--link")
    assert result.exit_code == 0
    assert result.output.startswith("http://127.0.0.1:8000/?cmd=reforms&")
    assert "o.senate_seats=%22square-root%22" in result.output
    for extra in (["--save", str(tmp_path / "x.toml")], ["--plot", str(tmp_path / "x.png")],
                  ["--format", "json"]):  # fmt: skip
        result = _run("reforms", "--link", *extra)
        assert result.exit_code == 2 and "cannot be combined with it" in result.output
        assert not (tmp_path / "x.toml").exists()


def test_a_save_path_that_cannot_hold_a_scenario_is_refused_before_the_search(tmp_path):
    result = _run("reforms", "--save", str(tmp_path / "x.txt"))
    assert result.exit_code == 2 and "must end in .toml" in result.output
    result = _run("reforms", "--save", str(tmp_path / "nowhere" / "x.toml"))
    assert result.exit_code == 1 and "cannot write" in result.output
    assert "The frontier" not in result.output
