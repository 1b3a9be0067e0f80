"""Which rows of a per-state table to show, in what order: ``--sort COLUMN`` and ``--top N``
(every format), and how wide the plain table is (``--wide``)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ...core.errors import InvalidGameError

__all__ = ["RowView", "TERMINAL_WIDTH", "wrap_notes"]

#: the plain tables and their notes fit a terminal this wide unless --wide
TERMINAL_WIDTH = 100


@dataclass(frozen=True)
class RowView:
    """``sort``: a column (its JSON key) to order by — text columns A to Z, numbers largest
    first, missing values last; ``top``: keep that many rows; ``wide``: every column of the
    plain table and unwrapped notes."""

    sort: str | None = None
    top: int | None = None
    wide: bool = False

    def __post_init__(self) -> None:
        if self.top is not None and self.top < 1:
            raise InvalidGameError("top must be at least 1")

    def check(self, columns: Sequence[str]) -> None:
        """Refuse a sort column the table does not have, naming those it has."""
        if self.sort is not None and self.sort not in columns:
            raise InvalidGameError(
                f"no column {self.sort!r} to sort by; the columns are {', '.join(columns)}"
            )

    def apply(self, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if not rows:
            return rows
        out = list(rows)
        if self.sort is not None:
            self.check(list(rows[0]))
            key = self.sort
            present = [r for r in out if r.get(key) is not None and r.get(key) == r.get(key)]
            missing = [r for r in out if r not in present]
            if all(isinstance(r[key], str) for r in present):
                present.sort(key=lambda r: r[key])
            else:
                present.sort(key=lambda r: -r[key])  # stable: ties keep the default order
            out = present + missing
        if self.top is not None:
            out = out[: self.top]
        return out


def wrap_notes(notes: list[str], fmt: str, wide: bool = False) -> list[str]:
    """Notes wrapped to the terminal's width for the plain table (Markdown and wide views keep
    each note on one line)."""
    if fmt != "table" or wide:
        return notes
    return [_fill(n) for n in notes]


_GLUE = "\u00a0"  # textwrap does not break here


def _fill(note: str) -> str:
    """One note wrapped; a comparison sign stays with both its sides (a line starting with
    ``>`` would read as a quotation), a signed change with its label (``FL +9``)."""
    for sign in (">=", "<=", ">", "<", "="):
        note = note.replace(f" {sign} ", f"{_GLUE}{sign}{_GLUE}")
    note = re.sub(r" ([+-]\d)", _GLUE + r"\1", note)
    wrapped = textwrap.fill(note, TERMINAL_WIDTH, break_on_hyphens=False, break_long_words=False)
    return wrapped.replace(_GLUE, " ")
