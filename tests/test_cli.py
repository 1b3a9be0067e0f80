"""The command line: output (golden files), JSON shape, exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower.ui.cli import main


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(main, list(args), input=input)


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("game_nassau.txt", ["game", "16: 9 9 7 3 1 1"]),
        ("game_unsc_exact.txt", ["game", "[39; 7x5, 1x10]", "--exact"]),
        ("game_eec_explain.txt", ["game", "12: FR=4 DE=4 IT=4 BE=2 NL=2 LU=1", "--explain"]),
        ("game_percent_markdown.md", ["game", "50%: A=12.5 B=37.5 C=50", "--format", "markdown"]),
        ("game_eec.csv", ["game", "12: FR=4 DE=4 IT=4 BE=2 NL=2 LU=1", "--format", "csv"]),
        (
            "game_mc.txt",
            ["game", "8: 5 4 3 2 1", "--method", "mc", "--samples", "2000", "--seed", "1"],
        ),
    ],
)
def test_golden_output(name, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    check_golden(name, result.output)


def test_json_fields_float():
    result = run("game", "16: A=9 B=9 C=7 D=3 E=1 F=1", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    players = data["players"]
    assert [p["name"] for p in players] == list("ABCDEF")
    first = players[0]
    assert set(first) == {
        "name",
        "weight",
        "swings",
        "banzhaf",
        "banzhaf_normalized",
        "shapley_shubik",
    }
    assert first["weight"] == 9 and first["swings"] == 16
    assert first["banzhaf"] == 0.5 and first["banzhaf_normalized"] == pytest.approx(
        1 / 3, rel=1e-15
    )
    assert players[3]["shapley_shubik"] == 0


def test_json_exact_uses_strings_for_indices_and_ints_for_swings():
    data = json.loads(run("game", "39: 7x5 1x10", "--exact", "--format", "json").output)
    assert data["exact"] is True
    assert data["players"][0]["shapley_shubik"] == "421/2145"
    assert data["players"][5]["shapley_shubik"] == "4/2145"
    assert data["players"][0]["swings"] == 848
    assert data["players"][0]["banzhaf"] == "53/1024"


def test_index_selection():
    data = json.loads(run("game", "5: 3 2 2", "--index", "ss", "--format", "json").output)
    assert set(data["players"][0]) == {"name", "weight", "shapley_shubik"}
    data = json.loads(run("game", "5: 3 2 2", "--index", "banzhaf", "--format", "json").output)
    assert "shapley_shubik" not in data["players"][0]


def test_csv_file_input(tmp_path):
    path = tmp_path / "eec.csv"
    path.write_text("member,weight\nFR,4\nDE,4\nIT,4\nBE,2\nNL,2\nLU,1\n")
    result = run("game", "--file", str(path), "--quota", "12", "--format", "json", "--exact")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["players"][5]["name"] == "LU" and data["players"][5]["swings"] == 0


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["game", "16: 9 -9 7"], 1, "negative"),
        (["game", "40: 9 9 7"], 1, "at most the total weight 25"),
        (["game", "16: 9 nine 7"], 1, "'nine' is not a number"),
        (["game", "16:"], 1, "no weights"),
        (["game", "5: A=3 B=2 2"], 1, "every player has a label"),
        (["game", "--file", "/nonexistent/x.csv"], 1, "no such file"),
        (["game"], 2, "give one game: a SPEC, --file"),
        (["game", "5: 3 2", "--quota", "3"], 2, "--quota goes with --file"),
        (["game", "5: 3 2", "--method", "magic"], 2, "Invalid value for '--method'"),
        (["game", "5: 3 2", "--index", "nope"], 2, "Invalid value for '--index'"),
        (["game", "5: 3 2", "--exact", "--method", "mc"], 2, "--exact cannot be used"),
        (["game", " ".join(["15:"] + ["1"] * 21), "--method", "enumerate"], 1, "limited to 20"),
        (["game", "5: " + " ".join(["1"] * 16), "--explain"], 1, "limited to 15 players"),
        (["game", "5: 3 2", "--samples", "0", "--method", "mc"], 2, "--samples"),
        (["game", "5: 3 2", "--seed", "-1", "--method", "mc"], 2, "--seed"),
        (
            ["game", "3000: " + " ".join(str(i) for i in range(1, 3001)), "--exact"],
            1,
            "monte-carlo",
        ),
    ],
)
def test_errors_are_one_line_with_the_right_status(args, status, message):
    result = run(*args)
    assert result.exit_code == status, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    if status == 1:
        lines = [line for line in result.output.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("Error: ")


def test_methods_lists_the_registry():
    result = run("methods")
    assert result.exit_code == 0
    for name in (
        "generating-function",
        "enumerate",
        "multilinear",
        "monte-carlo",
        "shapley-shubik",
    ):
        assert name in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "votepower" in result.output


def test_json_carries_the_explanation():
    data = json.loads(run("game", "5: A=3 B=2 C=2", "--explain", "--format", "json").output)
    assert "{A*, B*}  weight 5" in data["explanation"]


def test_improper_game_is_flagged():
    result = run("game", "1/2: 1 1")
    assert result.exit_code == 0 and "improper game" in result.output


def test_listings_in_every_format():
    """``schemes`` and ``methods`` take --format like every other command."""
    import csv as csv_module
    import io as io_module

    from votepower.core.registry import INDICES, METHODS
    from votepower.us.alternatives import SCHEMES

    for command, key, count in (
        ("schemes", "schemes", len(list(SCHEMES))),
        ("methods", "methods", len(list(INDICES)) + len(list(METHODS))),
    ):
        runner = CliRunner()
        rows = json.loads(runner.invoke(main, [command, "--format", "json"]).output)[key]
        assert len(rows) == count and all("id" in r and "description" in r for r in rows)
        table = list(csv_module.DictReader(io_module.StringIO(
            runner.invoke(main, [command, "--format", "csv"]).output)))  # fmt: skip
        assert [r["id"] for r in table] == [r["id"] for r in rows]
        markdown = runner.invoke(main, [command, "--format", "markdown"]).output
        assert markdown.count("\n") == count + 2 and markdown.startswith("| ")
        plain = runner.invoke(main, [command]).output
        assert all(r["id"] in plain for r in rows)
        bad = runner.invoke(main, [command, "--format", "xml"])
        assert bad.exit_code == 2 and "--format" in bad.output


def test_states_sort_top_and_width():
    """--sort and --top in every format; the plain table fits 100 columns unless --wide."""
    runner = CliRunner()
    plain = runner.invoke(main, ["states"]).output
    assert max(len(line) for line in plain.splitlines()) <= 100
    wide = runner.invoke(main, ["states", "--wide"]).output
    header = [line for line in plain.splitlines() if line.startswith("state ")][0]
    wide_header = [line for line in wide.splitlines() if line.startswith("state ")][0]
    assert len(wide_header) > 100 and "Bz norm." in wide_header and "Bz norm." not in header
    data = json.loads(runner.invoke(main, ["states", "--sort", "population", "--top", "3",
                                           "--format", "json"]).output)  # fmt: skip
    assert [s["state"] for s in data["states"]] == ["CA", "TX", "FL"]
    rows = runner.invoke(main, ["states", "--sort", "state", "--top", "2", "--format", "csv"])
    assert [line.split(",")[0] for line in rows.output.splitlines()] == ["state", "AK", "AL"]
    small = runner.invoke(main, ["states", "--index", "bz", "--sort",
                                 "citizen_banzhaf_vs_direct", "--top", "1"]).output  # fmt: skip
    assert "The first 1 of 51 states." in small and "\nCA " in small
    empirical = runner.invoke(main, ["states", "--model", "empirical", "--sort", "tipping_point",
                                     "--top", "1", "--format", "json"]).output  # fmt: skip
    assert [s["state"] for s in json.loads(empirical)["states"]] == ["PA"]
    for args, message in (
        (["--sort", "nope"], "--sort nope: no such column"),
        (["--sort", "p_decisive"], "no such column"),  # an empirical column, a-priori model
        (["--top", "0"], "--top"),
        (["--wide", "--format", "csv"], "--wide"),
    ):
        bad = runner.invoke(main, ["states", *args])
        assert bad.exit_code == 2 and message in bad.output, bad.output
