"""``votepower states``: per-state and per-citizen power in one body or scheme."""

from __future__ import annotations

from pathlib import Path

import click

from ...request.evaluate import evaluate, indices_of
from ...us.schemes import BODIES, SENATE_MODELS
from ..io.answers import columns_of, render_answer
from .common import (
    WholeNumber,
    _domain_errors,
    census_option,
    citizen_index_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
    recompute_option,
)
from .model import model_options
from .requests import request_from_options, request_options


@main.command("states")
@click.option(
    "--body",
    type=click.Choice(BODIES.names(), case_sensitive=False),
    default="electoral-college",
    show_default=True,
    help="Which body.",
)
@census_option
@citizen_index_option("Which index (the first one listed sorts the table).")
@population_option
@population_file_option
@click.option(
    "--split-states/--no-split-states",
    default=True,
    show_default=True,
    help="Electoral College: Maine and Nebraska's district method.",
)
@click.option(
    "--senate-model",
    type=click.Choice(SENATE_MODELS.names(), case_sensitive=False),
    default="bloc",
    show_default=True,
    help="Senate: the two senators vote together, or are elected independently.",
)
@click.option("--cloture", is_flag=True, help="Senate: 60 votes instead of a majority.")
@click.option("--vp-tiebreak", is_flag=True, help="Senate: the Vice-President breaks 50-50 ties.")
@click.option(
    "--scheme",
    default=None,
    help="A built-in scheme id instead of --body (see 'votepower schemes').",
)
@click.option(
    "--scenario",
    "scenario_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A scenario file (TOML) instead of --body or --scheme: its body, rules and union.",
)
@membership_options
@model_options
@click.option(
    "--sort",
    "sort",
    default=None,
    metavar="COLUMN",
    help="Order the states by this column (its JSON key, e.g. population, "
    "citizen_banzhaf_vs_direct, p_decisive): numbers largest first, text A to Z. Default: "
    "the first index's per-citizen power.",
)
@click.option(
    "--top",
    type=WholeNumber(min=1),
    default=None,
    metavar="N",
    help="Show only the first N states (in every format).",
)
@click.option(
    "--wide",
    is_flag=True,
    help="The plain table with every column and unwrapped notes (by default it fits 100 "
    "columns); the other formats always carry every column.",
)
@recompute_option
@request_options
@format_option
@_domain_errors
def states_command(
    body: str,
    census: int,
    index: str,
    population: str,
    population_file: Path | None,
    split_states: bool,
    senate_model: str,
    cloture: bool,
    vp_tiebreak: bool,
    scheme: str | None,
    scenario_files: tuple[Path, ...],
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    model: str,
    election: str | None,
    shift: float | None,
    national_sd: float | None,
    state_sd: float | None,
    lean: str | None,
    sort: str | None,
    top: int | None,
    wide: bool,
    recompute: bool,
    request_file: Path | None,
    save_request: Path | None,
    link: bool,
    fmt: str,
) -> None:
    """Power of each state and of one of its citizens in the Electoral College, Senate or House.

    A-priori model (the default): citizens vote by simple majority in their state (or
    district); the state casts its weight as a bloc. Banzhaf assumes coin-flip voting;
    Shapley-Shubik random orderings of all citizens. Empirical model (--model empirical): the
    probability that one voter decides the presidency, with states leaning as in a base
    election and correlated swings (see 'votepower docs voter-models').
    """
    request = request_from_options("states", click.get_current_context())
    view = request.view
    if view.wide and fmt.lower() != "table":
        raise click.UsageError(
            f"--wide shapes the plain table; --format {fmt.lower()} always carries every column"
        )
    columns = columns_of(request.model.spec.id, indices_of(request))
    if view.sort is not None and view.sort not in columns:
        raise click.UsageError(
            f"--sort {view.sort}: no such column here; the columns are {', '.join(columns)}"
        )
    answer = evaluate(request, recompute=recompute)
    click.echo(render_answer(answer, fmt), nl=False)
