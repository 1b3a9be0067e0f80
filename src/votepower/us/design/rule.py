"""Designing a double majority: the member and population thresholds of the rule
"``members >= k and population >= p``" that make per-citizen Banzhaf power most equal.

The chamber is a rule chamber (:mod:`votepower.citizens.rulechamber`): each member's delegation
votes as a bloc, and a citizen's power is ``P(decisive among N_b)`` times her member's Banzhaf
index in the chamber. Every member threshold ``k`` from a simple majority of the members to
unanimity and every population threshold ``p`` on a grid (50% to 95% of the people) is
evaluated: exactly over all coalitions for unions of up to :data:`EXACT_MEMBERS` members, from
one shared set of seeded random coalitions otherwise (every threshold pair is read off the same
coalitions, so their comparison is not blurred by independent noise). The chosen pair's figures
come from a larger, independent sample, with their standard errors (choosing the best of many
noisy estimates flatters it; the fresh sample does not).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np

from ...citizens import decisive_probability, weighted_gini
from ...core.tables import Tabular
from ...games.multigame import MultiCriteriaGame
from .model import DesignError

__all__ = ["RuleDesign", "design_rule", "EXACT_MEMBERS", "percent"]

#: unions up to this size are evaluated exactly (the win table), larger ones by sampling
EXACT_MEMBERS = 16
#: random coalitions for the grid, and for the chosen design's figures
GRID_SAMPLES = 2**17
FINAL_SAMPLES = 2**20


@dataclass(frozen=True, repr=False)
class RuleDesign(Tabular):
    """The most equal double majority found, and the best ratio for each member threshold."""

    members: tuple[str, ...]
    people: tuple[int, ...]
    member_threshold: int
    population_share: float
    citizen_power: tuple[float, ...]
    ratio: float
    gini: float
    mean_relative_to_direct: float
    power_to_act: float
    relative_error: float
    """The worst relative standard error of a member's Banzhaf index (0 when exact)."""
    by_threshold: tuple[tuple[int, float, float], ...] = ()
    """``(k, best population share, its max/min ratio)`` for every member threshold."""

    @property
    def rule(self) -> str:
        """The rule as evaluated, shown and saved: the population share is on a grid of
        decimal percentages (0.25% steps by default) and written out in full."""
        share = percent(self.population_share)
        return f"members >= {self.member_threshold} and population >= {share}"

    @property
    def relative(self) -> tuple[float, ...]:
        mean = sum(p * v for p, v in zip(self.people, self.citizen_power, strict=True))
        mean /= sum(self.people)
        return tuple(v / mean for v in self.citizen_power)

    def _records(self) -> list[dict[str, Any]]:
        return [
            {"state": c, "population": p, "citizen_power": v, "relative_to_mean": r}
            for c, p, v, r in zip(
                self.members, self.people, self.citizen_power, self.relative, strict=True
            )
        ]

    def _describe(self) -> str:
        return f"double majority {self.rule}: max/min {self.ratio:.4f}"


def percent(share: float) -> str:
    """A share as the percentage it stands for, with no digit more than its decimal
    representation has (``0.6925`` -> ``'69.25%'``)."""
    return f"{(Decimal(repr(share)) * 100).normalize():f}%"


def _threshold(share: float, total: int) -> int:
    """The least population reaching ``share`` of ``total``, as the rule language reads the
    written percentage (exact: no float product rounds across an integer)."""
    return math.ceil(Fraction(Decimal(repr(share))) * total)


def _coalitions(n: int, samples: int, seed: int) -> np.ndarray:
    """``samples`` random coalitions (rows of booleans), or every coalition for small ``n``."""
    if n <= EXACT_MEMBERS:
        masks = np.arange(1 << n)
        return ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(bool)
    rng = np.random.default_rng(seed)
    return rng.random((samples, n)) < 0.5


def _swings(inside: np.ndarray, people: np.ndarray, k: int, threshold: float) -> np.ndarray:
    """For each member, the share of the coalitions ``S`` (rows) for which it is a swing
    between ``S - b`` and ``S + b`` (each coalition pairs with its partner)."""
    size = inside.sum(axis=1)[:, None]
    pop = (inside @ people)[:, None]
    without_size = size - inside
    without_pop = pop - np.where(inside, people, 0)
    with_ok = (without_size + 1 >= k) & (without_pop + people >= threshold)
    without_ok = (without_size >= k) & (without_pop >= threshold)
    return (with_ok & ~without_ok).mean(axis=0)


def _swing_table(inside: np.ndarray, people: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """``beta[b, k, j]``: the share of the coalitions (rows of ``inside``) in which member ``b``
    swings under "``members >= k`` and population ``>= thresholds[j]``", for every ``k`` and
    ``j`` at once. For member ``b`` and the coalition ``S - b`` of size ``s`` and population
    ``x``, ``b`` swings when ``s >= k`` and ``T - p_b <= x < T``, or ``s = k - 1`` and
    ``x >= T - p_b``: a two-way histogram of ``(s, x)`` per member answers every pair."""
    n = inside.shape[1]
    size = inside.sum(axis=1)
    pop = inside @ people
    out = np.zeros((n, n + 2, len(thresholds)))
    samples = len(inside)
    for b in range(n):
        s_b = size - inside[:, b]
        x_b = pop - np.where(inside[:, b], people[b], 0.0)
        lows = thresholds - people[b]
        edges = np.unique(np.concatenate([[-np.inf], lows, thresholds, [np.inf]]))
        counts, _, _ = np.histogram2d(s_b, x_b, bins=(np.arange(n + 1) - 0.5, edges))
        below = np.concatenate([np.zeros((n, 1)), np.cumsum(counts, axis=1)], axis=1)
        # below[s, e]: coalitions of size s with population below edges[e]
        at_hi = below[:, np.searchsorted(edges, thresholds)]  # x < T
        at_lo = below[:, np.searchsorted(edges, lows)]  # x < T - p_b
        window = at_hi - at_lo  # T - p_b <= x < T, by size
        above_lo = below[:, -1:] - at_lo  # x >= T - p_b, by size
        suffix = np.cumsum(window[::-1], axis=0)[::-1]  # sizes s and up
        for k in range(1, n + 1):
            swings = (suffix[k] if k < n else 0) + above_lo[k - 1]
            out[b, k] = swings / samples
    return out


def design_rule(
    people: Mapping[str, int],
    *,
    shares: Sequence[float] | None = None,
    seed: int = 0,
) -> RuleDesign:
    """The double majority (member threshold, population share) with the most equal
    per-citizen Banzhaf power among ``people`` (code to population); see the module.

    >>> d = design_rule({"A": 9_000_000, "B": 4_000_000, "C": 1_000_000, "D": 1_000_000})
    >>> d.rule, round(d.ratio, 3)
    ('members >= 3 and population >= 73.5%', 1.5)
    """
    members = list(people)
    n = len(members)
    if n < 2:
        raise DesignError("a design needs at least two members")
    counts = np.array([int(people[m]) for m in members], dtype=np.int64)
    total = float(counts.sum())
    population = counts.astype(float)
    decisive = np.array([decisive_probability(int(c)) for c in counts])
    grid = np.asarray(shares if shares is not None else [k / 400 for k in range(200, 381)])
    exact = n <= EXACT_MEMBERS
    inside = _coalitions(n, GRID_SAMPLES, seed)
    # a coalition wins with population >= share x total: thresholds in people, rounded up
    people_total = int(counts.sum())
    limits = np.array([_threshold(float(g), people_total) for g in grid], dtype=float)
    table = _swing_table(inside, population, limits)
    power = decisive[:, None, None] * table[:, : n + 1]  # member x k x share
    low = power.min(axis=0)
    ratio = np.where(low > 0, power.max(axis=0) / np.where(low > 0, low, 1.0), np.inf)
    ratio[: n // 2 + 1] = np.inf  # a majority of the members at least
    k, j = np.unravel_index(int(np.argmin(ratio)), ratio.shape)
    by_threshold = tuple(
        (int(kk), float(grid[int(np.argmin(ratio[kk]))]), float(ratio[kk].min()))
        for kk in range(n // 2 + 1, n + 1)
    )
    share = float(grid[j])
    if not exact:  # the chosen design's figures from a larger, independent sample
        inside = _coalitions(n, FINAL_SAMPLES, seed + 1)
    limit = _threshold(share, people_total)
    beta = _swing_table(inside, population, np.array([float(limit)]))[:, k, 0]
    error = 0.0
    if not exact:
        se = np.sqrt(beta * (1 - beta) / len(inside))
        error = float(np.max(se / np.where(beta > 0, beta, np.inf)))
    values = decisive * beta
    wins = (inside.sum(axis=1) >= k) & (inside @ population >= limit)
    direct = decisive_probability(int(total))
    least = float(values.min())
    return RuleDesign(
        members=tuple(members),
        people=tuple(int(c) for c in counts),
        member_threshold=int(k),
        population_share=share,
        citizen_power=tuple(float(v) for v in values),
        ratio=float(values.max()) / least if least > 0 else math.inf,
        gini=weighted_gini(values, population),
        mean_relative_to_direct=float((values * population).sum() / total) / direct,
        power_to_act=float(wins.mean()),
        relative_error=error,
        by_threshold=by_threshold,
    )


def rule_game(result: RuleDesign) -> MultiCriteriaGame:
    """The designed rule as a game (its population threshold as a share)."""
    return MultiCriteriaGame(
        {"population": list(result.people)}, result.rule, labels=list(result.members)
    )
