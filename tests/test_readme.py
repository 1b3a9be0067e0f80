"""The README's command-line examples run, and the output they show is what the commands print
(each shown line, in order; ``...`` marks lines left out)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from votepower.ui.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def _examples() -> list[tuple[str, list[str]]]:
    blocks = re.findall(r"```\n(\$ votepower.*?)```", README.read_text(encoding="utf-8"), re.S)
    examples = []
    for block in blocks:
        command: str | None = None
        shown: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ votepower "):
                if command is not None:
                    examples.append((command, shown))
                command, shown = line[len("$ votepower ") :], []
            else:
                shown.append(line)
        assert command is not None
        examples.append((command, shown))
    return examples


EXAMPLES = _examples()


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 6


@pytest.mark.parametrize(("command", "shown"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(command, shown):
    result = CliRunner().invoke(main, shlex.split(command))
    assert result.exit_code == 0, result.output
    actual = [line.rstrip() for line in result.output.splitlines()]
    position = 0
    for line in (s.rstrip() for s in shown):
        if line in ("", "..."):
            continue
        assert line in actual[position:], f"not printed (in this order): {line!r}"
        position = actual.index(line, position) + 1
