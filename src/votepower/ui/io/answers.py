"""One renderer for every answer of :func:`votepower.request.evaluate.evaluate`: the answer's
command and voter model choose the table, the format its shape. Each command's renderer is
imported when its answer is rendered (a command loads only its own)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .view import RowView

__all__ = ["columns_of", "render_answer", "row_view"]


def row_view(answer: Any) -> RowView:
    """The rows the request asked for (``--sort``, ``--top``, ``--wide``)."""
    view = answer.request.view
    return RowView(view.sort, view.top, bool(view.wide))


def columns_of(model: str, indices: tuple[str, ...]) -> list[str]:
    """The columns (JSON keys) of the states table under ``model``."""
    from .empirical import EMPIRICAL_STATE_COLUMNS
    from .states import states_columns

    return list(EMPIRICAL_STATE_COLUMNS) if model == "empirical" else states_columns(indices)


def _states(answer: Any, fmt: str) -> str:
    from .empirical import render_empirical_states
    from .states import StatesReport, render_states

    if answer.model == "empirical":
        return render_empirical_states(answer.result, answer.census, fmt, row_view(answer))
    report = StatesReport(answer.result, answer.indices, answer.census, answer.basis,
                          row_view(answer))  # fmt: skip
    return render_states(report, fmt)


def _compare(answer: Any, fmt: str) -> str:
    from .comparison import CompareReport, render_compare
    from .empirical import EmpiricalCompareRow, render_empirical_compare

    if answer.model == "empirical":
        rows = [EmpiricalCompareRow(*row) for row in answer.results]
        return render_empirical_compare(rows, answer.parameters, answer.census, fmt)
    report = CompareReport(answer.census, answer.basis, answer.members, answer.indices,
                           tuple(answer.results))  # fmt: skip
    return render_compare(report, fmt)


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


def _process(answer: Any, fmt: str) -> str:
    from .processes import render_process

    return render_process(answer.result, answer.census, answer.basis, fmt)


#: answer class (by name) -> its renderer
_RENDERERS: dict[str, Callable[[Any, str], str]] = {
    "StatesAnswer": _states,
    "CompareAnswer": _compare,
    "DiffAnswer": _diff,
    "HistoryAnswer": _history,
    "DesignAnswer": _design,
    "ProcessAnswer": _process,
}


def render_answer(answer: Any, fmt: str = "table") -> str:
    """The answer as text in ``fmt`` (table, csv, json, markdown)."""
    return _RENDERERS[type(answer).__name__](answer, fmt)
