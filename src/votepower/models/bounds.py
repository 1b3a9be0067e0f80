"""What bounds the integral over the national swing: where every unit's integrand lives
(the Gaussian factors, the close-election swing), rigorous bounds on what lies beyond the
grid's ends, and the units whose voters can never decide."""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from .electorate import Electorate, Swing

__all__: list[str] = []  # internal to the empirical model


class _Thresholds:
    """Every threshold of every unit, flattened: its owner, where the Gaussian factor
    ``phi_n(d) f_u(tau | d)`` of the integrand lies in ``d``, and the electoral-vote counts of
    the others that bound its pivot windows."""

    def __init__(self, electorate: Electorate, swing: Swing) -> None:
        sn, ss = swing.national_sd, swing.state_sd
        s2 = sn * sn + ss * ss
        owner, gap, width, cumulative = [], [], [], []
        for j, u in enumerate(electorate.units):
            tau, steps = u.thresholds()
            owner += [j] * tau.size
            gap += list(tau - u.base - swing.shift)
            width += [int(w) for w in steps]
            cumulative += [int(c) for c in np.cumsum(steps)]
        self.owner = np.array(owner)
        gap_a = np.array(gap)
        #: integral over d of phi_n(d) f_u(tau | d): the N(0, sn^2 + ss^2) density at the gap
        self.mass = np.exp(-0.5 * gap_a * gap_a / s2) / math.sqrt(2.0 * math.pi * s2)
        #: that factor is this mass times the N(centre, width^2) density in d
        self.centre = gap_a * sn * sn / s2
        self.width = sn * ss / math.sqrt(s2)
        total, quota = electorate.total, electorate.quota
        c, w = np.array(cumulative), np.array(width)
        # the windows of the others' electoral votes in which the threshold's electors decide:
        # [quota - c, quota - c + w - 1] and [total - quota - c + 1, total - quota - c + w]
        self.window_low = np.stack([quota - c, total - quota - c + 1])
        self.window_high = self.window_low + w - 1
        self.electors = np.array([electorate.units[j].electors for j in owner])

    def tail_bounds(
        self, law_lo: np.ndarray, law_hi: np.ndarray, lo: float, hi: float, units: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per unit, bounds on the integrand's mass below ``lo`` and above ``hi``, from the
        laws of all units' electoral votes at those two nodes (before dividing by turnout).

        Every unit's electoral votes grow stochastically with ``d``, so ``P(others >= k)``
        grows and ``P(others <= k)`` falls: below ``lo`` a pivot window is at most
        ``P(others >= its low end)`` at ``lo``, above ``hi`` at most ``P(others <= its high
        end)`` at ``hi``; and ``others <= all <= others + k_u`` turns those into tails of the
        whole law. The Gaussian factor's mass beyond the cut is in closed form."""
        above = _upper_tails(law_lo, self.window_low)  # P(all >= low end) at lo
        below = _lower_tails(law_hi, self.window_high + self.electors)  # P(all <= ...) at hi
        factor_lo = self.mass * special.ndtr((lo - self.centre) / self.width)
        factor_hi = self.mass * special.ndtr((self.centre - hi) / self.width)
        low = np.zeros(units)
        high = np.zeros(units)
        np.add.at(low, self.owner, factor_lo * 0.5 * above.sum(axis=0))
        np.add.at(high, self.owner, factor_hi * 0.5 * below.sum(axis=0))
        return low, high


def _upper_tails(law: np.ndarray, k: np.ndarray) -> np.ndarray:
    """``P(X >= k)`` for the law ``law`` (T + 1,) at every entry of ``k`` (no subtraction)."""
    tails = np.concatenate([np.cumsum(law[::-1])[::-1], [0.0]])
    return tails[np.clip(k, 0, law.size)]


def _lower_tails(law: np.ndarray, k: np.ndarray) -> np.ndarray:
    """``P(X <= k)`` for the law ``law`` (T + 1,) at every entry of ``k``."""
    heads = np.concatenate([[0.0], np.cumsum(law)])
    return heads[np.clip(k + 1, 0, law.size)]


def _tipping_tails(
    electorate: Electorate,
    swing: Swing,
    law_lo: np.ndarray,
    law_hi: np.ndarray,
    lo: float,
    hi: float,
    single: np.ndarray,
) -> tuple[float, float]:
    """A bound on the tipping-point integrands' mass below ``lo`` and above ``hi`` (summed over
    the units): the window masses ``R_u`` and ``F_u`` are bounded as in
    :meth:`_Thresholds.tail_bounds`, the weights ``P(d > z)``, ``P(d < z)`` by 1, and the
    density of ``v_u`` at 1/2 integrates in closed form."""
    total, quota = electorate.total, electorate.quota
    units = [u for u, ok in zip(electorate.units, single, strict=True) if ok]
    if not units:
        return 0.0, 0.0
    k = np.array([u.electors for u in units])
    centre = np.array([0.5 - u.base - swing.shift for u in units])
    windows = np.stack([quota - k, total - quota - k + 1])
    above = _upper_tails(law_lo, windows).max(axis=0)
    below = _lower_tails(law_hi, windows + 2 * k - 1).max(axis=0)
    low = float(above @ special.ndtr((lo - centre) / swing.state_sd))
    high = float(below @ special.ndtr((centre - hi) / swing.state_sd))
    return low, high


def _close_swing(electorate: Electorate, swing: Swing) -> float:
    """The national swing at which the Democrat's expected electoral votes reach half of the
    quota's range: the middle of where every unit's integrand lives (its pivot needs a close
    election)."""
    s = math.hypot(swing.national_sd, swing.state_sd)
    tau, steps, base = [], [], []
    for u in electorate.units:
        t, w = u.thresholds()
        tau += list(t)
        steps += list(w)
        base += [u.base] * t.size
    gap = np.array(tau) - np.array(base) - swing.shift
    weights = np.array(steps, dtype=float)
    target = electorate.total / 2.0

    def expected(d: float) -> float:
        return float(weights @ special.ndtr((d - gap) / s))

    lo, hi = -1.0, 1.0
    for _ in range(60):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if expected(mid) < target else (lo, mid)
    return (lo + hi) / 2


def _null_units(electorate: Electorate) -> list[bool]:
    """Units whose voters can never decide: no outcome of the others puts the unit's electors
    in a position to change the result (exactly, by subset sums as bit sets)."""
    total, quota = electorate.total, electorate.quota
    reach = []
    for u in electorate.units:
        bits = 0
        for c in np.concatenate([[0], np.cumsum(u.thresholds()[1])]):
            bits |= 1 << int(c)
        reach.append(bits)

    def combine(a: int, b: int) -> int:
        out = 0
        while b:
            low = b & -b
            out |= a << (low.bit_length() - 1)
            b ^= low
        return out

    prefix = [1]
    for bits in reach:
        prefix.append(combine(prefix[-1], bits))
    suffix = [1] * (len(reach) + 1)
    for j in range(len(reach) - 1, -1, -1):
        suffix[j] = combine(suffix[j + 1], reach[j])
    null = []
    for j, u in enumerate(electorate.units):
        others = combine(prefix[j], suffix[j + 1])
        hit = False
        c = 0
        for w in u.thresholds()[1]:
            c += int(w)
            for low in (quota - c, total - quota - c + 1):
                window = sum(1 << r for r in range(max(low, 0), max(low + int(w), 0)))
                hit = hit or bool(others & window)
        null.append(not hit)
    return null
