"""A reform search: every reform's objective against its cost, the Pareto frontier, today's
College and the chosen reform (and, beside it, today's and the chosen reform's maps)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...request.compare import SchemeResult
from .common import INDEX_LABELS, _matplotlib
from .comparison import comparison_figure
from .design import _save

__all__ = ["plot_reforms", "reforms_figure"]


def reforms_figure(search):
    """Objective against cost: every reform evaluated (grey), the frontier (a step line, the
    best objective reached at each cost), today (a square) and the chosen reform (a star);
    the target as a dashed line."""
    Figure, _, _, _, _ = _matplotlib()
    spec = search.objective
    fig = Figure(figsize=(9, 5.2), layout="constrained")
    ax = fig.subplots()
    exact = [p for p in search.evaluated if p.exact]
    ax.plot([p.cost for p in exact], [p.objective for p in exact], ".", color="#bbbbbb",
            markersize=3, label=f"{len(search.evaluated):,} reforms evaluated")  # fmt: skip
    front = search.frontier
    ax.step([p.cost for p in front], [p.objective for p in front], where="post",
            color="#b2182b", linewidth=1.2)  # fmt: skip
    ax.plot([p.cost for p in front], [p.objective for p in front], "o", color="#b2182b",
            markersize=4, label=f"the frontier ({len(front)})")  # fmt: skip
    today = f"today's {search.space.noun} ({search.today.objective:.4g})"
    ax.plot([search.today.cost], [search.today.objective], "s", color="#2166ac", markersize=7,
            label=today)  # fmt: skip
    if search.chosen is not None:
        c = search.chosen
        name = c.reform.describe().partition(", ")[2]
        ax.plot([c.cost], [c.objective], "*", color="#111111", markersize=14,
                label=f"chosen: {name}")  # fmt: skip
    if search.target is not None:
        ax.axhline(search.target, color="#555555", linestyle="--", linewidth=0.8,
                   label=f"target {search.target:g}")  # fmt: skip
    parts = ", ".join(f"{k} x {w:g}" if w != 1 else k for k, w in search.weights.items())
    ax.set_xlabel(f"cost of change ({parts})")
    ax.set_ylabel(f"{spec.id} of {INDEX_LABELS[search.index]} power per citizen")
    fig.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    fig.suptitle(
        f"Which reform? The {spec.id} against the cost ({'lower' if spec.lower else 'higher'} "
        "is better)",
        fontsize=11,
    )
    return fig


def plot_reforms(
    search, path: str | Path, maps: Sequence[SchemeResult] = (), census: int | None = None
) -> list[Path]:
    """Draw :func:`reforms_figure` to ``path``, and with ``maps`` (today's and the chosen
    reform's results) their tile maps to the same name with ``-map`` before the suffix."""
    out = [_save(reforms_figure(search), path)]
    if maps:
        target = Path(path)
        map_path = target.with_name(f"{target.stem}-map{target.suffix}")
        fig = comparison_figure(list(maps), kind="map", indices=(search.index,), census=census)
        out.append(_save(fig, map_path))
    return out
