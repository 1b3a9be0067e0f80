"""The classic indices and every index of a multi-criteria game, from one win table.

:func:`power_index` computes any index of the registry for a weighted or a multi-criteria game:

* Banzhaf and Shapley-Shubik of a weighted game go to :mod:`votepower.games.power.indices` (the
  generating function, any size);
* Coleman's powers to prevent and to initiate of a weighted game need its swings and its number
  of winning coalitions: both from the generating function, any size;
* everything else is read from the game's :class:`~votepower.games.power.wintable.WinTable`
  (``n <= 30``), built once and kept for the next index of the same game.

Definitions (docs/power-indices.md), with ``W`` the winning coalitions, ``M`` the minimal
winning ones and ``swings_i`` the coalitions in which ``i`` is critical:

* Coleman: power of the collectivity to act ``|W| / 2^n``; to prevent ``swings_i / |W|``; to
  initiate ``swings_i / (2^n - |W|)``;
* Holler-Packel: ``|{S in M: i in S}|``, normalized;
* Deegan-Packel: ``(1/|M|) sum over S in M containing i of 1/|S|``;
* Johnston: ``sum over winning S in which i is critical of 1 / (critical members of S)``,
  normalized.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from ...core.errors import MethodNotApplicableError, ResourceLimitError
from ...core.registry import INDICES, METHODS
from ...core.result import BanzhafResult, IndexResult, ShapleyShubikResult, Value
from ..game import WeightedGame
from ..multigame import MultiCriteriaGame, SimpleGame
from ..rules import evaluate
from . import generating, montecarlo, multidp, wintable
from .budget import duration, exponential_seconds
from .indices import (
    DEFAULT_LIMITS,
    Limits,
    banzhaf_estimate,
    check_cost,
    check_players,
    shapley_shubik_estimate,
    weighted_index,
)
from .montecarlo import DEFAULT_SAMPLES

__all__ = ["power_index", "win_table", "check_index", "CLASSIC_INDICES"]

CLASSIC_INDICES = (
    "coleman-prevent",
    "coleman-initiate",
    "holler-packel",
    "deegan-packel",
    "johnston",
)

#: integer criterion totals above this could overflow the table's int64 sums
_MAX_TOTAL = 2**62


_PLAIN = {"banzhaf", "shapley-shubik", "coleman-prevent", "coleman-initiate"}

#: the most seconds the small-criteria programme may be estimated to take
_DP_SECONDS = 60.0


def default_method(game: SimpleGame, index: str) -> str:
    """The generating function for Banzhaf, Shapley-Shubik and Coleman indices of a weighted
    game, and of a multi-criteria game too large for the win table whose criteria are small
    enough for the programme over their totals; the win table otherwise."""
    if INDICES.get(index).id not in _PLAIN:
        return "win-table"
    if isinstance(game, WeightedGame):
        return "generating-function"
    if game.n <= wintable.MAX_PLAYERS:  # the table, built once, serves every index
        return "win-table"
    _, dp_seconds = multidp.cost_estimate(game)
    return "generating-function" if dp_seconds <= _DP_SECONDS else "win-table"


def check_dp(game: MultiCriteriaGame, index: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse, before it starts, a small-criteria programme beyond the limits."""
    size, seconds = multidp.cost_estimate(game)
    cells = math.prod(multidp.grid_shape(game))
    if size > limits.max_bytes or seconds > min(limits.max_seconds, _DP_SECONDS):
        raise ResourceLimitError(
            f"the {index} index of this multi-criteria game by its criteria's totals needs a "
            f"grid of {cells:,} states ({size / 2**30:.1f} GiB, {duration(seconds)}): a "
            "criterion the rule reads is too fine; use --method win-table (30 players at "
            "most) or --method monte-carlo"
        )


def check_table(game: SimpleGame, index: str, limits: Limits = DEFAULT_LIMITS) -> None:
    """Refuse, before anything is computed, a win table beyond its size or the limits."""
    n = game.n
    if n > wintable.MAX_PLAYERS:
        kind = "multi-criteria " if isinstance(game, MultiCriteriaGame) else ""
        hint = (
            "--method monte-carlo (Banzhaf, Shapley-Shubik)"
            if isinstance(game, MultiCriteriaGame)
            else "the generating function (Banzhaf, Shapley-Shubik, Coleman)"
        )
        listing = duration(exponential_seconds(n, 12e-9))
        raise ResourceLimitError(
            f"the {index} index of a {kind}game of {n} players needs all 2^{n} coalitions "
            f"(about 2^{n - 23} MiB as bits and {listing} just to list them); "
            f"the win table holds at most {wintable.MAX_PLAYERS} players; use {hint}"
        )
    size, seconds = wintable.cost_estimate(n, johnston=index == "johnston")
    if size > limits.max_bytes or seconds > limits.max_seconds:
        raise ResourceLimitError(
            f"the win table of {n} players would need about {size / 2**30:.1f} GiB and "
            f"{duration(seconds)} (limits {limits.max_bytes / 2**30:.0f} GiB, "
            f"{duration(limits.max_seconds)})"
        )
    for name, column in _columns(game):
        if sum(column) >= _MAX_TOTAL:
            raise ResourceLimitError(
                f"the {name} weights are too fine: their exact integer total has "
                f"{sum(column).bit_length()} bits (at most 62); round them"
            )


def _columns(game: SimpleGame) -> list[tuple[str, tuple[int, ...]]]:
    if isinstance(game, WeightedGame):
        return [("weight", game.integer_weights)]
    return [(game.criteria[c], game.integer_weights[c]) for c in game.used_columns]


def _rule(game: MultiCriteriaGame):
    """The columns the rule reads and a predicate on their totals."""
    used = game.used_columns
    width = len(game.criteria)

    def wins(sums):
        full = [None] * width
        for position, column in enumerate(used):
            full[column] = sums[position]
        return evaluate(game.normal, full)

    return [game.integer_weights[c] for c in used], wins


def _sampled(
    game: MultiCriteriaGame, index: str, samples: int, seed: int
) -> BanzhafResult | ShapleyShubikResult:
    columns, wins = _rule(game)
    if index == "banzhaf":
        est = montecarlo.rule_banzhaf_sample(columns, wins, samples=samples, seed=seed)
        return banzhaf_estimate(game.labels, est)
    est = montecarlo.rule_shapley_shubik_sample(columns, wins, samples=samples, seed=seed)
    return shapley_shubik_estimate(game.labels, est)


@lru_cache(maxsize=1)
def win_table(game: SimpleGame) -> wintable.WinTable:
    """The game's win table (the last one is kept: the next index of the same game reuses it)."""
    if isinstance(game, WeightedGame):
        quota = game.integer_quota
        return wintable.build([game.integer_weights], lambda sums: sums[0] >= quota)
    columns, wins = _rule(game)
    return wintable.build(columns, wins)


def check_index(
    game: SimpleGame,
    index: str,
    *,
    method: str | None = None,
    exact: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    samples: int = DEFAULT_SAMPLES,
) -> None:
    """Refuse, before anything is computed, the index ``index`` of ``game`` by ``method`` (the
    default one if ``None``) when its cost passes ``limits``: the same algorithm choice and the
    same checks as :func:`power_index` and the weighted games' functions make, so that a
    command asking for several indices checks them all before computing any."""
    spec = INDICES.get(index)
    weighted_plain = isinstance(game, WeightedGame) and spec.id in ("banzhaf", "shapley-shubik")
    if method is not None:
        method_id = METHODS.get(method).id
    else:
        method_id = "generating-function" if weighted_plain else default_method(game, spec.id)
    method_spec = METHODS.get(method_id)
    if spec.id not in method_spec.indices:
        raise MethodNotApplicableError(f"method {method_id!r} does not compute the {spec.id} index")
    if method_id == "win-table":
        check_table(game, spec.id, limits)
    elif method_id == "monte-carlo":
        criteria = len(game.used_columns) if isinstance(game, MultiCriteriaGame) else 1
        montecarlo.check_samples(game.n, samples, criteria)
    elif isinstance(game, MultiCriteriaGame):
        if method_id == "generating-function":
            check_dp(game, spec.id, limits)
    elif method_id == "multilinear":
        check_cost(game, spec.id, exact=False, limits=limits, method="multilinear")
    elif method_id == "generating-function":
        if not generating._uniform(game.integer_weights):  # else a closed form
            plain = spec.id if weighted_plain else "banzhaf"  # Coleman: Banzhaf's swings
            check_cost(game, plain, exact=exact or not weighted_plain, limits=limits)
    else:
        check_players(method_spec, spec.id, game.n)


def power_index(
    game: SimpleGame,
    index: str,
    *,
    method: str | None = None,
    exact: bool = False,
    limits: Limits = DEFAULT_LIMITS,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
) -> BanzhafResult | ShapleyShubikResult | IndexResult:
    """The index ``index`` (any id or alias of the registry) of every player of ``game``.

    >>> from votepower import WeightedGame
    >>> un = WeightedGame([7] * 5 + [1] * 10, 39)
    >>> r = power_index(un, "deegan-packel", exact=True)
    >>> str(r.values[0]), str(r.values[-1]), r.fact("minimal_winning_coalitions")
    ('1/9', '2/45', 210)
    """
    spec = INDICES.get(index)
    method_id = METHODS.get(method).id if method is not None else default_method(game, spec.id)
    method_spec = METHODS.get(method_id)
    if spec.id not in method_spec.indices:
        raise MethodNotApplicableError(f"method {method_id!r} does not compute the {spec.id} index")
    if isinstance(game, MultiCriteriaGame) and method_id not in (
        "win-table",
        "monte-carlo",
        "generating-function",
    ):
        raise MethodNotApplicableError(
            f"method {method_id!r} is for weighted games; a multi-criteria game uses "
            "generating-function (small criteria), win-table (exact, n <= 30) or monte-carlo"
        )
    if isinstance(game, MultiCriteriaGame) and method_id == "generating-function":
        check_dp(game, spec.id, limits)
        swings, pivots, winning = multidp.rule_counts(game)
        return _from_counts(game, spec.id, list(swings), list(pivots), winning, exact)
    if method_id != "win-table":
        if spec.id in ("banzhaf", "shapley-shubik"):
            if isinstance(game, MultiCriteriaGame):
                if exact:
                    raise MethodNotApplicableError(
                        "method 'monte-carlo' gives estimates, not exact values; use win-table"
                    )
                return _sampled(game, spec.id, samples, seed)
            return weighted_index(
                spec.id, game, method_id, exact, False, limits=limits, samples=samples,
                seed=seed,
            )  # fmt: skip
        assert isinstance(game, WeightedGame) and method_id == "generating-function"
        check_cost(game, "banzhaf", exact=True, limits=limits)
        swings = generating.banzhaf_swings(game.integer_weights, game.integer_quota)
        winning = generating.winning_count(game.integer_weights, game.integer_quota)
        return _coleman(game, spec.id, swings, winning, method_id, exact)
    check_table(game, spec.id, limits)
    table = win_table(game)
    return _from_table(game, table, spec.id, exact)


def _from_table(
    game: SimpleGame, table: wintable.WinTable, index: str, exact: bool
) -> BanzhafResult | ShapleyShubikResult | IndexResult:
    n = game.n
    if index == "banzhaf":
        swings = table.swings()
        total = sum(swings)
        absolute = [Fraction(s, 2 ** (n - 1)) for s in swings]
        normalized = [Fraction(s, total) for s in swings]
        return BanzhafResult(
            labels=game.labels,
            method="win-table",
            exact=exact,
            absolute=_values(absolute, exact),
            normalized=_values(normalized, exact),
            swings=tuple(swings),
        )
    if index == "shapley-shubik":
        pivots = table.pivots()
        orderings = math.factorial(n)
        return ShapleyShubikResult(
            labels=game.labels,
            method="win-table",
            exact=exact,
            values=_values([Fraction(p, orderings) for p in pivots], exact),
            pivots=tuple(pivots),
        )
    if index in ("coleman-prevent", "coleman-initiate"):
        return _coleman(game, index, table.swings(), table.winning(), "win-table", exact)
    if index in ("holler-packel", "deegan-packel"):
        minimal = table.minimal_winning()
        words, where = table.sparse(minimal)
        total = sum(table.sparse_sizes(words, where))
        facts: tuple[tuple[str, Value], ...] = (("minimal_winning_coalitions", total),)
        if index == "holler-packel":
            counts = [table.count(table.members_of(minimal, j)) for j in range(n)]
            values = [Fraction(c, sum(counts)) for c in counts]
            return _result(game, index, values, exact, counts, facts)
        if len(where) * 8 < len(minimal):  # few words hold one: read them sparsely
            by_player = [table.sparse_sizes(words, where, j) for j in range(n)]
        else:
            by_player = [table.sizes(table.members_of(minimal, j), j) for j in range(n)]
        values = [
            sum((Fraction(c, k) for k, c in enumerate(sizes) if c), Fraction(0)) / total
            for sizes in by_player
        ]
        return _result(game, index, values, exact, None, facts)
    assert index == "johnston"
    per_player, totals = table.johnston_counts()
    scores = [sum((Fraction(c, k) for k, c in row.items()), Fraction(0)) for row in per_player]
    whole = sum(scores, Fraction(0))
    facts = (("vulnerable_coalitions", sum(totals.values())),)
    values = [s / whole for s in scores]
    return _result(game, index, values, exact, None, facts, scores=scores)


def _from_counts(
    game: MultiCriteriaGame,
    index: str,
    swings: list[int],
    pivots: list[int],
    winning: int,
    exact: bool,
) -> BanzhafResult | ShapleyShubikResult | IndexResult:
    method = "generating-function"
    n = game.n
    if index == "banzhaf":
        total = sum(swings)
        return BanzhafResult(
            labels=game.labels,
            method=method,
            exact=exact,
            absolute=_values([Fraction(s, 2 ** (n - 1)) for s in swings], exact),
            normalized=_values([Fraction(s, total) for s in swings], exact),
            swings=tuple(swings),
        )
    if index == "shapley-shubik":
        orderings = math.factorial(n)
        return ShapleyShubikResult(
            labels=game.labels,
            method=method,
            exact=exact,
            values=_values([Fraction(p, orderings) for p in pivots], exact),
            pivots=tuple(pivots),
        )
    return _coleman(game, index, swings, winning, method, exact)


def _coleman(
    game: SimpleGame, index: str, swings: list[int], winning: int, method: str, exact: bool
) -> IndexResult:
    coalitions = 2**game.n
    losing = coalitions - winning
    denominator = winning if index == "coleman-prevent" else losing
    values = [Fraction(s, denominator) for s in swings]
    facts: tuple[tuple[str, Value], ...] = (
        ("power_to_act", _value(Fraction(winning, coalitions), exact)),
        ("winning_coalitions", winning),
        ("coalitions", coalitions),
    )
    return _result(game, index, values, exact, swings, facts, method)


def _result(
    game: SimpleGame,
    index: str,
    values: list[Fraction],
    exact: bool,
    counts: list[int] | None,
    facts: tuple[tuple[str, Value], ...],
    method: str = "win-table",
    scores: list[Fraction] | None = None,
) -> IndexResult:
    return IndexResult(
        labels=game.labels,
        method=method,
        exact=exact,
        index=index,
        values=_values(values, exact),
        counts=None if counts is None else tuple(counts),
        scores=None if scores is None else _values(scores, exact),
        facts=facts,
    )


def _value(x: Fraction, exact: bool) -> Value:
    return x if exact else float(x)


def _values(values: list[Fraction], exact: bool) -> tuple[Value, ...]:
    return tuple(_value(v, exact) for v in values)
