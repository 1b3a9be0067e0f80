"""A designed chamber: each member's per-citizen power against the square-root baseline, and
the frontier of designs (equality against the power to act)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ...core.errors import PlotError
from .common import INDEX_LABELS, _matplotlib, check_plot_path


def design_figure(design):
    """Bars: each member's per-citizen power over the population-weighted mean, members by
    population (largest left), the design against the rounded square-root weights."""
    Figure, _, _, _, _ = _matplotlib()
    order = sorted(range(len(design.members)), key=lambda i: -design.people[i])
    codes = [design.members[i] for i in order]
    fig = Figure(figsize=(12, 4.8), layout="constrained")
    ax = fig.subplots()
    xs = range(len(codes))
    if design.baseline is not None:
        base = design.baseline.relative
        ax.plot(
            xs,
            [base[i] for i in order],
            "o",
            color="#bbbbbb",
            markersize=4,
            label=f"square-root weights, optimal quota (max/min {design.baseline.ratio:.4f})",
        )
    ax.plot(xs, [design.relative[i] for i in order], "o", color="#b2182b", markersize=4,
            label=f"design (max/min {design.ratio:.5f})")  # fmt: skip
    ax.axhline(1.0, color="#333333", linewidth=0.8)
    ax.set_xticks(list(xs), codes, rotation=90, fontsize=7)
    ax.set_ylabel("per-citizen power / population-weighted mean")
    fig.legend(loc="outside lower center", ncols=2, fontsize=8, frameon=False)
    fig.suptitle(
        f"Equal {INDEX_LABELS[design.index]} power per citizen: total weight "
        f"{design.total_weight:,}, quota {design.quota:,} "
        f"({design.quota / design.total_weight:.1%})",
        fontsize=11,
    )
    return fig


def frontier_figure(designs: Sequence):
    """The trade-off: max/min ratio and power to act against the quota share."""
    Figure, _, _, _, _ = _matplotlib()
    shares = [d.quota / d.total_weight for d in designs]
    fig = Figure(figsize=(8, 4.8), layout="constrained")
    ax = fig.subplots()
    ax.plot(shares, [d.ratio for d in designs], "o-", color="#b2182b", label="max/min (left)")
    ax.set_xlabel("quota (share of the total weight)")
    ax.set_ylabel("max/min per-citizen power", color="#b2182b")
    other = ax.twinx()
    other.plot(shares, [d.power_to_act for d in designs], "s--", color="#2166ac",
               label="power to act (right)")  # fmt: skip
    other.plot(shares, [d.mean_relative_to_direct for d in designs], "^:", color="#4d9221",
               label="mean power / direct vote (right)")  # fmt: skip
    other.set_ylabel("power to act; mean power / direct vote")
    other.set_ylim(bottom=0)
    handles = ax.get_legend_handles_labels()[0] + other.get_legend_handles_labels()[0]
    fig.legend(handles=handles, loc="outside lower center", ncols=3, fontsize=8, frameon=False)
    d = designs[0]
    fig.suptitle(
        f"The most equal chamber at each quota: {len(d.members)} members, total weight at most "
        f"{d.bound:,}",
        fontsize=11,
    )
    return fig


def _save(fig, path: str | Path) -> Path:
    out = check_plot_path(path)
    try:
        fig.savefig(out, dpi=110)
    except (OSError, ValueError) as exc:
        raise PlotError(f"cannot write {out}: {exc}") from None
    return out


def plot_design(design, path: str | Path) -> Path:
    """Draw :func:`design_figure` to ``path`` (the suffix gives the format)."""
    return _save(design_figure(design), path)


def plot_frontier(designs: Sequence, path: str | Path) -> Path:
    """Draw :func:`frontier_figure` to ``path``."""
    return _save(frontier_figure(designs), path)
