"""Your own populations (``--population-file``): validated with one-line errors, used by every
command and scheme, and the census's own numbers reproduce the census run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from votepower.core.errors import DataError, SchemeError
from votepower.request.compare import compare
from votepower.ui.cli import main
from votepower.us.alternatives import federation
from votepower.us.popfile import read_population_file

RESIDENT = Path(__file__).parent / "data" / "resident_2020.csv"


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("state,people\nCA,1\n", "row 1: the header must be 'code,population'"),
        ("code,population\nCA,100\nXX,5\n", "row 3: unknown state 'XX'"),
        ("code,population\nCA,100\nNY\n", "row 3: expected 2 values"),
        ("code,population\nCA,100\nNY,1,000\n", "row 3: expected 2 values"),
        ("code,population\nCA,100\nNY,-5\n", "row 3: the population of NY must be a whole"),
        ("code,population\nCA,100\nNY,0\n", "row 3: the population of NY must lie between"),
        ("code,population\nCA,100\nNY,1e6\n", "without separators"),
        ("code,population\nCA,100\nca,5\n", "row 3: CA appears twice"),
        ("code,population\nCA,100\n", "at least two states"),
    ],
)
def test_bad_files_get_one_line_errors(tmp_path, text, message):
    path = tmp_path / "own.csv"
    path.write_text(text)
    with pytest.raises(DataError, match=message) as info:
        read_population_file(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)
    result = CliRunner().invoke(main, ["states", "--population-file", str(path)])
    assert result.exit_code == 1 and message.split(": ")[-1] in result.output
    assert result.output.count("\n") == 1


def test_names_comments_and_blank_lines(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("# projected\ncode,population\n\nCalifornia,40000000\nwy,600000\n")
    assert read_population_file(path) == {"CA": 40_000_000, "WY": 600_000}


def test_the_census_numbers_reproduce_the_census_run():
    own = _json("states", "--population-file", str(RESIDENT))
    census = _json("states")
    assert own["states"] == census["states"] and own["summary"] == census["summary"]
    assert own["population_basis"] == "resident_2020.csv (own)"


def test_the_file_defines_the_union_and_its_numbers_are_used(tmp_path):
    path = tmp_path / "own.csv"
    path.write_text("code,population\nCA,40000000\nTX,30000000\nWY,600000\nDC,700000\n")
    data = _json("states", "--population-file", str(path), "--index", "bz")
    assert {s["state"]: s["population"] for s in data["states"]} == {
        "CA": 40_000_000, "TX": 30_000_000, "WY": 600_000, "DC": 700_000,
    }  # fmt: skip
    picked = _json("states", "--population-file", str(path), "--states", "CA,WY")
    assert sorted(s["state"] for s in picked["states"]) == ["CA", "WY"]
    bad = CliRunner().invoke(main, ["states", "--population-file", str(path), "--states", "NY"])
    assert bad.exit_code == 1 and "NY: not in the populations given" in bad.output
    # doubling a state's people halves nothing in its weight (official seats) but lowers
    # each citizen's power: the numbers are the file's
    fed = federation(2020, people={"CA": 40_000_000, "TX": 30_000_000, "WY": 600_000})
    doubled = federation(2020, people={"CA": 80_000_000, "TX": 30_000_000, "WY": 600_000})
    (a,) = compare(["ec-current"], fed, ("banzhaf",))
    (b,) = compare(["ec-current"], doubled, ("banzhaf",))
    assert b.result["CA"].citizen_banzhaf < a.result["CA"].citizen_banzhaf


def test_every_command_takes_it(tmp_path):
    runner = CliRunner()
    for args in (
        ["compare", "--schemes", "ec-current,ec-webster,senate-population"],
        ["diff", "ec-current", "ec-webster"],
        ["process", "lawmaking"],
        ["apportion"],
        ["states", "--scheme", "ec-square-root"],
    ):
        result = runner.invoke(main, [*args, "--population-file", str(RESIDENT)])
        assert result.exit_code == 0, (args, result.output)
    # apportioning the census's own numbers gives the official House
    seats = {s["state"]: s["seats"] for s in _json("apportion", "--population-file",
                                                   str(RESIDENT))["states"]}  # fmt: skip
    assert seats["CA"] == 52 and seats["TX"] == 38 and sum(seats.values()) == 435


def test_conflicts_are_refused():
    runner = CliRunner()
    both = runner.invoke(main, ["states", "--population-file", str(RESIDENT), "--population",
                                "vep"])  # fmt: skip
    assert both.exit_code == 2 and "keep one" in both.output
    with pytest.raises(SchemeError, match="territory"):
        federation(2020, people={"CA": 1000, "PR": 500})
    fed = federation(2020, people={"CA": 1000, "TX": 900})
    (pr,) = compare(["pr-statehood"], fed, ("banzhaf",))
    assert pr.error is not None and "your own populations" in pr.error
