"""Reading user games: game specifications and CSV files of players and weights.

``"QUOTA: W1 W2 ..."`` with optional labels ``"16: A=9 B=9 C=7"`` (also ``A:9``); the quota may
also be a share (``"2/3: ..."``, ``"50%: ..."``) or be left out (strict majority). The
literature's notation ``"[16; 9, 9, 7, 3, 1, 1]"`` works too, and ``7x5`` stands for five players
of weight 7.
"""

from __future__ import annotations

import csv
import io as _io
from pathlib import Path

from ...core.errors import InvalidGameError
from ...core.textfile import read_user_text
from ...games.game import WeightedGame, to_fraction
from ...games.multigame import MultiCriteriaGame
from ...games.rules import Atom, parse_rule
from ...games.spec import parse_game

__all__ = ["parse_game", "read_game_csv", "read_rule_csv"]


def _read_rows(path: Path, what: str) -> list[list[str]]:
    """The non-empty rows of a CSV file, with one-line errors."""
    text = read_user_text(path, InvalidGameError, f"a CSV file of {what}")
    try:
        return [r for r in csv.reader(_io.StringIO(text)) if any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise InvalidGameError(f"{path} is not a CSV file of {what} ({exc})") from None


def read_game_csv(path: str | Path, quota: str | None = None) -> WeightedGame:
    """Read ``label,weight`` rows (a header row is optional) into a game."""
    path = Path(path)
    rows = _read_rows(path, "label,weight")
    if rows and len(rows[0]) >= 2 and not any(ch.isdigit() for ch in rows[0][1]):
        rows = rows[1:]  # a header: its weight column holds a name, not a number
    labels, weights = [], []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2:
            raise InvalidGameError(f"{path}: row {number} needs two columns, label and weight")
        labels.append(row[0].strip())
        weights.append(row[1].strip())
    if not weights:
        raise InvalidGameError(f"{path}: no players")
    return WeightedGame(weights, quota, labels=labels or None)


def _atoms(rule):
    return [rule] if isinstance(rule, Atom) else [a for p in rule.parts for a in _atoms(p)]


def read_rule_csv(path: str | Path, rule: str) -> MultiCriteriaGame:
    """Read a multi-criteria game: a header row ``label,CRITERION,...`` naming the criteria the
    rule uses, then one row per player.

    Every column after the first is a criterion and must hold numbers."""
    path = Path(path)
    what = "label,criterion,... rows"
    rows = _read_rows(path, what)
    if not rows:
        raise InvalidGameError(f"{path}: no header row (label,population,...) and no players")
    header = [cell.strip() for cell in rows[0]]
    if len(header) < 2 or any(not h for h in header):
        raise InvalidGameError(
            f"{path}: the first row must name the columns: a label, then each criterion "
            "(e.g. code,population,votes)"
        )
    if any(ch.isdigit() for ch in header[1][:1]):
        raise InvalidGameError(
            f"{path}: the first row must name the columns (found {header[1]!r} where a "
            "criterion's name belongs)"
        )
    named = {atom.criterion for atom in _atoms(parse_rule(rule))}
    if header[0] in named:
        raise InvalidGameError(
            f"{path}: the first column ({header[0]!r}) holds the players' labels; put a label "
            "column (code,...) first"
        )
    columns: dict[str, list[str]] = {name: [] for name in header[1:]}
    if len(columns) != len(header) - 1:
        raise InvalidGameError(f"{path}: a column name is used twice in the header")
    labels = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise InvalidGameError(
                f"{path}: row {number} has {len(row)} columns, the header {len(header)}"
            )
        labels.append(row[0].strip())
        for name, cell in zip(header[1:], row[1:], strict=True):
            try:
                to_fraction(cell.strip(), name)
            except InvalidGameError:
                raise InvalidGameError(
                    f"{path}: row {number}, column {name!r}: {cell.strip()!r} is not a number "
                    "(every column after the label is a criterion)"
                ) from None
            columns[name].append(cell.strip())
    if not labels:
        raise InvalidGameError(f"{path}: no players")
    return MultiCriteriaGame(columns, rule, labels=labels)
