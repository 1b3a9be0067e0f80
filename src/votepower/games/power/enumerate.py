"""Brute force over coalitions and orderings: the small-game oracle and the engine of ``--explain``.

Straight from the definitions, with no cleverness to get wrong:

* a player is a *swing* (critical) in a winning coalition if the coalition loses without it;
  its Banzhaf swing count is the number of such coalitions;
* a player is *pivotal* in an ordering if the players before it lose and adding it wins; its
  Shapley-Shubik pivot count is the number of such orderings.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ...core.errors import ResourceLimitError

__all__ = [
    "MAX_COALITION_PLAYERS",
    "MAX_ORDERING_PLAYERS",
    "coalition_weights",
    "banzhaf_swings",
    "shapley_shubik_pivots",
    "pivots_by_ordering",
    "winning_coalitions",
    "CoalitionRow",
]

MAX_COALITION_PLAYERS = 20
MAX_ORDERING_PLAYERS = 8


def _check(n: int, limit: int, what: str) -> None:
    if n > limit:
        raise ResourceLimitError(
            f"enumeration of {what} is limited to {limit} players (this game has {n}); "
            "use --method generating-function"
        )


def weight_dtype(weights: Sequence[int]) -> type:
    """``np.int64`` when every sum of the weights fits in it, else Python integers (exact at any
    size, slower)."""
    return np.int64 if sum(weights) < 2**62 else object


def coalition_weights(weights: Sequence[int]) -> np.ndarray:
    """Weight of every coalition, indexed by bitmask (bit ``i`` set = player ``i`` is in)."""
    totals: np.ndarray = np.zeros(1, dtype=weight_dtype(weights))
    for w in weights:
        totals = np.concatenate([totals, totals + w])
    return totals


def banzhaf_swings(weights: Sequence[int], quota: int) -> list[int]:
    """Swing counts by checking all ``2^n`` coalitions.

    >>> banzhaf_swings([4, 4, 4, 2, 2, 1], 12)
    [10, 10, 10, 6, 6, 0]
    """
    n = len(weights)
    _check(n, MAX_COALITION_PLAYERS, "coalitions")
    totals = coalition_weights(weights)
    wins = totals >= quota
    masks = np.arange(totals.size)
    swings = []
    for i, w in enumerate(weights):
        member = (masks >> i) & 1 == 1
        critical = wins & member & (totals - w < quota)
        swings.append(int(critical.sum()))
    return swings


def shapley_shubik_pivots(weights: Sequence[int], quota: int) -> list[int]:
    """Pivot counts (out of ``n!`` orderings) from the coalitions a player completes.

    A player joining the set ``S`` of predecessors (``|S| = k``) is pivotal in ``k! (n-1-k)!``
    orderings when ``S`` loses and ``S`` plus the player wins. Checked against
    :func:`pivots_by_ordering` for ``n <= 8``.

    >>> shapley_shubik_pivots([3, 2, 2], 5)
    [4, 1, 1]
    """
    n = len(weights)
    _check(n, MAX_COALITION_PLAYERS, "coalitions")
    totals = coalition_weights(weights)
    masks = np.arange(totals.size)
    sizes = np.zeros(totals.size, dtype=np.int64)
    for i in range(n):
        sizes += (masks >> i) & 1
    factor = [math.factorial(k) * math.factorial(n - 1 - k) for k in range(n)]
    pivots = []
    for i, w in enumerate(weights):
        outside = (masks >> i) & 1 == 0
        pivotal = outside & (totals < quota) & (totals + w >= quota)
        per_size = np.bincount(sizes[pivotal], minlength=n)
        pivots.append(sum(factor[k] * int(c) for k, c in enumerate(per_size)))
    return pivots


def pivots_by_ordering(weights: Sequence[int], quota: int) -> list[int]:
    """Pivot counts by walking through all ``n!`` orderings (the textbook definition).

    >>> pivots_by_ordering([3, 2, 2], 5)
    [4, 1, 1]
    """
    n = len(weights)
    _check(n, MAX_ORDERING_PLAYERS, "orderings")
    pivots = [0] * n
    for order in itertools.permutations(range(n)):
        running = 0
        for player in order:
            running += weights[player]
            if running >= quota:
                pivots[player] += 1
                break
    return pivots


@dataclass(frozen=True)
class CoalitionRow:
    """A winning coalition and its critical members (positions)."""

    members: tuple[int, ...]
    weight: int
    critical: tuple[int, ...]


def winning_coalitions(weights: Sequence[int], quota: int) -> list[CoalitionRow]:
    """All winning coalitions with their critical members, smallest first.

    >>> [r.members for r in winning_coalitions([3, 2, 2], 5)]
    [(0, 1), (0, 2), (0, 1, 2)]
    """
    n = len(weights)
    _check(n, MAX_COALITION_PLAYERS, "coalitions")
    rows = []
    for size in range(1, n + 1):
        for members in itertools.combinations(range(n), size):
            weight = sum(weights[i] for i in members)
            if weight >= quota:
                critical = tuple(i for i in members if weight - weights[i] < quota)
                rows.append(CoalitionRow(members, weight, critical))
    return rows
