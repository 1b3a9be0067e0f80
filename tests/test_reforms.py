"""``votepower reforms``: the frontier is non-dominated (hypothesis), its points are what
``compare`` gives their saved scenarios, the search equals evaluating each reform on its own,
and bad options get one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower.request.evaluate import evaluate
from votepower.request.model import Request, RequestError
from votepower.ui.cli import main
from votepower.us.reforms import OBJECTIVES, Evaluated, Reform, frontier


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def _json(*args: str) -> dict:
    result = _run("reforms", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# --------------------------------------------------------------------------------------------
# the frontier
# --------------------------------------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 20), st.integers(0, 30)), min_size=1, max_size=40),
    st.sampled_from(["ratio", "mean"]),
)
def test_the_frontier_is_the_set_of_non_dominated_points(pairs, objective):
    spec = OBJECTIVES.get(objective)
    points = [
        Evaluated(Reform(435 + k), float(value), 435 + k, {}, float(cost))
        for k, (cost, value) in enumerate(pairs)
    ]
    front = frontier(points, spec)

    def better(a: float, b: float) -> bool:
        return a < b if spec.lower else a > b

    def dominated(p: Evaluated) -> bool:
        return any(
            q.cost <= p.cost and not better(p.objective, q.objective)
            and (q.cost < p.cost or better(q.objective, p.objective))
            for q in points
        )  # fmt: skip

    # every frontier point is non-dominated, every non-dominated value pair is on it once
    assert all(not dominated(p) for p in front)
    wanted = {(p.cost, p.objective) for p in points if not dominated(p)}
    assert {(p.cost, p.objective) for p in front} == wanted
    assert len(front) == len(wanted)
    assert [p.cost for p in front] == sorted(p.cost for p in front)


# --------------------------------------------------------------------------------------------
# the search against compare
# --------------------------------------------------------------------------------------------
def test_the_contract_and_the_saved_scenario(tmp_path):
    saved = tmp_path / "F.toml"
    data = _json("--house-sizes", "300..460", "--methods", "hamilton,webster,huntington-hill",
                 "--objective", "ratio", "--index", "banzhaf", "--target", "3.0",
                 "--save", str(saved))  # fmt: skip
    assert data["space"]["size"] == 161 * 3 and data["evaluated"] == 483
    keys = {"house_size", "method", "objective", "cost"}
    assert data["frontier"] and all(keys <= set(p) for p in data["frontier"])
    chosen = data["chosen"]
    assert chosen is not None and chosen["objective"] <= 3.0
    # the cheapest reaching the target: no frontier point cheaper reaches it
    assert all(p["objective"] > 3.0 for p in data["frontier"] if p["cost"] < chosen["cost"])
    # the saved scenario, compared, has the same objective
    compared = _run("compare", "--scenario", str(saved), "--schemes", "ec-current",
                    "--index", "banzhaf", "--format", "json")  # fmt: skip
    assert compared.exit_code == 0, compared.output
    row = next(r for r in json.loads(compared.output)["schemes"] if r["scheme"] != "ec-current")
    assert row["ratio"] == pytest.approx(chosen["objective"], rel=1e-9)
    today = next(r for r in json.loads(compared.output)["schemes"] if r["scheme"] == "ec-current")
    assert today["ratio"] == pytest.approx(data["today"]["objective"], rel=1e-9)


@pytest.mark.parametrize("objective", ["ratio", "gini", "mean"])
def test_frontier_points_are_what_compare_gives_them(objective):
    """Every frontier point of a mixed space, written as a scenario and compared."""
    request = Request(
        "reforms",
        options={
            "house_sizes": "435,500,wyoming-rule",
            "methods": "webster,adams",
            "senatorial_electors": "0,2",
            "statehood": "none,dc",
            "objective": objective,
            "cost": "seats,new-states=20",
        },  # fmt: skip
    )
    search = evaluate(request).search
    assert len(search.evaluated) == 3 * 2 * 2 * 2
    field = OBJECTIVES.get(objective).field
    scenarios = tuple((f"p{k}", p.reform.scenario()) for k, p in enumerate(search.frontier))
    compared = evaluate(Request("compare", schemes=(), scenarios=scenarios, index="banzhaf"))
    for point, result in zip(search.frontier, compared.results, strict=True):
        value = getattr(result.summaries["banzhaf"], field)
        assert value == pytest.approx(point.objective, rel=1e-9), point.reform


def test_shapley_shubik_and_other_rules():
    data = _json("--house-sizes", "435", "--elector-rules", "winner-take-all,district",
                 "--index", "shapley-shubik", "--cost", "states")  # fmt: skip
    assert data["index"] == "shapley-shubik" and data["evaluated"] == 2
    district = [p for p in data["frontier"] if p["elector_rule"] == "district"]
    if district:  # the district rule changes every state but Maine and Nebraska
        assert district[0]["cost_states"] == 48


def test_deterministic():
    args = ("--house-sizes", "430..445", "--methods", "dean,jefferson", "--objective", "gini")
    assert _json(*args) == _json(*args)


# --------------------------------------------------------------------------------------------
# bad options
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--house-sizes", "500..400"], "the range runs backwards"),
        (["--house-sizes", "x"], "a number of seats, a range"),
        (["--house-sizes", "0..10"], "sizes run from 1"),
        (["--methods", "borda"], "borda"),
        (["--objective", "happiness"], "happiness"),
        (["--cost", "money"], "money"),
        (["--cost", "seats=-1"], "a number of 0 or more"),
        (["--statehood", "guam"], "choose from none, dc, pr, dc+pr"),
        (["--elector-rules", "lottery"], "lottery"),
        (["--senatorial-electors", "two"], "whole numbers"),
        (["--index", "bz", "--model", "empirical"], "--index applies to --model apriori"),
    ],
)
def test_bad_options_are_one_line_usage_errors(args, message):
    result = _run("reforms", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def test_a_space_past_the_budget_is_refused_before_any_work():
    result = _run("reforms", "--house-sizes", "435..1500", "--methods",
                  "webster,adams", "--budget", "1000")  # fmt: skip
    assert result.exit_code == 1
    assert "2,132 reforms, past the work budget of 1,000" in result.output


def test_a_target_no_reform_reaches():
    data = _json("--house-sizes", "435..440", "--target", "1.5")
    assert data["chosen"] is None and "no reform of the 6" in data["why_none"]
    result = _run("reforms", "--house-sizes", "435..440", "--target", "1.5", "--save", "x.toml")
    assert result.exit_code == 1 and "nothing to save" in result.output


def test_the_request_refuses_bad_options_directly():
    with pytest.raises(RequestError, match="a text"):
        Request("reforms", options={"house_sizes": 435})
    with pytest.raises(RequestError, match="one index"):
        Request("reforms", index="all")


# --------------------------------------------------------------------------------------------
# sets of states
# --------------------------------------------------------------------------------------------
_SMALL = "CA,TX,FL,NY,PA,WY,VT,AK,ME,NE"


def _best_by_cost(data: dict) -> dict[float, float]:
    return {p["cost"]: p["objective"] for p in data["frontier"]}


@pytest.mark.parametrize("rule", ["district", "proportional"])
def test_greedy_sets_never_beat_every_set_and_match_it_for_one_state(rule):
    common = ("--states", _SMALL, "--switch", f"{rule}:2", "--cost", "states",
              "--objective", "gini")  # fmt: skip
    every = _json(*common)
    assert every["search"].startswith("exhaustive")
    greedy = _json(*common, "--budget", "40")
    assert greedy["search"].startswith("greedy with exchange")
    best, found = _best_by_cost(every), _best_by_cost(greedy)
    for cost, value in found.items():
        # the frontier's best at each cost: the exhaustive one is at least as good
        better_or_equal = [v for c, v in best.items() if c <= cost]
        assert min(better_or_equal) <= value + 1e-15
    one = {c: v for c, v in best.items() if c <= 1}
    assert {c: v for c, v in found.items() if c <= 1} == one


def test_a_greedy_set_is_a_local_optimum():
    """No single exchange improves the greedy set of each size (checked against every set)."""
    from votepower.us.reforms.sets import exhaustive_sets, greedy_sets

    weights = {"A": 5.0, "B": -3.0, "C": 2.0, "D": -1.0, "E": 4.0, "F": -2.5}

    def score(combo):  # a made-up objective with interactions
        total = sum(weights[c] for c in combo)
        return total + (1.5 if {"B", "D"} <= set(combo) else 0.0)

    codes = list(weights)
    found, spent = greedy_sets(codes, 3, lambda c: (tuple(sorted(c)), score(c)),
                               lambda a, b: a[1] < b[1], 10_000)  # fmt: skip
    every = exhaustive_sets(codes, 3, lambda c: (tuple(sorted(c)), score(c)))
    assert spent == len(found) <= len(every)
    for size in (1, 2, 3):
        mine = min((r for r in found if len(r[0]) == size), key=lambda r: r[1])
        exchanges = [
            r for r in every
            if len(r[0]) == size and len(set(r[0]) ^ set(mine[0])) == 2
        ]  # fmt: skip
        assert all(r[1] >= mine[1] for r in exchanges)
        assert min(r[1] for r in every if len(r[0]) == size) <= mine[1]


def test_set_reforms_are_what_compare_gives_their_scenarios():
    request = Request(
        "reforms",
        union=__import__("votepower.request.parts", fromlist=["Union"]).Union(
            states=tuple(_SMALL.split(","))
        ),
        options={"switch": "district:2", "cost": "states", "objective": "ratio"},
    )
    search = evaluate(request).search
    assert any(p.reform.by_state for p in search.frontier) or len(search.frontier) == 1
    scenarios = tuple((f"p{k}", p.reform.scenario()) for k, p in enumerate(search.frontier))
    compared = evaluate(
        Request(
            "compare", schemes=(), scenarios=scenarios, index="banzhaf", union=request.union
        )  # fmt: skip
    )
    for point, result in zip(search.frontier, compared.results, strict=True):
        assert result.summaries["banzhaf"].ratio == pytest.approx(point.objective, rel=1e-9)


def test_switch_option_errors():
    assert "RULE:K" in _run("reforms", "--switch", "district").output
    assert (
        "choose winner-take-all, district or proportional"
        in _run("reforms", "--switch", "lottery:2").output
    )


def test_the_plot_draws_the_frontier_and_the_maps(tmp_path):
    pytest.importorskip("matplotlib")
    target = tmp_path / "frontier.png"
    result = _run("reforms", "--house-sizes", "420..450", "--methods", "adams,webster",
                  "--target", "3.5", "--plot", str(target))  # fmt: skip
    assert result.exit_code == 0, result.output
    for path in (target, tmp_path / "frontier-map.png"):
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    bad = _run("reforms", "--plot", str(tmp_path / "x.gif"))
    assert bad.exit_code == 1 and "suffix" in bad.output


def test_the_empirical_model_s_objectives():
    assert "add --model empirical" in _run("reforms", "--objective", "inversion").output
    assert (
        "--index applies to --model apriori"
        in _run("reforms", "--model", "empirical", "--index", "bz").output
    )
    data = _json("--model", "empirical", "--house-sizes", "435,436", "--methods",
                 "huntington-hill,adams", "--objective", "inversion")  # fmt: skip
    assert data["index"] == "empirical" and data["frontier"]
    # each frontier point is compare --model empirical's figure for its scenario
    scenarios = tuple(
        (f"p{k}", Reform(p["house_size"], p["method"]).scenario())
        for k, p in enumerate(data["frontier"])
    )
    from votepower.request.model import Model

    compared = evaluate(
        Request("compare", schemes=(), scenarios=scenarios, model=Model(name="empirical"))
    )
    for point, row in zip(data["frontier"], compared.results, strict=True):
        assert row.summary.inversion_probability == pytest.approx(point["objective"], rel=1e-12)
