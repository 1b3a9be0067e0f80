"""The package ships ``py.typed`` and its public API passes ``mypy --strict`` on a small
script (tests/typing/example.py) that uses it as a researcher would."""

from __future__ import annotations

import subprocess
import sys
from importlib import resources
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parent / "typing" / "example.py"


def test_py_typed_is_shipped():
    assert resources.files("votepower").joinpath("py.typed").is_file()


def test_public_api_passes_mypy_strict(tmp_path):
    pytest.importorskip("mypy")  # the [test] extra installs it
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental",
         "--cache-dir", str(tmp_path), str(EXAMPLE)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_example_runs():
    result = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
