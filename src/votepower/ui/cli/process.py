"""``votepower process``: the lawmaking and amendment processes."""

from __future__ import annotations

from pathlib import Path

import click

from ...request.evaluate import evaluate
from ...us.apportion import APPORTIONMENT_METHODS
from ...us.process import PROCESSES
from ..io.answers import render_answer
from .common import (
    _domain_errors,
    census_option,
    citizen_index_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
)
from .requests import request_from_options, request_options


@main.command("process")
@click.argument("kind", type=click.Choice(PROCESSES.names(), case_sensitive=False), required=False)
@census_option
@click.option(
    "--filibuster", is_flag=True, help="Lawmaking: the Senate needs 3/5 (60) for cloture."
)
@click.option(
    "--vp-tiebreak", is_flag=True, help="Lawmaking: the Vice-President breaks Senate ties."
)
@population_option
@population_file_option
@click.option(
    "--dc-statehood", is_flag=True, help="DC is a state (House re-apportioned, 435 seats)."
)
@click.option(
    "--pr-statehood", is_flag=True, help="Puerto Rico is a state (House re-apportioned, 435 seats)."
)
@membership_options
@click.option(
    "--house-method",
    type=click.Choice(APPORTIONMENT_METHODS.names(), case_sensitive=False),
    default=None,
    help="Re-apportion the House by this method (default: the official seats).",
)
@click.option(
    "--house-size",
    default=None,
    help="Re-apportion a House of this many seats, 'wyoming-rule' or 'cube-root-rule' "
    "(Huntington-Hill unless --house-method says otherwise).",
)
@citizen_index_option("Per-citizen Shapley-Shubik needs an integral; --index banzhaf skips it.")
@request_options
@format_option
@_domain_errors
def process_command(
    kind: str | None,
    census: int,
    filibuster: bool,
    vp_tiebreak: bool,
    population: str,
    population_file: Path | None,
    dc_statehood: bool,
    pr_statehood: bool,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    house_method: str | None,
    house_size: str | None,
    index: str,
    request_file: Path | None,
    save_request: Path | None,
    link: bool,
    fmt: str,
) -> None:
    """Power in a compound process: lawmaking (House, Senate, President, veto override) or an
    Article V amendment (2/3 of both chambers, 3/4 of the states), by office and per citizen."""
    if kind is None and request_file is None:
        raise click.UsageError("Missing argument 'KIND'.")
    request = request_from_options("process", click.get_current_context())
    click.echo(render_answer(evaluate(request), fmt), nl=False)
