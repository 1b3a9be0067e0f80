"""Scenario files: good ones run, bad ones fail with the file, the key and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from votepower.citizens import RuleChamber, citizen_power
from votepower.ui.cli import main
from votepower.us.scenario import ScenarioError, load_scenario, parse_scenario
from votepower.us.union import federation

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.toml")), ids=lambda p: p.stem)
def test_example_scenarios_run(path):
    scenario = load_scenario(path)
    body = scenario.build(scenario.federation(2020, "resident"))
    if isinstance(body, RuleChamber):  # Banzhaf only (docs/multi-criteria.md)
        result = citizen_power(body, shapley_shubik_values=False)
        assert all(b.citizen_banzhaf > 0 for b in result.blocks)
        return
    result = citizen_power(body)
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-6)


def test_scenario_details(tmp_path):
    path = tmp_path / "small.toml"
    path.write_text(
        'name = "Four states"\nbody = "electoral-college"\n'
        '[members]\nstates = ["CA", "NY", "TX", "FL"]\nadd = ["PR"]\n'
        "[electors]\nper_state = 0\n"
    )
    scenario = load_scenario(path)
    body = scenario.build(scenario.federation(2020, "resident"))
    labels = {b.label for b in body.blocks}
    assert labels == {"CA", "NY", "TX", "FL", "PR"}
    assert body.total_weight == sum(b.weight for b in body.blocks)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("body = 'parliament'", "body: 'parliament' is not one of"),
        ("name = 'x'", "body: missing"),
        ("body = 'senate'\ncolour = 'red'", "colour: unknown key"),
        ("body = 'senate'\n[senate]\nseats = 'many'", "senate.seats: must be one of"),
        ("body = 'senate'\n[senate]\nquota = '7/5'", "senate.quota: quota 140 must be between"),
        ("body = 'house'\n[house]\nmethod = 'borda'", "house.method: must be one of"),
        ("body = 'house'\n[house]\nsize = -3", "house.size: must be a number of seats from 1"),
        ("body = 'house'\n[house]\nsize = 'fixed-ratio:0'", "house.size: must be a number of"),
        ("body = 'senate'\n[senate]\nseats = 'tiers'", "senate.tiers: must be a list"),
        ("body = 'senate'\n[senate]\nseats = 'tiers'\ntiers = [9, 3]", "senate.tiers: must be"),
        ("body = 'senate'\n[senate]\nseats = 'tiers'\ntiers = [9]\nsize = 60", "senate.size:"),
        ("body = 'senate'\n[senate]\ntiers = [9]", "senate.tiers: applies with seats"),
        ("body = 'senate'\n[senate]\nseats = 'tiers'\ntiers = [9]\nbase = 0", "senate.base:"),
        ("body = 'house'\n[electors]\nper_state = 2", "electors: applies to the Electoral College"),
        ("body = 'senate'\n[house]\nsize = 500", "house: applies to the House and the Electoral"),
        (
            "body = 'electoral-college'\n[members]\nstates = ['CA', 'QQ']",
            "members.states: unknown state",
        ),
        ("body = 'electoral-college'\n[members]\nadd = ['GU']", "members.add: GU cannot be added"),
        ("body = 'electoral-college'\n[members]\nwon_by = 'X'", "members.won_by: must look like"),
        ("body = 'electoral-college'\n[electors]\nrule = 'lottery'", "electors.rule: must be one"),
        ("body = = 'x'", "not valid TOML"),
        ("body = 'senate'\n[senate]\nsize = 0", "senate.size: must be a whole number of seats"),
        ("body = 'senate'\n[senate]\nsize = '99'", "senate.size: must be a whole number of seats"),
        (
            "body = 'electoral-college'\n[electors]\nby_state = { CA = 'lottery' }",
            "electors.by_state.CA: must be one of",
        ),
        (
            "body = 'electoral-college'\n[electors]\nby_state = { QQ = 'proportional' }",
            "electors.by_state: unknown state",
        ),
        (
            "body = 'electoral-college'\n[electors]\nrule = 'square-root'\n"
            "by_state = { CA = 'proportional' }",
            "square-root weights have no per-state rule",
        ),
    ],
)
def test_bad_scenarios_name_file_key_and_problem(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert str(path) in str(info.value) and message in str(info.value)


def test_compare_with_a_scenario_and_errors(tmp_path):
    good = EXAMPLES / "senate_three_fifths_by_population.toml"
    result = CliRunner().invoke(
        main, ["compare", "--schemes", "senate-current", "--scenario", str(good), "--index", "bz"]
    )
    assert result.exit_code == 0, result.output
    assert "scenario:senate_three_fifths_by_population" in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text("body = 'nope'")
    result = CliRunner().invoke(main, ["compare", "--schemes", "npv", "--scenario", str(bad)])
    assert result.exit_code == 1 and "bad.toml: body" in result.output
    result = CliRunner().invoke(main, ["compare", "--scenario", str(tmp_path / "missing.toml")])
    assert result.exit_code == 1 and "no such file" in result.output
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    result = CliRunner().invoke(main, ["compare", "--scenario", str(binary)])
    assert result.exit_code == 1 and "not a text file in UTF-8" in result.output


def test_electoral_college_quota_in_a_scenario(tmp_path):
    path = tmp_path / "two_thirds.toml"
    path.write_text('body = "electoral-college"\n[electors]\nquota = "2/3"\n')
    scenario = load_scenario(path)
    body = scenario.build(scenario.federation(2020, "resident"))
    assert body.total_weight == 538 and body.quota == 359


def test_one_state_with_its_own_elector_rule(tmp_path):
    """One proportional state among winner-take-all ones: its block (and only its) is
    proportional; the same state by district gets 2 at large and its districts."""
    from votepower.citizens import Bloc, Proportional, Split

    path = tmp_path / "one.toml"
    path.write_text(
        'name = "one"\nbody = "electoral-college"\n'
        '[electors]\nby_state = { CA = "proportional", TX = "district", ME = "winner-take-all" }\n'
    )
    scenario = load_scenario(path)
    body = scenario.build(scenario.federation(2020, "resident"))
    kinds = {b.label: type(b) for b in body.blocks}
    assert kinds["CA"] is Proportional and kinds["TX"] is Split and kinds["ME"] is Bloc
    assert kinds["NE"] is Split and kinds["NY"] is Bloc  # the others keep the default
    assert body.total_weight == 538
    outside = tmp_path / "outside.toml"
    outside.write_text(
        'body = "electoral-college"\n[members]\nstates = ["NY", "TX"]\n'
        '[electors]\nby_state = { CA = "proportional" }\n'
    )
    bad = load_scenario(outside)
    with pytest.raises(ScenarioError, match="electors.by_state: CA not in the union"):
        bad.build(bad.federation(2020, "resident"))


def test_senate_size(tmp_path):
    path = tmp_path / "senate.toml"
    path.write_text('body = "senate"\n[senate]\nseats = "population"\nsize = 150\n')
    scenario = load_scenario(path)
    body = scenario.build(scenario.federation(2020, "resident"))
    assert body.total_weight == 150 and min(b.weight for b in body.blocks) >= 1
    assert body.quota == 76
    equal = tmp_path / "equal.toml"
    equal.write_text('body = "senate"\n[senate]\nseats = "equal"\nsize = 149\n')
    uneven = load_scenario(equal)
    with pytest.raises(ScenarioError, match="149 Senate seats do not divide equally among 50"):
        uneven.build(uneven.federation(2020, "resident"))
    three = tmp_path / "three.toml"
    three.write_text('body = "senate"\n[senate]\nseats = "equal"\nsize = 150\n'
                     '[members]\nstates = ["CA", "NY", "WY"]\n')  # fmt: skip
    small = load_scenario(three)
    seats = {b.label: b.weight for b in small.build(small.federation(2020, "resident")).blocks}
    assert seats == {"CA": 50, "NY": 50, "WY": 50}


@pytest.mark.parametrize("model", [[], ["--model", "empirical"]])
def test_states_of_a_scenario_are_the_built_in_schemes_states(tmp_path, model):
    """A scenario written for a built-in scheme (the College with a Webster House) gives that
    scheme's per-state rows under either voter model; only the body's name differs."""
    import json

    path = tmp_path / "webster.toml"
    path.write_text('name = "W"\nbody = "electoral-college"\n[house]\nmethod = "webster"\n')
    run = CliRunner().invoke
    mine = run(main, ["states", "--scenario", str(path), "--format", "json", *model])
    theirs = run(main, ["states", "--scheme", "ec-webster", "--format", "json", *model])
    assert mine.exit_code == 0 and theirs.exit_code == 0, mine.output + theirs.output
    assert json.loads(mine.output)["states"] == json.loads(theirs.output)["states"]
    # a senate scenario is not a presidential election
    senate = run(main, ["states", "--scenario", str(EXAMPLES / "senate_150_by_population.toml"),
                        "--model", "empirical"])  # fmt: skip
    assert senate.exit_code == 1 and "is a senate scenario" in senate.output


def test_a_fixed_ratio_house():
    scenario = parse_scenario(
        {"name": "x", "body": "house", "house": {"size": "fixed-ratio:500000"}}, "x"
    )
    body = scenario.build(federation(2020))
    assert body.total_weight == 662  # 331,108,434 / 500,000 = 662.2


def test_a_senate_by_population_tiers():
    # base seats, one more per threshold reached (at or above it)
    scenario = parse_scenario(
        {"name": "x", "body": "senate",
         "senate": {"seats": "tiers", "tiers": [2_000_000, 6_000_000, 39_538_223], "base": 3}},
        "x",
    )  # fmt: skip
    fed = federation(2020)
    seats = {b.label: b.weight for b in scenario.build(fed).blocks}
    assert seats["WY"] == 3 and seats["NV"] == 4 and seats["TX"] == 5 and seats["CA"] == 6
    assert "DC" not in seats and len(seats) == 50
    for code, n in seats.items():
        people = fed.people[code]
        assert n == 3 + (people >= 2_000_000) + (people >= 6_000_000) + (people >= 39_538_223)
