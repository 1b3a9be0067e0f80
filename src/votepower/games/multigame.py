"""The data model of a game whose players carry several weights: a multi-criteria game.

Each player has a weight in every *criterion* (population, votes, seats...), and a coalition
wins when the game's :mod:`rule <votepower.games.rules>` holds for its totals, e.g. the EU Council's
"55% of the members holding 65% of the population, unless fewer than 4 members block". The
criterion ``members`` (every player counts 1) is always there.

Like :class:`~votepower.games.game.WeightedGame` it is frozen and validated once: weights are exact,
each criterion is scaled to integers, and the rule is normalized to integer thresholds, so the
algorithms never see a fraction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from ..core.errors import InvalidGameError
from .game import MAX_PLAYERS, Number, WeightedGame, player_labels, to_fraction
from .rules import (
    MEMBERS,
    All,
    AnyOf,
    Atom,
    Normal,
    Rule,
    _terminates,
    evaluate,
    normalize,
    parse_rule,
    quotas,
)

__all__ = ["MultiCriteriaGame", "SimpleGame"]


@dataclass(frozen=True, init=False)
class MultiCriteriaGame:
    """Players with weights in several criteria and a rule combining quotas on them.

    Parameters
    ----------
    weights
        Criterion name to one weight per player (non-negative; ints, decimals, fractions).
        ``members`` is built in and may not be a column.
    rule
        A rule in the language of :mod:`votepower.games.rules`, or a parsed rule.
    labels
        Player names (unique, non-empty); default ``P1, P2, ...``.

    Examples
    --------
    >>> canada = MultiCriteriaGame(
    ...     {"population": [4, 3, 2, 1, 1]}, "members >= 3 and population >= 50%",
    ...     labels=["ON", "QC", "BC", "AB", "MB"])
    >>> canada
    MultiCriteriaGame(5 players; members >= 3 and population >= 50%)
    >>> canada.is_winning(["ON", "AB", "MB"]), canada.is_winning(["BC", "AB", "MB"])
    (True, False)
    """

    labels: tuple[str, ...]
    criteria: tuple[str, ...]
    """The weight columns' names, ``members`` last."""
    weights: tuple[tuple[Fraction, ...], ...]
    """Per criterion, the exact weight of each player."""
    rule: Rule
    integer_weights: tuple[tuple[int, ...], ...] = field(repr=False)
    """Per criterion, the weights scaled exactly to integers (divided by their gcd)."""
    normal: Normal = field(repr=False)
    """The rule on the integer weights (:func:`votepower.games.rules.normalize`)."""

    def __init__(
        self,
        weights: Mapping[str, Iterable[Number]],
        rule: str | Rule,
        *,
        labels: Sequence[str] | None = None,
    ) -> None:
        if not isinstance(weights, Mapping) or not weights:
            raise InvalidGameError("a multi-criteria game needs a mapping of criterion weights")
        names: list[str] = []
        columns: list[tuple[Fraction, ...]] = []
        for name, values in weights.items():
            name = str(name).strip()
            if not name or not (name[0].isalpha() or name[0] == "_"):
                raise InvalidGameError(f"criterion name {name!r} must start with a letter")
            if name.lower() in (MEMBERS, "blockers", "blocking", "and", "or"):
                raise InvalidGameError(f"{name!r} is a reserved word and cannot name a criterion")
            if name in names:
                raise InvalidGameError(f"criterion {name!r} is given twice")
            if isinstance(values, str | bytes):
                raise InvalidGameError(f"the weights of {name!r} must be a sequence of numbers")
            column = tuple(to_fraction(v, f"{name} weight") for v in values)
            for i, w in enumerate(column):
                if w < 0:
                    raise InvalidGameError(f"{name} weight of player {i + 1} is negative ({w})")
            names.append(name)
            columns.append(column)
        n = len(columns[0])
        for name, column in zip(names, columns, strict=True):
            if len(column) != n:
                raise InvalidGameError(
                    f"criterion {name!r} has {len(column)} weights, {names[0]!r} has {n}"
                )
        if n == 0:
            raise InvalidGameError("a game needs at least one player")
        if n > MAX_PLAYERS:
            raise InvalidGameError(f"a game may have at most {MAX_PLAYERS:,} players")
        names.append(MEMBERS)
        columns.append((Fraction(1),) * n)
        integers, scales = [], []
        for column in columns:
            scale = math.lcm(*(w.denominator for w in column))
            ints = [int(w * scale) for w in column]
            g = math.gcd(*ints) or 1
            integers.append(tuple(x // g for x in ints))
            scales.append(Fraction(scale, g))
        if not isinstance(rule, str | Atom | All | AnyOf):
            raise InvalidGameError(
                f"a multi-criteria game needs a rule (e.g. 'population >= 50%'), not {rule!r:.40}"
            )
        parsed = parse_rule(rule) if isinstance(rule, str) else rule
        normal = normalize(parsed, names, scales, [sum(c) for c in integers])
        object.__setattr__(self, "labels", player_labels(labels, n))
        object.__setattr__(self, "criteria", tuple(names))
        object.__setattr__(self, "weights", tuple(columns))
        object.__setattr__(self, "rule", parsed)
        object.__setattr__(self, "integer_weights", tuple(integers))
        object.__setattr__(self, "normal", normal)
        everyone = [sum(c) for c in integers]
        if not evaluate(normal, everyone):
            raise InvalidGameError(
                f"no coalition wins: even all {n} players together fail {parsed}"
            )
        if evaluate(normal, [0] * len(integers)):
            raise InvalidGameError(f"the empty coalition wins under {parsed}: every quota is 0")

    # -- basic facts ---------------------------------------------------------------------------
    @property
    def n(self) -> int:
        """Number of players."""
        return len(self.labels)

    @property
    def used_columns(self) -> tuple[int, ...]:
        """The criteria the rule looks at, by position."""
        return tuple(sorted({q.column for q in quotas(self.normal)}))

    def column(self, name: str) -> tuple[Fraction, ...]:
        """The weights of criterion ``name``."""
        try:
            return self.weights[self.criteria.index(name)]
        except ValueError:
            raise InvalidGameError(f"no criterion called {name!r}") from None

    def index_of(self, label: str) -> int:
        """Position of the player called ``label``."""
        try:
            return self.labels.index(label)
        except ValueError:
            raise InvalidGameError(f"no player called {label!r}") from None

    def is_winning(self, members: Iterable[int | str]) -> bool:
        """Whether the coalition of the given players (positions or labels) wins."""
        idx = {m if isinstance(m, int) else self.index_of(m) for m in members}
        for i in idx:
            if not 0 <= i < self.n:
                raise InvalidGameError(f"no player at position {i}")
        sums = [sum(column[i] for i in idx) for column in self.integer_weights]
        return bool(evaluate(self.normal, sums))

    @classmethod
    def from_weighted(cls, game: WeightedGame, criterion: str = "weight") -> MultiCriteriaGame:
        """The weighted game ``[q; w]`` as the one-criterion rule ``weight >= q``: the same
        game. The quota is a number of the criterion's units (not a share); when it is not a
        terminating decimal (``2/3``, which the rule language would read as a share) the
        weights and quota are scaled exactly to integers (``[2; 1, 3, 3]`` for
        ``[2/3; 1/3, 1, 1]``).

        >>> MultiCriteriaGame.from_weighted(WeightedGame([Fraction(1, 3), 1, 1], Fraction(2, 3)))
        MultiCriteriaGame(3 players; weight >= 2)
        """
        if _terminates(game.quota):
            weights: Sequence[Number] = game.weights
            quota = game.quota
        else:
            weights, quota = game.integer_weights, Fraction(game.integer_quota)
        return cls(
            {criterion: weights}, Atom(criterion, ">=", quota, share=False), labels=game.labels
        )

    def __repr__(self) -> str:
        return f"MultiCriteriaGame({self.n} players; {self.rule})"


#: either kind of game: what the classic indices accept
SimpleGame = WeightedGame | MultiCriteriaGame
