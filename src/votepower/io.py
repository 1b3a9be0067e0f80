"""Reading user games and rendering results as text: table, markdown, csv, json.

Nothing here computes power; nothing elsewhere prints.

Game specifications
-------------------
``"QUOTA: W1 W2 ..."`` with optional labels ``"16: A=9 B=9 C=7"`` (also ``A:9``); the quota may
also be a share (``"2/3: ..."``, ``"50%: ..."``) or be left out (strict majority). The
literature's notation ``"[16; 9, 9, 7, 3, 1, 1]"`` works too, and ``7x5`` stands for five players
of weight 7.
"""

from __future__ import annotations

import csv
import functools
import io as _io
import json
import math
import re
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from tabulate import tabulate

from .apportion import Apportionment
from .citizens import CITIZEN_INDICES, CitizenPowerResult, Summary, summarize
from .compare import SchemeResult
from .errors import InvalidGameError
from .game import MAX_PLAYERS, WeightedGame, _fmt, to_fraction
from .process import Process, ProcessResult, StateCitizenPower
from .result import BanzhafResult, ShapleyShubikResult, Value

__all__ = [
    "parse_game",
    "read_game_csv",
    "GameReport",
    "render",
    "FORMATS",
    "format_value",
    "ApportionmentReport",
    "render_apportionment",
    "StatesReport",
    "render_states",
    "CompareReport",
    "render_compare",
]

FORMATS = ("table", "markdown", "csv", "json")

#: exact counts of more digits than this are not printed (Python's own limit for converting
#: integers to text, and a bound on the size of the output)
COUNT_DIGITS = 4300
_COUNT_BITS = int(COUNT_DIGITS / 0.30102999566398120)

_REPEAT = re.compile(r"^(?P<weight>[^x*=:]+)[x*](?P<count>[0-9]+)$")
_LABELLED = re.compile(r"^(?P<label>[^=:]+)[=:](?P<weight>.+)$")


def _looks_like_quota(text: str) -> bool:
    text = text.strip()
    if not text:
        return False
    try:
        to_fraction(text.rstrip("%"))
    except InvalidGameError:
        return False
    return True


def parse_game(spec: str) -> WeightedGame:
    """Parse a game specification (see the module docstring).

    >>> parse_game("16: 9 9 7 3 1 1")
    WeightedGame([16; 9, 9, 7, 3, 1, 1])
    >>> parse_game("[39; 7x5, 1x10]").n
    15
    >>> parse_game("2/3: A=50 B=30 C=20").labels
    ('A', 'B', 'C')
    >>> parse_game("16: 9 x 7")
    Traceback (most recent call last):
    ...
    votepower.errors.InvalidGameError: weight 'x' is not a number
    """
    text = spec.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    quota: str | None = None
    for sep in (";", ":"):
        head, found, tail = text.partition(sep)
        if found and (sep == ";" or _looks_like_quota(head)):
            quota, text = head.strip(), tail
            break
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    if not tokens:
        raise InvalidGameError(f"no weights in game specification {spec!r}")
    players = 0
    for token in tokens:
        repeat = _REPEAT.match(token)
        players += int(repeat.group("count")) if repeat else 1
        if players > MAX_PLAYERS:
            raise InvalidGameError(f"a game may have at most {MAX_PLAYERS:,} players")
    weights: list[str] = []
    labels: list[str] = []
    for token in tokens:
        labelled = _LABELLED.match(token)
        repeat = _REPEAT.match(token)
        if labelled and not _looks_like_quota(labelled.group("label")):
            labels.append(labelled.group("label"))
            weights.append(labelled.group("weight"))
        elif repeat:
            count = int(repeat.group("count"))
            if count < 1:
                raise InvalidGameError(f"repeat count in {token!r} must be at least 1")
            weights.extend([repeat.group("weight")] * count)
        else:
            weights.append(token)
    if labels and len(labels) != len(weights):
        raise InvalidGameError("either every player has a label (A=9) or none has")
    return WeightedGame(weights, quota, labels=labels or None)


def read_game_csv(path: str | Path, quota: str | None = None) -> WeightedGame:
    """Read ``label,weight`` rows (a header row is optional) into a game."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise InvalidGameError(f"{path} is larger than {MAX_FILE_BYTES // 2**20} MiB")
        text = data.decode("utf-8-sig")
    except OSError as exc:
        raise InvalidGameError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InvalidGameError(
            f"{path} is not a text file in UTF-8 (a CSV of label,weight)"
        ) from None
    try:
        rows = [r for r in csv.reader(_io.StringIO(text)) if any(cell.strip() for cell in r)]
    except csv.Error as exc:
        raise InvalidGameError(f"{path} is not a CSV file of label,weight rows ({exc})") from None
    if rows and len(rows[0]) >= 2 and not any(ch.isdigit() for ch in rows[0][1]):
        rows = rows[1:]  # a header: its weight column holds a name, not a number
    labels, weights = [], []
    for number, row in enumerate(rows, start=1):
        if len(row) < 2:
            raise InvalidGameError(f"{path}: row {number} needs two columns, label and weight")
        labels.append(row[0].strip())
        weights.append(row[1].strip())
    if not weights:
        raise InvalidGameError(f"{path}: no players")
    return WeightedGame(weights, quota, labels=labels)


# --------------------------------------------------------------------------------------------
# Rendering
# --------------------------------------------------------------------------------------------
def _json(payload: Any) -> str:
    """Strict JSON (no NaN or infinity: a value that is undefined is written as null, and one
    that reaches here unconverted is a bug, refused)."""
    return json.dumps(payload, indent=2, allow_nan=False) + "\n"


#: the largest game file read (far beyond any real body's list of members)
MAX_FILE_BYTES = 16 * 2**20


def format_value(x: Value | None, digits: int = 6) -> str:
    """Fractions as ``p/q``; floats with ``digits`` decimals, or in scientific notation if tiny.

    >>> format_value(Fraction(421, 2145)), format_value(0.19627039), format_value(3.2e-9)
    ('421/2145', '0.196270', '3.2000e-09')
    """
    if x is None:
        return ""
    if isinstance(x, Fraction):
        return str(x)
    if x == 0:
        return "0"
    if abs(x) < 10 ** (-digits + 2) or abs(x) >= 1e6:
        return f"{x:.4e}"
    return f"{x:.{digits}f}"


def _json_number(x: Value | None, exact: bool) -> Any:
    if x is None:
        return None
    if isinstance(x, Fraction):
        return str(x) if exact else float(x)
    return float(x)


def _json_weight(w: Fraction, exact: bool) -> Any:
    if w.denominator == 1:
        return w.numerator
    return str(w) if exact else float(w)


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
                        else v if k in ("name", "swings") else _json_number(v, exact)
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


def _lawmaking_flags(p: Process) -> str:
    if p.kind != "lawmaking":
        return ""
    flags = [f for f, on in (("filibuster", p.filibuster), ("VP tie-break", p.vp_tiebreak)) if on]
    return f" ({', '.join(flags) or 'no filibuster, no VP tie-break'})"


_ELECTS = {
    "representative": "her representative",
    "senator": "her two senators",
    "state": "her state legislature",
    "president": "the President (through the Electoral College)",
    "vice-president": "the Vice-President (likewise)",
}


def _elected(offices: list[str]) -> str:
    """What a citizen elects in a process, as a phrase."""
    parts = [phrase for office, phrase in _ELECTS.items() if office in offices]
    return ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]


def _count(n: int, noun: str) -> str:
    """``1 scheme``, ``2 schemes``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _error_text(error: float) -> str:
    """A quadrature error estimate for a note: 0 is an exact rule."""
    return "below 1e-12" if error < 1e-12 else f"{error:.0e}"


def _text_table(body: list[list[Any]], headers: list[str], fmt: str, left: int = 1) -> str:
    """A text table (Markdown for ``fmt == "markdown"``): the first ``left`` columns aligned
    left, the rest right; cells are printed as given (no number parsing)."""
    return str(
        tabulate(
            body,
            headers=headers,
            tablefmt="github" if fmt == "markdown" else "simple",
            colalign=["left"] * left + ["right"] * (len(headers) - left),
            disable_numparse=True,
        )
    )


def _with_notes(table: str, notes: list[str], fmt: str) -> str:
    """A headline, the table, then the remaining notes (a bulleted list in markdown)."""
    if fmt == "markdown":
        return f"**{notes[0]}**\n\n{table}\n\n" + "".join(f"- {n}\n" for n in notes[1:])
    return notes[0] + "\n\n" + table + "\n\n" + "".join(n + "\n" for n in notes[1:])


@functools.lru_cache(maxsize=256)
def _integer(n: int) -> str:
    """An exact count for a table: in full up to 15 digits, else as ``d.dddddde+N``
    (truncated, not rounded), computed exactly from the integer."""
    if abs(n) < 10**15:
        return str(n)
    exponent = int(abs(n).bit_length() * 0.30102999566398120) - 1
    while abs(n) >= 10 ** (exponent + 1):
        exponent += 1
    while abs(n) < 10**exponent:
        exponent -= 1
    head = abs(n) // 10 ** (exponent - 6)
    sign = "-" if n < 0 else ""
    return f"{sign}{head // 10**6}.{head % 10**6:06d}e+{exponent}"


def _csv_cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key == "weight":
        return _fmt(value)
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return str(value)


# --------------------------------------------------------------------------------------------
# Apportionment
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ApportionmentReport:
    """What ``votepower apportion`` shows: one apportionment, optionally compared with another."""

    census: int
    result: Apportionment
    names: dict[str, str]
    compare: Apportionment | None = None


def _ordinal(k: int) -> str:
    suffix = "th" if 10 <= k % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(k % 10, "th")
    return f"{k}{suffix}"


def _apportionment_notes(report: ApportionmentReport) -> list[str]:
    r = report.result
    lines = [
        f"{r.method} apportionment of the {report.census} census: House of {r.house_size} "
        f"({r.house_size_rule}), at least {r.min_seats} seat(s) per state, "
        f"{len(r.states)} states, apportionment population {r.total_population:,}."
    ]
    last = r.last_seat
    if last is not None:
        text = f"Last seat: {last.state}'s {_ordinal(last.seat)}"
        if last.runner_up is not None:
            text += f"; next in line {last.runner_up} for its {_ordinal(last.runner_up_seat or 0)}"
        if r.tie is None and last.shortfall is not None:
            text += (
                f". {last.runner_up} needed {last.shortfall:,} more people to win it; "
                f"{last.state} could have lost {last.surplus:,} and kept it."
            )
        else:
            text += "."
        lines.append(text)
    if r.tie is not None:
        lines.append("TIE: " + r.tie.describe() + ".")
    violations = r.quota_violations
    if violations:
        lines.append(
            "Quota rule violated by: "
            + ", ".join(f"{s} ({kind} quota)" for s, kind in violations.items())
            + "."
        )
    else:
        lines.append("Quota rule: every state is within its lower and upper quota.")
    changes = [(s.state, s.change) for s in r.states if s.change]
    if any(s.official is not None for s in r.states):
        if changes:
            lines.append(
                f"Change from the official {report.census} apportionment: "
                + ", ".join(f"{s} {c:+d}" for s, c in changes)
                + "."
            )
        else:
            lines.append(f"Identical to the official {report.census} apportionment.")
    if report.compare is not None:
        other = report.compare.seats
        moved = [(s.state, s.seats - other[s.state]) for s in r.states if s.seats != other[s.state]]
        lines.append(
            f"Compared with {report.compare.method}: "
            + (", ".join(f"{s} {d:+d}" for s, d in moved) if moved else "no difference")
            + "."
        )
    return lines


def render_apportionment(report: ApportionmentReport, fmt: str = "table") -> str:
    """Render an apportionment as a table, markdown, csv or json."""
    r = report.result
    other = report.compare.seats if report.compare is not None else None
    rows = []
    for s in r.states:
        row: dict[str, Any] = {
            "state": s.state,
            "name": report.names.get(s.state, s.state),
            "population": s.population,
            "quota": s.quota,
            "seats": s.seats,
            "official_seats": s.official,
            "change": s.change,
            "population_per_seat": s.population_per_seat,
            "quota_violation": s.quota_violation,
        }
        if other is not None:
            row["compare_seats"] = other[s.state]
            row["compare_difference"] = s.seats - other[s.state]
        rows.append(row)
    if fmt == "json":
        last = r.last_seat
        payload = {
            "census": report.census,
            "method": r.method,
            "house_size": r.house_size,
            "house_size_rule": r.house_size_rule,
            "min_seats": r.min_seats,
            "total_population": r.total_population,
            "states": [
                {
                    **row,
                    "quota": float(row["quota"]),
                    "population_per_seat": (
                        None
                        if row["population_per_seat"] is None
                        else float(row["population_per_seat"])
                    ),
                }
                for row in rows
            ],
            "last_seat": (
                None
                if last is None
                else {
                    "state": last.state,
                    "seat": last.seat,
                    "house_seat_number": r.house_size,
                    "runner_up": last.runner_up,
                    "runner_up_seat": last.runner_up_seat,
                    "runner_up_shortfall": last.shortfall,
                    "winner_surplus": last.surplus,
                }
            ),
            "tie": (
                None
                if r.tie is None
                else {
                    "states": list(r.tie.states),
                    "seats_available": r.tie.seats_available,
                    "awarded_to": list(r.tie.awarded_to),
                }
            ),
            "quota_violations": r.quota_violations,
        }
        if report.compare is not None:
            payload["compare_method"] = report.compare.method
        return _json(payload)
    keys = [
        "state",
        "population",
        "quota",
        "seats",
        "official_seats",
        "change",
        "population_per_seat",
        "quota_violation",
    ]
    if other is not None:
        keys += ["compare_seats", "compare_difference"]
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        for row in rows:
            writer.writerow(
                [
                    (
                        ""
                        if row[k] is None
                        else f"{float(row[k]):.6f}" if isinstance(row[k], Fraction) else row[k]
                    )
                    for k in keys
                ]
            )
        return buffer.getvalue()
    compare_name = report.compare.method if report.compare is not None else ""
    headers = {
        "state": "state",
        "population": "population",
        "quota": "quota",
        "seats": "seats",
        "official_seats": "official",
        "change": "change",
        "population_per_seat": "people/seat",
        "quota_violation": "quota rule",
        "compare_seats": compare_name,
        "compare_difference": "diff",
    }

    def cell(key: str, value: Any) -> str:
        if value is None:
            return "" if key == "quota_violation" else "-"
        if key == "population":
            return f"{value:,}"
        if key == "quota":
            return f"{float(value):.3f}"
        if key == "population_per_seat":
            return f"{float(value):,.0f}"
        if key in ("change", "compare_difference"):
            return f"{value:+d}" if value else "0"
        if key == "quota_violation":
            return f"violates {value}"
        return str(value)

    body = [[cell(k, row[k]) for k in keys] for row in rows]
    table = _text_table(body, [headers[k] for k in keys], fmt)
    notes = _apportionment_notes(report)
    return _with_notes(table, notes, fmt)


# --------------------------------------------------------------------------------------------
# Per-citizen power by state
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StatesReport:
    """What ``votepower states`` shows."""

    result: CitizenPowerResult
    indices: tuple[str, ...]
    census: int
    population_basis: str


def _states_rows(report: StatesReport) -> list[dict[str, Any]]:
    r = report.result
    least = {
        index: min(getattr(b, CITIZEN_INDICES[index]) for b in r.blocks) for index in report.indices
    }
    direct = {"banzhaf": r.direct_banzhaf, "shapley-shubik": r.direct_shapley_shubik}
    rows = []
    for b in r.blocks:
        row: dict[str, Any] = {"state": b.label, "population": b.citizens, "weight": b.weight}
        if "banzhaf" in report.indices:
            row["banzhaf"] = b.banzhaf
            row["banzhaf_normalized"] = b.banzhaf_normalized
        if "shapley-shubik" in report.indices:
            row["shapley_shubik"] = b.shapley_shubik
        for index in report.indices:
            key = CITIZEN_INDICES[index]
            value = getattr(b, key)
            row[key] = value
            # relative to the least powerful citizen: undefined when that citizen has no power
            row[f"{key}_vs_least"] = value / least[index] if least[index] > 0 else None
            row[f"{key}_vs_direct"] = value / direct[index]
        rows.append(row)
    key = CITIZEN_INDICES[report.indices[0]]
    rows.sort(key=lambda row: (-row[key], row["state"]))
    return rows


def _states_notes(report: StatesReport) -> list[str]:
    r = report.result
    lines = [
        f"{r.body}: {len(r.blocks)} states, {r.total_citizens:,} citizens "
        f"({report.population_basis} population). Two-tier model: citizens vote by majority in "
        "their state (or district); states cast their weight as blocs."
    ]
    for index in report.indices:
        s = summarize(r, index)
        name = "Banzhaf" if index == "banzhaf" else "Shapley-Shubik"
        if s.all_equal:
            extremes = "every citizen has the same power"
        else:
            ratio = (
                f"ratio {s.ratio:.4g}" if math.isfinite(s.ratio) else f"ratio inf ({s.ratio_note})"
            )
            extremes = (
                f"most powerful {_extreme_text(s.most_powerful, s.most_tied, False)}, least "
                f"{_extreme_text(s.least_powerful, s.least_tied, False)}, {ratio}"
            )
        lines.append(
            f"{name} per citizen: {extremes}; population-weighted Gini {s.gini:.4f}; mean "
            f"citizen power {s.mean_relative_to_direct:.4g} x a direct national vote."
        )
    if "shapley-shubik" in report.indices:
        lines.append(
            f"Check: Shapley-Shubik values of all citizens sum to {r.shapley_shubik_total:.10f} "
            f"(exactly 1 in theory; quadrature error estimate {_error_text(r.quadrature_error)})."
        )
    if any(units > 1 for units in r.units.values()):
        lines.append(
            "Unit columns (Bz, Bz norm., SS) of a state that elects several seats by district "
            "are summed over its seats (a state's at-large electors and each district's elector "
            "are separate units), so they can exceed 1."
        )
    for label, bz, ss in r.extra:
        text = f"{label} (outside the citizens' model, votes by a fair coin): Banzhaf {bz:.6g}"
        if "shapley-shubik" in report.indices:
            text += f", Shapley-Shubik {ss:.6g}"
        lines.append(text + ".")
    return lines


def _finite(value: Any) -> Any:
    """JSON has no NaN or infinity: such values (undefined or unbounded) become null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def render_states(report: StatesReport, fmt: str = "table") -> str:
    """Render per-state and per-citizen power."""
    rows = _states_rows(report)
    r = report.result
    if fmt == "json":
        summary: dict[str, Any] = {}
        for index in report.indices:
            s = summarize(r, index)
            summary[index.replace("-", "_")] = _summary_fields(s)
        if "shapley-shubik" in report.indices:
            summary["shapley_shubik_total"] = r.shapley_shubik_total
            summary["quadrature_error"] = r.quadrature_error
        payload = {
            "body": r.body,
            "census": report.census,
            "population_basis": report.population_basis,
            "total_citizens": r.total_citizens,
            "direct_national_vote": {
                "banzhaf": r.direct_banzhaf,
                "shapley_shubik": r.direct_shapley_shubik,
            },
            "states": [{k: _finite(v) for k, v in row.items()} for row in rows],
            "summary": {
                k: (
                    _finite(v)
                    if not isinstance(v, dict)
                    else {kk: _finite(vv) for kk, vv in v.items()}
                )
                for k, v in summary.items()
            },
            "extra_players": [
                {"name": label, "banzhaf": bz, "shapley_shubik": ss} for label, bz, ss in r.extra
            ],
        }
        return _json(payload)
    keys = list(rows[0])
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_csv_value(_finite(row[k])) for k in keys])
        # players outside the citizens' model (the Vice-President): their own indices, in the
        # citizen columns, since they are one person each
        for label, bz, ss in r.extra:
            extra = {"state": label, "population": 1, "citizen_banzhaf": bz}
            if "shapley-shubik" in report.indices:
                extra["citizen_shapley_shubik"] = ss
            writer.writerow([_csv_value(_finite(extra.get(k))) for k in keys])
        return buffer.getvalue()
    headers = {
        "state": "state",
        "population": "population",
        "weight": "weight",
        "banzhaf": "Bz (unit)",
        "banzhaf_normalized": "Bz norm.",
        "shapley_shubik": "SS (unit)",
        "citizen_banzhaf": "Bz/citizen",
        "citizen_banzhaf_vs_least": "x least",
        "citizen_banzhaf_vs_direct": "x direct",
        "citizen_shapley_shubik": "SS/citizen",
        "citizen_shapley_shubik_vs_least": "x least",
        "citizen_shapley_shubik_vs_direct": "x direct",
    }

    def cell(key: str, value: Any) -> str:
        if key == "state":
            return value
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return "n/a"
        if key == "population":
            return f"{value:,}"
        if key == "weight":
            return str(value)
        if key.startswith("citizen_") and not key.endswith(("_least", "_direct")):
            return f"{value:.4e}"
        if key.endswith(("_least", "_direct")):
            return f"{value:.3f}"
        return f"{value:.5f}"

    body = [[cell(k, row[k]) for k in keys] for row in rows]
    table = _text_table(body, [headers[k] for k in keys], fmt)
    notes = _states_notes(report)
    return _with_notes(table, notes, fmt)


# --------------------------------------------------------------------------------------------
# Scheme comparison
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompareReport:
    """What ``votepower compare`` shows."""

    census: int
    population_basis: str
    members: tuple[str, ...]
    indices: tuple[str, ...]
    results: tuple[SchemeResult, ...]


def _ratio_text(ratio: float) -> str:
    return "inf" if math.isinf(ratio) else f"{ratio:.3f}"


def _extreme_text(name: str | None, tied: int, all_equal: bool) -> str:
    """A table cell naming the most (least) powerful state, with how many share that value."""
    if all_equal:
        return "(all equal)"
    return f"{name} (+{tied - 1} tied)" if tied > 1 else str(name)


def _summary_fields(s: Summary) -> dict[str, Any]:
    """A summary's fields for JSON and CSV (one name each, as in :class:`Summary`); an
    infinite ratio is null in JSON with ``ratio_infinite`` true and its reason."""
    return {
        "most_powerful": s.most_powerful,
        "most_tied": s.most_tied,
        "least_powerful": s.least_powerful,
        "least_tied": s.least_tied,
        "all_equal": s.all_equal,
        "ratio": s.ratio,
        "ratio_infinite": math.isinf(s.ratio),
        "ratio_note": s.ratio_note,
        "gini": s.gini,
        "mean_relative_to_direct": s.mean_relative_to_direct,
    }


def render_compare(report: CompareReport, fmt: str = "table") -> str:
    """Rows are schemes (and indices); columns the per-citizen summaries. Schemes that could
    not be computed are listed with their reason in every format."""
    rows: list[dict[str, Any]] = []
    skipped = [res for res in report.results if res.error is not None]
    for res in report.results:
        if res.error is not None:
            continue
        for index in report.indices:
            s = res.summaries[index]
            rows.append(
                {
                    "scheme": res.scheme,
                    "index": index,
                    **_summary_fields(s),
                    "description": res.description,
                }
            )
    if fmt == "json":
        payload = {
            "census": report.census,
            "population_basis": report.population_basis,
            "members": list(report.members),
            "schemes": [{k: _finite(v) for k, v in row.items()} for row in rows],
            "not_available": [
                {"scheme": res.scheme, "description": res.description, "error": res.error}
                for res in skipped
            ],
        }
        return _json(payload)
    if fmt == "csv":
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = ["scheme", "index", *_summary_fields(_EMPTY_SUMMARY), "description", "error"]
        writer.writerow(keys)
        for row in rows:
            writer.writerow([_csv_value(row.get(k)) for k in keys])
        for res in skipped:  # one row each, with the reason and no figures
            writer.writerow(
                [res.scheme, "", *[""] * len(_summary_fields(_EMPTY_SUMMARY)), res.description,
                 res.error]
            )  # fmt: skip
        return buffer.getvalue()
    name = {"banzhaf": "Banzhaf", "shapley-shubik": "Shapley-Shubik"}
    body = [
        [
            row["scheme"],
            name[row["index"]],
            _extreme_text(row["most_powerful"], row["most_tied"], row["all_equal"]),
            _extreme_text(row["least_powerful"], row["least_tied"], row["all_equal"]),
            _ratio_text(row["ratio"]),
            f"{row['gini']:.4f}",
            f"{row['mean_relative_to_direct']:.4f}",
        ]
        for row in rows
    ]
    headers = ["scheme", "index", "most powerful", "least powerful", "ratio", "Gini",
               "mean / direct"]  # fmt: skip
    table = _text_table(body, headers, fmt, left=4)
    head = (
        f"Per-citizen power under {_count(len(report.results) - len(skipped), 'scheme')}: "
        f"{report.census} census, {report.population_basis} population, "
        f"{len(report.members)} members."
    )
    notes = [
        "Most/least powerful: the state whose citizens have the most/least power; ratio: theirs;",
        "Gini: population-weighted inequality of per-citizen power (0 = all equal); mean / direct:",
        "average citizen power relative to a direct national vote of the same people.",
        "Model: majority contests in the states, blocs in the body, coin-flip voting (Banzhaf),",
        "random orderings (Shapley-Shubik); see docs/citizen-power.md and `votepower schemes`.",
    ]
    notes += [
        f"Ratio inf for {row['scheme']} ({name[row['index']]}): {row['ratio_note']}."
        for row in rows
        if math.isinf(row["ratio"])
    ]
    notes += [f"Not available: {res.scheme}: {res.error}" for res in skipped]
    if fmt == "markdown":
        return f"**{head}**\n\n{table}\n\n" + " ".join(notes) + "\n"
    return head + "\n\n" + table + "\n\n" + "\n".join(notes) + "\n"


_EMPTY_SUMMARY = Summary("banzhaf", None, None, 0, 0, True, 1.0, None, 0.0, 1.0)


def _csv_value(value: Any) -> str:
    """A CSV cell: floats in full (``inf`` for an infinite ratio), booleans as true/false,
    nothing for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "inf" if math.isinf(value) else repr(value)
    return str(value)


# --------------------------------------------------------------------------------------------
# Compound processes
# --------------------------------------------------------------------------------------------
def _by_office(s: StateCitizenPower) -> dict[str, dict[str, float | None]]:
    """A state's citizens' power split by the office it flows through (JSON)."""
    return {
        "banzhaf_by_office": {o: _finite(v) for o, v in s.banzhaf_by_office.items()},
        "shapley_shubik_by_office": {o: _finite(v) for o, v in s.shapley_shubik_by_office.items()},
    }


def render_process(result: ProcessResult, census: int, basis: str, fmt: str = "table") -> str:
    """Members' indices by office, then every state's citizens' power."""
    p = result.process
    least_bz = min(s.citizen_banzhaf for s in result.states if s.citizen_banzhaf > 0)
    states = sorted(result.states, key=lambda s: (-s.citizen_banzhaf, s.state))
    state_rows: list[dict[str, Any]] = [
        {
            "state": s.state,
            "population": s.population,
            "representatives": s.representatives,
            "citizen_banzhaf": s.citizen_banzhaf,
            "citizen_banzhaf_vs_least": s.citizen_banzhaf / least_bz,
            "citizen_banzhaf_vs_direct": s.citizen_banzhaf / result.direct_banzhaf,
            "citizen_shapley_shubik": s.citizen_shapley_shubik,
            "citizen_shapley_shubik_vs_direct": s.citizen_shapley_shubik
            / result.direct_shapley_shubik,
        }
        for s in states
    ]
    office_rows = [
        {
            "office": o.office,
            "count": o.count,
            "banzhaf": o.banzhaf,
            "banzhaf_normalized": o.banzhaf_normalized,
            "shapley_shubik": o.shapley_shubik,
        }
        for o in result.offices
    ]
    if fmt == "json":
        payload = {
            "process": p.kind,
            "census": census,
            "population_basis": basis,
            "filibuster": p.filibuster,
            "vp_tiebreak": p.vp_tiebreak,
            "offices": office_rows,
            "states": [
                {k: _finite(v) for k, v in row.items()} | _by_office(s)
                for row, s in zip(state_rows, states, strict=True)
            ],
            "total_citizens": result.total_citizens,
            "shapley_shubik_total": _finite(result.shapley_shubik_total),
            "quadrature_error": _finite(result.quadrature_error),
        }
        return _json(payload)
    if fmt == "csv":  # one table: a column says whether a row is an office or a state
        buffer = _io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        keys = ["table", *office_rows[0], *[k for k in state_rows[0] if k not in office_rows[0]]]
        writer.writerow(keys)
        for table_name, rows in (("office", office_rows), ("state", state_rows)):
            for row in rows:
                cells = {"table": table_name, **row}
                writer.writerow([_csv_value(_finite(cells.get(k))) for k in keys])
        return buffer.getvalue()
    offices = _text_table(
        [
            [
                r["office"],
                r["count"],
                f"{r['banzhaf']:.6g}",
                f"{r['banzhaf_normalized']:.6g}",
                f"{r['shapley_shubik']:.6g}",
            ]
            for r in office_rows
        ],
        ["office", "members", "Banzhaf", "Bz norm.", "Shapley-Shubik"],
        fmt,
    )
    table = _text_table(
        [
            [
                r["state"],
                f"{r['population']:,}",
                r["representatives"],
                f"{r['citizen_banzhaf']:.4e}",
                f"{r['citizen_banzhaf_vs_least']:.3f}",
                f"{r['citizen_banzhaf_vs_direct']:.3f}",
                (
                    "n/a"
                    if math.isnan(r["citizen_shapley_shubik"])
                    else f"{r['citizen_shapley_shubik']:.4e}"
                ),
                (
                    "n/a"
                    if math.isnan(r["citizen_shapley_shubik_vs_direct"])
                    else f"{r['citizen_shapley_shubik_vs_direct']:.3f}"
                ),
            ]
            for r in state_rows
        ],
        ["state", "population", "reps", "Bz/citizen", "x least", "x direct", "SS/citizen",
         "x direct"],
        fmt,
    )  # fmt: skip
    notes = [
        f"{p.kind}{_lawmaking_flags(p)}, census {census}, "
        f"{basis} population: {len(p.states)} states, {len(p.game.labels)} members.",
        f"Per citizen: she elects {_elected(p.offices)}; these contests are taken as "
        "independent (chain rule; see docs/processes.md).",
    ]
    if not math.isnan(result.shapley_shubik_total):
        notes.append(
            f"Check: Shapley-Shubik values of all citizens, through every office they elect, "
            f"sum to {result.shapley_shubik_total:.10f} (exactly 1 in theory; quadrature "
            f"error estimate {_error_text(result.quadrature_error)})."
        )
    body = offices + "\n\n" + table
    return _with_notes(body, notes, fmt)
