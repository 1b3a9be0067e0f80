"""``votepower apportion``: one apportionment, optionally compared with another."""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...us.apportion import Apportionment
from .text import _json, _text_table, _with_notes


# --------------------------------------------------------------------------------------------
# Apportionment
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ApportionmentReport:
    """What ``votepower apportion`` shows: one apportionment, optionally compared with another."""

    census: int
    result: Apportionment
    names: dict[str, str]
    compare: Apportionment | None = None
    source: str | None = None
    """Where the populations come from when not the census (a user's file)."""


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _apportionment_notes(report: ApportionmentReport) -> list[str]:
    r = report.result
    lines = [
        f"{r.method} apportionment of "
        + (
            f"the {report.census} census"
            if report.source is None
            else f"{report.source} (official seats: the {report.census} census)"
        )
        + f": House of {r.house_size} "
        f"({r.house_size_rule}), at least {r.min_seats} seat(s) per state, "
        f"{len(r.states)} states, apportionment population {r.total_population:,}."
    ]
    last = r.last_seat
    if last is not None:
        text = f"Last seat: {last.state}'s {_ordinal(last.seat)}"
        if last.runner_up is not None:
            text += f"; next in line {last.runner_up} for its {_ordinal(last.runner_up_seat or 0)}"
        if r.tie is None and last.shortfall is not None:
            text += (
                f". {last.runner_up} needed {last.shortfall:,} more people to win it; "
                f"{last.state} could have lost {last.surplus:,} and kept it."
            )
        else:
            text += "."
        lines.append(text)
    if r.tie is not None:
        lines.append("TIE: " + r.tie.describe() + ".")
    violations = r.quota_violations
    if violations:
        lines.append(
            "Quota rule violated by: "
            + ", ".join(f"{s} ({kind} quota)" for s, kind in violations.items())
            + "."
        )
    else:
        lines.append("Quota rule: every state is within its lower and upper quota.")
    changes = [(s.state, s.change) for s in r.states if s.change]
    if any(s.official is not None for s in r.states):
        if changes:
            lines.append(
                f"Change from the official {report.census} apportionment: "
                + ", ".join(f"{s} {c:+d}" for s, c in changes)
                + "."
            )
        else:
            lines.append(f"Identical to the official {report.census} apportionment.")
    if report.compare is not None:
        other = report.compare.seats
        moved = [(s.state, s.seats - other[s.state]) for s in r.states if s.seats != other[s.state]]
        lines.append(
            f"Compared with {report.compare.method}: "
            + (", ".join(f"{s} {d:+d}" for s, d in moved) if moved else "no difference")
            + "."
        )
    return lines


def render_apportionment(report: ApportionmentReport, fmt: str = "table") -> str:
    """Render an apportionment as a table, markdown, csv or json."""
    r = report.result
    other = report.compare.seats if report.compare is not None else None
    rows = []
    for s in r.states:
        row: dict[str, Any] = {
            "state": s.state,
            "name": report.names.get(s.state, s.state),
            "population": s.population,
            "quota": s.quota,
            "seats": s.seats,
            "official_seats": s.official,
            "change": s.change,
            "population_per_seat": s.population_per_seat,
            "quota_violation": s.quota_violation,
        }
        if other is not None:
            row["compare_seats"] = other[s.state]
            row["compare_difference"] = s.seats - other[s.state]
        rows.append(row)
    if fmt == "json":
        last = r.last_seat
        payload = {
            "census": report.census,
            "method": r.method,
            "house_size": r.house_size,
            "house_size_rule": r.house_size_rule,
            "min_seats": r.min_seats,
            "total_population": r.total_population,
            "states": [
                {
                    **row,
                    "quota": float(row["quota"]),
                    "population_per_seat": (
                        None
                        if row["population_per_seat"] is None
                        else float(row["population_per_seat"])
                    ),
                }
                for row in rows
            ],
            "last_seat": (
                None
                if last is None
                else {
                    "state": last.state,
                    "seat": last.seat,
                    "house_seat_number": r.house_size,
                    "runner_up": last.runner_up,
                    "runner_up_seat": last.runner_up_seat,
                    "runner_up_shortfall": last.shortfall,
                    "winner_surplus": last.surplus,
                }
            ),
            "tie": (
                None
                if r.tie is None
                else {
                    "states": list(r.tie.states),
                    "seats_available": r.tie.seats_available,
                    "awarded_to": list(r.tie.awarded_to),
                }
            ),
            "quota_violations": r.quota_violations,
        }
        if report.compare is not None:
            payload["compare_method"] = report.compare.method
        return _json(payload)
    keys = [
        "state",
        "population",
        "quota",
        "seats",
        "official_seats",
        "change",
        "population_per_seat",
        "quota_violation",
    ]
    if other is not None:
        keys += ["compare_seats", "compare_difference"]
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        for row in rows:
            writer.writerow(
                [
                    (
                        ""
                        if row[k] is None
                        else f"{float(row[k]):.6f}"
                        if isinstance(row[k], Fraction)
                        else row[k]
                    )
                    for k in keys
                ]
            )
        return buffer.getvalue()
    compare_name = report.compare.method if report.compare is not None else ""
    headers = {
        "state": "state",
        "population": "population",
        "quota": "quota",
        "seats": "seats",
        "official_seats": "official",
        "change": "change",
        "population_per_seat": "people/seat",
        "quota_violation": "quota rule",
        "compare_seats": compare_name,
        "compare_difference": "diff",
    }

    def cell(key: str, value: Any) -> str:
        if value is None:
            return "" if key == "quota_violation" else "-"
        if key == "population":
            return f"{value:,}"
        if key == "quota":
            return f"{float(value):.3f}"
        if key == "population_per_seat":
            return f"{float(value):,.0f}"
        if key in ("change", "compare_difference"):
            return f"{value:+d}" if value else "0"
        if key == "quota_violation":
            return f"violates {value}"
        return str(value)

    body = [[cell(k, row[k]) for k in keys] for row in rows]
    table = _text_table(body, [headers[k] for k in keys], fmt)
    notes = _apportionment_notes(report)
    return _with_notes(table, notes, fmt)
