"""What an apportionment returns: seats per state, the last seats' margins, ties."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ...core.tables import Tabular


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StateSeats:
    """One state's line of an apportionment."""

    state: str
    population: int
    seats: int
    quota: Fraction
    """Standard quota: house size x population / total population."""
    official: int | None = None

    @property
    def change(self) -> int | None:
        """Seats minus the official seats of that census (``None`` when unknown)."""
        return None if self.official is None else self.seats - self.official

    @property
    def population_per_seat(self) -> Fraction | None:
        return Fraction(self.population, self.seats) if self.seats else None

    @property
    def quota_violation(self) -> str | None:
        """``"lower"`` if seats < floor(quota), ``"upper"`` if seats > ceil(quota), else None."""
        if self.seats < math.floor(self.quota):
            return "lower"
        if self.seats > math.ceil(self.quota):
            return "upper"
        return None


@dataclass(frozen=True)
class LastSeat:
    """Who won the last seat, who was next in line, and by how many people.

    ``shortfall``: the fewest additional people with which ``runner_up`` would have won the last
    seat (its priority strictly above the winner's). ``surplus``: the most people ``state`` could
    have lost and still won it (strictly). For a tie both are 0.
    """

    state: str
    seat: int
    runner_up: str | None
    runner_up_seat: int | None
    shortfall: int | None
    surplus: int | None


@dataclass(frozen=True)
class Tie:
    """States tied exactly for the last seat(s)."""

    states: tuple[str, ...]
    seats_available: int
    awarded_to: tuple[str, ...]

    def describe(self) -> str:
        return (
            f"tie: {', '.join(self.states)} tie exactly for {self.seats_available} remaining "
            f"seat(s); listed order gave it to {', '.join(self.awarded_to)}"
        )


@dataclass(frozen=True, repr=False)
class Apportionment(Tabular):
    """The result of :func:`apportion`."""

    method: str
    house_size: int
    min_seats: int
    states: tuple[StateSeats, ...]
    last_seat: LastSeat | None
    tie: Tie | None = None
    house_size_rule: str = field(default="")

    @property
    def seats(self) -> dict[str, int]:
        return {s.state: s.seats for s in self.states}

    @property
    def total_population(self) -> int:
        return sum(s.population for s in self.states)

    @property
    def quota_violations(self) -> dict[str, str]:
        return {s.state: v for s in self.states if (v := s.quota_violation) is not None}

    def __getitem__(self, state: str) -> StateSeats:
        for line in self.states:
            if line.state == state:
                return line
        raise KeyError(state)

    def _records(self) -> list[dict[str, Any]]:
        """One row per state (the JSON keys of ``votepower apportion`` but the state's name,
        which the command adds); the quota and population per seat as floats, as in JSON
        (``self.states`` keeps them exact)."""
        return [
            {
                "state": s.state,
                "population": s.population,
                "quota": float(s.quota),
                "seats": s.seats,
                "official_seats": s.official,
                "change": s.change,
                "population_per_seat": (
                    None if s.population_per_seat is None else float(s.population_per_seat)
                ),
                "quota_violation": s.quota_violation,
            }
            for s in self.states
        ]

    def _describe(self) -> str:
        return (
            f"{self.method} apportionment of {self.house_size} seats among "
            f"{len(self.states)} states"
        )
