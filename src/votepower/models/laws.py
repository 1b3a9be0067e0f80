"""Given the national swing ``d``: each unit's law, the law of all units' electoral votes by
a dynamic programme, and every unit's pivot windows by leave-one-out (prefix and suffix
products, sums of non-negative terms only, so a pivot of 1e-200 keeps its digits)."""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from .electorate import Electorate, Swing, Unit

__all__ = ["UnitLaw"]

#: floats held at once by the prefix and suffix tables (about 400 MB)
_CELLS = 50_000_000


def _interval(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``P(lo < Z <= hi)`` for a standard normal ``Z``, without cancellation in either tail."""
    upper = lo >= 0  # both in the upper tail: use the survival function
    return np.where(
        upper, special.ndtr(-lo) - special.ndtr(-hi), special.ndtr(hi) - special.ndtr(lo)
    )


class UnitLaw:
    """At each national swing ``d``: the law of one unit's Democratic electors and the density
    of its share at each threshold."""

    def __init__(self, unit: Unit, swing: Swing, d: np.ndarray) -> None:
        tau, self.steps = unit.thresholds()  # ascending shares; electors added at each
        sd = swing.state_sd
        mean = unit.base + swing.shift + d  # (nodes,)
        z = (tau[None, :] - mean[:, None]) / sd  # v > tau  <=>  Z > z
        #: the density's natural logarithm, finite however far the threshold lies
        self.log_density = -0.5 * z * z - math.log(sd * math.sqrt(2.0 * math.pi))
        self.density = np.exp(self.log_density)
        nodes = d.size
        edges = np.concatenate([np.full((nodes, 1), -np.inf), z, np.full((nodes, 1), np.inf)], 1)
        #: column x: exactly the first x thresholds passed (tau_x < v <= tau_{x+1})
        self.mass = _interval(edges[:, :-1], edges[:, 1:])
        #: electors to the Democrat after x thresholds
        self.cumulative = np.concatenate([[0], np.cumsum(self.steps)]).astype(int)


def _add(law: np.ndarray, unit: UnitLaw) -> np.ndarray:
    """The law of ``R + X_u`` from that of ``R`` (nodes, width), on its support (nodes,
    width + the unit's electors): non-negative terms only."""
    nodes, width = law.shape
    top = int(unit.cumulative[-1])
    out = np.empty((nodes, width + top))
    np.multiply(law, unit.mass[:, 0:1], out=out[:, :width])
    out[:, width:] = 0.0
    scratch = np.empty_like(law)
    for x in range(1, unit.cumulative.size):
        c = int(unit.cumulative[x])
        np.multiply(law, unit.mass[:, x : x + 1], out=scratch)
        out[:, c : c + width] += scratch
    return out


def _window_ends(law: np.ndarray, w: int) -> np.ndarray:
    """``E[e] = law[e - w + 1] + ... + law[e]`` for ``e`` in ``[0, T + w - 1]``, with no
    subtraction (a window of mass 1e-200 keeps its digits): in blocks of ``w`` values, every
    window is the end of one block (a sum from its start, read backwards) plus the beginning of
    the next (a running sum), so two cumulative sums serve every ``w``."""
    nodes, width = law.shape
    size = width + w - 1
    if w <= 8:  # a few shifted copies are cheaper
        out = np.zeros((nodes, size))
        for k in range(w):
            out[:, k : k + width] += law
        return out
    blocks = -(-(size + w) // w)
    padded = np.zeros((nodes, blocks * w))
    padded[:, w - 1 : w - 1 + width] = law  # E[e] sums padded[e : e + w]
    shaped = padded.reshape(nodes, blocks, w)
    ends = np.cumsum(shaped[:, :, ::-1], axis=2)[:, :, ::-1].reshape(nodes, -1)  # to block end
    starts = np.cumsum(shaped, axis=2).reshape(nodes, -1)  # from block start
    e = np.arange(size)
    out = ends[:, e].copy()
    cross = e % w != 0  # the window runs into the next block
    out[:, cross] += starts[:, e[cross] + w - 1]
    return out


def _window_mass(before: np.ndarray, ends: np.ndarray, low: int, w: int) -> np.ndarray:
    """``P(A + B in [low, low + w - 1])`` from A's law and B's window sums ``ends``: the sum
    over A's values ``a`` of ``P(A = a)`` times B's window ending at ``top - a``."""
    top = low + w - 1
    # a runs over [a_lo, a_hi] where 0 <= a < width and 0 <= top - a < len(ends)
    a_lo = max(0, top - ends.shape[1] + 1)
    a_hi = min(before.shape[1] - 1, top)
    if a_lo > a_hi:
        return np.zeros(before.shape[0])
    # ends at top - a_lo down to top - a_hi: a reversed slice (no copy)
    stop = top - a_hi - 1
    window = ends[:, top - a_lo : (stop if stop >= 0 else None) : -1]
    return np.einsum("na,na->n", before[:, a_lo : a_hi + 1], window)


def _pivots(
    electorate: Electorate, laws: list[UnitLaw]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """At every node, per unit (nodes, units): ``sum_x density_x * pivot_x`` (before dividing by
    turnout), and for a unit with one threshold the masses of the others' electoral votes in
    its two windows: where its electors make the Democrat reach the quota, and where they make
    the Republican fall below it; the law of all units' electoral votes (nodes, T + 1); and
    the first values' natural logarithms, finite where the density underflows."""
    total, quota = electorate.total, electorate.quota
    nodes = laws[0].mass.shape[0]
    units = len(laws)
    start = np.ones((nodes, 1))  # no units: no electoral votes (each law on its support)
    prefix = [start]
    for law in laws[:-1]:
        prefix.append(_add(prefix[-1], law))
    values = np.zeros((nodes, units))
    log_values = np.full((nodes, units), -np.inf)  # their natural logarithms
    reach = np.zeros((nodes, units))
    fall = np.zeros((nodes, units))
    suffix = start
    for j in range(units - 1, -1, -1):
        law = laws[j]
        before = prefix.pop()
        ends: dict[int, np.ndarray] = {}
        for x in range(law.steps.size):
            w = int(law.steps[x])
            c = int(law.cumulative[x + 1])
            if w not in ends:
                ends[w] = _window_ends(suffix, w)
            # the outcome changes when the others' electors sit in [quota - c, quota - c + w - 1]
            # (the Democrat reaches the quota) or in [total - quota - c + 1, total - quota - c + w]
            # (the Republican falls below it): one half each, the coin lying in between
            up = _window_mass(before, ends[w], quota - c, w)
            down = _window_mass(before, ends[w], total - quota - c + 1, w)
            values[:, j] += law.density[:, x] * (0.5 * (up + down))
            with np.errstate(divide="ignore"):
                term = law.log_density[:, x] + np.log(0.5 * (up + down))
            log_values[:, j] = np.logaddexp(log_values[:, j], term)
            if law.steps.size == 1:
                reach[:, j], fall[:, j] = up, down
        suffix = _add(suffix, law)
    return values, reach, fall, suffix, log_values  # the suffix of every unit: the whole law


def _outcome(electorate: Electorate, law: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From the law of the electoral votes at every node: P(the Democrat wins, a coin deciding
    the undecided), P(undecided)."""
    total, quota = electorate.total, electorate.quota
    coin = law[:, total - quota + 1 : quota].sum(axis=1)
    return law[:, quota:].sum(axis=1) + 0.5 * coin, coin


def _evaluate(electorate: Electorate, swing: Swing, d: np.ndarray) -> tuple[np.ndarray, ...]:
    """At the nodes ``d``: per unit ``sum_x density_x pivot_x / n_u`` (nodes, units), the
    Democrat's win probability and the coin's, the window masses of :func:`_pivots`, the
    law of all units' electoral votes, and the first values' natural logarithms, in chunks of
    nodes that bound the memory."""
    units = electorate.units
    per_node = len(units) * (electorate.total + 1)
    chunk = max(1, _CELLS // per_node)
    parts = []
    for i in range(0, d.size, chunk):
        piece = d[i : i + chunk]
        laws = [UnitLaw(u, swing, piece) for u in units]
        values, reach, fall, law, log_values = _pivots(electorate, laws)
        turnout = np.array([u.turnout for u in units], dtype=float)
        values /= turnout
        log_values -= np.log(turnout)
        wins, coin = _outcome(electorate, law)
        parts.append((values, wins, coin, reach, fall, law, log_values))
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(7))


def _tipping_integrand(
    electorate: Electorate,
    swing: Swing,
    z: np.ndarray,
    up: np.ndarray,
    down: np.ndarray,
    single: np.ndarray,
) -> np.ndarray:
    """``f_u(1/2 | z) [R_u(z) P(d > z) + F_u(z) P(d < z)]`` at the nodes ``z`` (nodes, units):
    the integrand of the tipping points (see :func:`~votepower.models.outcomes.tipping_points`)."""
    sd = swing.state_sd
    centre = np.array([0.5 - u.base - swing.shift for u in electorate.units])
    gap = (centre[None, :] - z[:, None]) / sd
    density = np.exp(-0.5 * gap * gap) / (sd * math.sqrt(2.0 * math.pi))
    sn = swing.national_sd
    if sn > 0:
        above = special.ndtr(-z / sn)
    else:
        above = np.where(z < 0, 1.0, np.where(z > 0, 0.0, 0.5))
    out = density * (up * above[:, None] + down * (1.0 - above)[:, None])
    out[:, ~single] = 0.0
    return out
