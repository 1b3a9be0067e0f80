"""``votepower history``: the comparison's measures across a century of censuses."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ...request.evaluate import evaluate, history_tasks
from ...us import datasets
from ...us.schemes import POPULATION_BASES
from ..io.answers import render_answer
from .common import (
    INDEX_CHOICES,
    _domain_errors,
    _options,
    format_option,
    main,
)
from .model import model_options_except
from .requests import request_from_options, request_options


@main.command("history")
@click.option(
    "--schemes",
    "scheme_list",
    default=None,
    help="Comma-separated scheme ids (default: every default scheme; see 'votepower schemes').",
)
@click.option(
    "--censuses",
    default=None,
    help="Censuses: a range such as 1910-2020 (the default: every census with an "
    "apportionment) or a list such as 1950,1960.",
)
@click.option(
    "--index",
    type=click.Choice(INDEX_CHOICES, case_sensitive=False),
    default="banzhaf",
    show_default=True,
    help="Which index to summarize.",
)
@click.option(
    "--population",
    type=click.Choice(POPULATION_BASES.names(), case_sensitive=False),
    default="apportionment",
    show_default=True,
    help="Population basis; a census that lacks it (resident before 2010) uses the "
    "apportionment population, and the output says so.",
)
@click.option(
    "--per-state",
    is_flag=True,
    help="The states x censuses matrix of one scheme: each state's per-citizen power "
    "relative to a direct vote.",
)
@click.option("--rank", is_flag=True, help="With --per-state: each state's rank instead.")
@click.option(
    "--plot-states",
    default=None,
    help="With --per-state and --plot: lines of these states' per-citizen power over the "
    "censuses (e.g. CA,NY,WY) instead of the heat map.",
)
@click.option(
    "--unit-power",
    is_flag=True,
    help="The states' own indices in the Electoral College (no citizens), back to the 1790 "
    "census (the 1792 College): states x censuses.",
)
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Also draw (.png, .svg or .pdf; needs matplotlib): the ratio and Gini over the "
    "censuses, one line per scheme, or with --per-state the states x censuses heat map.",
)
@model_options_except("election", "lean")
@click.option(
    "--elections",
    default=None,
    help="With --model empirical: the elections, one row each (each its own base, the census "
    "in force), e.g. 1976-2024 (the default) or 2000,2016,2024.",
)
@request_options
@format_option
@_domain_errors
def history_command(
    scheme_list: str | None,
    censuses: str | None,
    index: str,
    population: str,
    per_state: bool,
    rank: bool,
    plot_states: str | None,
    unit_power: bool,
    plot_file: Path | None,
    model: str,
    elections: str | None,
    shift: float | None,
    national_sd: float | None,
    state_sd: float | None,
    request_file: Path | None,
    save_request: Path | None,
    link: bool,
    fmt: str,
) -> None:
    """How unequal was each citizen's power, census by census (1910-2020)?

    One row per scheme, census and index: the states whose citizens have the most and the
    least power, their ratio, the population-weighted Gini and the mean relative to a direct
    vote, for the body of the first presidential election under each census's apportionment.
    """
    request = request_from_options("history", click.get_current_context())
    options = request.option
    drawn = [n for n, v in (("plot_file", plot_file), ("plot_states", plot_states)) if v]
    if drawn and options.get("unit_power"):
        raise click.UsageError(
            "--unit-power is the Electoral College's weighted game of the states; "
            f"{_options(drawn)} cannot be combined with it"
        )
    if drawn and request.model.spec.id == "empirical":
        raise click.UsageError(
            f"{_options(drawn)} {'goes' if len(drawn) == 1 else 'go'} with the a-priori "
            "model's census rows, not --model empirical"
        )
    if options.get("rank") and fmt.lower() in ("json", "csv"):
        raise click.UsageError(
            f"--rank shapes the table; --format {fmt.lower()} always carries every state's "
            "rank and value"
        )
    chosen_states: tuple[str, ...] = ()
    if plot_states is not None:
        if plot_file is None or not options.get("per_state"):
            raise click.UsageError("--plot-states goes with --per-state and --plot FILE")
        chosen_states = datasets.check_state_codes(
            c.strip() for c in plot_states.split(",") if c.strip()
        )
        if not chosen_states:
            raise click.UsageError("--plot-states names no state")
    if plot_file is not None:
        from ..plot import check_plot_path

        check_plot_path(plot_file)
    answer = _run(request)
    if plot_file is not None:
        from ..plot import plot_history

        kind = "states" if chosen_states else "heatmap" if answer.per_state else "series"
        plot_history(answer.result, plot_file, kind, chosen_states)
    click.echo(render_answer(answer, fmt), nl=False)


def _run(request):  # type: ignore[no-untyped-def]
    """The history over two processes, with a progress bar on a terminal."""
    if not sys.stderr.isatty() or request.option.get("unit_power"):
        return evaluate(request)
    count = history_tasks(request)
    with click.progressbar(length=count, label="schemes x years", file=sys.stderr) as bar:
        return evaluate(request, progress=lambda _: bar.update(1))
