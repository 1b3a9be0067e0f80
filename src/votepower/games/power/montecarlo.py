"""Seeded Monte Carlo estimates with standard errors, for games too large for the exact DP.

Banzhaf: draw coalitions uniformly (every player in with probability 1/2, independently); the
estimate of a player's absolute index is the fraction of draws in which it is critical.
Shapley-Shubik: draw orderings uniformly; the estimate is the fraction of draws in which the
player is pivotal. Each estimate is a mean of Bernoulli draws, so its standard error is
``sqrt(p (1 - p) / samples)``. It is reported with Agresti and Coull's adjusted proportion
``(hits + 2) / (samples + 4)`` in place of ``p``, so that an estimate of 0 or 1 (a player never or
always seen critical, or a single draw) is never reported as exactly known.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ...core.errors import MethodNotApplicableError, ResourceLimitError
from .budget import duration
from .enumerate import weight_dtype

__all__ = [
    "Estimate",
    "banzhaf_sample",
    "shapley_shubik_sample",
    "rule_banzhaf_sample",
    "rule_shapley_shubik_sample",
    "check_samples",
    "DEFAULT_SAMPLES",
    "MAX_CELLS",
    "MAX_SECONDS",
    "seconds_estimate",
]

DEFAULT_SAMPLES = 100_000
_CHUNK_CELLS = 4_000_000  # draws x players handled per batch (bounds memory to ~32 MB)


@dataclass(frozen=True)
class Estimate:
    """Monte Carlo estimates, their standard errors, and the number of draws."""

    values: np.ndarray
    standard_errors: np.ndarray
    samples: int
    seed: int


#: draws x players that one call may take; beyond it the call is refused before it starts
MAX_CELLS = 5 * 10**10
#: the longest run taken (seconds by :func:`seconds_estimate`); refused beyond, before it starts
MAX_SECONDS = 60.0


def seconds_estimate(players: int, samples: int, criteria: int = 1) -> float:
    """About how long ``samples`` draws take here (numpy, one core): measured 120 ns a draw
    plus 25 ns a player and criterion (3 players: 0.12 s, 300 players: 3.7-6.3 s a million)."""
    return samples * (1.2e-7 + 2.5e-8 * players * criteria)


def check_samples(players: int, samples: int, criteria: int = 1) -> None:
    """Refuse a run past :data:`MAX_CELLS` draws of a player or :data:`MAX_SECONDS`."""
    if isinstance(samples, bool) or not isinstance(samples, int) or samples < 1:
        raise MethodNotApplicableError("the number of Monte Carlo samples must be at least 1")
    seconds = seconds_estimate(players, samples, criteria)
    if players * samples > MAX_CELLS or seconds > MAX_SECONDS:
        raise ResourceLimitError(
            f"{samples:,} Monte Carlo samples of {players:,} players would take about "
            f"{duration(seconds)} (at most {MAX_SECONDS:.0f} s are taken); take fewer samples"
        )


def _standard_errors(values: np.ndarray, samples: int) -> np.ndarray:
    adjusted = (values * samples + 2.0) / (samples + 4.0)
    return np.sqrt(adjusted * (1.0 - adjusted) / samples)


def banzhaf_sample(
    weights: Sequence[int], quota: int, *, samples: int = DEFAULT_SAMPLES, seed: int = 0
) -> Estimate:
    """Estimate absolute Banzhaf indices from ``samples`` random coalitions (the weighted game
    as the one-criterion rule ``weight >= quota``)."""
    return rule_banzhaf_sample(
        [weights], lambda totals: totals[0] >= quota, samples=samples, seed=seed
    )


def shapley_shubik_sample(
    weights: Sequence[int], quota: int, *, samples: int = DEFAULT_SAMPLES, seed: int = 0
) -> Estimate:
    """Estimate Shapley-Shubik indices from ``samples`` random orderings (see
    :func:`banzhaf_sample`)."""
    return rule_shapley_shubik_sample(
        [weights], lambda totals: totals[0] >= quota, samples=samples, seed=seed
    )


def rule_banzhaf_sample(
    columns: Sequence[Sequence[int]],
    wins: Callable[[Sequence[np.ndarray]], np.ndarray],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> Estimate:
    """:func:`banzhaf_sample` for a game of several criteria: ``columns[c][i]`` is player
    ``i``'s integer weight in criterion ``c`` and ``wins`` maps arrays of coalition totals (one
    per criterion) to booleans."""
    n = len(columns[0])
    check_samples(n, samples, len(columns))
    rng = np.random.default_rng(seed)
    weights = [np.asarray(c, dtype=weight_dtype(c)) for c in columns]
    hits = np.zeros(n, dtype=np.int64)
    chunk = max(1, _CHUNK_CELLS // max(n, 1))
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        inside = rng.random((m, n)) < 0.5
        without, with_ = [], []
        for w in weights:
            totals = inside.astype(w.dtype) @ w
            rest = totals[:, None] - np.where(inside, w, 0)  # the coalition without i
            without.append(rest)
            with_.append(rest + w)
        hits += (np.asarray(wins(with_)) & ~np.asarray(wins(without))).sum(axis=0)
        done += m
    values = hits / samples
    return Estimate(values, _standard_errors(values, samples), samples, seed)


def rule_shapley_shubik_sample(
    columns: Sequence[Sequence[int]],
    wins: Callable[[Sequence[np.ndarray]], np.ndarray],
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> Estimate:
    """:func:`shapley_shubik_sample` for a game of several criteria (see
    :func:`rule_banzhaf_sample`): the pivot is the first player whose arrival makes the
    ordering's prefix win."""
    n = len(columns[0])
    check_samples(n, samples, len(columns))
    rng = np.random.default_rng(seed)
    weights = [np.asarray(c, dtype=weight_dtype(c)) for c in columns]
    hits = np.zeros(n, dtype=np.int64)
    chunk = max(1, _CHUNK_CELLS // max(n, 1))
    done = 0
    while done < samples:
        m = min(chunk, samples - done)
        order = np.argsort(rng.random((m, n)), axis=1)
        prefix = [np.cumsum(w[order], axis=1) for w in weights]
        position = np.argmax(np.asarray(wins(prefix)), axis=1)  # the grand coalition wins
        hits += np.bincount(order[np.arange(m), position], minlength=n)
        done += m
    values = hits / samples
    return Estimate(values, _standard_errors(values, samples), samples, seed)
