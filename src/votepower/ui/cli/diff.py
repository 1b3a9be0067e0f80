"""``votepower diff``: two schemes state by state."""

from __future__ import annotations

from pathlib import Path

import click

from ...request.evaluate import evaluate
from ..io.answers import render_answer
from .common import (
    _domain_errors,
    census_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
    recompute_option,
)
from .requests import request_from_options, request_options

INDEX_NAMES = {"banzhaf": "banzhaf", "bz": "banzhaf", "shapley-shubik": "shapley-shubik",
               "ss": "shapley-shubik"}  # fmt: skip


@main.command("diff")
@click.argument("scheme_a", required=False)
@click.argument("scheme_b", required=False)
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
@request_options
@format_option
@_domain_errors
def diff_command(
    scheme_a: str | None,
    scheme_b: str | None,
    census: int,
    index: str,
    population: str,
    population_file: Path | None,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    plot_file: Path | None,
    recompute: bool,
    request_file: Path | None,
    save_request: Path | None,
    link: bool,
    fmt: str,
) -> None:
    """Compare two schemes state by state: per-citizen power under SCHEME_A and SCHEME_B, the
    ratio B / A and the change in rank, sorted by the change.

    Each scheme is a built-in id (see 'votepower schemes') or a scenario file (.toml); with
    --request FILE they may be left out (the saved request's are used).
    """
    for name, value in (("SCHEME_A", scheme_a), ("SCHEME_B", scheme_b)):
        if value is None and request_file is None:
            raise click.UsageError(f"Missing argument '{name}'.")
    if plot_file is not None:
        from ..plot import check_plot_path

        check_plot_path(plot_file)
    request = request_from_options("diff", click.get_current_context())
    answer = evaluate(request, recompute=recompute)
    if plot_file is not None:
        from ..plot import plot_diff

        plot_diff(answer.diff, plot_file, census=answer.census)
    click.echo(render_answer(answer, fmt), nl=False)
