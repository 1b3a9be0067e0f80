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

from ...core.errors import PlotError
from .common import (
    INSTALL_HINT,
    MAP_SCHEMES,
    SUFFIXES,
    TILES,
    PlotKind,
    check_plot_path,
    choose_plot_kind,
)
from .comparison import PLOT_KINDS, comparison_figure, plot_comparison
from .diff import diff_figure, plot_diff
from .history import HISTORY_PLOTS, history_figure, plot_history

__all__ = [
    "TILES",
    "PLOT_KINDS",
    "PlotKind",
    "PlotError",
    "INSTALL_HINT",
    "MAP_SCHEMES",
    "SUFFIXES",
    "check_plot_path",
    "choose_plot_kind",
    "comparison_figure",
    "plot_comparison",
    "diff_figure",
    "plot_diff",
    "HISTORY_PLOTS",
    "history_figure",
    "plot_history",
]
