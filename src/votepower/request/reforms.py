"""``reforms``: the evaluation of the request (its union, the space its options span,
:mod:`.reformopts`) by the search (:func:`votepower.us.reforms.search_reforms`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.tables import Tabular
from .model import Request
from .reformopts import DEFAULT_BUDGET, reform_space, weights

__all__ = ["ReformsAnswer", "evaluate_reforms", "map_results"]


@dataclass(frozen=True, repr=False)
class ReformsAnswer(Tabular):
    """``reforms``: the search (:class:`~votepower.us.reforms.ReformSearch`)."""

    request: Request
    census: int
    basis: str
    search: Any

    def _records(self) -> list[dict[str, Any]]:
        return [p.record() for p in self.search.frontier]

    def _describe(self) -> str:
        return (
            f"the frontier of {len(self.search.frontier)} reforms of "
            f"{len(self.search.evaluated):,} evaluated (census {self.census})"
        )


def evaluate_reforms(request: Request, **_: Any) -> ReformsAnswer:
    """Search the request's space in its union."""
    from ..us.reforms import search_reforms
    from ..us.scenario import parse_scenario
    from .unions import defaults, scenario_union, union_of

    options = request.option
    census, _ = defaults(request)
    fed = union_of(request)

    def union(reform: Any) -> Any:
        return scenario_union(request, parse_scenario(reform.scenario(), "reform"), fed)

    index = request.index or "banzhaf"
    measure = None
    if request.model.spec.id == "empirical":
        measure = _empirical_measure(request, options.get("objective", "ratio"))
        index = "empirical"
    search = search_reforms(
        reform_space(options),
        union,
        objective=options.get("objective", "ratio"),
        index=index,
        weights=weights(options["cost"]) if "cost" in options else None,
        target=options.get("target"),
        budget=options.get("budget", DEFAULT_BUDGET),
        measure=measure,
    )
    return ReformsAnswer(request, census, fed.basis, search)


def _empirical_measure(request: Request, objective: str) -> Any:
    """The empirical model's objective of a College: from the summary of the probability that
    one voter decides (``compare --model empirical``'s row)."""
    from ..models.presidential import empirical_power
    from ..us.reforms import OBJECTIVES
    from .empirical import summarize_empirical

    params = request.model.parameters().resolved()
    field = OBJECTIVES.get(objective).empirical

    def measure(body: Any, exact: bool) -> tuple[float, bool]:
        summary = summarize_empirical(empirical_power(body, params))
        value = getattr(summary, field)
        return float("inf" if value is None else value), False

    return measure


def map_results(answer: ReformsAnswer) -> list[Any]:
    """Today's body and the chosen reform as comparison rows (for their maps)."""
    from ..us.scenario import parse_scenario
    from .compare import scenario_result
    from .unions import scenario_union, union_of

    request = answer.request
    fed = union_of(request)
    index = answer.search.index
    out = []
    today = answer.search.space.today
    for label, reform in (("today", today), ("chosen", answer.search.chosen.reform)):
        scenario = parse_scenario(reform.scenario(label if label == "today" else None), label)
        body = scenario.build(scenario_union(request, scenario, fed))
        out.append(scenario_result(scenario, body, (index,)))
    return out
