"""Sets of states switching their electors' rule: every set of up to ``k`` states when there
are few enough (exhaustive), else greedy with exchange, which is a local optimum per set size
and not a proof of the best."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["all_settings", "count_sets", "exhaustive_sets", "greedy_sets"]


def all_settings(n: int) -> str:
    """``all 6 settings``, ``the 1 setting``: how many settings of the knobs a search ran."""
    return "the 1 setting" if n == 1 else f"all {n:,} settings"


def count_sets(n: int, k: int) -> int:
    """Sets of 1 to ``k`` of ``n`` states."""
    return sum(math.comb(n, j) for j in range(1, min(k, n) + 1))


def exhaustive_sets(
    candidates: Sequence[str], k: int, evaluate: Callable[[tuple[str, ...]], Any]
) -> list[Any]:
    """Every set of 1 to ``k`` candidates, evaluated (``None`` results left out)."""
    out = []
    for j in range(1, min(k, len(candidates)) + 1):
        for combo in itertools.combinations(candidates, j):
            result = evaluate(combo)
            if result is not None:
                out.append(result)
    return out


def greedy_sets(
    candidates: Sequence[str],
    k: int,
    evaluate: Callable[[tuple[str, ...]], Any],
    better: Callable[[Any, Any], bool],
    budget: int,
) -> tuple[list[Any], int]:
    """For each size 1..``k``: the best set found by adding the best state to the previous
    size's set, then exchanging one member for one outsider while that improves it (first
    improvement, in the candidates' order), within ``budget`` evaluations. Returns every
    result evaluated and how many evaluations were made."""
    seen: dict[tuple[str, ...], Any] = {}
    spent = 0

    def value(combo: tuple[str, ...]) -> Any:
        nonlocal spent
        key = tuple(sorted(combo))
        if key not in seen:
            if spent >= budget:
                return None
            spent += 1
            seen[key] = evaluate(key)
        return seen[key]

    current: tuple[str, ...] = ()
    for _ in range(min(k, len(candidates))):
        best: tuple[tuple[str, ...], Any] | None = None
        for c in candidates:
            if c in current:
                continue
            result = value((*current, c))
            if result is not None and (best is None or better(result, best[1])):
                best = ((*current, c), result)
        if best is None:
            break
        current, score = best
        improved = True
        while improved:
            improved = False
            for member, outsider in itertools.product(current, candidates):
                if outsider in current:
                    continue
                trial = tuple(sorted((*[m for m in current if m != member], outsider)))
                result = value(trial)
                if result is not None and better(result, score):
                    current, score, improved = trial, result, True
                    break
    return [r for r in seen.values() if r is not None], spent
