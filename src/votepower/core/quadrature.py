"""Quadrature in ``t`` for the Shapley-Shubik integrals of electorates of every size.

:func:`integrate_over_t` chooses among three rules: Gauss-Legendre, exact for the polynomial
integrands of small electorates; composite Gauss-Legendre graded from ``t = 1/2`` outwards, for
bodies mixing small and large contests; and :func:`centred_trapezoid` for large electorates,
described next.

Under the coin-flip model every contest of ``n`` voters is a fair coin at ``t = 1/2`` and is
decided within a few ``1 / (2 sqrt(n))`` of it, so the Shapley-Shubik integrands of large
electorates are sums of bumps *all centred at 1/2*, from the width of the largest contest
(about 8e-5 for California) to that of the smallest (about 7e-4 for Wyoming). A uniform step
must resolve the narrowest bump over the widest window; the substitution
``t = 1/2 + a sinh(u)`` instead gives a step of about ``a h`` at the centre that grows in
proportion to the distance from it, so every bump is resolved with a few dozen nodes in all.

The trapezoidal rule in ``u`` converges geometrically for integrands analytic in a strip about
the real axis (Gaussians and binomial laws composed with ``sinh`` are, for ``|Im u| < pi/4``),
so halving ``h`` about squares the error: four times the square of the change between the last
two passes (:data:`SAFETY`) is the error estimate.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

__all__ = [
    "adaptive_gauss_kronrod",
    "centred_trapezoid",
    "graded_gauss",
    "integrate_over_t",
    "gauss_kronrod_15",
    "interleave",
    "log_trapezoid",
]

CHUNK = 256  # nodes per call of the integrand (bounds memory)
#: relative rounding of the integrands of this package (binomial laws, Fourier products and
#: sums over nodes), measured between runs on different node sets (up to about 7e-11): no
#: estimate goes below it
ROUNDING = 1e-10
#: the error after a halving is about the square of the one before, times a factor measured
#: between 0.04 and 1.8 on the US bodies (against runs with three more halvings): the estimate
#: takes four times the squared change
SAFETY = 4.0


def centred_trapezoid(
    f: Callable[[np.ndarray], np.ndarray],
    *,
    scale: float,
    half_width: float,
    rtol: float,
    limit: float | None = None,
    step: float = 0.3,
    halvings: int = 6,
) -> tuple[np.ndarray, float]:
    """``integral of f(t) dt`` over ``[1/2 - w, 1/2 + w]`` and an error estimate (relative,
    the largest over the components).

    ``f`` maps an array of ``t`` (nodes) to an array of shape ``(nodes, k)``: ``k`` integrands
    at once. ``scale`` is the width of the narrowest feature at 1/2. ``w`` starts at
    ``half_width`` and is doubled, up to ``limit``, while ``f`` is not negligible (1e-10 of its
    peak; the rounding of Fourier laws is about 1e-11) at both ends. Passes then halve ``step``
    (in ``u``, reusing every node) until the estimate below is at most ``rtol``,
    ``halvings`` times at most. The estimate is :data:`SAFETY` times the squared change (the
    truncation error), not below :data:`ROUNDING` (the integrand's own rounding) nor, if the
    window was held at
    ``limit`` with ``f`` still above 1e-10 of its peak there, below that ratio.
    """
    if not (scale > 0 and half_width > 0):
        raise ValueError("scale and half_width must be positive")
    limit = max(half_width, limit if limit is not None else half_width)
    width = min(half_width, limit)
    while True:
        a = min(scale, width)
        end = math.asinh(width / a)
        count = max(2, math.ceil(end / step))
        h = end / count
        # the first pass and its first halving in one call (the estimate needs both)
        both = _weighted(f, a, (h / 2) * np.arange(-2 * count, 2 * count + 1))
        values, middles = both[0::2], both[1::2]
        ends = np.abs(values[[0, -1]]).max(axis=0)
        peak = np.abs(both).max(axis=0)
        tail = float(np.max(ends / np.maximum(peak, 1e-300)))
        if width >= limit or tail <= 1e-10:
            break
        width = min(2.0 * width, limit)
    # the integrand is negligible at both ends, so the end nodes count in full like the others
    sums = values.sum(axis=0)
    estimate = h * sums
    error = math.inf
    for halving in range(halvings):
        h /= 2
        count *= 2
        if halving == 0:
            sums = sums + middles.sum(axis=0)
        else:
            sums = sums + _weighted(f, a, h * np.arange(-count + 1, count, 2)).sum(axis=0)
        refined = h * sums
        change = _relative_change(refined, estimate)
        estimate = refined
        # at the widest window allowed, what the ends still carry counts against the result
        error = max(SAFETY * change**2, ROUNDING, tail if tail > 1e-10 else 0.0)
        if error <= max(rtol, ROUNDING):
            break
    return estimate, error


def _relative_change(refined: np.ndarray, estimate: np.ndarray) -> float:
    """The largest relative change between two passes, over the components that are not
    within :data:`ROUNDING` of zero relative to the largest (a null component's rounding
    noise has no relative accuracy to reach; it is reported as 0 by the callers)."""
    size = np.abs(refined)
    live = size > ROUNDING * float(size.max()) if size.size else size.astype(bool)
    if not live.any():
        return 0.0
    return float(np.max(np.abs(refined - estimate)[live] / size[live]))


def _weighted(f: Callable[[np.ndarray], np.ndarray], a: float, u: np.ndarray) -> np.ndarray:
    """``f(1/2 + a sinh u) dt/du`` at every node ``u``, ``CHUNK`` nodes per call."""
    parts = []
    for i in range(0, u.size, CHUNK):
        piece = u[i : i + CHUNK]
        parts.append(f(0.5 + a * np.sinh(piece)) * (a * np.cosh(piece))[:, None])
    return np.concatenate(parts)


def graded_gauss(
    f: Callable[[np.ndarray], np.ndarray], *, scale: float, rtol: float
) -> tuple[np.ndarray, float]:
    """``integral_0^1 f(t) dt`` by composite 10-point Gauss-Legendre on panels graded from
    ``scale / 2`` at ``t = 1/2`` outwards (each 1.5 times the last), for integrands mixing small
    contests (which vary over all of [0, 1]) with large ones (which vary within ``scale`` of
    1/2). Panels are halved until two passes agree within ``rtol`` (four times at most)."""
    edges = [0.0]
    width = scale / 2.0
    while edges[-1] + width < 0.5:
        edges.append(edges[-1] + width)
        width *= 1.5
    half = np.array(edges[1:] + [0.5])
    right = 0.5 + np.concatenate([[0.0], half])
    points = np.unique(np.concatenate([1.0 - right[::-1], right]))
    x, w = np.polynomial.legendre.leggauss(10)

    def integrate(breaks: np.ndarray) -> np.ndarray:
        a, b = breaks[:-1], breaks[1:]
        t = ((b - a)[:, None] * (x + 1.0)[None, :] / 2.0 + a[:, None]).ravel()
        weights = ((b - a)[:, None] * w[None, :] / 2.0).ravel()
        return np.asarray((f(t) * weights[:, None]).sum(axis=0))

    estimate = integrate(points)
    change = math.inf
    for _ in range(4):
        points = np.sort(np.concatenate([points, (points[:-1] + points[1:]) / 2.0]))
        refined = integrate(points)
        change = _relative_change(refined, estimate)
        estimate = refined
        if change <= rtol:
            break
    return estimate, change


#: up to this many ballots in all, the integrand is integrated exactly as a polynomial
EXACT_BALLOTS = 400


def integrate_over_t(
    f: Callable[[np.ndarray], np.ndarray],
    *,
    ballots: int,
    smallest: int,
    largest: int,
    rtol: float,
    window: Callable[[float], tuple[float, float]] | None = None,
    step: float = 0.45,
) -> tuple[np.ndarray, float]:
    """``integral_0^1 f(t) dt`` and an error estimate, for the multilinear integrands of
    electorates casting ``ballots`` ballots in all, in contests of ``smallest`` to ``largest``
    voters.

    * At most :data:`EXACT_BALLOTS` ballots: ``f`` is a polynomial of degree below ``ballots``,
      and Gauss-Legendre with ``ceil((ballots + 1) / 2) + 1`` nodes is exact.
    * Some contest small (Hoeffding's half-width ``sqrt(20 / smallest)`` at least 0.45):
      :func:`graded_gauss` on all of [0, 1].
    * Otherwise every contest is decided beyond that half-width (up to ``exp(-40)``):
      :func:`centred_trapezoid` on it. ``window(half_width)``, if given, returns a narrower
      half-width where the integrand lives and the width of the body's balance point (a
      feature as narrow as a contest's).
      ``step`` is the first pass's step in ``u``: at 0.45 the first pass of the two-tier
      bodies of this package is within about 1e-5 (so one halving reaches the 1e-8 target, at
      about 1e-10); integrands with sharp features off 1/2 (compound processes) start finer.
    """
    if ballots <= EXACT_BALLOTS:
        x, w = np.polynomial.legendre.leggauss(math.ceil((ballots + 1) / 2) + 1)
        return np.asarray((f((x + 1.0) / 2.0) * (w / 2.0)[:, None]).sum(axis=0)), 0.0
    scale = 1.0 / (2.0 * math.sqrt(largest))
    half_width = math.sqrt(20.0 / smallest)
    if half_width >= 0.45:
        return graded_gauss(f, scale=scale, rtol=rtol)
    start = half_width
    if window is not None:
        start, balance = window(half_width)
        scale = min(scale, balance)
    return centred_trapezoid(
        f,
        scale=scale,
        half_width=max(start, scale),
        limit=half_width,
        rtol=rtol,
        step=step,
    )


# Gauss-Kronrod 7-15 on [-1, 1] (QUADPACK's qk15): the Kronrod nodes and weights, and the
# weights of the embedded 7-point Gauss rule on every other node
_XGK = (0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
        0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
        0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
        0.207784955007898467600689403773245, 0.0)  # fmt: skip
_WGK = (0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
        0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
        0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
        0.204432940075298892414161999234649, 0.209482141084727828012999174891714)  # fmt: skip
_WG = (0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
       0.381830050505118944950369775488975, 0.417959183673469387755102040816327)  # fmt: skip


def gauss_kronrod_15() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Nodes, Kronrod weights and embedded Gauss weights (zero off the Gauss nodes) of the
    15-point Gauss-Kronrod rule on ``[-1, 1]``: exact for polynomials of degree 22 (the Gauss
    part of degree 13); their difference estimates the error.

    >>> x, wk, wg = gauss_kronrod_15()
    >>> round(float(wk @ x**22), 15) == round(2 / 23, 15), round(float(wg.sum()), 15)
    (True, 2.0)
    """
    x = np.array([-v for v in _XGK[:-1]] + list(_XGK[::-1]))
    wk = np.array(list(_WGK[:-1]) + list(_WGK[::-1]))
    gauss = [0.0, _WG[0], 0.0, _WG[1], 0.0, _WG[2], 0.0, _WG[3]]
    wg = np.array(gauss[:-1] + gauss[::-1])
    return x, wk, wg


def adaptive_gauss_kronrod(
    f: Callable[[np.ndarray], np.ndarray],
    breaks: np.ndarray,
    *,
    rtol: float,
    max_nodes: int,
) -> tuple[np.ndarray, float, bool]:
    """``integral f(t) dt`` from ``breaks[0]`` to ``breaks[-1]`` by adaptive 15-point
    Gauss-Kronrod on the panels between ``breaks`` (features of the integrand: put them at
    panel edges), every pass's panels evaluated in one call of ``f`` (nodes, k).

    Panels whose Kronrod-Gauss difference is a large share of the error are halved until the
    sum of the differences, relative to each component's integral, is at most ``rtol``; a
    component within :data:`ROUNDING` of the largest is a null one's rounding noise, not
    chased (the caller reports it as 0); at most
    ``max_nodes`` nodes are evaluated (a work bound, not a clock). Returns ``(integrals,
    relative error estimate, converged)``.
    """
    x, wk, wg = gauss_kronrod_15()
    edges = np.asarray(breaks, dtype=float)
    done_k: np.ndarray | float = 0.0  # the integrals of the panels that are finished
    done_d: np.ndarray | float = 0.0  # and their Kronrod-Gauss differences
    panels = np.column_stack([edges[:-1], edges[1:]])
    nodes = 0
    error = math.inf
    while True:
        a, b = panels[:, 0], panels[:, 1]
        half = (b - a) / 2.0
        t = (a[:, None] + half[:, None] * (x[None, :] + 1.0)).ravel()
        nodes += t.size
        values = np.asarray(f(t)).reshape(len(panels), x.size, -1)
        kronrod = np.einsum("pnk,n,p->pk", values, wk, half)
        gauss = np.einsum("pnk,n,p->pk", values, wg, half)
        difference = np.abs(kronrod - gauss)
        total = kronrod.sum(axis=0) + done_k
        # a component within rounding of zero (a null player's noise) is 0, not chased
        live = np.abs(total) > ROUNDING * float(np.max(np.abs(total)))
        scale = np.where(live, np.abs(total), np.inf)
        share = (difference / scale).max(axis=1)  # each panel's worst relative difference
        error = float(share.sum() + (done_d / scale).max())
        if error <= rtol or nodes + 2 * t.size > max_nodes:
            return total, max(error, ROUNDING), error <= rtol
        # keep the panels that are good enough; halve the others (the worst at least)
        split = share > rtol / (2.0 * len(panels))
        split[int(np.argmax(share))] = True
        done_k = done_k + kronrod[~split].sum(axis=0)
        done_d = done_d + difference[~split].sum(axis=0)
        kept = panels[split]
        middle = kept.mean(axis=1)
        panels = np.concatenate(
            [np.column_stack([kept[:, 0], middle]), np.column_stack([middle, kept[:, 1]])]
        )


def log_trapezoid(logs: np.ndarray, spacing: float) -> tuple[float, float]:
    """The natural logarithm of the trapezoidal rule on a uniform grid of values given by their
    logarithms (the end nodes negligible, so every weight is ``spacing``), and the absolute
    difference to the same rule on every other node (the halving estimate, relative to the
    value)."""
    full = float(np.logaddexp.reduce(logs)) + math.log(spacing)
    coarser = float(np.logaddexp.reduce(logs[::2])) + math.log(2.0 * spacing)
    return full, abs(full - coarser)


def interleave(even: np.ndarray, odd: np.ndarray) -> np.ndarray:
    """``even[0], odd[0], even[1], ...``: a grid's nodes and the middles between them (one
    fewer) merged, along the first axis."""
    out = np.empty((even.shape[0] + odd.shape[0], *even.shape[1:]), dtype=even.dtype)
    out[0::2], out[1::2] = even, odd
    return out
