"""One renderer per format for the row tables that both voter models answer with: the
per-state table of ``states`` and the per-scheme table of ``compare``.

A voter model's part of the presentation is to say *what* its table holds — a
:class:`RowTable`: the rows (records whose keys are documented in :mod:`.columns`), the
fields around them in JSON, the columns of the plain table and the notes. *How* a table is
written in each format is said once, here (:data:`ROW_FORMATS`), for every model.
"""

from __future__ import annotations

import csv
import io as _io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .text import _csv_value, _finite, _json, _text_table, _with_notes
from .view import wrap_notes

__all__ = ["RowTable", "TextColumn", "render_rows", "ROW_FORMATS"]


@dataclass(frozen=True)
class TextColumn:
    """A column of the plain and Markdown tables: its header and how a row's cell reads."""

    header: str
    cell: Callable[[dict[str, Any]], str]


def _json_value(value: Any) -> Any:
    """JSON has no NaN or infinity: such numbers become null, in nested fields too."""
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return _finite(value)


@dataclass(frozen=True)
class RowTable:
    """What a table holds, in every format.

    ``rows`` are the records (``rows_key`` in JSON, one line each in CSV); ``head`` and
    ``tail`` the JSON fields before and after them; ``csv_prefix`` columns (names, values)
    repeated at the start of every CSV line (the model's parameters); ``csv_keys`` the CSV
    columns (default: the first row's keys); ``csv_extra`` further CSV lines (records, missing
    keys empty); ``text`` the plain table's columns, ``left`` of them aligned left;
    ``headline`` and ``notes`` the text around the plain table; ``paragraph`` joins the notes
    of the Markdown form into one paragraph instead of a list; ``wide`` leaves notes
    unwrapped; ``empty`` stands for the plain table when there is no row."""

    rows: list[dict[str, Any]]
    text: tuple[TextColumn, ...]
    headline: str
    notes: list[str] = field(default_factory=list)
    head: dict[str, Any] = field(default_factory=dict)
    tail: dict[str, Any] = field(default_factory=dict)
    rows_key: str = "states"
    csv_prefix: tuple[list[str], list[str]] = ([], [])
    csv_keys: list[str] | None = None
    csv_extra: list[dict[str, Any]] = field(default_factory=list)
    left: int = 1
    wide: bool = False
    paragraph: bool = False
    empty: str = "(no rows)"
    text_rows: list[dict[str, Any]] | None = None
    """The rows of the plain table when they differ from ``rows`` (default: ``rows``)."""
    csv_infinite: bool = False
    """CSV writes an infinite value as ``inf`` (else empty, as JSON's null)."""


def _render_json(t: RowTable, fmt: str) -> str:
    payload = {
        **{k: _json_value(v) for k, v in t.head.items()},
        t.rows_key: [_json_value(row) for row in t.rows],
        **{k: _json_value(v) for k, v in t.tail.items()},
    }
    return _json(payload)


def _render_csv(t: RowTable, fmt: str) -> str:
    buffer = _io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    head, fixed = t.csv_prefix
    keys = t.csv_keys if t.csv_keys is not None else list(t.rows[0])
    writer.writerow([*head, *keys])
    value = _csv_value if t.csv_infinite else (lambda v: _csv_value(_finite(v)))
    for row in [*t.rows, *t.csv_extra]:
        writer.writerow([*fixed, *(value(row.get(k)) for k in keys)])
    return buffer.getvalue()


def _render_text(t: RowTable, fmt: str) -> str:
    rows = t.rows if t.text_rows is None else t.text_rows
    body = [[c.cell(row) for c in t.text] for row in rows]
    table = _text_table(body, [c.header for c in t.text], fmt, left=t.left) if body else t.empty
    if t.paragraph and fmt == "markdown":
        notes = wrap_notes(t.notes, fmt, t.wide)
        return f"**{t.headline}**\n\n{table}\n\n" + " ".join(notes) + "\n"
    return _with_notes(table, [t.headline, *t.notes], fmt, wide=t.wide)


#: format -> how a row table is written in it
ROW_FORMATS: dict[str, Callable[[RowTable, str], str]] = {
    "json": _render_json,
    "csv": _render_csv,
    "table": _render_text,
    "markdown": _render_text,
}


def render_rows(table: RowTable, fmt: str = "table") -> str:
    """The table in ``fmt``: one writer per format, whichever voter model filled it."""
    return ROW_FORMATS[fmt](table, fmt)
