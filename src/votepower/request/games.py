"""One game's indices, as ``votepower game`` answers them (and the explorer's classroom): the
indices asked for, each refused or left out (with ``--index all``) before any is computed when
the game is too large for it, and the step-by-step explanation. The command line reads the
game (text, file or reference game) and renders the answer; this module computes it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import ResourceLimitError
from ..core.registry import INDICES, METHODS
from ..games.explain import explain
from ..games.explain_rules import explain_rules
from ..games.game import WeightedGame
from ..games.multigame import SimpleGame
from ..games.power.classic import check_index, default_method, power_index
from ..games.power.entry import banzhaf, shapley_shubik
from ..games.power.montecarlo import DEFAULT_SAMPLES
from ..games.power.wintable import MAX_PLAYERS as MAX_TABLE_PLAYERS
from .errors import RequestError

__all__ = ["GameAnswer", "game_answer"]


@dataclass(frozen=True)
class GameAnswer:
    """The game and the indices that were asked for (``None``: not asked)."""

    game: SimpleGame
    banzhaf: Any = None
    shapley_shubik: Any = None
    explanation: str | None = None
    classic: tuple[Any, ...] = ()
    """Coleman, Holler-Packel, Deegan-Packel, Johnston: those asked for, in registry order."""
    skipped: tuple[str, ...] = ()
    """Why ``index="all"`` left an index out for this game."""


def game_answer(
    game: SimpleGame,
    *,
    index: str | None = None,
    exact: bool = False,
    explain_steps: bool = False,
    method: str | None = None,
    samples: int | None = None,
    seed: int | None = None,
) -> GameAnswer:
    """The indices of ``game``: Banzhaf and Shapley-Shubik by default, one index (any id or
    alias) or ``"all"``. Conflicting options are refused (:class:`RequestError`), as is an
    index whose cost is past the limits, before anything is computed."""
    spec_method = METHODS.get(method) if method is not None else None
    if exact and spec_method is not None and not spec_method.exact:
        raise RequestError(f"--exact cannot be used with --method {spec_method.id}")
    if (samples is not None or seed is not None) and (
        spec_method is None or spec_method.id != "monte-carlo"
    ):
        raise RequestError("--samples and --seed go with --method monte-carlo")
    wanted = _wanted(index)
    options: dict[str, Any] = {
        "samples": DEFAULT_SAMPLES if samples is None else samples,
        "seed": 0 if seed is None else seed,
    }
    skipped = _check_indices(game, wanted, spec_method, index == "all", exact, options["samples"])
    wanted = [i for i in wanted if i not in skipped]
    found: dict[str, Any] = {}
    classic: list[Any] = []
    for index_id in wanted:
        if isinstance(game, WeightedGame) and index_id in ("banzhaf", "shapley-shubik"):
            chosen = spec_method.id if spec_method is not None else "generating-function"
            counts = None if METHODS.get(chosen).exact else False
            compute = banzhaf if index_id == "banzhaf" else shapley_shubik
            found[index_id] = compute(game, method=chosen, exact=exact, counts=counts, **options)
        else:
            method_id = None if spec_method is None else spec_method.id
            result = power_index(game, index_id, method=method_id, exact=exact, **options)
            if index_id in ("banzhaf", "shapley-shubik"):
                found[index_id] = result
            else:
                classic.append(result)
    return GameAnswer(
        game,
        found.get("banzhaf"),
        found.get("shapley-shubik"),
        _explanation(game, wanted) if explain_steps else None,
        tuple(classic),
        tuple(skipped.values()),
    )


def _wanted(index: str | None) -> list[str]:
    if index is None:
        return ["banzhaf", "shapley-shubik"]
    if index == "all":
        return [spec.id for spec in INDICES]
    return [INDICES.get(index).id]


def _check_indices(
    game: SimpleGame, wanted: list[str], method: Any, every: bool, exact: bool, samples: int
) -> dict[str, str]:
    """Refuse what cannot be computed before anything is; with ``index="all"`` leave out, with
    a note, the indices the game is too large for."""
    skipped: dict[str, str] = {}
    for index_id in wanted:
        if method is not None and index_id not in method.indices:
            if every:
                skipped[index_id] = f"{index_id}: not computed (--method {method.id} does not)"
                continue
            raise RequestError(f"--method {method.id} does not compute the {index_id} index")
        uses_table = (method is not None and method.id == "win-table") or (
            method is None and default_method(game, index_id) == "win-table"
        )
        if uses_table and game.n > MAX_TABLE_PLAYERS and every:
            skipped[index_id] = (
                f"{index_id}: not computed (it needs all 2^{game.n} coalitions; the win "
                f"table holds at most {MAX_TABLE_PLAYERS} players)"
            )
            continue
        try:  # every index's cost, before any is computed
            check_index(game, index_id, method=None if method is None else method.id,
                        exact=exact, samples=samples)  # fmt: skip
        except ResourceLimitError as exc:
            if not every:
                raise
            skipped[index_id] = f"{index_id}: not computed ({exc})"
    return skipped


def _explanation(game: SimpleGame, wanted: list[str]) -> str:
    plain = [i for i in wanted if i in ("banzhaf", "shapley-shubik")]
    others = [i for i in wanted if i not in plain]
    if isinstance(game, WeightedGame):
        text = ""
        if plain:
            text = explain(
                game, banzhaf="banzhaf" in plain, shapley_shubik="shapley-shubik" in plain
            )
        if others:
            text += ("\n" if text else "") + explain_rules(game, others, listing=not plain)
        return text
    return explain_rules(game, wanted)
