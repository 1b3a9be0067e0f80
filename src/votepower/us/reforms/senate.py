"""The Senate's knobs as a space of reforms: how its seats are given to the states (equal,
in proportion to population or to its square root, or by population tiers), how many there
are in all, and DC and Puerto Rico statehood. A point is a :class:`SenateReform`, written as a
scenario (what ``compare --scenario`` reads); the space is small, and every point is built and
evaluated."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ...core.errors import VotepowerError
from ..apportion import MAX_HOUSE_SIZE
from ..scenario import parse_scenario
from ..union import Federation
from .knobs import admitted, distinct
from .sets import all_settings as _all

__all__ = ["SENATE_SEATS", "SENATE_TODAY", "SenateReform", "SenateSpace", "senate_points"]

#: how a reform can give the Senate's seats
SENATE_SEATS = ("equal", "population", "square-root", "tiers")


@dataclass(frozen=True)
class SenateReform:
    """One setting of the Senate's knobs (today's: two seats each, no new state)."""

    body: ClassVar[str] = "senate"
    seats_key: ClassVar[str] = "senate_size"

    seats: str = "equal"
    size: int | None = None
    """Seats in all (``None``: two per member; population tiers set their own)."""
    tiers: tuple[int, ...] = ()
    """With ``seats="tiers"``: two seats, and one more per threshold a state reaches."""
    dc_statehood: bool = False
    pr_statehood: bool = False

    def scenario(self, name: str | None = None) -> dict[str, Any]:
        """The reform as a scenario file's table (what is today's left out)."""
        table: dict[str, Any] = {"name": name or self.describe(), "body": "senate"}
        senate: dict[str, Any] = {}
        if self.seats != "equal":
            senate["seats"] = self.seats
        if self.size is not None:
            senate["size"] = self.size
        if self.tiers:
            senate["tiers"] = list(self.tiers)
        if senate:
            table["senate"] = senate
        add = admitted(self.dc_statehood, self.pr_statehood)
        if add:
            table["members"] = {"add": add}
        return table

    def fields(self) -> dict[str, Any]:
        """The knobs as a record (the JSON keys of ``votepower reforms --body senate``)."""
        return {
            "senate_seats": self.seats,
            "senate_tiers": list(self.tiers),
            "dc_statehood": self.dc_statehood,
            "pr_statehood": self.pr_statehood,
        }

    def describe(self) -> str:
        if self.seats == "tiers":
            seats = "2 seats, one more at " + ", ".join(f"{t:,}" for t in self.tiers)
        else:
            words = {"equal": "equal seats", "population": "seats by population",
                     "square-root": "seats by the square root of population"}  # fmt: skip
            seats = words[self.seats]
            seats += f", {self.size} in all" if self.size is not None else ""
        parts = [seats]
        parts += [f"{c} a state" for c in admitted(self.dc_statehood, self.pr_statehood)]
        return "Senate, " + ", ".join(parts)


#: today's Senate
SENATE_TODAY = SenateReform()


@dataclass(frozen=True)
class SenateSpace:
    """Every combination of the values given for each of the Senate's knobs."""

    body: ClassVar[str] = "senate"
    #: what the output calls it ("today's Senate")
    noun: ClassVar[str] = "Senate"
    #: the cost parts a Senate reform has
    costs: ClassVar[tuple[str, ...]] = ("seats", "senators", "new-states")
    today: ClassVar[SenateReform] = SENATE_TODAY
    switch: ClassVar[None] = None

    seats: tuple[str, ...] = ("equal",)
    sizes: tuple[int | None, ...] = (None,)
    """Seats in all for equal, population and square-root seats (``None``: two per member)."""
    tiers: tuple[tuple[int, ...], ...] = ()
    """Threshold lists, one reform each, for ``seats="tiers"``."""
    statehood: tuple[tuple[bool, bool], ...] = ((False, False),)

    def __post_init__(self) -> None:
        for rule in self.seats:
            if rule not in SENATE_SEATS:
                raise VotepowerError(
                    f"Senate seats {rule!r}: choose from {', '.join(SENATE_SEATS)}"
                )
        for size in self.sizes:
            if size is not None and (isinstance(size, bool) or not 1 <= size <= MAX_HOUSE_SIZE):
                raise VotepowerError(f"Senate size {size!r}: a number of seats from 1 to "
                                     f"{MAX_HOUSE_SIZE:,}")  # fmt: skip
        for tiers in self.tiers:
            if not tiers or any(a >= b for a, b in itertools.pairwise(tiers)) or tiers[0] < 1:
                raise VotepowerError(
                    f"population tiers {'/'.join(map(str, tiers))}: thresholds of 1 or more, "
                    "each larger than the one before"
                )
        if ("tiers" in self.seats) != bool(self.tiers):
            raise VotepowerError("Senate seats by tiers: give the tiers' thresholds, and no "
                                 "thresholds without tiers")  # fmt: skip
        if set(self.seats) == {"tiers"} and self.sizes != (None,):
            raise VotepowerError(
                "Senate sizes apply to equal, population and square-root seats; population "
                "tiers set their own size"
            )
        distinct(self, ("seats", "sizes", "statehood"), "Senate ")
        object.__setattr__(self, "tiers", tuple(dict.fromkeys(self.tiers)))

    @property
    def size(self) -> int:
        """How many reforms the space holds."""
        plain = sum(1 for rule in self.seats if rule != "tiers") * len(self.sizes)
        return (plain + len(self.tiers)) * len(self.statehood)

    def points(self) -> Iterator[SenateReform]:
        """Every reform, in the order of the knobs' values as given."""
        for (dc, pr), rule in itertools.product(self.statehood, self.seats):
            if rule == "tiers":
                for tiers in self.tiers:
                    yield SenateReform("tiers", None, tiers, dc, pr)
            else:
                for size in self.sizes:
                    yield SenateReform(rule, size, (), dc, pr)

    def default_weights(self) -> dict[str, float]:
        return {"seats": 1.0}


def senate_points(
    space: SenateSpace,
    union: Callable[[Any], Federation],
    evaluate: Callable[..., Any],
    budget: int,
) -> tuple[list[Any], list[tuple[SenateReform, str]], str]:
    """Every reform of ``space`` built in its union and evaluated: the points, the reforms
    refused (e.g. a size that does not divide equally) with why, and how the search went."""
    points, refused = [], []
    for reform in space.points():
        try:
            body = parse_scenario(reform.scenario(), "reform").build(union(reform))
        except VotepowerError as exc:
            refused.append((reform, str(exc)))
            continue
        points.append(evaluate(reform, body, body.total_weight))
    how = f"exhaustive: {_all(space.size)} of the Senate's knobs evaluated"
    return points, refused, how
