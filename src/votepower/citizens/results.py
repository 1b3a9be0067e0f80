"""Results of the per-citizen computation: a block's power and the whole body's."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..tables import Tabular

#: the per-citizen field of each index
_FIELDS = {"banzhaf": "citizen_banzhaf", "shapley-shubik": "citizen_shapley_shubik"}


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
        power) and to a direct national vote."""
        least = {i: min(getattr(b, _FIELDS[i]) for b in self.blocks) for i in indices}
        direct = {"banzhaf": self.direct_banzhaf, "shapley-shubik": self.direct_shapley_shubik}
        out = []
        for b in self.blocks:
            row: dict[str, Any] = {"state": b.label, "population": b.citizens, "weight": b.weight}
            if "banzhaf" in indices:
                row["banzhaf"] = b.banzhaf
                row["banzhaf_normalized"] = b.banzhaf_normalized
            if "shapley-shubik" in indices:
                row["shapley_shubik"] = b.shapley_shubik
            for index in indices:
                key = _FIELDS[index]
                value = getattr(b, key)
                row[key] = value
                row[f"{key}_vs_least"] = value / least[index] if least[index] > 0 else None
                row[f"{key}_vs_direct"] = value / direct[index]
            out.append(row)
        key = _FIELDS[indices[0]]
        out.sort(key=lambda row: (-row[key], row["state"]))
        return out

    def _records(self) -> list[dict[str, Any]]:
        return self.rows()

    def _describe(self) -> str:
        return (
            f"{self.body}: per-citizen power in {len(self.blocks)} blocks, "
            f"{self.total_citizens:,} citizens"
        )
