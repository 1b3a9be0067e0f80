"""``votepower history``: one row per scheme, census and index."""

from __future__ import annotations

import math
from typing import Any

from ...request.history import ElectionHistory, History, UnitPowerHistory
from .empirical import model_fields
from .text import _finite, _json, _records_csv, _text_table, _with_notes

__all__ = ["render_history"]

_NAMES = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}


def _not_available(records: list[dict[str, Any]], year: str) -> list[str]:
    """One note per scheme and reason that could not be computed: the years (``year``: the
    records' census or election key) that share that reason (a reason naming a year is said
    for that year only)."""
    missing: dict[tuple[str, str], list[int]] = {}
    for r in records:
        if r["error"] is not None:
            missing.setdefault((r["scheme"], r["error"]), []).append(r[year])
    return [
        f"Not available: {scheme} ({', '.join(map(str, sorted(set(years))))}): {reason}"
        for (scheme, reason), years in missing.items()
    ]


def render_history(history: History, fmt: str = "table") -> str:
    records = history.to_records()
    if fmt == "json":
        return _json(
            {
                "population": history.population,
                "rows": [{k: _finite(v) for k, v in r.items()} for r in records],
            }
        )
    if fmt == "csv":
        return _records_csv(records)
    shown = [r for r in records if r["error"] is None]
    body = [
        [
            r["scheme"],
            str(r["census"]),
            str(r["first_election"]),
            _NAMES[r["index"]],
            r["max_state"] or "(all equal)",
            r["min_state"] or "(all equal)",
            "inf" if math.isinf(r["ratio"]) else f"{r['ratio']:.3f}",
            f"{r['gini']:.4f}",
            f"{r['mean_relative_to_direct']:.4f}",
        ]
        for r in shown
    ]
    headers = ["scheme", "census", "election", "index", "most", "least", "ratio", "Gini",
               "mean / direct"]  # fmt: skip
    table = _text_table(body, headers, fmt, left=6) if body else "(no row could be computed)"
    bases = sorted({(r["census"], r["population_basis"]) for r in records})
    used = sorted({b for _, b in bases})
    notes = [
        f"Per-citizen power over {len({r['census'] for r in records})} censuses: "
        f"{', '.join(used)} population",
        "Each census's row is the body of the first presidential election under its "
        "apportionment (election column); no apportionment followed the 1920 census. "
        "Most/least: the state whose citizens have the most/least power; ratio: theirs; Gini: "
        "population-weighted; mean / direct: relative to a direct national vote.",
    ]
    if len(used) > 1 or history.population not in used:
        fallback = sorted({c for c, b in bases if b != history.population})
        notes.append(
            f"The {history.population} population is packaged only for some censuses: "
            f"{', '.join(map(str, fallback))} use the apportionment population."
        )
    if any(r["census"] == 1910 for r in records):
        notes.append(
            "1910: Arizona and New Mexico (admitted 1912, after the apportionment base) count "
            "their census resident population."
        )
    notes += _not_available(records, "census")
    return _with_notes(table, notes, fmt)


def render_per_state(history: History, fmt: str = "table", *, rank: bool = False) -> str:
    """The states x censuses matrix of one scheme: per-citizen power relative to a direct
    national vote (or the state's rank), states ordered by the last census."""
    records = history.state_records()
    if fmt == "json":
        return _json(
            {
                "population": history.population,
                "per_state": [{k: _finite(v) for k, v in r.items()} for r in records],
            }
        )
    if fmt == "csv":
        return _records_csv(records)
    censuses = sorted({r["census"] for r in records})
    cell = {(r["state"], r["census"]): r for r in records}
    last = censuses[-1]
    states = sorted(
        {r["state"] for r in records},
        key=lambda c: (c not in {s for s, y in cell if y == last},
                       -(cell[(c, last)]["relative_to_direct"] if (c, last) in cell else 0), c),
    )  # fmt: skip
    body = []
    for code in states:
        row = [code]
        for year in censuses:
            r = cell.get((code, year))
            if r is None:
                row.append("-")
            else:
                row.append(str(r["rank"]) if rank else f"{r['relative_to_direct']:.3f}")
        body.append(row)
    headers = ["state", *map(str, censuses)]
    table = _text_table(body, headers, fmt)
    scheme = records[0]["scheme"]
    what = "rank of its citizens' power (1: the most powerful)" if rank else (
        "per-citizen power relative to a direct national vote"
    )  # fmt: skip
    notes = [
        f"{scheme}, {_NAMES[records[0]['index']]}: each state's {what}, census by census",
        f"{history.population} population; '-': not a member (or no data) in that census. "
        f"States ordered by the {last} census.",
    ]
    return _with_notes(table, notes, fmt)


def render_elections(history: ElectionHistory, fmt: str = "table") -> str:
    """One row per scheme and election under the empirical model."""
    records = history.to_records()
    if fmt == "json":
        return _json(
            {
                "model": model_fields(history.parameters),
                "rows": [{k: _finite(v) for k, v in r.items()} for r in records],
            }
        )
    if fmt == "csv":
        return _records_csv(records)
    shown = [r for r in records if r["error"] is None]
    body = [
        [
            r["scheme"],
            str(r["election"]),
            r["max_state"] or "(equal)",
            r["min_state"] or "(equal)",
            f"{r['ratio']:.3g}",
            f"{r['gini']:.3f}",
            f"{r['mean_relative_to_popular_vote']:.3f}",
            f"{r['win_probability']:.3f}",
            "-" if r["inversion_probability"] is None else f"{r['inversion_probability']:.3f}",
        ]
        for r in shown
    ]
    headers = ["scheme", "year", "most", "least", "ratio", "Gini", "x pop.", "P(D)", "P(inv.)"]
    table = _text_table(body, headers, fmt, left=4) if body else "(no row could be computed)"
    p = history.parameters
    notes = [
        f"The empirical model, election by election ({len({r['election'] for r in records})} "
        "elections): the probability that one voter decides",
        f"Each election's states lean as they voted that year, in the Electoral College of the "
        f"census in force; shift {p.shift:+.4f}, national_sd {p.national_sd:.4f}, state_sd "
        f"{p.state_sd:.4f}. Most/least: the states with the most/least decisive voters; ratio: "
        "theirs; Gini weighted by voters; x pop.: the mean voter relative to the national "
        "popular vote; P(D): the Democrat wins; P(inv.): an inversion (randomized quasi-Monte "
        "Carlo). The census in force for each year is in the JSON and CSV.",
    ]
    if history.left_out:
        notes.append(
            "The empirical model is a model of presidential elections: the Electoral College "
            f"schemes and the national popular vote; left out: {', '.join(history.left_out)}."
        )
    notes += _not_available(records, "election")
    return _with_notes(table, notes, fmt)


def render_unit_power(history: UnitPowerHistory, index: str, fmt: str = "table") -> str:
    """The states' own indices in the Electoral College, states x censuses (in percent); the
    plain table in blocks of censuses that fit 100 columns."""
    records = history.to_records()
    if fmt == "json":
        return _json({"unit_power": [{k: _finite(v) for k, v in r.items()} for r in records]})
    if fmt == "csv":
        return _records_csv(records)
    key = "banzhaf_normalized" if index == "banzhaf" else "shapley_shubik"
    censuses = sorted({r["census"] for r in records})
    cell = {(r["state"], r["census"]): r for r in records}
    last = censuses[-1]

    def order(code: str) -> tuple[float, str]:
        return (-(cell[(code, last)][key] if (code, last) in cell else -1.0), code)

    states = sorted({r["state"] for r in records}, key=order)
    per_block = 11 if fmt == "table" else len(censuses)
    tables = []
    for start in range(0, len(censuses), per_block):
        block = censuses[start : start + per_block]
        body = [
            [
                code,
                *(f"{100 * cell[(code, y)][key]:.2f}" if (code, y) in cell else "-" for y in block),
            ]  # fmt: skip
            for code in states
        ]
        tables.append(_text_table(body, ["state", *map(str, block)], fmt))
    name = "normalized Banzhaf index" if index == "banzhaf" else "Shapley-Shubik index"
    notes = [
        f"The states' own power in the Electoral College ({name}, percent), census by census",
        "The weighted game of electoral votes (House seats + 2; DC 3 from the 1960 census), a "
        "majority wins; each census's College is that of the first election under its "
        "apportionment. '-': not a state at that census (a state admitted between censuses "
        "appears from the next). Not modelled: the electors' two votes before 1804, the "
        "seceded states' absence in 1864 and 1868.",
    ]
    return _with_notes("\n\n".join(tables), notes, fmt)
