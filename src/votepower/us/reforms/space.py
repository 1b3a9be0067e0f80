"""The knobs a statute or an amendment can turn, as a space of reforms of the Electoral
College: the House's size (a number or a rule) and apportionment method, the senatorial
electors, the electors' rule in every state, DC and Puerto Rico statehood. A point of the
space is a :class:`Reform`; it is written as a scenario (what ``compare --scenario`` reads)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

from ...citizens import TwoTierBody
from ...core.errors import VotepowerError
from ..scenario import parse_scenario
from ..union import Federation
from .knobs import admitted, distinct, house_knobs, house_table, size_words

__all__ = ["Reform", "ReformSpace", "ELECTOR_RULES", "TODAY"]

#: the electors' rules a reform can give every state
ELECTOR_RULES = ("winner-take-all", "district", "proportional")


@dataclass(frozen=True)
class Reform:
    """One setting of the knobs (today's College: 435 seats, Huntington-Hill, 2 senatorial
    electors, winner-take-all with Maine and Nebraska by district, no new state)."""

    body: ClassVar[str] = "electoral-college"
    seats_key: ClassVar[str] = "house_seats"

    house_size: int | str = 435
    """Seats, or a House-size rule (``wyoming-rule``, ``cube-root-rule``,
    ``fixed-ratio:N``)."""
    method: str = "huntington-hill"
    senatorial_electors: int = 2
    elector_rule: str = "winner-take-all"
    dc_statehood: bool = False
    pr_statehood: bool = False
    by_state: tuple[tuple[str, str], ...] = ()
    """States with their own electors' rule, against the others' (sorted by code)."""

    def scenario(self, name: str | None = None) -> dict[str, Any]:
        """The reform as a scenario file's table (what is today's left out)."""
        table: dict[str, Any] = {"name": name or self.describe(), "body": "electoral-college"}
        house = house_table(self.house_size, self.method)
        if house:
            table["house"] = house
        electors: dict[str, Any] = {}
        if self.senatorial_electors != 2:
            electors["per_state"] = self.senatorial_electors
        if self.elector_rule != "winner-take-all":
            electors["rule"] = self.elector_rule
        if self.by_state:
            electors["by_state"] = dict(self.by_state)
        if electors:
            table["electors"] = electors
        add = admitted(self.dc_statehood, self.pr_statehood)
        if add:
            table["members"] = {"add": add}
        return table

    def fields(self) -> dict[str, Any]:
        """The knobs as a record (the JSON keys of ``votepower reforms``)."""
        return {
            "house_size": self.house_size,
            "method": self.method,
            "senatorial_electors": self.senatorial_electors,
            "elector_rule": self.elector_rule,
            "dc_statehood": self.dc_statehood,
            "pr_statehood": self.pr_statehood,
            "by_state": dict(self.by_state),
        }

    def describe(self) -> str:
        parts = [f"House of {size_words(self.house_size)} ({self.method})"]
        if self.senatorial_electors != 2:
            parts.append(f"{self.senatorial_electors} senatorial electors per state")
        if self.elector_rule != "winner-take-all":
            parts.append(f"{self.elector_rule} electors")
        parts += [f"{c} a state" for c in admitted(self.dc_statehood, self.pr_statehood)]
        if self.by_state:
            parts.append(", ".join(f"{c} {r}" for c, r in self.by_state))
        return "Electoral College, " + ", ".join(parts)

    def build(self, fed: Federation, seats: dict[str, int]) -> TwoTierBody:
        """The College of this reform on the seats of its House."""
        return parse_scenario(self.scenario(), "reform").college(fed, seats)


#: today's College
TODAY = Reform()


@dataclass(frozen=True)
class ReformSpace:
    """Every combination of the values given for each knob."""

    body: ClassVar[str] = "electoral-college"
    #: what the output calls it ("today's College")
    noun: ClassVar[str] = "College"
    #: the cost parts a College reform has
    costs: ClassVar[tuple[str, ...]] = ("seats", "electors", "new-states", "states")
    today: ClassVar[Reform] = TODAY

    house_sizes: tuple[int | str, ...] = (435,)
    methods: tuple[str, ...] = ("huntington-hill",)
    senatorial_electors: tuple[int, ...] = (2,)
    elector_rules: tuple[str, ...] = ("winner-take-all",)
    statehood: tuple[tuple[bool, bool], ...] = ((False, False),)
    """(DC, PR) pairs."""
    switch: tuple[str, int] | None = None
    """``(rule, k)``: besides each setting above, every set of up to ``k`` states switching
    their electors to ``rule`` (searched by :mod:`.sets`)."""

    def __post_init__(self) -> None:
        house_knobs(self)
        for k in self.senatorial_electors:
            if isinstance(k, bool) or not 0 <= k <= 100:
                raise VotepowerError(f"senatorial electors {k!r}: a number from 0 to 100")
        for rule in self.elector_rules:
            if rule not in ELECTOR_RULES:
                raise VotepowerError(
                    f"electors' rule {rule!r}: choose from {', '.join(ELECTOR_RULES)}"
                )
        distinct(self, ("house_sizes", "methods", "senatorial_electors", "elector_rules",
                        "statehood"))  # fmt: skip
        if self.switch is not None:
            rule, k = self.switch
            if rule not in ("winner-take-all", "district", "proportional"):
                raise VotepowerError(
                    f"switching to {rule!r}: choose winner-take-all, district or proportional"
                )
            if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 60:
                raise VotepowerError(f"sets of up to {k!r} states: a number from 1 to 60")

    @property
    def size(self) -> int:
        """How many settings of the knobs the space holds (without the sets of states)."""
        return (
            len(self.house_sizes) * len(self.methods) * len(self.senatorial_electors)
            * len(self.elector_rules) * len(self.statehood)
        )  # fmt: skip

    def points(self) -> Iterator[Reform]:
        """Every reform, in the order of the knobs' values as given."""
        for (dc, pr), rule, per, method, size in itertools.product(
            self.statehood, self.elector_rules, self.senatorial_electors, self.methods,
            self.house_sizes,
        ):  # fmt: skip
            yield Reform(size, method, per, rule, dc, pr)

    def default_weights(self) -> dict[str, float]:
        """The House seats, and the states whose rule changes when sets of states switch."""
        return {"seats": 1.0} if self.switch is None else {"seats": 1.0, "states": 1.0}
