"""Two schemes state by state: per-citizen power under each, their ratio and the change in
rank (``votepower diff``). Pure: rendering is in :mod:`votepower.ui.io.diff`."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..citizens import CITIZEN_INDICES
from ..core.errors import InvalidGameError
from ..core.tables import Tabular
from .compare import SchemeResult

__all__ = ["StateChange", "SchemeDiff", "diff_schemes"]


@dataclass(frozen=True)
class StateChange:
    """One state under schemes A and B: per-citizen power under each (``None`` where it is not
    a member), relative to a direct national vote, the ratio B / A and the ranks (1 = the most
    powerful citizens; equal values share a rank)."""

    state: str
    population: int | None
    power_a: float | None
    power_b: float | None
    relative_a: float | None
    relative_b: float | None
    ratio: float | None
    rank_a: int | None
    rank_b: int | None

    @property
    def rank_change(self) -> int | None:
        """Places gained from A to B (positive: its citizens rank higher under B)."""
        if self.rank_a is None or self.rank_b is None:
            return None
        return self.rank_a - self.rank_b


@dataclass(frozen=True, repr=False)
class SchemeDiff(Tabular):
    """Scheme B against scheme A for one index; ``states`` sorted by the change (largest ratio
    B / A first; states in only one scheme last)."""

    scheme_a: str
    scheme_b: str
    index: str
    states: tuple[StateChange, ...]

    def _records(self) -> list[dict[str, Any]]:
        return [
            {
                "state": s.state,
                "population": s.population,
                "power_a": s.power_a,
                "power_b": s.power_b,
                "relative_a": s.relative_a,
                "relative_b": s.relative_b,
                "ratio": s.ratio,
                "rank_a": s.rank_a,
                "rank_b": s.rank_b,
                "rank_change": s.rank_change,
            }
            for s in self.states
        ]

    def _describe(self) -> str:
        return f"{self.scheme_b} against {self.scheme_a} ({self.index}), {len(self.states)} states"

    def __getitem__(self, state: str) -> StateChange:
        for s in self.states:
            if s.state == state:
                return s
        raise KeyError(state)


def _ranks(values: dict[str, float]) -> dict[str, int]:
    """Competition ranks, largest first: equal values (to 1e-9) share the better rank."""
    ordered = sorted(values.items(), key=lambda kv: -kv[1])
    ranks: dict[str, int] = {}
    for position, (code, value) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        if previous is not None and math.isclose(value, previous[1], rel_tol=1e-9, abs_tol=0.0):
            ranks[code] = ranks[previous[0]]
        else:
            ranks[code] = position
    return ranks


def diff_schemes(a: SchemeResult, b: SchemeResult, index: str = "banzhaf") -> SchemeDiff:
    """Scheme ``b`` against scheme ``a``, state by state, for ``index``."""
    if index not in CITIZEN_INDICES:
        raise InvalidGameError(f"unknown index {index!r}")
    for res in (a, b):
        if res.result is None:
            raise InvalidGameError(f"{res.scheme} could not be computed: {res.error}")
    assert a.result is not None and b.result is not None
    field = CITIZEN_INDICES[index]

    def direct(res: SchemeResult) -> float:
        assert res.result is not None
        r = res.result
        return r.direct_banzhaf if index == "banzhaf" else r.direct_shapley_shubik

    power_a = {blk.label: getattr(blk, field) for blk in a.result.blocks}
    power_b = {blk.label: getattr(blk, field) for blk in b.result.blocks}
    people = {blk.label: blk.citizens for blk in (*a.result.blocks, *b.result.blocks)}
    rank_a, rank_b = _ranks(power_a), _ranks(power_b)
    states = []
    for code in sorted(set(power_a) | set(power_b)):
        pa, pb = power_a.get(code), power_b.get(code)
        ratio = None
        if pa is not None and pb is not None:
            ratio = math.inf if pa == 0 and pb > 0 else (pb / pa if pa > 0 else None)
        states.append(
            StateChange(
                state=code,
                population=people.get(code),
                power_a=pa,
                power_b=pb,
                relative_a=None if pa is None else pa / direct(a),
                relative_b=None if pb is None else pb / direct(b),
                ratio=ratio,
                rank_a=rank_a.get(code),
                rank_b=rank_b.get(code),
            )
        )
    states.sort(key=lambda s: (s.ratio is None, -(s.ratio or 0.0), s.state))
    return SchemeDiff(a.scheme, b.scheme, index, tuple(states))
