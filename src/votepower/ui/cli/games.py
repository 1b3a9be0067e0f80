"""``votepower game``, ``votepower games`` and ``votepower methods``: one game at a time."""

from __future__ import annotations

from pathlib import Path

import click

from ...core.registry import INDICES, METHODS
from ...games.multigame import SimpleGame
from ...games.power.montecarlo import DEFAULT_SAMPLES
from ...games.reference import REFERENCE_GAMES, reference_game
from ...request.errors import RequestError
from ...request.games import game_answer
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
    try:
        answer = game_answer(
            the_game, index=index, exact=exact, explain_steps=show_explanation, method=method,
            samples=samples, seed=seed,
        )  # fmt: skip
    except RequestError as exc:
        raise click.UsageError(str(exc)) from None
    report = GameReport(answer.game, answer.banzhaf, answer.shapley_shubik, answer.explanation,
                        answer.classic, answer.skipped)  # fmt: skip
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
