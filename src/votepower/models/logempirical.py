"""The empirical model's probability that one voter decides, in logarithms, for the units
whose value lies below the floats' range under a national swing (``national_sd > 0``).

The float integral (:func:`~votepower.models.empirical.decisiveness`) leaves such a unit's
value at 0 (its integrand underflows everywhere); here every factor is carried as a logarithm:

* each unit's law given the national swing ``d`` from ``log Phi`` (``scipy.special.log_ndtr``),
  both tails without cancellation, so a state 80 standard deviations from a tie keeps its
  digits;
* the law of the other units' electoral votes near the quota by an exponentially tilted
  recursion: each unit's law times ``e^(theta x)``, with ``theta`` such that the tilted mean of
  all units' electoral votes is half the total, is of order one there, and
  ``log P(S = s) = log P_theta(S = s) - theta s + sum_u log M_u(theta)`` (prefix and suffix
  tables of non-negative terms, as in the float model);
* the integral over ``d`` by the trapezoidal rule on a uniform grid over where the integrand
  lives (within ``e^-60`` of its peak), halved until the rule and the one with twice the step
  agree to the requested accuracy. Beyond the grid a bound that holds whatever the election
  (the pivot's probability is at most 1): the national density times the unit's share density
  is a Gaussian in ``d``, whose tails are normal tails; the grid is widened until they are a
  quarter of the accuracy.
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from ..core.errors import AccuracyError
from ..core.quadrature import interleave, log_trapezoid
from .electorate import Electorate, Swing
from .laws import _add

__all__ = ["log_p_decisive", "MAX_NODES"]

#: national swings evaluated for all the integrals of one electorate (a work bound, not a clock)
MAX_NODES = 20_000
_CHUNK = 64
_NEGLIGIBLE = 60.0
_LOG_ROOT_2PI = 0.5 * math.log(2.0 * math.pi)


def _log1mexp(a: np.ndarray) -> np.ndarray:
    """``log(1 - e^a)`` for ``a <= 0`` (``-inf`` at 0), accurate at both ends."""
    a = np.asarray(a, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(a > -math.log(2.0), np.log(-np.expm1(a)), np.log1p(-np.exp(a)))


def _log_interval(lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """``log P(lo < Z <= hi)`` for a standard normal ``Z``, from the side where the interval is
    a tail (no cancellation there)."""
    upper = lo >= 0
    a = np.where(upper, -hi, lo)  # the far end, mirrored into the lower tail
    b = np.where(upper, -lo, hi)  # the near end
    log_b = special.log_ndtr(b)
    return log_b + _log1mexp(special.log_ndtr(a) - log_b)


class _LogUnitLaw:
    """At each national swing: one unit's law of Democratic electors, in logarithms, and the
    log densities of its share at each threshold."""

    def __init__(self, unit, swing: Swing, d: np.ndarray) -> None:
        tau, self.steps = unit.thresholds()
        sd = swing.state_sd
        z = (tau[None, :] - (unit.base + swing.shift + d)[:, None]) / sd
        self.log_density = -0.5 * z * z - math.log(sd) - _LOG_ROOT_2PI
        edges = np.concatenate([np.full((d.size, 1), -np.inf), z, np.full((d.size, 1), np.inf)], 1)
        self.log_mass = _log_interval(edges[:, :-1], edges[:, 1:])
        self.cumulative = np.concatenate([[0], np.cumsum(self.steps)]).astype(int)
        self.turnout = unit.turnout


class _Tilted:
    """A unit's tilted law, in the shape :func:`~votepower.models.laws._add` takes."""

    def __init__(self, law: _LogUnitLaw, theta: np.ndarray) -> None:
        exponent = law.log_mass + theta[:, None] * law.cumulative[None, :]
        #: ``log M(theta)``, the tilted law's normalizer
        self.log_mgf = np.logaddexp.reduce(exponent, axis=1)
        self.mass = np.exp(exponent - self.log_mgf[:, None])
        self.cumulative = law.cumulative


def _tilt(laws: list[_LogUnitLaw], target: float) -> np.ndarray:
    """``theta`` at each node such that the tilted mean of all units' electors is ``target``
    (Newton's method safeguarded by bisection; all units at once, their laws padded)."""
    m = laws[0].log_mass.shape[0]
    width = max(law.cumulative.size for law in laws)
    log_mass = np.full((len(laws), m, width), -np.inf)
    values = np.zeros((len(laws), 1, width))
    for i, law in enumerate(laws):
        log_mass[i, :, : law.cumulative.size] = law.log_mass
        values[i, 0, : law.cumulative.size] = law.cumulative
    lo, hi, theta = np.full(m, -1e7), np.full(m, 1e7), np.zeros(m)
    for _ in range(400):
        exponent = log_mass + theta[None, :, None] * values
        weights = np.exp(exponent - exponent.max(axis=2, keepdims=True))
        weights /= weights.sum(axis=2, keepdims=True)
        mu = (weights * values).sum(axis=2)
        mean = mu.sum(axis=0)
        variance = ((weights * values * values).sum(axis=2) - mu * mu).sum(axis=0)
        gap = mean - target
        lo, hi = np.where(gap < 0, theta, lo), np.where(gap > 0, theta, hi)
        if np.all(np.abs(gap) < 1e-9 * max(target, 1.0)) or np.all(hi - lo < 1e-12):
            return theta
        newton = theta - gap / np.maximum(variance, 1e-300)
        theta = np.where((newton > lo) & (newton < hi), newton, (lo + hi) / 2.0)
    raise AccuracyError("the tilt of the electoral votes' law did not settle")


def _log_window(before: np.ndarray, after: np.ndarray, low: int, w: int) -> np.ndarray:
    """``log P_theta(A + B = s)`` summed with ``e^(-theta s)`` is done by the caller: here the
    tilted masses ``P_theta(A + B = s)`` for ``s`` in ``[low, low + w - 1]`` (nodes, w)."""
    nodes = before.shape[0]
    out = np.zeros((nodes, w))
    for k in range(w):
        s = low + k
        a_lo, a_hi = max(0, s - after.shape[1] + 1), min(before.shape[1] - 1, s)
        if s < 0 or a_lo > a_hi:
            continue
        stop = s - a_hi - 1
        out[:, k] = np.einsum(
            "na,na->n",
            before[:, a_lo : a_hi + 1],
            after[:, s - a_lo : (stop if stop >= 0 else None) : -1],
        )
    return out


def _log_integrand(
    electorate: Electorate, swing: Swing, d: np.ndarray, wanted: list[int]
) -> dict[int, np.ndarray]:
    """``log`` of each wanted unit's integrand at the national swings ``d``: the national
    density times ``sum_x f_u(tau_x | d) pivot_u(x, d) / n_u``."""
    total, quota = electorate.total, electorate.quota
    sn = swing.national_sd
    laws = [_LogUnitLaw(u, swing, d) for u in electorate.units]
    theta = _tilt(laws, total / 2.0)
    tilted = [_Tilted(law, theta) for law in laws]
    start = np.ones((d.size, 1))
    prefix = [start]
    for law in tilted[:-1]:
        prefix.append(_add(prefix[-1], law))
    log_total = np.sum([t.log_mgf for t in tilted], axis=0)
    national = -0.5 * (d / sn) ** 2 - math.log(sn) - _LOG_ROOT_2PI
    out: dict[int, np.ndarray] = {}
    suffix = start
    for j in range(len(tilted) - 1, -1, -1):
        before = prefix.pop()
        if j in wanted:
            law = laws[j]
            log_others = log_total - tilted[j].log_mgf
            terms = []
            for x in range(law.steps.size):
                w, c = int(law.steps[x]), int(law.cumulative[x + 1])
                sides = []
                # the Democrat reaches the quota; the Republican falls below it (as in laws.py)
                for low in (quota - c, total - quota - c + 1):
                    masses = _log_window(before, suffix, low, w)
                    s = np.arange(low, low + w)
                    with np.errstate(divide="ignore"):
                        logs = np.log(masses) - theta[:, None] * s[None, :]
                    sides.append(np.logaddexp.reduce(logs, axis=1))
                pivot = np.logaddexp(sides[0], sides[1]) - math.log(2.0) + log_others
                terms.append(law.log_density[:, x] + pivot)
            value = np.logaddexp.reduce(np.stack(terms, axis=1), axis=1)
            out[j] = national + value - math.log(law.turnout)
        suffix = _add(suffix, tilted[j])
    return out


def _evaluate(electorate, swing, d, wanted) -> dict[int, np.ndarray]:
    parts: dict[int, list[np.ndarray]] = {j: [] for j in wanted}
    for i in range(0, d.size, _CHUNK):
        for j, v in _log_integrand(electorate, swing, d[i : i + _CHUNK], wanted).items():
            parts[j].append(v)
    return {j: np.concatenate(p) for j, p in parts.items()}


def _log_tails(electorate: Electorate, swing: Swing, j: int, lo: float, hi: float):
    """Bounds on ``log`` of the integral beyond ``lo`` and beyond ``hi``: with the pivot at 1
    the integrand is ``sum_x phi(d; 0, sn) phi(tau_x; m + d, ss) / n``, a Gaussian in ``d`` per
    threshold with mass ``phi(tau_x - m; 0, sqrt(sn^2 + ss^2)) / n`` centred at ``c_x``."""
    unit = electorate.units[j]
    sn, ss = swing.national_sd, swing.state_sd
    tau, _ = unit.thresholds()
    t = tau - unit.base - swing.shift  # the swing that puts the unit's share at the threshold
    s2 = sn * sn + ss * ss
    mass = -0.5 * t * t / s2 - 0.5 * math.log(s2) - _LOG_ROOT_2PI - math.log(unit.turnout)
    centre = t * sn * sn / s2
    spread = sn * ss / math.sqrt(s2)
    below = np.logaddexp.reduce(mass + special.log_ndtr((lo - centre) / spread))
    above = np.logaddexp.reduce(mass + special.log_ndtr((centre - hi) / spread))
    return float(below), float(above)


def log_p_decisive(
    electorate: Electorate, swing: Swing, wanted: list[int], *, rtol: float = 1e-8
) -> dict[int, tuple[float, float]]:
    """Each wanted unit's ``log P(one voter decides)`` (natural) with its relative error
    estimate, computed in logarithms (see the module's docstring); ``-inf`` for a unit whose
    voters can never decide. :class:`AccuracyError` past :data:`MAX_NODES` evaluations."""
    sn, ss = swing.national_sd, swing.state_sd
    if sn <= 0:
        raise ValueError("the integral over the national swing needs national_sd > 0")
    out: dict[int, tuple[float, float]] = {}
    # where the integrands live: between no swing and the swings that put the units at a tie
    anchors = [0.0]
    for j in wanted:
        u = electorate.units[j]
        anchors += list(u.thresholds()[0] - u.base - swing.shift)
    narrow = min(sn, ss)
    lo, hi = min(anchors) - 8.0 * narrow, max(anchors) + 8.0 * narrow
    step = min(narrow / 4.0, (hi - lo) / 120.0)
    spent = 0

    def spend(count: int) -> None:
        nonlocal spent
        spent += count
        if spent > MAX_NODES:
            raise AccuracyError(
                f"{electorate.name}: a probability below the floats' range did not settle to "
                f"{rtol:g} within {MAX_NODES:,} national swings"
            )

    first, last = math.floor(lo / step), math.ceil(hi / step)
    spend(last - first + 1)
    grid = step * np.arange(first, last + 1)
    logs = _evaluate(electorate, swing, grid, wanted)
    # widen until the bound on what lies beyond the grid is a quarter of the accuracy
    while True:
        grow_lo = grow_hi = False
        for j, lf in logs.items():
            peak = float(np.logaddexp.reduce(lf)) + math.log(step)
            below, above = _log_tails(electorate, swing, j, float(grid[0]), float(grid[-1]))
            grow_lo |= below > peak + math.log(rtol / 4.0)
            grow_hi |= above > peak + math.log(rtol / 4.0)
        if not (grow_lo or grow_hi):
            break
        extra = max(8, grid.size // 2)
        spend(extra * (int(grow_lo) + int(grow_hi)))
        if grow_lo:
            new = grid[0] - step * np.arange(extra, 0, -1)
            more = _evaluate(electorate, swing, new, list(logs))
            grid = np.concatenate([new, grid])
            logs = {j: np.concatenate([more[j], lf]) for j, lf in logs.items()}
        if grow_hi:
            new = grid[-1] + step * np.arange(1, extra + 1)
            more = _evaluate(electorate, swing, new, list(logs))
            grid = np.concatenate([grid, new])
            logs = {j: np.concatenate([lf, more[j]]) for j, lf in logs.items()}
    for j in [j for j, lf in logs.items() if not np.isfinite(lf.max())]:
        out[j] = (-math.inf, 0.0)
        del logs[j]
    if not logs:
        return out
    # the grid where some integrand is within e^-60 of its peak (the rest: below rtol)
    live = np.zeros(grid.size, dtype=bool)
    for lf in logs.values():
        live |= lf > lf.max() - _NEGLIGIBLE
    where = np.flatnonzero(live)
    a, b = max(0, int(where[0]) - 1), min(grid.size - 1, int(where[-1]) + 1)
    grid = grid[a : b + 1]
    fine = {j: lf[a : b + 1] for j, lf in logs.items()}
    while True:
        spacing = float(grid[1] - grid[0])
        result, errors = {}, {}
        for j, lf in fine.items():
            # the relative difference of the two rules; once it is small the finer rule's
            # error is about its square (the rule converges geometrically for these analytic
            # integrands, as in the float integral), plus the tails' quarter of the accuracy
            full, diff = log_trapezoid(lf, spacing)
            errors[j] = (diff * diff if diff <= 0.1 * math.sqrt(rtol) else diff) + rtol / 4.0
            result[j] = full
        if max(errors.values()) <= rtol:
            break
        middles = (grid[:-1] + grid[1:]) / 2.0
        spend(middles.size)
        new = _evaluate(electorate, swing, middles, list(fine))
        fine = {j: interleave(lf, new[j]) for j, lf in fine.items()}
        grid = interleave(grid, middles)
    return {**out, **{j: (v, errors[j]) for j, v in result.items()}}
