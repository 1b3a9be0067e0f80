"""Apportionments of every House size at once: a divisor method is house-monotone, so one
pass down its priority list gives the seats of every size (the seat that makes size ``h + 1``
goes to the highest claim after size ``h``); Hamilton's method is not (the Alabama paradox)
and is apportioned size by size. A size whose last seat is tied is apportioned by
:func:`~votepower.us.apportion.apportion` itself, so that every size's seats are exactly
that function's (tested)."""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Mapping
from fractions import Fraction

from .algorithms import _priority, apportion
from .methods import APPORTIONMENT_METHODS

__all__ = ["seats_by_size"]


class _Claim:
    """A heap entry: the larger priority first (None, an infinite one, before all), then the
    state's order."""

    __slots__ = ("priority", "order", "code")

    def __init__(self, priority: Fraction | None, order: int, code: str) -> None:
        self.priority, self.order, self.code = priority, order, code

    def __lt__(self, other: _Claim) -> bool:
        if self.priority is None or other.priority is None:
            if self.priority is None and other.priority is None:
                return self.order < other.order
            return self.priority is None
        if self.priority != other.priority:
            return self.priority > other.priority
        return self.order < other.order


def seats_by_size(
    populations: Mapping[str, int], sizes: Iterable[int], method: str = "huntington-hill"
) -> dict[int, dict[str, int]]:
    """Each House size's seats (at least one per state), exactly as :func:`apportion` gives
    them with ``ties="report"``."""
    wanted = sorted(set(sizes))
    spec = APPORTIONMENT_METHODS.get(method)
    if not wanted:
        return {}
    if spec.kind == "quota" or spec.signpost_squared is None:
        return {h: apportion(populations, h, method=spec.id, ties="report").seats for h in wanted}
    d2 = spec.signpost_squared
    codes = list(populations)
    seats = dict.fromkeys(codes, 1)
    heap = [_Claim(_priority(populations[c], 1, d2), k, c) for k, c in enumerate(codes)]
    heapq.heapify(heap)
    out: dict[int, dict[str, int]] = {}
    size = len(codes)
    last: Fraction | None = Fraction(-1)
    targets = set(wanted)
    for h in wanted:  # sizes below one seat each go to apportion (which refuses them)
        if h < size:
            out[h] = apportion(populations, h, method=spec.id, ties="report").seats
    if size in targets:  # one seat each
        out[size] = dict(seats)
    while size < wanted[-1]:
        claim = heapq.heappop(heap)
        seats[claim.code] += 1
        size += 1
        last = claim.priority
        heapq.heappush(
            heap,
            _Claim(
                _priority(populations[claim.code], seats[claim.code], d2), claim.order, claim.code
            ),  # fmt: skip
        )
        if size in targets:
            tied = heap[0].priority == last
            out[size] = (
                apportion(populations, size, method=spec.id, ties="report").seats
                if tied
                else dict(seats)
            )
    return {h: out[h] for h in wanted}
