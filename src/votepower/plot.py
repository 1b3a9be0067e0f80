"""Plots of per-citizen power: a US tile-grid map and a sorted bar chart per scheme.

Needs matplotlib (``pip install 'votepower[plot]'``); nothing else in votepower imports it.
Colours show each state's per-citizen power relative to a direct national vote of the same
people (1 = as much power as in a national popular vote), on a logarithmic scale centred at 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .citizens import CITIZEN_INDICES
from .compare import SchemeResult
from .errors import PlotError

__all__ = ["TILES", "plot_comparison", "PlotError"]


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


def plot_comparison(
    results: Sequence[SchemeResult], path: str | Path, *, index: str = "banzhaf"
) -> Path:
    """Draw one row per scheme (map and sorted bars) and save to ``path`` (PNG, SVG, PDF)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        from matplotlib import colors
    except ImportError:
        raise PlotError("plotting needs matplotlib: pip install 'votepower[plot]'") from None
    field = CITIZEN_INDICES[index]
    results = [res for res in results if res.result is not None]
    if not results:
        raise PlotError("nothing to plot")
    rows = len(results)
    fig, axes = plt.subplots(rows, 2, figsize=(13, 3.2 * rows), squeeze=False)
    ratios_all: list[float] = []
    for res in results:
        assert res.result is not None
        direct = (
            res.result.direct_banzhaf if index == "banzhaf" else res.result.direct_shapley_shubik
        )
        ratios_all.extend(
            getattr(b, field) / direct for b in res.result.blocks if getattr(b, field) > 0
        )
    spread = max(2.0, max(max(ratios_all), 1 / min(ratios_all))) if ratios_all else 2.0
    spread = min(spread, 100.0)  # beyond a factor of 100 the colour saturates
    norm = colors.LogNorm(vmin=1 / spread, vmax=spread, clip=True)
    cmap = plt.get_cmap("RdBu_r")
    for row, res in enumerate(results):
        assert res.result is not None
        direct = (
            res.result.direct_banzhaf if index == "banzhaf" else res.result.direct_shapley_shubik
        )
        values = {b.label: getattr(b, field) / direct for b in res.result.blocks}
        ax_map, ax_bar = axes[row]
        for code, (r, c) in TILES.items():
            value = values.get(code)
            colour = "#dddddd" if value is None or value <= 0 else cmap(norm(value))
            ax_map.add_patch(plt.Rectangle((c, -r), 0.95, 0.95, color=colour))
            ax_map.text(c + 0.47, -r + 0.47, code, ha="center", va="center", fontsize=7)
        ax_map.set_xlim(-0.2, 12.2)
        ax_map.set_ylim(-7.2, 1.2)
        ax_map.set_aspect("equal")
        ax_map.axis("off")
        summary = res.summaries.get(index)
        ratio = "" if summary is None else f" (max/min {summary.ratio:.3g})"
        ax_map.set_title(f"{res.scheme}{ratio}", fontsize=9)
        ordered = sorted(values.items(), key=lambda kv: kv[1], reverse=True)
        floor, ceiling = 1 / (2 * spread), 2 * spread
        heights = [min(max(v, floor), ceiling) for _, v in ordered]  # zero power: at the floor
        ax_bar.bar(
            range(len(ordered)),
            heights,
            color=[cmap(norm(v)) if v > 0 else "#dddddd" for _, v in ordered],
        )
        ax_bar.set_ylim(floor, ceiling)
        ax_bar.set_xticks(range(len(ordered)))
        ax_bar.set_xticklabels([code for code, _ in ordered], rotation=90, fontsize=6)
        ax_bar.axhline(1.0, color="black", linewidth=0.6)
        ax_bar.set_yscale("log")
        ax_bar.set_ylabel("per citizen / direct vote", fontsize=8)
    label = "Banzhaf" if index == "banzhaf" else "Shapley-Shubik"
    fig.suptitle(f"{label} power of one citizen, relative to a direct national vote", fontsize=11)
    fig.tight_layout()
    out = Path(path)
    try:
        fig.savefig(out, dpi=90)
    except (OSError, ValueError) as exc:
        raise PlotError(f"cannot write {out}: {exc}") from None
    finally:
        plt.close(fig)
    return out
