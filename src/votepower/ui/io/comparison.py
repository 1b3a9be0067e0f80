"""``votepower compare``: one summary row per scheme."""

from __future__ import annotations

import csv
import io as _io
import math
from dataclasses import dataclass
from typing import Any

from ...citizens import Summary
from ...citizens.summary import power_of_ten
from ...request.compare import SchemeResult, comparison_rows
from .text import _count, _csv_value, _finite, _json, _text_table
from .view import wrap_notes


# --------------------------------------------------------------------------------------------
# Scheme comparison
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompareReport:
    """What ``votepower compare`` shows."""

    census: int
    population_basis: str
    members: tuple[str, ...]
    indices: tuple[str, ...]
    results: tuple[SchemeResult, ...]


def _ratio_text(row: dict[str, Any]) -> str:
    """The ratio to three decimals; past the floats' range as a power of ten (``1.2e+2901``);
    ``inf`` only when the least powerful citizens have no power."""
    if row["ratio_infinite"]:
        return "inf"
    if row["ratio"] is None or math.isinf(row["ratio"]) or row["ratio"] >= 1e6:
        return power_of_ten(row["ratio_log10"])
    return f"{row['ratio']:.3f}"


def _extreme_text(name: str | None, tied: int, all_equal: bool) -> str:
    """A table cell naming the most (least) powerful state, with how many share that value."""
    if all_equal:
        return "(all equal)"
    return f"{name} (+{tied - 1} tied)" if tied > 1 else str(name)


def _summary_fields(s: Summary) -> dict[str, Any]:
    """A summary's fields for JSON and CSV (see :meth:`Summary.fields`)."""
    return s.fields()


def render_compare(report: CompareReport, fmt: str = "table") -> str:
    """Rows are schemes (and indices); columns the per-citizen summaries. Schemes that could
    not be computed are listed with their reason in every format."""
    rows = comparison_rows(report.results, report.indices)
    skipped = [res for res in report.results if res.error is not None]
    if fmt == "json":
        payload = {
            "census": report.census,
            "population_basis": report.population_basis,
            "members": list(report.members),
            "schemes": [{k: _finite(v) for k, v in row.items()} for row in rows],
            "not_available": [
                {"scheme": res.scheme, "description": res.description, "error": res.error}
                for res in skipped
            ]
            + [
                {
                    "scheme": res.scheme,
                    "index": index,
                    "description": res.description,
                    "error": reason,
                }
                for res in report.results
                for index, reason in res.unavailable
            ],  # fmt: skip
            **(
                {"accuracy": {res.scheme: res.accuracy for res in report.results if res.accuracy}}
                if any(res.accuracy for res in report.results)
                else {}
            ),
        }
        return _json(payload)
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = ["scheme", "index", *_summary_fields(_EMPTY_SUMMARY), "description", "error"]
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_csv_value(row.get(k)) for k in keys])
        for res in skipped:  # one row each, with the reason and no figures
            writer.writerow(
                [res.scheme, "", *[""] * len(_summary_fields(_EMPTY_SUMMARY)), res.description,
                 res.error]
            )  # fmt: skip
        return buffer.getvalue()
    name = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}
    body = [
        [
            row["scheme"],
            name[row["index"]],
            _extreme_text(row["most_powerful"], row["most_tied"], row["all_equal"]),
            _extreme_text(row["least_powerful"], row["least_tied"], row["all_equal"]),
            _ratio_text(row),
            f"{row['gini']:.4f}",
            f"{row['mean_relative_to_direct']:.4f}",
        ]
        for row in rows
    ]
    headers = ["scheme", "index", "most", "least", "ratio", "Gini", "mean / direct"]
    table = _text_table(body, headers, fmt, left=4)
    head = (
        f"Per-citizen power under {_count(len(report.results) - len(skipped), 'scheme')}: "
        f"{report.census} census, {report.population_basis} population, "
        f"{len(report.members)} members."
    )
    notes = [
        "Most/least: the state whose citizens have the most/least power; ratio: theirs;",
        "Gini: population-weighted inequality of per-citizen power (0 = all equal); mean / direct:",
        "average citizen power relative to a direct national vote of the same people.",
        "Model: majority contests in the states, blocs in the body, coin-flip voting (Banzhaf),",
        "random orderings (Shapley-Shubik); see `votepower docs citizen-power` and",
        "`votepower schemes`.",
    ]
    notes += [
        f"Ratio {_ratio_text(row)} for {row['scheme']} ({name[row['index']]}): {row['ratio_note']}."
        for row in rows
        if row["ratio_note"]
    ]
    notes += [f"Not available: {res.scheme}: {res.error}" for res in skipped]
    notes += [
        f"Not available: {res.scheme} ({name.get(index, index)}): {reason}"
        for res in report.results
        for index, reason in res.unavailable
    ]
    notes += [f"{res.scheme}: {res.accuracy}" for res in report.results if res.accuracy]
    notes = notes[:5] + wrap_notes(notes[5:], fmt)
    if fmt == "markdown":
        return f"**{head}**\n\n{table}\n\n" + " ".join(notes) + "\n"
    return head + "\n\n" + table + "\n\n" + "\n".join(notes) + "\n"


_EMPTY_SUMMARY = Summary("banzhaf", None, None, 0, 0, True, 1.0, None, 0.0, 1.0)
