"""``votepower design``: the designs' figures recomputed independently, small unions against
exhaustive search, and the design's invariances."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower import WeightedGame
from votepower.citizens import Bloc, TwoTierBody, citizen_power, decisive_probability
from votepower.games.power.enumerate import banzhaf_swings
from votepower.ui.cli import main
from votepower.us.alternatives import federation
from votepower.us.design import DesignError, design, frontier, square_root_weights
from votepower.us.scenario import load_scenario

SMALL = {"A": 9_000_000, "B": 5_000_000, "C": 3_000_000, "D": 2_000_000, "E": 700_000}


def test_figures_are_recomputed_by_the_two_tier_engine():
    """The design's per-citizen power, ratio and mean come out of the existing model built from
    its weights and quota, not from the optimizer's own numbers."""
    fed = federation(2020, states=("CA", "TX", "NY", "WY", "VT", "NE", "OR", "KS", "ME", "DE"))
    d = design(dict(fed.people), 5_000, evaluations=3_000)
    blocks = tuple(Bloc(c, w, fed.people[c]) for c, w in zip(d.members, d.weights, strict=True))
    result = citizen_power(TwoTierBody("check", blocks, d.quota), shapley_shubik_values=False)
    values = [result[c].citizen_banzhaf for c in d.members]
    assert values == pytest.approx(list(d.citizen_power), rel=1e-9)
    assert max(values) / min(values) == pytest.approx(d.ratio, rel=1e-9)
    mean = sum(v * fed.people[c] for v, c in zip(values, d.members, strict=True))
    mean /= sum(fed.people.values())
    assert mean / result.direct_banzhaf == pytest.approx(d.mean_relative_to_direct, rel=1e-9)
    assert d.ratio <= d.baseline.ratio
    assert sum(d.weights) <= 5_000 and 2 * d.quota > sum(d.weights)


def _brute_ratio(people, weights, quota):
    swings = banzhaf_swings(weights, quota)
    power = [decisive_probability(p) * s for p, s in zip(people, swings, strict=True)]
    return math.inf if min(power) == 0 else max(power) / min(power)


@pytest.mark.parametrize("members", [3, 4, 5])
def test_small_unions_nothing_better_by_exhaustive_search(members):
    """Every weight vector with entries 1..B (sum within the bound) and every proper quota,
    by brute force over coalitions (power.enumerate): none beats the design."""
    people = list(SMALL.values())[:members]
    bound = {3: 12, 4: 6, 5: 4}[members]
    total_weight = members * bound
    d = design(dict(zip(list(SMALL)[:members], people, strict=True)), total_weight)
    best = math.inf
    for weights in itertools.product(range(1, bound + 1), repeat=members):
        total = sum(weights)
        for quota in range(total // 2 + 1, total + 1):
            best = min(best, _brute_ratio(people, list(weights), quota))
    assert d.ratio <= best * (1 + 1e-12)
    assert _brute_ratio(people, list(d.weights), d.quota) == pytest.approx(d.ratio, rel=1e-9)


@settings(max_examples=12, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["AA", "BB", "CC", "DD", "EE", "FF", "GG"]),
        st.integers(1_000, 5_000_000),
        min_size=2,
        max_size=7,
    ),
    st.integers(20, 400),
    st.randoms(use_true_random=False),
)
def test_a_valid_game_for_any_union_and_permutation_equivariant(people, total, rng):
    if len(set(people.values())) < len(people):
        return  # equal populations: the members are interchangeable, any assignment is right
    total = max(total, len(people))
    d = design(people, total, evaluations=400)
    assert min(d.weights) >= 1 and sum(d.weights) <= total
    assert sum(d.weights) < 2 * d.quota <= 2 * sum(d.weights)
    WeightedGame(d.weights, d.quota)  # a valid game
    order = list(people)
    rng.shuffle(order)
    shuffled = design({m: people[m] for m in order}, total, evaluations=400)
    assert shuffled.members == tuple(order)
    assert shuffled.as_dict() == d.as_dict() and shuffled.quota == d.quota


def test_square_root_baseline_and_fixed_quota():
    weights = square_root_weights([4_000_000, 1_000_000, 250_000], 70)
    assert weights == [40, 20, 10]
    d = design(SMALL, 100, quota=0.75)
    assert d.quota == math.ceil(Fraction(3, 4) * d.total_weight)
    fixed = design(SMALL, 100, quota=40)
    assert fixed.quota == 40 and fixed.total_weight < 80  # a proper game
    with pytest.raises(DesignError, match="does not fit"):
        design(SMALL, 100, quota=500)
    with pytest.raises(DesignError, match="at least 1"):
        design(SMALL, 3)
    with pytest.raises(DesignError, match="equalizes"):
        design(SMALL, 100, index="johnston")


def test_frontier_trades_equality_for_the_power_to_act():
    designs = frontier(SMALL, 200, shares=(0.5, 0.7, 0.9), evaluations=1_500)
    acts = [d.power_to_act for d in designs]
    assert acts[0] > acts[1] > acts[2]  # a higher quota passes less
    assert all(0.5 < d.quota / d.total_weight <= 0.91 for d in designs)


def test_cli_design_save_and_compare(tmp_path):
    runner = CliRunner()
    path = tmp_path / "council.toml"
    args = ["design", "--states", "CA,TX,NY,WY,VT,NE", "--total-weight", "2000",
            "--save", str(path), "--format", "json"]  # fmt: skip
    out = runner.invoke(main, args)
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert set(data["weights"]) == {"CA", "TX", "NY", "WY", "VT", "NE"}
    assert data["quota"] * 2 > sum(data["weights"].values())
    assert data["ratio"] <= data["baseline"]["ratio"]
    scenario = load_scenario(path)
    body = scenario.build(scenario.federation(2020, "resident"))
    assert {b.label: b.weight for b in body.blocks} == data["weights"]
    assert body.quota == data["quota"]
    compared = runner.invoke(main, ["compare", "--scenario", str(path), "--index", "banzhaf",
                                    "--format", "json"])  # fmt: skip
    assert compared.exit_code == 0, compared.output
    rows = {r["scheme"]: r for r in json.loads(compared.output)["schemes"]}
    assert rows["scenario:council"]["ratio"] == pytest.approx(data["ratio"], rel=1e-9)
    clash = runner.invoke(main, ["compare", "--states", "CA,TX", "--scenario", str(path)])
    assert clash.exit_code == 2 and "--states and the [members]" in clash.output


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["--total-weight", "0"], 2, "0 is not in the range"),
        (["--quota", "1/3"], 2, "above 1/2"),
        (["--quota", "abc"], 2, "not a number"),
        (["--frontier", "--quota", "2/3"], 2, "--frontier makes many"),
        (["--save", "x.txt"], 2, "must end in .toml"),
        (["--total-weight", "2000000"], 1, "at most 1,000,000"),
        (["--states", "CA,WY", "--total-weight", "1"], 1, "at least 1"),
        (["--index", "ss", "--total-weight", "60000"], 1, "at most 50,000"),
    ],
)
def test_cli_errors(args, status, message):
    out = CliRunner().invoke(main, ["design", *args])
    assert out.exit_code == status, out.output
    assert message in out.output
    assert "Traceback" not in out.output


def test_golden_design_table():
    from conftest import check_golden

    out = CliRunner().invoke(main, ["design", "--states", "CA,TX,NY,WY,VT,NE",
                                    "--total-weight", "2000", "--target", "1.001"])  # fmt: skip
    assert out.exit_code == 0, out.output
    check_golden("design_six.txt", out.output)


def test_rule_design_against_the_rule_chamber():
    """The double majority's swing table equals the win table's Banzhaf indices, and the chosen
    rule's per-citizen figures equal the rule chamber's (an independent engine)."""
    import numpy as np

    from votepower.citizens import RuleChamber
    from votepower.games.multigame import MultiCriteriaGame
    from votepower.games.power.classic import power_index
    from votepower.us.design.rule import _coalitions, _swing_table, design_rule, rule_game

    fed = federation(2020, states=("CA", "TX", "NY", "OH", "OR", "NE", "ME", "WY", "VT", "ND"))
    people = np.array(list(fed.people.values()), dtype=float)
    inside = _coalitions(len(people), 0, 0)  # ten members: every coalition
    thresholds = np.ceil(np.array([0.5, 0.62, 0.8]) * people.sum())
    table = _swing_table(inside, people, thresholds)
    for k in (6, 7, 9):
        for j, threshold in enumerate(thresholds):
            game = MultiCriteriaGame(
                {"population": list(people)}, f"members >= {k} and population >= {int(threshold)}"
            )
            exact = power_index(game, "banzhaf", exact=True).absolute
            # each coalition of the others is counted twice, once with b and once without,
            # over 2^n coalitions: the absolute index
            assert list(table[:, k, j]) == pytest.approx([float(x) for x in exact])
    d = design_rule(dict(fed.people))
    assert d.relative_error == 0 and d.member_threshold > len(people) // 2
    chamber = RuleChamber("check", rule_game(d), tuple(fed.people.values()),
                          (1,) * len(people))  # fmt: skip
    result = citizen_power(chamber, shapley_shubik_values=False)
    values = [result[c].citizen_banzhaf for c in d.members]
    assert max(values) / min(values) == pytest.approx(d.ratio, rel=1e-9)


def test_cli_rule_design(tmp_path):
    runner = CliRunner()
    path = tmp_path / "rule.toml"
    out = runner.invoke(main, ["design", "--rule", "--states", "CA,TX,NY,OH,WY,VT",
                               "--save", str(path), "--format", "json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["rule"].startswith("members >= ") and data["relative_error"] == 0
    compared = runner.invoke(main, ["compare", "--scenario", str(path), "--index", "banzhaf",
                                    "--format", "json"])  # fmt: skip
    assert compared.exit_code == 0, compared.output
    rows = {r["scheme"]: r for r in json.loads(compared.output)["schemes"]}
    assert rows["scenario:rule"]["ratio"] == pytest.approx(data["ratio"], rel=1e-6)
    refused = runner.invoke(main, ["design", "--rule", "--quota", "2/3"])
    assert refused.exit_code == 2 and "belong to weighted designs" in refused.output


def test_no_design_depends_on_the_clock(monkeypatch):
    """Under a clock running 2.5 times fast (a machine 2.5 times slower, inside the 10x safety
    net) the design and the frontier are byte for byte the same; at 10,000 times the safety net
    binds and the command fails with a message instead of answering differently."""
    import time

    from click.testing import CliRunner

    from votepower.ui.cli import main
    from votepower.us.design import search

    args = [
        ["design", "--states", "CA,TX,FL,NY,PA,WY,VT,AK", "--max-seconds", "0.5",
         "--format", "json"],
        ["design", "--frontier", "--states", "CA,TX,WY,VT,NY", "--max-seconds", "0.5",
         "--format", "json"],
    ]  # fmt: skip
    plain = [CliRunner().invoke(main, a).output for a in args]
    real = time.monotonic
    start = real()

    def clock(factor):
        return lambda: start + factor * (real() - start)

    monkeypatch.setattr(search.time, "monotonic", clock(2.5))
    assert [CliRunner().invoke(main, a).output for a in args] == plain
    monkeypatch.setattr(search.time, "monotonic", clock(1e4))
    result = CliRunner().invoke(main, args[0])
    assert result.exit_code == 1 and "safety net" in result.output, result.output


def test_fifty_states_reach_the_rounding_limit_over_quota_shares():
    """The 50 states + DC (2020, resident) at a total of 50,000: an independent search at quota
    share 0.59 found weights (total 48,523, quota 28,591) with max/min 1.0014803; the design
    scans the quota shares and must do at least as well, and the rounding limit it reports
    (over the shapes of the best shares) must not be beaten by its own design."""
    from votepower.us.design import rounding_floor
    from votepower.us.union import federation

    people = dict(federation().people)
    result = design(people, 50_000)
    assert result.ratio <= 1.00148
    assert result.total_weight <= 50_000
    width, smallest, _ = rounding_floor(result)
    assert smallest == "WY"
    assert 1 + width <= result.ratio
