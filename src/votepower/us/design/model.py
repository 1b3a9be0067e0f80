"""The design's data model: the result, its error, the limits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...core.errors import VotepowerError
from ...core.tables import Tabular

#: the indices a design can equalize per citizen
DESIGN_INDICES = ("banzhaf", "shapley-shubik")
#: the largest total weight a design may use: Banzhaf designs are evaluated by the generating
#: function (a few milliseconds at this size), Shapley-Shubik ones by the two-tier model,
#: whose tables hold 50,000
MAX_TOTAL_WEIGHT = {"banzhaf": 1_000_000, "shapley-shubik": 50_000}
#: the search's budget, in units of work of about half a millisecond (an evaluation of fifty
#: members at a total weight of 50,000 is two units): about 5 s; the search is deterministic
#: in this work, not in time
DEFAULT_EVALUATIONS = 10_000
#: exhaustive search: members at most, and weight vectors at most
EXHAUSTIVE_MEMBERS = 8
EXHAUSTIVE_VECTORS = 20_000


class DesignError(VotepowerError, ValueError):
    """A design that cannot be made as asked (a bound too small for the union...)."""


@dataclass(frozen=True, repr=False)
class Design(Tabular):
    """A chamber's weights and quota, and how equal they make each citizen's power."""

    members: tuple[str, ...]
    people: tuple[int, ...]
    weights: tuple[int, ...]
    quota: int
    index: str
    citizen_power: tuple[float, ...]
    """Per-citizen power of each member's citizens under ``index``."""
    ratio: float
    gini: float
    mean_relative_to_direct: float
    power_to_act: float
    """Coleman's power of the collectivity to act: the share of coalitions that win."""
    iterations: int = 0
    stopped: str = ""
    """Why the search stopped."""
    method: str = ""
    bound: int = 0
    """The bound on the total weight the design was asked to respect."""
    target: float | None = None
    """The max/min ratio the search stopped at, if one was asked for."""
    baseline: Design | None = field(default=None, compare=False)
    shape: tuple[float, ...] = field(default=(), compare=False)
    shapes: tuple[tuple[float, ...], ...] = field(default=(), compare=False)
    """The search's ideal real weights (summing to 1, the members' order), for what the
    bound allows at best (:func:`~votepower.us.design.frontier.rounding_floor`)."""

    @property
    def total_weight(self) -> int:
        return sum(self.weights)

    @property
    def relative(self) -> tuple[float, ...]:
        """Each member's per-citizen power over the population-weighted mean."""
        mean = sum(p * v for p, v in zip(self.people, self.citizen_power, strict=True)) / sum(
            self.people
        )
        return tuple(v / mean for v in self.citizen_power)

    def as_dict(self) -> dict[str, int]:
        """Member code to weight."""
        return dict(zip(self.members, self.weights, strict=True))

    def _records(self) -> list[dict[str, Any]]:
        return [
            {
                "state": code,
                "population": people,
                "weight": weight,
                "citizen_power": power,
                "relative_to_mean": rel,
            }
            for code, people, weight, power, rel in zip(
                self.members,
                self.people,
                self.weights,
                self.citizen_power,
                self.relative,
                strict=True,
            )
        ]

    def _describe(self) -> str:
        return (
            f"design of {len(self.members)} members, total weight {self.total_weight}, quota "
            f"{self.quota}: max/min {self.ratio:.5f}"
        )
