"""``votepower game``: one weighted game's indices in every format."""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass
from typing import Any

from ..game import WeightedGame, _fmt
from ..result import BanzhafResult, ShapleyShubikResult
from .text import (
    _COUNT_BITS,
    COUNT_DIGITS,
    _csv_cell,
    _integer,
    _json,
    _json_number,
    _json_weight,
    _text_table,
    _with_notes,
    format_value,
)


@dataclass(frozen=True)
class GameReport:
    """What ``votepower game`` shows: the game and the indices that were asked for."""

    game: WeightedGame
    banzhaf: BanzhafResult | None = None
    shapley_shubik: ShapleyShubikResult | None = None
    explanation: str | None = None

    @property
    def exact(self) -> bool:
        return any(r is not None and r.exact for r in (self.banzhaf, self.shapley_shubik))

    @property
    def swings_shown(self) -> bool:
        """Swing counts are shown when known and of at most :data:`COUNT_DIGITS` digits."""
        swings = self.banzhaf.swings if self.banzhaf is not None else None
        return swings is not None and max(swings).bit_length() <= _COUNT_BITS

    def rows(self) -> list[dict[str, Any]]:
        """One dict per player with the JSON field names."""
        out = []
        shown = self.swings_shown
        for i, label in enumerate(self.game.labels):
            row: dict[str, Any] = {"name": label, "weight": self.game.weights[i]}
            if self.banzhaf is not None:
                b = self.banzhaf
                row["swings"] = b.swings[i] if shown else None
                row["banzhaf"] = b.absolute[i]
                row["banzhaf_normalized"] = b.normalized[i]
                if b.standard_errors is not None:
                    row["banzhaf_se"] = b.standard_errors[i]
            if self.shapley_shubik is not None:
                s = self.shapley_shubik
                row["shapley_shubik"] = s.values[i]
                if s.standard_errors is not None:
                    row["shapley_shubik_se"] = s.standard_errors[i]
            out.append(row)
        return out

    def notes(self) -> list[str]:
        g = self.game
        shown = [_fmt(w) for w in g.weights]
        if len(shown) > 12:
            shown = [*shown[:10], "...", shown[-1]]
        lines = [
            f"Game [{_fmt(g.quota)}; {', '.join(shown)}]: {g.n} players, total weight "
            f"{_fmt(g.total_weight)}, quota {_fmt(g.quota)} (a coalition wins iff its weight >= "
            "the quota)"
        ]
        if not g.is_proper:
            lines.append(
                "Note: the quota is at most half the total weight, so two disjoint coalitions "
                "can both win (an improper game)."
            )
        for result, name in ((self.banzhaf, "Banzhaf"), (self.shapley_shubik, "Shapley-Shubik")):
            if result is None:
                continue
            lines.append(f"{name}: {_accuracy(result)}")
        if self.banzhaf is not None and self.banzhaf.swings is not None and not self.swings_shown:
            lines.append(
                f"Swing counts are not shown: they have more than {COUNT_DIGITS:,} digits "
                "(exact values: the library's banzhaf(..., exact=True))."
            )
        return lines


def _accuracy(result: BanzhafResult | ShapleyShubikResult) -> str:
    if result.exact:
        return f"exact ({result.method})"
    if result.standard_errors is not None:
        return (
            f"{result.method}, {result.samples:,} samples, seed {result.seed}; "
            "'se' columns are standard errors"
        )
    if result.error_estimates is not None:
        values = result.absolute if isinstance(result, BanzhafResult) else result.values
        pairs = list(zip(result.error_estimates, values, strict=True))
        worst = max((e / abs(float(v)) for e, v in pairs if v), default=0.0)
        text = f"{result.method}, floating point, estimated relative error <= {worst:.1e}"
        zeros = [e for e, v in pairs if not v]
        if zeros:
            text += f"; values shown as 0 are below {max(zeros):.1e}"
        return text
    return f"{result.method}, floating point, exactly rounded from exact counts"


_COLUMNS = [
    ("name", "player"),
    ("weight", "weight"),
    ("swings", "swings"),
    ("banzhaf", "Banzhaf"),
    ("banzhaf_se", "± se"),
    ("banzhaf_normalized", "Banzhaf (norm.)"),
    ("shapley_shubik", "Shapley-Shubik"),
    ("shapley_shubik_se", "± se"),
]


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "n/a"
    if key == "name":
        return str(value)
    if key == "weight":
        return _fmt(value)
    if key == "swings":
        return _integer(value)
    if key.endswith("_se"):
        return f"{value:.1e}"
    return format_value(value)


def render(report: GameReport, fmt: str = "table") -> str:
    """Render a report; returns the text (ending in a newline)."""
    rows = report.rows()
    keys = [k for k, _ in _COLUMNS if any(k in r for r in rows)]
    if "swings" in keys and all(r.get("swings") is None for r in rows):
        keys.remove("swings")
    if fmt == "json":
        exact = report.exact
        payload = {
            "game": {
                "quota": (
                    _json_weight(report.game.quota, True)
                    if report.game.quota.denominator != 1
                    else report.game.quota.numerator
                ),
                "total_weight": _json_weight(report.game.total_weight, True),
                "integer_weights": list(report.game.integer_weights),
                "integer_quota": report.game.integer_quota,
                "rule": "a coalition wins iff its weight >= quota",
            },
            "exact": exact,
            "methods": {
                name: r.method
                for name, r in (
                    ("banzhaf", report.banzhaf),
                    ("shapley_shubik", report.shapley_shubik),
                )
                if r is not None
            },
            **({"explanation": report.explanation} if report.explanation else {}),
            "players": [
                {
                    k: (
                        _json_weight(v, exact)
                        if k == "weight"
                        else v
                        if k in ("name", "swings")
                        else _json_number(v, exact)
                    )
                    for k, v in r.items()
                }
                for r in rows
            ],
        }
        return _json(payload)
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        for r in rows:
            writer.writerow([_csv_cell(k, r.get(k)) for k in keys])
        return buffer.getvalue()
    headers = [dict(_COLUMNS)[k] for k in keys]
    body = [[_cell(k, r.get(k)) for k in keys] for r in rows]
    table = _text_table(body, headers, fmt)
    parts = []
    if report.explanation:
        parts.append(report.explanation.rstrip("\n") + "\n")
    parts.append(_with_notes(table, report.notes(), fmt))
    return "\n".join(parts)
