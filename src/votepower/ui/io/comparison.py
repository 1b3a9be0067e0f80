"""``votepower compare``: one summary row per scheme."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ...citizens import Summary
from ...citizens.summary import power_of_ten
from ...request.compare import SchemeResult, comparison_rows
from .rowtable import RowTable, TextColumn, render_rows
from .text import _count


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


_NAME = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}

#: the a-priori model's plain comparison table
_COMPARE_TEXT = (
    TextColumn("scheme", lambda row: row["scheme"]),
    TextColumn("index", lambda row: _NAME[row["index"]]),
    TextColumn(
        "most", lambda row: _extreme_text(row["most_powerful"], row["most_tied"], row["all_equal"])
    ),  # fmt: skip
    TextColumn(
        "least",
        lambda row: _extreme_text(row["least_powerful"], row["least_tied"], row["all_equal"]),
    ),  # fmt: skip
    TextColumn("ratio", _ratio_text),
    TextColumn("Gini", lambda row: f"{row['gini']:.4f}"),
    TextColumn("mean / direct", lambda row: f"{row['mean_relative_to_direct']:.4f}"),
)


def compare_table(report: CompareReport) -> RowTable:
    """Rows are schemes (and indices); columns the per-citizen summaries. Schemes that could
    not be computed are listed with their reason in every format."""
    rows = comparison_rows(report.results, report.indices)
    skipped = [res for res in report.results if res.error is not None]
    accuracy = {res.scheme: res.accuracy for res in report.results if res.accuracy}
    fields = list(_summary_fields(_EMPTY_SUMMARY))
    notes = [
        "Most/least: the state whose citizens have the most/least power; ratio: theirs;",
        "Gini: population-weighted inequality of per-citizen power (0 = all equal); mean / direct:",
        "average citizen power relative to a direct national vote of the same people.",
        "Model: majority contests in the states, blocs in the body, coin-flip voting (Banzhaf),",
        "random orderings (Shapley-Shubik); see `votepower docs citizen-power` and",
        "`votepower schemes`.",
    ]
    notes += [
        f"Ratio {_ratio_text(row)} for {row['scheme']} ({_NAME[row['index']]}): "
        f"{row['ratio_note']}."
        for row in rows
        if row["ratio_note"]
    ]
    notes += [f"Not available: {res.scheme}: {res.error}" for res in skipped]
    notes += [
        f"Not available: {res.scheme} ({_NAME.get(index, index)}): {reason}"
        for res in report.results
        for index, reason in res.unavailable
    ]
    notes += [f"{res.scheme}: {res.accuracy}" for res in report.results if res.accuracy]
    return RowTable(
        rows=rows,
        text=_COMPARE_TEXT,
        left=4,
        headline=(
            f"Per-citizen power under {_count(len(report.results) - len(skipped), 'scheme')}: "
            f"{report.census} census, {report.population_basis} population, "
            f"{len(report.members)} members."
        ),
        notes=notes,
        paragraph=True,
        head={
            "census": report.census,
            "population_basis": report.population_basis,
            "members": list(report.members),
        },
        tail={
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
            **({"accuracy": accuracy} if accuracy else {}),
        },
        rows_key="schemes",
        csv_infinite=True,
        csv_keys=["scheme", "index", *fields, "description", "error"],
        # one line each for the schemes not computed, with the reason and no figures
        csv_extra=[
            {"scheme": res.scheme, "description": res.description, "error": res.error}
            for res in skipped
        ],
    )


def render_compare(report: CompareReport, fmt: str = "table") -> str:
    """:func:`compare_table` in ``fmt``."""
    return render_rows(compare_table(report), fmt)


_EMPTY_SUMMARY = Summary("banzhaf", None, None, 0, 0, True, 1.0, None, 0.0, 1.0)
