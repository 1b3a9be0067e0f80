"""The search over a :class:`~.space.ReformSpace`: every reform evaluated (exhaustively, within
a work budget stated before anything is computed), each with its objective and its cost, then
the Pareto frontier of objective against cost and the cheapest reform that reaches a target.

Shared work, so that a thousand House sizes cost little more than one: the seats of every
size by one pass down each method's priority list (:func:`~votepower.us.apportion.sweep.
seats_by_size`), the College of each size built on them, and its per-citizen Banzhaf values
from the blocs' exact polynomial (:mod:`votepower.citizens.quickbanzhaf`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ...citizens import TwoTierBody, citizen_power, summarize
from ...citizens.logpower import UNDERFLOW
from ...citizens.quickbanzhaf import banzhaf_power
from ...core.errors import VotepowerError
from ...core.registry import Registry, Spec
from ..alternatives import house_seats
from ..apportion import house_size
from ..apportion.sweep import seats_by_size
from ..scenario import parse_scenario
from ..union import Federation
from .house import HouseReform, HouseSpace
from .senate import SenateReform, SenateSpace, senate_points
from .sets import all_settings as _all
from .sets import count_sets, exhaustive_sets, greedy_sets
from .space import Reform, ReformSpace

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
    """The a-priori summary's field (empty: not under that model)."""
    empirical: str = ""
    """The empirical model's summary's field (empty: not under that model)."""


#: the objectives: under the a-priori model of per-citizen power, under the empirical model of
#: the probability that one voter decides
OBJECTIVES: Registry[ObjectiveSpec] = Registry(
    "objective",
    ObjectiveSpec("ratio", "max/min ratio of per-citizen power (lower is more equal)",
                  lower=True, field="ratio", empirical="ratio"),
    ObjectiveSpec("gini", "population-weighted Gini of per-citizen power (lower is more equal)",
                  lower=True, field="gini", empirical="gini"),
    ObjectiveSpec("mean", "mean per-citizen power relative to a direct (popular) vote (higher is "
                  "better)", lower=False, field="mean_relative_to_direct",
                  empirical="mean_relative_to_popular_vote"),
    ObjectiveSpec("inversion", "the probability that the electoral winner loses the popular "
                  "vote (empirical model; lower is better)", lower=True,
                  empirical="inversion_probability"),
)  # fmt: skip

#: how a voter model measures a body: ``(body, exact) -> (objective, is it a bound)``
Measure = Callable[[TwoTierBody, bool], tuple[float, bool]]


@dataclass(frozen=True)
class CostSpec(Spec):
    """A part of a reform's cost of change."""


#: the cost parts that count seats moved between states (half the sum of the changes), each
#: body's by its name
MOVED = ("electors", "senators", "representatives")

#: the parts of a cost (a user weighting adds them up)
COSTS: Registry[CostSpec] = Registry(
    "cost",
    CostSpec(
        "seats",
        "seats added or removed: the House's (distance from today's 435) for the "
        "College, the Senate's for the Senate",
    ),
    CostSpec("electors", "electors moved between states (half the sum of the changes)"),
    CostSpec("senators", "Senate seats moved between states (half the sum of the changes)"),
    CostSpec("representatives", "House seats moved between states (half the sum of the changes)"),
    CostSpec("states", "states whose electors' rule changes"),
    CostSpec("new-states", "states admitted (DC, Puerto Rico)"),
)


@dataclass(frozen=True)
class Evaluated:
    """A reform with its objective, its seats (the College's House, the Senate's seats) and
    its cost parts."""

    reform: Reform | SenateReform | HouseReform
    objective: float
    seats: int
    parts: dict[str, float]
    cost: float
    exact: bool = True
    """False: ``objective`` is a bound (the ratio exceeds it), not yet the value."""

    def record(self) -> dict[str, Any]:
        return {
            **self.reform.fields(),
            self.reform.seats_key: self.seats,
            "objective": self.objective,
            "cost": self.cost,
            **{f"cost_{k.replace('-', '_')}": v for k, v in self.parts.items()},
            "scenario": self.reform.scenario(),
        }


@dataclass(frozen=True)
class ReformSearch:
    """A search's answer: every reform evaluated, the frontier, and the chosen one."""

    space: ReformSpace | SenateSpace | HouseSpace
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


#: an objective better by less than this (relative) is the same: the engine's accuracy
#: (1e-8) leaves such a difference to rounding, and it buys nothing
SAME = 1e-9


def _better(spec: ObjectiveSpec, a: float, b: float) -> bool:
    """``a`` beats ``b`` by more than :data:`SAME`."""
    margin = SAME * abs(b)
    return a < b - margin if spec.lower else a > b + margin


def frontier(points: Sequence[Evaluated], spec: ObjectiveSpec) -> tuple[Evaluated, ...]:
    """The Pareto frontier: the reforms that no other beats on both cost and objective (an
    objective better by less than :data:`SAME`, relative, is no better; at equal cost and
    objective the first in the space's order stands for them), cheapest first."""
    sign = 1.0 if spec.lower else -1.0
    order = sorted(
        range(len(points)), key=lambda k: (points[k].cost, sign * points[k].objective, k)
    )
    out: list[Evaluated] = []
    for k in order:
        p = points[k]
        # at one cost the best comes first (the sort), so a later one is never better
        if not out or _better(spec, p.objective, out[-1].objective):
            out.append(p)
    return tuple(out)


def _rule_of(block: Any) -> str:
    return type(block).__name__


#: a rule's block kind in the College
_KIND = {"winner-take-all": "Bloc", "district": "Split", "proportional": "Proportional"}


class _Evaluator:
    """Reforms evaluated in one union, with their cost against today's body. For the ratio,
    a body whose least powerful citizens lie below the floats' range is first given a bound
    (its largest value over 1e-280, which its ratio exceeds), and computed exactly only when
    that bound could put it on the frontier."""

    def __init__(
        self, spec: ObjectiveSpec, index: str, weights: dict[str, float], today: TwoTierBody,
        today_seats: int, costs: tuple[str, ...], measure: Measure | None,
    ) -> None:  # fmt: skip
        self.spec, self.index, self.weights = spec, index, weights
        self.measure = measure
        self.costs = costs
        self.today_seats = today_seats
        self.today_weights = {b.label: b.weight for b in today.blocks}
        self.today_rules = {b.label: _rule_of(b) for b in today.blocks}
        self.bodies: dict[Any, tuple[TwoTierBody, int]] = {}

    def __call__(self, reform: Any, body: TwoTierBody, seats: int,
                 exact: bool = False) -> Evaluated:  # fmt: skip
        """The reform's objective and cost, its ``body`` built on ``seats`` (the College's
        House, the Senate's seats in all)."""
        value, bound = self._objective(body, exact)
        if bound:
            self.bodies[reform] = (body, seats)
        new_weights = {b.label: b.weight for b in body.blocks}
        labels = set(new_weights) | set(self.today_weights)
        moved = sum(abs(new_weights.get(c, 0) - self.today_weights.get(c, 0)) for c in labels)
        measured = {
            "seats": lambda: float(abs(seats - self.today_seats)),
            "new-states": lambda: float(reform.dc_statehood + reform.pr_statehood),
            "states": lambda: float(sum(
                1 for b in body.blocks
                if b.label in self.today_rules and _rule_of(b) != self.today_rules[b.label]
            )),
        }  # fmt: skip
        # the seats moved between states are named by the body (electors, senators, ...)
        parts = {p: moved / 2 if p in MOVED else measured[p]() for p in self.costs}
        cost = sum(w * parts[p] for p, w in self.weights.items())
        return Evaluated(reform, value, seats, parts, cost, exact=not bound)

    def _objective(self, body: TwoTierBody, exact: bool) -> tuple[float, bool]:
        """The objective, and whether it is a bound (the ratio past the floats' range)."""
        if self.measure is not None:  # another voter model's
            return self.measure(body, exact)
        if self.index != "banzhaf":
            power = citizen_power(body, shapley_shubik_values=True)
            return float(getattr(summarize(power, self.index), self.spec.field)), False
        cheap = self.spec.id != "ratio" or exact
        power = banzhaf_power(body, logs=cheap)
        deep = [b for b in power.blocks if b.citizen_banzhaf < UNDERFLOW]
        if deep and not cheap:
            top = max(b.citizen_banzhaf for b in power.blocks)
            return top / UNDERFLOW, True
        return float(getattr(summarize(power, self.index), self.spec.field)), False

    def exactly(self, point: Evaluated) -> Evaluated:
        body, house = self.bodies[point.reform]
        value, _ = self._objective(body, exact=True)
        return Evaluated(point.reform, value, house, point.parts, point.cost)


def search_reforms(
    space: ReformSpace | SenateSpace | HouseSpace,
    union: Callable[[Any], Federation],
    *,
    objective: str = "ratio",
    index: str = "banzhaf",
    weights: dict[str, float] | None = None,
    target: float | None = None,
    budget: int = 100_000,
    measure: Measure | None = None,
) -> ReformSearch:
    """Evaluate the reforms of ``space`` (the Electoral College's knobs, or the Senate's)
    within ``budget`` evaluations, each in the union ``union(reform)`` gives (its statehood
    applied), and return the frontier of ``objective`` against the cost (``weights``: cost
    part -> weight; default: the seats added or removed, and the states whose rule changes
    when sets of states switch) and the cheapest reform reaching ``target`` (else, with no
    target, the frontier's best).

    Every setting of the knobs is evaluated; a space of more settings than ``budget`` is
    refused before anything is computed. Sets of states switching their rule are searched
    exhaustively when every set of every setting fits in the budget, else greedily with
    exchange (a local optimum per set size); the answer says which. ``measure``: another voter
    model's objective of a body (the request layer gives the empirical model's); by default
    the a-priori model's."""
    spec = OBJECTIVES.get(objective)
    if measure is None and not spec.field:
        raise VotepowerError(f"the objective {spec.id} is the empirical model's: --model empirical")
    weights = dict(weights or space.default_weights())
    for part in weights:
        if COSTS.get(part).id not in space.costs:
            raise VotepowerError(
                f"the cost part {part!r} is not one of the {space.body}'s: {', '.join(space.costs)}"
            )
    if space.size > budget:
        raise VotepowerError(
            f"the space holds {space.size:,} reforms, past the work budget of {budget:,} "
            "evaluations: narrow it or raise --budget"
        )
    base = union(space.today)
    today_body = parse_scenario(space.today.scenario("today"), "today").build(base)
    kind = _BODIES[space.body]
    evaluate = _Evaluator(
        spec, index, weights, today_body, kind.seats(base, today_body), space.costs, measure
    )
    points, refused, how = kind.points(space, union, evaluate, budget)
    if not points:
        reform, why = refused[0]
        raise VotepowerError(
            f"no reform of the {space.size:,} in the space could be evaluated; the first, "
            f"{reform.describe()}: {why}"
        )
    front = frontier(points, spec)
    while any(not p.exact for p in front):  # bounds on the frontier: compute them exactly
        exact = {p.reform: evaluate.exactly(p) for p in front if not p.exact}
        points = [exact.get(p.reform, p) for p in points]
        front = frontier(points, spec)
    chosen: Evaluated | None
    if target is None:
        chosen = front[-1] if front else None
    else:
        reaching = [
            p for p in front if (p.objective <= target if spec.lower else p.objective >= target)
        ]
        chosen = reaching[0] if reaching else None
    today = next((p for p in points if p.reform == space.today and p.exact), None)
    if today is None:
        value, _ = evaluate._objective(today_body, True)
        parts = dict.fromkeys(space.costs, 0.0)
        today = Evaluated(space.today, value, evaluate.today_seats, parts, 0.0)
    return ReformSearch(
        space, spec, index, weights, tuple(points), front, chosen, target, today,
        method=how, refused=tuple(refused),
    )  # fmt: skip


def _sized_points(
    space: ReformSpace | HouseSpace,
    union: Callable[[Any], Federation],
    evaluate: _Evaluator,
    budget: int,
) -> tuple[list[Evaluated], list[tuple[Any, str]], str]:
    """The reforms of a space of House sizes and methods (the College's, the House's)
    evaluated, sharing the seats of every House size of a method; the points, the reforms
    refused with why, and how the search went."""
    spec = evaluate.spec
    groups: dict[tuple[bool, bool, str], list[Reform]] = {}
    for reform in space.points():
        key = (reform.dc_statehood, reform.pr_statehood, reform.method)
        groups.setdefault(key, []).append(reform)
    points: list[Evaluated] = []
    refused: list[tuple[Reform, str]] = []
    prepared = []
    for (_, _, method), reforms in groups.items():
        fed = union(reforms[0])
        pops = {c: fed.apportionment[c] for c in fed.states}
        sizes = {r.house_size for r in reforms if r.house_size != 435}
        resolved = {size: house_size(size, pops)[0] for size in sizes}
        seats = seats_by_size(pops, resolved.values(), method)
        tables = {size: seats[resolved[size]] for size in sizes}
        # 435 is left out of a reform's scenario: the House the union has (house_seats: the
        # official seats, or a House of its own members' official seats re-apportioned)
        tables[435] = house_seats(fed, method=None if method == "huntington-hill" else method)
        prepared.append((fed, reforms, tables))
    how = (
        f"exhaustive: {_all(space.size)} of the knobs evaluated (the seats of every "
        "House size by one priority-list pass per method)"
    )
    if space.switch is not None:
        rule, k = space.switch
        n = max((len(fed.states) for fed, _, _ in prepared), default=0)
        sets = count_sets(n, k)
        exhaustive = space.size * (1 + sets) <= budget
        if exhaustive:
            how = (
                f"exhaustive: {_all(space.size)}, each with every set of up to {k} of "
                f"the states switching to {rule} ({space.size * (1 + sets):,} reforms at most)"
            )
        else:
            how = (
                f"greedy with exchange: for each of the {space.size:,} settings, states switching "
                f"to {rule} added one at a time (the best first), then one member exchanged for "
                "one outsider while that improves the set: a local optimum for each set size, "
                f"not a proof of the best (every set of up to {k} would be "
                f"{space.size * sets:,} evaluations, past the budget of {budget:,})"
            )
    spent = 0
    for fed, reforms, tables in prepared:
        for reform in reforms:
            table = tables[reform.house_size]
            house = _total(table)

            def one(
                r: Reform, exact: bool = False, fed: Federation = fed,
                table: dict[str, int] = table, house: int = house,
            ) -> tuple[Evaluated | None, TwoTierBody | None]:  # fmt: skip
                """The reform evaluated and its College, or its refusal noted."""
                try:
                    body = r.build(fed, table)
                    return evaluate(r, body, house, exact), body
                except VotepowerError as exc:
                    refused.append((r, str(exc)))
                    return None, None

            first, body = one(reform)
            spent += 1
            if first is None or body is None:
                continue
            points.append(first)
            if space.switch is None:
                continue
            rule, k = space.switch
            candidates = [b.label for b in body.blocks
                          if b.label in fed.states and _rule_of(b) != _KIND[rule]]  # fmt: skip

            def switched(
                combo: tuple[str, ...], base_reform: Reform = reform, rule: str = rule
            ) -> Reform:
                return replace(base_reform, by_state=tuple((c, rule) for c in sorted(combo)))

            if exhaustive:
                points += exhaustive_sets(candidates, k, lambda c: one(switched(c))[0])
                spent += count_sets(len(candidates), k)
            else:
                found, used = greedy_sets(
                    candidates, k, lambda c: one(switched(c), exact=True)[0],
                    lambda a, b: _better(spec, a.objective, b.objective),
                    max(budget - spent, 0),
                )  # fmt: skip
                points += found
                spent += used
    return points, refused, how


def _total(seats: dict[str, int]) -> int:
    return sum(seats.values())


@dataclass(frozen=True)
class _Body:
    """How a body's space is searched: its points evaluated, and today's seats in all."""

    points: Callable[..., tuple[list[Evaluated], list[tuple[Any, str]], str]]
    seats: Callable[[Federation, TwoTierBody], int]


def _house_size(fed: Federation, _: TwoTierBody) -> int:
    return _total(house_seats(fed))


#: the searched bodies, by the space's body
_BODIES = {
    "electoral-college": _Body(_sized_points, _house_size),
    "house": _Body(_sized_points, _house_size),
    "senate": _Body(senate_points, lambda _, body: body.total_weight),
}
