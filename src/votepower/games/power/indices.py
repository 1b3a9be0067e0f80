"""The Banzhaf and Shapley-Shubik indices of weighted games (the algorithms behind the public
:func:`~votepower.games.power.entry.banzhaf` and
:func:`~votepower.games.power.entry.shapley_shubik`).

They pick the algorithm from the method registry, guard memory and time before running the
dynamic programme, and decide between exact and float arithmetic:

* ``exact=True``: exact integer counts; values are :class:`~fractions.Fraction`.
* ``exact=False`` (default): floats. The float paths carry an error estimate per player
  (``error_estimates``); if any estimate exceeds ``FLOAT_RTOL`` (1e-12) relative and the exact
  path is cheap, the exact counts are computed instead and rounded, so floats are either within
  1e-12 relative (by the estimate; the tests check it against exact counts) or exactly rounded.
* ``counts=True``: also return the exact integer counts (swings, pivots) with float values;
  ``counts=None``: do so when the exact path is cheap (the command line's choice).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from ...core.errors import AccuracyError, MethodNotApplicableError, ResourceLimitError
from ...core.registry import INDICES, METHODS, MethodSpec
from ...core.result import BanzhafResult, ShapleyShubikResult, Value
from ..game import WeightedGame
from . import enumerate as brute
from . import generating, montecarlo, multilinear
from .budget import duration
from .generating import FLOAT_RTOL

__all__ = [
    "weighted_index",
    "Limits",
    "DEFAULT_LIMITS",
    "FLOAT_RTOL",
    "check_cost",
    "check_players",
]

_CHEAP_SECONDS = generating.OVERHEAD_SECONDS + 0.25


@dataclass(frozen=True)
class Limits:
    """Budget for the exact dynamic programme; past it, the call is refused before it starts."""

    max_bytes: int = 4 * 2**30
    max_seconds: float = 600.0


DEFAULT_LIMITS = Limits()


def check_cost(
    game: WeightedGame,
    index: str,
    *,
    exact: bool,
    limits: Limits,
    method: str = "generating-function",
) -> None:
    """Raise :class:`ResourceLimitError` if a dynamic programme would exceed ``limits``."""
    size, seconds = generating.cost_estimate(
        game.n, game.integer_total, game.integer_quota, index=index, exact=exact, method=method
    )
    if size <= limits.max_bytes and seconds <= limits.max_seconds:
        return
    alternatives = "--method monte-carlo"
    if index == "shapley-shubik" and method != "multilinear":
        alternatives = "--method multilinear or --method monte-carlo"
    kind = "exact " if exact else ""
    raise ResourceLimitError(
        f"the {kind}{method} {index} computation for {game.n} players and total "
        f"weight {_big(game.integer_total)} would need about {_gib(size)} GiB and "
        f"{duration(seconds)} (limits {limits.max_bytes / 2**30:.0f} GiB, "
        f"{duration(limits.max_seconds)}); use {alternatives}"
        + ("" if exact else ", or coarser weights")
    )


def _big(n: int) -> str:
    """An integer for a message: in full up to 15 digits, else its order of magnitude."""
    digits = len(str(n))
    return str(n) if digits <= 15 else f"10^{digits - 1}"


def _gib(size: int) -> str:
    return f"{size / 2**30:.1f}" if size < 2**80 else _big(size // 2**30)


def _cheap(game: WeightedGame, index: str, limits: Limits) -> bool:
    size, seconds = generating.cost_estimate(
        game.n, game.integer_total, game.integer_quota, index=index, exact=True
    )
    return size <= limits.max_bytes and seconds <= min(_CHEAP_SECONDS, limits.max_seconds)


def _unresolved(values: np.ndarray, estimates: np.ndarray) -> bool:
    return bool(np.any(estimates > FLOAT_RTOL * values))


#: subset-sum bits (players x quota) up to which null players are found exactly
_NULL_CHECK_BITS = 2 * 10**9


def non_null(weights: tuple[int, ...], quota: int) -> list[bool] | None:
    """Which players swing in some coalition, exactly; ``None`` when that would be costly.

    In a weighted game a heavier player is at least as desirable as a lighter one, so the null
    players are exactly those below some weight. A binary search over the distinct weights finds
    it; each probe removes one player of the probed weight and asks whether the others' subset
    sums (a bit set below the quota, one shift per player) reach ``[quota - w, quota - 1]``.
    Cost: ``log2(distinct weights)`` probes of ``n`` shifts of ``quota`` bits.

    >>> non_null((4, 4, 4, 1), 6)
    [True, True, True, False]
    """
    n = len(weights)
    if n * quota > _NULL_CHECK_BITS:
        return None
    mask = (1 << quota) - 1

    def swings(w: int) -> bool:
        reach = 1
        skipped = False
        for x in weights:
            if x == w and not skipped:
                skipped = True
            elif 0 < x < quota:
                reach = (reach | (reach << x)) & mask
        window = ((1 << min(w, quota)) - 1) << max(quota - w, 0)
        return bool(reach & window)

    distinct = sorted({w for w in weights if w > 0})
    lo, hi = 0, len(distinct)  # the first non-null weight's position lies in [lo, hi]
    while lo < hi:
        mid = (lo + hi) // 2
        if swings(distinct[mid]):
            hi = mid
        else:
            lo = mid + 1
    threshold = distinct[lo] if lo < len(distinct) else math.inf
    return [0 < w and w >= threshold for w in weights]


def _finish_floats(
    game: WeightedGame, values: np.ndarray, errors: np.ndarray | None, what: str
) -> np.ndarray:
    """Make deterministic float values safe to print: within [0, 1]; weakly increasing in
    weight (rounding may break that by a few units in the last place, which the error estimates
    cover; a larger break is refused); and never 0 for a player who is not null."""
    values = np.clip(np.asarray(values, dtype=float), 0.0, 1.0)
    order = sorted(range(game.n), key=lambda i: game.integer_weights[i])
    running = 0.0
    slack = 0.0
    for i in order:
        if values[i] < running:
            allowed = slack + (errors[i] if errors is not None else 0.0) + 4e-16 * running
            if running - values[i] > allowed:
                raise AccuracyError(
                    f"{what}: a heavier player came out less powerful than a lighter one by "
                    f"more than the error estimates ({running - values[i]:.1e}); use the "
                    "generating-function method"
                )
            values[i] = running
        else:
            running = values[i]
            slack = errors[i] if errors is not None else 0.0
    if np.any((values == 0) | (values < 1e-300)):
        alive = non_null(game.integer_weights, game.integer_quota)
        for i, v in enumerate(values):
            if v < 1e-300 and (alive is None or alive[i]) and game.integer_weights[i] > 0:
                if alive is None and v == 0:
                    continue  # cannot tell a null player from an unresolved one cheaply
                raise AccuracyError(
                    f"{what} of {game.labels[i]} is below the smallest floating-point number "
                    f"(about 1e-308) although the player is not null; use exact arithmetic "
                    "(exact=True, --exact) for its exact value"
                )
    return values


# --------------------------------------------------------------------------------------------
# Banzhaf
# --------------------------------------------------------------------------------------------
def _banzhaf_from_swings(
    game: WeightedGame, swings: list[int], method: str, exact: bool
) -> BanzhafResult:
    denominator = 2 ** (game.n - 1)
    total = sum(swings)
    cache: dict[int, tuple[Value, Value]] = {}  # equal weights: equal counts, one pair each
    for player, (w, count) in enumerate(zip(game.integer_weights, swings, strict=True)):
        if w in cache:
            continue
        pair: tuple[Value, Value] = (Fraction(count, denominator), Fraction(count, total))
        if not exact:
            pair = (float(pair[0]), float(pair[1]))
            if count and pair[0] < 2.3e-308:  # below the normal floats: digits lost or none
                raise AccuracyError(
                    f"the absolute Banzhaf index of {game.labels[player]} (and of any player of "
                    "its weight) "
                    f"(swings / 2^{game.n - 1}) is below the smallest floating-point number; "
                    "use exact arithmetic (exact=True, --exact) for its exact value"
                )
        cache[w] = pair
    absolute: tuple[Value, ...] = tuple(cache[w][0] for w in game.integer_weights)
    normalized: tuple[Value, ...] = tuple(cache[w][1] for w in game.integer_weights)
    return BanzhafResult(
        labels=game.labels,
        method=method,
        exact=exact,
        absolute=absolute,
        normalized=normalized,
        swings=tuple(swings),
    )


def _banzhaf_gf(game, *, exact, counts, samples, seed, limits) -> BanzhafResult:
    w, q = game.integer_weights, game.integer_quota
    if generating._uniform(w):  # closed form, exact at any size
        return _banzhaf_from_swings(
            game, generating.banzhaf_swings(w, q), "generating-function", exact
        )
    if counts is None:
        counts = _cheap(game, "banzhaf", limits)
    if exact or counts:
        check_cost(game, "banzhaf", exact=True, limits=limits)
        return _banzhaf_from_swings(
            game, generating.banzhaf_swings(w, q), "generating-function", exact
        )
    check_cost(game, "banzhaf", exact=False, limits=limits)
    fv = generating.banzhaf_float(w, q)
    if _unresolved(fv.values, fv.error_estimates) and _cheap(game, "banzhaf", limits):
        return _banzhaf_from_swings(
            game, generating.banzhaf_swings(w, q), "generating-function", False
        )
    values = _finish_floats(game, fv.values, fv.error_estimates, "a Banzhaf index")
    total = float(values.sum())
    return BanzhafResult(
        labels=game.labels,
        method="generating-function",
        exact=False,
        absolute=tuple(float(v) for v in values),
        normalized=tuple(min(float(v / total), 1.0) for v in values),
        error_estimates=tuple(float(b) for b in fv.error_estimates),
    )


def _banzhaf_enumerate(game, *, exact, counts, samples, seed, limits) -> BanzhafResult:
    swings = brute.banzhaf_swings(game.integer_weights, game.integer_quota)
    return _banzhaf_from_swings(game, swings, "enumerate", exact)


def banzhaf_estimate(labels: tuple[str, ...], est: montecarlo.Estimate) -> BanzhafResult:
    """The Banzhaf result of a Monte Carlo estimate (any game kind)."""
    total = float(est.values.sum())
    return BanzhafResult(
        labels=labels,
        method="monte-carlo",
        exact=False,
        absolute=tuple(float(v) for v in est.values),
        normalized=tuple(float(v / total) if total else 0.0 for v in est.values),
        standard_errors=tuple(float(s) for s in est.standard_errors),
        samples=est.samples,
        seed=est.seed,
    )


def _banzhaf_mc(game, *, exact, counts, samples, seed, limits) -> BanzhafResult:
    est = montecarlo.banzhaf_sample(
        game.integer_weights, game.integer_quota, samples=samples, seed=seed
    )
    return banzhaf_estimate(game.labels, est)


# --------------------------------------------------------------------------------------------
# Shapley-Shubik
# --------------------------------------------------------------------------------------------
def _ss_from_pivots(
    game: WeightedGame, pivots: list[int], method: str, exact: bool
) -> ShapleyShubikResult:
    orderings = math.factorial(game.n)
    cache: dict[int, Value] = {}  # players of equal weight have equal counts: one value each
    for w, count in zip(game.integer_weights, pivots, strict=True):
        if w not in cache:
            value: Value = Fraction(count, orderings)
            cache[w] = value if exact else float(value)
    values: tuple[Value, ...] = tuple(cache[w] for w in game.integer_weights)
    return ShapleyShubikResult(
        labels=game.labels, method=method, exact=exact, values=values, pivots=tuple(pivots)
    )


def _ss_float(game: WeightedGame, fv: generating.FloatValues, method: str) -> ShapleyShubikResult:
    values = _finish_floats(game, fv.values, fv.error_estimates, "a Shapley-Shubik index")
    return ShapleyShubikResult(
        labels=game.labels,
        method=method,
        exact=False,
        values=tuple(float(v) for v in values),
        error_estimates=tuple(float(b) for b in fv.error_estimates),
    )


def _ss_gf(game, *, exact, counts, samples, seed, limits) -> ShapleyShubikResult:
    w, q = game.integer_weights, game.integer_quota
    if generating._uniform(w):  # closed form, exact at any size
        pivots = generating.shapley_shubik_pivots(w, q)
        return _ss_from_pivots(game, pivots, "generating-function", exact)
    if counts is None:
        counts = _cheap(game, "shapley-shubik", limits)
    if exact or counts:
        check_cost(game, "shapley-shubik", exact=True, limits=limits)
        pivots = generating.shapley_shubik_pivots(w, q)
        return _ss_from_pivots(game, pivots, "generating-function", exact)
    check_cost(game, "shapley-shubik", exact=False, limits=limits)
    fv = generating.shapley_shubik_float(w, q)
    if _unresolved(fv.values, fv.error_estimates) and _cheap(game, "shapley-shubik", limits):
        pivots = generating.shapley_shubik_pivots(w, q)
        return _ss_from_pivots(game, pivots, "generating-function", False)
    return _ss_float(game, fv, "generating-function")


def _ss_enumerate(game, *, exact, counts, samples, seed, limits) -> ShapleyShubikResult:
    w, q = game.integer_weights, game.integer_quota
    if game.n <= brute.MAX_ORDERING_PLAYERS:
        pivots = brute.pivots_by_ordering(w, q)
    else:
        pivots = brute.shapley_shubik_pivots(w, q)
    return _ss_from_pivots(game, pivots, "enumerate", exact)


def _banzhaf_multilinear(game, *, exact, counts, samples, seed, limits) -> BanzhafResult:
    check_cost(game, "banzhaf", exact=False, limits=limits, method="multilinear")
    w, q = game.integer_weights, game.integer_quota
    fv = multilinear.banzhaf_multilinear(w, q)
    values, errors = fv.values, fv.error_estimates
    if _unresolved(values, errors):
        # at t = 1/2 the leave-one-out series does not shrink (ratio 1), and on many equal or
        # near-equal players it cancels: the generating function's subtraction-free refinement
        # computes the same derivative to 1e-12
        check_cost(game, "banzhaf", exact=False, limits=limits)
        refined = generating.banzhaf_float(w, q)
        bad = errors > FLOAT_RTOL * values
        values = np.where(bad, refined.values, values)
        errors = np.where(bad, refined.error_estimates, errors)
    values = _finish_floats(game, values, errors, "a Banzhaf index")
    total = float(values.sum())
    return BanzhafResult(
        labels=game.labels,
        method="multilinear",
        exact=False,
        absolute=tuple(float(v) for v in values),
        normalized=tuple(min(float(v / total), 1.0) for v in values),
        error_estimates=tuple(float(b) for b in errors),
    )


def _ss_multilinear(game, *, exact, counts, samples, seed, limits) -> ShapleyShubikResult:
    check_cost(game, "shapley-shubik", exact=False, limits=limits, method="multilinear")
    fv = multilinear.shapley_shubik_multilinear(game.integer_weights, game.integer_quota)
    return _ss_float(game, fv, "multilinear")


def shapley_shubik_estimate(
    labels: tuple[str, ...], est: montecarlo.Estimate
) -> ShapleyShubikResult:
    """The Shapley-Shubik result of a Monte Carlo estimate (any game kind)."""
    return ShapleyShubikResult(
        labels=labels,
        method="monte-carlo",
        exact=False,
        values=tuple(float(v) for v in est.values),
        standard_errors=tuple(float(s) for s in est.standard_errors),
        samples=est.samples,
        seed=est.seed,
    )


def _ss_mc(game, *, exact, counts, samples, seed, limits) -> ShapleyShubikResult:
    est = montecarlo.shapley_shubik_sample(
        game.integer_weights, game.integer_quota, samples=samples, seed=seed
    )
    return shapley_shubik_estimate(game.labels, est)


_IMPLEMENTATIONS: dict[tuple[str, str], Callable] = {
    ("generating-function", "banzhaf"): _banzhaf_gf,
    ("enumerate", "banzhaf"): _banzhaf_enumerate,
    ("multilinear", "banzhaf"): _banzhaf_multilinear,
    ("monte-carlo", "banzhaf"): _banzhaf_mc,
    ("generating-function", "shapley-shubik"): _ss_gf,
    ("enumerate", "shapley-shubik"): _ss_enumerate,
    ("multilinear", "shapley-shubik"): _ss_multilinear,
    ("monte-carlo", "shapley-shubik"): _ss_mc,
}


def check_players(spec: MethodSpec, index: str, n: int) -> None:
    """Refuse ``n`` players past the method ``spec``'s size limit for ``index``, if it has one."""
    limit = spec.max_players.get(index)
    if limit is not None and n > limit:
        raise ResourceLimitError(
            f"method {spec.id!r} is limited to {limit} players (this game has {n}); "
            "use --method generating-function"
        )


def weighted_index(
    index: str, game: WeightedGame, method: str, exact: bool, counts: bool | None, **options
):
    """The Banzhaf or Shapley-Shubik index of a weighted game by one of the weighted-game
    methods (the win table and multi-criteria games are :mod:`.classic`'s; the public entry
    points in :mod:`.entry` choose)."""
    index_id = INDICES.get(index).id
    if not isinstance(game, WeightedGame):
        raise TypeError(f"expected a WeightedGame, got {type(game).__name__}")
    spec = METHODS.get(method)
    if index_id not in spec.indices:
        raise MethodNotApplicableError(f"method {spec.id!r} does not compute the {index_id} index")
    if counts is None and not spec.exact:
        counts = False
    if (exact or counts) and not spec.exact:
        raise MethodNotApplicableError(
            f"method {spec.id!r} gives floating-point estimates, not exact values; "
            "use --method generating-function for exact results"
        )
    check_players(spec, index_id, game.n)
    if not isinstance(options["samples"], int) or options["samples"] < 1:
        raise MethodNotApplicableError("the number of Monte Carlo samples must be at least 1")
    if not isinstance(options["seed"], int):
        raise MethodNotApplicableError(
            f"the Monte Carlo seed must be an integer, not {options['seed']!r}"
        )
    if options["seed"] < 0:
        raise MethodNotApplicableError(
            f"the Monte Carlo seed must be 0 or more, not {options['seed']}"
        )
    return _IMPLEMENTATIONS[(spec.id, index_id)](game, exact=exact, counts=counts, **options)
