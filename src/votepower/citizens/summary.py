"""One figure per scheme from per-citizen powers: most and least powerful, ratio, Gini, mean
relative to a direct vote (ties within a relative 1e-9 are told).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .logpower import UNDERFLOW
from .results import CitizenPowerResult

# --------------------------------------------------------------------------------------------
# Summaries
# --------------------------------------------------------------------------------------------
CITIZEN_INDICES = {"banzhaf": "citizen_banzhaf", "shapley-shubik": "citizen_shapley_shubik"}


def citizen_index(name: str) -> str:
    """The id of a per-citizen index given by id or alias (``"bz"``): a mistyped name is an
    :class:`~votepower.core.errors.UnknownMethodError` naming the choices, an index with no
    per-citizen value in a two-tier body a :class:`~votepower.core.errors.MethodNotApplicableError`.

    >>> citizen_index("ss")
    'shapley-shubik'
    """
    from ..core.errors import MethodNotApplicableError
    from ..core.registry import INDICES

    spec = INDICES.get(name)
    if spec.id not in CITIZEN_INDICES:
        raise MethodNotApplicableError(
            f"the {spec.id} index has no per-citizen value in a two-tier body; choose "
            f"{' or '.join(CITIZEN_INDICES)}"
        )
    return spec.id


def weighted_gini(values: Sequence[float], weights: Sequence[float]) -> float:
    """Gini coefficient of ``values`` held by populations ``weights`` (0: everyone equal).

    ``G = sum_i sum_j w_i w_j |x_i - x_j| / (2 (sum w)^2 mean)`` with the weighted mean.

    >>> weighted_gini([1.0, 1.0], [5, 7])
    0.0
    >>> round(weighted_gini([0.0, 1.0], [1, 1]), 6)   # half the people hold everything
    0.5
    """
    x = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    mean = float((w * x).sum() / total)
    if mean == 0:
        return 0.0
    diffs = np.abs(x[:, None] - x[None, :])
    return float((w[:, None] * w[None, :] * diffs).sum() / (2.0 * total**2 * mean))


@dataclass(frozen=True)
class Summary:
    """Extremes and inequality of per-citizen power for one index.

    ``most_powerful`` and ``least_powerful`` name a block whose citizens have the most (least)
    power, ``most_tied`` and ``least_tied`` how many blocks share that value (the first
    alphabetically is named); when every citizen has the same power (``all_equal``) neither is
    named. ``ratio`` is most / least: infinite when the least powerful citizens have no power,
    and also when it exceeds the floats' range although finite (values below the range are
    carried as logarithms), which ``ratio_log10`` then gives; ``ratio_note`` says which.
    """

    index: str
    most_powerful: str | None
    least_powerful: str | None
    most_tied: int
    least_tied: int
    all_equal: bool
    ratio: float
    ratio_note: str | None
    gini: float
    mean_relative_to_direct: float
    ratio_log10: float = 0.0
    """``log10(ratio)``; ``inf`` when the least powerful citizens have no power."""

    @property
    def ratio_infinite(self) -> bool:
        """The least powerful citizens have no power (not merely power below the floats)."""
        return math.isinf(self.ratio_log10)

    def fields(self) -> dict[str, Any]:
        """The summary as a record (the JSON keys of ``votepower compare``): ``ratio`` is
        ``None`` where it exceeds the floats' range (``ratio_log10`` holds it) or is infinite
        (``ratio_infinite``, with its reason)."""
        return {
            "most_powerful": self.most_powerful,
            "most_tied": self.most_tied,
            "least_powerful": self.least_powerful,
            "least_tied": self.least_tied,
            "all_equal": self.all_equal,
            "ratio": self.ratio,
            "ratio_log10": None if self.ratio_infinite else self.ratio_log10,
            "ratio_infinite": self.ratio_infinite,
            "ratio_note": self.ratio_note,
            "gini": self.gini,
            "mean_relative_to_direct": self.mean_relative_to_direct,
        }


#: values within this relative distance count as tied (rounding of the integrals)
TIE_RTOL = 1e-9


def extremes_in_logs(
    labels: Sequence[str], logs: Sequence[float]
) -> tuple[list[str], list[str], bool, float]:
    """From the base-10 logarithms of positive values (``-inf``: none): the labels tied at the
    top and at the bottom (within a relative :data:`TIE_RTOL`, alphabetical), whether all are
    equal, and ``log10(top / bottom)``."""
    high, low = max(logs), min(logs)
    tolerance = TIE_RTOL / math.log(10.0)

    def tied(target: float) -> list[str]:
        return sorted(
            label
            for label, v in zip(labels, logs, strict=True)
            if v == target or abs(v - target) <= tolerance
        )

    return tied(high), tied(low), high - low <= tolerance, high - low


def summarize(result: CitizenPowerResult, index: str) -> Summary:
    """Most and least powerful block per citizen (with ties counted), their ratio, the
    population-weighted Gini, and the population-weighted mean citizen power relative to a
    direct national vote. Values below the floats' range are compared by their logarithms
    (:attr:`BlockPower.log10_citizen_banzhaf`); they add nothing to the Gini and the mean at
    the floats' precision."""
    index = citizen_index(index)
    field = CITIZEN_INDICES[index]
    values = [getattr(b, field) for b in result.blocks]
    logs = [b.log10(index) for b in result.blocks]
    unresolved = [b.label for b, v in zip(result.blocks, logs, strict=True) if math.isnan(v)]
    if unresolved:
        from ..core.errors import AccuracyError

        raise AccuracyError(
            f"{result.body}: {len(unresolved)} of {len(logs)} citizens' "
            f"{'Banzhaf' if index == 'banzhaf' else 'Shapley-Shubik'} values lie "
            "below the floats' range (1e-280); they are positive (their Banzhaf values, carried "
            "as logarithms, show it), but the integral in logarithms did not resolve them (its "
            "work bound, or blocks whose laws it does not take in logarithms)"
        )
    people = [b.citizens for b in result.blocks]
    labels = [b.label for b in result.blocks]
    if max(values) <= 0:  # every value below the floats' range
        from ..core.errors import AccuracyError

        raise AccuracyError(
            f"{result.body}: every citizen's {index} power is below the smallest floating-point "
            "number (each is positive: some citizen can always decide); they cannot be compared"
        )
    direct = result.direct_banzhaf if index == "banzhaf" else result.direct_shapley_shubik
    mean = sum(v * p for v, p in zip(values, people, strict=True)) / sum(people)
    top, bottom, equal, spread = extremes_in_logs(labels, logs)
    low = min(logs)
    note = None
    if math.isinf(low):
        note = (
            f"{len(bottom)} of {len(values)} have no power per citizen"
            if len(bottom) > 1
            else f"{bottom[0]} has no power per citizen"
        )
    else:
        below = sum(1 for v in values if v < UNDERFLOW)
        if below:
            note = (
                f"{below} of {len(values)} have power below 1e-280 per citizen, carried as "
                f"logarithms (the least, {bottom[0]}: {power_of_ten(low)})"
            )
    if equal:
        ratio = 1.0
    elif values[labels.index(bottom[0])] >= UNDERFLOW:
        ratio = max(values) / min(v for v in values if v > 0)
    else:
        ratio = 10.0**spread if spread < 308 else math.inf
    return Summary(
        index=index,
        most_powerful=None if equal else top[0],
        least_powerful=None if equal else bottom[0],
        most_tied=len(top),
        least_tied=len(bottom),
        all_equal=equal,
        ratio=ratio,
        ratio_note=note,
        gini=weighted_gini(values, people),
        mean_relative_to_direct=mean / direct,
        ratio_log10=0.0 if equal else spread,
    )


def power_of_ten(log10_value: float, digits: int = 2) -> str:
    """A positive number given by its ``log10``, in scientific notation even far outside the
    floats' range: ``power_of_ten(2901.08) == '1.2e+2901'``.

    >>> power_of_ten(2901.08), power_of_ten(-25230.30133), power_of_ten(0.30103, 3)
    ('1.2e+2901', '5.0e-25231', '2.00e+00')
    """
    if not math.isfinite(log10_value):
        return "inf" if log10_value > 0 else "0"
    exponent = math.floor(log10_value)
    mantissa = 10.0 ** (log10_value - exponent)
    if round(mantissa, digits - 1) >= 10.0:
        exponent, mantissa = exponent + 1, mantissa / 10.0
    sign = "+" if exponent >= 0 else "-"
    return f"{mantissa:.{digits - 1}f}e{sign}{abs(exponent):02d}"
