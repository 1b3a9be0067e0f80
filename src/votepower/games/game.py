"""The data model: weighted voting games, frozen and validated once.

A weighted voting game ``[q; w_1, ..., w_n]`` has players with non-negative weights and a quota.
**The winning rule, stated once for the whole library: a coalition wins if and only if the total
weight of its members is greater than or equal to the quota** (``total >= quota``).

Weights may be given as integers, decimals (``12.5``, ``"12.5"``) or fractions (``"1/3"``);
they are scaled exactly to integers, capped at the quota and divided by their greatest common
divisor (with the quota's), so every algorithm works on small integers without changing any
winning coalition.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ..core.errors import InvalidGameError

__all__ = ["WeightedGame", "to_fraction", "player_labels", "Number", "MAX_PLAYERS", "MAX_DIGITS"]

Number = int | Fraction | Decimal | float | str


def to_fraction(value: Number, what: str = "value") -> Fraction:
    """Convert a number given in any supported form to an exact :class:`~fractions.Fraction`.

    Floats are read through their shortest decimal representation (``0.1`` is ``1/10``).

    >>> to_fraction("12.5")
    Fraction(25, 2)
    >>> to_fraction(0.1)
    Fraction(1, 10)
    >>> to_fraction("x", "weight")
    Traceback (most recent call last):
    ...
    votepower.core.errors.InvalidGameError: weight 'x' is not a number
    """
    if isinstance(value, bool):
        raise InvalidGameError(f"{what} {value!r} is not a number")
    if isinstance(value, int | Fraction):
        return Fraction(value)
    if isinstance(value, float):  # also numpy floats, whose repr is not a plain number
        value = float(value)
        if not math.isfinite(value):
            raise InvalidGameError(f"{what} {value!r} is not a finite number")
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise InvalidGameError(f"{what} {value!r} is not a finite number")
        _check_size(value.as_tuple().exponent, len(value.as_tuple().digits), value, what)
        return Fraction(value)
    if hasattr(value, "__index__"):  # numpy integers
        return Fraction(int(value))  # type: ignore[arg-type]
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if not text.isascii():
            raise InvalidGameError(f"{what} {value!r} is not a number")
        mantissa, _, exponent = text.lower().partition("e")
        if exponent:
            try:
                power = int(exponent)
            except ValueError:
                raise InvalidGameError(f"{what} {value!r} is not a number") from None
            _check_size(power, len(mantissa), value, what)
        elif len(text) > MAX_DIGITS:
            raise InvalidGameError(f"{what} {value!r:.40}... has more than {MAX_DIGITS} digits")
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidGameError(f"{what} {value!r} is not a number") from None
    try:
        as_float = float(value)
    except (TypeError, ValueError):
        raise InvalidGameError(f"{what} {value!r} is not a number") from None
    return to_fraction(as_float, what)


#: the most players a game may have: far beyond any real body, and small enough that every
#: method's cost check (and a closed form for equal players) answers at once
MAX_PLAYERS = 100_000

#: the largest number of decimal digits (and of decimal exponent) a weight or quota may have:
#: far beyond any real body, small enough that reading one stays instant
MAX_DIGITS = 2000


def player_labels(labels: Sequence[str] | None, n: int, what: str = "players") -> tuple[str, ...]:
    """The players' names, validated: unique, non-empty, one per player (``P1, P2, ...`` by
    default); ``what`` names the players' count in the message."""
    if labels is None:
        return tuple(f"P{i + 1}" for i in range(n))
    if isinstance(labels, str):
        raise InvalidGameError("labels must be a sequence of names, not one string")
    names = tuple(str(lab).strip() for lab in labels)
    if len(names) != n:
        raise InvalidGameError(f"{len(names)} labels given for {n} {what}")
    if any(not lab for lab in names):
        raise InvalidGameError("labels must be non-empty")
    seen: set[str] = set()
    for lab in names:
        if lab in seen:
            raise InvalidGameError(f"label {lab!r} is used twice")
        seen.add(lab)
    return names


def _check_size(exponent: int | str, digits: int, value: object, what: str) -> None:
    """Refuse a decimal number whose exact value would need more than :data:`MAX_DIGITS`
    digits before it is expanded (``1e999999999`` would take minutes and gigabytes)."""
    if not isinstance(exponent, int):
        return  # NaN and infinity are refused by the caller
    if abs(exponent) > MAX_DIGITS or digits > MAX_DIGITS:
        raise InvalidGameError(
            f"{what} {str(value)[:40]!r} is too large or too precise (more than {MAX_DIGITS} "
            "digits)"
        )


def _parse_quota(quota: Number | None, total: Fraction) -> tuple[Fraction | None, Fraction | None]:
    """Return ``(absolute, share)``; exactly one is set unless the default applies."""
    if quota is None:
        return None, None
    if isinstance(quota, str):
        text = quota.strip()
        if text.endswith("%"):
            share = to_fraction(text[:-1], "quota share") / 100
        elif "/" in text:
            share = to_fraction(text, "quota share")
        else:
            return to_fraction(text, "quota"), None
        if not 0 < share <= 1:
            raise InvalidGameError(
                f"quota share {quota!r} must be greater than 0 and at most 1 of the total weight"
            )
        return None, share
    return to_fraction(quota, "quota"), None


@dataclass(frozen=True, init=False)
class WeightedGame:
    """A weighted voting game ``[quota; weights]``: a coalition wins iff its weight >= quota.

    Parameters
    ----------
    weights
        Non-negative weights, one per player: ints, decimals or fractions.
    quota
        ``None`` (default) for a strict majority of the total weight (quota ``floor(W/2)+1``
        on the integer-scaled weights). A number is an absolute quota in the units of the
        weights. A string ``"p/q"`` or ``"x%"`` is a share of the total weight: the quota is
        exactly ``share * W``, so ``"2/3"`` means "at least two thirds of the total".
    labels
        Player names (unique, non-empty); default ``P1, P2, ...``.

    Examples
    --------
    >>> g = WeightedGame([9, 9, 7, 3, 1, 1], 16)
    >>> g
    WeightedGame([16; 9, 9, 7, 3, 1, 1])
    >>> g.integer_weights, g.integer_quota
    ((9, 9, 7, 3, 1, 1), 16)
    >>> WeightedGame([50, 30, 20], "2/3").integer_quota   # 30 + 20 = 50 < 66.7: needs 5 + 3
    7
    >>> WeightedGame([12.5, 37.5, 50]).integer_weights    # percentages scaled exactly
    (1, 3, 4)
    """

    weights: tuple[Fraction, ...]
    quota: Fraction
    labels: tuple[str, ...]
    integer_weights: tuple[int, ...] = field(repr=False)
    integer_quota: int = field(repr=False)
    quota_given: bool = field(default=True, repr=False, compare=False)
    """False when no quota was given and the strict majority applies."""

    def __init__(
        self,
        weights: Iterable[Number],
        quota: Number | None = None,
        *,
        labels: Sequence[str] | None = None,
    ) -> None:
        if isinstance(weights, str | bytes):
            raise InvalidGameError("weights must be a sequence of numbers, not a string")
        if hasattr(weights, "__len__") and len(weights) > MAX_PLAYERS:  # type: ignore[arg-type]
            raise InvalidGameError(f"a game may have at most {MAX_PLAYERS:,} players")
        exact = tuple(to_fraction(w, "weight") for w in weights)
        n = len(exact)
        if n > MAX_PLAYERS:
            raise InvalidGameError(f"a game may have at most {MAX_PLAYERS:,} players")
        if n == 0:
            raise InvalidGameError("a game needs at least one player")
        for i, w in enumerate(exact):
            if w < 0:
                raise InvalidGameError(f"weight of player {i + 1} is negative ({w})")
        total = sum(exact, Fraction(0))
        if total == 0:
            raise InvalidGameError("the total weight is 0: no coalition can reach a positive quota")

        names = player_labels(labels, n, "weights")

        absolute, share = _parse_quota(quota, total)
        if absolute is not None and not 0 < absolute <= total:
            raise InvalidGameError(
                f"quota {_fmt(absolute)} must be greater than 0 and at most the total weight "
                f"{_fmt(total)}"
            )

        # Scale exactly to integers, then divide by the gcd.
        scale = math.lcm(*(w.denominator for w in exact))
        ints = [int(w * scale) for w in exact]
        g = math.gcd(*ints)
        ints = [w // g for w in ints]
        int_total = sum(ints)
        if absolute is not None:
            q_int = math.ceil(absolute * scale / g)
            quota_value = absolute
        elif share is not None:
            q_int = math.ceil(share * int_total)
            quota_value = share * total
        else:
            q_int = int_total // 2 + 1
            quota_value = Fraction(q_int * g, scale)
        q_int = max(q_int, 1)
        # A weight above the quota wins alone whatever it is: capping it at the quota changes no
        # winning coalition, and keeps the algorithms' tables as short as the quota allows.
        ints = [min(w, q_int) for w in ints]
        g = math.gcd(q_int, *ints)
        ints = [w // g for w in ints]
        q_int //= g

        object.__setattr__(self, "weights", exact)
        object.__setattr__(self, "quota", quota_value)
        object.__setattr__(self, "labels", names)
        object.__setattr__(self, "integer_weights", tuple(ints))
        object.__setattr__(self, "integer_quota", q_int)
        object.__setattr__(self, "quota_given", quota is not None)

    # -- basic facts ---------------------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.weights)

    @property
    def total_weight(self) -> Fraction:
        """Total weight in the units the weights were given in."""
        return sum(self.weights, Fraction(0))

    @property
    def integer_total(self) -> int:
        """Total of the integer-scaled weights."""
        return sum(self.integer_weights)

    @property
    def is_proper(self) -> bool:
        """True when two disjoint coalitions cannot both win (quota > half the total)."""
        return 2 * self.integer_quota > self.integer_total

    def dual(self) -> WeightedGame:
        """The dual game: a coalition wins iff its complement loses (quota ``W - q + 1``).

        >>> WeightedGame([3, 2, 2], 5).dual()
        WeightedGame([3; 3, 2, 2])
        """
        return WeightedGame(
            self.integer_weights, self.integer_total - self.integer_quota + 1, labels=self.labels
        )

    def index_of(self, label: str) -> int:
        """Position of the player called ``label``."""
        try:
            return self.labels.index(label)
        except ValueError:
            raise InvalidGameError(f"no player called {label!r}") from None

    def is_winning(self, members: Iterable[int | str]) -> bool:
        """Whether the coalition of the given players (positions or labels) wins.

        >>> WeightedGame([9, 9, 7, 3, 1, 1], 16, labels="A B C D E F".split()).is_winning("AC")
        True
        """
        idx = {m if isinstance(m, int) else self.index_of(m) for m in members}
        for i in idx:
            if not 0 <= i < self.n:
                raise InvalidGameError(f"no player at position {i}")
        return sum(self.integer_weights[i] for i in idx) >= self.integer_quota

    def __repr__(self) -> str:
        return f"WeightedGame([{_fmt(self.quota)}; {', '.join(_fmt(w) for w in self.weights)}])"


def _fmt(x: Fraction) -> str:
    """Integers plainly, terminating decimals as decimals, other fractions as p/q."""
    if x.denominator == 1:
        return str(x.numerator)
    d = x.denominator
    while d % 2 == 0:
        d //= 2
    while d % 5 == 0:
        d //= 5
    if d == 1:
        return format(Decimal(x.numerator) / Decimal(x.denominator), "f")
    return f"{x.numerator}/{x.denominator}"
