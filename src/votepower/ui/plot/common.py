"""What the pictures share: the tile grid, colours, the log scale centred at 1 with plain tick
labels, the output path's check and matplotlib's import (with how to install it)."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...citizens import CITIZEN_INDICES
from ...core.errors import PlotError
from ...request.compare import SchemeResult

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
