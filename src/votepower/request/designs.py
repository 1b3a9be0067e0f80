"""The evaluation of ``design`` requests: one design, the frontier, or a double majority, and
why a target was not reached when it was not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.tables import Tabular
from .model import Request
from .unions import defaults, union_of

__all__ = ["DesignAnswer", "design_answer", "UNITS_PER_SECOND"]

#: the search's work units (about half a millisecond each) per second of budget
UNITS_PER_SECOND = 2_000


@dataclass(frozen=True, repr=False)
class DesignAnswer(Tabular):
    """``design``: ``design`` (one :class:`~votepower.us.design.Design`), ``frontier`` (one
    per quota share) or ``rule`` (a double majority); ``limit`` says why a target was not
    reached; ``own_people`` whether the populations were the user's own."""

    request: Request
    census: int
    basis: str
    own_people: bool
    design: Any = None
    frontier: tuple[Any, ...] = ()
    rule: Any = None
    limit: str | None = None
    seconds: float = 0.0
    saved: str | None = None
    """Where the command line wrote the design as a scenario (``--save``)."""

    def _records(self) -> list[dict[str, Any]]:
        found = self.design or self.rule
        if found is not None:
            return found.to_records()
        return [row for d in self.frontier for row in d.to_records()[:1]]

    def _describe(self) -> str:
        if self.frontier:
            return f"the design frontier: {len(self.frontier)} quota shares"
        return (self.design or self.rule)._describe()


def _limit(result: Any, people: dict[str, int], index: str, total_weight: int) -> str | None:
    """Why the target was not reached: the number of members, or the bound on the weights."""
    from ..us.design import rounding_floor

    target = result.target
    if target is None or result.ratio <= target:
        return None
    width, smallest, weight = rounding_floor(result)
    if result.ratio - 1 > 3 * width + 1e-3:
        return (
            f"Why not: the number of members. {len(people)} members make only "
            f"{2 ** (len(people) - 1):,} coalitions for each to swing, so the chamber's "
            f"{'Banzhaf' if index == 'banzhaf' else 'Shapley-Shubik'} indices take few values; "
            "rounding the weights alone would allow about "
            f"{1 + width:.5f}, and the search found nothing closer."
        )
    return (
        f"Why not: the bound on the total weight. The smallest members' weights are coarse "
        f"({smallest}'s is {weight}, one unit is {1 / weight:.2%} of its power), and no total "
        f"up to {total_weight:,} rounds the 16 smallest members' ideal weights (for the quota "
        f"shares that came out best) within less than {width:.3%} of each other: about "
        f"{1 + width:.5f} is the least max/min this bound allows (up to effects of about "
        "1e-4)."
    )


def design_answer(request: Request, **_: Any) -> DesignAnswer:
    """The answer to a ``design`` request."""
    from ..us.design import design, frontier
    from ..us.design.rule import design_rule

    options = request.option
    census, _ = defaults(request)
    fed = union_of(request)
    people = dict(fed.people)
    own = request.union.people is not None
    (index,) = request.citizen_indices  # design equalizes one index
    total_weight = options.get("total_weight") or 50_000
    if options.get("rule"):
        return DesignAnswer(request, census, fed.basis, own, rule=design_rule(people))
    if options.get("frontier"):
        seconds = options.get("max_seconds") or 15.0
        designs = frontier(
            people, total_weight, index=index, evaluations=round(seconds * UNITS_PER_SECOND),
            max_seconds=10 * seconds + 5,
        )  # fmt: skip
        return DesignAnswer(
            request, census, fed.basis, own, frontier=tuple(designs), seconds=seconds
        )
    seconds = options.get("max_seconds") or 5.0
    result = design(
        people, total_weight, quota=options.get("quota"), index=index,
        target=options.get("target"), evaluations=round(seconds * UNITS_PER_SECOND),
        max_seconds=10 * seconds + 5,
    )  # fmt: skip
    limit = _limit(result, people, index, total_weight)
    return DesignAnswer(request, census, fed.basis, own, design=result, limit=limit)
