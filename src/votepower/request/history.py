"""Every measure across a century of censuses (``votepower history``): one row per scheme,
census and index with the comparison's summary.

Each census's row uses the bodies of the first presidential election held under its
apportionment (the 1950 census: the 1952 College of 48 states and 531 electors; DC's electors
from the 1960 census, for 1964). No apportionment followed the 1920 census, so there is no 1920
row. Per-citizen power counts the population basis asked for where the census has it; before
2010 only the apportionment population is packaged, and each row names the basis it used.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..citizens import citizen_index
from ..core.errors import DataError
from ..core.tables import Tabular
from ..us import datasets
from ..us.alternatives import SCHEMES, federation
from ..us.schemes import POPULATION_BASES
from .compare import SchemeResult, _one, run_schemes

__all__ = [
    "HISTORY_CENSUSES",
    "HistoryRow",
    "StateYear",
    "History",
    "history",
    "basis_for",
    "ElectionRow",
    "ElectionHistory",
    "election_history",
    "UnitPower",
    "UnitPowerHistory",
    "college_censuses",
    "college_votes",
    "college_unit_power",
]

#: censuses with an apportionment (and so bodies and per-citizen power)
HISTORY_CENSUSES = tuple(datasets.apportionment_census_years())


def basis_for(census: int, requested: str) -> str:
    """The population basis a census's row uses: the one asked for where the census has it,
    else the apportionment population (the only one packaged before 2010; ``vep`` only for
    2020)."""
    basis = POPULATION_BASES.get(requested).id
    if basis == "resident" and census not in (2010, 2020):
        return "apportionment"
    if basis == "vep" and census != 2020:
        return "apportionment"
    return basis


@dataclass(frozen=True)
class HistoryRow:
    """One scheme under one census for one index (``error``: why it is not available)."""

    scheme: str
    census: int
    first_election: int
    index: str
    population_basis: str
    members: int
    max_state: str | None
    min_state: str | None
    ratio: float | None
    gini: float | None
    mean_relative_to_direct: float | None
    error: str | None = None

    def record(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class StateYear:
    """One state's citizens under one scheme and census: per-citizen power, relative to a
    direct national vote, and its rank (1: the most powerful citizens; ties share)."""

    scheme: str
    census: int
    index: str
    state: str
    citizen_power: float
    relative_to_direct: float
    rank: int


@dataclass(frozen=True, repr=False)
class History(Tabular):
    """The rows of :func:`history`, censuses in order, schemes in the order asked; ``states``:
    every state's per-citizen power in every row (the states x censuses matrices)."""

    rows: tuple[HistoryRow, ...]
    population: str
    states: tuple[StateYear, ...] = ()

    def state_records(self) -> list[dict[str, Any]]:
        """One record per scheme, census, index and state."""
        return [dict(s.__dict__) for s in self.states]

    def _records(self) -> list[dict[str, Any]]:
        return [row.record() for row in self.rows]

    def _describe(self) -> str:
        censuses = sorted({r.census for r in self.rows})
        schemes = list(dict.fromkeys(r.scheme for r in self.rows))
        return f"history of {len(schemes)} schemes over {len(censuses)} censuses"


def _task(key: str, population: str, indices: tuple[str, ...]) -> tuple[int, SchemeResult]:
    census_text, scheme = key.split(":", 1)
    census = int(census_text)
    fed = federation(census, population=basis_for(census, population))
    return len(fed.people), _one(scheme, fed, indices)


def history(
    schemes: Sequence[str],
    censuses: Sequence[int] = HISTORY_CENSUSES,
    indices: Sequence[str] = ("banzhaf",),
    *,
    population: str = "apportionment",
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> History:
    """Every scheme under every census: the summary of per-citizen power per index (a scheme
    that cannot be built for a census gets a row with its reason)."""
    names = [SCHEMES.get(s).id for s in schemes]
    indices = tuple(citizen_index(i) for i in indices)
    for census in censuses:
        if census not in HISTORY_CENSUSES:
            datasets.electoral_votes_for_census(census)  # raises, naming the censuses there are
    keys = [f"{census}:{name}" for census in censuses for name in names]
    done = run_schemes(
        _task,
        keys,
        (population, tuple(indices)),
        workers=workers,
        progress=progress,
        cost=lambda key: SCHEMES.get(key.split(":", 1)[1]).cost * int(key[:4]) / 2020,
    )
    rows = []
    states: list[StateYear] = []
    for key, (members, res) in zip(keys, done, strict=True):
        census = int(key.split(":", 1)[0])
        first, _ = datasets.electoral_votes_for_census(census)
        basis = basis_for(census, population)
        for index in indices:
            if res.error is not None or index not in res.summaries:
                rows.append(HistoryRow(res.scheme, census, first, index, basis, members, None,
                                       None, None, None, None, res.error))  # fmt: skip
                continue
            states += _state_years(res, census, index)
            s = res.summaries[index]
            rows.append(
                HistoryRow(
                    scheme=res.scheme,
                    census=census,
                    first_election=first,
                    index=index,
                    population_basis=basis,
                    members=members,
                    max_state=s.most_powerful,
                    min_state=s.least_powerful,
                    ratio=s.ratio,
                    gini=s.gini,
                    mean_relative_to_direct=s.mean_relative_to_direct,
                )
            )
    return History(tuple(rows), POPULATION_BASES.get(population).id, tuple(states))


def _state_years(res: SchemeResult, census: int, index: str) -> list[StateYear]:
    from ..citizens import CITIZEN_INDICES
    from .diff import _ranks

    assert res.result is not None
    r = res.result
    field = CITIZEN_INDICES[index]
    direct = r.direct_banzhaf if index == "banzhaf" else r.direct_shapley_shubik
    power = {b.label: getattr(b, field) for b in r.blocks}
    ranks = _ranks(power)
    return [
        StateYear(res.scheme, census, index, code, value, value / direct, ranks[code])
        for code, value in sorted(power.items())
    ]


# --------------------------------------------------------------------------------------------
# Election by election: the empirical voter model
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ElectionRow:
    """One scheme in one election under the empirical model (its own result as the base
    election, the census in force): the states with the most and least decisive voters, the
    spread, and the election's figures (``error``: why it is not available)."""

    scheme: str
    election: int
    census: int
    max_state: str | None
    min_state: str | None
    ratio: float | None
    gini: float | None
    mean_relative_to_popular_vote: float | None
    win_probability: float | None
    inversion_probability: float | None
    inversion_standard_error: float | None
    error: str | None = None


@dataclass(frozen=True, repr=False)
class ElectionHistory(Tabular):
    """The rows of :func:`election_history`, elections in order."""

    rows: tuple[ElectionRow, ...]
    parameters: Any
    left_out: tuple[str, ...] = ()
    """Schemes of the default list the empirical model does not cover (Senate, House)."""

    def _records(self) -> list[dict[str, Any]]:
        return [dict(r.__dict__) for r in self.rows]

    def _describe(self) -> str:
        return f"the empirical model over {len({r.election for r in self.rows})} elections"


def _election_task(key: str, shift, national_sd, state_sd) -> tuple[int, Any]:
    from ..models.presidential import EmpiricalParameters
    from .empirical import empirical_scheme

    year_text, scheme = key.split(":", 1)
    year = int(year_text)
    census = datasets.census_for_election(year)
    fed = federation(census, population=basis_for(census, "resident"))
    params = EmpiricalParameters((year,), shift, national_sd, state_sd).resolved()
    return census, empirical_scheme(scheme, fed, params)


def election_history(
    schemes: Sequence[str],
    elections: Sequence[int],
    *,
    shift: float | None = None,
    national_sd: float | None = None,
    state_sd: float | None = None,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> ElectionHistory:
    """Every scheme in every election under the empirical model, each election its own base
    (the states leaning as they voted that year) and the Electoral College of the census in
    force then; the swing parameters as given or estimated from 1976-2024."""
    from ..models.presidential import EmpiricalParameters

    names = [SCHEMES.get(s).id for s in schemes]
    known = datasets.election_years()
    for year in elections:
        if year not in known:
            raise DataError(
                f"no presidential results for {year} (available: {known[0]}-{known[-1]}, "
                "every four years)"
            )
    keys = [f"{year}:{name}" for year in elections for name in names]
    done = run_schemes(
        _election_task,
        keys,
        (shift, national_sd, state_sd),
        workers=workers,
        progress=progress,
        cost=lambda key: SCHEMES.get(key.split(":", 1)[1]).cost,
    )
    rows = []
    for key, (census, row) in zip(keys, done, strict=True):
        scheme, summary, error = row.scheme, row.summary, row.error
        year = int(key.split(":", 1)[0])
        if summary is None:
            rows.append(ElectionRow(scheme, year, census, None, None, None, None, None, None,
                                    None, None, error))  # fmt: skip
            continue
        rows.append(
            ElectionRow(
                scheme=scheme,
                election=year,
                census=census,
                max_state=summary.most,
                min_state=summary.least,
                ratio=summary.ratio,
                gini=summary.gini,
                mean_relative_to_popular_vote=summary.mean_relative_to_popular_vote,
                win_probability=summary.win_probability,
                inversion_probability=summary.inversion_probability,
                inversion_standard_error=summary.inversion_standard_error,
            )
        )
    params = EmpiricalParameters((elections[0],), shift, national_sd, state_sd).resolved()
    return ElectionHistory(tuple(rows), params)


# --------------------------------------------------------------------------------------------
# The states' own power in the Electoral College, back to 1792
# --------------------------------------------------------------------------------------------
def college_censuses() -> tuple[int, ...]:
    """Every census with House seats (1790-2020; none followed 1920)."""
    years = {int(r["census_year"]) for r in datasets._rows("house_seats_historical.csv")}
    return tuple(sorted(years | set(HISTORY_CENSUSES)))


@dataclass(frozen=True)
class UnitPower:
    """A state's own power in the Electoral College of a census (the weighted game of its
    electoral votes; no citizens): Banzhaf (absolute and normalized) and Shapley-Shubik."""

    census: int
    first_election: int
    state: str
    electoral_votes: int
    banzhaf: float
    banzhaf_normalized: float
    shapley_shubik: float


@dataclass(frozen=True, repr=False)
class UnitPowerHistory(Tabular):
    """The rows of :func:`college_unit_power`."""

    rows: tuple[UnitPower, ...]

    def _records(self) -> list[dict[str, Any]]:
        return [dict(r.__dict__) for r in self.rows]

    def _describe(self) -> str:
        return f"the states' power in {len({r.census for r in self.rows})} Electoral Colleges"


def college_votes(census: int) -> tuple[int, dict[str, int]]:
    """``(first election, electoral votes by state)`` of a census's College: the official counts
    from 1960, and House seats + 2 before (the states at the census; one admitted between
    censuses is not listed until the next; DC from the 1960 census)."""
    if census in HISTORY_CENSUSES:
        return datasets.electoral_votes_for_census(census)
    seats = datasets.official_seats(census)
    first = census + 2 + (-(census + 2)) % 4
    return first, {code: n + 2 for code, n in sorted(seats.items())}


def college_unit_power(censuses: Sequence[int]) -> UnitPowerHistory:
    """Every state's Banzhaf and Shapley-Shubik index in the Electoral College of each census
    (a majority of the electoral votes wins), exact counts rounded to floats."""
    from ..games.game import WeightedGame
    from ..games.power.entry import banzhaf, shapley_shubik

    known = college_censuses()
    rows = []
    for census in censuses:
        if census not in known:
            raise DataError(
                f"no House seats for the census of {census} (there are {known[0]}-{known[-1]}, "
                "every ten years but 1920)"
            )
        first, votes = college_votes(census)
        codes = list(votes)
        weights = [votes[c] for c in codes]
        game = WeightedGame(weights, sum(weights) // 2 + 1, labels=codes)
        bz, ss = banzhaf(game, exact=True), shapley_shubik(game, exact=True)
        for i, code in enumerate(codes):
            rows.append(
                UnitPower(
                    census,
                    first,
                    code,
                    votes[code],
                    float(bz.absolute[i]),
                    float(bz.normalized[i]),
                    float(ss.values[i]),
                )  # fmt: skip
            )
    return UnitPowerHistory(tuple(rows))
