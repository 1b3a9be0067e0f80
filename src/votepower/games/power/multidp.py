"""A dynamic programme over the small criteria of a multi-criteria game: exact Banzhaf,
Shapley-Shubik and Coleman counts at any number of players when every criterion the rule reads
has a small integer total (member counts, seats, votes).

The state of a coalition is its vector of criterion totals, each capped at the largest threshold
the rule sets on that criterion (beyond it the rule cannot tell totals apart), and its number of
members. One pass over the players counts the coalitions of each state; for player ``i`` the
pass runs over the others, and ``i`` swings exactly in the states ``v`` where ``v`` loses and
``v + w_i`` wins. Cost: ``n`` passes of ``n`` players over the grid of states.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from ..rules import evaluate, quotas

__all__ = ["grid_shape", "cost_estimate", "rule_counts"]


def _caps(game) -> dict[int, int]:
    """For each criterion the rule reads (other than members), the largest threshold."""
    members = len(game.criteria) - 1
    caps: dict[int, int] = {}
    for q in quotas(game.normal):
        if q.column != members:
            caps[q.column] = max(caps.get(q.column, 0), max(q.threshold, 0))
    return caps


def grid_shape(game) -> tuple[int, ...]:
    """The DP's grid: members ``0..n``, then each capped criterion ``0..cap``."""
    return (game.n + 1, *(cap + 1 for cap in _caps(game).values()))


def cost_estimate(game) -> tuple[int, float]:
    """Bytes and seconds (numpy, int64 cells: about 2 ns per cell and axis per player added)."""
    cells = math.prod(grid_shape(game))
    axes = len(grid_shape(game))
    width = 8 if game.n <= 62 else 48  # Python integers past 62 players
    return 4 * cells * width, game.n * game.n * cells * axes * 2e-9 * (1 if width == 8 else 20)


def _shift(array: np.ndarray, axis: int, w: int, cap: int) -> np.ndarray:
    """``out[v] = sum of array[u]`` over ``min(u + w, cap) = v`` along ``axis`` (saturating)."""
    if w == 0:
        return array
    out = np.zeros_like(array)
    head = [slice(None)] * array.ndim
    tail = [slice(None)] * array.ndim
    if w < cap:
        head[axis], tail[axis] = slice(w, cap), slice(0, cap - w)
        out[tuple(head)] = array[tuple(tail)]
    top = [slice(None)] * array.ndim
    top[axis] = slice(cap, cap + 1)
    from_ = [slice(None)] * array.ndim
    from_[axis] = slice(max(cap - w, 0), cap + 1)
    out[tuple(top)] += array[tuple(from_)].sum(axis=axis, keepdims=True)
    return out


def _add(counts: np.ndarray, weights: Sequence[int], caps: Sequence[int]) -> np.ndarray:
    """The counts after one more player of ``weights`` (axis 0: members, one each)."""
    moved = np.zeros_like(counts)
    moved[1:] = counts[:-1]
    for axis, (w, cap) in enumerate(zip(weights, caps, strict=True), start=1):
        moved = _shift(moved, axis, w, cap)
    return counts + moved


@lru_cache(maxsize=1)
def rule_counts(game) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """Exact swings, Shapley-Shubik pivots and the number of winning coalitions (the last
    game's are kept: its next index reuses them)."""
    n = game.n
    caps_by_column = _caps(game)
    columns = list(caps_by_column)
    caps = [caps_by_column[c] for c in columns]
    weights = [[min(game.integer_weights[c][i], caps_by_column[c]) for c in columns]
               for i in range(n)]  # fmt: skip
    shape = grid_shape(game)
    dtype: type = np.int64 if n <= 62 else object
    grid = np.meshgrid(*(np.arange(s) for s in shape), indexing="ij")
    sums: list = [None] * len(game.criteria)
    sums[-1] = grid[0]
    for axis, column in enumerate(columns, start=1):
        sums[column] = grid[axis]
    wins = np.asarray(evaluate(game.normal, sums), dtype=bool) & np.ones(shape, dtype=bool)

    def counts_without(skip: int | None) -> np.ndarray:
        counts = np.zeros(shape, dtype=dtype)
        counts[(0,) * len(shape)] = 1
        for j in range(n):
            if j != skip:
                counts = _add(counts, weights[j], caps)
        return counts

    everyone = counts_without(None)
    winning = int(everyone[wins].sum())
    order = [math.factorial(k) * math.factorial(n - 1 - k) for k in range(n)]
    swings, pivots = [], []
    cache: dict[tuple[int, ...], tuple[int, int]] = {}
    for i in range(n):
        key = tuple(weights[i])
        if key not in cache:  # players of equal (capped) weights have equal counts
            others = counts_without(i)
            joined = np.zeros(shape, dtype=bool)  # joined[v]: v + w_i wins
            shifted = wins.astype(np.int8)[1:]
            idx = [np.minimum(np.arange(s) + w, cap) for s, w, cap in
                   zip(shape[1:], weights[i], caps, strict=True)]  # fmt: skip
            if idx:
                shifted = shifted[np.ix_(np.arange(shape[0] - 1), *idx)]
            joined[:-1] = shifted.astype(bool)
            critical = joined & ~wins
            by_size = [int(others[k][critical[k]].sum()) for k in range(n)]
            cache[key] = (sum(by_size), sum(c * order[k] for k, c in enumerate(by_size)))
        swings.append(cache[key][0])
        pivots.append(cache[key][1])
    return tuple(swings), tuple(pivots), winning
