"""The installed distribution: console script, python -m, metadata."""

from __future__ import annotations

import shutil
import subprocess
import sys
from importlib.metadata import distribution


def test_console_script_is_declared_and_installed():
    scripts = {
        ep.name: ep.value
        for ep in distribution("votepower").entry_points
        if ep.group == "console_scripts"
    }
    assert scripts.get("votepower") == "votepower.cli:main"
    exe = shutil.which("votepower")
    assert exe is not None, "the votepower console script is not on PATH"
    out = subprocess.run(
        [exe, "game", "5: 3 2 2", "--index", "ss", "--exact"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "2/3" in out.stdout


def test_python_dash_m():
    out = subprocess.run(
        [sys.executable, "-m", "votepower", "game", "16: 9 9 7 3 1 1", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.splitlines()[0].startswith("name,weight,swings")


def test_runtime_dependencies_are_the_agreed_four():
    requires = distribution("votepower").requires or []
    runtime = sorted(r.split(">")[0].split("=")[0].strip() for r in requires if "extra ==" not in r)
    assert runtime == ["click", "numpy", "scipy", "tabulate"]


def test_data_files_are_installed_with_the_package():
    from importlib import resources

    data = resources.files("votepower").joinpath("data")
    for name in (
        "SOURCES.md",
        "apportionment_population.csv",
        "resident_population.csv",
        "electoral_votes.csv",
        "district_split_states.csv",
        "vep_2024.csv",
        "presidential_results.csv",
        "house_seats_historical.csv",
        "presidential_elections.csv",
        "presidential_districts_2024.csv",
    ):
        assert data.joinpath(name).is_file(), name


def test_cli_works_from_any_directory(tmp_path):
    exe = shutil.which("votepower")
    assert exe is not None
    out = subprocess.run(
        [exe, "apportion", "--census", "1990", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    assert out.stdout.count("\n") == 51
