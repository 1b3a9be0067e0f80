"""``votepower game``: one game's indices (weighted or multi-criteria) in every format."""

from __future__ import annotations

import csv
import io as _io
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ...core.result import BanzhafResult, IndexResult, ShapleyShubikResult
from ...games.game import WeightedGame, _fmt
from ...games.multigame import MultiCriteriaGame, SimpleGame
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

    game: SimpleGame
    banzhaf: BanzhafResult | None = None
    shapley_shubik: ShapleyShubikResult | None = None
    explanation: str | None = None
    classic: tuple[IndexResult, ...] = ()
    """Coleman, Holler-Packel, Deegan-Packel, Johnston: those asked for, in registry order."""
    skipped: tuple[str, ...] = ()
    """Notes on indices that ``--index all`` could not compute for this game, and why."""

    @property
    def results(self) -> list[BanzhafResult | ShapleyShubikResult | IndexResult]:
        return [r for r in (self.banzhaf, self.shapley_shubik, *self.classic) if r is not None]

    @property
    def exact(self) -> bool:
        return any(r.exact for r in self.results)

    @property
    def swings_shown(self) -> bool:
        """Swing counts are shown when known and of at most :data:`COUNT_DIGITS` digits."""
        swings = self.swings
        return swings is not None and max(swings).bit_length() <= _COUNT_BITS

    @property
    def swings(self) -> tuple[int, ...] | None:
        if self.banzhaf is not None:
            return self.banzhaf.swings
        coleman = [r for r in self.classic if r.index.startswith("coleman")]
        return coleman[0].counts if coleman else None

    def criteria_columns(self) -> dict[str, int]:
        """Multi-criteria games: the column key of each criterion (``members`` left out)."""
        if not isinstance(self.game, MultiCriteriaGame):
            return {}
        taken = {k for k, _ in _COLUMNS}
        return {
            (f"weight_{name}" if name in taken else name): c
            for c, name in enumerate(self.game.criteria[:-1])
        }

    def rows(self) -> list[dict[str, Any]]:
        """One dict per player with the JSON field names."""
        out = []
        shown = self.swings_shown
        swings = self.swings
        columns = self.criteria_columns()
        for i, label in enumerate(self.game.labels):
            row: dict[str, Any] = {"name": label}
            if isinstance(self.game, WeightedGame):
                row["weight"] = self.game.weights[i]
            for key, c in columns.items():
                row[key] = self.game.weights[c][i]
            if swings is not None:
                row["swings"] = swings[i] if shown else None
            if self.banzhaf is not None:
                b = self.banzhaf
                row["banzhaf"] = b.absolute[i]
                row["banzhaf_normalized"] = b.normalized[i]
                if b.standard_errors is not None:
                    row["banzhaf_se"] = b.standard_errors[i]
            if self.shapley_shubik is not None:
                s = self.shapley_shubik
                row["shapley_shubik"] = s.values[i]
                if s.standard_errors is not None:
                    row["shapley_shubik_se"] = s.standard_errors[i]
            for r in self.classic:
                if r.index == "holler-packel":
                    assert r.counts is not None
                    row[r.count_field] = r.counts[i]
                if r.scores is not None:
                    row[f"{r.field}_score"] = r.scores[i]
                row[r.field] = r.values[i]
            out.append(row)
        return out

    def facts(self) -> dict[str, Any]:
        """Numbers about the whole game from the classic indices (power to act...)."""
        out: dict[str, Any] = {}
        for r in self.classic:
            out.update(dict(r.facts))
        return out

    def notes(self) -> list[str]:
        g = self.game
        if isinstance(g, WeightedGame):
            shown = [_fmt(w) for w in g.weights]
            if len(shown) > 12:
                shown = [*shown[:10], "...", shown[-1]]
            lines = [
                f"Game [{_fmt(g.quota)}; {', '.join(shown)}]: {g.n} players, total weight "
                f"{_fmt(g.total_weight)}, quota {_fmt(g.quota)} (a coalition wins iff its weight "
                ">= the quota)"
            ]
            if not g.quota_given:
                lines.append(
                    f"No quota was given: a strict majority of the total weight, {_fmt(g.quota)}. "
                    "Write it first to set one ('16: 9 9 7 3 1 1')."
                )
            if not g.is_proper:
                lines.append(
                    "Note: the quota is at most half the total weight, so two disjoint "
                    "coalitions can both win (an improper game)."
                )
        else:
            totals = ", ".join(
                f"{name} {_fmt(sum(column, Fraction(0)))}"
                for name, column in zip(g.criteria, g.weights, strict=True)
            )
            lines = [
                f"Game: {g.n} players; a coalition wins iff {g.rule} (totals: {totals})",
            ]
        facts = self.facts()
        if "power_to_act" in facts:
            lines.append(
                f"Coleman's power of the collectivity to act: {format_value(facts['power_to_act'])}"
                f" ({_integer(facts['winning_coalitions'])} of {_integer(facts['coalitions'])} "
                "coalitions win)"
            )
        if "minimal_winning_coalitions" in facts:
            lines.append(
                f"Minimal winning coalitions: {_integer(facts['minimal_winning_coalitions'])}"
            )
        if "vulnerable_coalitions" in facts:
            lines.append(
                "Winning coalitions with a critical member (Johnston): "
                f"{_integer(facts['vulnerable_coalitions'])}"
            )
        accuracy: dict[str, list[str]] = {}  # one line per kind of accuracy
        for result in self.results:
            accuracy.setdefault(_accuracy(result), []).append(_NAMES[result_id(result)])
        for text, names in accuracy.items():
            lines.append(f"{', '.join(names)}: {text}")
        swings = self.swings
        if swings is not None and not self.swings_shown:
            lines.append(
                f"Swing counts are not shown: they have more than {COUNT_DIGITS:,} digits "
                "(exact values: the library's banzhaf(..., exact=True))."
            )
        lines += list(self.skipped)
        return lines


def result_id(result: BanzhafResult | ShapleyShubikResult | IndexResult) -> str:
    if isinstance(result, IndexResult):
        return result.index
    return "banzhaf" if isinstance(result, BanzhafResult) else "shapley-shubik"


_NAMES = {
    "banzhaf": "Banzhaf",
    "shapley-shubik": "Shapley-Shubik",
    "coleman-prevent": "Coleman (prevent)",
    "coleman-initiate": "Coleman (initiate)",
    "holler-packel": "Holler-Packel",
    "deegan-packel": "Deegan-Packel",
    "johnston": "Johnston",
}


def _accuracy(result: BanzhafResult | ShapleyShubikResult | IndexResult) -> str:
    if result.exact:
        return f"exact ({result.method})"
    if result.standard_errors is not None:
        return (
            f"{result.method}, {result.samples:,} samples, seed {result.seed}; "
            "'se' columns are standard errors"
        )
    if result.error_estimates is not None:
        values = result.absolute if isinstance(result, BanzhafResult) else result.values  # type: ignore[union-attr]
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
    ("coleman_prevent", "Coleman prevent"),
    ("coleman_initiate", "Coleman initiate"),
    ("holler_packel_count", "MWCs"),
    ("holler_packel", "Holler-Packel"),
    ("deegan_packel", "Deegan-Packel"),
    ("johnston_score", "Johnston score"),
    ("johnston", "Johnston"),
]


def _cell(key: str, value: Any) -> str:
    if value is None:
        return "n/a"
    if key == "name":
        return str(value)
    if key == "weight" or key not in _KEYS:  # a weight, or a criterion's weight
        return _fmt(value)
    if key in ("swings", "holler_packel_count"):
        return _integer(value)
    if key.endswith("_se"):
        return f"{value:.1e}"
    return format_value(value)


_KEYS = {k for k, _ in _COLUMNS}


def render(report: GameReport, fmt: str = "table") -> str:
    """Render a report; returns the text (ending in a newline)."""
    rows = report.rows()
    criteria = list(report.criteria_columns())
    keys = [k for k, _ in _COLUMNS if any(k in r for r in rows)]
    keys = keys[:1] + criteria + keys[1:]
    if "swings" in keys and all(r.get("swings") is None for r in rows):
        keys.remove("swings")
    if fmt == "json":
        exact = report.exact
        payload = {
            "game": {
                **_json_game(report.game),
                **{
                    k: _json_number(v, exact) if isinstance(v, Fraction | float) else v
                    for k, v in report.facts().items()
                },
            },
            "exact": exact,
            "methods": {result_id(r).replace("-", "_"): r.method for r in report.results},
            **({"explanation": report.explanation} if report.explanation else {}),
            "players": [
                {
                    k: (
                        _json_weight(v, exact)
                        if k == "weight" or k in criteria
                        else v
                        if k in ("name", "swings", "holler_packel_count")
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
            writer.writerow([_csv_cell("weight" if k in criteria else k, r.get(k)) for k in keys])
        return buffer.getvalue()
    headers = [dict(_COLUMNS).get(k, k) for k in keys]
    body = [[_cell(k, r.get(k)) for k in keys] for r in rows]
    table = _text_table(body, headers, fmt)
    parts = []
    if report.explanation:
        parts.append(report.explanation.rstrip("\n") + "\n")
    parts.append(_with_notes(table, report.notes(), fmt))
    return "\n".join(parts)


def _json_game(game: SimpleGame) -> dict[str, Any]:
    if isinstance(game, WeightedGame):
        return {
            "quota": (
                _json_weight(game.quota, True)
                if game.quota.denominator != 1
                else game.quota.numerator
            ),
            "total_weight": _json_weight(game.total_weight, True),
            "integer_weights": list(game.integer_weights),
            "integer_quota": game.integer_quota,
            "quota_given": game.quota_given,
            "rule": "a coalition wins iff its weight >= quota",
        }
    return {
        "players": game.n,
        "rule": str(game.rule),
        "criteria": {
            name: _json_weight(sum(column, Fraction(0)), True)
            for name, column in zip(game.criteria, game.weights, strict=True)
        },
    }
