"""The Shapley-Shubik integral of a citizen whose value lies below the floats' range, in
logarithms (proportional electors; see :mod:`.logpower` for the Banzhaf value).

One citizen's integrand in a proportional block ``b`` is
``f_b(t) = sum_x b(k_x - 1; n - 1, t) P_t(others' yes weight = q - x)``. For the states whose
value underflows, it peaks well away from ``t = 1/2`` (near 0.4945 for the 2020 College), where
the other states' own outcome probabilities lie far below the floats. So:

* every block's law is taken in logarithms (:func:`_log_block_law`): binomial tails below
  ``1e-250`` by the incomplete beta's continued fraction, in logarithms (a few terms this far
  out; about 1e-12 of the logarithm);
* the others' law near the quota by an exponentially tilted recursion: each block's law times
  ``e^(theta x)``, with ``theta`` such that the body's tilted mean is the quota, is of order
  one there, and ``log P(y) = log P_theta(y) - theta y + sum_j log M_j(theta)``;
* the integral by the trapezoidal rule on a uniform grid over where the bumps live (within
  ``e^-60`` of each peak), halved until the rule and the one with twice the step agree.

Only :class:`Bloc` and :class:`Proportional` blocks have laws in logarithms; a body with other
blocks (districts, split states) is refused here (its value stays "not resolved").
"""

from __future__ import annotations

import math

import numpy as np
from scipy import special

from ..core.binomial import inner_log_pmf
from ..core.errors import AccuracyError
from ..core.quadrature import interleave, log_trapezoid
from .blocks import Bloc, Proportional
from .body import TwoTierBody, _add
from .logpower import log_binomial_pmf

__all__ = ["log10_citizen_shapley_shubik", "log_upper_tail"]

#: node evaluations allowed for all the integrals of one body (a work bound, not a clock)
MAX_NODES = 40_000
_CHUNK = 128
_NEGLIGIBLE = 60.0
_FLOAT_FLOOR = 1e-250


def _cf_log_upper(a: np.ndarray, b: np.ndarray, x: np.ndarray) -> np.ndarray:
    """``log P(Bin(n, x) >= k)`` for ``k`` far above ``n x`` (``a = k``, ``b = n - k + 1``,
    elementwise): the regularized incomplete beta ``I_x(a, b)`` by its continued fraction
    (modified Lentz), in logarithms. So far out it converges in a handful of terms (four at 70
    standard deviations)."""
    a, b, x = (np.asarray(v, dtype=float) for v in (a, b, x))
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = np.ones_like(x)
    d = 1.0 - qab * x / qap
    d = 1.0 / np.where(np.abs(d) < tiny, tiny, d)
    h = d.copy()
    for m in range(1, 20_001):
        delta = np.ones_like(x)
        for aa in (
            m * (b - m) * x / ((qam + 2 * m) * (a + 2 * m)),
            -(a + m) * (qab + m) * x / ((a + 2 * m) * (qap + 2 * m)),
        ):
            d = 1.0 + aa * d
            d = 1.0 / np.where(np.abs(d) < tiny, tiny, d)
            c = 1.0 + aa / c
            c = np.where(np.abs(c) < tiny, tiny, c)
            delta = d * c
            h = h * delta
        if np.all(np.abs(delta - 1.0) < 1e-13):
            break
    else:
        raise AccuracyError("a binomial tail's continued fraction did not converge")
    front = a * np.log(x) + b * np.log1p(-x)
    front -= special.gammaln(a) + special.gammaln(b) - special.gammaln(a + b) + np.log(a)
    return np.asarray(front + np.log(h))


def log_upper_tail(k: int, n: int, t: np.ndarray) -> np.ndarray:
    """``log P(Bin(n, t) >= k)`` at each ``t``, finite however small (``-inf`` only for
    ``k > n``).

    >>> float(np.exp(log_upper_tail(3, 4, np.array([0.5]))[0]))  # (4 + 1) / 16
    0.3125
    """
    return _log_upper_tails(np.array([k]), n, np.asarray(t, dtype=float))[0]


def _log_upper_tails(ks: np.ndarray, n: int, t: np.ndarray) -> np.ndarray:
    """``log P(Bin(n, t) >= k)`` for every ``k`` (rows) and ``t`` (columns): the incomplete
    beta where it is at least :data:`_FLOAT_FLOOR`, its continued fraction in logarithms (all
    such entries in one evaluation) below."""
    ks = np.asarray(ks, dtype=int)
    out = np.zeros((ks.size, t.size))
    out[ks > n] = -np.inf
    inner = (ks > 0) & (ks <= n)
    if not inner.any():
        return out
    k = ks[inner][:, None].astype(float)
    a, b = (
        np.broadcast_to(k, (k.shape[0], t.size)),
        np.broadcast_to(n - k + 1, (k.shape[0], t.size)),
    )
    x = np.broadcast_to(t[None, :], a.shape)
    value = special.betainc(a, b, x)
    logs = np.empty(a.shape)
    fits = value >= _FLOAT_FLOOR
    logs[fits] = np.log(value[fits])
    if (~fits).any():
        logs[~fits] = _cf_log_upper(a[~fits], b[~fits], x[~fits])
    out[inner] = logs
    return out


def _log_lower_tails(ks: np.ndarray, n: int, t: np.ndarray) -> np.ndarray:
    """``log P(Bin(n, t) < k)`` for every ``k`` and ``t``: the upper tails of the noes."""
    return _log_upper_tails(n - np.asarray(ks, dtype=int) + 1, n, 1.0 - t)


def _log_difference(big: np.ndarray, small: np.ndarray) -> np.ndarray:
    """``log(e^big - e^small)`` for ``big >= small`` (``-inf`` where they are equal)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(small == -np.inf, big, big + np.log1p(-np.exp(small - big)))


def _log_block_law(block: Bloc, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(values, log P(value) per node)``: a block's yes weight at each ``t``, in logs."""
    if isinstance(block, Proportional):
        n, thresholds = block.voters, block._thresholds()
        mean = n * t
        ups = _log_upper_tails(np.array(thresholds), n, t)
        lows = _log_lower_tails(np.array(thresholds), n, t)
        logs = []
        for x in range(block.seats + 1):
            lo, hi = thresholds[x], thresholds[x + 1]
            upper = _log_difference(ups[x], ups[x + 1])
            lower = _log_difference(lows[x + 1], lows[x])
            # the interval's mass from the side where it is a tail (no cancellation there)
            with np.errstate(divide="ignore"):
                middle = np.log(np.clip(np.exp(upper), 0.0, 1.0))
            logs.append(np.where(lo > mean, upper, np.where(hi <= mean, lower, middle)))
        return np.arange(block.seats + 1, dtype=float), np.stack(logs, axis=1)
    if type(block) is Bloc:
        n = block.contest_size
        win = log_upper_tail(n // 2 + 1, n, t)
        lose = _log_lower_tails(np.array([(n + 1) // 2]), n, t)[0]
        if n % 2 == 0:  # a tie, by a coin
            tie = np.log(0.5) + np.array([log_binomial_pmf(n // 2, n, float(v)) for v in t])
            win, lose = np.logaddexp(win, tie), np.logaddexp(lose, tie)
        return np.array([0.0, float(block.weight)]), np.stack([lose, win], axis=1)
    raise AccuracyError(
        f"{block.label}: its law is not taken in logarithms (only blocs and proportional "
        "electors are)"
    )


def _log_others(body: TwoTierBody, t: np.ndarray, wanted: list[int]) -> dict[int, np.ndarray]:
    """``log P_t(others' yes weight = q - x)`` for ``x = 1..w_b`` (columns), each wanted
    block ``b``, by the tilted recursion (see the module's docstring)."""
    if body.extra:
        raise AccuracyError("a body with players outside the citizens' model is not taken here")
    q, width, m = body.quota, body.total_weight + 1, t.size
    laws = [_log_block_law(block, t) for block in body.blocks]

    def log_mgf(theta: np.ndarray) -> list[np.ndarray]:
        return [np.logaddexp.reduce(lp + theta[:, None] * x, axis=1) for x, lp in laws]

    lo, hi, theta = np.full(m, -1e5), np.full(m, 1e5), np.zeros(m)
    for _ in range(400):
        mean, variance = np.zeros(m), np.zeros(m)
        for (x, lp), lm in zip(laws, log_mgf(theta), strict=True):
            weights = np.exp(lp + theta[:, None] * x - lm[:, None])
            mu = weights @ x
            mean += mu
            variance += weights @ (x * x) - mu * mu
        gap = mean - q
        lo, hi = np.where(gap < 0, theta, lo), np.where(gap > 0, theta, hi)
        if np.all(np.abs(gap) < 1e-9):
            break
        newton = theta - gap / np.maximum(variance, 1e-300)
        theta = np.where((newton > lo) & (newton < hi), newton, (lo + hi) / 2.0)
    else:
        raise AccuracyError(f"{body.name}: the tilt of the body's law did not settle")
    lms = log_mgf(theta)
    tilted = [
        [(int(v), np.exp(lp[:, k] + theta * v - lm)) for k, v in enumerate(x)]
        for (x, lp), lm in zip(laws, lms, strict=True)
    ]
    prefix = [np.zeros((m, width))]
    prefix[0][:, 0] = 1.0
    for taps in tilted[:-1]:
        prefix.append(_add(prefix[-1], taps))
    suffix = np.zeros((m, width))
    suffix[:, 0] = 1.0
    total = np.sum(lms, axis=0)
    out: dict[int, np.ndarray] = {}
    for i in range(len(tilted) - 1, -1, -1):
        if i in wanted:
            ys = q - np.arange(1, body.blocks[i].weight + 1)
            columns = [
                np.einsum("na,na->n", prefix[i][:, : y + 1], suffix[:, y::-1])
                if y >= 0
                else np.zeros(m)
                for y in ys
            ]
            with np.errstate(divide="ignore"):
                law = np.log(np.maximum(np.stack(columns, axis=1), 0.0))
            out[i] = law - theta[:, None] * ys[None, :] + (total - lms[i])[:, None]
        suffix = _add(suffix, tilted[i])
    return out


def _log_integrand(body: TwoTierBody, t: np.ndarray, wanted: list[int]) -> dict[int, np.ndarray]:
    parts: dict[int, list[np.ndarray]] = {i: [] for i in wanted}
    for start in range(0, t.size, _CHUNK):
        piece = t[start : start + _CHUNK]
        others = _log_others(body, piece, wanted)
        for i in wanted:
            block = body.blocks[i]
            n, thresholds = block.voters, block._thresholds()
            terms = []
            for x in range(1, block.seats + 1):
                k = thresholds[x]
                if 1 < k < n:
                    log_s = inner_log_pmf(np.array(k - 1), np.array(n - 1), piece)
                elif 0 < k <= n:
                    log_s = np.array([log_binomial_pmf(k - 1, n - 1, float(v)) for v in piece])
                else:
                    continue
                terms.append(log_s + others[i][:, x - 1])
            parts[i].append(np.logaddexp.reduce(np.stack(terms, axis=1), axis=1))
    return {i: np.concatenate(p) for i, p in parts.items()}


def log10_citizen_shapley_shubik(
    body: TwoTierBody, wanted: list[int], *, rtol: float = 1e-8
) -> dict[int, float]:
    """``log10`` of one citizen's Shapley-Shubik value in each wanted proportional block
    (``-inf``: none), within ``rtol`` relative; :class:`AccuracyError` past
    :data:`MAX_NODES` node evaluations or where the laws are not taken in logarithms."""
    out: dict[int, float] = {}
    spent = 0
    half = 0.02
    while True:
        coarse = np.linspace(max(0.5 - half, 1e-6), min(0.5 + half, 1.0 - 1e-6), 121)
        spent += coarse.size
        logs = _log_integrand(body, coarse, wanted)
        for i in [i for i, lf in logs.items() if not np.isfinite(lf.max())]:
            out[i] = -math.inf
            del logs[i]
        wanted = list(logs)
        if not wanted:
            return out
        if all(max(lf[0], lf[-1]) < lf.max() - _NEGLIGIBLE for lf in logs.values()):
            break
        if half >= 0.5:
            raise AccuracyError(
                f"{body.name}: an integrand in logarithms does not vanish at 0 or 1"
            )
        half = min(2.0 * half, 0.5)
    step = float(coarse[1] - coarse[0])
    low, high = 1.0, 0.0
    for lf in logs.values():
        live = coarse[lf > lf.max() - _NEGLIGIBLE]
        low, high = min(low, float(live[0]) - step), max(high, float(live[-1]) + step)
    grid = np.linspace(max(low, 1e-6), min(high, 1.0 - 1e-6), 65)
    fine = _log_integrand(body, grid, wanted)
    spent += grid.size
    while True:
        spacing = float(grid[1] - grid[0])
        result, worst = {}, 0.0
        for i, lf in fine.items():
            full, diff = log_trapezoid(lf, spacing)
            worst = max(worst, diff)
            result[i] = full / math.log(10.0)
        if worst <= rtol:
            return {**out, **result}
        if spent + grid.size > MAX_NODES:
            raise AccuracyError(
                f"{body.name}: a Shapley-Shubik value below the floats' range did not settle to "
                f"{rtol:g} within {MAX_NODES:,} nodes (halving still changed it by {worst:.1e})"
            )
        middles = (grid[:-1] + grid[1:]) / 2.0
        new = _log_integrand(body, middles, wanted)
        spent += middles.size
        fine = {i: interleave(lf, new[i]) for i, lf in fine.items()}
        grid = interleave(grid, middles)
