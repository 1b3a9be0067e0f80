"""``votepower states --model empirical`` and ``votepower compare --model empirical``: the
probability that one voter decides the presidency, per state and per scheme."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from ...citizens.summary import power_of_ten
from ...models.presidential import (
    INVERSION_METHOD,
    EmpiricalParameters,
    EmpiricalSchemeResult,
    history_swing,
)
from ...request.empirical import EmpiricalRow
from .columns import columns_for
from .rowtable import RowTable, TextColumn, render_rows
from .text import _count
from .view import RowView

__all__ = ["render_empirical_states", "EmpiricalCompareRow", "render_empirical_compare"]

#: the absolute accuracy the tipping points are computed to (models.outcomes.tipping_points)
_TIPPING_ATOL = 1e-10


def model_fields(params: EmpiricalParameters) -> dict[str, Any]:
    """The model and its parameters, as JSON and CSV state them."""
    sw = params.swing
    return {
        "name": "empirical",
        "elections": list(params.elections),
        "lean": params.lean,
        "shift": sw.shift,
        "national_sd": sw.national_sd,
        "state_sd": sw.state_sd,
        "estimated": list(params.estimated),
        "estimated_how": history_swing()[3] if params.estimated else None,
    }


def _model_columns(params: EmpiricalParameters) -> tuple[list[str], list[str]]:
    """The model's columns, repeated on every CSV row (one table per stream)."""
    model = model_fields(params)
    head = ["model", "elections", "lean", "shift", "national_sd", "state_sd"]
    fixed = [
        "empirical",
        " ".join(map(str, model["elections"])),
        model["lean"],
        *(repr(model[k]) for k in ("shift", "national_sd", "state_sd")),
    ]
    return head, fixed


def _one_in(p: float) -> str:
    if p <= 0:
        return "never"
    n = 1.0 / p
    return f"1 in {n:,.0f}" if n < 1e7 else f"1 in {n:.3g}"


def _decisive_cells(row: dict[str, Any]) -> list[str]:
    """P(decisive), "1 in N" and the ratio to the popular vote of a state's row: below the
    floats' range from their logarithms (``3.2e-1630``), ``never`` only for voters who can
    never decide, and ``<1e-280`` for a value below the range that was not resolved."""
    if row["p_decisive"] is not None:
        p = row["p_decisive"]
        return [f"{p:.3e}", _one_in(p).removeprefix("1 in "),
                "0" if p == 0 else f"{row['relative_to_popular_vote']:.3g}"]  # fmt: skip
    if row["p_decisive_log10"] is None:
        return ["<1e-280", ">1e+280", "<1e-262"]
    lg = row["p_decisive_log10"]
    return [power_of_ten(lg, 4), power_of_ten(-lg, 3),
            power_of_ten(row["relative_to_popular_vote_log10"], 3)]  # fmt: skip


def _probability(p: float | None, accuracy: float | None) -> str:
    """A tipping-point probability, within its absolute accuracy (below it: ``<1e-10``)."""
    if p is None:
        return "n/a"
    if accuracy and p < accuracy:
        return f"<{accuracy:.0e}"
    return f"{p:.4f}" if p >= 1e-3 else f"{p:.1e}"


def _state_rows(result: EmpiricalSchemeResult) -> list[dict[str, Any]]:
    return result.rows()


def _election_fields(result: EmpiricalSchemeResult) -> dict[str, Any]:
    return {
        "win_probability": result.win_probability,
        "expected_electoral_votes": result.expected_electoral_votes,
        "tie_probability": result.tie_probability,
        "inversion_probability": result.inversion_probability,
        "inversion_standard_error": result.inversion_standard_error,
        "inversion_method": (
            "randomized-quasi-monte-carlo" if not result.national else "none possible"
        ),
        "popular_vote_p_decisive": result.popular_vote_p_decisive,
        "tipping_point_error": result.tipping_error,
    }


def _headline(result: EmpiricalSchemeResult, census: int) -> list[str]:
    lines = [
        f"{result.name}, census {census}: the probability that one voter decides the election",
        result.parameters.describe()
        + (
            f" ({', '.join(result.parameters.estimated)} estimated from 1976-2024)"
            if result.parameters.estimated
            else ""
        ),
    ]
    figures = f"Democratic win probability {result.win_probability:.4f}"
    if result.expected_electoral_votes is not None:
        figures += f", expected electoral votes {result.expected_electoral_votes:.1f}"
    if result.tie_probability:
        figures += f", no majority (a coin) {result.tie_probability:.2e}"
    if result.inversion_probability is not None and not result.national:
        figures += (
            f"; inversion (electoral winner loses the popular vote) "
            f"{result.inversion_probability:.4f} +/- {result.inversion_standard_error:.4f}"
        )
    lines.append(figures + ".")
    lines.append(
        f"Under the national popular vote every voter decides with probability "
        f"{result.popular_vote_p_decisive:.3e} ({_one_in(result.popular_vote_p_decisive)})."
    )
    return lines


#: the columns (JSON keys) of the empirical model's states table
EMPIRICAL_STATE_COLUMNS = tuple(columns_for("states", "empirical"))


def _decisive(n: int) -> Callable[[dict[str, Any]], str]:
    return lambda row: _decisive_cells(row)[n]


#: the empirical model's plain states table
_STATE_TEXT = (
    TextColumn("state", lambda row: row["state"]),
    TextColumn(
        "electors",
        lambda row: "" if row["electoral_votes"] is None else str(row["electoral_votes"]),
    ),  # fmt: skip
    TextColumn("voters", lambda row: f"{row['voters']:,}"),
    TextColumn("P(decisive)", _decisive(0)),
    TextColumn("1 in N", _decisive(1)),
    TextColumn("x popular", _decisive(2)),
    TextColumn("tipping", lambda row: _probability(row["tipping_point"], _TIPPING_ATOL)),
)


def empirical_states_table(
    result: EmpiricalSchemeResult, census: int, view: RowView | None = None
) -> RowTable:
    """Per state: P(one voter decides), as "1 in N", relative to the popular vote, and the
    tipping-point probability; the model and the election's figures around the rows.
    ``view`` orders and cuts the rows (every format) and widens the plain table's notes."""
    view = view or RowView()
    rows = view.apply(_state_rows(result))
    notes = _headline(result, census) + [
        "x popular: relative to the same voter under the national popular vote; tipping: the "
        "probability that the state gives the winner the deciding electoral vote.",
        *result.notes,
    ]
    if view.top is not None and view.top < len(result.states):
        notes.insert(1, f"The first {view.top} of {len(result.states)} states.")
    return RowTable(
        rows=rows,
        text=_STATE_TEXT,
        headline=notes[0],
        notes=notes[1:],
        head={
            "scheme": result.name,
            "census": census,
            "model": model_fields(result.parameters),
            **_election_fields(result),
        },
        tail={"notes": list(result.notes)},
        csv_prefix=_model_columns(result.parameters),
        wide=view.wide,
    )


def render_empirical_states(
    result: EmpiricalSchemeResult, census: int, fmt: str, view: RowView | None = None
) -> str:
    """:func:`empirical_states_table` in ``fmt``."""
    return render_rows(empirical_states_table(result, census, view), fmt)


#: one scheme's row (kept under its old name)
EmpiricalCompareRow = EmpiricalRow


def _tied(n: int) -> str:
    return f" (+{n - 1})" if n > 1 else ""


def _ratio_cell(rec: dict[str, Any]) -> str:
    if rec["ratio_infinite"]:
        return "inf"
    if math.isfinite(rec["ratio"]) and rec["ratio"] < 1e6:
        return f"{rec['ratio']:.3g}"
    return power_of_ten(rec["ratio_log10"])


#: the empirical model's plain comparison table
_COMPARE_TEXT = (
    TextColumn("scheme", lambda rec: rec["scheme"]),
    TextColumn(
        "most",
        lambda rec: (
            "(all equal)" if rec["all_equal"] else f"{rec['max_state']}{_tied(rec['max_tied'])}"
        ),
    ),  # fmt: skip
    TextColumn(
        "least",
        lambda rec: "" if rec["all_equal"] else f"{rec['min_state']}{_tied(rec['min_tied'])}",
    ),  # fmt: skip
    TextColumn("ratio", _ratio_cell),
    TextColumn("Gini", lambda rec: f"{rec['gini']:.3f}"),
    TextColumn("x popular", lambda rec: f"{rec['mean_relative_to_popular_vote']:.3f}"),
    TextColumn("P(D wins)", lambda rec: f"{rec['win_probability']:.3f}"),
    TextColumn(
        "P(inv.)",
        lambda rec: (
            "" if rec["inversion_probability"] is None else f"{rec['inversion_probability']:.3f}"
        ),
    ),  # fmt: skip
)

#: the CSV columns of ``compare --model empirical``
_COMPARE_KEYS = [
    "scheme", "available", "not_available", "max_state", "max_tied", "min_state", "min_tied",
    "all_equal", "ratio", "ratio_log10", "gini", "mean_relative_to_popular_vote",
    "win_probability",
    "expected_electoral_votes", "inversion_probability", "inversion_standard_error",
    "quota_note",
]  # fmt: skip


def empirical_compare_table(
    rows: list[EmpiricalCompareRow], params: EmpiricalParameters, census: int
) -> RowTable:
    """One row per scheme: most and least decisive voters' states, ratio, Gini, mean relative
    to the popular vote, win and inversion probabilities; unavailable schemes with the reason."""
    records = [r.record() for r in rows]
    available = [rec for rec in records if rec["available"]]
    missing = []
    for rec in records:
        if rec.get("quota_note"):
            missing.append(f"{rec['scheme']}: {rec['quota_note']}")
        if not rec["available"]:
            missing.append(f"{rec['scheme']}: not available ({rec['not_available']})")
    return RowTable(
        rows=records,
        text_rows=available,
        text=_COMPARE_TEXT,
        headline=f"Census {census}, {_count(len(available), 'scheme')}: the probability that "
        "one voter decides the presidency",
        notes=[
            params.describe(),
            "most/least: the state with the most/least decisive voter; ratio: most / least; "
            "Gini weighted by voters; x popular: the mean voter relative to the national "
            "popular vote; P(inv.): an inversion, by randomized quasi-Monte Carlo "
            f"({INVERSION_METHOD}).",
            *missing,
        ],
        head={"census": census, "model": model_fields(params)},
        rows_key="schemes",
        csv_prefix=_model_columns(params),
        csv_keys=_COMPARE_KEYS,
        empty="(no scheme available)",
    )


def render_empirical_compare(
    rows: list[EmpiricalCompareRow], params: EmpiricalParameters, census: int, fmt: str
) -> str:
    """:func:`empirical_compare_table` in ``fmt``."""
    return render_rows(empirical_compare_table(rows, params, census), fmt)
