"""``votepower compare`` and ``votepower schemes``: schemes side by side."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ...core.errors import SchemeError, VotepowerError
from ...models.presidential import empirical_power
from ...request.compare import compare, scenario_result
from ...request.empirical import compare_empirical, summarize_empirical
from ...us.alternatives import DEFAULT_SCHEMES, SCHEMES
from ...us.popfile import read_population_file
from ...us.scenario import load_scenario
from ..io import (
    CompareReport,
    render_compare,
)
from ..io.empirical import EmpiricalCompareRow, render_empirical_compare
from .common import (
    _domain_errors,
    _federation,
    _given,
    _indices,
    _options,
    census_option,
    citizen_index_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
    recompute_option,
)
from .model import chosen_model, empirical_census, empirical_population, model_options


@main.command("compare")
@click.option(
    "--schemes",
    "scheme_list",
    default=None,
    help="Comma-separated scheme ids (default: all; see 'votepower schemes').",
)
@census_option
@citizen_index_option("Which index to summarize.")
@population_option
@population_file_option
@membership_options
@click.option(
    "--scenario",
    "scenario_files",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="A scenario file (TOML) to add to the comparison; may be repeated.",
)
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw the comparison to this file (.png, .svg or .pdf: the suffix gives the "
    "format); needs matplotlib (the 'plot' extra).",
)
@click.option(
    "--plot-kind",
    type=click.Choice(["auto", "summary", "heatmap", "map"]),
    default=None,
    help="What --plot draws: summary (every scheme's max/min ratio and Gini), heatmap "
    "(schemes x states), map (tile map and sorted bars, at most 4 schemes); auto (the "
    "default): maps for up to 3 schemes, else the heat map.",
)
@model_options
@recompute_option
@format_option
@_domain_errors
def compare_command(
    scheme_list: str | None,
    census: int,
    index: str,
    population: str,
    population_file: Path | None,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    scenario_files: tuple[Path, ...],
    plot_file: Path | None,
    plot_kind: str | None,
    model: str,
    election: str | None,
    shift: float | None,
    national_sd: float | None,
    state_sd: float | None,
    lean: str | None,
    recompute: bool,
    fmt: str,
) -> None:
    """Compare schemes side by side: how unequal is each citizen's power under each?

    With no options: every built-in scheme on the 2020 census. Each row gives, for one scheme
    and index, the states whose citizens are most and least powerful, their ratio, the
    population-weighted Gini of per-citizen power, and the mean relative to a direct vote.
    """
    spec, params = chosen_model(model, election, shift, national_sd, state_sd, lean)
    names = (
        [s for s in DEFAULT_SCHEMES if not spec.bodies or SCHEMES.get(s).body in spec.bodies]
        if scheme_list is None
        else [SCHEMES.get(x).id for x in scheme_list.split(",") if x.strip()]
    )
    if not names and not scenario_files:
        raise click.UsageError("--schemes names no scheme (see 'votepower schemes')")
    if plot_kind is not None and plot_file is None:
        raise click.UsageError("--plot-kind says what --plot draws; give --plot FILE as well")
    if plot_file is not None:
        _check_plot(plot_file, plot_kind, len(names) + len(scenario_files))
    if params is not None:
        if plot_file is not None:
            raise click.UsageError(
                "--plot draws the a-priori model's per-citizen power; it has no picture for "
                "--model empirical yet"
            )
        census = empirical_census(census, params)
        population = empirical_population(population, census, params)
    fed = _federation(census, population, members, exclude, won_by, population_file)
    if params is not None:
        rows = [
            EmpiricalCompareRow(*row) for row in compare_empirical(names, fed, params, workers=2)
        ]
        for path in scenario_files:
            scenario = load_scenario(path)
            scenario_fed = _scenario_federation(
                scenario, path, census, fed, population, members, exclude, won_by,
                population_file,
            )  # fmt: skip
            try:
                if spec.bodies and scenario.body not in spec.bodies:
                    raise SchemeError(f"a {scenario.body} scenario, not a presidential election")
                result = empirical_power(scenario.build(scenario_fed), params)
                rows.append(
                    EmpiricalCompareRow(scenario.id, scenario.name, summarize_empirical(result))
                )
            except VotepowerError as exc:
                rows.append(EmpiricalCompareRow(scenario.id, scenario.name, None, str(exc)))
        if all(r.summary is None for r in rows):
            raise click.ClickException(f"no scheme could be computed: {rows[0].error}")
        click.echo(render_empirical_compare(rows, params.resolved(), census, fmt), nl=False)
        return
    indices = _indices(index)
    show = sys.stderr.isatty()
    if show:
        with click.progressbar(length=len(names), label="schemes", file=sys.stderr) as bar:
            results = compare(
                names,
                fed,
                indices,
                progress=lambda _: bar.update(1),
                workers=2,
                recompute=recompute,
            )
    else:
        results = compare(names, fed, indices, workers=2, recompute=recompute)
    for path in scenario_files:
        scenario = load_scenario(path)
        scenario_fed = _scenario_federation(
            scenario, path, census, fed, population, members, exclude, won_by, population_file
        )
        results.append(scenario_result(scenario, scenario.build(scenario_fed), indices))
    if all(res.error is not None for res in results):
        raise click.ClickException(f"no scheme could be computed: {results[0].error}")
    report = CompareReport(census, fed.basis, tuple(fed.people), indices, tuple(results))
    if plot_file is not None:
        from ..plot import plot_comparison

        kind = None if plot_kind in (None, "auto") else plot_kind
        plot_comparison(results, plot_file, indices=indices, kind=kind, census=census)
    click.echo(render_compare(report, fmt), nl=False)


def _check_plot(path: Path, kind: str | None, schemes: int) -> None:
    """Before any computation: the file can be written, matplotlib is there, the kind fits."""
    from ..plot import MAP_SCHEMES, check_plot_path

    if kind == "map" and schemes > MAP_SCHEMES:
        raise click.UsageError(
            f"--plot-kind map draws at most {MAP_SCHEMES} schemes ({schemes} asked for); "
            "use --plot-kind heatmap or summary"
        )
    check_plot_path(path)
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        from ..plot import INSTALL_HINT

        raise click.ClickException(f"--plot needs matplotlib: {INSTALL_HINT}") from None


def _scenario_federation(
    scenario, path, census, fed, population, members, exclude, won_by, population_file=None
):
    """A scenario's union: the command line's census, basis (or own populations) and
    membership unless the file sets its own (a conflict is a usage error)."""
    ctx = click.get_current_context()
    if population_file is not None and scenario.population is not None:
        raise click.UsageError(
            f"--population-file gives your own populations, but {path} sets population = "
            f"{scenario.population}; keep one"
        )
    membership = _given(ctx, "members", "exclude", "won_by")
    for option, value, mine in (
        ("census", census, scenario.census),
        ("population", fed.basis, scenario.population),
    ):
        if mine is not None and mine != value and _given(ctx, option):
            raise click.UsageError(
                f"--{option} {value} conflicts with {path}, which sets {option} = {mine}"
            )
    if membership and scenario.members:
        raise click.UsageError(
            f"{_options(membership)} and the [members] of {path} both say who is in the "
            "union; keep one"
        )
    if membership:  # the command line's union, in the scenario's census and basis
        return _federation(
            scenario.census or census, scenario.population or population, members, exclude,
            won_by, population_file,
        )  # fmt: skip
    if population_file is not None:
        return scenario.federation(
            census, "resident", people=read_population_file(population_file),
            people_name=fed.basis,
        )  # fmt: skip
    return scenario.federation(census, fed.basis)


@main.command("schemes")
@format_option
def schemes_command(fmt: str) -> None:
    """List the built-in schemes with their ids and descriptions."""
    from ..io.listing import render_listing

    rows = [
        {
            "id": spec.id,
            "body": spec.body,
            "description": spec.description,
            "aliases": list(spec.aliases),
            "default": spec.default,
        }
        for spec in SCHEMES
    ]
    click.echo(render_listing("schemes", rows, fmt), nl=False)
