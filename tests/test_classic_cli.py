"""``votepower game`` with rules, the classic indices and reference games; ``votepower games``."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction

import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower.games.power.classic import power_index
from votepower.games.reference import REFERENCE_GAMES, reference_game
from votepower.ui.cli import main

COUNCIL = "code,population,votes\nA,50,3\nB,30,2\nC,15,2\nD,5,1\n"
RULE = "population >= 60% and votes >= 5"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.fixture
def council(tmp_path):
    path = tmp_path / "council.csv"
    path.write_text(COUNCIL, encoding="utf-8")
    return str(path)


def test_golden_outputs(council):
    cases = [
        ("rule_all_exact.txt", ["game", "--file", council, "--rule", RULE, "--index", "all",
                                "--exact"]),
        ("rule_explain.txt", ["game", "--file", council, "--rule", RULE, "--index", "all",
                              "--explain"]),
        ("unsc_classic.md", ["game", "--example", "unsc", "--index", "deegan-packel", "--exact",
                             "--format", "markdown"]),
        ("nassau_classic_explain.txt", ["game", "16: A=9 B=9 C=7 D=3 E=1 F=1", "--index", "all",
                                        "--explain", "--exact"]),
        ("games.txt", ["games"]),
    ]  # fmt: skip
    for name, args in cases:
        result = run(*args)
        assert result.exit_code == 0, (name, result.output)
        check_golden(name, result.output)


def test_json_and_csv_match_the_library(council):
    result = run("game", "--file", council, "--rule", RULE, "--index", "all", "--exact",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["game"]["rule"] == RULE
    assert data["game"]["criteria"] == {"population": 100, "votes": 8, "members": 4}
    assert data["game"]["power_to_act"] == "3/8"
    assert data["game"]["minimal_winning_coalitions"] == 2
    assert set(data["methods"]) == {
        "banzhaf", "shapley_shubik", "coleman_prevent", "coleman_initiate", "holler_packel",
        "deegan_packel", "johnston",
    }  # fmt: skip
    a = data["players"][0]
    assert (a["name"], a["population"], a["votes"], a["swings"]) == ("A", 50, 3, 6)
    assert (a["johnston"], a["johnston_score"], a["holler_packel_count"]) == ("2/3", "4", 2)
    game = reference_game("canada-7-50")
    result = run("game", "--example", "canada", "--index", "holler-packel", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    expected = power_index(game, "holler-packel")
    assert [r["name"] for r in rows] == list(game.labels)
    assert [float(r["holler_packel"]) for r in rows] == list(expected.values)
    assert [int(r["holler_packel_count"]) for r in rows] == list(expected.counts)


def test_every_reference_game_runs_and_is_what_it_says():
    for spec in REFERENCE_GAMES:
        game = spec.game()
        assert game.n == {"unsc": 15, "canada-7-50": 10, "canada-victoria": 10}.get(
            spec.id, 28 if "28" in spec.id else 27
        )
    un = power_index(reference_game("unsc"), "shapley-shubik", exact=True)
    assert un.values[0] == Fraction(421, 2145) and un.values[-1] == Fraction(4, 2145)
    lisbon = reference_game("lisbon")
    assert lisbon.is_winning(range(24))  # 24 of 27: fewer than 4 block, whatever population
    big4 = [lisbon.index_of(c) for c in ("DE", "FR", "IT", "ES")]
    assert lisbon.is_winning([i for i in range(27) if i not in big4[:3]])  # 3 cannot block
    assert not lisbon.is_winning([i for i in range(27) if i not in big4])  # 4 with 57.67% can
    nice = reference_game("eu27-nice")
    assert sum(nice.column("votes")) == 345 and "HR" not in nice.labels
    assert sum(reference_game("eu28-nice").column("votes")) == 352
    victoria = reference_game("victoria")
    assert not victoria.is_winning(["ON", "QC", "NS", "NB", "MB", "SK"])  # the West: 21% of it
    assert victoria.is_winning(["ON", "QC", "NS", "NB", "AB", "BC"])


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["game", "--rule", RULE], 2, "--rule goes with --file"),
        (["game", "--example", "unsc", "16: 9 9 7"], 2, "not SPEC and --example"),
        (["game", "--example", "atlantis"], 1, "no built-in game called 'atlantis'"),
        (["game", "--example", "unsc", "--samples", "10"], 2, "go with --method monte-carlo"),
        (["game", "--example", "unsc", "--index", "johnston", "--method", "mc"], 2,
         "does not compute the johnston index"),
        (["game", "--example", "unsc", "--method", "enumerate"], 2, "is for weighted games"),
        (["game", "--example", "eu27-lisbon", "--explain"], 1, "limited to 10 players"),
        (["game", "[16; 1x31]", "--index", "johnston"], 1, "the win table holds at most 30"),
    ],  # fmt: skip
)
def test_errors_are_one_line(args, status, message):
    result = run(*args)
    assert result.exit_code == status, result.output
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()[-1]) < 300


def test_file_errors(tmp_path):
    cases = {
        "population,votes\n50,3\n": (RULE, "holds the players' labels"),
        "code,population,region\nA,5,west\n": ("population >= 50%", "'west' is not a number"),
        "A,50,3\nB,30,2\n": (RULE, "must name the columns"),
        "code,population\nA,5,3\n": ("population >= 50%", "row 2 has 3 columns"),
        "code,population\n": ("population >= 50%", "no players"),
        "code,population\nA,5\n": ("people >= 50%", "not a criterion"),
        "code,population\nA,5\nB,5\n": ("population <= 50%", "lose by gaining a member"),
    }
    for number, (text, (rule, message)) in enumerate(cases.items()):
        path = tmp_path / f"g{number}.csv"
        path.write_text(text, encoding="utf-8")
        result = run("game", "--file", str(path), "--rule", rule)
        assert result.exit_code == 1, (text, result.output)
        assert message in result.output, (text, result.output)
    assert "--rule and --quota" in run("game", "--file", str(path), "--rule", RULE, "--quota",
                                       "3").output  # fmt: skip


def test_index_all_leaves_out_what_a_large_game_cannot_have_with_a_note():
    result = run("game", "[16; 1x31]", "--index", "all")
    assert result.exit_code == 0, result.output
    assert "Coleman prevent" in result.output
    for name in ("holler-packel", "deegan-packel", "johnston"):
        assert f"{name}: not computed (it needs all 2^31 coalitions" in result.output
    result = run("game", "--example", "unsc", "--index", "all", "--method", "mc", "--samples",
                 "1000")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "johnston: not computed (--method monte-carlo does not)" in result.output


def test_monte_carlo_for_a_rule_game():
    result = run("game", "--example", "unsc", "--method", "mc", "--samples", "20000",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    players = json.loads(result.output)["players"]
    assert abs(players[0]["shapley_shubik"] - 421 / 2145) < 5 * players[0]["shapley_shubik_se"]


def test_games_listing_formats():
    data = json.loads(run("games", "--format", "json").output)["games"]
    assert [g["id"] for g in data] == REFERENCE_GAMES.ids()
    assert all(g["source"] for g in data)
    assert run("games", "--format", "csv").output.startswith("id,aliases,players,rule")
    assert run("games", "--format", "markdown").output.startswith("| id")


def test_reference_data_checks_of_sources_md():
    """The checks SOURCES.md states for data/games."""
    nice27, nice28 = reference_game("eu27-nice"), reference_game("eu28-nice")
    assert (sum(nice27.column("votes")), sum(nice27.column("population"))) == (345, 4812)
    assert (sum(nice28.column("votes")), sum(nice28.column("population"))) == (352, 4855)
    for name in ("eu27-lisbon", "eu28-lisbon"):
        assert sum(reference_game(name).column("population")) == 10001  # 100.01%
    assert sum(reference_game("canada").column("population")) == 35_038_124
    assert reference_game("unsc").n == 15
    # the rules' integer thresholds: 62% of 4812 needs 2984 units; 55% of 27 members is 15
    assert not nice27.is_winning([]) and nice27.is_winning(range(27))
    lisbon = reference_game("eu27-lisbon")
    assert str(lisbon.rule) == "(population >= 65% and members >= 55%) or blockers < 4"
