"""Shared pieces of every renderer: the formats, numbers and exact counts as text, strict
JSON, CSV cells, text tables with their notes.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import math
from fractions import Fraction
from typing import Any

from tabulate import tabulate

from ...core.result import Value
from ...games.game import _fmt
from ...us.process import Process

FORMATS = ("table", "markdown", "csv", "json")

#: exact counts of more digits than this are not printed (Python's own limit for converting
#: integers to text, and a bound on the size of the output)
COUNT_DIGITS = 4300
_COUNT_BITS = int(COUNT_DIGITS / 0.30102999566398120)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------
def _json(payload: Any) -> str:
    """Strict JSON (no NaN or infinity: a value that is undefined is written as null, and one
    that reaches here unconverted is a bug, refused)."""
    return json.dumps(payload, indent=2, allow_nan=False) + "\n"


def format_value(x: Value | None, digits: int = 6) -> str:
    """Fractions as ``p/q``; floats with ``digits`` decimals, or in scientific notation if tiny.

    >>> format_value(Fraction(421, 2145)), format_value(0.19627039), format_value(3.2e-9)
    ('421/2145', '0.196270', '3.2000e-09')
    """
    if x is None:
        return ""
    if isinstance(x, Fraction):
        return str(x)
    if x == 0:
        return "0"
    if abs(x) < 10 ** (-digits + 2) or abs(x) >= 1e6:
        return f"{x:.4e}"
    return f"{x:.{digits}f}"


def _json_number(x: Value | None, exact: bool) -> Any:
    if x is None:
        return None
    if isinstance(x, Fraction):
        return str(x) if exact else float(x)
    return float(x)


def _json_weight(w: Fraction, exact: bool) -> Any:
    if w.denominator == 1:
        return w.numerator
    return str(w) if exact else float(w)


def _lawmaking_flags(p: Process) -> str:
    if p.kind != "lawmaking":
        return ""
    flags = [f for f, on in (("filibuster", p.filibuster), ("VP tie-break", p.vp_tiebreak)) if on]
    return f" ({', '.join(flags) or 'no filibuster, no VP tie-break'})"


_ELECTS = {
    "representative": "her representative",
    "senator": "her two senators",
    "state": "her state legislature",
    "president": "the President (through the Electoral College)",
    "vice-president": "the Vice-President (likewise)",
}


def _elected(offices: list[str]) -> str:
    """What a citizen elects in a process, as a phrase."""
    parts = [phrase for office, phrase in _ELECTS.items() if office in offices]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _count(n: int, noun: str) -> str:
    """``1 scheme``, ``2 schemes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _error_text(error: float) -> str:
    """A quadrature error estimate for a note: 0 is an exact rule."""
    return "below 1e-12" if error < 1e-12 else f"{error:.0e}"


def _text_table(body: list[list[Any]], headers: list[str], fmt: str, left: int = 1) -> str:
    """A text table (Markdown for ``fmt == "markdown"``): the first ``left`` columns aligned
    left, the rest right; cells are printed as given (no number parsing)."""
    return str(
        tabulate(
            body,
            headers=headers,
            tablefmt="github" if fmt == "markdown" else "simple",
            colalign=["left"] * left + ["right"] * (len(headers) - left),
            disable_numparse=True,
        )
    )


def _with_notes(table: str, notes: list[str], fmt: str, *, wide: bool = False) -> str:
    """A headline, the table, then the remaining notes (a bulleted list in markdown; in the
    plain table wrapped to a 100-column terminal unless ``wide``)."""
    from .view import wrap_notes

    notes = wrap_notes(notes, fmt, wide)
    if fmt == "markdown":
        return f"**{notes[0]}**\n\n{table}\n\n" + "".join(f"- {n}\n" for n in notes[1:])
    return notes[0] + "\n\n" + table + "\n\n" + "".join(n + "\n" for n in notes[1:])


@functools.lru_cache(maxsize=256)
def _integer(n: int) -> str:
    """An exact count for a table: in full up to 15 digits, else as ``d.dddddde+N``
    (truncated, not rounded), computed exactly from the integer."""
    if abs(n) < 10**15:
        return str(n)
    exponent = int(abs(n).bit_length() * 0.30102999566398120) - 1
    while abs(n) >= 10 ** (exponent + 1):
        exponent += 1
    while abs(n) < 10**exponent:
        exponent -= 1
    head = abs(n) // 10 ** (exponent - 6)
    sign = "-" if n < 0 else ""
    return f"{sign}{head // 10**6}.{head % 10**6:06d}e+{exponent}"


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "weight":
        return _fmt(value)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such values (undefined or unbounded) become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _ratio_fields(ratio: float) -> dict[str, Any]:
    """A max/min ratio for JSON and CSV: ``ratio`` (null when infinite: a member has no
    power) and ``ratio_infinite``, as in ``compare``'s records."""
    return {"ratio": _finite(ratio), "ratio_infinite": math.isinf(ratio)}


def _records_csv(records: list[dict[str, Any]]) -> str:
    """Records as CSV: a header of their keys, then one line per record (:func:`_csv_value`)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    keys = list(records[0])
    writer.writerow(keys)
    for r in records:
        writer.writerow([_csv_value(r[k]) for k in keys])
    return buffer.getvalue()


def _csv_value(value: Any) -> str:
    """A CSV cell: floats in full (``inf`` for an infinite ratio), booleans as true/false,
    nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "inf" if math.isinf(value) else repr(value)
    return str(value)
