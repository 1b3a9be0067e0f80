"""``votepower compare`` and ``votepower schemes``: schemes side by side."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ...request.evaluate import evaluate, scheme_names
from ...us.alternatives import SCHEMES
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
    recompute_option,
)
from .model import model_options
from .requests import request_from_options, request_options


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
@request_options
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
    request_file: Path | None,
    save_request: Path | None,
    link: bool,
    fmt: str,
) -> None:
    """Compare schemes side by side: how unequal is each citizen's power under each?

    With no options: every built-in scheme on the 2020 census. Each row gives, for one scheme
    and index, the states whose citizens are most and least powerful, their ratio, the
    population-weighted Gini of per-citizen power, and the mean relative to a direct vote.
    """
    request = request_from_options("compare", click.get_current_context())
    names = scheme_names(request)
    if plot_kind is not None and plot_file is None:
        raise click.UsageError("--plot-kind says what --plot draws; give --plot FILE as well")
    if plot_file is not None:
        _check_plot(plot_file, plot_kind, len(names) + len(request.scenarios))
        if request.model.spec.id != "apriori":
            raise click.UsageError(
                "--plot draws the a-priori model's per-citizen power; it has no picture for "
                "--model empirical yet"
            )
    if request.model.spec.id == "apriori" and sys.stderr.isatty():
        with click.progressbar(length=len(names), label="schemes", file=sys.stderr) as bar:
            answer = evaluate(request, recompute=recompute, progress=lambda _: bar.update(1))
    else:
        answer = evaluate(request, recompute=recompute)
    if plot_file is not None:
        from ..plot import plot_comparison

        kind = None if plot_kind in (None, "auto") else plot_kind
        plot_comparison(
            list(answer.results), plot_file, indices=answer.indices, kind=kind,
            census=answer.census,
        )  # fmt: skip
    click.echo(render_answer(answer, fmt), nl=False)


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
