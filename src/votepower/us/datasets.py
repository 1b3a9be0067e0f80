"""The packaged US data, read through importlib.resources into typed, frozen records.

Every file and its provenance is described in ``votepower/data/SOURCES.md``. Unknown census
years, election years or state codes raise :class:`~votepower.core.errors.DataError` with the values
that are available.

>>> census = apportionment_census(2020)
>>> len(census), sum(r.seats for r in census)
(50, 435)
>>> state_name("WY")
'Wyoming'
"""

from __future__ import annotations

import csv
import functools
import io
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from ..core.errors import DataError

__all__ = [
    "StatePopulation",
    "ResidentPopulation",
    "DistrictSplitState",
    "VotingEligiblePopulation",
    "PresidentialResult",
    "apportionment_census",
    "apportionment_census_years",
    "official_seats",
    "resident_population",
    "electoral_votes",
    "district_split_states",
    "voting_eligible_population",
    "presidential_results",
    "ElectionResult",
    "election_years",
    "election_results",
    "district_results",
    "state_name",
    "check_state_codes",
    "electoral_votes_for_census",
    "admission_populations",
    "census_for_election",
    "dc_population",
    "states_won_by",
]


@dataclass(frozen=True)
class StatePopulation:
    """A state in a census: apportionment population and the House seats it officially received.

    ``population`` is ``None`` where the state was not in the apportionment base (Arizona and New
    Mexico in 1910, given one seat each on admission in 1912).
    """

    census: int
    code: str
    name: str
    population: int | None
    seats: int


@dataclass(frozen=True)
class ResidentPopulation:
    """Resident population of a state, DC or territory (``kind``: state, district, territory)."""

    census: int
    code: str
    name: str
    population: int
    kind: str


@dataclass(frozen=True)
class DistrictSplitState:
    """A state that awards electors by congressional district (Maine, Nebraska)."""

    code: str
    name: str
    districts: int
    at_large: int
    electoral_votes: int
    first_election: int


@dataclass(frozen=True)
class VotingEligiblePopulation:
    """Voting-eligible (VEP) and voting-age (VAP) population of a state or DC in an election."""

    year: int
    code: str
    name: str
    vep: int
    vap: int


@dataclass(frozen=True)
class PresidentialResult:
    """Who carried a state (or a Maine/Nebraska district, code like ``ME-2``) and the votes.

    Vote counts are ``None`` for the district rows (not sourced; see SOURCES.md).
    """

    year: int
    code: str
    winner_party: str
    winner: str
    electoral_votes_won: int
    dem_votes: int | None
    rep_votes: int | None
    total_votes: int | None
    notes: str


@functools.cache
def _rows(name: str) -> tuple[dict[str, str], ...]:
    try:
        text = resources.files("votepower").joinpath("data", name).read_text(encoding="utf-8")
    except (FileNotFoundError, OSError) as exc:  # pragma: no cover - broken installation
        raise DataError(f"packaged data file {name} is missing ({exc})") from None
    return tuple(csv.DictReader(io.StringIO(text)))


def _optional_int(text: str) -> int | None:
    return int(text) if text.strip() else None


def _unknown(kind: str, given: object, available: Iterable[int] | Iterable[str]) -> DataError:
    values = ", ".join(str(v) for v in sorted(set(available)))  # type: ignore[type-var]
    return DataError(f"no {kind} {given!r} in the packaged data; available: {values}")


@functools.cache
def _names() -> dict[str, str]:
    names = {r["code"]: r["name"] for r in _rows("resident_population.csv")}
    for r in _rows("apportionment_population.csv"):
        names.setdefault(r["state"], r["state_name"])
    return names


def state_code(text: str) -> str:
    """The USPS code of a state, DC or territory given by its code or its full name (any
    case); a mistyped one gets a suggestion.

    >>> state_code("ca"), state_code("New York")
    ('CA', 'NY')
    >>> state_code("califonia")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    votepower.core.errors.DataError: unknown state 'califonia' (did you mean 'CA', California?); ...
    """
    import difflib

    names = _names()
    key = str(text).strip()
    if key.upper() in names:
        return key.upper()
    by_name = {name.lower(): code for code, name in names.items()}
    if key.lower() in by_name:
        return by_name[key.lower()]
    close = difflib.get_close_matches(key.lower(), list(by_name), n=1, cutoff=0.7)
    hint = ""
    if close:
        code = by_name[close[0]]
        hint = f" (did you mean {code!r}, {names[code]}?)"
    raise DataError(f"unknown state {text!r}{hint}; states are given by code (CA) or name")


def state_name(code: str) -> str:
    """Full name of a state, DC or territory from its USPS code (or its name)."""
    return _names()[state_code(code)]


def check_state_codes(codes: Iterable[str]) -> tuple[str, ...]:
    """Upper-cased codes, each checked against the packaged data."""
    return tuple(state_code(code) for code in codes)


def apportionment_census_years() -> tuple[int, ...]:
    """Census years with apportionment populations (1910, 1930-2020; no 1920 apportionment)."""
    return tuple(sorted({int(r["census_year"]) for r in _rows("apportionment_population.csv")}))


def apportionment_census(census: int) -> tuple[StatePopulation, ...]:
    """The states of a census with their apportionment populations and official seats."""
    rows = [r for r in _rows("apportionment_population.csv") if int(r["census_year"]) == census]
    if not rows:
        raise _unknown("apportionment census", census, apportionment_census_years())
    return tuple(
        StatePopulation(
            census=census,
            code=r["state"],
            name=r["state_name"],
            population=(
                int(r["apportionment_population"]) if r["apportionment_population"] else None
            ),
            seats=int(r["house_seats"]),
        )
        for r in rows
    )


def official_seats(census: int) -> dict[str, int]:
    """Official House seats by state after a census (1790-2020, no 1920)."""
    years = set(apportionment_census_years())
    if census in years:
        return {r.code: r.seats for r in apportionment_census(census)}
    old = [r for r in _rows("house_seats_historical.csv") if int(r["census_year"]) == census]
    if not old:
        available = years | {int(r["census_year"]) for r in _rows("house_seats_historical.csv")}
        raise _unknown("census with House seats", census, available)
    return {r["state"]: int(r["house_seats"]) for r in old}


def resident_population(census: int) -> tuple[ResidentPopulation, ...]:
    """Resident population of the states, DC and territories (2010, 2020)."""
    rows = [r for r in _rows("resident_population.csv") if int(r["census_year"]) == census]
    if not rows:
        available = {int(r["census_year"]) for r in _rows("resident_population.csv")}
        raise _unknown("resident-population census", census, available)
    return tuple(
        ResidentPopulation(census, r["code"], r["name"], int(r["resident_population"]), r["kind"])
        for r in rows
    )


def electoral_votes(election_year: int) -> dict[str, int]:
    """Electoral votes by state (and DC) in a presidential election year, 1964-2028."""
    rows = [
        r
        for r in _rows("electoral_votes.csv")
        if int(r["first_election_year"]) <= election_year <= int(r["last_election_year"])
    ]
    if not rows:
        periods = {r["election_years"] for r in _rows("electoral_votes.csv")}
        raise _unknown("election year", election_year, periods)
    return {r["code"]: int(r["electoral_votes"]) for r in rows}


def electoral_votes_for_census(census: int) -> tuple[int, dict[str, int]]:
    """``(first election year, electoral votes by state and DC)`` under a census.

    1960-2020 from the packaged official counts; 1910-1950 (no apportionment followed 1920)
    as House seats + 2 per state, DC having no electors before the 23rd Amendment (1961): the
    College of the first presidential election held under that census's apportionment
    (1912, 1932, 1944, 1952; 48 states and 531 electors each).

    >>> first, votes = electoral_votes_for_census(1950)
    >>> first, len(votes), sum(votes.values()), votes["NY"]
    (1952, 48, 531, 45)
    """
    rows = [r for r in _rows("electoral_votes.csv") if int(r["census_year"]) == census]
    if rows:
        first = int(rows[0]["first_election_year"])
        return first, {r["code"]: int(r["electoral_votes"]) for r in rows}
    if census in apportionment_census_years() and census < 1960:
        seats = official_seats(census)
        first = census + 2 + (-(census + 2)) % 4  # the first election year after it took effect
        return first, {code: n + 2 for code, n in sorted(seats.items())}
    available = {int(r["census_year"]) for r in _rows("electoral_votes.csv")}
    available |= {c for c in apportionment_census_years() if c < 1960}
    raise _unknown("census with an Electoral College", census, available)


def admission_populations(census: int) -> dict[str, int]:
    """States admitted after a census's apportionment base was fixed, with their census
    (resident) populations: Arizona and New Mexico in 1910 (see SOURCES.md)."""
    return {
        r["state"]: int(r["population"])
        for r in _rows("admission_populations.csv")
        if int(r["census_year"]) == census
    }


def census_for_election(election_year: int) -> int:
    """The census whose apportionment an election's Electoral College follows (1964-2028).

    >>> census_for_election(2024), census_for_election(2020), census_for_election(1976)
    (2020, 2010, 1970)
    """
    for r in _rows("electoral_votes.csv"):
        if int(r["first_election_year"]) <= election_year <= int(r["last_election_year"]):
            return int(r["census_year"])
    years = sorted({int(r["first_election_year"]) for r in _rows("electoral_votes.csv")})
    raise DataError(
        f"no Electoral College for the election of {election_year} (available: {years[0]}-"
        f"{years[-1] + 4})"
    )


def dc_population(census: int) -> int:
    """The District of Columbia's census population (1960-2020)."""
    for r in resident_population(census) if census in (2010, 2020) else ():
        if r.code == "DC":
            return r.population
    for row in _rows("dc_population_historical.csv"):
        if int(row["census_year"]) == census:
            return int(row["resident_population"])
    available = [int(r["census_year"]) for r in _rows("dc_population_historical.csv")] + [
        2010,
        2020,
    ]
    raise _unknown("census with a DC population", census, available)


def district_split_states(election_year: int | None = None) -> tuple[DistrictSplitState, ...]:
    """States using the district method (in ``election_year``, if given)."""
    out = []
    for r in _rows("district_split_states.csv"):
        first = int(r["first_election_with_district_method"])
        if election_year is not None and election_year < first:
            continue
        out.append(
            DistrictSplitState(
                code=r["code"],
                name=r["state_name"],
                districts=int(r["congressional_districts"]),
                at_large=int(r["at_large_electors"]),
                electoral_votes=int(r["electoral_votes"]),
                first_election=first,
            )
        )
    return tuple(out)


def voting_eligible_population(year: int = 2024) -> tuple[VotingEligiblePopulation, ...]:
    """Voting-eligible and voting-age population by state and DC (2024)."""
    rows = [r for r in _rows("vep_2024.csv") if int(r["election_year"]) == year]
    if not rows:
        raise _unknown("VEP year", year, {int(r["election_year"]) for r in _rows("vep_2024.csv")})
    return tuple(
        VotingEligiblePopulation(year, r["code"], r["name"], int(r["vep"]), int(r["vap"]))
        for r in rows
    )


def states_won_by(party: str, year: int) -> tuple[str, ...]:
    """States (and DC; not the Maine/Nebraska district rows) a party (``"D"``/``"R"``) carried."""
    return tuple(
        r.code for r in presidential_results(year) if "-" not in r.code and r.winner_party == party
    )


def presidential_results(year: int) -> tuple[PresidentialResult, ...]:
    """Winner and votes by state (and ME/NE district) in a presidential election."""
    rows = [r for r in _rows("presidential_results.csv") if int(r["election_year"]) == year]
    if not rows:
        available = {int(r["election_year"]) for r in _rows("presidential_results.csv")}
        raise _unknown("presidential election", year, available)
    return tuple(
        PresidentialResult(
            year=year,
            code=r["code"],
            winner_party=r["winner_party"],
            winner=r["winner"],
            electoral_votes_won=int(r["electoral_votes_won"]),
            dem_votes=_optional_int(r["dem_votes"]),
            rep_votes=_optional_int(r["rep_votes"]),
            total_votes=_optional_int(r["total_votes"]),
            notes=r["notes"],
        )
        for r in rows
    )


@dataclass(frozen=True)
class ElectionResult:
    """The presidential vote in one unit: a state, DC, or a congressional district (``ME-2``;
    an at-large state's district carries the state's code). ``electoral_votes`` is the
    state's whole allocation (0 for a district row)."""

    year: int
    unit: str
    code: str
    dem_votes: int
    rep_votes: int
    total_votes: int
    electoral_votes: int
    source: str

    @property
    def two_party_votes(self) -> int:
        return self.dem_votes + self.rep_votes

    @property
    def dem_share(self) -> float:
        """The Democratic share of the two-party vote."""
        return self.dem_votes / self.two_party_votes


def election_years() -> tuple[int, ...]:
    """Presidential elections with packaged state results (1976-2024)."""
    return tuple(sorted({int(r["election_year"]) for r in _rows("presidential_elections.csv")}))


def election_results(year: int) -> dict[str, ElectionResult]:
    """The 50 states' and DC's presidential vote in an election, by state code.

    >>> r = election_results(2024)["PA"]
    >>> r.electoral_votes, round(r.dem_share, 4)
    (19, 0.4914)
    """
    rows = [r for r in _rows("presidential_elections.csv") if int(r["election_year"]) == year]
    if not rows:
        raise _unknown("presidential election", year, election_years())
    return {
        r["code"]: ElectionResult(
            year,
            r["code"],
            r["code"],
            int(r["dem_votes"]),
            int(r["rep_votes"]),
            int(r["total_votes"]),
            int(r["electoral_votes"]),
            r["source"],
        )
        for r in rows
    }


def district_results(year: int) -> dict[str, ElectionResult]:
    """The presidential vote by congressional district (2024 only), by district label."""
    rows = [r for r in _rows("presidential_districts_2024.csv") if int(r["election_year"]) == year]
    if not rows:
        available = {int(r["election_year"]) for r in _rows("presidential_districts_2024.csv")}
        raise _unknown("election with district results", year, available)
    return {
        r["district"]: ElectionResult(
            year,
            r["district"],
            r["code"],
            int(r["dem_votes"]),
            int(r["rep_votes"]),
            int(r["total_votes"]),
            0,
            r["source"],
        )
        for r in rows
    }
