"""The US bodies built from the packaged data, and their per-citizen power."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower import DataError
from votepower.citizens import Bloc, Districts, IndependentSeats, Split, citizen_power
from votepower.ui.cli import main
from votepower.us import datasets
from votepower.us.schemes import electoral_college, house, populations, senate


def test_electoral_college_2020_structure():
    ec = electoral_college(2020)
    assert ec.total_weight == 538 and ec.quota == 270
    blocks = {b.label: b for b in ec.blocks}
    assert len(blocks) == 51 and isinstance(blocks["DC"], Bloc) and blocks["DC"].weight == 3
    assert isinstance(blocks["ME"], Split) and blocks["ME"].districts == 2
    assert isinstance(blocks["NE"], Split) and blocks["NE"].districts == 3
    assert blocks["CA"].citizens == 39_538_223
    plain = {b.label: b for b in electoral_college(2020, split_states=False).blocks}
    assert isinstance(plain["ME"], Bloc) and plain["ME"].weight == 4


def test_electoral_college_history():
    assert not any(
        isinstance(b, Split) for b in electoral_college(1960, population="apportionment").blocks
    )
    ec1970 = electoral_college(1970, population="apportionment")
    assert {b.label for b in ec1970.blocks if isinstance(b, Split)} == {"ME"}
    assert {b.label: b for b in ec1970.blocks}["DC"].citizens == 756_668
    with pytest.raises(DataError, match="2010 and 2020 only"):
        electoral_college(2000)
    # before 1960: House seats + 2, 48 states, no DC (the 1952 College of the 1950 census)
    ec1950 = electoral_college(1950, population="apportionment")
    assert (len(ec1950.blocks), ec1950.total_weight, ec1950.quota) == (48, 531, 266)
    with pytest.raises(DataError, match="census with an Electoral College 1920"):
        electoral_college(1920, population="apportionment")


def test_electoral_college_per_citizen_power():
    r = citizen_power(electoral_college(2020))
    assert r.shapley_shubik_total == pytest.approx(1.0, abs=1e-6)
    by = {b.label: b for b in r.blocks}
    top = max(r.blocks, key=lambda b: b.citizen_banzhaf)
    assert top.label == "CA"  # large states gain under coin-flip voting
    assert by["CA"].citizen_banzhaf > by["WY"].citizen_banzhaf
    assert by["CA"].citizen_shapley_shubik > by["WY"].citizen_shapley_shubik
    # With every state a bloc, per-citizen Banzhaf = unit Banzhaf x chance of deciding the state
    # (exactly: ties are broken by a fair coin, so every state is a fair coin at t = 1/2). With
    # Maine and Nebraska split, their units are correlated and the identity no longer holds.
    from votepower.citizens import decisive_probability

    blocs = citizen_power(electoral_college(2020, split_states=False), shapley_shubik_values=False)
    for b in blocs.blocks:
        assert b.citizen_banzhaf == pytest.approx(
            b.banzhaf * decisive_probability(b.citizens), rel=1e-12
        )
    assert by["CA"].citizen_banzhaf != pytest.approx(blocs["CA"].citizen_banzhaf, rel=1e-6)


def test_senate_bloc_ratio_is_the_decisiveness_ratio():
    """All states are symmetric in the Senate, so per-citizen power differs only by the chance
    of deciding one's own state."""
    from votepower.citizens import decisive_probability

    r = citizen_power(senate(2020), shapley_shubik_values=False)
    by = {b.label: b for b in r.blocks}
    assert len(by) == 50 and "DC" not in by
    assert by["WY"].citizen_banzhaf / by["CA"].citizen_banzhaf == pytest.approx(
        decisive_probability(by["WY"].citizens) / decisive_probability(by["CA"].citizens), rel=1e-12
    )


@pytest.mark.parametrize(
    ("kwargs", "quota", "total"),
    [({}, 51, 100), ({"cloture": True}, 60, 100), ({"vp_tiebreak": True}, 51, 101)],
)
def test_senate_rules(kwargs, quota, total):
    body = senate(2020, **kwargs)
    assert body.quota == quota and body.total_weight == total


def test_independent_senators_and_vice_president():
    body = senate(2020, model="independent", vp_tiebreak=True)
    assert all(isinstance(b, IndependentSeats) for b in body.blocks)
    r = citizen_power(body)
    assert r.shapley_shubik_total == pytest.approx(1.0, abs=1e-6)
    ((label, vp_bz, vp_ss),) = r.extra
    assert label == "VP" and 0 < vp_ss < 1e-3 and vp_bz > 0.05


def test_filibuster_moves_power_to_small_states():
    majority = {b.label: b for b in citizen_power(senate(2020)).blocks}
    cloture = {b.label: b for b in citizen_power(senate(2020, cloture=True)).blocks}
    # under random orderings, a supermajority makes the small-state citizens' share larger
    assert cloture["WY"].citizen_shapley_shubik > majority["WY"].citizen_shapley_shubik
    assert cloture["CA"].citizen_shapley_shubik < majority["CA"].citizen_shapley_shubik


def test_house_2020():
    body = house(2020)
    assert body.total_weight == 435 and body.quota == 218
    blocks = {b.label: b for b in body.blocks}
    assert isinstance(blocks["MT"], Districts) and blocks["MT"].districts == 2
    r = citizen_power(body, shapley_shubik_values=False)
    # every district is symmetric in the House: the smallest districts' citizens count most
    smallest = min(body.blocks, key=lambda b: b.voters_per_district)
    largest = max(body.blocks, key=lambda b: b.voters_per_district)
    top = max(r.blocks, key=lambda b: b.citizen_banzhaf)
    assert top.label == smallest.label
    assert min(r.blocks, key=lambda b: b.citizen_banzhaf).label == largest.label


def test_population_bases():
    resident = populations(2020, "resident")
    assert len(resident) == 51 and resident["DC"] == 689_545
    apportionment = populations(2020, "apportionment")
    assert apportionment["CA"] == next(
        r.population for r in datasets.apportionment_census(2020) if r.code == "CA"
    )
    assert apportionment["DC"] == 689_545  # DC keeps its resident population
    vep = populations(2020, "vep")
    assert vep["CA"] < resident["CA"]
    with pytest.raises(DataError, match="2024"):
        populations(2010, "vep")


# -- command line ------------------------------------------------------------------------------
def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("states_ec_2020.txt", ["states", "--wide"]),
        ("states_senate_banzhaf.md", ["states", "--body", "senate", "--index", "banzhaf",
                                      "--format", "markdown"]),
    ],
)  # fmt: skip
def test_states_golden(name, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    check_golden(name, result.output)


def test_states_json():
    result = run("states", "--body", "house", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    first = data["states"][0]
    for key in ("state", "population", "weight", "banzhaf", "banzhaf_normalized", "shapley_shubik",
                "citizen_banzhaf", "citizen_shapley_shubik"):  # fmt: skip
        assert key in first
    assert data["summary"]["shapley_shubik_total"] == pytest.approx(1.0, abs=1e-6)
    assert data["summary"]["banzhaf"]["ratio"] > 1


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["states", "--body", "electoral-college", "--cloture"], 2, "applies to --body senate"),
        (["states", "--body", "senate", "--cloture", "--vp-tiebreak"], 2, "not to --cloture"),
        (["states", "--census", "1920", "--population", "apportionment"], 1, "1920"),
        (["states", "--census", "2000"], 1, "2010 and 2020 only"),
        (["states", "--body", "parliament"], 2, "Invalid value for '--body'"),
    ],
)
def test_states_errors(args, status, message):
    result = run(*args)
    assert result.exit_code == status, result.output
    assert message in result.output and "Traceback" not in result.output
