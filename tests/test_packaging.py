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
    assert scripts.get("votepower") == "votepower.ui.cli:main"
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
    """Every data file of the source tree (data/ and its subfolders) is in the installed
    package: a file missing from the wheel's package-data would fail here in CI, where the
    package is installed from a wheel, not from the source tree."""
    from importlib import resources
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "src" / "votepower" / "data"
    data = resources.files("votepower").joinpath("data")
    names = sorted(p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file())
    assert "games/eu_nice.csv" in names and "SOURCES.md" in names
    for name in names:
        assert data.joinpath(*name.split("/")).is_file(), name


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


def test_the_documentation_is_installed_with_the_package():
    """Every page of docs/ can be printed by an installed votepower (`votepower docs TOPIC`):
    the wheel carries them (setup.py's build hook), and a source tree reads docs/."""
    from pathlib import Path

    from votepower.ui.topics import topic_text, topics

    pages = sorted(p.stem for p in (Path(__file__).resolve().parent.parent / "docs").glob("*.md"))
    assert sorted(topics()) == pages
    for page in pages:
        source = (Path(__file__).resolve().parent.parent / "docs" / f"{page}.md").read_text(
            encoding="utf-8"
        )
        assert topic_text(page) == source


def test_docs_command():
    from click.testing import CliRunner

    from votepower.ui.cli import main

    runner = CliRunner()
    listing = runner.invoke(main, ["docs"])
    assert listing.exit_code == 0 and "citizen-power" in listing.output
    page = runner.invoke(main, ["docs", "citizen-power"])
    assert page.exit_code == 0 and page.output.startswith("# Per-citizen power")
    wrong = runner.invoke(main, ["docs", "citizen-powr"])
    assert wrong.exit_code == 2 and "no topic 'citizen-powr'" in wrong.output
    assert "Traceback" not in wrong.output


def test_output_notes_name_installed_topics():
    """Notes and help point to `votepower docs TOPIC` (an installed user has no docs/ folder),
    and every topic they name exists."""
    import re
    from pathlib import Path

    from votepower.ui.topics import topics

    source = Path(__file__).resolve().parent.parent / "src" / "votepower"
    named = set()
    for path in [*source.glob("ui/io/*.py"), *source.glob("ui/cli/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert "docs/" not in text, path
        named |= set(re.findall(r"votepower docs ([a-z-]+)", text))
    assert named and named <= set(topics())
