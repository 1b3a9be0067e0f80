"""What each voter model computes for the evaluation (:mod:`.evaluate`), in a registry keyed
by the model's id: the per-state figures of a built-in scheme or of a body, and a comparison of
schemes and scenarios. The evaluation dispatches to the request's model here; it has no fork
of its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.errors import SchemeError, VotepowerError
from ..us.alternatives import Federation, build_scheme
from .model import Request

__all__ = ["VOTER_MODELS", "VoterModel"]


@dataclass(frozen=True)
class VoterModel:
    """One voter model's part of the evaluation."""

    scheme: Callable[..., Any]
    """``(scheme id, union, request, recompute)``: the per-state result of a built-in scheme."""
    body: Callable[..., Any]
    """``(body, request)``: the per-state result of a body built from the request."""
    compare: Callable[..., tuple[tuple[Any, ...], Any]]
    """``(names, union, scenarios (scenario, its union), request, engine)``: the rows of a
    comparison and the model's resolved parameters (``None`` for the a-priori model)."""
    history: Callable[..., tuple[str, Any]]
    """``(names, years, request, engine)``: the kind of rows (``censuses``, ``elections``)
    and the history."""


def _shapley_shubik(request: Request) -> bool:
    return "shapley-shubik" in request.citizen_indices


# --------------------------------------------------------------------------------------------
# a priori
# --------------------------------------------------------------------------------------------
def _apriori_scheme(name: str, fed: Federation, request: Request, recompute: bool) -> Any:
    from .compare import scheme_power

    return scheme_power(
        name, fed, shapley_shubik_values=_shapley_shubik(request), recompute=recompute
    )


def _apriori_body(body: Any, request: Request) -> Any:
    from ..citizens import citizen_power

    return citizen_power(body, shapley_shubik_values=_shapley_shubik(request))


def _apriori_compare(names, fed, scenarios, request, *, recompute=False, progress=None,
                     workers=2):  # type: ignore[no-untyped-def]  # fmt: skip
    from .compare import compare, scenario_result

    indices = request.citizen_indices
    results = compare(names, fed, indices, progress=progress, workers=workers, recompute=recompute)
    for scenario, scenario_fed in scenarios:
        results.append(scenario_result(scenario, scenario.build(scenario_fed), indices))
    if all(res.error is not None for res in results):
        raise SchemeError(f"no scheme could be computed: {results[0].error}")
    return tuple(results), None


def _apriori_history(names, years, request, *, workers=2, progress=None):  # type: ignore[no-untyped-def]  # fmt: skip
    from .history import history

    population = request.union.population or "apportionment"
    result = history(
        names, years, request.citizen_indices, population=population, workers=workers,
        progress=progress,
    )  # fmt: skip
    return "censuses", result


# --------------------------------------------------------------------------------------------
# empirical
# --------------------------------------------------------------------------------------------
def _empirical_scheme(name: str, fed: Federation, request: Request, recompute: bool) -> Any:
    from ..models.presidential import empirical_power
    from ..us.alternatives import SCHEMES

    chosen = SCHEMES.get(name)
    body = None if chosen.national else build_scheme(chosen.id, fed)
    return empirical_power(
        body, request.model.parameters(), national=chosen.national, people=fed.people
    )


def _empirical_body(body: Any, request: Request) -> Any:
    from ..models.presidential import empirical_power

    return empirical_power(body, request.model.parameters())


def _empirical_compare(names, fed, scenarios, request, *, workers=2, **_):  # type: ignore[no-untyped-def]  # fmt: skip
    from ..models.presidential import empirical_power
    from .empirical import EmpiricalRow, compare_empirical, summarize_empirical

    params = request.model.parameters()
    bodies = request.model.spec.bodies
    rows: list[Any] = list(compare_empirical(names, fed, params, workers=workers))
    for scenario, scenario_fed in scenarios:
        try:
            if bodies and scenario.body not in bodies:
                raise SchemeError(f"a {scenario.body} scenario, not a presidential election")
            result = empirical_power(scenario.build(scenario_fed), params)
            rows.append(EmpiricalRow(scenario.id, scenario.name, summarize_empirical(result)))
        except VotepowerError as exc:
            rows.append(EmpiricalRow(scenario.id, scenario.name, None, str(exc)))
    if all(r.summary is None for r in rows):
        raise SchemeError(f"no scheme could be computed: {rows[0].error}")
    return tuple(rows), params.resolved()


def _empirical_history(names, years, request, *, workers=2, progress=None):  # type: ignore[no-untyped-def]  # fmt: skip
    from .history import election_history

    model = request.model
    result = election_history(
        names, years, shift=model.shift, national_sd=model.national_sd,
        state_sd=model.state_sd, workers=workers, progress=progress,
    )  # fmt: skip
    return "elections", result


#: model id -> its part of the evaluation
VOTER_MODELS: dict[str, VoterModel] = {
    "apriori": VoterModel(_apriori_scheme, _apriori_body, _apriori_compare, _apriori_history),
    "empirical": VoterModel(
        _empirical_scheme, _empirical_body, _empirical_compare, _empirical_history
    ),
}
