"""``votepower process``: the lawmaking and amendment processes."""

from __future__ import annotations

from pathlib import Path

import click

from ...us.apportion import APPORTIONMENT_METHODS
from ...us.process import PROCESSES, build_process, process_power
from ..io import (
    render_process,
)
from .common import (
    _domain_errors,
    _federation,
    _indices,
    census_option,
    citizen_index_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
)


@main.command("process")
@click.argument("kind", type=click.Choice(PROCESSES.names(), case_sensitive=False))
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
@format_option
@_domain_errors
def process_command(
    kind: str,
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
    fmt: str,
) -> None:
    """Power in a compound process: lawmaking (House, Senate, President, veto override) or an
    Article V amendment (2/3 of both chambers, 3/4 of the states), by office and per citizen."""
    if PROCESSES.get(kind).id != "lawmaking" and (filibuster or vp_tiebreak):
        raise click.UsageError("--filibuster and --vp-tiebreak apply to lawmaking")
    fed = _federation(
        census, population, members, exclude, won_by, population_file,
        dc_statehood=dc_statehood, pr_statehood=pr_statehood,
    )  # fmt: skip
    basis = fed.basis
    process = build_process(
        kind,
        fed,
        filibuster=filibuster,
        vp_tiebreak=vp_tiebreak,
        house_method=house_method,
        house_size=house_size,
    )
    result = process_power(process, shapley_shubik_values="shapley-shubik" in _indices(index))
    click.echo(render_process(result, census, basis, fmt), nl=False)
