"""Results of the per-citizen computation: a block's power and the whole body's."""

from __future__ import annotations

from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class CitizenPowerResult:
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
