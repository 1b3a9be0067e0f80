"""A century of censuses: time series of each scheme's inequality, and one scheme's states x
censuses heat map."""

from __future__ import annotations

import math
from pathlib import Path

from ...core.errors import PlotError
from .common import INDEX_LABELS, OUTSIDE, _colour_bar, _matplotlib, _plain, _scale, check_plot_path

__all__ = ["HISTORY_PLOTS", "history_figure", "plot_history"]

#: what ``votepower history --plot`` can draw
HISTORY_PLOTS = ("series", "heatmap", "states")
#: the most series drawn as lines (matplotlib's cycle has 10 colours); past it, a grid
MAX_LINES = 8


def _series(history, title: str):
    Figure, _, ticker, _, _ = _matplotlib()
    fig = Figure(figsize=(11, 4.8), layout="constrained")
    ax_ratio, ax_gini = fig.subplots(1, 2, sharex=True)
    lines = {}
    for row in history.rows:
        if row.error is None:
            lines.setdefault((row.scheme, row.index), []).append(row)
    if not lines:
        raise PlotError("nothing to plot: no row could be computed")
    if len(lines) > MAX_LINES:  # more lines than distinct colours: a grid reads better
        return _series_grid(history, lines, title)
    for (scheme, index), rows in lines.items():
        years = [r.census for r in rows]
        label = scheme if len({i for _, i in lines}) == 1 else f"{scheme} ({INDEX_LABELS[index]})"
        ratios = [r.ratio if r.ratio is not None and math.isfinite(r.ratio) else math.nan
                  for r in rows]  # fmt: skip
        ax_ratio.plot(years, ratios, marker="o", markersize=3.5, linewidth=1.3, label=label)
        ax_gini.plot(years, [r.gini for r in rows], marker="o", markersize=3.5, linewidth=1.3)
    ax_ratio.set_yscale("log")
    ax_ratio.yaxis.set_major_formatter(ticker.FuncFormatter(_plain))
    ax_ratio.yaxis.set_minor_formatter(ticker.FuncFormatter(_plain))
    ax_ratio.set_ylabel("most / least powerful citizen")
    ax_gini.set_ylabel("Gini of per-citizen power")
    ax_gini.set_ylim(bottom=0)
    for ax in (ax_ratio, ax_gini):
        ax.set_xlabel("census")
        ax.grid(color="#dddddd", linewidth=0.6)
        ax.set_xticks(sorted({r.census for r in history.rows}))
        ax.tick_params(axis="x", labelrotation=45)
    fig.legend(loc="outside lower center", ncol=min(4, len(lines)), fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=12)
    return fig


def _series_grid(history, lines, title: str):
    """The series as two schemes x censuses grids (the max/min ratio on a log colour scale,
    the Gini), each cell labelled with its value ("inf": a member without power; "n/a": not
    available): for more series than colours tell apart."""
    Figure, colors, ticker, _, _ = _matplotlib()
    import numpy as np
    from matplotlib import colormaps

    censuses = sorted({r.census for r in history.rows})
    keys = list(lines)
    several = len({i for _, i in keys}) > 1
    labels = [f"{s} ({INDEX_LABELS[i]})" if several else s for s, i in keys]
    ratio = np.full((len(keys), len(censuses)), np.nan)
    gini = np.full_like(ratio, np.nan)
    infinite = np.zeros(ratio.shape, dtype=bool)  # computed, a member without power
    for k, key in enumerate(keys):
        for r in lines[key]:
            j = censuses.index(r.census)
            if r.ratio is not None and math.isfinite(r.ratio):
                ratio[k, j] = r.ratio
            else:
                infinite[k, j] = True
            gini[k, j] = r.gini
    fig = Figure(figsize=(3.5 + 1.1 * len(censuses), 1.8 + 0.3 * len(keys)),
                 layout="constrained")  # fmt: skip
    axes = fig.subplots(1, 2, sharey=True)
    finite = ratio[np.isfinite(ratio)]
    high = float(finite.max()) if finite.size else 2.0
    panels = (
        (axes[0], ratio, colors.LogNorm(vmin=1.0, vmax=max(high, 1.01)), "most / least powerful",
         lambda v: f"{v:.3g}"),
        (axes[1], gini, colors.Normalize(vmin=0.0, vmax=max(float(np.nanmax(gini)), 1e-9)),
         "Gini of per-citizen power", lambda v: f"{v:.2f}"),
    )  # fmt: skip
    cmap = colormaps["Reds"].with_extremes(bad=OUTSIDE)
    for ax, grid, norm, label, fmt in panels:
        image = ax.imshow(grid, aspect="auto", cmap=cmap, norm=norm, interpolation="nearest")
        for (k, j), v in np.ndenumerate(grid):
            if math.isfinite(v):
                dark = norm(v) > 0.6
                ax.text(j, k, fmt(v), ha="center", va="center", fontsize=7,
                        color="white" if dark else "black")  # fmt: skip
            else:
                shown = "inf" if infinite[k, j] else "n/a"
                ax.text(j, k, shown, ha="center", va="center", fontsize=6, color="#777777")
        ax.set_xticks(range(len(censuses)))
        ax.set_xticklabels([str(c) for c in censuses], rotation=45)
        ax.set_xlabel("census")
        ax.set_title(label, fontsize=10)
        bar = fig.colorbar(image, ax=ax, shrink=0.8, pad=0.02)
        bar.ax.yaxis.set_major_formatter(ticker.FuncFormatter(_plain))
        bar.ax.yaxis.set_minor_formatter(ticker.FuncFormatter(_plain))
    axes[0].set_yticks(range(len(keys)))
    axes[0].set_yticklabels(labels, fontsize=8)
    fig.suptitle(title, fontsize=12)
    return fig


def _heatmap(history, title: str):
    Figure, colors, _, _, _ = _matplotlib()
    import numpy as np
    from matplotlib import colormaps
    from matplotlib.lines import Line2D

    schemes = {s.scheme for s in history.states}
    if len(schemes) != 1:
        raise PlotError("the heat map draws one scheme's states (give one scheme)")
    censuses = sorted({s.census for s in history.states})
    last = censuses[-1]
    value = {(s.state, s.census): s.relative_to_direct for s in history.states}
    states = sorted({s.state for s in history.states},
                    key=lambda c: (-(value.get((c, last)) or 0.0), c))  # fmt: skip
    grid = np.full((len(states), len(censuses)), np.nan)
    for i, code in enumerate(states):
        for j, year in enumerate(censuses):
            if (code, year) in value:
                grid[i, j] = value[(code, year)]
    norm, _ = _scale([v for v in value.values() if v > 0])
    cmap = colormaps["RdBu_r"].with_extremes(bad=OUTSIDE)
    fig = Figure(figsize=(2.5 + 0.55 * len(censuses), 1.6 + 0.17 * len(states)),
                 layout="constrained")  # fmt: skip
    ax = fig.subplots()
    image = ax.imshow(np.where(grid > 0, grid, np.nan), aspect="auto", cmap=cmap, norm=norm,
                      interpolation="nearest")  # fmt: skip
    if np.any(grid == 0):
        ax.imshow(np.where(grid == 0, 1.0, np.nan), aspect="auto",
                  cmap=colors.ListedColormap(["#111111"]), interpolation="nearest")  # fmt: skip
    outside = np.argwhere(np.isnan(grid))
    if len(outside):
        ax.scatter(outside[:, 1], outside[:, 0], marker="x", s=12, color="#999999",
                   linewidths=0.6)  # fmt: skip
    ax.set_xticks(range(len(censuses)))
    ax.set_xticklabels([str(c) for c in censuses], rotation=45)
    ax.set_yticks(range(len(states)))
    ax.set_yticklabels(states, fontsize=7)
    ax.set_xlabel("census")
    _colour_bar(fig, image, ax, history.states[0].index)
    handle = Line2D([], [], marker="x", color="#999999", linestyle="none", label="not a member")
    fig.legend(handles=[handle], loc="outside lower center", fontsize=8, frameon=False)
    fig.suptitle(title, fontsize=11)
    return fig


def _state_lines(history, states, title: str):
    Figure, _, ticker, _, _ = _matplotlib()
    schemes = {s.scheme for s in history.states}
    if len(schemes) != 1:
        raise PlotError("the state lines draw one scheme's states (give one scheme)")
    present = {s.state for s in history.states}
    missing = [c for c in states if c not in present]
    if missing:
        raise PlotError(f"{', '.join(missing)}: not a member in any of these censuses")
    fig = Figure(figsize=(10, 5), layout="constrained")
    ax = fig.subplots()
    for code in states:
        points = sorted((s.census, s.relative_to_direct) for s in history.states if s.state == code)
        ax.plot([y for y, _ in points], [v for _, v in points], marker="o", markersize=3.5,
                linewidth=1.4, label=code)  # fmt: skip
    ax.axhline(1.0, color="black", linewidth=0.8)
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(_plain))
    ax.yaxis.set_minor_formatter(ticker.FuncFormatter(_plain))
    ax.set_ylabel("per citizen / a direct national vote")
    ax.set_xlabel("census")
    ax.set_xticks(sorted({s.census for s in history.states}))
    ax.tick_params(axis="x", labelrotation=45)
    ax.grid(color="#dddddd", linewidth=0.6)
    fig.legend(loc="outside right center", fontsize=9, frameon=False)
    fig.suptitle(title, fontsize=11)
    return fig


def history_figure(history, kind: str = "series", states=()):
    """A matplotlib Figure of a :class:`~votepower.request.history.History`: ``series`` (ratio and
    Gini over the censuses, one line per scheme), ``heatmap`` (one scheme's states x
    censuses, per-citizen power relative to a direct vote) or ``states`` (lines of the chosen
    ``states``' per-citizen power over the censuses)."""
    if kind not in HISTORY_PLOTS:
        raise PlotError(f"unknown history plot {kind!r}; one of {', '.join(HISTORY_PLOTS)}")
    index = history.rows[0].index if history.rows else "banzhaf"
    if kind == "series":
        title = f"How unequal was each citizen's power? {INDEX_LABELS[index]}, census by census"
        return _series(history, title)
    scheme = history.states[0].scheme if history.states else ""
    title = (f"{INDEX_LABELS[index]} power of one citizen under {scheme}, relative to a direct "
             "national vote")  # fmt: skip
    if kind == "states":
        if not states:
            raise PlotError("name the states to draw")
        return _state_lines(history, list(states), title)
    return _heatmap(history, title)


def plot_history(history, path: str | Path, kind: str = "series", states=()) -> Path:
    """Draw :func:`history_figure` to ``path`` (the suffix gives the format)."""
    out = check_plot_path(path)
    fig = history_figure(history, kind, states)
    try:
        fig.savefig(out, dpi=110)
    except (OSError, ValueError) as exc:
        raise PlotError(f"cannot write {out}: {exc}") from None
    return out
