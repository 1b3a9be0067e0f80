"""The US bodies as two-tier bodies of citizens: Electoral College, Senate, House.

Population bases (``population=``):

* ``"resident"`` (default): census resident population of the states and DC (2010, 2020);
* ``"apportionment"``: the census apportionment population of the states (1960-2020; includes
  federal employees overseas in 1970 and 1990-2020); DC, which has none, keeps its resident
  population;
* ``"vep"``: the 2024 voting-eligible population (with the 2020 census's seats).

Every person in the basis is modelled as a voter. District populations are the state's population
divided equally among its districts (rounded to whole people).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..citizens import Bloc, Block, Districts, IndependentSeats, Split, TwoTierBody
from ..core.errors import DataError
from ..core.registry import Registry, Spec
from . import datasets

__all__ = [
    "POPULATION_BASES",
    "BODIES",
    "SENATE_MODELS",
    "populations",
    "electoral_college",
    "senate",
    "house",
    "build_body",
    "senate_of",
]


@dataclass(frozen=True)
class NamedSpec(Spec):
    aliases: tuple[str, ...] = ()


POPULATION_BASES: Registry[NamedSpec] = Registry(
    "population basis",
    NamedSpec("resident", "census resident population, states and DC (2010, 2020)"),
    NamedSpec(
        "apportionment",
        "census apportionment population of the states (1960-2020); DC its resident population",
    ),
    NamedSpec("vep", "2024 voting-eligible population, states and DC", ("voting-eligible",)),
)

BODIES: Registry[NamedSpec] = Registry(
    "body",
    NamedSpec(
        "electoral-college",
        "states (and DC) cast their electoral votes as blocs; 270 of 538 needed",
        ("ec",),
    ),
    NamedSpec("senate", "two senators per state; 51 of 100 (or 60 for cloture)"),
    NamedSpec("house", "435 single-member districts; 218 needed"),
)

SENATE_MODELS: Registry[NamedSpec] = Registry(
    "senate model",
    NamedSpec("bloc", "a state's two senators vote together (weight 2), elected by its citizens"),
    NamedSpec(
        "independent",
        "each senator is elected in a separate contest of all the state's citizens; the two "
        "contests are independent",
    ),
)


def populations(census: int, basis: str = "resident", *, include_dc: bool = True) -> dict[str, int]:
    """People per state (and DC) in the chosen basis."""
    spec = POPULATION_BASES.get(basis)
    if spec.id == "resident":
        if census not in (2010, 2020):
            other = (
                "; use the apportionment population basis"
                if census in datasets.apportionment_census_years()
                else "; censuses packaged: "
                + ", ".join(map(str, datasets.apportionment_census_years()))
            )
            raise DataError(
                f"resident populations by state are packaged for 2010 and 2020 only, not "
                f"{census}{other}"
            )
        pops = {
            r.code: r.population
            for r in datasets.resident_population(census)
            if r.kind == "state" or (include_dc and r.kind == "district")
        }
    elif spec.id == "apportionment":
        pops = {
            r.code: r.population
            for r in datasets.apportionment_census(census)
            if r.population is not None
        }
        # states admitted after the base was fixed (AZ, NM in 1910): their census population
        for code, people in datasets.admission_populations(census).items():
            pops.setdefault(code, people)
        if include_dc:
            pops["DC"] = datasets.dc_population(census)
    else:
        if census != 2020:
            raise DataError(
                f"the voting-eligible population is packaged for 2024 (census 2020), not "
                f"census {census}"
            )
        pops = {r.code: r.vep for r in datasets.voting_eligible_population(2024)}
        if not include_dc:
            pops.pop("DC", None)
    return dict(sorted(pops.items()))


def _equal_share(population: int, parts: int) -> int:
    return max(1, round(population / parts))


def electoral_college(
    census: int = 2020, *, population: str = "resident", split_states: bool = True
) -> TwoTierBody:
    """The Electoral College of the elections following ``census`` (1910-2020; none followed
    the 1920 census).

    Electoral votes are House seats + 2 per state and 3 for DC (from the 1960 census); a
    majority of all electors is needed (270 of 538; a 269-269 tie is not a win). With
    ``split_states``, Maine (from the 1972 election) and Nebraska (from 1992) award 2 electors
    at large and 1 per congressional district.
    """
    first_election, votes = datasets.electoral_votes_for_census(census)
    pops = populations(census, population, include_dc="DC" in votes)
    seats = datasets.official_seats(census)
    split = (
        {s.code for s in datasets.district_split_states(first_election)} if split_states else set()
    )
    blocks: list[Block] = []
    for code, pop in pops.items():
        if code in split:
            districts = seats[code]
            blocks.append(
                Split(
                    code,
                    at_large=2,
                    districts=districts,
                    voters_per_district=_equal_share(pop, districts),
                )
            )
        else:
            blocks.append(Bloc(code, votes[code], pop))
    total = sum(votes.values())
    quota = total // 2 + 1
    name = f"Electoral College ({census} census, {population} population"
    name += ", ME/NE district method)" if split else ", every state winner-take-all)"
    return TwoTierBody(name, tuple(blocks), quota)


def senate(
    census: int = 2020,
    *,
    population: str = "resident",
    model: str = "bloc",
    cloture: bool = False,
    vp_tiebreak: bool = False,
) -> TwoTierBody:
    """The Senate: two senators per state (DC has none).

    ``cloture``: 60 of 100 votes; otherwise a majority, 51. ``vp_tiebreak`` adds the
    Vice-President, who breaks a 50-50 tie (weight 1 of 101, quota 51); the model elects nobody
    to that office, so the Vice-President votes yes or no by a fair coin.
    """
    pops = populations(census, population, include_dc=False)
    return senate_of(pops, f"{census} census, {population} population", model, cloture, vp_tiebreak)


def senate_of(
    people: dict[str, int], described: str, model: str, cloture: bool, vp_tiebreak: bool
) -> TwoTierBody:
    """Two senators for each state of ``people`` (their citizens), by ``model``; cloture needs
    three fifths of the seats (60 of 100), a majority otherwise, the Vice-President breaking
    a tie with ``vp_tiebreak``. ``described`` (census and basis) goes into the name."""
    spec = SENATE_MODELS.get(model)
    blocks: list[Block] = [
        Bloc(code, 2, pop) if spec.id == "bloc" else IndependentSeats(code, 2, pop)
        for code, pop in people.items()
    ]
    total = 2 * len(blocks)
    extra: tuple[tuple[str, int], ...] = ()
    if cloture:
        quota = math.ceil(3 * total / 5)
        rule = f"cloture, {quota} votes"
    else:
        quota = total // 2 + 1
        rule = f"majority, {quota} votes"
        if vp_tiebreak:
            extra = (("VP", 1),)
            rule += ", Vice-President breaks ties"
    name = f"Senate ({described}, {spec.id} senators, {rule})"
    return TwoTierBody(name, tuple(blocks), quota, extra)


def house(
    census: int = 2020, *, population: str = "resident", seats: dict[str, int] | None = None
) -> TwoTierBody:
    """The House: single-member districts of equal population within each state; 218 of 435.

    ``seats`` overrides the official apportionment (e.g. from
    :func:`votepower.us.apportion.apportion`).
    """
    pops = populations(census, population, include_dc=False)
    allocation = seats if seats is not None else datasets.official_seats(census)
    blocks: list[Block] = []
    for code, pop in pops.items():
        d = allocation.get(code, 0)
        if d < 1:
            raise DataError(f"{code} has no House seat in the allocation")
        blocks.append(Districts(code, districts=d, voters_per_district=_equal_share(pop, d)))
    size = sum(allocation[c] for c in pops)
    name = f"House ({census} census, {population} population, {size} districts)"
    return TwoTierBody(name, tuple(blocks), size // 2 + 1)


def build_body(
    body: str,
    census: int = 2020,
    *,
    population: str = "resident",
    split_states: bool = True,
    senate_model: str = "bloc",
    cloture: bool = False,
    vp_tiebreak: bool = False,
) -> TwoTierBody:
    """Any of :data:`BODIES` by id; options that do not apply to the body are ignored."""
    builders = {
        "electoral-college": lambda: electoral_college(
            census, population=population, split_states=split_states
        ),
        "senate": lambda: senate(
            census,
            population=population,
            model=senate_model,
            cloture=cloture,
            vp_tiebreak=vp_tiebreak,
        ),
        "house": lambda: house(census, population=population),
    }
    return builders[BODIES.get(body).id]()
