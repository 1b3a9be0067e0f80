"""One figure per scheme from per-citizen powers: most and least powerful, ratio, Gini, mean
relative to a direct vote (ties within a relative 1e-9 are told).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from .results import CitizenPowerResult

# --------------------------------------------------------------------------------------------
# Summaries
# --------------------------------------------------------------------------------------------
CITIZEN_INDICES = {"banzhaf": "citizen_banzhaf", "shapley-shubik": "citizen_shapley_shubik"}


def citizen_index(name: str) -> str:
    """The id of a per-citizen index given by id or alias (``"bz"``): a mistyped name is an
    :class:`~votepower.errors.UnknownMethodError` naming the choices, an index with no
    per-citizen value in a two-tier body a :class:`~votepower.errors.MethodNotApplicableError`.

    >>> citizen_index("ss")
    'shapley-shubik'
    """
    from ..errors import MethodNotApplicableError
    from ..registry import INDICES

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
    named. ``ratio`` is most / least, infinite when the least powerful citizens have no power
    (``ratio_note`` says why).
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

    def fields(self) -> dict[str, Any]:
        """The summary as a record (the JSON keys of ``votepower compare``); an infinite ratio
        comes with ``ratio_infinite`` true and its reason."""
        return {
            "most_powerful": self.most_powerful,
            "most_tied": self.most_tied,
            "least_powerful": self.least_powerful,
            "least_tied": self.least_tied,
            "all_equal": self.all_equal,
            "ratio": self.ratio,
            "ratio_infinite": math.isinf(self.ratio),
            "ratio_note": self.ratio_note,
            "gini": self.gini,
            "mean_relative_to_direct": self.mean_relative_to_direct,
        }


#: values within this relative distance count as tied (rounding of the integrals)
TIE_RTOL = 1e-9


def summarize(result: CitizenPowerResult, index: str) -> Summary:
    """Most and least powerful block per citizen (with ties counted), their ratio, the
    population-weighted Gini, and the population-weighted mean citizen power relative to a
    direct national vote."""
    index = citizen_index(index)
    field = CITIZEN_INDICES[index]
    values = [getattr(b, field) for b in result.blocks]
    people = [b.citizens for b in result.blocks]
    labels = [b.label for b in result.blocks]
    high, low = max(values), min(values)
    if high <= 0:  # some unit always decides something: every value underflowed
        from ..errors import AccuracyError

        raise AccuracyError(
            f"{result.body}: every citizen's {index} power is below the smallest floating-point "
            "number (each is positive: some citizen can always decide); they cannot be compared"
        )
    direct = result.direct_banzhaf if index == "banzhaf" else result.direct_shapley_shubik
    mean = sum(v * p for v, p in zip(values, people, strict=True)) / sum(people)

    def tied(target: float) -> list[str]:
        return sorted(
            label
            for label, v in zip(labels, values, strict=True)
            if abs(v - target) <= TIE_RTOL * abs(target)
        )

    top, bottom = tied(high), tied(low)
    equal = high - low <= TIE_RTOL * abs(high)
    note = None
    if low <= 0:
        note = (
            f"{len(bottom)} of {len(values)} have no power per citizen"
            if len(bottom) > 1
            else f"{bottom[0]} has no power per citizen"
        )
    return Summary(
        index=index,
        most_powerful=None if equal else top[0],
        least_powerful=None if equal else bottom[0],
        most_tied=len(top),
        least_tied=len(bottom),
        all_equal=equal,
        ratio=1.0 if equal else (high / low if low > 0 else math.inf),
        ratio_note=note,
        gini=weighted_gini(values, people),
        mean_relative_to_direct=mean / direct,
    )
