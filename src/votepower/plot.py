"""Pictures of per-citizen power: one figure per question.

* ``summary``: every scheme's inequality at a glance (max/min ratio and Gini of per-citizen
  power, one mark per scheme and index);
* ``heatmap``: schemes x states, per-citizen power relative to a direct national vote;
* ``map``: for one to four schemes, a US tile map and the states' sorted bars.

Colours show per-citizen power relative to a direct national vote of the same people (1 = as
much power as in a national popular vote) on a diverging, logarithmic scale centred at 1, with
plain tick labels. A member whose citizens have no power is black; a state outside the union is
white with a dashed outline. Needs matplotlib (the ``plot`` extra); nothing else in votepower
imports it. The figures are built without pyplot (no global state) and saved by the file's
suffix: PNG, SVG or PDF.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .citizens import CITIZEN_INDICES
from .compare import SchemeResult
from .errors import PlotError

__all__ = [
    "TILES",
    "PLOT_KINDS",
    "PlotKind",
    "PlotError",
    "check_plot_path",
    "choose_plot_kind",
    "comparison_figure",
    "plot_comparison",
    "diff_figure",
    "plot_diff",
]

#: how to install the extra from a checkout (the package is not on an index)
INSTALL_HINT = "pip install matplotlib (or, in a checkout of votepower, pip install '.[plot]')"

# (row, column) of each state on a common 8 x 12 US tile grid
TILES: dict[str, tuple[int, int]] = {
    "AK": (0, 0), "ME": (0, 11),
    "VT": (1, 10), "NH": (1, 11),
    "WA": (2, 1), "ID": (2, 2), "MT": (2, 3), "ND": (2, 4), "MN": (2, 5), "IL": (2, 6),
    "WI": (2, 7), "MI": (2, 8), "NY": (2, 9), "RI": (2, 10), "MA": (2, 11),
    "OR": (3, 1), "NV": (3, 2), "WY": (3, 3), "SD": (3, 4), "IA": (3, 5), "IN": (3, 6),
    "OH": (3, 7), "PA": (3, 8), "NJ": (3, 9), "CT": (3, 10),
    "CA": (4, 1), "UT": (4, 2), "CO": (4, 3), "NE": (4, 4), "MO": (4, 5), "KY": (4, 6),
    "WV": (4, 7), "VA": (4, 8), "MD": (4, 9), "DE": (4, 10),
    "AZ": (5, 2), "NM": (5, 3), "KS": (5, 4), "AR": (5, 5), "TN": (5, 6), "NC": (5, 7),
    "SC": (5, 8), "DC": (5, 9),
    "OK": (6, 4), "LA": (6, 5), "MS": (6, 6), "AL": (6, 7), "GA": (6, 8),
    "HI": (7, 0), "TX": (7, 4), "FL": (7, 9), "PR": (7, 11),
}  # fmt: skip

SUFFIXES = (".png", ".svg", ".pdf")
NO_POWER = "#111111"
OUTSIDE = "#ffffff"
EDGE = "#555555"
INDEX_LABELS = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}
#: beyond this factor from 1 the colour saturates (the bars and the table keep the value)
SATURATION = 100.0
#: the most schemes the map kind draws (one row each)
MAP_SCHEMES = 4


@dataclass(frozen=True)
class PlotKind:
    """A kind of figure: its id, what it shows, and the most schemes it can show."""

    id: str
    description: str
    draw: Callable[..., Any]
    max_schemes: int | None = None


def check_plot_path(path: str | Path) -> Path:
    """The output path, checked before any computation: a known suffix, an existing and
    writable directory, not a directory itself."""
    out = Path(path)
    if out.is_dir():
        raise PlotError(f"cannot write {out}: it is a directory")
    if out.suffix.lower() not in SUFFIXES:
        raise PlotError(
            f"cannot write {out}: the picture's format comes from the file's suffix, one of "
            f"{', '.join(SUFFIXES)}"
        )
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise PlotError(f"cannot write {out}: no directory {parent}")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise PlotError(f"cannot write {out}: permission denied")
    return out


def choose_plot_kind(schemes: int) -> str:
    """The figure for ``schemes`` schemes: maps for a few, the heat map for more."""
    return "map" if schemes <= 3 else "heatmap"


def _matplotlib():
    try:
        from matplotlib import colors, ticker
        from matplotlib.figure import Figure
        from matplotlib.patches import Patch, Rectangle
    except ImportError:
        raise PlotError(f"plotting needs matplotlib: {INSTALL_HINT}") from None
    return Figure, colors, ticker, Patch, Rectangle


def _relative(res: SchemeResult, index: str) -> dict[str, float]:
    """Per member, per-citizen power relative to a direct national vote."""
    assert res.result is not None
    field = CITIZEN_INDICES[index]
    direct = res.result.direct_banzhaf if index == "banzhaf" else res.result.direct_shapley_shubik
    return {b.label: getattr(b, field) / direct for b in res.result.blocks}


def _plain(value: float, _pos: object = None) -> str:
    """A tick label without exponents: 0.01, 0.5, 1, 2, 50."""
    if value <= 0:
        return ""
    if value >= 1:
        return f"{value:,.0f}" if value >= 10 else f"{value:g}"
    digits = max(0, -math.floor(math.log10(value)))
    return f"{value:.{digits}f}".rstrip("0").rstrip(".")


def _scale(values: Sequence[float]):
    """The colour scale: symmetric in log around 1, as wide as the data (2 to 100)."""
    _, colors, _, _, _ = _matplotlib()
    positive = [v for v in values if v > 0 and math.isfinite(v)]
    spread = max([2.0, *(max(v, 1 / v) for v in positive)])
    spread = min(spread * 1.05, SATURATION)
    return colors.LogNorm(vmin=1 / spread, vmax=spread, clip=True), spread


def _ticks(spread: float) -> list[float]:
    steps = [1, 2, 5]
    out = [1.0]
    for k in range(0, 3):
        for s in steps:
            v = s * 10.0**k
            if 1 < v <= spread:
                out += [v, 1 / v]
    return sorted(out)


def _colour_bar(fig, mappable, ax_or_axes, index: str, *, orientation="vertical") -> None:
    _, _, ticker, _, _ = _matplotlib()
    bar = fig.colorbar(mappable, ax=ax_or_axes, orientation=orientation, shrink=0.9, pad=0.02)
    spread = mappable.norm.vmax
    bar.set_ticks(_ticks(spread))
    bar.ax.minorticks_off()
    formatter = ticker.FuncFormatter(_plain)
    (bar.ax.xaxis if orientation == "horizontal" else bar.ax.yaxis).set_major_formatter(formatter)
    bar.set_label(f"{INDEX_LABELS[index]} power of one citizen / a direct national vote")


def _legend_handles():
    _, _, _, Patch, _ = _matplotlib()
    return [
        Patch(facecolor=NO_POWER, edgecolor=EDGE, label="member with no power"),
        Patch(facecolor=OUTSIDE, edgecolor=EDGE, linestyle="--", label="not a member"),
    ]


def _usable(results: Sequence[SchemeResult]) -> list[SchemeResult]:
    out = [res for res in results if res.result is not None]
    if not out:
        raise PlotError("nothing to plot: no scheme could be computed")
    return out


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


# --------------------------------------------------------------------------------------------
# Two schemes: the change on the map
# --------------------------------------------------------------------------------------------
def diff_figure(diff, *, census: int | None = None):
    """A tile map of the ratio B / A of per-citizen power (a :class:`~votepower.diff.SchemeDiff`),
    on the same diverging log scale centred at 1: red, citizens gain under B; blue, they lose.
    States in only one scheme are dashed; no power under A but some under B is dark red."""
    Figure, _, _, Patch, Rectangle = _matplotlib()
    from matplotlib import colormaps
    from matplotlib.cm import ScalarMappable

    ratios = {s.state: s.ratio for s in diff.states}
    norm, spread = _scale([r for r in ratios.values() if r is not None and math.isfinite(r)])
    cmap = colormaps["RdBu_r"]
    fig = Figure(figsize=(9.5, 6.2), layout="constrained")
    ax = fig.subplots()
    for code, (r, c) in TILES.items():
        ratio = ratios.get(code)
        if code not in ratios or ratio is None:
            face, text, style = OUTSIDE, "#999999", "--"
        elif math.isinf(ratio):
            face, text, style = cmap(1.0), "white", "-"
        else:
            face = cmap(norm(ratio))
            text = "white" if abs(math.log(ratio)) > 0.7 * math.log(spread) else "black"
            style = "-"
        ax.add_patch(Rectangle((c, -r), 0.92, 0.92, facecolor=face, edgecolor=EDGE,
                               linewidth=0.5, linestyle=style))  # fmt: skip
        label = code if ratio is None or not math.isfinite(ratio) else f"{code}\n{ratio:.2g}"
        ax.text(c + 0.46, -r + 0.46, label, ha="center", va="center", fontsize=7, color=text)
    ax.set_xlim(-0.2, 12.1)
    ax.set_ylim(-7.2, 1.1)
    ax.set_aspect("equal")
    ax.axis("off")
    _, _, ticker, _, _ = _matplotlib()
    bar = fig.colorbar(ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.8, pad=0.02)
    bar.set_ticks(_ticks(spread))
    bar.ax.minorticks_off()
    bar.ax.yaxis.set_major_formatter(ticker.FuncFormatter(_plain))
    bar.set_label(f"per-citizen power under {diff.scheme_b} / under {diff.scheme_a}")
    handles = [
        Patch(facecolor=OUTSIDE, edgecolor=EDGE, linestyle="--", label="not in both unions"),
    ]
    fig.legend(handles=handles, loc="outside lower center", fontsize=8, frameon=False)
    when = f", census {census}" if census is not None else ""
    fig.suptitle(
        f"{INDEX_LABELS[diff.index]} power of one citizen: {diff.scheme_b} against "
        f"{diff.scheme_a}{when}",
        fontsize=11,
    )
    return fig


def plot_diff(diff, path: str | Path, *, census: int | None = None) -> Path:
    """Draw :func:`diff_figure` to ``path`` (the suffix gives the format)."""
    out = check_plot_path(path)
    fig = diff_figure(diff, census=census)
    try:
        fig.savefig(out, dpi=110)
    except (OSError, ValueError) as exc:
        raise PlotError(f"cannot write {out}: {exc}") from None
    return out
