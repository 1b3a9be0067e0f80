"""The empirical voter model: partisan units and correlated swings, computed by quadrature.

The model (stated in full in ``docs/voter-models.md``):

* Each unit ``u`` that awards electors has a base Democratic share of the two-party vote
  ``b_u`` and a turnout ``n_u`` (two-party votes cast there).
* On election day ``v_u = b_u + shift + d + e_u``, with a national swing
  ``d ~ N(0, national_sd^2)`` shared by all units and independent unit swings
  ``e_u ~ N(0, state_sd^2)``. A winner-take-all unit gives all its ``k_u`` electors to the
  Democrat when ``v_u > 1/2``; a proportional unit gives ``x`` of them when ``v_u`` lies
  between its thresholds ``(x - 1/2) / k_u`` and ``(x + 1/2) / k_u``.
* The Democrat wins with at least ``quota`` electoral votes, the Republican with at least
  ``quota`` of the others; anything in between (the 269-269 tie) is decided by a fair coin.
* A voter in ``u`` decides the election when her vote moves ``v_u`` across a threshold (the
  density of ``v_u`` there, divided by ``n_u``) and the electors that move decide the
  election: ``P_u = E_d[ sum_x f_u(tau_x | d) / n_u * pivot_u(x, d) ]``.

Given ``d`` the units are independent, so the other units' electoral votes have an exact law by
a dynamic programme over electoral votes (leave-one-out by prefix and suffix products, every
term non-negative, so a pivot probability of 1e-200 keeps its relative accuracy). The integral
over ``d`` is a trapezoidal rule on a uniform grid covering every unit's integrand, refined
until the halving estimate and the tails are below the requested accuracy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import numpy as np
from scipy import special

from ..errors import AccuracyError, InvalidGameError, ResourceLimitError

__all__ = [
    "Unit",
    "Swing",
    "Electorate",
    "UnitLaw",
    "EmpiricalResult",
    "decisiveness",
]

#: the most electoral votes in all (a hundred times today's College)
MAX_TOTAL = 53_800
#: floats held at once by the prefix and suffix tables (about 400 MB)
_CELLS = 50_000_000
#: the nodes' grid: refinements divide the first step by divisors of this
_DIVISIONS = 2**12 * 3 * 5 * 7
_STEP_DIVISORS = tuple(m for m in range(1, 65) if _DIVISIONS % m == 0)


@dataclass(frozen=True)
class Unit:
    """A unit awarding ``electors``: its base Democratic share and two-party turnout."""

    label: str
    electors: int
    base: float
    turnout: int
    proportional: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.electors, int) or self.electors < 1:
            raise InvalidGameError(f"unit {self.label}: electors must be a positive integer")
        if not (math.isfinite(self.base) and 0.0 < self.base < 1.0):
            raise InvalidGameError(f"unit {self.label}: the base share must lie in (0, 1)")
        if not isinstance(self.turnout, int) or self.turnout < 1:
            raise InvalidGameError(f"unit {self.label}: turnout must be a positive integer")

    def thresholds(self) -> tuple[np.ndarray, np.ndarray]:
        """Shares at which the unit's Democratic electors step up, and the electors each step
        adds."""
        if not self.proportional:
            return np.array([0.5]), np.array([self.electors])
        k = self.electors
        return (np.arange(1, k + 1) - 0.5) / k, np.ones(k, dtype=int)


@dataclass(frozen=True)
class Swing:
    """The swing model: ``v_u = b_u + shift + d + e_u``."""

    shift: float
    national_sd: float
    state_sd: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.shift) and abs(self.shift) < 1.0):
            raise InvalidGameError("the shift must be a share between -1 and 1")
        if not (math.isfinite(self.national_sd) and 0.0 <= self.national_sd <= 1.0):
            raise InvalidGameError("national_sd must lie in [0, 1]")
        if not (math.isfinite(self.state_sd) and 0.001 <= self.state_sd <= 1.0):
            raise InvalidGameError("state_sd must lie in [0.001, 1]")


@dataclass(frozen=True)
class Electorate:
    """Units electing a body of ``quota`` electoral votes needed to win."""

    name: str
    units: tuple[Unit, ...]
    quota: int

    def __post_init__(self) -> None:
        if not self.units:
            raise InvalidGameError("an electorate needs at least one unit")
        if len({u.label for u in self.units}) != len(self.units):
            raise InvalidGameError("unit labels must be distinct")
        total = self.total
        if total > MAX_TOTAL:
            raise ResourceLimitError(f"{total} electoral votes in all (at most {MAX_TOTAL})")
        if not (total / 2 < self.quota <= total):
            raise InvalidGameError(
                f"the quota {self.quota} must be more than half of the {total} electoral votes "
                "and at most all of them"
            )

    @property
    def total(self) -> int:
        return sum(u.electors for u in self.units)


@dataclass(frozen=True)
class EmpiricalResult:
    """Per unit the probability that one of its voters decides the election, with the
    quadrature's error estimate (relative); the Democrat's win probability, expected electoral
    votes and the probability of the coin (neither side reaching the quota)."""

    electorate: Electorate
    swing: Swing
    p_decisive: tuple[float, ...]
    errors: tuple[float, ...]
    win_probability: float
    expected_electoral_votes: float
    tie_probability: float
    nodes: int
    tipping: tuple[float | None, ...] | None = None
    """Each unit's tipping-point probability when asked for (``None`` for a proportional
    unit), to the absolute accuracy ``tipping_error``."""
    tipping_error: float | None = None

    def __getitem__(self, label: str) -> float:
        for u, p in zip(self.electorate.units, self.p_decisive, strict=True):
            if u.label == label:
                return p
        raise KeyError(label)


# --------------------------------------------------------------------------------------------
# Given the national swing d
# --------------------------------------------------------------------------------------------
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
        self.density = np.exp(-0.5 * z * z) / (sd * math.sqrt(2.0 * math.pi))
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
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """At every node, per unit (nodes, units): ``sum_x density_x * pivot_x`` (before dividing by
    turnout), and for a unit with one threshold the masses of the others' electoral votes in
    its two windows: where its electors make the Democrat reach the quota, and where they make
    the Republican fall below it; and the law of all units' electoral votes (nodes, T + 1)."""
    total, quota = electorate.total, electorate.quota
    nodes = laws[0].mass.shape[0]
    units = len(laws)
    start = np.ones((nodes, 1))  # no units: no electoral votes (each law on its support)
    prefix = [start]
    for law in laws[:-1]:
        prefix.append(_add(prefix[-1], law))
    values = np.zeros((nodes, units))
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
            if law.steps.size == 1:
                reach[:, j], fall[:, j] = up, down
        suffix = _add(suffix, law)
    return values, reach, fall, suffix  # the suffix of every unit: the whole law


def _outcome(electorate: Electorate, law: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """From the law of the electoral votes at every node: P(the Democrat wins, a coin deciding
    the undecided), P(undecided)."""
    total, quota = electorate.total, electorate.quota
    coin = law[:, total - quota + 1 : quota].sum(axis=1)
    return law[:, quota:].sum(axis=1) + 0.5 * coin, coin


# --------------------------------------------------------------------------------------------
# The integral over the national swing
# --------------------------------------------------------------------------------------------
def _evaluate(electorate: Electorate, swing: Swing, d: np.ndarray) -> tuple[np.ndarray, ...]:
    """At the nodes ``d``: per unit ``sum_x density_x pivot_x / n_u`` (nodes, units), the
    Democrat's win probability and the coin's, the window masses of :func:`_pivots` and the
    law of all units' electoral votes, in chunks of nodes that bound the memory."""
    units = electorate.units
    per_node = len(units) * (electorate.total + 1)
    chunk = max(1, _CELLS // per_node)
    parts = []
    for i in range(0, d.size, chunk):
        piece = d[i : i + chunk]
        laws = [UnitLaw(u, swing, piece) for u in units]
        values, reach, fall, law = _pivots(electorate, laws)
        values /= np.array([u.turnout for u in units], dtype=float)
        wins, coin = _outcome(electorate, law)
        parts.append((values, wins, coin, reach, fall, law))
    return tuple(np.concatenate([p[k] for p in parts]) for k in range(6))


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


def decisiveness(
    electorate: Electorate,
    swing: Swing,
    *,
    rtol: float = 1e-8,
    max_nodes: int = 20_000,
    tipping: bool = False,
    tipping_atol: float = 1e-10,
) -> EmpiricalResult:
    """Every unit's probability that one of its voters decides the election, and the
    election's outcome probabilities, under the empirical model.

    >>> units = (Unit("A", 3, 0.55, 1000), Unit("B", 3, 0.45, 1000), Unit("C", 1, 0.5, 500))
    >>> r = decisiveness(Electorate("toy", units, 4), Swing(0.0, 0.03, 0.04))
    >>> round(r.win_probability, 12), [f"{p:.4g}" for p in r.p_decisive]
    (0.5, ['0.001659', '0.001659', '0.01171'])

    With ``tipping``, the tipping points (:func:`~votepower.models.outcomes.tipping_points`)
    come from the same nodes when the national swing is wide enough for the trapezoidal rule
    (``national_sd >= state_sd / 4``); otherwise that function computes them on its own panels.
    """
    if not (0.0 < rtol < 1.0):
        raise InvalidGameError("rtol must lie in (0, 1)")
    n_units = len(electorate.units)
    shared = tipping and swing.national_sd >= swing.state_sd / 4
    if tipping and not shared:
        from .outcomes import tipping_points

        plain = decisiveness(electorate, swing, rtol=rtol, max_nodes=max_nodes)
        values_t, error_t = tipping_points(electorate, swing, atol=tipping_atol)
        return replace(plain, tipping=values_t, tipping_error=error_t)
    if swing.national_sd == 0.0:
        values, wins, coin, _, _, _ = _evaluate(electorate, swing, np.zeros(1))
        return _result(electorate, swing, values[0], np.zeros(n_units), wins[0], coin[0], 1)
    thresholds = _Thresholds(electorate, swing)
    width = thresholds.width
    # the win and coin probabilities: an absolute accuracy of 0.01 rtol (at most tipping_atol),
    # aimed at with a tenfold margin (their halving estimate is less sure than the units')
    atol = 0.1 * min(tipping_atol, 0.01 * rtol)
    single = np.array([u.thresholds()[0].size == 1 for u in electorate.units])
    # units whose voters can never decide: checked exactly only for those with no mass at all
    null = np.zeros(n_units, dtype=bool)
    checked = False
    turnouts = np.array([u.turnout for u in electorate.units], dtype=float)
    sn = swing.national_sd
    total, quota = electorate.total, electorate.quota
    # every unit's integrand lives where the election is close (its pivot needs that): start
    # there, and move each end out until the bounds on what lies beyond it are small enough
    # (and within the span of the Gaussian factors' centres, which a small national_sd pulls
    # to 0); a move doubles each time
    span = thresholds.centre
    middle = min(max(_close_swing(electorate, swing), float(span.min())), float(span.max()))
    lo, hi = middle - 5.0 * width, middle + 5.0 * width
    moves = [2.0 * width, 2.0 * width]
    step = width / 2.0
    # nodes are whole multiples of ``unit``: evaluated once, however refined (by halving, or
    # once by a divisor of _DIVISIONS chosen from the integrands' curvature)
    unit = step / _DIVISIONS
    guessed = False
    cache: dict[int, tuple[np.ndarray, ...]] = {}
    while True:
        first, last = math.floor(lo / step), math.ceil(hi / step)
        count = last - first + 1
        if count > max_nodes:
            raise ResourceLimitError(
                f"{electorate.name}: the integral over the national swing would need more than "
                f"{max_nodes} nodes (state_sd or national_sd too small for the spread of the "
                "units' bases)"
            )
        d = step * np.arange(first, last + 1)
        keys = [int(k) for k in np.rint(d / unit)]
        missing = [i for i, k in enumerate(keys) if k not in cache]
        if missing:
            new = _evaluate(electorate, swing, d[missing])
            for row, i in enumerate(missing):
                cache[keys[i]] = tuple(part[row] for part in new)
        values = np.stack([cache[k][0] for k in keys])
        wins = np.array([cache[k][1] for k in keys])
        coin = np.array([cache[k][2] for k in keys])
        law_lo, law_hi = cache[keys[0]][5], cache[keys[-1]][5]
        density = np.exp(-0.5 * (d / sn) ** 2) / (sn * math.sqrt(2.0 * math.pi))
        # beyond the ends: the per-voter integrands by their bounds; the win and coin
        # probabilities are monotone there (wins rise with d; the coin needs the Democrat to
        # pass the Republican's quota, and to stay below her own)
        tail_lo, tail_hi = thresholds.tail_bounds(law_lo, law_hi, d[0], d[-1], n_units)
        tail_lo /= turnouts
        tail_hi /= turnouts
        # the win probability less a smooth step R(d) whose integral is known (so that what
        # the trapezoidal rule sums vanishes at both ends), at least two steps wide
        spread = min(2.0 * step, width / 2.0)
        smooth = special.ndtr((d - middle) / spread)
        mass_lo, mass_hi = special.ndtr(d[0] / sn), special.ndtr(-d[-1] / sn)
        coin_lo = float(_upper_tails(law_lo, np.array([total - quota + 1]))[0])
        coin_hi = float(_lower_tails(law_hi, np.array([quota - 1]))[0])
        outcome_lo = (max(wins[0], smooth[0]) + coin_lo) * mass_lo
        outcome_hi = (max(1.0 - wins[-1], 1.0 - smooth[-1], 0.0) + coin_hi) * mass_hi
        tipping_ok, t_lo, t_hi = True, 0.0, 0.0
        if shared:
            up = np.stack([cache[k][3] for k in keys])
            down = np.stack([cache[k][4] for k in keys])
            tips = _tipping_integrand(electorate, swing, d, up, down, single)
            t_fine = step * tips.sum(axis=0)
            t_coarse = 2.0 * step * tips[(first % 2) :: 2].sum(axis=0)
            t_diff = np.abs(t_fine - t_coarse)
            # as below, once settled the finer rule's error is about the difference squared
            # (relative to the value, at least sqrt(atol))
            t_scale = np.maximum(np.abs(t_fine), math.sqrt(tipping_atol))
            t_settled = t_diff <= 0.1 * math.sqrt(tipping_atol)
            t_est = np.where(t_settled, t_diff * t_diff / t_scale, t_diff)
            t_lo, t_hi = _tipping_tails(electorate, swing, law_lo, law_hi, d[0], d[-1], single)
            t_error = float(np.max(t_est, initial=0.0)) + t_lo + t_hi
            tipping_ok = t_error <= tipping_atol
        weighted = values * density[:, None]
        fine = step * weighted.sum(axis=0)
        coarse = 2.0 * step * weighted[(first % 2) :: 2].sum(axis=0)
        halving = np.abs(fine - coarse)
        # the trapezoidal rule converges geometrically for these analytic integrands: halving
        # the step squares the relative error, so the finer rule's error is about
        # (|fine - coarse| / fine)^2 once that difference is small (below 0.1 sqrt(rtol))
        if not checked and np.any(fine <= 0):
            null = np.array(_null_units(electorate))
            checked = True
        with np.errstate(divide="ignore", invalid="ignore"):
            settled = halving <= 0.1 * math.sqrt(rtol) * fine
            estimate = np.where(settled, halving * halving / np.where(fine > 0, fine, 1.0), halving)
        error = estimate + tail_lo + tail_hi
        error[null] = 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            relative = np.where(fine > 0, error / fine, np.where(error > 0, np.inf, 0.0))
        outcome_wide = _outcome_error(wins - smooth, coin, density, step, first, atol)
        outcome_ok = outcome_wide + outcome_lo + outcome_hi <= atol
        if np.all(relative <= rtol) and tipping_ok and outcome_ok:
            break
        # which end to move out: where a bound is too large for its share of the error
        budget = 0.25 * rtol * fine
        live = ~null
        move_lo = bool(np.any(live & (tail_lo > budget))) or outcome_lo > atol / 4
        move_hi = bool(np.any(live & (tail_hi > budget))) or outcome_hi > atol / 4
        move_lo = move_lo or t_lo > tipping_atol / 4
        move_hi = move_hi or t_hi > tipping_atol / 4
        if move_lo or move_hi:
            if move_lo:
                lo -= moves[0]
                moves[0] *= 2.0
            if move_hi:
                hi += moves[1]
                moves[1] *= 2.0
        elif not guessed and (divisor := _divisor(weighted, step, null)) > 2:
            step /= divisor
            guessed = True
        elif step > 2 * unit:
            step /= 2.0
            guessed = True
        else:
            break
    if shared and not tipping_ok:
        raise AccuracyError(
            f"{electorate.name}: the tipping points did not reach the requested accuracy "
            f"{tipping_atol:g} (estimate {t_error:.1e})"
        )
    if not np.all(relative <= rtol):
        worst = int(np.argmax(relative))
        raise AccuracyError(
            f"{electorate.name}: the probability for {electorate.units[worst].label} did not "
            f"reach the requested accuracy {rtol:g} (estimate {relative[worst]:.1e})"
        )
    if not outcome_ok:
        raise AccuracyError(
            f"{electorate.name}: the win probability did not reach the accuracy {10 * atol:g}"
        )
    # the integral of phi_n(d) R(d) over the line, with R a normal CDF
    reference = float(special.ndtr(-middle / math.hypot(sn, spread)))
    win = float(step * ((wins - smooth) * density).sum()) + reference
    tie = float(step * (coin * density).sum())
    result = _result(electorate, swing, fine, relative, win, tie, count)
    if shared:
        values_t = tuple(float(v) if ok else None for v, ok in zip(t_fine, single, strict=True))
        result = replace(result, tipping=values_t, tipping_error=t_error)
    return result


def _divisor(weighted: np.ndarray, step: float, null: np.ndarray) -> int:
    """How much finer than ``step`` the trapezoidal rule should be for the narrowest integrand:
    each unit's width from the curvature of its logarithm at its largest node (exact for a
    Gaussian), and a step of 0.636 of that, where the rule at twice the step is already within
    1e-5 of a Gaussian's integral. Only a first guess: the halving estimate decides."""
    narrowest = math.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.log(weighted)
    for j in np.flatnonzero(~null):
        i = int(np.argmax(weighted[:, j]))
        if 0 < i < weighted.shape[0] - 1:
            curvature = logs[i - 1, j] - 2.0 * logs[i, j] + logs[i + 1, j]
            if math.isfinite(curvature) and curvature < 0:
                narrowest = min(narrowest, step / math.sqrt(-curvature))
    if not math.isfinite(narrowest):
        return 1
    needed = max(1, math.ceil(step / (0.636 * narrowest)))
    return next((m for m in _STEP_DIVISORS if m >= needed), 2)


def _outcome_error(
    wins: np.ndarray, coin: np.ndarray, density: np.ndarray, step: float, first: int, atol: float
) -> float:
    """The halving estimate of the win and coin probabilities' trapezoidal rules (absolute:
    once the difference is below ``0.1 sqrt(atol)`` the finer rule's error is about its
    square, as for the per-voter probabilities)."""
    out = 0.0
    for values in (wins, coin):
        weighted = values * density
        fine = step * weighted.sum()
        coarse = 2.0 * step * weighted[(first % 2) :: 2].sum()
        diff = abs(fine - coarse)
        out = max(out, diff * diff if diff <= 0.1 * math.sqrt(atol) else diff)
    return out


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


def _result(electorate, swing, values, relative, win, tie, nodes) -> EmpiricalResult:
    s2 = math.hypot(swing.national_sd, swing.state_sd)
    expected = 0.0
    for u in electorate.units:
        tau, steps = u.thresholds()
        expected += float((steps * special.ndtr((u.base + swing.shift - tau) / s2)).sum())
    return EmpiricalResult(
        electorate=electorate,
        swing=swing,
        p_decisive=tuple(float(v) for v in values),
        errors=tuple(float(e) for e in relative),
        win_probability=min(max(float(win), 0.0), 1.0),
        expected_electoral_votes=expected,
        tie_probability=float(tie),
        nodes=nodes,
    )
