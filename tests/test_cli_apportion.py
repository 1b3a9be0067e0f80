"""``votepower apportion``: golden output, JSON shape, exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower.ui.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("apportion_2020.txt", ["apportion"]),
        ("apportion_2020_webster_wyoming.txt",
         ["apportion", "--method", "webster", "--house-size", "wyoming-rule", "--compare", "hill"]),
        ("apportion_2010_jefferson.md",
         ["apportion", "--census", "2010", "--method", "dhondt", "--format", "markdown"]),
        ("apportion_1950_cube_root.csv",
         ["apportion", "--census", "1950", "--house-size", "cube-root-rule", "--format", "csv"]),
    ],
)  # fmt: skip
def test_golden_output(name, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    check_golden(name, result.output)


def test_json_shape():
    result = run("apportion", "--census", "2020", "--method", "webster", "--house-size", "435",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["house_size"] == 435 and data["method"] == "webster"
    states = {s["state"]: s for s in data["states"]}
    assert len(states) == 50
    assert {"state", "population", "seats"} <= set(states["CA"])
    assert sum(s["seats"] for s in states.values()) == 435
    assert data["last_seat"]["state"] and data["last_seat"]["runner_up"]


def test_official_2020_margin_in_json():
    data = json.loads(run("apportion", "--format", "json").output)
    last = data["last_seat"]
    assert (last["state"], last["runner_up"], last["runner_up_shortfall"]) == ("MN", "NY", 89)
    assert all(s["change"] == 0 for s in data["states"])


def test_min_seats_and_wyoming_rounding():
    data = json.loads(
        run("apportion", "--house-size", "wyoming-rule", "--wyoming-rounding", "up",
            "--min-seats", "2", "--format", "json").output
    )  # fmt: skip
    assert data["house_size"] == 574
    assert min(s["seats"] for s in data["states"]) >= 2


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["apportion", "--census", "1920"], 1, "no apportionment census 1920"),
        (["apportion", "--house-size", "40"], 1, "cannot give 50 states"),
        (["apportion", "--house-size", "tiny"], 2, "unknown house-size rule 'tiny'"),
        (["apportion", "--method", "borda"], 2, "Invalid value for '--method'"),
        (["apportion", "--min-seats", "-1"], 2, "Invalid value for '--min-seats'"),
    ],
)
def test_errors(args, status, message):
    result = run(*args)
    assert result.exit_code == status, result.output
    assert message in result.output and "Traceback" not in result.output
