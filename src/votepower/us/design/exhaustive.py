"""The exhaustive search of small unions (see the package's docstring): every weight vector
up to a bound and every proper quota, within the search's work budget."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from .evaluate import _Evaluator
from .model import EXHAUSTIVE_VECTORS

#: the exhaustive search's work per weight vector and per member-subset pair, in evaluation
#: units (measured: 20,000 vectors of 5 members in about 2.2 s, 2,000 units a second)
_EXHAUSTIVE_UNITS = 0.0028


def _exhaustive(
    ev: _Evaluator,
    total_weight: int,
    quota: int | float | None,
    quota_for: Callable[[list[int]], int],
    budget: float = math.inf,
) -> tuple[list[int], int, tuple[float, float]] | None:
    """Every weight vector with entries ``1..B`` (``B`` the largest with at most
    :data:`EXHAUSTIVE_VECTORS` vectors, as many as ``budget`` (work units) pays for, and
    ``n B`` within the bound) and every proper quota: Banzhaf swings for all quotas at once
    from each member's histogram of the others' totals (the candidates' scores are then
    checked by the evaluator)."""
    if ev.index != "banzhaf":
        return None
    n = len(ev.members)
    per_vector = _EXHAUSTIVE_UNITS * n * 2 ** (n - 1)
    affordable = min(EXHAUSTIVE_VECTORS, budget / per_vector)
    bound = 1
    while (bound + 1) ** n <= affordable and n * (bound + 1) <= total_weight:
        bound += 1
    if bound < 2:
        return None
    masks = np.arange(1 << (n - 1))
    bits = (masks[:, None] >> np.arange(n - 1)[None, :]) & 1  # subsets of the other n-1
    best: tuple[float, float, list[int], int] | None = None
    for flat in range(bound**n):
        weights = [1 + (flat // bound**k) % bound for k in range(n)]
        total = sum(weights)
        if total > total_weight:
            continue
        quotas = np.arange(total // 2 + 1, total + 1)
        if quota is not None:
            fixed = quota_for(weights)
            if not total < 2 * fixed <= 2 * total:  # not a proper game of these weights
                continue
            quotas = np.array([fixed])
        swings = np.empty((n, len(quotas)))
        for i in range(n):
            others = np.array(weights[:i] + weights[i + 1 :])
            cumulative = np.concatenate(
                [[0], np.cumsum(np.bincount(bits @ others, minlength=total + 1))]
            )  # cumulative[s] = #subsets of the others with total < s
            swings[i] = cumulative[quotas] - cumulative[np.maximum(quotas - weights[i], 0)]
        power = ev.decisive[:, None] * swings
        low = power.min(axis=0)
        ratio = np.where(low > 0, power.max(axis=0) / np.where(low > 0, low, 1), np.inf)
        k = int(np.argmin(ratio))
        if best is None or ratio[k] < best[0]:
            best = (float(ratio[k]), 0.0, weights, int(quotas[k]))
    ev.evaluations += per_vector * bound**n
    if best is None or not math.isfinite(best[0]):
        return None
    weights, q = best[2], best[3]
    return weights, q, ev.score(weights, q, budgeted=False)  # paid for by the vectors
