"""Multi-criteria games and the classic indices: the win table against brute force from the
definitions, the indices' axioms, and their known paradoxes pinned."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from conftest import games
from hypothesis import example, given, settings
from hypothesis import strategies as st

from votepower import WeightedGame
from votepower.core.errors import InvalidGameError, MethodNotApplicableError, ResourceLimitError
from votepower.core.registry import INDICES
from votepower.games.multigame import MultiCriteriaGame
from votepower.games.power import generating
from votepower.games.power.classic import CLASSIC_INDICES, power_index

ALL = [spec.id for spec in INDICES]


def reference(game):
    """Every index straight from its definition, by listing all coalitions (no shared code with
    the win table: membership from Python sets, the rule from ``game.is_winning``)."""
    n = game.n
    players = range(n)
    wins = {}
    for mask in range(1 << n):
        wins[mask] = game.is_winning([i for i in players if mask >> i & 1])
    swings = [0] * n
    pivots = [0] * n
    minimal = [0] * n
    deegan = [Fraction(0)] * n
    johnston = [Fraction(0)] * n
    minimal_total = 0
    for mask, won in wins.items():
        if not won:
            continue
        members = [i for i in players if mask >> i & 1]
        critical = [i for i in members if not wins[mask & ~(1 << i)]]
        k = len(members)
        for i in critical:
            swings[i] += 1
            pivots[i] += math.factorial(k - 1) * math.factorial(n - k)
            johnston[i] += Fraction(1, len(critical))
        if len(critical) == k:
            minimal_total += 1
            for i in members:
                minimal[i] += 1
                deegan[i] += Fraction(1, k)
    winning = sum(wins.values())
    total_swings = sum(swings)
    out = {
        "banzhaf": [Fraction(s, 2 ** (n - 1)) for s in swings],
        "banzhaf_normalized": [Fraction(s, total_swings) for s in swings],
        "shapley-shubik": [Fraction(p, math.factorial(n)) for p in pivots],
        "coleman-prevent": [Fraction(s, winning) for s in swings],
        "coleman-initiate": [Fraction(s, 2**n - winning) for s in swings],
        "holler-packel": [Fraction(m, sum(minimal)) for m in minimal],
        "deegan-packel": [d / minimal_total for d in deegan],
        "johnston": [j / sum(johnston) for j in johnston],
    }
    return out, {"winning": winning, "minimal": minimal_total, "swings": swings}


def values(result, index):
    return list(result.absolute if index == "banzhaf" else result.values)


@st.composite
def rule_games(draw, max_n=9):
    """Multi-criteria games (up to 12 players by default): two or three criteria, AND/OR rules
    with quotas and blocking minorities, shares and absolute values."""
    n = draw(st.integers(1, max_n))
    criteria = draw(st.integers(2, 3))
    names = ["population", "votes", "seats"][:criteria]
    weights = {
        name: draw(st.lists(st.integers(0, 30), min_size=n, max_size=n)) for name in names
    }
    for name in names:
        if sum(weights[name]) == 0:
            weights[name][0] = 1
    atoms = []
    for _ in range(draw(st.integers(1, 4))):
        name = draw(st.sampled_from([*names, "members"]))
        if draw(st.booleans()):
            share = draw(st.integers(1, 100))
            atoms.append(f"{name} {draw(st.sampled_from(['>=', '>']))} {share}%")
        else:
            atoms.append(f"blocking {name} {draw(st.sampled_from(['<', '<=']))} "
                         f"{draw(st.integers(0, 60))}")  # fmt: skip
    rule = atoms[0]
    for atom in atoms[1:]:
        rule = f"({rule}) {draw(st.sampled_from(['and', 'or']))} {atom}"
    try:
        return MultiCriteriaGame(weights, rule)
    except InvalidGameError:
        return MultiCriteriaGame(weights, "members > 50%")


@settings(max_examples=60, deadline=None)
@given(rule_games(max_n=12))
@example(MultiCriteriaGame({"population": [5, 3, 1]}, "members >= 2 and population >= 60%"))
@example(MultiCriteriaGame({"population": [2, 1, 1, 1, 1, 1, 1, 1]}, "blockers < 3"))
def test_every_index_of_a_rule_game_equals_the_definition(game):
    expected, facts = reference(game)
    for index in ALL:
        result = power_index(game, index, exact=True)
        assert values(result, index) == expected[index], index
    assert power_index(game, "banzhaf", exact=True).swings == tuple(facts["swings"])
    prevent = power_index(game, "coleman-prevent", exact=True)
    assert prevent.fact("winning_coalitions") == facts["winning"]
    assert prevent.fact("power_to_act") == Fraction(facts["winning"], 2**game.n)
    minimal = power_index(game, "holler-packel", exact=True)
    assert minimal.fact("minimal_winning_coalitions") == facts["minimal"]


@settings(max_examples=40, deadline=None)
@given(games(max_n=11))
@example(([9, 9, 7, 3, 1, 1], 16))
@example(([0, 0, 5], 5))
@example(([1], 1))
def test_every_index_of_a_weighted_game_equals_the_definition(game):
    weights, quota = game
    g = WeightedGame(weights, quota)
    expected, facts = reference(g)
    for index in ALL:
        for method in ("win-table", None):
            if method is None and index not in ("banzhaf", "shapley-shubik", *CLASSIC_INDICES[:2]):
                continue
            result = power_index(g, index, exact=True, method=method)
            assert values(result, index) == expected[index], (index, method)
    assert generating.winning_count(g.integer_weights, g.integer_quota) == facts["winning"]


@settings(max_examples=15, deadline=None)
@given(games(min_n=13, max_n=20, max_weight=1000))
def test_win_table_equals_the_generating_function_on_larger_games(game):
    """Beyond 16 players the table is built in blocks of high players' subsets."""
    weights, quota = game
    g = WeightedGame(weights, quota)
    for index in ("banzhaf", "shapley-shubik", "coleman-initiate"):
        table = power_index(g, index, exact=True, method="win-table")
        fast = power_index(g, index, exact=True)
        assert values(table, index) == values(fast, index)


# -- axioms ------------------------------------------------------------------------------------
@settings(max_examples=40, deadline=None)
@given(rule_games(max_n=8))
def test_efficiency_symmetry_and_null_players(game):
    swings = power_index(game, "banzhaf", exact=True).swings
    for index in ALL:
        result = power_index(game, index, exact=True)
        v = values(result, index)
        if index in ("shapley-shubik", "holler-packel", "deegan-packel", "johnston"):
            assert sum(v) == 1, index
        for i in range(game.n):
            if swings[i] == 0:  # a null player has no power by any index
                assert v[i] == 0, index
            for j in range(i):
                twins = all(column[i] == column[j] for column in game.weights)
                if twins:
                    assert v[i] == v[j], index


@settings(max_examples=60, deadline=None)
@given(games(max_n=8, zeros=False))
def test_monotone_indices_never_rank_a_heavier_player_lower(game):
    """Local monotonicity in weighted games: Banzhaf, Shapley-Shubik, Coleman and Johnston."""
    weights, quota = game
    g = WeightedGame(weights, quota)
    for spec in INDICES:
        if not spec.monotone:
            continue
        v = values(power_index(g, spec.id, exact=True), spec.id)
        for i in range(g.n):
            for j in range(g.n):
                if weights[i] > weights[j]:
                    assert v[i] >= v[j], (spec.id, i, j)


def test_holler_packel_and_deegan_packel_paradox():
    """Holler (1982): in [51; 35, 20, 15, 15, 15] the player of weight 20 belongs to fewer
    minimal winning coalitions than those of weight 15, so both minimal-coalition indices give
    it less."""
    g = WeightedGame([35, 20, 15, 15, 15], 51)
    hp = power_index(g, "holler-packel", exact=True)
    assert hp.values == (Fraction(4, 15), Fraction(2, 15), Fraction(1, 5), Fraction(1, 5),
                         Fraction(1, 5))  # fmt: skip
    assert hp.counts == (4, 2, 3, 3, 3)
    dp = power_index(g, "deegan-packel", exact=True)
    assert dp.values[1] == Fraction(3, 20) < dp.values[2] == Fraction(11, 60)
    assert not INDICES.get("holler-packel").monotone and not INDICES.get("deegan-packel").monotone
    bz = power_index(g, "banzhaf", exact=True)
    assert bz.swings[1] >= bz.swings[2]


def test_literature_values():
    """UN Security Council (5 permanent members of weight 7, 10 elected of weight 1, quota 39):
    210 minimal winning coalitions (the five with four elected); Deegan-Packel and Holler-Packel
    1/9 and 2/45. Nassau County 1964 [16; 9, 9, 7, 3, 1, 1]: 32 winning coalitions."""
    un = WeightedGame([7] * 5 + [1] * 10, 39)
    for index in ("deegan-packel", "holler-packel"):
        r = power_index(un, index, exact=True)
        assert (r.values[0], r.values[-1]) == (Fraction(1, 9), Fraction(2, 45))
        assert r.fact("minimal_winning_coalitions") == 210
    nassau = WeightedGame([9, 9, 7, 3, 1, 1], 16)
    prevent = power_index(nassau, "coleman-prevent", exact=True)
    assert prevent.fact("winning_coalitions") == 32
    assert prevent.values[:3] == (Fraction(1, 2),) * 3 and prevent.values[3] == 0
    assert prevent.fact("power_to_act") == Fraction(1, 2)


# -- rules and models --------------------------------------------------------------------------
def test_rule_language():
    g = MultiCriteriaGame(
        {"population": [10, 9, 8, 1]}, "population >= 65% and members >= 55% or blockers < 2"
    )
    assert str(g.rule) == "(population >= 65% and members >= 55%) or blockers < 2"
    assert g.is_winning([0, 1, 2])  # three of four members, 27 of 28: and also "blockers < 2"
    assert not g.is_winning([0, 1])  # 2 of 4 members is below 55%
    assert g.is_winning([0, 1, 3]) and not g.is_winning([1, 2])  # 20 of 28; 17 of 28
    for bad, message in [
        ("members <= 3", "lose by gaining a member"),
        ("blocking members >= 3", "bounded from above"),
        ("population = 5", "use >="),
        ("people >= 5", "not a criterion"),
        ("population >= 150%", "between 0 and 100%"),
        ("(population >= 5", "not closed"),
        ("population >= 5 xor", "unexpected"),
        ("", "empty"),
        ("population >= 0", "empty coalition wins"),
        ("population > 100%", "no coalition wins"),
    ]:
        with pytest.raises(InvalidGameError, match=message):
            MultiCriteriaGame({"population": [10, 9, 8, 1]}, bad)


def test_model_validation():
    with pytest.raises(InvalidGameError, match="reserved"):
        MultiCriteriaGame({"members": [1, 2]}, "members >= 1")
    with pytest.raises(InvalidGameError, match="has 1 weights"):
        MultiCriteriaGame({"a": [1, 2], "b": [1]}, "a >= 1")
    with pytest.raises(InvalidGameError, match="negative"):
        MultiCriteriaGame({"a": [1, -2]}, "a >= 1")
    with pytest.raises(InvalidGameError, match="used twice"):
        MultiCriteriaGame({"a": [1, 2]}, "a >= 1", labels=["x", "x"])
    g = MultiCriteriaGame({"a": ["1/3", "2/3", 0.5]}, "a > 1/2")
    assert g.integer_weights[0] == (2, 4, 3)
    assert g.is_winning([1, 2]) and not g.is_winning([1])  # 7/6 > 3/4 > 2/3


def test_limits_and_methods_are_refused_before_computing():
    fine = [10**9 + 7 * i for i in range(31)]  # a criterion too fine for the programme
    big = MultiCriteriaGame({"a": fine}, "a > 50% and members >= 16")
    with pytest.raises(ResourceLimitError, match="at most 30 players; use --method monte-carlo"):
        power_index(big, "banzhaf")
    with pytest.raises(ResourceLimitError, match="too fine"):
        power_index(big, "banzhaf", method="generating-function")
    with pytest.raises(MethodNotApplicableError, match="for weighted games"):
        power_index(big, "banzhaf", method="enumerate")
    with pytest.raises(MethodNotApplicableError, match="does not compute"):
        power_index(big, "johnston", method="monte-carlo")
    weighted = WeightedGame(list(range(1, 32)))
    with pytest.raises(ResourceLimitError, match="generating function"):
        power_index(weighted, "johnston")
    assert power_index(weighted, "coleman-prevent").method == "generating-function"


def test_monte_carlo_of_a_rule_game_is_within_its_standard_errors():
    g = MultiCriteriaGame(
        {"population": [40, 30, 20, 10, 5, 5, 3, 2]}, "population >= 60% and members >= 4"
    )
    exact = power_index(g, "banzhaf", exact=True)
    sampled = power_index(g, "banzhaf", method="monte-carlo", samples=40_000, seed=1)
    for e, s, se in zip(exact.absolute, sampled.absolute, sampled.standard_errors, strict=True):
        assert abs(float(e) - s) < 5 * se
    exact_ss = power_index(g, "shapley-shubik", exact=True)
    sampled_ss = power_index(g, "ss", method="mc", samples=40_000, seed=1)
    pairs = zip(exact_ss.values, sampled_ss.values, sampled_ss.standard_errors, strict=True)
    for e, s, se in pairs:
        assert abs(float(e) - s) < 5 * se


@settings(max_examples=40, deadline=None)
@given(rule_games(max_n=9))
def test_small_criteria_programme_equals_the_definition(game):
    expected, facts = reference(game)
    for index in ("banzhaf", "shapley-shubik", "coleman-prevent", "coleman-initiate"):
        result = power_index(game, index, exact=True, method="generating-function")
        assert values(result, index) == expected[index], index
        assert result.method == "generating-function"


def test_small_criteria_programme_at_fifty_players():
    """A rule reading only a small criterion is exact at any size: 'seats > 50%' over 50
    players is the weighted game of the seats, computed by the weighted generating function."""
    seats = [1 + (i * 7) % 5 for i in range(50)]
    rule_game = MultiCriteriaGame({"seats": seats}, "seats > 50%")
    weighted = WeightedGame(seats)
    assert power_index(rule_game, "banzhaf").method == "generating-function"  # the default
    for index in ("banzhaf", "shapley-shubik", "coleman-initiate"):
        assert values(power_index(rule_game, index, exact=True), index) == values(
            power_index(weighted, index, exact=True), index
        )
    double = MultiCriteriaGame({"seats": seats}, "seats > 50% and members >= 30")
    swings = power_index(double, "banzhaf", exact=True).swings
    assert swings[0] > 0 and len(set(swings)) == len(set(seats))  # equal seats, equal power
