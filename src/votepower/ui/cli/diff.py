"""``votepower diff``: two schemes state by state."""

from __future__ import annotations

from pathlib import Path

import click

from ...citizens import citizen_power, summarize
from ...request.compare import SchemeResult, compare
from ...request.diff import diff_schemes
from ...us.scenario import load_scenario
from ..io.diff import render_diff
from .common import (
    _domain_errors,
    _federation,
    census_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
    recompute_option,
)

INDEX_NAMES = {"banzhaf": "banzhaf", "bz": "banzhaf", "shapley-shubik": "shapley-shubik",
               "ss": "shapley-shubik"}  # fmt: skip


@main.command("diff")
@click.argument("scheme_a")
@click.argument("scheme_b")
@census_option
@click.option(
    "--index",
    type=click.Choice(sorted(INDEX_NAMES), case_sensitive=False),
    default="banzhaf",
    show_default=True,
    help="Which index to compare.",
)
@population_option
@population_file_option
@membership_options
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw the ratio B / A on a tile map (.png, .svg or .pdf); needs matplotlib.",
)
@recompute_option
@format_option
@_domain_errors
def diff_command(
    scheme_a: str,
    scheme_b: str,
    census: int,
    index: str,
    population: str,
    population_file: Path | None,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    plot_file: Path | None,
    recompute: bool,
    fmt: str,
) -> None:
    """Compare two schemes state by state: per-citizen power under SCHEME_A and SCHEME_B, the
    ratio B / A and the change in rank, sorted by the change.

    Each scheme is a built-in id (see 'votepower schemes') or a scenario file (.toml).
    """
    if plot_file is not None:
        from ..plot import check_plot_path

        check_plot_path(plot_file)
    index = INDEX_NAMES[index.lower()]
    fed = _federation(census, population, members, exclude, won_by, population_file)
    results = [
        _one(name, fed, index, census, population_file, recompute) for name in (scheme_a, scheme_b)
    ]
    diff = diff_schemes(results[0], results[1], index)
    if plot_file is not None:
        from ..plot import plot_diff

        plot_diff(diff, plot_file, census=census)
    click.echo(render_diff(diff, census, fmt), nl=False)


def _one(
    name: str, fed, index: str, census: int, population_file: Path | None, recompute: bool
) -> SchemeResult:
    """A built-in scheme by id, or a scenario file (its own census and members if it sets
    them, as in ``compare --scenario``)."""
    if name.endswith(".toml"):
        path = Path(name)
        if not path.is_file():
            raise click.UsageError(f"no scenario file {name}")
        scenario = load_scenario(path)
        scenario_fed = fed
        if scenario.members:
            own = None if population_file is None else dict(fed.people)
            scenario_fed = scenario.federation(
                census, "resident" if own else fed.basis, people=own, people_name=fed.basis
            )
        result = citizen_power(
            scenario.build(scenario_fed), shapley_shubik_values=index == "shapley-shubik"
        )
        return SchemeResult(scenario.id, scenario.name, result, {index: summarize(result, index)})
    (res,) = compare([name], fed, (index,), recompute=recompute)
    if res.error is not None:
        raise click.ClickException(f"{res.scheme}: {res.error}")
    return res
