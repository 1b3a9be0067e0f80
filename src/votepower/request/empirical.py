"""The empirical model's comparison of schemes: one summary per scheme (the spread of the
probability that one voter decides, and the election's figures), for ``compare --model
empirical`` and the election history."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ..citizens import weighted_gini
from ..citizens.logpower import UNDERFLOW
from ..citizens.summary import extremes_in_logs
from ..core.errors import AccuracyError, SchemeError, VotepowerError
from ..models import MODELS
from ..models.presidential import EmpiricalParameters, EmpiricalSchemeResult, empirical_power
from ..us.alternatives import SCHEMES, Federation, build_scheme
from .compare import run_schemes

__all__ = [
    "EmpiricalRow",
    "EmpiricalSummary",
    "summarize_empirical",
    "empirical_scheme",
    "compare_empirical",
]


@dataclass(frozen=True)
class EmpiricalSummary:
    """One row of ``compare --model empirical``: the spread of the probability that one voter
    decides, across the members' voters, and the election's figures."""

    most: str | None
    least: str | None
    most_tied: int
    least_tied: int
    all_equal: bool
    ratio: float
    gini: float
    mean_relative_to_popular_vote: float
    win_probability: float
    inversion_probability: float | None
    inversion_standard_error: float | None
    expected_electoral_votes: float | None = None
    quota_note: str | None = None
    ratio_log10: float = 0.0
    """``log10(ratio)``, finite whenever every state's voters can decide (the ratio itself is
    infinite when it leaves the floats' range); ``inf`` when some state's never can."""

    @property
    def ratio_infinite(self) -> bool:
        """Some state's voters can never decide."""
        return math.isinf(self.ratio_log10)

    def fields(self) -> dict[str, Any]:
        """The summary as a record (the JSON keys of ``compare --model empirical``)."""
        return {
            "max_state": self.most,
            "max_tied": self.most_tied,
            "min_state": self.least,
            "min_tied": self.least_tied,
            "all_equal": self.all_equal,
            "ratio": self.ratio,
            "ratio_log10": None if self.ratio_infinite else self.ratio_log10,
            "ratio_infinite": self.ratio_infinite,
            "gini": self.gini,
            "mean_relative_to_popular_vote": self.mean_relative_to_popular_vote,
            "win_probability": self.win_probability,
            "expected_electoral_votes": self.expected_electoral_votes,
            "inversion_probability": self.inversion_probability,
            "inversion_standard_error": self.inversion_standard_error,
            "quota_note": self.quota_note,
        }


@dataclass(frozen=True)
class EmpiricalRow:
    """One scheme in ``compare --model empirical``: its summary, or why it is not available."""

    scheme: str
    name: str
    summary: EmpiricalSummary | None
    error: str | None = None

    def record(self) -> dict[str, Any]:
        """The row's record: ``available`` and the summary's fields, or ``not_available``."""
        head: dict[str, Any] = {"scheme": self.scheme, "name": self.name}
        if self.summary is None:
            return {**head, "available": False, "not_available": self.error}
        return {**head, "available": True, **self.summary.fields()}


def summarize_empirical(result: EmpiricalSchemeResult) -> EmpiricalSummary:
    """Most and least decisive voters' states (ties within a relative 1e-9 counted), the ratio
    of their probabilities, the voter-weighted Gini, and the voter-weighted mean relative to
    the national popular vote."""
    p = [s.p_decisive for s in result.states]
    logs = [s.log10 for s in result.states]
    unresolved = [s.state for s, lg in zip(result.states, logs, strict=True) if math.isnan(lg)]
    if unresolved:
        raise AccuracyError(
            f"{len(unresolved)} states' probabilities ({', '.join(unresolved[:5])}"
            f"{', ...' if len(unresolved) > 5 else ''}) lie below the floats' range and did "
            "not settle within the work bound of the integral over the national swing in "
            "logarithms: they are not resolved"
        )
    states = [s.state for s in result.states]
    most, least, equal, spread = extremes_in_logs(states, logs)
    # the states in their own order, as before (the first named)
    most = [s for s in states if s in most]
    least = [s for s in states if s in least]
    voters = [s.voters for s in result.states]
    mean = sum(v * x for v, x in zip(voters, p, strict=True)) / sum(voters)
    return EmpiricalSummary(
        most=None if equal else most[0],
        least=None if equal else least[0],
        most_tied=len(most),
        least_tied=len(least),
        all_equal=equal,
        ratio=(
            1.0
            if equal
            else max(p) / min(p)
            if min(p) >= UNDERFLOW
            else (10.0**spread if spread < 308 else math.inf)
        ),
        ratio_log10=0.0 if equal else spread,
        gini=weighted_gini(p, voters),
        mean_relative_to_popular_vote=mean / result.popular_vote_p_decisive,
        win_probability=result.win_probability,
        inversion_probability=result.inversion_probability,
        inversion_standard_error=result.inversion_standard_error,
        expected_electoral_votes=result.expected_electoral_votes,
        quota_note=result.quota_note,
    )


def empirical_scheme(scheme: str, fed: Federation, params: EmpiricalParameters) -> EmpiricalRow:
    """One built-in scheme under the empirical model: its row with the summary, or with the
    scheme's description and why it is not available."""
    spec = SCHEMES.get(scheme)
    bodies = MODELS.get("empirical").bodies
    try:
        if spec.body not in bodies:
            raise SchemeError(f"a {spec.body} scheme, not a presidential election")
        body = None if spec.national else build_scheme(spec.id, fed)
        result = empirical_power(body, params, national=spec.national, people=fed.people)
    except VotepowerError as exc:
        return EmpiricalRow(spec.id, spec.description, None, str(exc))
    return EmpiricalRow(spec.id, result.name, summarize_empirical(result))


def compare_empirical(
    schemes: list[str], fed: Federation, params: EmpiricalParameters, *, workers: int = 1
) -> list[EmpiricalRow]:
    """:func:`empirical_scheme` for every scheme, in the order given; with ``workers`` > 1 in
    that many processes (:func:`votepower.request.compare.run_schemes`)."""
    return run_schemes(empirical_scheme, schemes, (fed, params.resolved()), workers=workers)
