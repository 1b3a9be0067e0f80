"""``votepower game`` and ``votepower methods``: one weighted game."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from ..explain import explain
from ..io import (
    GameReport,
    parse_game,
    read_game_csv,
    render,
)
from ..power.indices import banzhaf, shapley_shubik
from ..power.montecarlo import DEFAULT_SAMPLES
from ..registry import INDICES, METHODS
from .common import INDEX_CHOICES, _domain_errors, _indices, format_option, main


@main.command()
@click.argument("spec", required=False)
@click.option(
    "--file",
    "csv_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file of label,weight rows instead of SPEC.",
)
@click.option(
    "--quota",
    help="Quota for a --file game: a number, 'p/q' or 'x%' of the total. Default: strict majority.",
)
@click.option(
    "--index",
    type=click.Choice(INDEX_CHOICES, case_sensitive=False),
    default="all",
    show_default=True,
    help="Which index to compute.",
)
@click.option("--exact", is_flag=True, help="Exact fractions instead of decimals.")
@click.option(
    "--explain",
    "show_explanation",
    is_flag=True,
    help="Step by step: winning coalitions, critical members, swings, pivots (small games).",
)
@click.option(
    "--method",
    type=click.Choice(METHODS.names(), case_sensitive=False),
    default="generating-function",
    show_default=True,
    help="Algorithm (see 'votepower methods').",
)
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    default=DEFAULT_SAMPLES,
    show_default=True,
    help="Monte Carlo draws.",
)
@click.option(
    "--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Monte Carlo seed."
)
@format_option
@_domain_errors
def game(
    spec: str | None,
    csv_file: Path | None,
    quota: str | None,
    index: str,
    exact: bool,
    show_explanation: bool,
    method: str,
    samples: int,
    seed: int,
    fmt: str,
) -> None:
    """Power indices of every player of a weighted voting game.

    SPEC is "QUOTA: W1 W2 ..." (e.g. "16: 9 9 7 3 1 1"), with optional labels
    ("16: A=9 B=9 C=7 ..." or A:9), a quota share ("2/3: ..."), no quota for a strict
    majority, or the notation "[39; 7x5, 1x10]". A coalition wins iff its weight >= quota.
    """
    if (spec is None) == (csv_file is None):
        raise click.UsageError("give either a game SPEC or --file, not both and not neither")
    if quota is not None and spec is not None:
        raise click.UsageError("--quota goes with --file; write the quota into SPEC as 'Q: ...'")
    the_game = parse_game(spec) if spec is not None else read_game_csv(csv_file, quota)  # type: ignore[arg-type]
    wanted = set(_indices(index))
    spec_method = METHODS.get(method)
    if exact and not spec_method.exact:
        raise click.UsageError(f"--exact cannot be used with --method {spec_method.id}")
    options: dict[str, Any] = {"method": spec_method.id, "samples": samples, "seed": seed}
    # Exact counts (swings) are shown whenever they are cheap to get.
    counts = None if spec_method.exact else False
    bz = ss = None
    if "banzhaf" in wanted:
        bz = banzhaf(the_game, exact=exact, counts=counts, **options)
    if "shapley-shubik" in wanted:
        ss = shapley_shubik(the_game, exact=exact, counts=counts, **options)
    text = None
    if show_explanation:
        text = explain(
            the_game, banzhaf="banzhaf" in wanted, shapley_shubik="shapley-shubik" in wanted
        )
    click.echo(render(GameReport(the_game, bz, ss, text), fmt), nl=False)


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
