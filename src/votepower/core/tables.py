"""Results as tables: plain records, pandas DataFrames (an optional extra) and notebook display.

A result class that mixes in :class:`Tabular` gives ``to_records()`` (one dict per row, with
the keys of the command line's JSON), ``to_frame()`` (a DataFrame of those rows; needs pandas,
never a run-time dependency), a short ``repr`` and ``_repr_markdown_`` / ``_repr_html_`` tables
for notebooks. The mixing class must be a dataclass with ``repr=False`` (so that this short
``repr`` is kept) and define ``_records()`` and ``_describe()``.
"""

from __future__ import annotations

import html
import math
from abc import ABC, abstractmethod
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from .errors import VotepowerError

if TYPE_CHECKING:  # pandas is an optional extra: only its type is named here
    import pandas as pd

__all__ = ["Tabular", "records_frame", "MissingExtraError"]

#: rows shown in a notebook before "... and N more"
SHOWN_ROWS = 60


class MissingExtraError(VotepowerError, ImportError):
    """An optional package (pandas, matplotlib) is needed and not installed."""


def records_frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    """A pandas DataFrame of ``records``, columns in the records' order and typed: integers,
    floats, booleans and text as such; exact Fractions kept as Python objects (pandas has no
    rational type; ``float(x)`` converts)."""
    try:
        import pandas as pd
    except ImportError:
        raise MissingExtraError(
            "to_frame needs pandas (an optional extra): pip install pandas"
        ) from None
    columns = list(records[0]) if records else []
    frame = pd.DataFrame.from_records(records, columns=columns)
    for column in columns:
        values = [r[column] for r in records if r[column] is not None]
        if values and all(isinstance(v, str) for v in values):
            frame[column] = frame[column].astype("string")
        elif values and all(isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("boolean")
        elif values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            frame[column] = frame[column].astype("Int64")  # nullable: a missing count is <NA>
        elif values and all(isinstance(v, float) for v in values):
            frame[column] = frame[column].astype("float64")
    return frame


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return "inf" if math.isinf(value) else f"{value:.6g}"
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}" if abs(value) >= 10_000 else str(value)
    return str(value)


class Tabular(ABC):
    """Mixin: a result with one row per player (or state, office, scheme); each result
    defines its rows (``_records``) and a one-line description (``_describe``)."""

    @abstractmethod
    def _records(self) -> list[dict[str, Any]]: ...

    @abstractmethod
    def _describe(self) -> str: ...

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row, with the keys of the command line's JSON for the same result."""
        return self._records()

    def to_frame(self) -> pd.DataFrame:
        """The rows as a pandas DataFrame (needs pandas, an optional extra), typed columns."""
        return records_frame(self._records())

    def __repr__(self) -> str:
        rows = len(self._records())
        return (
            f"<{type(self).__name__}: {self._describe()}; {rows} rows (.to_records(), .to_frame())>"
        )

    def _table(self) -> tuple[list[str], list[list[str]], int]:
        records = self._records()
        keys = list(records[0]) if records else []
        shown = records[:SHOWN_ROWS]
        body = [[_cell(r[k]) for k in keys] for r in shown]
        return keys, body, len(records) - len(shown)

    def _repr_markdown_(self) -> str:
        keys, body, more = self._table()
        lines = [f"**{self._describe()}**", ""]
        if keys:
            lines.append("| " + " | ".join(keys) + " |")
            lines.append("|" + "|".join("---" for _ in keys) + "|")
            lines += ["| " + " | ".join(row) + " |" for row in body]
        if more:
            lines += ["", f"... and {more} more rows (`.to_records()`, `.to_frame()`)"]
        return "\n".join(lines) + "\n"

    def _repr_html_(self) -> str:
        keys, body, more = self._table()
        head = "".join(f"<th>{html.escape(k)}</th>" for k in keys)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in body
        )
        tail = f"<p>... and {more} more rows</p>" if more else ""
        return (
            f"<p><b>{html.escape(self._describe())}</b></p>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{tail}"
        )
