"""The search over a :class:`~.space.ReformSpace`: every reform evaluated (exhaustively, within
a work budget stated before anything is computed), each with its objective and its cost, then
the Pareto frontier of objective against cost and the cheapest reform that reaches a target.

Shared work, so that a thousand House sizes cost little more than one: the seats of every
size by one pass down each method's priority list (:func:`~votepower.us.apportion.sweep.
seats_by_size`), the College of each size built on them, and its per-citizen Banzhaf values
from the blocs' exact polynomial (:mod:`votepower.citizens.quickbanzhaf`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ...citizens import citizen_power, summarize
from ...citizens.quickbanzhaf import banzhaf_power
from ...core.errors import VotepowerError
from ...core.registry import Registry, Spec
from ..apportion import house_size
from ..apportion.sweep import seats_by_size
from ..scenario import parse_scenario
from ..union import Federation
from .space import TODAY, Reform, ReformSpace

__all__ = [
    "COSTS",
    "OBJECTIVES",
    "Evaluated",
    "ReformSearch",
    "frontier",
    "search_reforms",
]


@dataclass(frozen=True)
class ObjectiveSpec(Spec):
    """What a search minimizes (``lower`` better) or maximizes, from a comparison's summary."""

    lower: bool = True
    field: str = ""


#: the objectives (a-priori model)
OBJECTIVES: Registry[ObjectiveSpec] = Registry(
    "objective",
    ObjectiveSpec("ratio", "max/min ratio of per-citizen power (lower is more equal)",
                  lower=True, field="ratio"),
    ObjectiveSpec("gini", "population-weighted Gini of per-citizen power (lower is more equal)",
                  lower=True, field="gini"),
    ObjectiveSpec("mean", "mean per-citizen power relative to a direct vote (higher is better)",
                  lower=False, field="mean_relative_to_direct"),
)  # fmt: skip


@dataclass(frozen=True)
class CostSpec(Spec):
    """A part of a reform's cost of change."""


#: the parts of a cost (a user weighting adds them up)
COSTS: Registry[CostSpec] = Registry(
    "cost",
    CostSpec("seats", "House seats added or removed (distance from 435)"),
    CostSpec("electors", "electors moved between states (half the sum of the changes)"),
    CostSpec("states", "states whose electors' rule changes"),
    CostSpec("new-states", "states admitted (DC, Puerto Rico)"),
)


@dataclass(frozen=True)
class Evaluated:
    """A reform with its objective, its House's seats and its cost parts."""

    reform: Reform
    objective: float
    house_seats: int
    parts: dict[str, float]
    cost: float

    def record(self) -> dict[str, Any]:
        return {
            **self.reform.fields(),
            "house_seats": self.house_seats,
            "objective": self.objective,
            "cost": self.cost,
            **{f"cost_{k.replace('-', '_')}": v for k, v in self.parts.items()},
        }


@dataclass(frozen=True)
class ReformSearch:
    """A search's answer: every reform evaluated, the frontier, and the chosen one."""

    space: ReformSpace
    objective: ObjectiveSpec
    index: str
    weights: dict[str, float]
    evaluated: tuple[Evaluated, ...]
    frontier: tuple[Evaluated, ...]
    chosen: Evaluated | None
    target: float | None
    today: Evaluated
    method: str
    refused: tuple[tuple[Reform, str], ...] = field(default=())

    @property
    def why_none(self) -> str | None:
        """Why no reform is chosen (a target no reform of the space reaches)."""
        if self.chosen is not None or self.target is None or not self.frontier:
            return None
        best = self.frontier[-1]
        word = "below" if self.objective.lower else "above"
        return (
            f"no reform of the {self.space.size:,} in the space brings the {self.objective.id} "
            f"{word} {self.target:g}: the best is {best.objective:.6g} "
            f"({best.reform.describe()}, cost {best.cost:g})"
        )


def _better(spec: ObjectiveSpec, a: float, b: float) -> bool:
    return a < b if spec.lower else a > b


def frontier(points: Sequence[Evaluated], spec: ObjectiveSpec) -> tuple[Evaluated, ...]:
    """The Pareto frontier: the reforms that no other beats on both cost and objective (at
    equal cost and objective the first in the space's order stands for them), cheapest
    first."""
    sign = 1.0 if spec.lower else -1.0
    order = sorted(
        range(len(points)), key=lambda k: (points[k].cost, sign * points[k].objective, k)
    )
    out: list[Evaluated] = []
    for k in order:
        p = points[k]
        if not out or _better(spec, p.objective, out[-1].objective):
            if out and out[-1].cost == p.cost:
                continue  # the same cost, a worse objective came first: impossible by the sort
            out.append(p)
    return tuple(out)


def _rule_of(block: Any) -> str:
    return type(block).__name__


def search_reforms(
    space: ReformSpace,
    union: Callable[[Reform], Federation],
    *,
    objective: str = "ratio",
    index: str = "banzhaf",
    weights: dict[str, float] | None = None,
    target: float | None = None,
    budget: int = 100_000,
) -> ReformSearch:
    """Evaluate every reform of ``space`` (at most ``budget``: past it the search is refused
    before anything is computed), each in the union ``union(reform)`` gives (its statehood
    applied), and return the frontier of ``objective`` against the cost (``weights``: cost part
    -> weight; default: the House seats alone) and the cheapest reform reaching ``target``
    (else, with no target, the frontier's best)."""
    spec = OBJECTIVES.get(objective)
    weights = dict(weights) if weights else {"seats": 1.0}
    for part in weights:
        COSTS.get(part)
    if space.size > budget:
        raise VotepowerError(
            f"the space holds {space.size:,} reforms, past the work budget of {budget:,} "
            "evaluations: narrow it (fewer House sizes or methods) or raise --budget"
        )
    groups: dict[tuple[bool, bool, str], list[Reform]] = {}
    for reform in space.points():
        groups.setdefault((reform.dc_statehood, reform.pr_statehood, reform.method), []).append(
            reform
        )
    base = union(TODAY)
    today_body = parse_scenario(TODAY.scenario("today"), "today").build(base)
    today_weights = {b.label: b.weight for b in today_body.blocks}
    today_rules = {b.label: _rule_of(b) for b in today_body.blocks}
    results: dict[Reform, Evaluated] = {}
    refused: list[tuple[Reform, str]] = []
    for (dc, pr, method), reforms in groups.items():
        fed = union(reforms[0])
        pops = {c: fed.apportionment[c] for c in fed.states}
        resolved = {r.house_size: house_size(r.house_size, pops)[0] for r in reforms}
        seats = seats_by_size(pops, resolved.values(), method)
        for reform in reforms:
            try:
                scenario = parse_scenario(reform.scenario(), "reform")
                body = scenario.college(fed, seats[resolved[reform.house_size]])
                power = (
                    banzhaf_power(body)
                    if index == "banzhaf"
                    else citizen_power(body, shapley_shubik_values=True)
                )
                value = float(getattr(summarize(power, index), spec.field))
            except VotepowerError as exc:
                refused.append((reform, str(exc)))
                continue
            new_weights = {b.label: b.weight for b in body.blocks}
            labels = set(new_weights) | set(today_weights)
            parts = {
                "seats": float(abs(resolved[reform.house_size] - 435)),
                "electors": sum(
                    abs(new_weights.get(c, 0) - today_weights.get(c, 0)) for c in labels
                ) / 2,
                "states": float(sum(
                    1 for b in body.blocks
                    if b.label in today_rules and _rule_of(b) != today_rules[b.label]
                )),
                "new-states": float(dc + pr),
            }  # fmt: skip
            cost = sum(w * parts[p] for p, w in weights.items())
            results[reform] = Evaluated(reform, value, resolved[reform.house_size], parts, cost)
    evaluated = tuple(results[r] for r in space.points() if r in results)
    front = frontier(evaluated, spec)
    chosen: Evaluated | None
    if target is None:
        chosen = front[-1] if front else None
    else:
        reaching = [
            p for p in front if (p.objective <= target if spec.lower else p.objective >= target)
        ]
        chosen = reaching[0] if reaching else None
    today = results.get(TODAY) or _evaluate_today(base, today_body, spec, index)
    return ReformSearch(
        space, spec, index, weights, evaluated, front, chosen, target, today,
        method=(
            f"exhaustive: all {space.size:,} reforms of the space evaluated (seats of every "
            "House size by one priority-list pass per method)"
        ),
        refused=tuple(refused),
    )  # fmt: skip


def _evaluate_today(base: Federation, body: Any, spec: ObjectiveSpec, index: str) -> Evaluated:
    power = banzhaf_power(body) if index == "banzhaf" else citizen_power(body)
    value = float(getattr(summarize(power, index), spec.field))
    parts = {"seats": 0.0, "electors": 0.0, "states": 0.0, "new-states": 0.0}
    return Evaluated(TODAY, value, 435, parts, 0.0)
