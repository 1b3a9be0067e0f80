"""Results of the per-citizen computation: a block's power and the whole body's."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ..core.tables import Tabular

#: the per-citizen field of each index
_FIELDS = {"banzhaf": "citizen_banzhaf", "shapley-shubik": "citizen_shapley_shubik"}
#: values below this are carried as logarithms (:data:`votepower.citizens.logpower.UNDERFLOW`)
_BELOW = 1e-280


def _sortable(log10: float) -> float:
    """A log10 for ordering: a value not resolved (NaN) just above no power (-inf)."""
    return -1e300 if math.isnan(log10) else log10


@dataclass(frozen=True)
class BlockPower:
    """Power of a block's units in the body and of one of its citizens."""

    label: str
    citizens: int
    weight: int
    banzhaf: float
    banzhaf_normalized: float
    shapley_shubik: float
    citizen_banzhaf: float
    citizen_shapley_shubik: float
    log10_citizen_banzhaf: float | None = None
    """``log10(citizen_banzhaf)`` where the value lies below the floats' range (under 1e-280:
    :mod:`votepower.citizens.logpower`); ``None`` where the float holds it. ``-inf``: none."""
    log10_citizen_shapley_shubik: float | None = None
    """The same for ``citizen_shapley_shubik``."""

    def log10(self, index: str) -> float:
        """``log10`` of one citizen's value under ``index`` (``-inf`` for no power)."""
        value = getattr(self, _FIELDS[index])
        carried = getattr(self, f"log10_{_FIELDS[index]}")
        if carried is not None:
            return float(carried)
        return math.log10(value) if value > 0 else -math.inf


@dataclass(frozen=True, repr=False)
class CitizenPowerResult(Tabular):
    """Per-block and per-citizen power in a two-tier body, with the checks that back it.

    ``direct_banzhaf`` and ``direct_shapley_shubik`` are a citizen's power in a direct national
    vote of the same citizens (one contest, simple majority). ``shapley_shubik_total`` is the sum
    of the Shapley-Shubik values over all citizens and extra players (1 in exact arithmetic),
    with ``quadrature_error`` the estimated relative error of the integration.
    """

    body: str
    blocks: tuple[BlockPower, ...]
    total_citizens: int
    direct_banzhaf: float
    direct_shapley_shubik: float
    shapley_shubik_total: float
    quadrature_error: float
    extra: tuple[tuple[str, float, float], ...] = ()
    """Players outside the citizens' model: (label, Banzhaf, Shapley-Shubik) in the composite."""
    units: dict[str, int] = field(default_factory=dict)
    """How many units (separately elected seats) each block has; its unit indices are sums."""

    def __getitem__(self, label: str) -> BlockPower:
        for b in self.blocks:
            if b.label == label:
                return b
        raise KeyError(label)

    def rows(
        self, indices: tuple[str, ...] = ("banzhaf", "shapley-shubik")
    ) -> list[dict[str, Any]]:
        """One row per block (the JSON keys of ``votepower states``) for ``indices``, the most
        powerful citizens first by the first index: the block's own indices, and per citizen
        the value, relative to the least powerful citizen (``None`` when that one has no
        power, or the ratio leaves the floats' range) and to a direct national vote. Where
        some value lies below the floats' range (1e-280) the index gets a ``_log10`` column:
        those values are ``None`` and their logarithms stand there (``None`` too where the
        value was not resolved)."""
        logs = {i: [b.log10(i) for b in self.blocks] for i in indices}
        least = {i: min(logs[i], key=_sortable) for i in indices}
        carried = {
            i: any(getattr(b, f"log10_{_FIELDS[i]}") is not None for b in self.blocks)
            for i in indices
        }
        direct = {"banzhaf": self.direct_banzhaf, "shapley-shubik": self.direct_shapley_shubik}
        out = []
        for n, b in enumerate(self.blocks):
            row: dict[str, Any] = {"state": b.label, "population": b.citizens, "weight": b.weight}
            if "banzhaf" in indices:
                row["banzhaf"] = b.banzhaf
                row["banzhaf_normalized"] = b.banzhaf_normalized
            if "shapley-shubik" in indices:
                row["shapley_shubik"] = b.shapley_shubik
            for index in indices:
                key = _FIELDS[index]
                value, lg = getattr(b, key), logs[index][n]
                below = getattr(b, f"log10_{key}") is not None and value < _BELOW
                row[key] = None if below else value
                if carried[index]:
                    row[f"{key}_log10"] = lg if math.isfinite(lg) else None
                spread = lg - least[index]
                row[f"{key}_vs_least"] = (
                    10.0**spread if math.isfinite(spread) and spread < 300 else None
                )
                row[f"{key}_vs_direct"] = None if below else value / direct[index]
            out.append(row)
        first = indices[0]
        order = sorted(range(len(out)), key=lambda n: (-_sortable(logs[first][n]), out[n]["state"]))
        return [out[n] for n in order]

    def _records(self) -> list[dict[str, Any]]:
        return self.rows()

    def _describe(self) -> str:
        return (
            f"{self.body}: per-citizen power in {len(self.blocks)} blocks, "
            f"{self.total_citizens:,} citizens"
        )
