"""Who is in the union and how many people each member has: :class:`Federation`, built from a
census (any population basis, a subset of states, statehood for DC or Puerto Rico) or from a
user's own populations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..core.errors import DataError, SchemeError
from . import datasets
from .schemes import populations

__all__ = ["Federation", "federation"]


@dataclass(frozen=True)
class Federation:
    """Who is in the union and how many people each member has.

    ``people``: the population basis used for per-citizen power (states and, if present, DC).
    ``apportionment``: populations used to apportion House seats among the states.
    ``dc_state``: DC is a state (else, if present, the 23rd Amendment's district).
    """

    census: int
    basis: str
    people: dict[str, int]
    apportionment: dict[str, int]
    dc_state: bool = False
    official_seats: dict[str, int] = field(default_factory=dict)
    own_people: bool = False
    """The populations are the user's own (see :func:`federation`), not a census's."""
    chosen: bool = False
    """The members were chosen (``states`` or ``exclude``), not the whole union."""

    @property
    def states(self) -> list[str]:
        return [c for c in self.people if c != "DC" or self.dc_state]

    @property
    def has_federal_district(self) -> bool:
        return "DC" in self.people and not self.dc_state


def federation(
    census: int = 2020,
    *,
    population: str = "resident",
    states: tuple[str, ...] | None = None,
    exclude: tuple[str, ...] = (),
    dc_statehood: bool = False,
    pr_statehood: bool = False,
    people: Mapping[str, int] | None = None,
    people_name: str = "user",
) -> Federation:
    """The members of a union and their populations.

    ``people`` (a user's own populations, e.g. projected; see
    :func:`votepower.us.popfile.read_population_file`) replace the census's: they count the
    citizens and apportion the House, the states they cover form the union unless ``states``
    picks some of them, and ``census`` still gives the official House seats (the schemes that
    keep them, such as ``ec-current``). ``people_name`` names them in the basis.

    >>> fed = federation(2020, states=("CA", "NY", "TX"))
    >>> sorted(fed.people), fed.has_federal_district
    (['CA', 'NY', 'TX'], False)
    >>> own = federation(2020, people={"CA": 40_000_000, "WY": 600_000, "DC": 700_000})
    >>> own.people, own.basis, own.has_federal_district
    ({'CA': 40000000, 'DC': 700000, 'WY': 600000}, 'user', True)
    """
    if people is not None:
        return _own_federation(
            census, dict(people), people_name, states, exclude, dc_statehood, pr_statehood
        )
    named = None if states is None else set(datasets.check_state_codes(states))
    left_out = set(datasets.check_state_codes(exclude))
    # DC's population is looked up only when DC is a member: named, or (by default) where the
    # packaged data has it (from the 1960 census on; DC has had electors since 1961)
    wants_dc = "DC" not in left_out and (named is None or "DC" in named)
    people = populations(census, population, include_dc=False)
    if wants_dc:
        try:
            people.update(populations(census, population, include_dc=True))
        except DataError:
            if named is not None:
                raise
    resident = (
        {r.code: r.population for r in datasets.resident_population(census)}
        if census
        in (
            2010,
            2020,
        )
        else {}
    )
    if pr_statehood:
        people["PR"] = _puerto_rico(census, population, resident)
    known = set(people)
    chosen = known if named is None else named
    for code in sorted(chosen):
        if code not in known:
            raise SchemeError(f"{code} is not a member in this census and basis")
    for code in sorted(left_out):
        # DC is in the default union even where no DC population is packaged (before 1960)
        if code not in chosen and not (named is None and code == "DC"):
            raise SchemeError(f"cannot exclude {code}: it is not a member of this union")
    chosen = chosen - left_out
    for flag, code, on in (("dc", "DC", dc_statehood), ("pr", "PR", pr_statehood)):
        if on and code not in chosen:
            raise SchemeError(
                f"{flag.upper()} statehood makes {code} a state, but the membership leaves {code} "
                "out"
            )
    if len(chosen) < 2:
        raise SchemeError("a union needs at least two members")
    people = {c: p for c, p in sorted(people.items()) if c in chosen}
    official = datasets.official_seats(census)
    base = {
        r.code: r.population
        for r in datasets.apportionment_census(census)
        if r.population is not None
    }
    apportionment_pops = {}
    for code in people:
        if code in base:
            apportionment_pops[code] = base[code]
        elif code == "DC":
            apportionment_pops[code] = datasets.dc_population(census)
        else:
            apportionment_pops[code] = people[code]
    return Federation(
        census=census,
        basis=population,
        people=people,
        apportionment=apportionment_pops,
        dc_state=dc_statehood,
        official_seats=official,
        chosen=named is not None or bool(left_out),
    )


def _own_federation(
    census: int,
    given: dict[str, int],
    name: str,
    states: tuple[str, ...] | None,
    exclude: tuple[str, ...],
    dc_statehood: bool,
    pr_statehood: bool,
) -> Federation:
    """:func:`federation` with the user's populations."""
    codes = set(datasets.check_state_codes(given))
    if pr_statehood:
        raise SchemeError(
            "Puerto Rico's statehood takes its population from the census; with your own "
            "populations, add PR to them and leave out the statehood option"
        )
    kinds = {r.code: r.kind for r in datasets.resident_population(2020)}
    territories = sorted(c for c in codes if kinds.get(c) == "territory")
    if territories:
        raise SchemeError(
            f"{', '.join(territories)}: a territory has no electors or seats (its statehood "
            "is a scheme of its own: pr-statehood)"
        )
    named = None if states is None else set(datasets.check_state_codes(states))
    if named is not None:
        missing = sorted(named - codes)
        if missing:
            raise SchemeError(f"{', '.join(missing)}: not in the populations given ({name})")
    left_out = set(datasets.check_state_codes(exclude))
    chosen = (codes if named is None else named) - left_out
    for code in sorted(left_out - (codes if named is None else named)):
        raise SchemeError(f"cannot exclude {code}: it is not a member of this union")
    if dc_statehood and "DC" not in chosen:
        raise SchemeError("DC statehood makes DC a state, but the membership leaves DC out")
    if len(chosen) < 2:
        raise SchemeError("a union needs at least two members")
    people = {c: given[c] for c in sorted(chosen)}
    return Federation(
        census=census,
        basis=name,
        people=people,
        apportionment=dict(people),
        dc_state=dc_statehood,
        official_seats=datasets.official_seats(census),
        own_people=True,
        chosen=states is not None or bool(exclude),
    )


def _puerto_rico(census: int, basis: str, resident: dict[str, int]) -> int:
    """Puerto Rico's people in the chosen basis: its resident population (it has no
    apportionment population, like DC); no voting-eligible figure is packaged."""
    if "PR" not in resident:
        raise DataError(f"no Puerto Rico population for census {census}")
    if basis in ("vep", "voting-eligible"):
        raise DataError("no voting-eligible population is packaged for Puerto Rico")
    return resident["PR"]
