"""One renderer for every answer of :func:`votepower.request.evaluate.evaluate`: the answer's
command and voter model choose the table, the format its shape. Each command's renderer is
imported when its answer is rendered (a command loads only its own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .view import RowView

__all__ = ["ROW_TABLES", "columns_of", "render_answer", "row_table", "row_view"]


def row_view(answer: Any) -> RowView:
    """The rows the request asked for (``--sort``, ``--top``, ``--wide``)."""
    view = answer.request.view
    return RowView(view.sort, view.top, bool(view.wide))


def columns_of(model: str, indices: tuple[str, ...]) -> list[str]:
    """The columns (JSON keys) of the states table under ``model``."""
    from .columns import state_columns

    return state_columns(model, indices)


def _apriori_states(answer: Any, fmt: str) -> Any:
    from .states import StatesReport, states_table

    report = StatesReport(answer.result, answer.indices, answer.census, answer.basis,
                          row_view(answer))  # fmt: skip
    return states_table(report, fmt)


def _empirical_states(answer: Any, fmt: str) -> Any:
    from .empirical import empirical_states_table

    return empirical_states_table(answer.result, answer.census, row_view(answer))


def _apriori_compare(answer: Any, fmt: str) -> Any:
    from .comparison import CompareReport, compare_table

    report = CompareReport(answer.census, answer.basis, answer.members, answer.indices,
                           tuple(answer.results))  # fmt: skip
    return compare_table(report)


def _empirical_compare(answer: Any, fmt: str) -> Any:
    from .empirical import empirical_compare_table

    return empirical_compare_table(list(answer.results), answer.parameters, answer.census)


#: (command, voter model) -> the row table (:class:`.rowtable.RowTable`) of its answer; one
#: renderer per format writes every one of them
ROW_TABLES: dict[tuple[str, str], Callable[[Any, str], Any]] = {
    ("states", "apriori"): _apriori_states,
    ("states", "empirical"): _empirical_states,
    ("compare", "apriori"): _apriori_compare,
    ("compare", "empirical"): _empirical_compare,
}


def row_table(answer: Any, fmt: str = "table") -> Any:
    """The row table of a ``states`` or ``compare`` answer under its voter model."""
    table = {"StatesAnswer": "states", "CompareAnswer": "compare"}[type(answer).__name__]
    return ROW_TABLES[table, answer.model](answer, fmt)


def _rows(answer: Any, fmt: str) -> str:
    from .rowtable import render_rows

    return render_rows(row_table(answer, fmt), fmt)


def _diff(answer: Any, fmt: str) -> str:
    from .diff import render_diff

    return render_diff(answer.diff, answer.census, fmt)


def _history(answer: Any, fmt: str) -> str:
    from .history import render_elections, render_history, render_per_state, render_unit_power

    if answer.kind == "unit_power":
        return render_unit_power(answer.result, answer.index, fmt)
    if answer.kind == "elections":
        return render_elections(answer.result, fmt)
    if answer.per_state:
        return render_per_state(answer.result, fmt, rank=answer.rank)
    return render_history(answer.result, fmt)


def _design(answer: Any, fmt: str) -> str:
    from .design import DesignReport, render_design

    report = DesignReport(
        answer.census, answer.basis, design=answer.design, frontier=answer.frontier,
        limit=answer.limit, saved=answer.saved, seconds=answer.seconds, rule=answer.rule,
    )  # fmt: skip
    return render_design(report, fmt)


def _reforms(answer: Any, fmt: str) -> str:
    from .reforms import render_reforms

    return render_reforms(answer, fmt)


def _process(answer: Any, fmt: str) -> str:
    from .processes import render_process

    return render_process(answer.result, answer.census, answer.basis, fmt)


#: answer class (by name) -> its renderer
_RENDERERS: dict[str, Callable[[Any, str], str]] = {
    "StatesAnswer": _rows,
    "CompareAnswer": _rows,
    "DiffAnswer": _diff,
    "HistoryAnswer": _history,
    "DesignAnswer": _design,
    "ProcessAnswer": _process,
    "ReformsAnswer": _reforms,
}


def render_answer(answer: Any, fmt: str = "table") -> str:
    """The answer as text in ``fmt`` (table, csv, json, markdown)."""
    return _RENDERERS[type(answer).__name__](answer, fmt)
