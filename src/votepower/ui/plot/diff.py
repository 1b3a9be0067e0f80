"""Two schemes: the ratio of per-citizen power on the tile map."""

from __future__ import annotations

import math
from pathlib import Path

from ...core.errors import PlotError
from .common import (
    EDGE,
    INDEX_LABELS,
    OUTSIDE,
    TILES,
    _matplotlib,
    _plain,
    _scale,
    _ticks,
    check_plot_path,
)


# --------------------------------------------------------------------------------------------
# Two schemes: the change on the map
# --------------------------------------------------------------------------------------------
def diff_figure(diff, *, census: int | None = None):
    """A tile map of the ratio B / A of per-citizen power (a
    :class:`~votepower.request.diff.SchemeDiff`), on the same diverging log scale centred at 1:
    red, citizens gain under B; blue, they lose.
    States in only one scheme are dashed; no power under A but some under B is dark red, some
    under A and none under B dark blue."""
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
        elif ratio == 0.0:  # power under A, none under B (a null player there)
            face, text, style = cmap(0.0), "white", "-"
        else:
            face = cmap(norm(ratio))
            text = "white" if abs(math.log(ratio)) > 0.7 * math.log(spread) else "black"
            style = "-"
        ax.add_patch(Rectangle((c, -r), 0.92, 0.92, facecolor=face, edgecolor=EDGE,
                               linewidth=0.5, linestyle=style))  # fmt: skip
        label = code if ratio is None or not math.isfinite(ratio) else f"{code}\n{ratio:.2g}"
        if ratio == 0.0:
            label = f"{code}\n0"
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
