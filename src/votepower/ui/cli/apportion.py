"""``votepower apportion``: House apportionment."""

from __future__ import annotations

from pathlib import Path

import click

from ...us import datasets
from ...us.apportion import APPORTIONMENT_METHODS, WYOMING_ROUNDINGS, apportion, house_size
from ...us.popfile import read_population_file
from ..io import (
    ApportionmentReport,
    render_apportionment,
)
from .common import WholeNumber, _domain_errors, format_option, main, population_file_option


@main.command("apportion")
@click.option(
    "--census",
    type=WholeNumber(),
    default=2020,
    show_default=True,
    help="Census year (1910, 1930-2020) whose apportionment populations are used.",
)
@click.option(
    "--method",
    type=click.Choice(APPORTIONMENT_METHODS.names(), case_sensitive=False),
    default="huntington-hill",
    show_default=True,
    help="Apportionment method.",
)
@click.option(
    "--house-size",
    "size_rule",
    default=None,
    help="Number of seats, 'wyoming-rule', 'cube-root-rule' or 'fixed-ratio:N' (one seat per "
    "N people). "
    "Default: the official size of that census.",
)
@click.option(
    "--wyoming-rounding",
    type=click.Choice(WYOMING_ROUNDINGS),
    default="nearest",
    show_default=True,
    help="How the Wyoming rule rounds total / smallest population.",
)
@click.option("--min-seats", type=WholeNumber(min=0), default=1, show_default=True)
@click.option(
    "--compare",
    "compare_method",
    type=click.Choice(APPORTIONMENT_METHODS.names(), case_sensitive=False),
    default=None,
    help="A second method to show side by side.",
)
@click.option(
    "--ties",
    type=click.Choice(["report", "raise"]),
    default="report",
    show_default=True,
    help="An exact tie for the last seat: report it, or fail.",
)
@population_file_option
@format_option
@_domain_errors
def apportion_command(
    population_file: Path | None,
    census: int,
    method: str,
    size_rule: str | None,
    wyoming_rounding: str,
    min_seats: int,
    compare_method: str | None,
    ties: str,
    fmt: str,
) -> None:
    """Apportion the House among the states of a census, by any method and House size.

    Populations are the census's apportionment populations (the 50 states; Arizona and New
    Mexico, admitted after the 1910 base, are left out of 1910), or your own with
    --population-file. The change column compares with the official apportionment of that
    census.
    """
    records = [r for r in datasets.apportionment_census(census) if r.population is not None]
    populations = {r.code: r.population for r in records if r.population is not None}
    official = {r.code: r.seats for r in records}
    if population_file is not None:  # the user's own populations; the census's seats compare
        own = read_population_file(population_file)
        populations = {c: n for c, n in own.items() if c != "DC"}
        official = {c: n for c, n in official.items() if c in populations}
    rule = size_rule if size_rule is not None else str(sum(official.values()))
    size, description = house_size(rule, populations, wyoming_rounding=wyoming_rounding)
    if size_rule is None:
        description = f"the official size in {census}"
    result = apportion(
        populations,
        size,
        method=method,
        min_seats=min_seats,
        ties=ties,
        official=official,
        house_size_rule=description,
    )
    other = None
    if compare_method is not None:
        other = apportion(
            populations, size, method=compare_method, min_seats=min_seats, ties="report"
        )
    names = {r.code: r.name for r in records}
    source = None
    if population_file is not None:
        left = "; DC, which has no House seats, left out" if "DC" in own else ""
        source = f"{population_file.name} (own populations{left})"
    report = ApportionmentReport(census, result, names, other, source)
    click.echo(render_apportionment(report, fmt), nl=False)
