"""The House's knobs as a space of reforms: its size (a number or a rule) and apportionment
method, and DC and Puerto Rico statehood. A citizen's power in the House is that of a voter
in their state's districts (every district of a state the same size), so the search asks
which size and method make the districts most nearly equal in the a-priori model. A point is
a :class:`HouseReform`, written as a scenario (what ``compare --scenario`` reads)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ...citizens import TwoTierBody
from ..scenario import parse_scenario
from ..union import Federation
from .knobs import admitted, distinct, house_knobs, house_table, size_words

__all__ = ["HOUSE_TODAY", "HouseReform", "HouseSpace"]


@dataclass(frozen=True)
class HouseReform:
    """One setting of the House's knobs (today's: 435 seats by Huntington-Hill)."""

    body: ClassVar[str] = "house"
    seats_key: ClassVar[str] = "house_seats"

    house_size: int | str = 435
    method: str = "huntington-hill"
    dc_statehood: bool = False
    pr_statehood: bool = False

    def scenario(self, name: str | None = None) -> dict[str, Any]:
        """The reform as a scenario file's table (what is today's left out)."""
        table: dict[str, Any] = {"name": name or self.describe(), "body": "house"}
        house = house_table(self.house_size, self.method)
        if house:
            table["house"] = house
        add = admitted(self.dc_statehood, self.pr_statehood)
        if add:
            table["members"] = {"add": add}
        return table

    def fields(self) -> dict[str, Any]:
        """The knobs as a record (the JSON keys of ``votepower reforms --body house``)."""
        return {
            "house_size": self.house_size,
            "method": self.method,
            "dc_statehood": self.dc_statehood,
            "pr_statehood": self.pr_statehood,
        }

    def describe(self) -> str:
        parts = [f"{size_words(self.house_size)} ({self.method})"]
        parts += [f"{c} a state" for c in admitted(self.dc_statehood, self.pr_statehood)]
        return "House, " + ", ".join(parts)

    def build(self, fed: Federation, seats: dict[str, int]) -> TwoTierBody:
        """The House of this reform on its seats."""
        return parse_scenario(self.scenario(), "reform").house_body(fed, seats)


#: today's House
HOUSE_TODAY = HouseReform()


@dataclass(frozen=True)
class HouseSpace:
    """Every combination of the values given for each of the House's knobs."""

    body: ClassVar[str] = "house"
    #: what the output calls it ("today's House")
    noun: ClassVar[str] = "House"
    #: the cost parts a House reform has
    costs: ClassVar[tuple[str, ...]] = ("seats", "representatives", "new-states")
    today: ClassVar[HouseReform] = HOUSE_TODAY
    switch: ClassVar[None] = None

    house_sizes: tuple[int | str, ...] = (435,)
    methods: tuple[str, ...] = ("huntington-hill",)
    statehood: tuple[tuple[bool, bool], ...] = ((False, False),)

    def __post_init__(self) -> None:
        house_knobs(self)
        distinct(self, ("house_sizes", "methods", "statehood"))

    @property
    def size(self) -> int:
        """How many reforms the space holds."""
        return len(self.house_sizes) * len(self.methods) * len(self.statehood)

    def points(self) -> Iterator[HouseReform]:
        """Every reform, in the order of the knobs' values as given."""
        for (dc, pr), method, size in itertools.product(
            self.statehood, self.methods, self.house_sizes
        ):
            yield HouseReform(size, method, dc, pr)

    def default_weights(self) -> dict[str, float]:
        return {"seats": 1.0}
