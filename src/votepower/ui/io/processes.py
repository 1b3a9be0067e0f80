"""``votepower process``: offices and per-citizen power in a compound process."""

from __future__ import annotations

import csv
import io as _io
import math
from typing import Any

from ...us.process import ProcessResult, StateCitizenPower
from .text import (
    _csv_value,
    _elected,
    _error_text,
    _finite,
    _json,
    _lawmaking_flags,
    _text_table,
    _with_notes,
)


# --------------------------------------------------------------------------------------------
# Compound processes
# --------------------------------------------------------------------------------------------
def _by_office(s: StateCitizenPower) -> dict[str, dict[str, float | None]]:
    """A state's citizens' power split by the office it flows through (JSON)."""
    return {
        "banzhaf_by_office": {o: _finite(v) for o, v in s.banzhaf_by_office.items()},
        "shapley_shubik_by_office": {o: _finite(v) for o, v in s.shapley_shubik_by_office.items()},
    }


def render_process(result: ProcessResult, census: int, basis: str, fmt: str = "table") -> str:
    """Members' indices by office, then every state's citizens' power."""
    p = result.process
    states = result.ranked_states()
    state_rows: list[dict[str, Any]] = result.state_rows()
    office_rows = result.office_rows()
    if fmt == "json":
        payload = {
            "process": p.kind,
            "census": census,
            "population_basis": basis,
            "filibuster": p.filibuster,
            "vp_tiebreak": p.vp_tiebreak,
            "offices": office_rows,
            "states": [
                {k: _finite(v) for k, v in row.items()} | _by_office(s)
                for row, s in zip(state_rows, states, strict=True)
            ],
            "total_citizens": result.total_citizens,
            "shapley_shubik_total": _finite(result.shapley_shubik_total),
            "quadrature_error": _finite(result.quadrature_error),
        }
        return _json(payload)
    if fmt == "csv":  # one table: a column says whether a row is an office or a state
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = ["table", *office_rows[0], *[k for k in state_rows[0] if k not in office_rows[0]]]
        writer.writerow(keys)
        for table_name, rows in (("office", office_rows), ("state", state_rows)):
            for row in rows:
                cells = {"table": table_name, **row}
                writer.writerow([_csv_value(_finite(cells.get(k))) for k in keys])
        return buffer.getvalue()
    offices = _text_table(
        [
            [
                r["office"],
                r["count"],
                f"{r['banzhaf']:.6g}",
                f"{r['banzhaf_normalized']:.6g}",
                f"{r['shapley_shubik']:.6g}",
            ]
            for r in office_rows
        ],
        ["office", "members", "Banzhaf", "Bz norm.", "Shapley-Shubik"],
        fmt,
    )
    table = _text_table(
        [
            [
                r["state"],
                f"{r['population']:,}",
                r["representatives"],
                f"{r['citizen_banzhaf']:.4e}",
                f"{r['citizen_banzhaf_vs_least']:.3f}",
                f"{r['citizen_banzhaf_vs_direct']:.3f}",
                (
                    "n/a"
                    if math.isnan(r["citizen_shapley_shubik"])
                    else f"{r['citizen_shapley_shubik']:.4e}"
                ),
                (
                    "n/a"
                    if math.isnan(r["citizen_shapley_shubik_vs_direct"])
                    else f"{r['citizen_shapley_shubik_vs_direct']:.3f}"
                ),
            ]
            for r in state_rows
        ],
        ["state", "population", "reps", "Bz/citizen", "x least", "x direct", "SS/citizen",
         "x direct"],
        fmt,
    )  # fmt: skip
    notes = [
        f"{p.kind}{_lawmaking_flags(p)}, census {census}, "
        f"{basis} population: {len(p.states)} states, {len(p.game.labels)} members.",
        f"Per citizen: she elects {_elected(p.offices)}; these contests are taken as "
        "independent (chain rule; see votepower docs processes).",
    ]
    if not math.isnan(result.shapley_shubik_total):
        notes.append(
            f"Check: Shapley-Shubik values of all citizens, through every office they elect, "
            f"sum to {result.shapley_shubik_total:.10f} (exactly 1 in theory; quadrature "
            f"error estimate {_error_text(result.quadrature_error)})."
        )
    body = offices + "\n\n" + table
    return _with_notes(body, notes, fmt)
