"""The laws a split state's contests need (:mod:`.split`): the strided Fourier transforms of
the districts' law, the binomial windows of a statewide total, the districts' won and lost
parts, and the smooth step of the at-large contest with its narrow remainder."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable

import numpy as np
from scipy.special import ndtr

from ..core.binomial import pmf as _binomial_pmf
from .contests import (
    _win_share,
)


def _fast_length(minimum: float) -> int:
    """The smallest even length of at least ``minimum`` with no prime factor above 5 (fast for
    the FFT, and at most a few percent longer than needed, where a power of two can be twice)."""
    best = 1 << math.ceil(math.log2(max(minimum, 2.0)))
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            length = power35 * (1 << max(1, math.ceil(math.log2(max(minimum / power35, 1.0)))))
            best = min(best, length)
            power35 *= 3
        power5 *= 5
    return best


@functools.lru_cache(maxsize=8)
def _cached_unit_powers(period: int, count: int, first: int, last: int, stride: int) -> np.ndarray:
    """:func:`_unit_powers` on the harmonics of ``period`` for ``u = first, first + stride, ...,
    last``, kept for the next evaluation of the same state (they do not depend on ``t``)."""
    out = _unit_powers(2.0 * math.pi / period, count, np.arange(first, last + 1, stride))
    out.flags.writeable = False
    return out


def _strided_transforms(
    period: int,
    harmonics: int,
    half: int,
    stride: int,
    smooth_part: np.ndarray,
    band: np.ndarray,
    band_part: np.ndarray,
    centres: np.ndarray,
) -> np.ndarray:
    """The transforms ``sum_y part(y) e^{i theta_r (y - centre)}`` of each node's district
    parts (won, lost, and their derivatives) at the harmonics ``theta_r = 2 pi r / period``:
    shape ``(harmonics, nodes, 4)``. The smooth parts are summed over every ``stride``-th
    offset (times the stride, already in ``smooth_part``), the step's remainder over ``band``
    (added to the won parts, taken from the lost ones)."""
    nodes = centres.size
    f = (_cached_unit_powers(period, harmonics, -half, half, stride) @ smooth_part).reshape(
        harmonics, nodes, 4
    )
    if band.size:
        width = int(band[-1] - band[0])
        steps = _cached_unit_powers(period, harmonics, 0, width, 1) @ band_part
        theta = 2.0 * math.pi * np.arange(1, harmonics + 1) / period
        phase = np.exp(1j * np.outer(theta, band[0] - centres))  # (harmonics, nodes)
        steps = steps.reshape(harmonics, nodes, 2) * phase[:, :, None]
        f[..., 0] += steps[..., 0]
        f[..., 1] -= steps[..., 0]
        f[..., 2] += steps[..., 1]
        f[..., 3] -= steps[..., 1]
    return f


def _unit_powers(step: float, count: int, u: np.ndarray) -> np.ndarray:
    """``exp(i r step u)`` for r = 1..count (rows) and the integers ``u`` (columns).

    Rows come in blocks of 16: each row is a block's base times one of 16 leading rows, so only
    about ``count / 16 + 16`` rows of exponentials are evaluated (one rounding more per entry).
    """
    lead = np.exp(1j * step * np.outer(np.arange(16), u))  # r = 0..15
    bases = np.exp(1j * step * np.outer(np.arange(0, count + 16, 16), u))
    out = (bases[:, None, :] * lead[None, :, :]).reshape(-1, u.size)
    return out[1 : count + 1]


def _binomial_window(n: int, t: float, width: float = 13.0) -> tuple[int, np.ndarray]:
    """``(first value, pmf)`` of Bin(n, t) on every value with mass above ~1e-37 of the mode.

    Small ``n``: the whole support directly. Large ``n``: the pmf at the mode and the
    rest by the ratio ``b(y+1)/b(y) = (n - y) t / ((y + 1)(1 - t))`` accumulated in logarithms
    (relative error about ``1e-13``), which is much faster than evaluating every point.
    """
    if n <= 4000:
        return 0, _binomial_pmf(np.arange(n + 1), n, t)
    sd = math.sqrt(n * t * (1.0 - t))
    lo = max(0, math.floor(n * t - width * sd) - 2)
    hi = min(n, math.ceil(n * t + width * sd) + 2)
    mode = min(max(math.floor((n + 1) * t), lo), hi)
    ys = np.arange(lo, hi + 1, dtype=float)
    log_ratio = np.log((n - ys[:-1]) / (ys[:-1] + 1.0)) + math.log(t / (1.0 - t))
    log_pmf = np.concatenate([[0.0], np.cumsum(log_ratio)])
    log_pmf += math.log(float(_binomial_pmf(mode, n, t))) - log_pmf[mode - lo]
    return lo, np.exp(log_pmf)


def _binomial_laws(
    n: int,
    t: np.ndarray,
    width: float = 9.0,
    at: Callable[[int, int], np.ndarray] | None = None,
) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Bin(n, t) at every ``t`` (large ``n``), in groups of nodes sharing one range of values:
    ``(node indices, values s, pmf of shape (nodes, values))``, each node's range covering
    ``width`` standard deviations either side of its mean (beyond nine, below 1e-17); with
    ``at(first, count)``, only at the values it picks from the range.

    Nodes whose means lie within four standard deviations of each other share a range. Within a
    group the pmf is that at the group's middle ``c`` (:func:`_binomial_window`) times the exact
    likelihood ratio ``(t / c)^s ((1 - t) / (1 - c))^(n - s)``, taken in logarithms with
    ``log1p``: one evaluation of the pmf per group, and a multiply and an exponential per node
    and value.
    """
    order = np.argsort(t)
    groups: list[list[int]] = []
    for i in order:
        # within four standard deviations at either end (far from 1/2 the law is narrower,
        # and a wider group would tilt the middle's pmf past the floats' range)
        if groups:
            first = t[groups[-1][0]]
            spread = min(first * (1.0 - first), t[i] * (1.0 - t[i]))
            sd = math.sqrt(n * spread)
        if groups and n * (t[i] - first) <= 4.0 * sd:
            groups[-1].append(int(i))
        else:
            groups.append([int(i)])
    out = []
    for group in groups:
        nodes = np.array(group)
        tg = t[nodes]
        c = float(tg[len(group) // 2])
        spread = n * float(max(c - tg.min(), tg.max() - c))
        first, base = _binomial_window(n, c, width + spread / math.sqrt(n * c * (1.0 - c)) + 1.0)
        values = np.arange(first, first + base.size) if at is None else at(first, base.size)
        s = values.astype(float)
        up = np.log1p((tg - c) / c)[:, None]  # log(t / c)
        down = np.log1p(-(tg - c) / (1.0 - c))[:, None]  # log((1 - t) / (1 - c))
        with np.errstate(divide="ignore"):
            log_base = np.log(base[values - first])[None, :]
        log_ratio = (s - n * c)[None, :] * (up - down) + n * (c * up + (1.0 - c) * down)
        out.append((nodes, values, np.exp(log_base + log_ratio)))
    return out


def _district_parts(n: int, t: np.ndarray) -> tuple[np.ndarray, ...]:
    """``(P(won), P(lost), and one citizen's effect on each)`` of a district of ``n`` voters at
    each ``t``, summed from its pmf (the same law the strided transforms sum, so that the
    zeroth harmonic and the others agree to the floats, whatever the incomplete beta's
    accuracy in the installed scipy)."""
    out = np.zeros((4, t.size))
    for j, ti in enumerate(t):
        lo, pmf = _binomial_window(n, float(ti), 9.5)
        y = np.arange(lo, lo + pmf.size)
        share = _win_share(y, n)
        slope = pmf * (y - n * ti) / (n * ti * (1.0 - ti))
        out[:, j] = [
            np.sum(pmf * share), np.sum(pmf * (1.0 - share)),
            np.sum(slope * share), np.sum(slope * (1.0 - share)),
        ]  # fmt: skip
    total = out[0] + out[1]  # 1 up to the window's pmf's rounding (about 1e-13): normalized
    return out[0] / total, out[1] / total, out[2], out[3]


def _smooth_scale(total: int) -> tuple[int, float]:
    """``(stride, rho)`` for sums over a statewide total of ``total`` voters: the smooth step's
    width ``rho`` is twice the stride, and the stride a fortieth of the total's standard
    deviation (at least 1), so that every smooth term varies over many strides."""
    stride = max(1, int(0.5 * math.sqrt(total) // 40))
    return stride, 2.0 * stride


def _smooth_split(
    first: int, count: int, total: int, stride: int, rho: float
) -> tuple[np.ndarray, np.ndarray]:
    """The totals ``s`` and their factors ``f(s)`` such that
    ``sum_s w(s) share(s) = sum over the returned s of w(s) f(s)`` for any ``w`` negligible
    outside ``first .. first + count - 1`` and smooth on the scale of ``rho`` above ``N / 2``
    (it may bend at ``N / 2``, as ``P(K = k | S = s)`` does); ``share`` is the at-large
    indicator (1 above ``N / 2``, 1/2 on a tie, 0 below).

    With the smooth step ``psi(s) = Phi((s - N/2 - B) / rho)``, ``B = 9 rho`` (below 1e-19 at
    ``N / 2``): ``share = psi + share (1 - psi)`` up to 1e-19. ``w psi`` is smooth, and is
    summed over every ``stride``-th total (factor ``stride psi``; by Poisson summation the
    error is of order ``exp(-2 pi^2 rho^2 / stride^2) = exp(-8 pi^2)``, about 1e-34, relative
    to the terms); ``share (1 - psi)`` vanishes below ``N / 2`` and beyond ``B + 9 rho`` above
    it, and is summed over every total in between (``36 stride + 1`` of them)."""
    last = first + count - 1
    reach = 9.0 * rho
    # below N / 2 the smooth step is below 1e-19: its terms start there
    strided = np.arange(max(first, total // 2), last + 1, stride)
    lo = max(first, total // 2)
    hi = min(last, math.ceil(total / 2.0 + 2.0 * reach))
    band = np.arange(lo, hi + 1) if lo <= hi else np.zeros(0, dtype=np.int64)
    smooth = ndtr((strided - total / 2.0 - reach) / rho)
    rest = _win_share(band, total) * ndtr(-(band - total / 2.0 - reach) / rho)
    return np.concatenate([strided, band]), np.concatenate([stride * smooth, rest])


def _values_at(values: np.ndarray, first: int, where: np.ndarray) -> np.ndarray:
    """``values[where - first]``, 0 outside the array (a law stored from value ``first`` on)."""
    i = where - first
    inside = (i >= 0) & (i < values.size)
    return np.where(inside, values[np.clip(i, 0, values.size - 1)], 0.0)


def _convolve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if min(a.size, b.size) < 64:
        return np.convolve(a, b)
    size = a.size + b.size - 1
    fft_size = 1 << (size - 1).bit_length()
    product = np.fft.rfft(a, fft_size) * np.fft.rfft(b, fft_size)
    return np.maximum(np.fft.irfft(product, fft_size)[:size], 0.0)
