"""``votepower diff``: two schemes state by state."""

from __future__ import annotations

import math
from typing import Any

from ...request.diff import SchemeDiff
from .text import _finite, _json, _records_csv, _text_table, _with_notes

__all__ = ["render_diff"]

_NAMES = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}


def _number(value: float | None, spec: str) -> str:
    if value is None:
        return "-"
    if math.isinf(value):
        return "inf"
    return format(value, spec)


def render_diff(diff: SchemeDiff, census: int, fmt: str = "table") -> str:
    """Per state: per-citizen power under A and B (relative to a direct national vote), the
    ratio B / A and the ranks; sorted by the ratio."""
    rows = diff.to_records()
    if fmt == "json":
        return _json(
            {
                "scheme_a": diff.scheme_a,
                "scheme_b": diff.scheme_b,
                "index": diff.index,
                "census": census,
                "states": [{k: _finite(v) for k, v in row.items()} for row in rows],
            }
        )
    if fmt == "csv":
        return _records_csv(rows)
    headers = ["state", "A/citizen", "x direct", "B/citizen", "x direct", "B / A", "rank A",
               "rank B", "change"]  # fmt: skip
    body: list[list[Any]] = []
    for r in rows:
        change = r["rank_change"]
        body.append(
            [
                r["state"],
                _number(r["power_a"], ".4e"),
                _number(r["relative_a"], ".3f"),
                _number(r["power_b"], ".4e"),
                _number(r["relative_b"], ".3f"),
                _number(r["ratio"], ".3f"),
                "-" if r["rank_a"] is None else str(r["rank_a"]),
                "-" if r["rank_b"] is None else str(r["rank_b"]),
                "-" if change is None else f"{change:+d}",
            ]
        )
    table = _text_table(body, headers, fmt)
    name = _NAMES[diff.index]
    notes = [
        f"{diff.scheme_b} (B) against {diff.scheme_a} (A), census {census}: {name} power of "
        "one citizen, state by state",
        "A/citizen, B/citizen: one citizen's power under each; x direct: relative to a direct "
        "national vote of the same people; B / A: how many times more power a citizen has "
        "under B; rank 1: the most powerful citizens; change: places gained under B. Sorted by "
        "B / A.",
    ]
    only = [r["state"] for r in rows if r["power_a"] is None or r["power_b"] is None]
    if only:
        notes.append(f"In one scheme only: {', '.join(only)}.")
    return _with_notes(table, notes, fmt)
