"""The empirical voter model: brute force on small unions, symmetries and limits (hypothesis)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from votepower.core.errors import InvalidGameError
from votepower.models.empirical import Electorate, Swing, Unit, decisiveness
from votepower.models.outcomes import inversion_probability, tipping_points


def _unit_law(u: Unit, mean: np.ndarray, sd: float) -> list[tuple[int, np.ndarray]]:
    """(Democratic electors, probability at each d) of one unit, from the normal CDF (its
    survival function above the mean, which keeps upper tails' digits)."""
    tau, steps = u.thresholds()
    cuts = [-math.inf, *tau, math.inf]
    out = []
    electors = 0
    for x in range(len(cuts) - 1):
        lo, hi = cuts[x], cuts[x + 1]
        upper = norm.sf(lo, mean, sd) - norm.sf(hi, mean, sd)
        lower = norm.cdf(hi, mean, sd) - norm.cdf(lo, mean, sd)
        out.append((electors, np.where(lo >= mean, upper, lower)))
        if x < len(steps):
            electors += int(steps[x])
    return out


def _g(s: int, total: int, quota: int) -> float:
    return 1.0 if s >= quota else (0.0 if s <= total - quota else 0.5)


def _conditional(e: Electorate, sw: Swing, d: np.ndarray) -> tuple[list[np.ndarray], np.ndarray]:
    """Per unit and for the win, the conditional values at the national swings ``d``, by
    enumerating every combination of the units' outcomes."""
    total, quota = e.total, e.quota
    laws = [_unit_law(u, u.base + sw.shift + d, sw.state_sd) for u in e.units]
    values = []
    for j, u in enumerate(e.units):
        others = [laws[i] for i in range(len(e.units)) if i != j]
        tau, steps = u.thresholds()
        value = np.zeros_like(d)
        for x in range(len(tau)):
            before = int(sum(steps[:x]))
            after = before + int(steps[x])
            pivot = np.zeros_like(d)
            for combo in itertools.product(*others):
                r = sum(c for c, _ in combo)
                change = _g(r + after, total, quota) - _g(r + before, total, quota)
                if change:
                    pivot += change * math.prod([q for _, q in combo], start=np.ones_like(d))
            value += norm.pdf(tau[x], u.base + sw.shift + d, sw.state_sd) * pivot
        values.append(value / u.turnout)
    win = np.zeros_like(d)
    for combo in itertools.product(*laws):
        g = _g(sum(c for c, _ in combo), total, quota)
        if g:
            win += g * math.prod([q for _, q in combo], start=np.ones_like(d))
    return values, win


def brute(e: Electorate, sw: Swing) -> tuple[list[float], float]:
    """Enumeration at every node of a composite 20-point Gauss-Legendre rule over d (panels of
    a quarter of the narrowest Gaussian factor, covering every unit's and the national swing's
    range far beyond where anything lives): independent of the trapezoidal rule under test."""
    if sw.national_sd == 0:
        values, win = _conditional(e, sw, np.zeros(1))
        return [float(v[0]) for v in values], float(win[0])
    sn, ss = sw.national_sd, sw.state_sd
    width = sn * ss / math.hypot(sn, ss)
    centres = [(t - u.base - sw.shift) * sn * sn / (sn * sn + ss * ss)
               for u in e.units for t in u.thresholds()[0]]  # fmt: skip
    lo = min(min(centres), -14 * sn) - 30 * width
    hi = max(max(centres), 14 * sn) + 30 * width
    panels = int(math.ceil((hi - lo) / (width / 4)))
    x, w = np.polynomial.legendre.leggauss(20)
    edges = np.linspace(lo, hi, panels + 1)
    half = (edges[1:] - edges[:-1])[:, None] / 2
    d = ((edges[1:] + edges[:-1])[:, None] / 2 + half * x[None, :]).ravel()
    weights = (half * w[None, :]).ravel() * norm.pdf(d, 0, sn)
    values, win = _conditional(e, sw, d)
    return [float(v @ weights) for v in values], float(win @ weights)


units = st.builds(
    Unit,
    label=st.sampled_from(["x"]),
    electors=st.integers(1, 5),
    base=st.floats(0.3, 0.7),
    turnout=st.integers(500, 10**6),  # at least MIN_SPREAD vote counts
    proportional=st.booleans(),
)


@st.composite
def electorates(draw, max_units=5):
    us = draw(st.lists(units, min_size=2, max_size=max_units))
    us = tuple(
        Unit(f"U{i}", u.electors, u.base, u.turnout, u.proportional) for i, u in enumerate(us)
    )
    total = sum(u.electors for u in us)
    quota = draw(st.integers(total // 2 + 1, total))
    return Electorate("e", us, quota)


swings = st.builds(
    Swing,
    shift=st.floats(-0.05, 0.05),
    national_sd=st.floats(0.01, 0.08),
    state_sd=st.floats(0.02, 0.08),
)


@settings(deadline=None)
@given(electorates(max_units=4), swings)
def test_quadrature_equals_brute_force(e, sw):
    r = decisiveness(e, sw, rtol=1e-11)
    values, win = brute(e, sw)
    assert r.win_probability == pytest.approx(win, rel=1e-10, abs=1e-13)
    for got, want in zip(r.p_decisive, values, strict=True):
        assert got == pytest.approx(want, rel=1e-9, abs=1e-300)


def test_brute_force_example_three_states():
    """The classroom union: A 3 electors at 55%, B 3 at 45%, C 1 at 50%; 4 of 7 to win."""
    e = Electorate("toy", (Unit("A", 3, 0.55, 1000), Unit("B", 3, 0.45, 1000),
                           Unit("C", 1, 0.5, 500)), 4)  # fmt: skip
    sw = Swing(0.0, 0.03, 0.04)
    r = decisiveness(e, sw, rtol=1e-12)
    values, win = brute(e, sw)
    assert r.p_decisive == pytest.approx(values, rel=1e-10)
    assert r.win_probability == pytest.approx(0.5, rel=1e-12)


@settings(deadline=None)
@given(electorates(), swings)
def test_swapping_the_parties(e, sw):
    """b -> 1 - b and shift -> -shift: every voter's probability unchanged, p -> 1 - p."""
    mirrored = Electorate(
        e.name,
        tuple(Unit(u.label, u.electors, 1 - u.base, u.turnout, u.proportional) for u in e.units),
        e.quota,
    )
    # the win probability's accuracy is absolute, 0.01 rtol: 1e-13 here
    a = decisiveness(e, sw, rtol=1e-11)
    b = decisiveness(mirrored, Swing(-sw.shift, sw.national_sd, sw.state_sd), rtol=1e-11)
    assert b.win_probability == pytest.approx(1 - a.win_probability, rel=0, abs=2e-13)
    assert b.p_decisive == pytest.approx(a.p_decisive, rel=1e-7, abs=1e-300)


@settings(deadline=None)
@given(electorates(), swings)
@example(  # once 2.5e-12 off at the default accuracy (1e-10 for the win probability), with 10
    # voters each (since refused: fewer than MIN_SPREAD vote counts); the smallest allowed
    Electorate("e", (Unit("U0", 4, 0.5, 160, True), Unit("U1", 4, 0.5, 160, True)), 6),
    Swing(0.0, 0.03125, 0.0625),
)
@example(  # once 1.3e-13 off at rtol 1e-11 (before the tenfold margin on the win's estimate)
    Electorate("e", (Unit("U0", 2, 0.5, 500, True), Unit("U1", 2, 0.5, 500, True)), 3),
    Swing(0.0, 0.01, 0.02),
)
@example(  # 2.7e-13 off at rtol 1e-11: within the accuracy asked for, past a tighter check
    Electorate("e", (Unit("U0", 2, 0.5, 500, True), Unit("U1", 2, 0.5, 500, True)), 3),
    Swing(0.0, 0.012073161638056558, 0.02),
)
def test_no_lean_no_shift_is_a_toss_up(e, sw):
    even = Electorate(
        e.name,
        tuple(Unit(u.label, u.electors, 0.5, u.turnout, u.proportional) for u in e.units),
        e.quota,
    )
    r = decisiveness(even, Swing(0.0, sw.national_sd, sw.state_sd), rtol=1e-11)
    # within the accuracy asked for (hypothesis found 0.4999999999997273: 5e-13 relative)
    assert r.win_probability == pytest.approx(0.5, rel=1e-11, abs=0)


@settings(deadline=None)
@given(electorates(), swings, st.data())
def test_doubling_a_units_turnout_halves_its_voters_probability(e, sw, data):
    j = data.draw(st.integers(0, len(e.units) - 1))
    units = list(e.units)
    u = units[j]
    units[j] = Unit(u.label, u.electors, u.base, 2 * u.turnout, u.proportional)
    a = decisiveness(e, sw)
    b = decisiveness(Electorate(e.name, tuple(units), e.quota), sw)
    assert b.p_decisive[j] == pytest.approx(a.p_decisive[j] / 2, rel=1e-7, abs=1e-300)
    others = [i for i in range(len(units)) if i != j]
    assert [b.p_decisive[i] for i in others] == pytest.approx(
        [a.p_decisive[i] for i in others], rel=1e-7, abs=1e-300
    )


@settings(deadline=None)
@given(electorates(), swings)
def test_vanishing_national_swing_is_the_independent_computation(e, sw):
    """As national_sd -> 0 the figures tend to those with fixed unit probabilities."""
    fixed = decisiveness(e, Swing(sw.shift, 0.0, sw.state_sd))
    values, win = brute(e, Swing(sw.shift, 0.0, sw.state_sd))
    assert fixed.p_decisive == pytest.approx(values, rel=1e-10, abs=1e-300)
    near = decisiveness(e, Swing(sw.shift, 1e-5, sw.state_sd))
    assert near.win_probability == pytest.approx(fixed.win_probability, rel=1e-3, abs=1e-9)
    assert near.p_decisive == pytest.approx(fixed.p_decisive, rel=1e-2, abs=1e-300)


@settings(deadline=None, max_examples=40)
@given(electorates(max_units=4), swings, st.floats(-0.3, 0.0), st.floats(0.0, 0.3))
def test_tail_bounds_hold(e, sw, lo, hi):
    """The bounds that let the swing integral stop at ``lo`` and ``hi`` exceed what lies beyond
    (integrated by brute force on Gauss-Legendre panels out to 40 widths)."""
    from votepower.models.empirical import _evaluate, _Thresholds

    th = _Thresholds(e, sw)
    law_lo, law_hi = _evaluate(e, sw, np.array([lo, hi]))[5]
    bound_lo, bound_hi = th.tail_bounds(law_lo, law_hi, lo, hi, len(e.units))
    turnouts = np.array([u.turnout for u in e.units], dtype=float)
    x, w = np.polynomial.legendre.leggauss(20)
    far = 40 * math.hypot(sw.national_sd, sw.state_sd)
    for a, b, bound in ((lo - far, lo, bound_lo), (hi, hi + far, bound_hi)):
        edges = np.linspace(a, b, 200)
        half = (edges[1:] - edges[:-1])[:, None] / 2
        d = ((edges[1:] + edges[:-1])[:, None] / 2 + half * x).ravel()
        weights = (half * w).ravel() * norm.pdf(d, 0, sw.national_sd)
        values, _ = _conditional(e, sw, d)
        actual = np.array([v @ weights for v in values])
        assert np.all(actual <= bound / turnouts * (1 + 1e-9) + 1e-300)


def test_safe_units_keep_their_digits():
    """A unit 40 points from even: its probability is far below 1e-16 of the leader's and still
    equals the brute force (Monte Carlo could not tell it from zero)."""
    e = Electorate("safe", (Unit("S", 3, 0.9, 300_000), Unit("A", 5, 0.52, 10**6),
                            Unit("B", 4, 0.49, 10**6)), 7)  # fmt: skip
    sw = Swing(0.0, 0.04, 0.034)
    r = decisiveness(e, sw)
    values, _ = brute(e, sw)
    assert r["S"] < 1e-16 * r["A"]
    assert r.p_decisive == pytest.approx(values, rel=1e-7)


def test_bad_input():
    with pytest.raises(InvalidGameError):
        Unit("A", 0, 0.5, 10)
    with pytest.raises(InvalidGameError):
        Unit("A", 1, 1.5, 10)
    with pytest.raises(InvalidGameError):
        Electorate("e", (Unit("A", 2, 0.5, 10),), 1)
    with pytest.raises(InvalidGameError):
        Swing(0.0, -0.1, 0.03)
    with pytest.raises(InvalidGameError):
        Swing(0.0, 0.03, float("nan"))


# -- tipping points and inversions ---------------------------------------------------------------
def _tipping_monte_carlo(e: Electorate, sw: Swing, draws: int, seed: int = 1):
    """Sample the swings, order the winner's units by her margin, count the tipping unit."""
    rng = np.random.default_rng(seed)
    base = np.array([u.base for u in e.units]) + sw.shift
    k = np.array([u.electors for u in e.units])
    v = (
        base
        + rng.normal(0, sw.national_sd, (draws, 1))
        + rng.normal(0, sw.state_sd, (draws, len(e.units)))
    )
    counts = np.zeros(len(e.units))
    dem = v > 0.5
    dem_ev = dem @ k
    for side, won in ((dem, dem_ev >= e.quota), (~dem, e.total - dem_ev >= e.quota)):
        margin = np.where(side, np.abs(v - 0.5), -np.inf)[won]
        order = np.argsort(-margin, axis=1)
        cumulative = np.cumsum(k[order], axis=1)
        first = np.argmax(cumulative >= e.quota, axis=1)
        np.add.at(counts, order[np.arange(order.shape[0]), first], 1)
    return counts / draws


@settings(deadline=None, max_examples=30)
@given(electorates(max_units=6), swings)
def test_tipping_points_add_up_to_one_less_the_coin(e, sw):
    winner_take_all = Electorate(e.name, tuple(Unit(u.label, u.electors, u.base, u.turnout)
                                               for u in e.units), e.quota)  # fmt: skip
    values, error = tipping_points(winner_take_all, sw)
    r = decisiveness(winner_take_all, sw)
    assert sum(values) == pytest.approx(1 - r.tie_probability, abs=1e-9)
    assert error <= 1e-10 and all(v >= 0 for v in values)


@settings(deadline=None, max_examples=30)
@given(electorates(max_units=6), swings)
def test_tipping_points_on_the_swing_grid_equal_the_adaptive_panels(e, sw):
    shared = decisiveness(e, sw, tipping=True)
    alone, _ = tipping_points(e, sw)
    assert shared.tipping is not None and shared.tipping_error <= 1e-10
    for a, b in zip(shared.tipping, alone, strict=True):
        assert (a is None) == (b is None)
        if a is not None:
            assert a == pytest.approx(b, abs=2e-10)


def test_tipping_points_agree_with_monte_carlo():
    e = Electorate("five", (Unit("A", 5, 0.52, 10**6), Unit("B", 4, 0.47, 10**6),
                            Unit("C", 3, 0.5, 10**5), Unit("D", 2, 0.56, 10**5),
                            Unit("E", 1, 0.44, 10**4)), 8)  # fmt: skip
    sw = Swing(0.01, 0.03, 0.04)
    values, _ = tipping_points(e, sw)
    draws = 1_000_000
    sampled = _tipping_monte_carlo(e, sw, draws)
    for exact, mc in zip(values, sampled, strict=True):
        se = math.sqrt(max(mc * (1 - mc), 1e-12) / draws)
        assert abs(exact - mc) <= 4 * se


def test_proportional_units_have_no_tipping_point():
    e = Electorate("p", (Unit("A", 3, 0.55, 100, proportional=True), Unit("B", 2, 0.5, 100)), 3)
    values, _ = tipping_points(e, Swing(0.0, 0.03, 0.04))
    assert values[0] is None and values[1] is not None


def test_decisiveness_agrees_with_monte_carlo_on_the_2024_college():
    """10^6 draws of the swings: given them, a voter's chance is the density of her state's
    share at 1/2 over its turnout times whether its electors decide (Rao-Blackwellized)."""
    from votepower.us.datasets import election_results

    results = election_results(2024)
    units = tuple(Unit(c, r.electoral_votes, r.dem_share, r.two_party_votes)
                  for c, r in sorted(results.items()))  # fmt: skip
    e = Electorate("ec", units, 270)
    sw = Swing(0.0, 0.04, 0.034)
    exact = decisiveness(e, sw)
    rng = np.random.default_rng(7)
    base = np.array([u.base for u in units])
    k = np.array([u.electors for u in units])
    n = np.array([u.turnout for u in units], dtype=float)
    sums = np.zeros(len(units))
    squares = np.zeros(len(units))
    draws = 0
    for _ in range(10):
        m = 100_000
        d = rng.normal(0, sw.national_sd, (m, 1))
        v = base + d + rng.normal(0, sw.state_sd, (m, len(units)))
        ev = (v > 0.5) @ k
        others = ev[:, None] - k * (v > 0.5)
        pivot = 0.5 * ((others >= 270 - k) & (others <= 269)) + 0.5 * (
            (others >= 538 - 270 - k + 1) & (others <= 538 - 270)
        )
        density = norm.pdf(0.5, base + d, sw.state_sd) / n
        sample = density * pivot
        sums += sample.sum(axis=0)
        squares += (sample**2).sum(axis=0)
        draws += m
    mean = sums / draws
    se = np.sqrt(np.maximum(squares / draws - mean**2, 0) / draws)
    resolved = mean > 10 * se
    assert resolved.sum() >= 10
    assert np.all(np.abs(np.array(exact.p_decisive) - mean)[resolved] <= 4 * se[resolved])


def test_inversion_probability_agrees_with_plain_monte_carlo():
    """Sampling the national swing too (10^6 draws) gives the same within 4 standard errors."""
    e = Electorate("five", (Unit("A", 5, 0.52, 10**6), Unit("B", 4, 0.47, 10**6),
                            Unit("C", 3, 0.5, 10**5), Unit("D", 2, 0.56, 10**5),
                            Unit("E", 1, 0.44, 10**4)), 8)  # fmt: skip
    sw = Swing(0.01, 0.03, 0.04)
    turnout = np.array([u.turnout for u in e.units], dtype=float)
    p, se = inversion_probability(e, sw, turnout, points=8192, replicates=12, seed=5)
    rng = np.random.default_rng(11)
    draws = 1_000_000
    base = np.array([u.base for u in e.units]) + sw.shift
    k = np.array([u.electors for u in e.units])
    v = base + rng.normal(0, sw.national_sd, (draws, 1)) + rng.normal(0, sw.state_sd, (draws, 5))
    ev = (v > 0.5) @ k
    ec = np.where(ev >= e.quota, 1.0, np.where(ev <= e.total - e.quota, 0.0, 0.5))
    popular = v @ (turnout / turnout.sum()) > 0.5
    inverted = np.where(popular, 1 - ec, ec)
    mc, mc_se = inverted.mean(), inverted.std() / math.sqrt(draws)
    assert abs(p - mc) <= 4 * math.hypot(se, mc_se)
    # the exact national swing and the Sobol' points: a smaller error per draw
    assert se * math.sqrt(8192 * 12) < mc_se * math.sqrt(draws)


def test_inversion_probability():
    e = Electorate("three", (Unit("A", 3, 0.55, 1000), Unit("B", 3, 0.45, 1000),
                             Unit("C", 1, 0.5, 500)), 4)  # fmt: skip
    sw = Swing(0.0, 0.03, 0.04)
    p, se = inversion_probability(e, sw, [1000, 1000, 500], points=4096, seed=3)
    assert 0 < p < 0.5 and 0 < se < 0.002
    # the same seed, the same figures; another seed, another draw within the errors
    assert inversion_probability(e, sw, [1000, 1000, 500], points=4096, seed=3) == (p, se)
    q, se_q = inversion_probability(e, sw, [1000, 1000, 500], points=4096, seed=4)
    assert q != p and abs(q - p) <= 5 * math.hypot(se, se_q)
    # one unit: the electoral and popular winners always coincide
    one = Electorate("one", (Unit("A", 3, 0.52, 1000),), 2)
    assert inversion_probability(one, sw, [1000]) == (0.0, 0.0)
    with pytest.raises(InvalidGameError):
        inversion_probability(e, sw, [1, 1])
    for bad in ({"points": 1000}, {"points": 32}, {"replicates": 1}):
        with pytest.raises(InvalidGameError):
            inversion_probability(e, sw, [1000, 1000, 500], **bad)


@settings(deadline=None, max_examples=25)
@given(
    st.lists(st.sampled_from(["CA", "TX", "WY", "VT", "PA", "GA", "DC", "NY"]), min_size=1,
             max_size=8, unique=True),
    swings,
)  # fmt: skip
def test_the_popular_vote_gives_every_voter_the_same_probability(codes, sw):
    from votepower.models.presidential import EmpiricalParameters, empirical_power
    from votepower.us.datasets import election_results

    params = EmpiricalParameters((2024,), sw.shift, sw.national_sd, sw.state_sd)
    people = {c: 1 for c in codes}  # who votes; turnout comes from the election
    r = empirical_power(None, params, national=True, people=people)
    assert len({s.p_decisive for s in r.states}) == 1
    results = election_results(2024)
    n = np.array([results[c].two_party_votes for c in codes], dtype=float)
    b = np.array([results[c].dem_share for c in codes])
    w = n / n.sum()
    sd = math.sqrt(sw.national_sd**2 + sw.state_sd**2 * float(w @ w))
    expected = norm.pdf(0.5, float(w @ b) + sw.shift, sd) / n.sum()
    assert r.popular_vote_p_decisive == pytest.approx(expected, rel=1e-12)
    assert r.win_probability == pytest.approx(norm.sf(0.5, float(w @ b) + sw.shift, sd),
                                              rel=1e-9, abs=1e-15)  # fmt: skip


@pytest.mark.parametrize("dim", [1, 2, 7, 56, 130])
def test_sobol_points_are_scipys(dim):
    """The inversion estimator's Sobol' points (read without importing scipy.stats) are
    scipy's unscrambled points, bit for bit."""
    import numpy as np
    from scipy.stats import qmc

    from votepower.models.sobol import sobol_points

    assert np.array_equal(sobol_points(dim, 1024), qmc.Sobol(dim, scramble=False).random(1024))
