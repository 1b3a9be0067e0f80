"""``votepower states``: per-state and per-citizen power of one body or scheme."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...citizens import CITIZEN_INDICES, CitizenPowerResult, summarize
from ...citizens.summary import power_of_ten
from ...core.errors import AccuracyError
from .columns import state_columns
from .comparison import _extreme_text, _summary_fields
from .rowtable import RowTable, TextColumn, render_rows
from .text import _error_text, _finite
from .view import RowView


# --------------------------------------------------------------------------------------------
# Per-citizen power by state
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatesReport:
    """What ``votepower states`` shows."""

    result: CitizenPowerResult
    indices: tuple[str, ...]
    census: int
    population_basis: str
    view: RowView = RowView()


def states_columns(indices: tuple[str, ...]) -> list[str]:
    """The columns (JSON keys) of the states table for these indices, in order
    (:func:`.columns.state_columns`)."""
    return state_columns("apriori", indices)


def _narrow(indices: tuple[str, ...]) -> list[str]:
    """The plain table's columns unless --wide: per citizen and relative to a direct vote
    (with one index, also the state's own index and the ratio to the least powerful)."""
    keys = ["state", "population", "weight"]
    if len(indices) == 1:
        unit = "banzhaf" if indices[0] == "banzhaf" else "shapley_shubik"
        key = CITIZEN_INDICES[indices[0]]
        return keys + [unit, key, f"{key}_vs_least", f"{key}_vs_direct"]
    for index in indices:
        key = CITIZEN_INDICES[index]
        keys += [key, f"{key}_vs_direct"]
    return keys


def _states_rows(report: StatesReport) -> list[dict[str, Any]]:
    return report.view.apply(report.result.rows(report.indices))


def _states_notes(report: StatesReport) -> list[str]:
    r = report.result
    lines = [
        f"{r.body}: {len(r.blocks)} states, {r.total_citizens:,} citizens "
        f"({report.population_basis} population). Two-tier model: citizens vote by majority in "
        "their state (or district); states cast their weight as blocs."
    ]
    for index in report.indices:
        name = "Banzhaf" if index == "banzhaf" else "Shapley-Shubik"
        try:
            s = summarize(r, index)
        except AccuracyError as exc:
            lines.append(f"{name} per citizen: not summarized: {exc}.")
            continue
        if s.all_equal:
            extremes = "every citizen has the same power"
        else:
            if s.ratio_infinite:
                ratio = f"ratio inf ({s.ratio_note})"
            elif math.isfinite(s.ratio) and s.ratio < 1e6:
                ratio = f"ratio {s.ratio:.4g}" + (f" ({s.ratio_note})" if s.ratio_note else "")
            else:
                ratio = f"ratio {power_of_ten(s.ratio_log10, 2)} ({s.ratio_note})"
            extremes = (
                f"most powerful {_extreme_text(s.most_powerful, s.most_tied, False)}, least "
                f"{_extreme_text(s.least_powerful, s.least_tied, False)}, {ratio}"
            )
        lines.append(
            f"{name} per citizen: {extremes}; population-weighted Gini {s.gini:.4f}; mean "
            f"citizen power {s.mean_relative_to_direct:.4g} x a direct national vote."
        )
    if "shapley-shubik" in report.indices:
        lines.append(
            f"Check: Shapley-Shubik values of all citizens sum to {r.shapley_shubik_total:.10f} "
            f"(exactly 1 in theory; quadrature error estimate {_error_text(r.quadrature_error)})."
        )
    if any(units > 1 for units in r.units.values()):
        lines.append(
            "Unit columns (Bz, Bz norm., SS) of a state that elects several seats by district "
            "are summed over its seats (a state's at-large electors and each district's elector "
            "are separate units), so they can exceed 1."
        )
    for label, bz, ss in r.extra:
        text = f"{label} (outside the citizens' model, votes by a fair coin): Banzhaf {bz:.6g}"
        if "shapley-shubik" in report.indices:
            text += f", Shapley-Shubik {ss:.6g}"
        lines.append(text + ".")
    return lines


def _cell(key: str) -> Callable[[dict[str, Any]], str]:
    """How the plain table writes the column ``key`` of a row."""

    def cell(row: dict[str, Any]) -> str:
        value = row[key]
        if key == "state":
            return value
        if value is None and f"{key}_log10" in row:  # below the floats' range
            lg = row[f"{key}_log10"]
            return "<1e-280" if lg is None else power_of_ten(lg, 4)
        if key.endswith("_log10"):
            return "n/a" if value is None else f"{value:.4f}"
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "n/a"
        if key == "population":
            return f"{value:,}"
        if key == "weight":
            return str(value)
        if key.startswith("citizen_") and not key.endswith(("_least", "_direct")):
            return f"{value:.4e}"
        if key.endswith(("_least", "_direct")):
            return f"{value:.3f}"
        return f"{value:.5f}"

    return cell


_HEADERS = {
    "state": "state",
    "population": "population",
    "weight": "weight",
    "banzhaf": "Bz (unit)",
    "banzhaf_normalized": "Bz norm.",
    "shapley_shubik": "SS (unit)",
    "citizen_banzhaf": "Bz/citizen",
    "citizen_banzhaf_vs_least": "x least",
    "citizen_banzhaf_vs_direct": "x direct",
    "citizen_shapley_shubik": "SS/citizen",
    "citizen_shapley_shubik_vs_least": "x least",
    "citizen_shapley_shubik_vs_direct": "x direct",
    "citizen_banzhaf_log10": "log10 Bz/citizen",
    "citizen_shapley_shubik_log10": "log10 SS/citizen",
}


def _summaries(report: StatesReport) -> dict[str, Any]:
    r = report.result
    summary: dict[str, Any] = {}
    for index in report.indices:
        try:
            summary[index.replace("-", "_")] = _summary_fields(summarize(r, index))
        except AccuracyError as exc:
            summary[index.replace("-", "_")] = {"not_available": str(exc)}
    if "shapley-shubik" in report.indices:
        summary["shapley_shubik_total"] = r.shapley_shubik_total
        summary["quadrature_error"] = r.quadrature_error
    return summary


def states_table(report: StatesReport, fmt: str = "table") -> RowTable:
    """The a-priori model's states table (:class:`~.rowtable.RowTable`): the JSON fields
    around the rows, the Vice-President's own line in CSV, the plain table's columns (narrow
    unless --wide) and notes. The summary is computed only for the formats that show it."""
    rows = _states_rows(report)
    r = report.result
    keys = list(rows[0])
    if fmt == "table" and not report.view.wide:  # Markdown goes to documents: every column
        keys = [k for k in _narrow(report.indices) if k in keys]
    extra = []  # players outside the citizens' model (the Vice-President): their own indices,
    for label, bz, ss in r.extra:  # in the citizen columns, since they are one person each
        line = {"state": label, "population": 1, "citizen_banzhaf": bz}
        if "shapley-shubik" in report.indices:
            line["citizen_shapley_shubik"] = ss
        extra.append(line)
    head: dict[str, Any] = {}
    tail: dict[str, Any] = {}
    notes: list[str] = []
    if fmt == "json":
        head = {
            "body": r.body,
            "census": report.census,
            "population_basis": report.population_basis,
            "total_citizens": r.total_citizens,
            "direct_national_vote": {
                "banzhaf": r.direct_banzhaf,
                "shapley_shubik": r.direct_shapley_shubik,
            },
        }
        tail = {
            "summary": _summaries(report),
            "extra_players": [
                {"name": label, "banzhaf": _finite(bz), "shapley_shubik": _finite(ss)}
                for label, bz, ss in r.extra
            ],
        }
    elif fmt != "csv":
        notes = _states_notes(report)
        if report.view.top is not None and report.view.top < len(r.blocks):
            notes.insert(1, f"The first {report.view.top} of {len(r.blocks)} states.")
    return RowTable(
        rows=rows,
        text=tuple(TextColumn(_HEADERS[k], _cell(k)) for k in keys),
        headline=notes[0] if notes else "",
        notes=notes[1:],
        head=head,
        tail=tail,
        csv_extra=extra,
        wide=report.view.wide,
    )


def render_states(report: StatesReport, fmt: str = "table") -> str:
    """Render per-state and per-citizen power."""
    return render_rows(states_table(report, fmt), fmt)
