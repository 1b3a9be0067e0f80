"""``votepower reforms``: the Pareto frontier of objective against cost, the chosen reform,
and how the search went."""

from __future__ import annotations

from typing import Any

from ...request.reformopts import DEFAULT_BUDGET, knob
from .rowtable import RowTable, TextColumn, render_rows
from .text import _count

__all__ = ["reforms_table", "render_reforms"]


def _size(record: dict[str, Any]) -> str:
    size = record["house_size"]
    return str(size) if isinstance(size, int) else f"{size} ({record['house_seats']})"


#: the most reforms the JSON lists one by one (``evaluated_reforms``)
MAX_LISTED = 1000

#: the space's knobs, by body, in the order the JSON gives them
_SPACE = {
    "electoral-college": ("house_sizes", "methods", "senatorial_electors", "elector_rules",
                          "statehood", "switch"),
    "senate": ("senate_seats", "senate_sizes", "statehood"),
    "house": ("house_sizes", "methods", "statehood"),
}  # fmt: skip


def _value(value: float) -> str:
    """An objective as the text shows it: four decimals, five significant digits below 1 (a
    Gini of 0.0105 and 0.0103 differ), four beyond a million."""
    if abs(value) < 1:
        return f"{value:.5g}"
    return f"{value:.4f}" if value < 1e6 else f"{value:.4g}"


def _objective(record: dict[str, Any]) -> str:
    return _value(record["objective"])


def _new(record: dict[str, Any]) -> str:
    return "+".join(c for c, on in (("DC", record["dc_statehood"]),
                                    ("PR", record["pr_statehood"])) if on)  # fmt: skip


def _senate_rule(record: dict[str, Any]) -> str:
    tiers = record["senate_tiers"]
    if not tiers:
        return record["senate_seats"]
    return "tiers " + "/".join(f"{t / 1e6:g}M" if t % 100_000 == 0 else f"{t:,}" for t in tiers)


_SENATE_TEXT = (
    TextColumn("seats", _senate_rule),
    TextColumn("in all", lambda r: str(r["senate_size"])),
    TextColumn("new", _new),
    TextColumn("objective", _objective),
    TextColumn("cost", lambda r: f"{r['cost']:g}"),
)

_COLLEGE_TEXT = (
    TextColumn("House", _size),
    TextColumn("method", lambda r: r["method"]),
    TextColumn("sen. el.", lambda r: str(r["senatorial_electors"])),
    TextColumn("electors", lambda r: r["elector_rule"]),
    TextColumn("new", _new),
    TextColumn("own rule", lambda r: ", ".join(f"{c} {x}" for c, x in r["by_state"].items())),
    TextColumn("objective", _objective),
    TextColumn("cost", lambda r: f"{r['cost']:g}"),
)

_HOUSE_TEXT = (
    TextColumn("House", _size),
    TextColumn("method", lambda r: r["method"]),
    TextColumn("new", _new),
    TextColumn("objective", _objective),
    TextColumn("cost", lambda r: f"{r['cost']:g}"),
)

#: the text table's columns, by the body searched
_TEXT = {"electoral-college": _COLLEGE_TEXT, "senate": _SENATE_TEXT, "house": _HOUSE_TEXT}


def reforms_table(answer: Any) -> RowTable:
    """The frontier as a row table (cheapest first), with the search's account around it."""
    s = answer.search
    options = answer.request.option
    body = s.space.body
    rows = [p.record() for p in s.frontier]
    spec = s.objective
    chosen = s.chosen.record() if s.chosen is not None else None
    weights = ", ".join(f"{k} x {w:g}" for k, w in s.weights.items())
    word = "lowest" if spec.lower else "highest"
    notes = [
        f"Objective: {spec.description} ({s.index}); cost: {weights}.",
        f"Today's {s.space.noun}: {_value(s.today.objective)}.",
        f"Search: {s.method}.",
    ]
    if s.chosen is not None:
        if s.target is None:
            lead = f"The {word} {spec.id} on the frontier"
        else:
            lead = f"The cheapest reform with {spec.id} {'<=' if spec.lower else '>='} {s.target:g}"
        notes.append(
            f"{lead}: {s.chosen.reform.describe()}, {spec.id} {_value(s.chosen.objective)} at cost "
            f"{s.chosen.cost:g}."
        )
    elif s.why_none:
        notes.append(f"None chosen: {s.why_none}.")
    if spec.id == "inversion":
        notes.append(
            "The inversion probability is a randomized quasi-Monte Carlo estimate with the same "
            "points for every reform (compare --model empirical gives its standard error): a "
            "difference smaller than that error between two reforms is not established."
        )
    notes += [f"Not evaluated: {r.describe()}: {why}" for r, why in s.refused[:5]]
    if len(s.refused) > 5:
        notes.append(f"... and {len(s.refused) - 5} more not evaluated.")
    return RowTable(
        rows=rows,
        text=_TEXT[body],
        headline=(
            f"The frontier of {spec.id} against cost: {_count(len(rows), 'reform')} of "
            f"{len(s.evaluated):,} evaluated (census {answer.census}, {answer.basis} population)"
        ),
        notes=notes,
        head={
            "census": answer.census,
            "population_basis": answer.basis,
            "index": s.index,
            "objective": {
                "id": spec.id,
                "description": spec.description,
                "lower_is_better": spec.lower,
            },  # fmt: skip
            "cost": {"weights": dict(s.weights)},
            "body": body,
            "space": {
                "size": s.space.size,
                **{k: knob(options, k) for k in _SPACE[body]},
            },
            "budget": options.get("budget", DEFAULT_BUDGET),
            "search": s.method,
            "evaluated": len(s.evaluated),
            "today": s.today.record(),
        },
        rows_key="frontier",
        tail={
            "chosen": chosen,
            "target": s.target,
            "why_none": s.why_none,
            "not_evaluated": [{**r.fields(), "error": why} for r, why in s.refused],
            # every reform, when there are few (a search of thousands keeps its frontier)
            "evaluated_reforms": (
                [p.record() for p in s.evaluated if p.exact]
                if len(s.evaluated) <= MAX_LISTED
                else None
            ),
        },
        empty="(no reform could be evaluated)",
        # the CSV's columns: the knobs and figures (a JSON record also holds its scenario)
        csv_keys=[k for k in s.today.record() if k != "scenario"],
    )


def render_reforms(answer: Any, fmt: str = "table") -> str:
    return render_rows(reforms_table(answer), fmt)
