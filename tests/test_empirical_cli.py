"""The empirical model on the command line: states and compare, every format, refusals."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower.ui.cli import main


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture(scope="module")
def ec_2024():
    result = _run("states", "--model", "empirical", "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_states_json(ec_2024):
    data = ec_2024
    assert data["census"] == 2020 and data["model"]["elections"] == [2024]
    assert set(data["model"]["estimated"]) == {"shift", "national_sd", "state_sd"}
    assert data["model"]["national_sd"] == pytest.approx(0.0408, abs=1e-4)
    assert 0 < data["win_probability"] < 1
    assert (
        data["inversion_method"] == "randomized-quasi-monte-carlo"
        and data["inversion_standard_error"] > 0
    )
    states = {s["state"]: s for s in data["states"]}
    assert len(states) == 51
    for s in states.values():
        assert s["one_in"] == pytest.approx(1 / s["p_decisive"])
        assert s["relative_to_popular_vote"] == pytest.approx(
            s["p_decisive"] / data["popular_vote_p_decisive"]
        )
    tipping = sum(s["tipping_point"] for s in states.values())
    assert tipping == pytest.approx(1 - data["tie_probability"], abs=1e-9)
    # swing states' voters lead, a safe state's trail by many orders of magnitude
    assert states["PA"]["p_decisive"] > 100 * states["CA"]["p_decisive"]
    assert states["DC"]["p_decisive"] < 1e-30


def test_states_golden():
    result = _run("states", "--model", "empirical", "--format", "markdown")
    assert result.exit_code == 0, result.output
    check_golden("states_empirical_2024.md", result.output)


def test_popular_vote_gives_every_voter_the_same_chance():
    result = _run("states", "--model", "empirical", "--scheme", "npv", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert len(rows) == 51
    assert len({r["p_decisive"] for r in rows}) == 1
    assert all(r["relative_to_popular_vote"] == "1.0" for r in rows)


def test_no_lean_no_shift_is_a_toss_up():
    result = _run("states", "--model", "empirical", "--lean", "none", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["win_probability"] == pytest.approx(0.5, abs=1e-12)
    states = {s["state"]: s["p_decisive"] for s in data["states"]}
    assert states["WY"] > states["CA"]  # correlation alone: small states' voters ahead


def test_split_states_and_elections():
    split = json.loads(_run("states", "--model", "empirical", "--format", "json").output)
    whole = json.loads(
        _run("states", "--model", "empirical", "--no-split-states", "--format", "json").output
    )
    ne = {s["state"]: s for s in split["states"]}["NE"]
    assert ne["p_decisive"] != {s["state"]: s for s in whole["states"]}["NE"]["p_decisive"]
    older = _run("states", "--model", "empirical", "--election", "2016", "--format", "json")
    assert older.exit_code == 0, older.output
    data = json.loads(older.output)
    assert data["census"] == 2010  # the census in force in 2016
    assert any("2024 leans" in n for n in data["notes"])


def test_compare_json_lists_unavailable_schemes():
    result = _run(
        "compare", "--model", "empirical", "--schemes",
        "ec-current,npv,senate-current,pr-statehood", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["scheme"]: r for r in json.loads(result.output)["schemes"]}
    assert rows["ec-current"]["available"] and rows["ec-current"]["ratio"] > 1e20
    assert 200 < rows["ec-current"]["expected_electoral_votes"] < 300
    assert rows["national-popular-vote"]["all_equal"]
    assert rows["national-popular-vote"]["mean_relative_to_popular_vote"] == pytest.approx(1.0)
    assert not rows["senate-current"]["available"]
    assert "presidential" in rows["senate-current"]["not_available"]
    assert "PR" in rows["pr-statehood"]["not_available"]


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["states", "--election", "2024"], 2, "--election"),
        (["states", "--model", "empirical", "--index", "bz"], 2, "--index"),
        (["states", "--model", "empirical", "--national-sd", "-1"], 2, "--national-sd"),
        (["states", "--model", "empirical", "--state-sd", "nan"], 2, "--state-sd"),
        (["states", "--model", "empirical", "--election", "1975"], 1, "1975"),
        (["states", "--model", "empirical", "--election", "2024-2016"], 2, "--election"),
        (["states", "--model", "empirical", "--population", "apportionment"], 2, "--population"),
        (["states", "--model", "empirical", "--lean", "none", "--election", "2020"], 2, "--lean"),
        (["states", "--model", "empirical", "--body", "senate"], 1, "presidential"),
        (["states", "--model", "empirical", "--scheme", "house-current"], 1, "presidential"),
        (["states", "--model", "empirical", "--scheme", "pr-statehood"], 1, "PR"),
        (["compare", "--model", "empirical", "--plot", "x.png"], 2, "--plot"),
        (["compare", "--model", "empirical", "--schemes", "senate-current"], 1, "presidential"),
    ],
)
def test_refusals(args, code, says):
    result = _run(*args)
    assert result.exit_code == code, result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: ") and says in last


def test_compare_scenarios_under_the_empirical_model():
    from pathlib import Path

    examples = Path(__file__).resolve().parent.parent / "examples" / "scenarios"
    result = _run(
        "compare", "--model", "empirical", "--schemes", "ec-current", "--format", "json",
        "--scenario", str(examples / "wyoming_rule_no_dc.toml"),
        "--scenario", str(examples / "senate_three_fifths_by_population.toml"),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["scheme"]: r for r in json.loads(result.output)["schemes"]}
    assert rows["scenario:wyoming_rule_no_dc"]["available"]
    senate = rows["scenario:senate_three_fifths_by_population"]
    assert not senate["available"] and "senate" in senate["not_available"]
