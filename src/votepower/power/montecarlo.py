"""Seeded Monte Carlo estimates with standard errors, for games too large for the exact DP.

Banzhaf: draw coalitions uniformly (every player in with probability 1/2, independently); the
estimate of a player's absolute index is the fraction of draws in which it is critical.
Shapley-Shubik: draw orderings uniformly; the estimate is the fraction of draws in which the
player is pivotal. Each estimate is a mean of Bernoulli draws, so its standard error is
``sqrt(p (1 - p) / samples)`` with the estimated ``p`` (reported as at least ``1 / samples``
so that a player never seen critical is not reported as exactly known).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .enumerate import weight_dtype

__all__ = ["Estimate", "banzhaf_sample", "shapley_shubik_sample", "DEFAULT_SAMPLES"]

DEFAULT_SAMPLES = 100_000
_CHUNK_CELLS = 4_000_000  # draws x players handled per batch (bounds memory to ~32 MB)


@dataclass(frozen=True)
class Estimate:
    """Monte Carlo estimates, their standard errors, and the number of draws."""

    values: np.ndarray
    standard_errors: np.ndarray
    samples: int
    seed: int


def _standard_errors(values: np.ndarray, samples: int) -> np.ndarray:
    p = np.clip(values, 1.0 / samples, 1.0 - 1.0 / samples)
    return np.sqrt(p * (1.0 - p) / samples)


def banzhaf_sample(
    weights: Sequence[int], quota: int, *, samples: int = DEFAULT_SAMPLES, seed: int = 0
) -> Estimate:
    """Estimate absolute Banzhaf indices from ``samples`` random coalitions."""
    rng = np.random.default_rng(seed)
    dtype = weight_dtype(weights)
    w: np.ndarray = np.asarray(weights, dtype=dtype)
    n = w.size
    hits = np.zeros(n, dtype=np.int64)
    chunk = max(1, _CHUNK_CELLS // max(n, 1))
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        inside = rng.random((m, n)) < 0.5
        totals = inside.astype(dtype) @ w
        others = totals[:, None] - np.where(inside, w, 0)  # weight of the coalition without i
        critical = (others < quota) & (others + w >= quota)
        hits += critical.sum(axis=0)
        done += m
    values = hits / samples
    return Estimate(values, _standard_errors(values, samples), samples, seed)


def shapley_shubik_sample(
    weights: Sequence[int], quota: int, *, samples: int = DEFAULT_SAMPLES, seed: int = 0
) -> Estimate:
    """Estimate Shapley-Shubik indices from ``samples`` random orderings."""
    rng = np.random.default_rng(seed)
    w: np.ndarray = np.asarray(weights, dtype=weight_dtype(weights))
    n = w.size
    hits = np.zeros(n, dtype=np.int64)
    chunk = max(1, _CHUNK_CELLS // max(n, 1))
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        order = np.argsort(rng.random((m, n)), axis=1)
        running = np.cumsum(w[order], axis=1)
        position = np.argmax(running >= quota, axis=1)  # quota <= total, so always found
        pivots = order[np.arange(m), position]
        hits += np.bincount(pivots, minlength=n)
        done += m
    values = hits / samples
    return Estimate(values, _standard_errors(values, samples), samples, seed)
