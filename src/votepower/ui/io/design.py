"""``votepower design``: a designed chamber (or the frontier of designs) in every format."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...us.design import Design
from ...us.design.rule import RuleDesign
from .text import _json, _ratio_fields, _records_csv, _text_table
from .view import wrap_notes

__all__ = ["DesignReport", "render_design"]

_INDEX = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}


@dataclass(frozen=True)
class DesignReport:
    """What ``votepower design`` shows."""

    census: int
    basis: str
    design: Design | None = None
    frontier: tuple[Design, ...] = ()
    limit: str | None = None
    """Why the target was not reached, when it was not."""
    saved: str | None = None
    seconds: float = 0.0
    """The frontier's time budget, shared by its designs."""
    rule: RuleDesign | None = None
    """A designed double majority (``--rule``)."""


def _summary(d: Design) -> dict[str, Any]:
    return {
        "total_weight": d.total_weight,
        "quota": d.quota,
        "quota_share": d.quota / d.total_weight,
        **_ratio_fields(d.ratio),
        "gini": d.gini,
        "mean_relative_to_direct": d.mean_relative_to_direct,
        "power_to_act": d.power_to_act,
    }


def _rows(d: Design) -> list[dict[str, Any]]:
    base = d.baseline
    rows = []
    for i, code in enumerate(d.members):
        row: dict[str, Any] = {
            "state": code,
            "population": d.people[i],
            "weight": d.weights[i],
            "relative_to_mean": d.relative[i],
        }
        if base is not None:
            row["baseline_weight"] = base.weights[i]
            row["baseline_relative_to_mean"] = base.relative[i]
        rows.append(row)
    rows.sort(key=lambda r: (-r["population"], r["state"]))
    return rows


def render_design(report: DesignReport, fmt: str = "table") -> str:
    if report.rule is not None:
        return _render_rule(report, report.rule, fmt)
    if report.frontier:
        return _render_frontier(report, fmt)
    d = report.design
    assert d is not None
    rows = _rows(d)
    if fmt == "json":
        payload: dict[str, Any] = {
            "census": report.census,
            "population_basis": report.basis,
            "index": d.index,
            "bound": d.bound,
            "weights": d.as_dict(),
            **_summary(d),
            "target": d.target,
            "target_reached": d.target is None or d.ratio <= d.target,
            "limit": report.limit,
            "iterations": d.iterations,
            "stopped": d.stopped,
            "method": d.method,
            "members": rows,
            "baseline": None
            if d.baseline is None
            else {"weights": d.baseline.as_dict(), **_summary(d.baseline)},
            "saved": report.saved,
        }
        return _json(payload)
    if fmt == "csv":
        return _records_csv(rows)
    keys = list(rows[0])
    headers = {
        "state": "state",
        "population": "population",
        "weight": "weight",
        "relative_to_mean": "power / mean",
        "baseline_weight": "sqrt weight",
        "baseline_relative_to_mean": "sqrt power / mean",
    }
    body = [
        [
            r["state"],
            f"{r['population']:,}",
            str(r["weight"]),
            f"{r['relative_to_mean']:.5f}",
            *(
                [str(r["baseline_weight"]), f"{r['baseline_relative_to_mean']:.5f}"]
                if "baseline_weight" in r
                else []
            ),
        ]
        for r in rows
    ]
    table = _text_table(body, [headers[k] for k in keys], fmt, left=1)
    index = _INDEX[d.index]
    head = (
        f"A chamber of {len(d.members)} members voting as blocs, designed for equal per-citizen "
        f"{index} power: {report.census} census, {report.basis} population."
    )
    notes = [
        f"Design: total weight {d.total_weight:,} (bound {d.bound:,}), quota {d.quota:,} "
        f"({d.quota / d.total_weight:.2%}); max/min {d.ratio:.6f}, Gini {d.gini:.6f}, mean "
        f"power {d.mean_relative_to_direct:.4f} x a direct national vote, power to act "
        f"{d.power_to_act:.4f}.",
    ]
    if d.baseline is not None:
        b = d.baseline
        notes.append(
            f"Square-root baseline (rounded weights, optimal quota {b.quota:,}): max/min "
            f"{b.ratio:.6f}, Gini {b.gini:.6f}, power to act {b.power_to_act:.4f}."
        )
    notes.append(f"Search: {d.method}; {d.iterations} steps; stopped: {d.stopped}.")
    if d.target is not None:
        reached = "reached" if d.ratio <= d.target else "not reached"
        notes.append(f"Target max/min {d.target:g}: {reached}.")
    if report.limit:
        notes.append(report.limit)
    if report.saved:
        notes.append(f"Saved as a scenario: {report.saved} (votepower compare --scenario).")
    notes = wrap_notes(notes, fmt)
    return _page(head, table, notes, fmt)


def _render_frontier(report: DesignReport, fmt: str) -> str:
    rows = [
        {**_summary(d), "iterations": d.iterations, "stopped": d.stopped} for d in report.frontier
    ]
    if fmt == "json":
        designs = [
            {**r, "weights": d.as_dict()} for r, d in zip(rows, report.frontier, strict=True)
        ]
        return _json({"census": report.census, "population_basis": report.basis,
                      "index": report.frontier[0].index, "frontier": designs})  # fmt: skip
    if fmt == "csv":
        return _records_csv(rows)
    body = [
        [
            f"{r['quota_share']:.2%}",
            f"{r['quota']:,}",
            f"{r['total_weight']:,}",
            "inf" if r["ratio_infinite"] else f"{r['ratio']:.5f}",
            f"{r['gini']:.6f}",
            f"{r['power_to_act']:.4f}",
            f"{r['mean_relative_to_direct']:.4f}",
        ]
        for r in rows
    ]
    headers = ["quota", "quota weight", "total", "max/min", "Gini", "power to act",
               "mean / direct"]  # fmt: skip
    table = _text_table(body, headers, fmt, left=0)
    d = report.frontier[0]
    head = (
        f"The trade-off: the most equal design at each quota, {len(d.members)} members, "
        f"{_INDEX[d.index]} per citizen, {report.census} census, {report.basis} population."
    )
    notes = wrap_notes(
        [
            "Power to act: the share of all coalitions of members that pass a measure "
            "(Coleman); mean / direct: the average citizen's power over a direct national vote.",
            f"Each design searched for at most {report.seconds / len(report.frontier):.2g} s of "
            "work; a higher quota protects minorities and passes less.",
        ],
        fmt,
    )
    return _page(head, table, notes, fmt)


def _render_rule(report: DesignReport, d: RuleDesign, fmt: str) -> str:
    rows = sorted(d.to_records(), key=lambda r: (-r["population"], r["state"]))
    summary = {
        "rule": d.rule,
        "member_threshold": d.member_threshold,
        "population_share": d.population_share,
        **_ratio_fields(d.ratio),
        "gini": d.gini,
        "mean_relative_to_direct": d.mean_relative_to_direct,
        "power_to_act": d.power_to_act,
        "relative_error": d.relative_error,
    }
    if fmt == "json":
        thresholds = [
            {"members": k, "population_share": s, **_ratio_fields(r)} for k, s, r in d.by_threshold
        ]
        return _json({"census": report.census, "population_basis": report.basis, **summary,
                      "by_member_threshold": thresholds, "members": rows})  # fmt: skip
    if fmt == "csv":
        return _records_csv(rows)
    body = [[r["state"], f"{r['population']:,}", f"{r['relative_to_mean']:.4f}"] for r in rows]
    table = _text_table(body, ["state", "population", "power / mean"], fmt, left=1)
    head = (
        f"A double majority of {len(d.members)} members voting as blocs, designed for equal "
        f"per-citizen Banzhaf power: {report.census} census, {report.basis} population."
    )
    best = sorted((row for row in d.by_threshold if row[0] != d.member_threshold),
                  key=lambda row: row[2])[:3]  # fmt: skip
    accuracy = (
        "exact (every coalition)"
        if d.relative_error == 0
        else f"sampled: each member's index within {d.relative_error:.1%} (one standard error)"
    )
    notes = wrap_notes(
        [
            f"Rule: {d.rule}; max/min {d.ratio:.4f}, Gini {d.gini:.4f}, mean power "
            f"{d.mean_relative_to_direct:.4f} x a direct national vote, power to act "
            f"{d.power_to_act:.4f}; {accuracy}.",
            "The best of other member thresholds (on the search's sample): "
            + "; ".join(f"{k} members with {s:.1%} of the people, {r:.4f}" for k, s, r in best)
            + ".",
            "Every member threshold from a majority to unanimity and every population share "
            "from 50% to 95% in steps of 0.25% was tried (votepower docs design).",
        ],
        fmt,
    )
    return _page(head, table, notes, fmt)


def _page(head: str, table: str, notes: list[str], fmt: str) -> str:
    """A heading, the table and its notes (a bold heading and a bullet list in Markdown)."""
    if fmt == "markdown":
        return f"**{head}**\n\n{table}\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"
    return head + "\n\n" + table + "\n\n" + "\n".join(notes) + "\n"
