"""Generating-function dynamic programmes for weighted voting games.

Notation: integer weights ``w_1..w_n`` with total ``W``, integer quota ``q`` (a coalition wins iff
its weight >= q) and the dual quota ``q* = W - q + 1``. Player ``i`` is *critical* (a swing) for
a coalition of the others with weight ``s`` iff ``q - w_i <= s <= q - 1``.

Banzhaf, ``O(n * W)`` in total
    One forward pass builds ``c[s]``, the number of coalitions of *all* players with weight
    ``s < q``: the coefficients of ``prod_j (1 + x^{w_j})`` truncated at ``x^q``. Removing
    player ``i`` divides by ``1 + x^{w_i}``, i.e. ``c_{-i}[s] = sum_j (-1)^j c[s - j w_i]``, so the
    swing count, a sum of ``c_{-i}`` over the window ``[q - w_i, q - 1]``, is an alternating sum
    of ``ceil(q / w_i)`` block sums of ``c``, read off one prefix-sum array. Leave-one-out costs
    ``O(q / w_i)`` per distinct weight instead of a second ``O(n W)`` pass per player.
    Swing counts of a game and of its dual coincide, so the pass runs to ``min(q, q*)``; this
    also keeps the float path in the half of the distribution where the alternating sums are
    well conditioned.

Shapley-Shubik, ``O(n^2 * W)`` in total
    The same with counts by coalition size: ``c[k][s]``. For a player of weight ``w``,
    ``N(k)``, the number of ``k``-subsets of the others in the swing window, is
    ``sum_j (-1)^j (block j of row k - j)``, and the number of orderings in which the player is
    pivotal is ``sum_k k! (n-1-k)! N(k)``. Complementation inside the other players maps size
    ``k`` and quota ``q`` to size ``n-1-k`` and quota ``q*`` (the self-duality of the index), so
    only
    sizes ``k <= (n-1)/2`` are built, for both windows, and the pass runs to ``max(q, q*)``.
    Only the lower half of the sizes appears in the alternating sums, where they do not cancel
    catastrophically.

Exact paths use Python integers in numpy object arrays: correct at any ``n``. Float paths use
probabilities (Banzhaf: each player in with probability 1/2; Shapley-Shubik: row ``k`` holds the
weight distribution of a uniformly random ``k``-subset), which never overflow, with prefix and
alternating sums in extended precision. Every float result carries an estimate of its error (the
error model is stated in each function); :mod:`votepower.games.power.indices` recomputes
exactly when an estimate exceeds ``FLOAT_RTOL`` relative and the exact path is cheap.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "banzhaf_swings",
    "banzhaf_float",
    "winning_count",
    "shapley_shubik_pivots",
    "shapley_shubik_float",
    "FloatValues",
    "cost_estimate",
]

EPS = float(np.finfo(float).eps)
FLOAT_RTOL = 1e-12  # float results are kept only when their error estimate is below this (relative)
EPS_LONG = float(np.finfo(np.longdouble).eps)  # 80-bit extended precision on x86-64


@dataclass(frozen=True)
class FloatValues:
    """Float results with an estimate of their absolute error (per player)."""

    values: np.ndarray
    error_estimates: np.ndarray


def _dual(weights: Sequence[int], quota: int) -> int:
    return sum(weights) - quota + 1


def _uniform(weights: Sequence[int]) -> bool:
    """Whether every player of positive weight has the same weight (a symmetric game, whose
    indices have closed forms)."""
    return len({w for w in weights if w > 0}) == 1


def _distinct(weights: Sequence[int]) -> list[int]:
    return sorted({w for w in weights if w > 0})


def _blocks(top: int, w: int) -> tuple[np.ndarray, np.ndarray]:
    """Upper (exclusive) and lower ends of the blocks ``[top - (j+1) w, top - j w)``, >= 0."""
    if w >= top:  # one block (and no int64 overflow for weights beyond the table)
        return np.array([top], dtype=np.int64), np.array([0], dtype=np.int64)
    hi = np.arange(top, 0, -w, dtype=np.int64)
    lo = np.maximum(hi - w, 0)
    return hi, lo


# --------------------------------------------------------------------------------------------
# Banzhaf
# --------------------------------------------------------------------------------------------
def banzhaf_swings(weights: Sequence[int], quota: int) -> list[int]:
    """Exact swing counts: for each player, the coalitions of the others it turns into winners.

    >>> banzhaf_swings([9, 9, 7, 3, 1, 1], 16)
    [16, 16, 16, 0, 0, 0]
    """
    if _uniform(weights):  # m of the k positive players win: the others must bring m - 1
        w = max(weights)
        k = sum(1 for x in weights if x > 0)
        m = -(-quota // w)
        swing = math.comb(k - 1, m - 1) << (len(weights) - k)
        return [swing if x > 0 else 0 for x in weights]
    top = min(quota, _dual(weights, quota))
    counts = np.zeros(top, dtype=object)
    counts[:] = 0
    counts[0] = 1
    zeros = 0
    for w in sorted(weights):
        if w == 0:
            zeros += 1
        elif w < top:
            counts[w:] = counts[w:] + counts[:-w]
    prefix = np.zeros(top + 1, dtype=object)
    prefix[:] = 0
    prefix[1:] = np.cumsum(counts)
    per_weight: dict[int, int] = {}
    for w in _distinct(weights):
        hi, lo = _blocks(top, w)
        block = prefix[hi] - prefix[lo]
        signs = np.where(np.arange(len(hi)) % 2 == 0, 1, -1).astype(object)
        per_weight[w] = int((block * signs).sum()) << zeros
    return [per_weight[w] if w > 0 else 0 for w in weights]


def winning_count(weights: Sequence[int], quota: int) -> int:
    """The number of winning coalitions, exactly: the coalitions of weight below
    ``min(q, q*)`` counted by the same forward pass (a coalition wins iff its complement loses
    in the dual game, quota ``q*``).

    >>> winning_count([9, 9, 7, 3, 1, 1], 16)  # two of the big three, with any of the rest
    32
    """
    n = len(weights)
    q_dual = _dual(weights, quota)
    top = min(quota, q_dual)
    counts = np.zeros(top, dtype=object)
    counts[:] = 0
    counts[0] = 1
    for w in sorted(weights):
        if 0 < w < top:
            counts[w:] = counts[w:] + counts[:-w]
        elif w == 0:
            counts = counts * 2
    below = int(counts.sum())
    return (1 << n) - below if top == quota else below


def _half_step(dist: np.ndarray, w: int) -> None:
    """In place: add a player of weight ``w`` who is in with probability 1/2."""
    if w == 0:
        return
    if w < dist.size:
        shifted = dist[:-w] * 0.5
        dist *= 0.5
        dist[w:] += shifted
    else:
        dist *= 0.5


def _leave_one_out_exactly(
    base: np.ndarray, items: list[tuple[int, int]], top: int, offset: int, wanted: set[int]
) -> dict[int, float]:
    """Window probabilities of the weights in ``wanted`` by divide and conquer, no subtraction.

    ``base[s - offset]`` is the distribution of the players not in ``items`` (``(weight, count)``
    pairs), for ``s`` in ``[offset, top)``. Each leaf has every other player of ``items`` added
    and reads the window ``[top - w, top)``. A node whose players weigh ``S`` in all only needs
    the slice ``[top - S, top)``, so the arrays shrink with the depth and the work is about
    ``(number of players) x (their total weight)``, all with non-negative terms.
    """
    out: dict[int, float] = {}

    def walk(arr: np.ndarray, lo: int, group: list[tuple[int, int]]) -> None:
        if not any(w in wanted for w, _ in group):
            return
        need = max(top - sum(w * c for w, c in group), 0)
        if need > lo:
            arr, lo = arr[need - lo :], need
        if len(group) == 1:
            w, count = group[0]
            arr = arr.copy()
            for _ in range(count - 1):
                _half_step(arr, w)
            out[w] = float(arr[max(top - w - lo, 0) :].sum())
            return
        middle = len(group) // 2
        for mine, theirs in ((group[:middle], group[middle:]), (group[middle:], group[:middle])):
            other = arr.copy()
            for w, count in theirs:
                for _ in range(count):
                    _half_step(other, w)
            walk(other, lo, mine)

    walk(base, offset, items)
    return out


def banzhaf_float(weights: Sequence[int], quota: int) -> FloatValues:
    """Absolute Banzhaf indices (swing probabilities) in floating point, with error estimates.

    Error model: the forward pass only adds non-negative numbers (relative error about ``n eps``
    per entry); the prefix sums and the alternating block sums run in extended precision
    (``EPS_LONG``), so their error is about ``eps_long sqrt(J)`` times the mass they add
    (``J`` blocks). Players whose estimate exceeds ``FLOAT_RTOL`` relative (alternating sums that
    cancel badly) are recomputed by a subtraction-free divide and conquer over a short slice of
    the distribution; so is every player whose value may be zero (a possible null player).

    >>> banzhaf_float([9, 9, 7, 3, 1, 1], 16).values.round(6).tolist()
    [0.5, 0.5, 0.5, 0.0, 0.0, 0.0]
    """
    n = len(weights)
    top = min(quota, _dual(weights, quota))
    positive = sorted((w for w in weights if w > 0), reverse=True)
    dist = np.zeros(top)
    dist[0] = 1.0
    # Players are added largest first. Each time the weight still to come halves (relative to
    # the quota) a slice is kept, so that small players can later be removed without subtraction.
    remaining = sum(positive)
    snapshots: list[tuple[np.ndarray, int, int]] = []
    limit = top
    for k, w in enumerate(positive):
        if remaining <= limit and (k == 0 or positive[k - 1] != w):
            offset = max(top - remaining, 0)
            snapshots.append((dist[offset:].copy(), offset, k))
            while remaining <= limit:
                limit //= 2
        _half_step(dist, w)
        remaining -= w
    prefix = np.zeros(top + 1, dtype=np.longdouble)
    np.cumsum(dist, dtype=np.longdouble, out=prefix[1:])
    total_mass = float(prefix[top])
    per_weight: dict[int, tuple[float, float]] = {}
    for w in _distinct(weights):
        hi, lo = _blocks(top, w)
        block = prefix[hi] - prefix[lo]
        value = 2.0 * float(block[0::2].sum() - block[1::2].sum())
        estimate = (n + 2) * EPS * abs(value) + 2.0 * EPS_LONG * (
            math.sqrt(len(hi)) + 2
        ) * total_mass
        per_weight[w] = (max(value, 0.0), estimate)
    poor = {w for w, (v, e) in per_weight.items() if e > FLOAT_RTOL * v}
    if poor:
        usable = [s for s in snapshots if all(w <= positive[s[2]] for w in poor)]
        if usable:
            base, offset, start = usable[-1]
            tail = positive[start:]
        else:  # the poorly conditioned players are not the lightest: a second pass, them last
            tail = [w for w in positive if w in poor]
            base = np.zeros(top)
            base[0] = 1.0
            for w in positive:
                if w not in poor:
                    _half_step(base, w)
            offset = max(top - sum(tail), 0)
            base = base[offset:]
        items = sorted(Counter(tail).items())
        depth = math.log2(len(items) + 1)
        for w, value in _leave_one_out_exactly(base, items, top, offset, poor).items():
            per_weight[w] = (value, (n + 4 * depth + 4) * EPS * value)
    values = np.zeros(n)
    estimates = np.zeros(n)
    for i, w in enumerate(weights):
        if w > 0:
            values[i], estimates[i] = per_weight[w]
    return FloatValues(values, estimates)


# --------------------------------------------------------------------------------------------
# Shapley-Shubik
# --------------------------------------------------------------------------------------------
def _size_rows(n: int) -> tuple[int, int]:
    """Largest coalition size (of the others) handled with quota q and with quota q*."""
    k_q = (n - 1) // 2
    k_dual = (n - 1) - k_q - 1  # sizes k > k_q map to n-1-k <= k_dual
    return k_q, k_dual


def _diagonal_blocks(
    prefix: np.ndarray, top: int, w: int, kmax: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Block ``j`` of row ``k - j`` for ``k = 0..kmax`` (the terms of ``N(k)``), and a mask.

    ``prefix[m][s]`` is the prefix sum over weights ``< s`` of row ``m``; block ``j`` covers
    ``[top - (j+1) w, top - j w)``. Returns ``(picked, valid, k, j)`` on a ``(kmax+1, J)`` grid.
    """
    hi, lo = _blocks(top, w)
    nblocks = min(len(hi), kmax + 1)
    hi, lo = hi[:nblocks], lo[:nblocks]
    blocks = prefix[: kmax + 1, hi] - prefix[: kmax + 1, lo]  # (rows, j)
    k = np.arange(kmax + 1)[:, None]
    j = np.arange(nblocks)[None, :]
    rows = k - j
    valid = rows >= 0
    picked = blocks[np.where(valid, rows, 0), np.broadcast_to(j, rows.shape)]
    return picked, valid, k, j


def _window_counts(prefix: np.ndarray, top: int, w: int, kmax: int) -> list[int]:
    """Exact ``N(k)``, ``k = 0..kmax``: alternating sums of blocks down the anti-diagonal."""
    if kmax < 0 or top <= 0:
        return []
    picked, valid, _, j = _diagonal_blocks(prefix, top, w, kmax)
    signs = np.where(j % 2 == 0, 1, -1).astype(object)
    terms = np.where(valid, picked * signs, 0)
    return [int(x) for x in terms.sum(axis=1)]


def _window_probabilities(
    prefix: np.ndarray,
    top: int,
    w: int,
    kmax: int,
    coef: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> tuple[np.ndarray, np.ndarray]:
    """Float ``N(k) / C(n-1, k)`` and the mass of its terms; ``coef(k, j)`` rescales the rows."""
    if kmax < 0 or top <= 0:
        return np.zeros(0), np.zeros(0)
    picked, valid, k, j = _diagonal_blocks(prefix, top, w, kmax)
    scaled = picked * coef(k, j)
    signs = np.where(j % 2 == 0, 1.0, -1.0)
    terms = np.where(valid, scaled * signs, 0.0)
    return terms.sum(axis=1), np.where(valid, np.abs(scaled), 0.0).sum(axis=1)


def shapley_shubik_pivots(weights: Sequence[int], quota: int) -> list[int]:
    """Exact pivot counts: the number of the ``n!`` orderings in which each player is pivotal.

    >>> shapley_shubik_pivots([3, 2, 2], 5)   # of 3! = 6 orderings
    [4, 1, 1]
    """
    n = len(weights)
    if _uniform(weights):  # each positive player is the pivot in 1/k of the orderings
        k = sum(1 for w in weights if w > 0)
        share = math.factorial(n) // k
        return [share if w > 0 else 0 for w in weights]
    q_dual = _dual(weights, quota)
    top = max(quota, q_dual)
    k_q, k_dual = _size_rows(n)
    kmax = max(k_q, k_dual)
    table = np.zeros((kmax + 1, top), dtype=object)
    table[:] = 0
    table[0, 0] = 1
    reach = 0  # largest weight reachable so far (bounds the columns to update)
    for m, w in enumerate(sorted(weights)):
        rows = min(m + 1, kmax)
        if w >= top or rows == 0:
            continue
        reach = min(reach + w, top - 1)
        cols = reach + 1
        table[1 : rows + 1, w:cols] = table[1 : rows + 1, w:cols] + table[0:rows, 0 : cols - w]
    prefix = np.zeros((kmax + 1, top + 1), dtype=object)
    prefix[:] = 0
    prefix[:, 1:] = np.cumsum(table, axis=1)
    factor = [math.factorial(k) * math.factorial(n - 1 - k) for k in range(n)]
    per_weight: dict[int, int] = {}
    for w in _distinct(weights):
        total = 0
        for top_x, kx in ((quota, k_q), (q_dual, k_dual)):
            counts = _window_counts(prefix, top_x, w, kx)
            total += sum(factor[k] * c for k, c in enumerate(counts))
        per_weight[w] = total
    return [per_weight[w] if w > 0 else 0 for w in weights]


def shapley_shubik_float(weights: Sequence[int], quota: int) -> FloatValues:
    """Shapley-Shubik indices in floating point, with error estimates.

    >>> shapley_shubik_float([3, 2, 2], 5).values.round(6).tolist()
    [0.666667, 0.166667, 0.166667]
    """
    n = len(weights)
    if _uniform(weights):  # each positive player is the pivot in 1/k of the orderings
        positive = sum(1 for w in weights if w > 0)
        values = np.array([1.0 / positive if w > 0 else 0.0 for w in weights])
        return FloatValues(values, np.zeros(n))
    q_dual = _dual(weights, quota)
    top = max(quota, q_dual)
    k_q, k_dual = _size_rows(n)
    kmax = max(k_q, k_dual)
    # dist[k][s]: probability that a uniformly random k-subset of the players processed so far
    # has weight s (only s < top is kept).
    dist = np.zeros((kmax + 1, top))
    dist[0, 0] = 1.0
    reach = 0
    for m, w in enumerate(sorted(weights)):
        # after adding this player there are m + 1 processed players
        rows = min(m + 1, kmax)
        if rows == 0:
            continue
        k = np.arange(1, rows + 1, dtype=float)[:, None]
        stay = (m + 1 - k) / (m + 1)
        move = k / (m + 1)
        if w >= top:
            dist[1 : rows + 1] *= stay
            continue
        reach = min(reach + w, top - 1)
        cols = reach + 1
        moved = dist[0:rows, 0 : cols - w] * move
        dist[1 : rows + 1, :cols] *= stay
        dist[1 : rows + 1, w:cols] += moved
    prefix = np.zeros((kmax + 1, top + 1), dtype=np.longdouble)
    np.cumsum(dist, axis=1, dtype=np.longdouble, out=prefix[:, 1:])
    # dist[m] = counts[m] / C(n, m); the leave-one-out rows are counts / C(n-1, k), so block j of
    # row k - j is rescaled by C(n, k - j) / C(n - 1, k) (at most 2 for k <= (n-1)/2).
    # r(k, j) = C(n, k - j) / C(n - 1, k) = n / (n - k) * prod_{m < j} (k - m) / (n - k + m + 1),
    # a cumulative product with relative error about (j + 2) eps (no lgamma cancellation).
    ks = np.arange(kmax + 1, dtype=float)[:, None]
    ms = np.arange(kmax + 1, dtype=float)[None, :]
    steps = np.where(ms < ks, (ks - ms) / (n - ks + ms + 1), 0.0)
    ratios = np.empty((kmax + 1, kmax + 1))
    ratios[:, 0] = n / (n - ks[:, 0])
    if kmax > 0:
        ratios[:, 1:] = ratios[:, :1] * np.cumprod(steps[:, :-1], axis=1)

    def coef(k: np.ndarray, j: np.ndarray) -> np.ndarray:
        return ratios[k, np.minimum(j, kmax)]

    values = np.zeros(n)
    bounds = np.zeros(n)
    per_weight: dict[int, tuple[float, float]] = {}
    for w in _distinct(weights):
        value = 0.0
        mass = 0.0
        longest = 1
        for top_x, kx in ((quota, k_q), (q_dual, k_dual)):
            if kx < 0:
                continue
            probs, absolute = _window_probabilities(prefix, top_x, w, kx, coef)
            value += float(probs.sum())
            mass += float(absolute.sum())
            longest = max(longest, min(-(-top_x // w), kx + 1))
        value /= n
        # Error model: the forward pass (convex combinations) leaves relative errors of order
        # eps per step, added in quadrature over the n steps; the rescaling coefficients carry
        # (j + 2) eps; prefix and alternating sums run in extended precision. All of these act
        # on the mass of the alternating terms, before cancellation.
        estimate = (2 * n + 8) * EPS * abs(value) + (
            2 * math.sqrt(n) * EPS + (longest + 2) * EPS + 2 * EPS_LONG * (math.sqrt(longest) + 2)
        ) * mass / n
        # a value within its error estimate of zero is reported as zero (a likely null player)
        per_weight[w] = (value if value > estimate else 0.0, estimate)
    for i, w in enumerate(weights):
        if w > 0:
            values[i], bounds[i] = per_weight[w]
    return FloatValues(values, bounds)


#: a table up to this size runs from the caches; a larger one at memory bandwidth
CACHE_BYTES = 32 * 2**20
#: seconds per float cell update: (table within CACHE_BYTES, larger)
FLOAT_CELL_SECONDS = (2.5e-9, 7e-9)
#: seconds of every call besides its table (checks, conversions, the interpreter's own work)
OVERHEAD_SECONDS = 0.25


def cost_estimate(
    n: int, total: int, quota: int, *, index: str, exact: bool, method: str = "generating-function"
) -> tuple[int, float]:
    """``(bytes, seconds)`` of a dynamic programme, an upper estimate on this machine class.

    Calibrated with ``benchmarks/bench_cost_model.py`` (2-core x86-64, peak resident memory and
    wall time of the whole call, in fresh processes; the table in the README): every estimate
    there is at least 1.1 times the measurement (memory) and 1.2 times (time), and at most
    about 5 times. Float cells cost about 2.5 ns while the table is within 32 MiB and 7 ns
    beyond (memory bandwidth: each step reads and writes the whole table), 20% more for the
    Shapley-Shubik table (two products per cell), plus 0.25 s per call; the Banzhaf table
    holds 72 bytes per column (the distribution, its extended-precision prefix sums, a shifted
    copy, the kept slices for the refinement), the Shapley-Shubik table 64 bytes per cell. An
    exact cell holds Python integers of up to ``n`` bits in the table, its prefix and a
    temporary: ``3 (36 + n / 7.5)`` bytes, at 25 ns plus 20 ps per bit (times 1.5 beyond the
    caches). ``method="multilinear"``: one float
    distribution per quadrature node (about 40 for Shapley-Shubik); for Banzhaf the
    generating function's refinement may follow, so both passes are counted.
    """
    q_dual = total - quota + 1
    if exact:
        cell_bytes = 3 * (36 + (2 * n + 14) // 15)
    else:
        cell_bytes = 72 if index == "banzhaf" else 64

    def per_cell(float_bytes: int) -> float:
        if exact:  # the table of integer objects, not of floats
            table_bytes = float_bytes // 8 * cell_bytes
            return (25e-9 + 20e-12 * n) * (1.0 if table_bytes <= CACHE_BYTES else 1.5)
        return FLOAT_CELL_SECONDS[float_bytes > CACHE_BYTES]

    if method == "multilinear":
        cols = max(quota, q_dual)
        if index == "banzhaf":
            return 72 * cols, _seconds(2 * n * cols, per_cell(8 * cols))
        nodes = min(40, math.ceil(n / 2))
        return 72 * cols, _seconds(nodes * n * cols, 1e-9)
    if index == "banzhaf":
        cols = min(quota, q_dual)
        return cell_bytes * cols, _seconds(n * cols, per_cell(8 * cols))
    cols = max(quota, q_dual)
    rows = (n - 1) // 2 + 1
    seconds = _seconds(n * rows * cols, per_cell(8 * rows * cols) * (0.75 if exact else 1.2))
    return cell_bytes * rows * cols, seconds


def _seconds(cells: int, per_cell: float) -> float:
    """``cells * per_cell`` plus the overhead, for cell counts of any size (infinite beyond
    floats)."""
    return OVERHEAD_SECONDS + float(cells) * per_cell if cells < 10**300 else math.inf
