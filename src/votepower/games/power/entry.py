"""The public entry points :func:`banzhaf` and :func:`shapley_shubik`: a weighted game goes to
the weighted-game algorithms (:mod:`.indices`), a multi-criteria game or the win table to
:mod:`.classic`. Both are imported here; neither imports the other's entry point, so the
three modules form no cycle."""

from __future__ import annotations

from ...core.registry import INDICES, METHODS
from ...core.result import BanzhafResult, ShapleyShubikResult
from ..game import WeightedGame
from ..multigame import MultiCriteriaGame
from . import montecarlo
from .classic import power_index
from .indices import DEFAULT_LIMITS, Limits, weighted_index

__all__ = ["banzhaf", "shapley_shubik"]

_DEFAULT = "generating-function"
_TABLE_ALIASES = METHODS.get("win-table").aliases


def _dispatch(
    index: str, game: WeightedGame, method: str, exact: bool, counts: bool | None, **options
):
    if isinstance(game, MultiCriteriaGame) or method in ("win-table", *_TABLE_ALIASES):
        if not isinstance(game, WeightedGame | MultiCriteriaGame):
            raise TypeError(f"expected a WeightedGame, got {type(game).__name__}")
        chosen = None if isinstance(game, MultiCriteriaGame) and method == _DEFAULT else method
        return power_index(
            game, INDICES.get(index).id, method=chosen, exact=exact, limits=options["limits"],
            samples=options["samples"], seed=options["seed"],
        )  # fmt: skip
    return weighted_index(index, game, method, exact, counts, **options)


def banzhaf(
    game: WeightedGame,
    *,
    method: str = "generating-function",
    exact: bool = False,
    counts: bool | None = False,
    samples: int = montecarlo.DEFAULT_SAMPLES,
    seed: int = 0,
    limits: Limits = DEFAULT_LIMITS,
) -> BanzhafResult:
    """Banzhaf indices (absolute and normalized) of every player.

    Examples
    --------
    >>> from votepower import WeightedGame, banzhaf
    >>> nassau = WeightedGame([9, 9, 7, 3, 1, 1], 16)      # Nassau County board, 1964
    >>> r = banzhaf(nassau, exact=True)
    >>> r.swings
    (16, 16, 16, 0, 0, 0)
    >>> [str(x) for x in r.normalized]
    ['1/3', '1/3', '1/3', '0', '0', '0']
    """
    return _dispatch(
        "banzhaf", game, method, exact, counts, samples=samples, seed=seed, limits=limits
    )


def shapley_shubik(
    game: WeightedGame,
    *,
    method: str = "generating-function",
    exact: bool = False,
    counts: bool | None = False,
    samples: int = montecarlo.DEFAULT_SAMPLES,
    seed: int = 0,
    limits: Limits = DEFAULT_LIMITS,
) -> ShapleyShubikResult:
    """Shapley-Shubik indices of every player.

    Examples
    --------
    >>> from votepower import WeightedGame, shapley_shubik
    >>> un = WeightedGame([7] * 5 + [1] * 10, 39)            # UN Security Council
    >>> r = shapley_shubik(un, exact=True)
    >>> str(r.values[0]), str(r.values[-1])
    ('421/2145', '4/2145')
    """
    return _dispatch(
        "shapley-shubik", game, method, exact, counts, samples=samples, seed=seed, limits=limits
    )
