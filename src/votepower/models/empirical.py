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
from dataclasses import replace

import numpy as np
from scipy import special

from ..citizens.logpower import UNDERFLOW
from ..core.errors import AccuracyError, CitizenModelError, InvalidGameError, ResourceLimitError
from .bounds import (
    _close_swing,
    _lower_tails,
    _null_units,
    _Thresholds,
    _tipping_tails,
    _upper_tails,
)
from .electorate import MAX_TOTAL, Electorate, EmpiricalResult, Swing, Unit
from .laws import UnitLaw, _evaluate, _tipping_integrand
from .outcomes import tipping_points

__all__ = [
    "Unit",
    "Swing",
    "Electorate",
    "UnitLaw",
    "EmpiricalResult",
    "decisiveness",
    "MAX_TOTAL",
]

#: the nodes' grid: refinements divide the first step by divisors of this
_DIVISIONS = 2**12 * 3 * 5 * 7
_STEP_DIVISORS = tuple(m for m in range(1, 65) if _DIVISIONS % m == 0)


#: the least number of vote counts a unit's share must spread over (turnout x state_sd) for
#: the model's continuous shares. A tie's chance is the share's density over the voters when
#: the density is smooth on the scale of one vote (by Poisson summation the lattice of vote
#: counts then adds a relative error of about exp(-2 pi^2 spread^2): nothing at 10; with a
#: spread below 1/sqrt(2 pi) the "probability" would exceed 1)
MIN_SPREAD = 10


def _check_spread(electorate: Electorate, swing: Swing) -> None:
    """Refuse units too small for continuous shares (their probability could exceed 1)."""
    for unit in electorate.units:
        if unit.turnout * swing.state_sd < MIN_SPREAD:
            least = math.ceil(MIN_SPREAD / swing.state_sd)
            raise CitizenModelError(
                f"{unit.label}: {unit.turnout:,} voters are too few for the empirical model: it "
                "treats a vote share as continuous (a tie's chance is its density over the "
                f"voters), which needs the share's spread (state_sd {swing.state_sd:g}) to cover "
                f"at least {MIN_SPREAD} vote counts: {least:,} voters or more per contest"
            )


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
    _check_spread(electorate, swing)
    n_units = len(electorate.units)
    shared = tipping and swing.national_sd >= swing.state_sd / 4
    if tipping and not shared:
        plain = decisiveness(electorate, swing, rtol=rtol, max_nodes=max_nodes)
        values_t, error_t = tipping_points(electorate, swing, atol=tipping_atol)
        return replace(plain, tipping=values_t, tipping_error=error_t)
    if swing.national_sd == 0.0:
        values, wins, coin, _, _, _, logs = _evaluate(electorate, swing, np.zeros(1))
        result = _result(electorate, swing, values[0], np.zeros(n_units), wins[0], coin[0], 1)
        # no integral: the logarithms are exact too, and carry what underflows
        return replace(result, log_p_decisive=tuple(float(v) for v in logs[0]))
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
            new = _evaluate(electorate, swing, d[missing])[:6]
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
        # below the floats' range: taken in logarithms after this loop (logempirical.py), so
        # neither what this rule says of them nor their tails matter here
        deep = (fine < UNDERFLOW) & ~null
        error[deep] = 0.0
        with np.errstate(divide="ignore", invalid="ignore"):
            relative = np.where(fine > 0, error / fine, np.where(error > 0, np.inf, 0.0))
        outcome_wide = _outcome_error(wins - smooth, coin, density, step, first, atol)
        outcome_ok = outcome_wide + outcome_lo + outcome_hi <= atol
        if np.all(relative <= rtol) and tipping_ok and outcome_ok:
            break
        # which end to move out: where a bound is too large for its share of the error
        budget = 0.25 * rtol * fine
        live = ~null & ~deep
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
        elif not guessed and (divisor := _divisor(weighted, step, null | deep)) > 2:
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
    if np.any(fine < UNDERFLOW):
        result = _in_logarithms(result, fine, relative, null if checked else None, rtol)
    if shared:
        values_t = tuple(float(v) if ok else None for v, ok in zip(t_fine, single, strict=True))
        result = replace(result, tipping=values_t, tipping_error=t_error)
    return result


def _in_logarithms(
    result: EmpiricalResult,
    fine: np.ndarray,
    relative: np.ndarray,
    null: np.ndarray | None,
    rtol: float,
) -> EmpiricalResult:
    """What the float integral cannot hold, in logarithms: a unit that never decides is
    ``-inf``; a value below the floats' range is integrated again in logarithms
    (:mod:`.logempirical`), or NaN (not resolved) past that integral's work bound."""
    from .logempirical import log_p_decisive

    electorate, swing = result.electorate, result.swing
    if null is None:
        null = np.array(_null_units(electorate))
    deep = [i for i, v in enumerate(fine) if v < UNDERFLOW and not null[i]]
    try:
        found = log_p_decisive(electorate, swing, deep, rtol=rtol)
    except AccuracyError:
        found = {}
    logs, values, errors = [], list(result.p_decisive), list(relative)
    for i, v in enumerate(fine):
        if null[i]:
            logs.append(-math.inf)
        elif i in found:
            logs.append(found[i][0])
            values[i], errors[i] = math.exp(found[i][0]), found[i][1]
        else:
            logs.append(math.log(v) if v >= UNDERFLOW else math.nan)
    return replace(
        result,
        p_decisive=tuple(float(v) for v in values),
        errors=tuple(float(e) for e in errors),
        log_p_decisive=tuple(logs),
    )


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
