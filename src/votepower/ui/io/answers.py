"""One renderer for every answer of :func:`votepower.request.evaluate.evaluate`: the answer's
command and voter model choose the table, the format its shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...request.evaluate import (
    CompareAnswer,
    DesignAnswer,
    DiffAnswer,
    HistoryAnswer,
    ProcessAnswer,
    StatesAnswer,
)
from .comparison import CompareReport, render_compare
from .design import DesignReport, render_design
from .diff import render_diff
from .empirical import (
    EMPIRICAL_STATE_COLUMNS,
    EmpiricalCompareRow,
    render_empirical_compare,
    render_empirical_states,
)
from .history import render_elections, render_history, render_per_state, render_unit_power
from .processes import render_process
from .states import StatesReport, render_states, states_columns
from .view import RowView

__all__ = ["columns_of", "render_answer", "row_view"]


def row_view(answer: Any) -> RowView:
    """The rows the request asked for (``--sort``, ``--top``, ``--wide``)."""
    view = answer.request.view
    return RowView(view.sort, view.top, bool(view.wide))


def columns_of(model: str, indices: tuple[str, ...]) -> list[str]:
    """The columns (JSON keys) of the states table under ``model``."""
    return list(EMPIRICAL_STATE_COLUMNS) if model == "empirical" else states_columns(indices)


def _states(answer: StatesAnswer, fmt: str) -> str:
    if answer.model == "empirical":
        return render_empirical_states(answer.result, answer.census, fmt, row_view(answer))
    report = StatesReport(answer.result, answer.indices, answer.census, answer.basis,
                          row_view(answer))  # fmt: skip
    return render_states(report, fmt)


def _compare(answer: CompareAnswer, fmt: str) -> str:
    if answer.model == "empirical":
        rows = [EmpiricalCompareRow(*row) for row in answer.results]
        return render_empirical_compare(rows, answer.parameters, answer.census, fmt)
    report = CompareReport(answer.census, answer.basis, answer.members, answer.indices,
                           tuple(answer.results))  # fmt: skip
    return render_compare(report, fmt)


def _diff(answer: DiffAnswer, fmt: str) -> str:
    return render_diff(answer.diff, answer.census, fmt)


def _history(answer: HistoryAnswer, fmt: str) -> str:
    if answer.kind == "unit_power":
        return render_unit_power(answer.result, answer.index, fmt)
    if answer.kind == "elections":
        return render_elections(answer.result, fmt)
    if answer.per_state:
        return render_per_state(answer.result, fmt, rank=answer.rank)
    return render_history(answer.result, fmt)


def _design(answer: DesignAnswer, fmt: str) -> str:
    report = DesignReport(
        answer.census, answer.basis, design=answer.design, frontier=answer.frontier,
        limit=answer.limit, saved=answer.saved, seconds=answer.seconds, rule=answer.rule,
    )  # fmt: skip
    return render_design(report, fmt)


def _process(answer: ProcessAnswer, fmt: str) -> str:
    return render_process(answer.result, answer.census, answer.basis, fmt)


_RENDERERS: dict[type, Callable[[Any, str], str]] = {
    ProcessAnswer: _process,
    DesignAnswer: _design,
    HistoryAnswer: _history,
    StatesAnswer: _states,
    CompareAnswer: _compare,
    DiffAnswer: _diff,
}


def render_answer(answer: Any, fmt: str = "table") -> str:
    """The answer as text in ``fmt`` (table, csv, json, markdown)."""
    return _RENDERERS[type(answer)](answer, fmt)
