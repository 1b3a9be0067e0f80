"""``votepower game``, ``votepower games`` and ``votepower methods``: one game at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ...core.errors import ResourceLimitError
from ...core.registry import INDICES, METHODS
from ...games.explain import explain
from ...games.explain_rules import explain_rules
from ...games.game import WeightedGame
from ...games.multigame import SimpleGame
from ...games.power.classic import check_index, default_method, power_index
from ...games.power.entry import banzhaf, shapley_shubik
from ...games.power.montecarlo import DEFAULT_SAMPLES
from ...games.power.wintable import MAX_PLAYERS as MAX_TABLE_PLAYERS
from ...games.reference import REFERENCE_GAMES, reference_game
from ..io import (
    GameReport,
    parse_game,
    read_game_csv,
    read_rule_csv,
    render,
)
from .common import WholeNumber, _domain_errors, format_option, main

_GAME_INDEX_CHOICES = [*INDICES.names(), "all"]


@main.command()
@click.argument("spec", required=False)
@click.option(
    "--file",
    "csv_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file of label,weight rows instead of SPEC; with --rule, a header row "
    "label,CRITERION,... and one row per player.",
)
@click.option(
    "--quota",
    help="Quota for a --file game: a number, 'p/q' or 'x%' of the total. Default: strict majority.",
)
@click.option(
    "--rule",
    help="A multi-criteria rule on the --file's columns, e.g. 'population >= 65% and members "
    ">= 55% or blockers < 4': quotas (>=, >) on the coalition's totals, 'blocking X < v' on the "
    "others', 'members' and 'blockers' built in, values absolute or shares (55%, 2/3), 'and' "
    "before 'or', parentheses ('votepower docs multi-criteria').",
)
@click.option(
    "--example",
    help="A built-in reference game instead of SPEC (see 'votepower games').",
)
@click.option(
    "--index",
    type=click.Choice(_GAME_INDEX_CHOICES, case_sensitive=False),
    default=None,
    help="Which index to compute (see 'votepower methods'); 'all' for every one. Default: "
    "Banzhaf and Shapley-Shubik.",
)
@click.option("--exact", is_flag=True, help="Exact fractions instead of decimals.")
@click.option(
    "--explain",
    "show_explanation",
    is_flag=True,
    help="Step by step: winning coalitions, critical members, minimal winning coalitions, "
    "swings, pivots (small games).",
)
@click.option(
    "--method",
    type=click.Choice(METHODS.names(), case_sensitive=False),
    default=None,
    help="Algorithm (see 'votepower methods'). Default: generating-function for a weighted "
    "game's Banzhaf, Shapley-Shubik and Coleman indices, win-table otherwise.",
)
@click.option(
    "--samples",
    type=WholeNumber(min=1),
    default=None,
    help=f"Monte Carlo draws (with --method monte-carlo; default {DEFAULT_SAMPLES:,}).",
)
@click.option(
    "--seed",
    type=WholeNumber(min=0),
    default=None,
    help="Monte Carlo seed (with --method monte-carlo; default 0).",
)
@format_option
@_domain_errors
def game(
    spec: str | None,
    csv_file: Path | None,
    quota: str | None,
    rule: str | None,
    example: str | None,
    index: str | None,
    exact: bool,
    show_explanation: bool,
    method: str | None,
    samples: int | None,
    seed: int | None,
    fmt: str,
) -> None:
    """Power indices of every player of a weighted or multi-criteria voting game.

    SPEC is "QUOTA: W1 W2 ..." (e.g. "16: 9 9 7 3 1 1"), with optional labels
    ("16: A=9 B=9 C=7 ..." or A:9), a quota share ("2/3: ..."), no quota for a strict
    majority, or the notation "[39; 7x5, 1x10]". A coalition wins iff its weight >= quota.
    Or --file FILE.csv --rule RULE for a game of several criteria, or --example NAME.
    """
    the_game = _read(spec, csv_file, quota, rule, example)
    spec_method = METHODS.get(method) if method is not None else None
    if exact and spec_method is not None and not spec_method.exact:
        raise click.UsageError(f"--exact cannot be used with --method {spec_method.id}")
    if (samples is not None or seed is not None) and (
        spec_method is None or spec_method.id != "monte-carlo"
    ):
        raise click.UsageError("--samples and --seed go with --method monte-carlo")
    wanted = _wanted(index)
    options: dict[str, Any] = {
        "samples": DEFAULT_SAMPLES if samples is None else samples,
        "seed": 0 if seed is None else seed,
    }
    skipped = _check_indices(
        the_game, wanted, spec_method, index == "all", exact, options["samples"]
    )
    wanted = [i for i in wanted if i not in skipped]
    bz = ss = None
    classic: list[Any] = []
    for index_id in wanted:
        if isinstance(the_game, WeightedGame) and index_id in ("banzhaf", "shapley-shubik"):
            chosen = spec_method.id if spec_method is not None else "generating-function"
            counts = None if METHODS.get(chosen).exact else False
            compute = banzhaf if index_id == "banzhaf" else shapley_shubik
            result = compute(the_game, method=chosen, exact=exact, counts=counts, **options)
        else:
            result = power_index(
                the_game,
                index_id,
                method=None if spec_method is None else spec_method.id,
                exact=exact,
                **options,
            )
        if index_id == "banzhaf":
            bz = result
        elif index_id == "shapley-shubik":
            ss = result
        else:
            classic.append(result)
    text = _explanation(the_game, wanted) if show_explanation else None
    report = GameReport(the_game, bz, ss, text, tuple(classic), tuple(skipped.values()))
    click.echo(render(report, fmt), nl=False)


def _read(
    spec: str | None,
    csv_file: Path | None,
    quota: str | None,
    rule: str | None,
    example: str | None,
) -> SimpleGame:
    if rule is not None and quota is not None:
        raise click.UsageError("--rule and --quota exclude each other: write the quota in the rule")
    if rule is not None and csv_file is None:
        raise click.UsageError("--rule goes with --file (a CSV of the players' criteria)")
    if quota is not None and csv_file is None:
        raise click.UsageError("--quota goes with --file; write the quota into SPEC as 'Q: ...'")
    given = [name for name, v in (("SPEC", spec), ("--file", csv_file), ("--example", example))
             if v is not None]  # fmt: skip
    if len(given) != 1:
        raise click.UsageError(
            "give one game: a SPEC, --file (with --rule for several criteria) or --example"
            + (f", not {' and '.join(given)}" if given else "")
        )
    if example is not None:
        return reference_game(example)
    if spec is not None:
        return parse_game(spec)
    assert csv_file is not None
    return read_rule_csv(csv_file, rule) if rule is not None else read_game_csv(csv_file, quota)


def _wanted(index: str | None) -> list[str]:
    if index is None:
        return ["banzhaf", "shapley-shubik"]
    if index == "all":
        return [spec.id for spec in INDICES]
    return [INDICES.get(index).id]


def _check_indices(
    game: SimpleGame, wanted: list[str], method: Any, every: bool, exact: bool, samples: int
) -> dict[str, str]:
    """Refuse what cannot be computed before anything is; with ``--index all`` leave out, with
    a note, the indices the game is too large for."""
    skipped: dict[str, str] = {}
    for index_id in wanted:
        if method is not None and index_id not in method.indices:
            if every:
                skipped[index_id] = f"{index_id}: not computed (--method {method.id} does not)"
                continue
            raise click.UsageError(f"--method {method.id} does not compute the {index_id} index")
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


@main.command()
@format_option
def games(fmt: str) -> None:
    """List the built-in reference games (run one with 'votepower game --example ID')."""
    from ..io.listing import render_listing

    rows = [
        {
            "id": spec.id,
            "aliases": list(spec.aliases),
            "players": spec.game().n,
            "rule": spec.rule,
            "description": spec.description,
            "source": spec.source,
            "note": spec.note,
        }
        for spec in REFERENCE_GAMES
    ]
    click.echo(render_listing("games", rows, fmt), nl=False)


@main.command()
@format_option
def methods(fmt: str) -> None:
    """List the power indices and algorithms with their ids and aliases."""
    from ..io.listing import render_listing

    rows = [
        {"kind": "index", "id": spec.id, "aliases": list(spec.aliases),
         "description": spec.description}
        for spec in INDICES
    ] + [
        {"kind": "method", "id": m.id, "aliases": list(m.aliases), "description": m.description}
        for m in METHODS
    ]  # fmt: skip
    click.echo(render_listing("methods", rows, fmt), nl=False)
