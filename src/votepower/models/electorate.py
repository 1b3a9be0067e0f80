"""The empirical model's data: units, the swing model, an electorate and the result (the
model itself is stated in :mod:`votepower.models.empirical` and docs/voter-models.md)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..core.errors import InvalidGameError, ResourceLimitError

__all__ = ["MAX_TOTAL", "Unit", "Swing", "Electorate", "EmpiricalResult"]

#: the most electoral votes in all (a hundred times today's College)
MAX_TOTAL = 53_800


@dataclass(frozen=True)
class Unit:
    """A unit awarding ``electors``: its base Democratic share and two-party turnout."""

    label: str
    electors: int
    base: float
    turnout: int
    proportional: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.electors, int) or self.electors < 1:
            raise InvalidGameError(f"unit {self.label}: electors must be a positive integer")
        if not (math.isfinite(self.base) and 0.0 < self.base < 1.0):
            raise InvalidGameError(f"unit {self.label}: the base share must lie in (0, 1)")
        if not isinstance(self.turnout, int) or self.turnout < 1:
            raise InvalidGameError(f"unit {self.label}: turnout must be a positive integer")

    def thresholds(self) -> tuple[np.ndarray, np.ndarray]:
        """Shares at which the unit's Democratic electors step up, and the electors each step
        adds."""
        if not self.proportional:
            return np.array([0.5]), np.array([self.electors])
        k = self.electors
        return (np.arange(1, k + 1) - 0.5) / k, np.ones(k, dtype=int)


@dataclass(frozen=True)
class Swing:
    """The swing model: ``v_u = b_u + shift + d + e_u``."""

    shift: float
    national_sd: float
    state_sd: float

    def __post_init__(self) -> None:
        if not (math.isfinite(self.shift) and abs(self.shift) < 1.0):
            raise InvalidGameError("the shift must be a share between -1 and 1")
        if not (math.isfinite(self.national_sd) and 0.0 <= self.national_sd <= 1.0):
            raise InvalidGameError("national_sd must lie in [0, 1]")
        if not (math.isfinite(self.state_sd) and 0.001 <= self.state_sd <= 1.0):
            raise InvalidGameError("state_sd must lie in [0.001, 1]")


@dataclass(frozen=True)
class Electorate:
    """Units electing a body of ``quota`` electoral votes needed to win."""

    name: str
    units: tuple[Unit, ...]
    quota: int

    def __post_init__(self) -> None:
        if not self.units:
            raise InvalidGameError("an electorate needs at least one unit")
        if len({u.label for u in self.units}) != len(self.units):
            raise InvalidGameError("unit labels must be distinct")
        total = self.total
        if total > MAX_TOTAL:
            raise ResourceLimitError(f"{total} electoral votes in all (at most {MAX_TOTAL})")
        if not (total / 2 < self.quota <= total):
            raise InvalidGameError(
                f"the quota {self.quota} must be more than half of the {total} electoral votes "
                "and at most all of them"
            )

    @property
    def total(self) -> int:
        return sum(u.electors for u in self.units)


@dataclass(frozen=True)
class EmpiricalResult:
    """Per unit the probability that one of its voters decides the election, with the
    quadrature's error estimate (relative); the Democrat's win probability, expected electoral
    votes and the probability of the coin (neither side reaching the quota)."""

    electorate: Electorate
    swing: Swing
    p_decisive: tuple[float, ...]
    errors: tuple[float, ...]
    win_probability: float
    expected_electoral_votes: float
    tie_probability: float
    nodes: int
    tipping: tuple[float | None, ...] | None = None
    """Each unit's tipping-point probability when asked for (``None`` for a proportional
    unit), to the absolute accuracy ``tipping_error``."""
    tipping_error: float | None = None
    log_p_decisive: tuple[float, ...] | None = None
    """Each unit's ``p_decisive`` as a natural logarithm, where some value lies below the
    floats' range (1e-280): exact without an integral (``national_sd = 0``), finite however
    small; with a national swing the integral taken again in logarithms (NaN, not resolved,
    only past that integral's work bound), and
    ``-inf`` for a unit whose voters can never decide. ``None`` when every value fits."""

    def __getitem__(self, label: str) -> float:
        for u, p in zip(self.electorate.units, self.p_decisive, strict=True):
            if u.label == label:
                return p
        raise KeyError(label)
