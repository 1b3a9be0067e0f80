"""Result objects: exact counts when known, values as Fractions (exact) or floats, and accuracy.

Results never print; :mod:`votepower.ui.io` renders them.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .tables import Tabular

__all__ = ["BanzhafResult", "ShapleyShubikResult", "IndexResult", "Value"]

Value = Fraction | float


@dataclass(frozen=True)
class _Base:
    labels: tuple[str, ...]
    method: str
    exact: bool
    """True when the values are exact Fractions."""
    error_estimates: tuple[float, ...] | None = None
    """Float results: the estimated absolute error of each value (see the algorithm modules)."""
    standard_errors: tuple[float, ...] | None = None
    """Monte Carlo: the standard error of each value."""
    samples: int | None = None
    seed: int | None = None

    def _position(self, label: str) -> int:
        try:
            return self.labels.index(label)
        except ValueError:
            raise KeyError(label) from None


@dataclass(frozen=True, repr=False)
class BanzhafResult(Tabular, _Base):
    """Banzhaf indices of every player.

    ``absolute`` (Penrose-Banzhaf) is ``swings / 2^(n-1)``: the probability that the player is
    decisive when every player votes yes or no with probability 1/2 independently.
    ``normalized`` is ``swings / sum of all swings`` and sums to 1. ``swings`` are the exact
    integer counts when they were computed (``None`` for Monte Carlo or a float-only run).
    """

    absolute: tuple[Value, ...] = ()
    normalized: tuple[Value, ...] = ()
    swings: tuple[int, ...] | None = None

    def __getitem__(self, label: str) -> Value:
        """The absolute index of the player called ``label``."""
        return self.absolute[self._position(label)]

    def as_dict(self) -> dict[str, Value]:
        return dict(zip(self.labels, self.absolute, strict=True))

    def _records(self) -> list[dict[str, Any]]:
        rows = []
        for i, label in enumerate(self.labels):
            row: dict[str, Any] = {
                "name": label,
                "swings": None if self.swings is None else self.swings[i],
                "banzhaf": self.absolute[i],
                "banzhaf_normalized": self.normalized[i],
            }
            if self.standard_errors is not None:
                row["banzhaf_se"] = self.standard_errors[i]
            rows.append(row)
        return rows

    def _describe(self) -> str:
        return f"Banzhaf indices of {len(self.labels)} players ({_how(self)})"


@dataclass(frozen=True, repr=False)
class ShapleyShubikResult(Tabular, _Base):
    """Shapley-Shubik indices of every player (they sum to 1).

    ``pivots`` are the exact numbers of the ``n!`` orderings in which each player is pivotal,
    when they were computed.
    """

    values: tuple[Value, ...] = ()
    pivots: tuple[int, ...] | None = None

    def __getitem__(self, label: str) -> Value:
        return self.values[self._position(label)]

    def as_dict(self) -> dict[str, Value]:
        return dict(zip(self.labels, self.values, strict=True))

    def _records(self) -> list[dict[str, Any]]:
        rows = []
        for i, label in enumerate(self.labels):
            row: dict[str, Any] = {"name": label, "shapley_shubik": self.values[i]}
            if self.standard_errors is not None:
                row["shapley_shubik_se"] = self.standard_errors[i]
            rows.append(row)
        return rows

    def _describe(self) -> str:
        return f"Shapley-Shubik indices of {len(self.labels)} players ({_how(self)})"


@dataclass(frozen=True, repr=False)
class IndexResult(Tabular, _Base):
    """One of the classic indices (Coleman, Holler-Packel, Deegan-Packel, Johnston) of every
    player; see docs/power-indices.md for their definitions.

    ``index`` is the registry id; ``values`` the index of each player; ``counts`` the integer
    behind each value when it has one (swings for Coleman's measures, minimal winning coalitions
    containing the player for Holler-Packel); ``scores`` the unnormalized Johnston scores;
    ``facts`` numbers about the whole game (the
    number of winning and of minimal winning coalitions, Coleman's power of the collectivity to
    act).
    """

    index: str = ""
    values: tuple[Value, ...] = ()
    counts: tuple[int, ...] | None = None
    scores: tuple[Value, ...] | None = None
    """The unnormalized score behind each value when it is not a count (Johnston's sum of
    ``1 / critical members``)."""
    facts: tuple[tuple[str, Value], ...] = ()

    def __getitem__(self, label: str) -> Value:
        return self.values[self._position(label)]

    def as_dict(self) -> dict[str, Value]:
        return dict(zip(self.labels, self.values, strict=True))

    @property
    def field(self) -> str:
        """The index's key in records and JSON: ``holler_packel``, ``coleman_prevent``..."""
        return self.index.replace("-", "_")

    @property
    def count_field(self) -> str:
        """The key of :attr:`counts` in records and JSON: ``swings`` for Coleman's measures
        (Banzhaf's swings, as ``votepower game`` writes them), ``holler_packel_count`` for the
        minimal winning coalitions of Holler-Packel."""
        return "swings" if self.index.startswith("coleman") else f"{self.field}_count"

    def fact(self, name: str) -> Value:
        """A number about the whole game, by name."""
        return dict(self.facts)[name]

    def _records(self) -> list[dict[str, Any]]:
        rows = []
        for i, label in enumerate(self.labels):
            row: dict[str, Any] = {"name": label, self.field: self.values[i]}
            if self.counts is not None:
                row[self.count_field] = self.counts[i]
            if self.scores is not None:
                row[f"{self.field}_score"] = self.scores[i]
            rows.append(row)
        return rows

    def _describe(self) -> str:
        return f"{self.index} indices of {len(self.labels)} players ({_how(self)})"


def _how(result: _Base) -> str:
    if result.exact:
        return f"exact, {result.method}"
    if result.samples is not None:
        return f"{result.method}, {result.samples:,} samples, seed {result.seed}"
    return f"{result.method}, floating point"
