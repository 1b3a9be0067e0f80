"""The empirical voter model: brute force on small unions, symmetries and limits (hypothesis)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import norm

from votepower.errors import InvalidGameError
from votepower.models.empirical import Electorate, Swing, Unit, decisiveness


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
    turnout=st.integers(10, 10**6),
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
    a = decisiveness(e, sw)
    b = decisiveness(mirrored, Swing(-sw.shift, sw.national_sd, sw.state_sd))
    assert b.win_probability == pytest.approx(1 - a.win_probability, rel=1e-9, abs=1e-12)
    assert b.p_decisive == pytest.approx(a.p_decisive, rel=1e-7, abs=1e-300)


@settings(deadline=None)
@given(electorates(), swings)
def test_no_lean_no_shift_is_a_toss_up(e, sw):
    even = Electorate(
        e.name,
        tuple(Unit(u.label, u.electors, 0.5, u.turnout, u.proportional) for u in e.units),
        e.quota,
    )
    r = decisiveness(even, Swing(0.0, sw.national_sd, sw.state_sd))
    assert r.win_probability == pytest.approx(0.5, rel=1e-12)


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
