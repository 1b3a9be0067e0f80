"""Winning rules over several criteria: quotas combined with ``and`` / ``or``.

A rule is written in a small language (docs/multi-criteria.md)::

    population >= 65% and members >= 55% or blockers < 4

* a **quota** is ``CRITERION >= VALUE`` or ``CRITERION > VALUE``: the coalition's total of that
  criterion (a column of the players' weights, or ``members``, the number of members);
* a **blocking minority** is ``blocking CRITERION < VALUE`` (or ``<=``): the total of the
  players *outside* the coalition; ``blockers`` is short for ``blocking members``, so
  ``blockers < 4`` reads "fewer than 4 members can block it";
* a **value** is a number in the criterion's units (``14``, ``12.5``) or a share of its total
  (``55%``, ``2/3``);
* ``and`` binds tighter than ``or``; parentheses group.

Only these forms exist because they keep the game *monotone* (a coalition that wins still wins
when a player joins it), which every power index assumes. "At most" on the coalition itself
(``members <= 5``) would not, and is refused.

Every quota is normalized, exactly, to ``integer total of the coalition >= integer threshold`` on
the criterion's integer-scaled weights (:meth:`Rule.normalize`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..core.errors import InvalidGameError
from .game import to_fraction

__all__ = ["Atom", "All", "AnyOf", "Rule", "Quota", "parse_rule", "MEMBERS"]

#: the built-in criterion: every player counts 1
MEMBERS = "members"
_BLOCKERS = "blockers"
_KEYWORDS = {"and", "or", "blocking", _BLOCKERS}


@dataclass(frozen=True)
class Atom:
    """One quota as written: ``[blocking] criterion op value``."""

    criterion: str
    op: str
    value: Fraction
    share: bool
    """True when ``value`` is a share of the criterion's total (``55%``, ``2/3``)."""
    blocking: bool = False

    def __str__(self) -> str:
        if self.share:
            percent = self.value * 100
            shown = (
                f"{_plain(percent)}%"
                if percent.denominator == 1 or _terminates(percent)
                else f"{self.value.numerator}/{self.value.denominator}"
            )
        else:
            shown = _plain(self.value)
        if self.blocking and self.criterion == MEMBERS:
            return f"{_BLOCKERS} {self.op} {shown}"
        prefix = "blocking " if self.blocking else ""
        return f"{prefix}{self.criterion} {self.op} {shown}"


@dataclass(frozen=True)
class All:
    """Every part holds (``and``)."""

    parts: tuple[Rule, ...]

    def __str__(self) -> str:
        return " and ".join(_wrap(p, All) for p in self.parts)


@dataclass(frozen=True)
class AnyOf:
    """At least one part holds (``or``)."""

    parts: tuple[Rule, ...]

    def __str__(self) -> str:
        return " or ".join(_wrap(p, AnyOf) for p in self.parts)


Rule = Atom | All | AnyOf


def _wrap(part: Rule, parent: type) -> str:
    text = str(part)
    return f"({text})" if isinstance(part, All | AnyOf) and not isinstance(part, parent) else text


def _terminates(x: Fraction) -> bool:
    d = x.denominator
    for p in (2, 5):
        while d % p == 0:
            d //= p
    return d == 1


def _plain(x: Fraction) -> str:
    if x.denominator == 1:
        return str(x.numerator)
    if _terminates(x):
        from decimal import Decimal

        return format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return f"{x.numerator}/{x.denominator}"


# -- normalized form ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Quota:
    """A normalized quota: the coalition's integer total of criterion ``column`` is at least
    ``threshold`` (``column`` indexes the game's criteria; ``threshold <= 0`` always holds,
    ``threshold > total`` never)."""

    column: int
    threshold: int


Normal = Quota | tuple[str, tuple[Any, ...]]  # ("and" | "or", parts)


def normalize(
    rule: Rule,
    columns: Sequence[str],
    scales: Sequence[Fraction | int],
    totals: Sequence[int],
) -> Normal:
    """The rule on integer-scaled criteria: ``columns[c]`` is a criterion's name, a weight ``w``
    of it becomes the integer ``w * scales[c]`` and ``totals[c]`` is its integer total."""
    if isinstance(rule, All | AnyOf):
        kind = "and" if isinstance(rule, All) else "or"
        return (kind, tuple(normalize(p, columns, scales, totals) for p in rule.parts))
    if rule.criterion not in columns:
        known = ", ".join(columns)
        raise InvalidGameError(
            f"the rule names {rule.criterion!r}, which is not a criterion ({known})"
        )
    c = columns.index(rule.criterion)
    total = Fraction(totals[c]) / scales[c]  # in the criterion's own units
    value = rule.value * total if rule.share else rule.value
    if rule.blocking:
        # the others' total < v  <=>  the coalition's total > total - v;  <= v  <=>  >= total - v
        value = total - value
        op = ">" if rule.op == "<" else ">="
    else:
        op = rule.op
    scaled = value * scales[c]
    threshold = math.ceil(scaled) if op == ">=" else math.floor(scaled) + 1
    return Quota(c, threshold)


def evaluate(normal: Normal, sums: Sequence[Any]) -> Any:
    """Whether the coalitions whose integer criterion totals are ``sums[c]`` win: plain integers
    give a bool, numpy arrays an array of bools."""
    if isinstance(normal, Quota):
        return sums[normal.column] >= normal.threshold
    kind, parts = normal
    results = [evaluate(p, sums) for p in parts]
    out = results[0]
    for r in results[1:]:
        out = (out & r) if kind == "and" else (out | r)
    return out


def quotas(normal: Normal) -> list[Quota]:
    """Every quota of a normalized rule."""
    if isinstance(normal, Quota):
        return [normal]
    return [q for p in normal[1] for q in quotas(p)]


# -- parsing ------------------------------------------------------------------------------------
_TOKEN = re.compile(
    r"\s*(?:(?P<op>>=|<=|>|<|=<|=>|==|=|!=)|(?P<paren>[()])"
    r"|(?P<number>[0-9][0-9_]*(?:\.[0-9]+)?(?:\s*/\s*[0-9]+)?\s*%?|\.[0-9]+\s*%?)"
    r"|(?P<name>[A-Za-z_][A-Za-z0-9_.-]*)|(?P<other>\S))"
)


def parse_rule(text: str) -> Rule:
    """Parse a rule such as ``"population >= 65% and members >= 55% or blockers < 4"``.

    >>> rule = parse_rule("population >= 65% and members >= 55% or blockers < 4")
    >>> print(rule)  # printed with the grouping made explicit
    (population >= 65% and members >= 55%) or blockers < 4
    >>> print(parse_rule("members >= 7 and (population >= 50% or blocking seats <= 1/3)"))
    members >= 7 and (population >= 50% or blocking seats <= 1/3)
    >>> parse_rule("members <= 5")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    votepower.core.errors.InvalidGameError: rule: 'members <= 5' would let a coalition lose by ...
    """
    if not isinstance(text, str) or not text.strip():
        raise InvalidGameError("the rule is empty; e.g. 'population >= 65% and members >= 55%'")
    if len(text) > 2000:
        raise InvalidGameError("the rule is longer than 2,000 characters")
    tokens = _tokens(text)
    parser = _Parser(tokens, text)
    rule = parser.disjunction()
    if parser.peek() is not None:
        kind, value = parser.peek()  # type: ignore[misc]
        raise InvalidGameError(f"rule: unexpected {value!r} after {str(rule)!r}")
    return rule


def _tokens(text: str) -> list[tuple[str, str]]:
    out = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        value = match.group(kind)  # type: ignore[arg-type]
        if kind == "other":
            raise InvalidGameError(f"rule: unexpected character {value!r} in {text.strip()!r}")
        if kind == "name" and value.lower() in _KEYWORDS:
            kind, value = "keyword", value.lower()
        out.append((kind, value))  # type: ignore[arg-type]
    return out


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]], text: str) -> None:
        self.tokens = tokens
        self.pos = 0
        self.text = text.strip()
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise InvalidGameError(f"rule: {self.text!r} ends too soon")
        self.pos += 1
        return token

    def disjunction(self) -> Rule:
        parts = [self.conjunction()]
        while self.peek() == ("keyword", "or"):
            self.take()
            parts.append(self.conjunction())
        return parts[0] if len(parts) == 1 else AnyOf(_flatten(parts, AnyOf))

    def conjunction(self) -> Rule:
        parts = [self.primary()]
        while self.peek() == ("keyword", "and"):
            self.take()
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else All(_flatten(parts, All))

    def primary(self) -> Rule:
        kind, value = self.take()
        if (kind, value) == ("paren", "("):
            self.depth += 1
            if self.depth > 50:
                raise InvalidGameError("rule: parentheses nested more than 50 deep")
            inner = self.disjunction()
            if self.peek() != ("paren", ")"):
                raise InvalidGameError(f"rule: a '(' is not closed in {self.text!r}")
            self.take()
            self.depth -= 1
            return inner
        blocking = False
        if (kind, value) == ("keyword", "blocking"):
            blocking = True
            kind, value = self.take()
        if (kind, value) == ("keyword", _BLOCKERS):
            if blocking:
                raise InvalidGameError("rule: write 'blockers' or 'blocking members', not both")
            blocking, kind, value = True, "name", MEMBERS
        if kind != "name":
            raise InvalidGameError(
                f"rule: expected a criterion (a column name, 'members' or 'blockers'), got "
                f"{value!r} in {self.text!r}"
            )
        criterion = value
        op_kind, op = self.take()
        if op_kind != "op":
            raise InvalidGameError(f"rule: expected >=, >, <= or < after {criterion!r}, got {op!r}")
        op = {"=>": ">=", "=<": "<="}.get(op, op)
        number_kind, number = self.take()
        if number_kind != "number":
            raise InvalidGameError(
                f"rule: expected a number after '{criterion} {op}', got {number!r}"
            )
        written = f"{'blocking ' if blocking else ''}{criterion} {op} {number}"
        if op in ("=", "==", "!="):
            raise InvalidGameError(
                f"rule: {written!r}: use >=, > (a quota) or <, <= (a blocking minority)"
            )
        value_, share = _value(number, written)
        if blocking and op not in ("<", "<="):
            raise InvalidGameError(
                f"rule: {written!r}: a blocking minority is bounded from above ('blockers < 4': "
                "fewer than 4 members can block); for a quota drop 'blocking'"
            )
        if not blocking and op not in (">=", ">"):
            raise InvalidGameError(
                f"rule: {written!r} would let a coalition lose by gaining a member; write a "
                "quota on the coalition (>=, >) or a blocking minority on the others "
                "('blockers < 4', 'blocking population < 35%')"
            )
        return Atom(criterion, op, value_, share, blocking)


def _flatten(parts: list[Rule], kind: type) -> tuple[Rule, ...]:
    out: list[Rule] = []
    for p in parts:
        out.extend(p.parts if isinstance(p, kind) else (p,))  # type: ignore[union-attr]
    return tuple(out)


def _value(text: str, written: str) -> tuple[Fraction, bool]:
    text = text.replace(" ", "")
    if text.endswith("%"):
        share = to_fraction(text[:-1], "rule value") / 100
    elif "/" in text:
        share = to_fraction(text, "rule value")
    else:
        return to_fraction(text, "rule value"), False
    if not 0 <= share <= 1:
        raise InvalidGameError(f"rule: {written!r}: a share must be between 0 and 100%")
    return share, True
