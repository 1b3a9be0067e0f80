"""``votepower schemes``, ``votepower methods`` and ``votepower games``: the registries'
listings, in every format (the plain table is the readable listing; Markdown a table; CSV one
row per entry; JSON ``{"schemes": [...]}``, ``{"methods": [...]}`` or ``{"games": [...]}``
with the rows' keys)."""

from __future__ import annotations

import csv
import io
from typing import Any

from .text import _csv_value, _json, _text_table

__all__ = ["render_listing"]


def _plain(kind: str, rows: list[dict[str, Any]]) -> str:
    if kind == "schemes":
        width = max(len(r["id"]) for r in rows)
        lines = []
        for r in rows:
            note = "" if r["default"] else "  (on request: not in the default comparison; slow)"
            lines.append(f"{r['id']:<{width}}  [{r['body']}] {r['description']}{note}")
        return "\n".join(lines) + "\n"
    if kind == "games":
        lines = []
        for r in rows:
            aliases = f" (aliases: {', '.join(r['aliases'])})" if r["aliases"] else ""
            lines += [
                f"{r['id']}{aliases}: {r['players']} players",
                f"    {r['description']}",
                f"    rule: {r['rule']}",
                f"    source: {r['source']}",
            ]
            if r["note"]:
                lines.append(f"    note: {r['note']}")
        return "\n".join(lines) + "\n"
    out = []
    for title, entries in (("Indices:", "index"), ("Methods:", "method")):
        out.append(title)
        for r in (r for r in rows if r["kind"] == entries):
            aliases = f" (aliases: {', '.join(r['aliases'])})" if r["aliases"] else ""
            out.append(f"  {r['id']}{aliases}\n      {r['description']}")
    return "\n".join(out) + "\n"


def render_listing(kind: str, rows: list[dict[str, Any]], fmt: str) -> str:
    """The listing of ``kind`` (``schemes`` or ``methods``) in ``fmt``."""
    fmt = fmt.lower()
    if fmt == "json":
        return _json({kind: rows})
    keys = list(rows[0])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        for r in rows:
            writer.writerow(
                [" ".join(r[k]) if isinstance(r[k], list) else _csv_value(r[k]) for k in keys]
            )
        return buffer.getvalue()
    if fmt == "markdown":
        body = [
            [", ".join(r[k]) if isinstance(r[k], list) else _csv_value(r[k]) for k in keys]
            for r in rows
        ]
        return _text_table(body, keys, "markdown", left=len(keys)) + "\n"
    return _plain(kind, rows)
