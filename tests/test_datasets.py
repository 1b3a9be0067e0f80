"""The packaged census data: coverage, official totals, clear errors for what is missing."""

from __future__ import annotations

import pytest

from votepower import DataError
from votepower.us import datasets

OFFICIAL_TOTALS = {
    2020: 331_108_434, 2010: 309_183_463, 2000: 281_424_177, 1990: 249_022_783,
    1980: 225_867_174, 1970: 204_053_325, 1960: 178_559_219, 1950: 149_895_183,
    1940: 131_006_184, 1930: 122_093_455,
}  # fmt: skip


@pytest.mark.parametrize("census", sorted(OFFICIAL_TOTALS))
def test_apportionment_population_totals(census):
    records = datasets.apportionment_census(census)
    assert sum(r.population for r in records) == OFFICIAL_TOTALS[census]
    assert sum(r.seats for r in records) == 435
    assert len(records) == (50 if census >= 1960 else 48)


def test_1910_base_excludes_arizona_and_new_mexico():
    records = {r.code: r for r in datasets.apportionment_census(1910)}
    assert records["AZ"].population is None and records["NM"].population is None
    assert sum(r.seats for r in records.values() if r.population is not None) == 433


def test_official_seats_reach_back_to_1790():
    assert sum(datasets.official_seats(1790).values()) == 105
    assert datasets.official_seats(2020)["CA"] == 52


def test_resident_population_2020():
    records = datasets.resident_population(2020)
    by_code = {r.code: r for r in records}
    states_and_dc = sum(r.population for r in records if r.kind in ("state", "district"))
    assert states_and_dc == 331_449_281
    assert by_code["DC"].population == 689_545 and by_code["DC"].kind == "district"
    assert by_code["PR"].population == 3_285_874 and by_code["PR"].kind == "territory"


@pytest.mark.parametrize("year", [1964, 1972, 1984, 1992, 2004, 2012, 2024, 2028])
def test_electoral_votes_sum_to_538(year):
    votes = datasets.electoral_votes(year)
    assert len(votes) == 51 and sum(votes.values()) == 538


def test_electoral_votes_2024():
    votes = datasets.electoral_votes(2024)
    assert (votes["CA"], votes["TX"], votes["FL"], votes["NY"], votes["WY"]) == (54, 40, 30, 28, 3)


def test_district_method_states():
    assert {s.code for s in datasets.district_split_states(2024)} == {"ME", "NE"}
    assert {s.code for s in datasets.district_split_states(1980)} == {"ME"}
    me = datasets.district_split_states()[0]
    assert me.districts + me.at_large == me.electoral_votes


def test_vep_and_presidential_results():
    vep = datasets.voting_eligible_population(2024)
    assert len(vep) == 51 and sum(r.vap for r in vep) == 264_798_961
    results = datasets.presidential_results(2020)
    biden = sum(r.electoral_votes_won for r in results if r.winner == "Biden")
    assert biden == 306


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: datasets.apportionment_census(1920), "available: 1910, 1930"),
        (lambda: datasets.official_seats(1925), "no census with House seats 1925"),
        (lambda: datasets.resident_population(2000), "available: 2010, 2020"),
        (lambda: datasets.electoral_votes(1960), "no election year 1960"),
        (lambda: datasets.presidential_results(2008), "available: 2012, 2016, 2020, 2024"),
        (lambda: datasets.state_name("XX"), "unknown state 'XX'"),
        (lambda: datasets.check_state_codes(["CA", "ZZ"]), "unknown state 'ZZ'"),
    ],
)
def test_missing_data_raises_a_clear_error(call, message):
    with pytest.raises(DataError, match=message):
        call()


def test_records_are_frozen():
    record = datasets.apportionment_census(2020)[0]
    with pytest.raises(AttributeError):
        record.seats = 0  # type: ignore[misc]


# -- presidential elections 1976-2024 ------------------------------------------------------------
#: pledged electoral votes (Democrat, Republican), National Archives; states to their two-party
#: winner, Maine's and Nebraska's districts as they voted
PLEDGED = {1976: (297, 241), 1984: (13, 525), 2000: (267, 271), 2008: (365, 173), 2024: (226, 312)}
SPLIT_DEM_DISTRICTS = {2008: {"NE": 1}, 2020: {"NE": 1}, 2024: {"NE": 1}}
SPLIT_REP_DISTRICTS = {2016: {"ME": 1}, 2020: {"ME": 1}, 2024: {"ME": 1}}


def test_presidential_elections_every_year():
    from votepower.us.datasets import election_results, election_years

    assert election_years() == tuple(range(1976, 2025, 4))
    for year in election_years():
        results = election_results(year)
        assert len(results) == 51 and sum(r.electoral_votes for r in results.values()) == 538
        assert all(0 < r.two_party_votes <= r.total_votes for r in results.values())


@pytest.mark.parametrize("year", sorted(PLEDGED))
def test_presidential_elections_reproduce_the_pledged_electors(year):
    from votepower.us.datasets import election_results

    dem = sum(r.electoral_votes for r in election_results(year).values() if r.dem_share > 0.5)
    dem += sum(SPLIT_DEM_DISTRICTS.get(year, {}).values())
    dem -= sum(SPLIT_REP_DISTRICTS.get(year, {}).values())
    assert (dem, 538 - dem) == PLEDGED[year]


def test_district_results_2024():
    from votepower.us.datasets import district_results, election_results

    districts = district_results(2024)
    assert len(districts) == 435
    assert districts["NE-2"].dem_share > 0.5 and districts["ME-2"].dem_share < 0.5
    assert districts["WY"].code == "WY"  # an at-large state's one district
    states = election_results(2024)
    for code in ("ME", "NE", "CA", "TX"):
        mine = [d for d in districts.values() if d.code == code]
        votes = sum(d.two_party_votes for d in mine)
        assert votes == pytest.approx(states[code].two_party_votes, rel=0.01)
