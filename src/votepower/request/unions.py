"""The union a request means: its members and their populations, with the defaults of what
it leaves unsaid (the 2020 census and its resident population for the a-priori model; for the
empirical model the census in force for the base election and the population that census
has)."""

from __future__ import annotations

from typing import Any

from ..core.errors import SchemeError
from ..us import datasets
from ..us.alternatives import Federation
from ..us.schemes import POPULATION_BASES
from ..us.union import federation
from .model import Request

__all__ = ["defaults", "scenario_union", "union_of"]


def defaults(request: Request) -> tuple[int, str]:
    """The census and population basis the request means."""
    union, params = request.union, request.model.parameters()
    if params is None:
        return union.census or 2020, union.population or "resident"
    census = union.census or datasets.census_for_election(max(params.elections))
    if union.population is not None:
        return census, union.population
    return census, "resident" if census in (2010, 2020) else "apportionment"


def union_of(request: Request, **statehood: bool) -> Federation:
    """The members of the request's union and their populations (``statehood``:
    ``dc_statehood``, ``pr_statehood``)."""
    union = request.union
    census, population = defaults(request)
    chosen = union.states
    if union.won_by is not None:
        party, year = union.won_by.split(":")
        winners = datasets.states_won_by(party, int(year))
        if chosen is not None:
            lost = [c for c in datasets.check_state_codes(chosen) if c not in winners]
            if lost:
                raise SchemeError(
                    f"--states names {', '.join(lost)}, which the --won-by {union.won_by} union "
                    "leaves out (that party did not carry it)"
                )
        chosen = winners if chosen is None else chosen
    if union.people is not None:
        return federation(
            census,
            states=chosen,
            exclude=union.exclude or (),
            people=dict(union.people),
            people_name=union.people_name or "user",
            **statehood,
        )
    return federation(
        census,
        population=POPULATION_BASES.get(population).id,
        states=chosen,
        exclude=union.exclude or (),
        **statehood,
    )


def scenario_union(request: Request, scenario: Any, fed: Federation) -> Federation:
    """A scenario's union: the request's census, basis (or own populations) and membership
    unless the scenario sets its own (a conflict was refused when the request was made)."""
    union = request.union
    census, population = defaults(request)
    membership = [union.states, union.exclude, union.won_by]
    if any(v is not None for v in membership):
        inner = Request(
            request.command,
            union=type(union)(
                census=scenario.census or census,
                population=None
                if union.people is not None
                else (scenario.population or population),
                people=union.people,
                people_name=union.people_name,
                states=union.states,
                exclude=union.exclude,
                won_by=union.won_by,
            ),
        )
        return union_of(inner)
    if union.people is not None:
        return scenario.federation(
            census, "resident", people=dict(union.people), people_name=fed.basis
        )
    return scenario.federation(census, fed.basis)
