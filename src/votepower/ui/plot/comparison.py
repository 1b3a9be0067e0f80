"""A comparison of schemes as one figure per question: the summary, the heat map, the maps."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from ...citizens import CITIZEN_INDICES
from ...core.errors import PlotError
from ...request.compare import SchemeResult
from .common import (
    EDGE,
    INDEX_LABELS,
    MAP_SCHEMES,
    NO_POWER,
    OUTSIDE,
    TILES,
    PlotKind,
    _colour_bar,
    _legend_handles,
    _matplotlib,
    _plain,
    _relative,
    _scale,
    _ticks,
    _usable,
    check_plot_path,
    choose_plot_kind,
)


# --------------------------------------------------------------------------------------------
# The three kinds
# --------------------------------------------------------------------------------------------
def _summary(results: Sequence[SchemeResult], indices: Sequence[str], title: str):
    Figure, _, ticker, _, _ = _matplotlib()
    rows = _usable(results)
    height = max(3.2, 1.6 + 0.32 * len(rows))
    fig = Figure(figsize=(11, height), layout="constrained")
    ax_ratio, ax_gini = fig.subplots(1, 2, sharey=True)
    markers = {"banzhaf": ("o", "#1f5fa8"), "shapley-shubik": ("s", "#d2691e")}
    offsets = {index: 0.14 * (len(indices) - 1) * (0.5 - k) for k, index in enumerate(indices)}
    y = list(range(len(rows)))[::-1]
    finite = [
        res.summaries[i].ratio
        for res in rows
        for i in indices
        if i in res.summaries and math.isfinite(res.summaries[i].ratio)
    ]
    top = max(finite, default=10.0) * 3  # where an infinite ratio is drawn
    for index in indices:
        marker, colour = markers[index]
        ratios, ginis, ys, infinite = [], [], [], []
        for row, res in zip(y, rows, strict=True):
            summary = res.summaries.get(index)
            if summary is None:
                continue
            at = row + offsets[index]
            if math.isfinite(summary.ratio):
                ratios.append(summary.ratio)
                ys.append(at)
            else:
                infinite.append(at)
            ginis.append((at, summary.gini))
        label = INDEX_LABELS[index]
        ax_ratio.scatter(ratios, ys, marker=marker, color=colour, label=label, zorder=3)
        if infinite:
            ax_ratio.scatter(
                [top] * len(infinite),
                infinite,
                marker=">",
                color=colour,
                zorder=3,
                label=f"{label}: a member has no power (ratio infinite)",
            )
        ax_gini.scatter(
            [g for _, g in ginis],
            [r for r, _ in ginis],
            marker=marker,
            color=colour,
            label=label,
            zorder=3,
        )
    ax_ratio.set_xscale("log")
    ax_ratio.xaxis.set_major_formatter(ticker.FuncFormatter(_plain))
    ax_ratio.axvline(1.0, color=EDGE, linewidth=0.8)
    ax_ratio.set_xlabel("most / least powerful citizen (1 = equal)")
    ax_gini.set_xlabel("Gini of per-citizen power (0 = equal)")
    ax_gini.set_xlim(left=0)
    ax_ratio.set_yticks(y)
    ax_ratio.set_yticklabels([res.scheme for res in rows])
    for ax in (ax_ratio, ax_gini):
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.grid(axis="y", color="#eeeeee", linewidth=0.4)
        ax.set_axisbelow(True)
    fig.legend(
        *ax_ratio.get_legend_handles_labels(),
        loc="outside lower center",
        ncol=min(4, 2 * len(indices)),
        fontsize=8,
        frameon=False,
    )
    fig.suptitle(title, fontsize=12)
    return fig


def _heatmap(results: Sequence[SchemeResult], indices: Sequence[str], title: str):
    Figure, colors, _, _, _ = _matplotlib()
    import numpy as np

    index = indices[0]
    rows = _usable(results)
    values = [_relative(res, index) for res in rows]
    states = sorted({code for v in values for code in v})
    first = values[0]
    states.sort(key=lambda c: -first.get(c, -1.0))  # the first scheme's order, outsiders last
    norm, _ = _scale([v for row in values for v in row.values()])
    grid = np.full((len(rows), len(states)), np.nan)
    for i, row in enumerate(values):
        for j, code in enumerate(states):
            if code in row:
                grid[i, j] = row[code]
    fig = Figure(
        figsize=(max(8.0, 2.5 + 0.2 * len(states)), max(3.2, 2.2 + 0.3 * len(rows))),
        layout="constrained",
    )
    ax = fig.subplots()
    from matplotlib import colormaps

    cmap = colormaps["RdBu_r"].with_extremes(bad=OUTSIDE)
    shown = np.where(grid > 0, grid, np.nan)
    image = ax.imshow(shown, aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
    zero = np.where(grid == 0, 1.0, np.nan)
    if np.any(grid == 0):
        black = colors.ListedColormap([NO_POWER])
        ax.imshow(zero, aspect="auto", cmap=black, interpolation="nearest")
    outside = np.argwhere(np.isnan(grid))
    if len(outside):
        ax.scatter(outside[:, 1], outside[:, 0], marker="x", s=16, color="#999999", linewidths=0.7)
    ax.set_xticks(range(len(states)))
    ax.set_xticklabels(states, rotation=90, fontsize=7)
    ax.set_yticks(range(len(rows)))
    ax.set_yticklabels([res.scheme for res in rows], fontsize=8)
    ax.set_xlabel(f"states, ordered by {rows[0].scheme}")
    _colour_bar(fig, image, ax, index)
    from matplotlib.lines import Line2D

    _, _, _, Patch, _ = _matplotlib()
    handles = [
        Patch(facecolor=NO_POWER, label="member with no power"),
        Line2D([], [], marker="x", color="#999999", linestyle="none", label="not a member"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=12)
    return fig


def _maps(results: Sequence[SchemeResult], indices: Sequence[str], title: str):
    Figure, _, ticker, _, Rectangle = _matplotlib()
    from matplotlib import colormaps

    index = indices[0]
    rows = _usable(results)
    if len(rows) > MAP_SCHEMES:
        raise PlotError(f"the map draws at most {MAP_SCHEMES} schemes (use the heat map)")
    values = [_relative(res, index) for res in rows]
    norm, spread = _scale([v for row in values for v in row.values()])
    cmap = colormaps["RdBu_r"]
    fig = Figure(figsize=(13, 0.8 + 3.3 * len(rows)), layout="constrained")
    axes = fig.subplots(len(rows), 2, squeeze=False, width_ratios=[1.0, 1.5])
    mappable = None
    for (ax_map, ax_bar), res, row in zip(axes, rows, values, strict=True):
        for code, (r, c) in TILES.items():
            value = row.get(code)
            if value is None:
                face, text, style = OUTSIDE, "#999999", "--"
            elif value <= 0:
                face, text, style = NO_POWER, "white", "-"
            else:
                face = cmap(norm(value))
                text = "white" if abs(math.log(value)) > 0.7 * math.log(spread) else "black"
                style = "-"
            ax_map.add_patch(
                Rectangle(
                    (c, -r),
                    0.92,
                    0.92,
                    facecolor=face,
                    edgecolor=EDGE,
                    linewidth=0.5,
                    linestyle=style,
                )
            )
            ax_map.text(c + 0.46, -r + 0.46, code, ha="center", va="center", fontsize=8, color=text)
        ax_map.set_xlim(-0.2, 12.1)
        ax_map.set_ylim(-7.2, 1.1)
        ax_map.set_aspect("equal")
        ax_map.axis("off")
        summary = res.summaries.get(index)
        note = ""
        if summary is not None:
            ratio = "infinite" if not math.isfinite(summary.ratio) else f"{summary.ratio:.3g}"
            note = f": max/min {ratio}, Gini {summary.gini:.3f}"
        ax_map.set_title(f"{res.scheme}{note}", fontsize=10, loc="left")
        ordered = sorted(row.items(), key=lambda kv: kv[1], reverse=True)
        floor, ceiling = 1 / (1.5 * spread), 1.5 * spread
        # no power: a black stub at the floor (the log axis has no zero)
        heights = [min(max(v, floor * 1.6), ceiling) for _, v in ordered]
        bars = ax_bar.bar(
            range(len(ordered)),
            heights,
            bottom=0,
            color=[cmap(norm(v)) if v > 0 else NO_POWER for _, v in ordered],
            edgecolor=EDGE,
            linewidth=0.4,
        )
        mappable = bars
        ax_bar.set_yscale("log")
        ax_bar.set_ylim(floor, ceiling)
        ax_bar.set_yticks([t for t in _ticks(spread) if floor <= t <= ceiling])
        ax_bar.yaxis.set_major_formatter(ticker.FuncFormatter(_plain))
        ax_bar.yaxis.set_minor_formatter(ticker.NullFormatter())
        ax_bar.set_xticks(range(len(ordered)))
        ax_bar.set_xticklabels([code for code, _ in ordered], rotation=90, fontsize=7)
        ax_bar.set_xlim(-0.7, len(ordered) - 0.3)
        ax_bar.axhline(1.0, color="black", linewidth=0.8)
        ax_bar.set_ylabel("per citizen / direct vote", fontsize=9)
    assert mappable is not None
    from matplotlib.cm import ScalarMappable

    _colour_bar(fig, ScalarMappable(norm=norm, cmap=cmap), axes[:, 1].tolist(), index)
    fig.legend(
        handles=_legend_handles(), loc="outside lower center", ncol=2, fontsize=8, frameon=False
    )
    fig.suptitle(title, fontsize=12)
    return fig


PLOT_KINDS: dict[str, PlotKind] = {
    k.id: k
    for k in (
        PlotKind("summary", "inequality of every scheme: max/min ratio and Gini", _summary),
        PlotKind(
            "heatmap", "schemes x states: per-citizen power relative to a direct vote", _heatmap
        ),
        PlotKind("map", "a tile map and sorted bars per scheme", _maps, MAP_SCHEMES),
    )
}


def comparison_figure(
    results: Sequence[SchemeResult],
    *,
    kind: str | None = None,
    indices: Sequence[str] = ("banzhaf",),
    census: int | None = None,
):
    """A matplotlib Figure of a comparison (``kind`` None: chosen by the number of schemes).
    The summary shows every index given; the others the first."""
    if kind is None:
        kind = choose_plot_kind(len([r for r in results if r.result is not None]))
    if kind not in PLOT_KINDS:
        raise PlotError(f"unknown plot kind {kind!r}; one of {', '.join(PLOT_KINDS)}")
    for index in indices:
        if index not in CITIZEN_INDICES:
            raise PlotError(f"unknown index {index!r}")
    when = f", census {census}" if census is not None else ""
    names = " and ".join(INDEX_LABELS[i] for i in indices)
    titles = {
        "summary": f"How unequal is each citizen's power? ({names}{when})",
        "heatmap": f"{INDEX_LABELS[indices[0]]} power of one citizen, relative to a direct "
        f"national vote{when}",
        "map": f"{INDEX_LABELS[indices[0]]} power of one citizen, relative to a direct "
        f"national vote{when}",
    }
    return PLOT_KINDS[kind].draw(results, list(indices), titles[kind])


def plot_comparison(
    results: Sequence[SchemeResult],
    path: str | Path,
    *,
    index: str = "banzhaf",
    indices: Sequence[str] | None = None,
    kind: str | None = None,
    census: int | None = None,
) -> Path:
    """Draw a comparison (see :func:`comparison_figure`) and save it to ``path``, whose suffix
    (``.png``, ``.svg``, ``.pdf``) gives the format."""
    out = check_plot_path(path)
    fig = comparison_figure(results, kind=kind, indices=indices or (index,), census=census)
    try:
        fig.savefig(out, dpi=110)
    except (OSError, ValueError) as exc:
        raise PlotError(f"cannot write {out}: {exc}") from None
    return out
