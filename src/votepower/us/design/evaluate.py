"""Per-citizen power of a candidate design (memoized), the power to act, the square-root
weights and the optimal quota, and the quota scan."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ...citizens import Bloc, TwoTierBody, citizen_power, decisive_probability, weighted_gini
from ...games.game import WeightedGame
from ...games.power.entry import banzhaf
from ...games.power.quotas import MAX_PLAYERS, banzhaf_swings_at
from .model import DesignError

#: up to this total weight evaluations are cheap: more candidates, wider moves
_SMALL_BODY = 5_000


class _Evaluator:
    """Per-citizen power of every member for given weights and quota, memoized."""

    def __init__(self, members: Sequence[str], people: Sequence[int], index: str) -> None:
        self.members = tuple(members)
        self.people = np.asarray(people, dtype=float)
        self.decisive = np.array([decisive_probability(int(n)) for n in people])
        self.index = index
        self.cache: dict[tuple[tuple[int, ...], int], tuple[float, float]] = {}
        self.evaluations = 0.0
        #: the work budget, in the units of :attr:`evaluations`: once it is spent, a design
        #: not yet evaluated scores as infinitely bad (no stage can overrun it by more than
        #: the one evaluation that crosses it), and :attr:`exhausted` says so
        self.limit = math.inf
        self.exhausted = False

    def power(self, weights: Sequence[int], quota: int) -> np.ndarray:
        """Per-citizen power of each member at ``quota``."""
        return self._powers(weights, [quota])[0]

    def _powers(self, weights: Sequence[int], quotas: Sequence[int]) -> list[np.ndarray]:
        # the work, in units of about half a millisecond: a call's overhead plus its table (the
        # Shapley-Shubik integral: about 0.1 s plus 2 microseconds per member and unit of
        # weight); Banzhaf: one pass serves every quota, each further quota a fiftieth
        cells = len(weights) * sum(weights)
        if self.index == "banzhaf":
            self.evaluations += 1.0 + cells / 2.5e6 + 0.02 * (len(quotas) - 1)
            if len(weights) <= MAX_PLAYERS:  # exact, every quota from one pass
                swings = banzhaf_swings_at(weights, quotas).astype(float)
                return list(self.decisive * swings * 0.5 ** (len(weights) - 1))
            return [
                self.decisive * np.asarray(banzhaf(WeightedGame(weights, q)).absolute, float)
                for q in quotas
            ]
        out = []
        for q in quotas:
            self.evaluations += 200.0 + cells / 250.0
            blocks = tuple(
                Bloc(code, w, int(n)) for code, w, n in zip(self.members, weights, self.people,
                                                            strict=True)
            )  # fmt: skip
            result = citizen_power(TwoTierBody("design", blocks, q))
            out.append(np.array([b.citizen_shapley_shubik for b in result.blocks]))
        return out

    def score(
        self, weights: Sequence[int], quota: int, *, budgeted: bool = True
    ) -> tuple[float, float]:
        """``(max/min ratio, Gini)`` of per-citizen power; infinite for an invalid design (a
        weight below 1, or a quota that lets two disjoint coalitions both win), and for a new
        design once the budget (:attr:`limit`) is spent (unless not ``budgeted``: the figures
        of a result)."""
        return self.scores(weights, [quota], budgeted=budgeted)[0]

    def scores(
        self, weights: Sequence[int], quotas: Sequence[int], *, budgeted: bool = True
    ) -> list[tuple[float, float]]:
        """:meth:`score` at each of ``quotas``; the new ones evaluated together (one pass)."""
        key = tuple(weights)
        total = sum(weights)
        new = []
        for q in dict.fromkeys(quotas):
            if (key, q) in self.cache:
                continue
            if not total < 2 * q <= 2 * total or min(weights) < 1:  # proper games only
                self.cache[key, q] = (math.inf, math.inf)
            else:
                new.append(q)
        if new and budgeted and self.evaluations >= self.limit:
            self.exhausted = True
            return [self.cache.get((key, q), (math.inf, math.inf)) for q in quotas]
        if new:
            for q, values in zip(new, self._powers(weights, new), strict=True):
                low = float(values.min())
                ratio = float(values.max()) / low if low > 0 else math.inf
                self.cache[key, q] = (ratio, weighted_gini(values, self.people))
        return [self.cache[key, q] for q in quotas]


def power_to_act(weights: Sequence[int], quota: int) -> float:
    """The share of all coalitions that win, ``|W| / 2^n`` (a float distribution of
    coalition weights, each member in with probability 1/2)."""
    total = sum(weights)
    dist = np.zeros(total + 1)
    dist[0] = 1.0
    for w in weights:
        shifted = np.zeros_like(dist)
        shifted[w:] = dist[: total + 1 - w]
        dist = 0.5 * (dist + shifted)
    return float(dist[quota:].sum())


def square_root_weights(people: Sequence[int], total_weight: int) -> list[int]:
    """Weights proportional to the square root of each population, rounded, each at least 1,
    scaled to the largest total not above ``total_weight``."""
    roots = [math.sqrt(p) for p in people]
    if len(people) > total_weight:
        raise DesignError(
            f"a total weight of {total_weight} cannot give each of the {len(people)} members "
            "a weight of at least 1"
        )

    def weights(scale: float) -> list[int]:
        return [max(1, round(scale * r)) for r in roots]

    low, high = 0.0, total_weight / min(roots)
    for _ in range(100):
        middle = (low + high) / 2
        if sum(weights(middle)) <= total_weight:
            low = middle
        else:
            high = middle
    return weights(low)


def optimal_quota(weights: Sequence[int]) -> int:
    """Słomczyński and Życzkowski's quota ``(W + sqrt(sum w^2)) / 2``, rounded up."""
    total = sum(weights)
    return min(total, math.ceil(0.5 * (total + math.sqrt(sum(w * w for w in weights)))))


def _scan_quota(
    ev: _Evaluator,
    weights: list[int],
    centre: int,
    span: int,
    points: int = 41,
    every: bool = False,
) -> tuple[int, tuple[float, float]]:
    """The best quota near ``centre``: a grid of ``points`` over ``centre ± span``, then finer
    grids around the best until the step is 1 (``every``: every quota in the span)."""
    total = sum(weights)
    lowest = total // 2 + 1  # a proper game: two disjoint coalitions never both win
    if every:
        points = 2 * span + 1
    best_q, best = centre, ev.score(weights, centre)
    while True:
        step = max(1, (2 * span) // (points - 1))
        grid = list(range(max(lowest, best_q - span), min(total, best_q + span) + 1, step))
        for q, s in zip(grid, ev.scores(weights, grid), strict=True):
            if s < best:
                best_q, best = q, s
        if step == 1:
            return best_q, best
        span = step
