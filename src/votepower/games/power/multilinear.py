"""Shapley-Shubik values through the multilinear extension (Owen 1972).

For a player ``i`` of weight ``w`` the Shapley-Shubik index is

    phi_i = integral_0^1  P(q - w <= S_{-i}(t) <= q - 1)  dt,

where ``S_{-i}(t)`` is the weight of a random coalition of the other players, each in with
probability ``t`` independently: the derivative of the multilinear extension along the diagonal.
The integrand is a polynomial of degree ``n - 1``.

Reflection: ``f^q(1 - t) = f^{q*}(t)`` with the dual quota ``q* = W - q + 1``, so one weight
distribution at ``tau = min(t, 1 - t) <= 1/2`` serves the nodes ``t`` and ``1 - t``. At
``tau <= 1/2``,
removing player ``i`` (dividing by ``(1 - tau) + tau x^w``) is an alternating series with ratio
``tau / (1 - tau) <= 1``, which does not amplify rounding errors; the leave-one-out window sums
cost ``O(q / w)`` per distinct weight from one prefix-sum array (kept in extended precision).

Quadrature:

* small games (``n <= 128``): Gauss-Legendre with ``ceil(n/2)`` nodes on ``[0, 1]`` integrates the
  degree ``n - 1`` polynomial exactly (up to rounding);
* large games: the integrand lives where ``t W`` is near the quota. Hoeffding's inequality bounds
  it by ``exp(-2 d^2 / sum w^2)`` at distance ``d`` (in weight) from the window, which fixes an
  interval ``[a, b]`` outside which every integrand is below ``1e-17``. Inside, the integrand is a
  smooth bump of width about ``sigma_t = sqrt(t (1 - t) sum w^2) / W``, negligible at both ends:
  the trapezoidal rule on the lattice ``1/2 + k h`` converges faster than any power of ``h``
  there. It starts at ``h = 0.9 sigma_t`` and halves ``h`` (reusing every node) until two
  successive estimates agree to ``rtol`` (or to the rounding noise) for every player; the lattice
  is symmetric about 1/2, so a node and its reflection share one distribution. When the bump
  touches ``t = 0`` or ``t = 1`` nested Clenshaw-Curtis rules are used instead. The reported
  error estimate is the last difference plus rounding plus the neglected tails.

Banzhaf is the same derivative at ``t = 1/2`` (no integral).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from .generating import EPS, EPS_LONG, FloatValues, _blocks, _distinct

__all__ = [
    "shapley_shubik_multilinear",
    "banzhaf_multilinear",
    "window_integrands",
    "clenshaw_curtis",
]

TAIL = 1e-17


def _distribution(weights: Sequence[int], t: float, length: int) -> np.ndarray:
    """``P(S(t) = s)`` for ``s < length``, all players, each in with probability ``t``."""
    dist = np.zeros(length)
    dist[0] = 1.0
    if t == 0.0:
        return dist
    ratio = t / (1.0 - t)
    buffer = np.empty(length)
    log_scale = 0.0  # dist holds P / ((1 - t)^m * exp(log_scale))
    reach = 0
    for m, w in enumerate(sorted(weights), start=1):
        if w == 0:
            dist *= 1.0 / (1.0 - t)  # (1 - t) p + t p = p
        elif w < length:
            reach = min(reach + w, length - 1)
            cols = reach + 1
            np.multiply(dist[: cols - w], ratio, out=buffer[: cols - w])
            dist[w:cols] += buffer[: cols - w]
        if m % 128 == 0:
            peak = float(dist.max())
            if peak > 0:
                dist /= peak
                log_scale += math.log(peak)
    log_total = len(weights) * math.log1p(-t) + log_scale
    return dist * math.exp(log_total) if log_total > -745 else dist * 0.0


def window_integrands(
    weights: Sequence[int], quota: int, t: float
) -> dict[int, tuple[float, float, float, float]]:
    """At ``t <= 1/2``: ``(f^q(t), f^{q*}(t), error of f^q, error of f^{q*})`` per distinct weight.

    ``f^x(t)`` is the probability that the other players' weight lies in ``[x - w, x - 1]``.
    By reflection, ``f^q(1 - t) = f^{q*}(t)``, so one distribution serves nodes ``t`` and ``1 - t``.
    """
    if not 0.0 <= t <= 0.5:
        raise ValueError("t must lie in [0, 1/2]")
    total = sum(weights)
    q_dual = total - quota + 1
    length = max(quota, q_dual)
    dist = _distribution(weights, t, length)
    prefix = np.zeros(length + 1, dtype=np.longdouble)
    np.cumsum(dist, dtype=np.longdouble, out=prefix[1:])
    ratio = t / (1.0 - t)
    n = len(weights)
    out: dict[int, tuple[float, float, float, float]] = {}
    for w in _distinct(weights):
        pair = []
        for top in (quota, q_dual):
            hi, lo = _blocks(top, w)
            blocks = prefix[hi] - prefix[lo]
            factors = np.power(-ratio, np.arange(len(hi)))
            value = float(blocks @ factors) / (1.0 - t)
            mass = float(np.abs(blocks) @ np.abs(factors)) / (1.0 - t)
            error = (2 * n + 8) * EPS * abs(value) + (
                4 * EPS + 2 * EPS_LONG * (math.sqrt(len(hi)) + 2)
            ) * mass
            pair.append((max(value, 0.0), error))
        out[w] = (pair[0][0], pair[1][0], pair[0][1], pair[1][1])
    return out


def clenshaw_curtis(order: int) -> tuple[np.ndarray, np.ndarray]:
    """Nodes and weights of the ``order + 1``-point Clenshaw-Curtis rule on ``[-1, 1]``.

    >>> x, w = clenshaw_curtis(8)
    >>> round(float(w @ x**6), 12), round(2 / 7, 12)
    (0.285714285714, 0.285714285714)
    """
    n = order
    theta = np.pi * np.arange(n + 1) / n
    nodes = np.cos(theta)
    weights = np.zeros(n + 1)
    for k in range(n + 1):
        acc = 1.0
        for j in range(1, n // 2 + 1):
            b = 1.0 if 2 * j == n else 2.0
            acc -= b * math.cos(2 * j * theta[k]) / (4 * j * j - 1)
        weights[k] = (1.0 if k in (0, n) else 2.0) * acc / n
    return nodes, weights


def _support(weights: Sequence[int], quota: int) -> tuple[float, float]:
    """Interval of ``t`` outside which every integrand is below ``TAIL`` (Hoeffding)."""
    total = sum(weights)
    spread = math.sqrt(sum(w * w for w in weights) * math.log(1.0 / TAIL) / 2.0)
    heaviest = max(weights)
    lo = (quota - heaviest - spread) / total
    hi = (quota + spread) / max(total - heaviest, 1)
    return max(0.0, lo), min(1.0, hi)


class _Integrand:
    """``f^q(t)`` per distinct weight, any ``t`` in [0, 1]; reflected nodes share distributions."""

    def __init__(self, weights: Sequence[int], quota: int) -> None:
        self.weights = weights
        self.quota = quota
        self.cache: dict[float, dict[int, tuple[float, float, float, float]]] = {}

    def __call__(self, t: float) -> dict[int, tuple[float, float]]:
        if not 0.0 <= t <= 1.0:  # a lattice node past an end of [0, 1] (outside the integral)
            return {w: (0.0, 0.0) for w in _distinct(self.weights)}
        tau = min(t, 1.0 - t)
        key = round(tau, 14)
        if key not in self.cache:
            self.cache[key] = window_integrands(self.weights, self.quota, tau)
        reflected = t > 0.5
        return {
            w: ((fd, ed) if reflected else (fq, eq))
            for w, (fq, fd, eq, ed) in self.cache[key].items()
        }

    @property
    def evaluations(self) -> int:
        return len(self.cache)


def _accumulate(integrand, distinct, nodes, weight):
    total = {w: 0.0 for w in distinct}
    rounding = {w: 0.0 for w in distinct}
    for t in nodes:
        for w, (f, e) in integrand(float(t)).items():
            total[w] += weight * f
            rounding[w] += weight * e
    return total, rounding


def _trapezoid(integrand, distinct, weights, quota, a, b, rtol):
    """Trapezoidal rule on the lattice ``1/2 + k h`` covering ``[a, b]``, halving ``h``.

    The integrand is a smooth bump negligible at both ends, for which the trapezoidal rule
    converges faster than any power of ``h`` (the error is set by the bump's Fourier transform at
    ``2 pi / h``, about ``exp(-2 pi^2 sigma^2 / h^2)`` for a bump of width ``sigma``). The first
    spacing is 0.9 of the bump's width; each halving reuses every old node, and the lattice is
    symmetric about 1/2 so that reflected nodes share one weight distribution.
    """
    total = sum(weights)
    centre = min(max(quota / total, a), b)
    sigma = math.sqrt(centre * (1 - centre) * sum(w * w for w in weights)) / total
    step = max(0.9 * sigma, 1e-6)
    lo = math.floor((a - 0.5) / step)
    hi = math.ceil((b - 0.5) / step)
    sums, rounding = _accumulate(
        integrand, distinct, [0.5 + k * step for k in range(lo, hi + 1)], 1.0
    )
    previous = {w: step * sums[w] for w in distinct}
    while True:
        step /= 2
        lo, hi = 2 * lo, 2 * hi
        more, more_rounding = _accumulate(
            integrand, distinct, [0.5 + k * step for k in range(lo + 1, hi, 2)], 1.0
        )
        for w in distinct:
            sums[w] += more[w]
            rounding[w] += more_rounding[w]
        estimate = {w: step * sums[w] for w in distinct}
        noise = {w: step * rounding[w] for w in distinct}
        diffs = {w: abs(estimate[w] - previous[w]) for w in distinct}
        if all(diffs[w] <= rtol * abs(estimate[w]) + 4 * noise[w] for w in distinct) or step < 1e-7:
            # the halved rule is far more accurate than the difference suggests, but the
            # difference is what we can vouch for
            tail = (1.0 - (b - a)) * TAIL
            return estimate, {w: diffs[w] + noise[w] + tail for w in distinct}
        previous = estimate


def _clenshaw_curtis_nested(integrand, distinct, a, b, rtol, max_order):
    """Nested Clenshaw-Curtis rules on ``[a, b]`` (used when the bump touches 0 or 1)."""
    half = (b - a) / 2
    tail = (1.0 - (b - a)) * TAIL
    previous: dict[int, float] | None = None
    order = 16
    while True:
        x, wq = clenshaw_curtis(order)
        estimate = {w: 0.0 for w in distinct}
        rounding = {w: 0.0 for w in distinct}
        for node, weight in zip(x, wq, strict=True):
            for w, (f, e) in integrand(float(a + half * (node + 1.0))).items():
                estimate[w] += half * weight * f
                rounding[w] += half * weight * e
        if previous is not None:
            diffs = {w: abs(estimate[w] - previous[w]) for w in distinct}
            converged = all(diffs[w] <= rtol * abs(estimate[w]) + 4 * rounding[w] for w in distinct)
            if converged or order >= max_order:
                return estimate, {w: diffs[w] + rounding[w] + tail for w in distinct}
        previous = estimate
        order *= 2


def shapley_shubik_multilinear(
    weights: Sequence[int],
    quota: int,
    *,
    rtol: float = 1e-10,
    max_order: int = 1024,
) -> FloatValues:
    """Shapley-Shubik indices by integrating the multilinear extension.

    ``error_estimates`` holds the estimated absolute error (quadrature + tail + rounding).

    >>> shapley_shubik_multilinear([3, 2, 2], 5).values.round(12).tolist()
    [0.666666666667, 0.166666666667, 0.166666666667]
    """
    n = len(weights)
    distinct = _distinct(weights)
    integrand = _Integrand(weights, quota)
    values: dict[int, float] = {}
    errors: dict[int, float] = {}
    gauss_nodes = math.ceil(n / 2)
    if gauss_nodes <= 64:
        # degree n - 1 polynomial: Gauss-Legendre with ceil(n/2) nodes on [0, 1] is exact
        x, wq = np.polynomial.legendre.leggauss(gauss_nodes)
        values = {w: 0.0 for w in distinct}
        errors = {w: 0.0 for w in distinct}
        for node, weight in zip(x, wq, strict=True):
            for w, (f, e) in integrand(float((node + 1) / 2)).items():
                values[w] += weight / 2 * f
                errors[w] += weight / 2 * e
    else:
        a, b = _support(weights, quota)
        if 0.0 < a and b < 1.0:
            values, errors = _trapezoid(integrand, distinct, weights, quota, a, b, rtol)
        else:
            values, errors = _clenshaw_curtis_nested(integrand, distinct, a, b, rtol, max_order)
    # A player who is not null swings in at least one of the 2^(n-1) coalitions of the others,
    # so her derivative at t = 1/2 (her Banzhaf index) is at least 2^(1-n): below half of that,
    # with its error, she is certainly null, and her value is exactly 0.
    at_half = integrand(0.5)
    floor = 0.5 * 2.0 ** (1 - n)
    result = np.zeros(n)
    bounds = np.zeros(n)
    for i, w in enumerate(weights):
        if w > 0:
            if sum(at_half[w]) < floor:
                continue
            # a value within its error estimate of zero is reported as zero (a likely null player)
            result[i] = values[w] if values[w] > errors[w] else 0.0
            bounds[i] = errors[w]
    return FloatValues(result, bounds)


def banzhaf_multilinear(weights: Sequence[int], quota: int) -> FloatValues:
    """Absolute Banzhaf indices as the multilinear extension's derivative at ``t = 1/2``.

    >>> banzhaf_multilinear([9, 9, 7, 3, 1, 1], 16).values.round(12).tolist()
    [0.5, 0.5, 0.5, 0.0, 0.0, 0.0]
    """
    at_half = window_integrands(weights, quota, 0.5)
    values = np.zeros(len(weights))
    bounds = np.zeros(len(weights))
    for i, w in enumerate(weights):
        if w > 0:
            value, error = at_half[w][0], at_half[w][2]
            values[i], bounds[i] = (value if value > error else 0.0), error
    return FloatValues(values, bounds)
