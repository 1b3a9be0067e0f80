"""Axioms of the power indices and differential checks between algorithms (hypothesis)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from conftest import games
from hypothesis import example, given
from hypothesis import strategies as st

from votepower import WeightedGame, banzhaf
from votepower.games.power import enumerate as brute
from votepower.games.power import generating, montecarlo, multilinear, quotas
from votepower.games.power.indices import non_null


def _is_null(weights, quota, i):
    """Straight from the definition: adding i never changes a coalition's outcome."""
    totals = brute.coalition_weights(weights)
    masks = np.arange(totals.size)
    outside = (masks >> i) & 1 == 0
    return bool(np.all((totals[outside] >= quota) == (totals[outside] + weights[i] >= quota)))


# -- fast algorithm == brute force --------------------------------------------------------------
@given(games(max_n=12))
@example(([9, 9, 7, 3, 1, 1], 16))
@example(([7] * 5 + [1] * 7, 39))
@example(([0, 0, 5], 5))
def test_generating_function_swings_equal_enumeration(game):
    weights, quota = game
    assert generating.banzhaf_swings(weights, quota) == brute.banzhaf_swings(weights, quota)


@given(games(max_n=12))
@example(([9, 9, 7, 3, 1, 1], 16))
@example(([0, 0, 5], 5))
@example(([1], 1))
def test_swings_at_every_quota_from_one_pass_equal_enumeration(game):
    """The 64-bit pass gives every quota's swings exactly (each quota against brute force)."""
    weights, _ = game
    total = sum(weights)
    every = list(range(1, total + 1))
    table = quotas.banzhaf_swings_at(weights, every)
    for q, row in zip(every, table, strict=True):
        assert row.tolist() == brute.banzhaf_swings(weights, q)


def test_swings_at_many_quotas_large_game_exactly():
    """51 players of total weight 20,000: the 64-bit pass equals the exact (Python integer)
    generating function at quotas across the range, both halves of the dual."""
    rng = np.random.default_rng(7)
    weights = [int(w) for w in rng.integers(1, 800, size=51)]
    total = sum(weights)
    chosen = [1, total // 3, total // 2, total // 2 + 1, (3 * total) // 5, total - 5, total]
    table = quotas.banzhaf_swings_at(weights, chosen)
    for q, row in zip(chosen, table, strict=True):
        assert row.tolist() == generating.banzhaf_swings(weights, q)
    with pytest.raises(ValueError, match="at most 62 players"):
        quotas.banzhaf_swings_at([1] * 63, [32])
    with pytest.raises(ValueError, match="between 1 and the total"):
        quotas.banzhaf_swings_at([1, 2], [4])


@given(games(max_n=12))
@example(([4, 4, 4, 2, 2, 1], 12))
@example(([1], 1))
@example(([2, 1], 3))
def test_generating_function_pivots_equal_enumeration(game):
    weights, quota = game
    assert generating.shapley_shubik_pivots(weights, quota) == brute.shapley_shubik_pivots(
        weights, quota
    )


@given(games(max_n=7))
def test_coalition_pivots_equal_ordering_pivots(game):
    weights, quota = game
    assert brute.shapley_shubik_pivots(weights, quota) == brute.pivots_by_ordering(weights, quota)


# -- float paths agree with exact to 1e-12 relative ---------------------------------------------
def _exact_banzhaf(weights, quota):
    n = len(weights)
    return [Fraction(s, 2 ** (n - 1)) for s in generating.banzhaf_swings(weights, quota)]


def _exact_ss(weights, quota):
    f = math.factorial(len(weights))
    return [Fraction(p, f) for p in generating.shapley_shubik_pivots(weights, quota)]


def _assert_close(values, exact, rtol):
    for v, x in zip(values, exact, strict=True):
        if x == 0:
            assert v == 0
        else:
            assert abs(v - float(x)) <= rtol * float(x), (v, x)


@given(games(max_n=40, max_weight=100))
@example(([9, 9, 7, 3, 1, 1], 16))
@example(([1000, 1000, 1, 1, 1, 1, 1], 1002))
@example(([50] * 30 + [1] * 9, 751))
def test_banzhaf_float_agrees_with_exact(game):
    weights, quota = game
    fv = generating.banzhaf_float(weights, quota)
    _assert_close(fv.values, _exact_banzhaf(weights, quota), 1e-12)


@given(games(max_n=40, max_weight=100))
@example(([4, 4, 4, 2, 2, 1], 12))
@example(([50] * 30 + [1] * 9, 751))
def test_shapley_shubik_float_agrees_with_exact(game):
    weights, quota = game
    fv = generating.shapley_shubik_float(weights, quota)
    exact = _exact_ss(weights, quota)
    for v, e, x in zip(fv.values, fv.error_estimates, exact, strict=True):
        assert abs(v - float(x)) <= max(1e-12 * float(x), e)
        if x:
            assert abs(v - float(x)) <= 1e-12 * float(x)


@given(games(max_n=30, max_weight=60))
def test_banzhaf_divide_and_conquer_for_every_player(game):
    """Forcing the subtraction-free route for every player still gives the exact values."""
    weights, quota = game
    saved = generating.FLOAT_RTOL
    generating.FLOAT_RTOL = 0.0
    try:
        fv = generating.banzhaf_float(weights, quota)
    finally:
        generating.FLOAT_RTOL = saved
    _assert_close(fv.values, _exact_banzhaf(weights, quota), 1e-13)


@given(games(max_n=24, max_weight=50))
@example(game=([1, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 10, 11, 12, 12], 9))  # a null player once 2e-20
def test_multilinear_agrees_with_exact(game):
    """Within its own error estimate (or 1e-12 / 1e-10 relative), and 0 for null players."""
    weights, quota = game
    for fv, exact, rtol in (
        (multilinear.shapley_shubik_multilinear(weights, quota), _exact_ss(weights, quota), 1e-10),
        (multilinear.banzhaf_multilinear(weights, quota), _exact_banzhaf(weights, quota), 1e-12),
    ):
        for v, e, x in zip(fv.values, fv.error_estimates, exact, strict=True):
            if x == 0:
                assert v == 0
            else:
                assert abs(v - float(x)) <= max(rtol * float(x), e), (v, x, e)
                assert e <= 1e-8 * max(float(y) for y in exact)  # estimates stay useful


@pytest.mark.parametrize("share", [Fraction(1, 2), Fraction(2, 3), Fraction(9, 10)])
def test_multilinear_quadrature_on_a_large_game(share):
    """n > 128 takes the focused Clenshaw-Curtis route; check it against the DP."""
    weights = [1 + (7 * i) % 13 for i in range(160)]
    quota = math.ceil(share * sum(weights))
    ml = multilinear.shapley_shubik_multilinear(weights, quota)
    dp = generating.shapley_shubik_float(weights, quota)
    np.testing.assert_allclose(ml.values, dp.values, rtol=1e-9)
    assert np.all(ml.error_estimates < 1e-9 * ml.values)


@given(games(max_n=10, max_weight=12), st.integers(0, 2**32 - 1))
def test_monte_carlo_within_six_standard_errors(game, seed):
    weights, quota = game
    for est, exact in (
        (
            montecarlo.banzhaf_sample(weights, quota, samples=4000, seed=seed),
            _exact_banzhaf(weights, quota),
        ),
        (
            montecarlo.shapley_shubik_sample(weights, quota, samples=4000, seed=seed),
            _exact_ss(weights, quota),
        ),
    ):
        for v, se, x in zip(est.values, est.standard_errors, exact, strict=True):
            assert abs(v - float(x)) <= 6 * se + 1e-12


def test_monte_carlo_is_reproducible_with_a_seed():
    a = montecarlo.shapley_shubik_sample([5, 4, 3, 2, 1], 8, samples=1000, seed=7)
    b = montecarlo.shapley_shubik_sample([5, 4, 3, 2, 1], 8, samples=1000, seed=7)
    c = montecarlo.shapley_shubik_sample([5, 4, 3, 2, 1], 8, samples=1000, seed=8)
    assert np.array_equal(a.values, b.values) and not np.array_equal(a.values, c.values)


# -- axioms ------------------------------------------------------------------------------------
@given(games(max_n=12))
def test_shapley_shubik_is_efficient(game):
    weights, quota = game
    assert sum(_exact_ss(weights, quota)) == 1
    assert sum(banzhaf(WeightedGame(weights, quota), exact=True).normalized) == 1


@given(games(max_n=12))
def test_symmetric_players_have_equal_power(game):
    weights, quota = game
    swings = generating.banzhaf_swings(weights, quota)
    pivots = generating.shapley_shubik_pivots(weights, quota)
    for i in range(len(weights)):
        for j in range(len(weights)):
            if weights[i] == weights[j]:
                assert swings[i] == swings[j] and pivots[i] == pivots[j]


@given(games(max_n=10))
@example(([9, 9, 7, 3, 1, 1], 16))
@example(([4, 4, 4, 2, 2, 1], 12))
@example(([4, 4, 4, 1], 6))
@example(([0, 3, 3], 4))
def test_zero_power_exactly_for_null_players(game):
    weights, quota = game
    swings = generating.banzhaf_swings(weights, quota)
    pivots = generating.shapley_shubik_pivots(weights, quota)
    for i in range(len(weights)):
        null = _is_null(weights, quota, i)
        assert (swings[i] == 0) == null
        assert (pivots[i] == 0) == null
    assert non_null(tuple(weights), quota) == [
        not _is_null(weights, quota, i) for i in range(len(weights))
    ]


@given(games(max_n=12))
def test_more_weight_never_less_power(game):
    weights, quota = game
    swings = generating.banzhaf_swings(weights, quota)
    pivots = generating.shapley_shubik_pivots(weights, quota)
    for i in range(len(weights)):
        for j in range(len(weights)):
            if weights[i] >= weights[j]:
                assert swings[i] >= swings[j] and pivots[i] >= pivots[j]


@given(games(max_n=10), st.randoms(use_true_random=False))
def test_permutation_equivariance(game, rnd):
    weights, quota = game
    order = list(range(len(weights)))
    rnd.shuffle(order)
    shuffled = [weights[k] for k in order]
    swings = generating.banzhaf_swings(weights, quota)
    pivots = generating.shapley_shubik_pivots(weights, quota)
    assert generating.banzhaf_swings(shuffled, quota) == [swings[k] for k in order]
    assert generating.shapley_shubik_pivots(shuffled, quota) == [pivots[k] for k in order]


@given(games(max_n=10), st.integers(2, 7), st.data())
def test_scale_invariance_of_the_algorithms(game, factor, data):
    """Weights times c with any quota in (c(q-1), cq] is the same game, seen by the raw DP."""
    weights, quota = game
    slack = data.draw(st.integers(0, factor - 1))
    scaled = [factor * w for w in weights]
    scaled_quota = factor * quota - slack
    assert generating.banzhaf_swings(scaled, scaled_quota) == generating.banzhaf_swings(
        weights, quota
    )
    assert generating.shapley_shubik_pivots(
        scaled, scaled_quota
    ) == generating.shapley_shubik_pivots(weights, quota)
    big = WeightedGame(scaled, scaled_quota)
    assert (
        banzhaf(big, exact=True).absolute
        == banzhaf(WeightedGame(weights, quota), exact=True).absolute
    )


@given(games(max_n=12))
def test_self_duality(game):
    """Shapley-Shubik values and swing counts coincide for quota q and W - q + 1."""
    weights, quota = game
    dual = sum(weights) - quota + 1
    assert generating.shapley_shubik_pivots(weights, quota) == generating.shapley_shubik_pivots(
        weights, dual
    )
    assert generating.banzhaf_swings(weights, quota) == generating.banzhaf_swings(weights, dual)


def test_exact_counts_do_not_overflow_at_200_players():
    """Counts beyond 2^63 stay exact (Python integers), unlike int64 implementations."""
    weights = [1] * 200
    swings = generating.banzhaf_swings(weights, 101)
    assert swings[0] == math.comb(199, 100)
    assert swings[0] > 2**190
    pivots = generating.shapley_shubik_pivots(weights[:150], 76)
    assert pivots[0] == math.factorial(149)  # every ordering makes someone pivotal; all equal


@given(games(max_n=10, max_weight=20), st.integers(0, 10**30))
def test_weights_beyond_the_quota_change_nothing(game, extra):
    """The model caps a weight above the quota at the quota (it wins alone either way): the
    indices equal those of brute force on the raw, uncapped weights."""
    weights, quota = game
    raw = [quota + extra] + weights[1:]
    result = banzhaf(WeightedGame(raw, quota), exact=True)
    n = len(raw)
    assert list(result.swings) == brute.banzhaf_swings(raw, quota)
    assert result.absolute[0] == Fraction(brute.banzhaf_swings(raw, quota)[0], 2 ** (n - 1))


@pytest.mark.parametrize("method", ["enumerate", "monte-carlo"])
def test_astronomical_weights_are_exact_or_refused(method):
    """Weights beyond 64 bits: enumeration and Monte Carlo switch to Python integers; the
    dynamic programmes refuse with a one-line reason (the table would be astronomical)."""
    from votepower.core.errors import ResourceLimitError

    game = WeightedGame([10**400, 10**399, 10**399, 5], 10**400)  # the first is a dictator
    result = banzhaf(game, method=method, samples=500)
    assert list(result.absolute) == [1, 0, 0, 0]
    with pytest.raises(ResourceLimitError, match="10\\^"):
        banzhaf(game)


@given(st.integers(1, 9), st.integers(0, 3), st.integers(1, 5), st.data())
def test_symmetric_games_closed_forms_equal_brute_force(k, zeros, weight, data):
    """Games whose positive weights are all equal take closed forms (C(k-1, m-1) 2^zeros swings,
    n!/k pivots); checked against every coalition and every ordering."""
    weights = [weight] * k + [0] * zeros
    quota = data.draw(st.integers(1, weight * k))
    assert generating.banzhaf_swings(weights, quota) == brute.banzhaf_swings(weights, quota)
    assert generating.shapley_shubik_pivots(weights, quota) == brute.shapley_shubik_pivots(
        weights, quota
    )
