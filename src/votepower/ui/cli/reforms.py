"""``votepower reforms``: search the law's knobs for the reforms that reach a goal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import click

from ...request.evaluate import evaluate
from ..io.answers import render_answer
from .common import (
    WholeNumber,
    _domain_errors,
    census_option,
    check_scenario_path,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
)
from .model import model_options
from .requests import request_from_options, request_options


@main.command("reforms")
@click.option(
    "--body",
    default=None,
    type=click.Choice(["electoral-college", "senate", "house"], case_sensitive=False),
    help="The body whose knobs are searched (the Senate and the House under the a-priori "
    "model). Default: electoral-college.",
)
@click.option(
    "--house-sizes",
    default=None,
    metavar="SIZES",
    help="House sizes: a range (435..1500), numbers, or rules (wyoming-rule, "
    "cube-root-rule, fixed-ratio:N for one seat per N people), comma-separated. Default: 435.",
)
@click.option(
    "--methods",
    default=None,
    metavar="IDS",
    help="Apportionment methods, comma-separated (see 'votepower methods'). "
    "Default: huntington-hill.",
)
@click.option(
    "--senatorial-electors",
    default=None,
    metavar="COUNTS",
    help="Senatorial electors per state to try, e.g. 0,2. Default: 2.",
)
@click.option(
    "--elector-rules",
    default=None,
    metavar="RULES",
    help="Electors' rule for every state: winner-take-all, district, proportional "
    "(comma-separated). Default: winner-take-all.",
)
@click.option(
    "--statehood",
    default=None,
    metavar="SETS",
    help="none, dc, pr, dc+pr (comma-separated). Default: none.",
)
@click.option(
    "--switch",
    default=None,
    metavar="RULE:K",
    help="Also every set of up to K states switching their electors to RULE (winner-take-all, "
    "district, proportional), e.g. district:3; exhaustive when it fits the budget, else greedy "
    "with exchange (said in the output).",
)
@click.option(
    "--senate-seats",
    default=None,
    metavar="RULES",
    help="Senate (--body senate): how its seats are given, comma-separated: equal, "
    "population, square-root, or tiers:T1/T2/... (two seats, one more at each population "
    "threshold). Default: equal.",
)
@click.option(
    "--senate-sizes",
    default=None,
    metavar="SIZES",
    help="Senate (--body senate): seats in all, numbers or a range (100..150), for equal, "
    "population and square-root seats. Default: two per member.",
)
@click.option(
    "--objective",
    default=None,
    metavar="ID",
    help="ratio (max/min per-citizen power, lower better; the default), gini (lower "
    "better) or mean (relative to a direct vote, higher better).",
)
@click.option(
    "--index",
    default=None,
    type=click.Choice(["banzhaf", "bz", "shapley-shubik", "ss"], case_sensitive=False),
    help="The index per citizen. Default: banzhaf.",
)
@click.option(
    "--cost",
    default=None,
    metavar="PARTS",
    help="The cost of change: seats (added or removed; the default), electors or, for the "
    "Senate, senators, or for the House, representatives (moved between states), states "
    "(whose electors' rule changes), "
    "new-states; weighted as seats=1,states=50.",
)
@click.option(
    "--target",
    type=float,
    default=None,
    help="Choose the cheapest reform whose objective reaches this value.",
)
@click.option(
    "--budget",
    type=WholeNumber(min=1),
    default=None,
    help="The most reforms evaluated (default 100,000); a larger space is refused before any work.",
)
@census_option
@population_option
@population_file_option
@membership_options
@model_options
@click.option(
    "--save",
    "save_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the chosen reform as a scenario file (compare --scenario reads it).",
)
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Draw the frontier to this file (.png, .svg, .pdf), and today's and the chosen "
    "reform's maps to the same name with -map (needs matplotlib).",
)
@request_options
@format_option
@_domain_errors
def reforms(save_file: Path | None, plot_file: Path | None, fmt: str, **_: object) -> None:
    """Search the knobs a statute or an amendment can turn (the House's size and method, the
    senatorial electors, the electors' rule, statehood; with --body senate the Senate's seats,
    with --body house the House's size and method)
    for the reforms with the best objective at each cost: the Pareto frontier, and with
    --target the cheapest reform that reaches it (or why none in the space does).
    """
    from ...request.codec import scenario_toml
    from ...request.model import Request

    request = request_from_options("reforms", click.get_current_context())
    if plot_file is not None:
        from ..plot import check_plot_path

        check_plot_path(plot_file)  # before any work
    if save_file is not None:
        check_scenario_path(save_file)
    answer = evaluate(request)
    if plot_file is not None:
        from ...request.reforms import map_results
        from ..plot.reforms import plot_reforms

        maps = map_results(answer) if answer.search.chosen is not None else []
        plot_reforms(answer.search, plot_file, maps, census=answer.census)
    if save_file is not None:
        chosen = answer.search.chosen
        if chosen is None:
            raise click.ClickException(f"nothing to save: {answer.search.why_none}")
        scenario = chosen.reform.scenario()
        union, note = request.union, ""
        if union.people is not None:  # a scenario cannot hold them: the user gives them again
            note = (
                f"# found on your own populations ({union.people_name}): compare it on them "
                "with --population-file\n"
            )
            union = replace(union, people=None, people_name=None)
        text = note + scenario_toml(
            Request("states", union=union, scenarios=((str(save_file), scenario),))
        )
        try:
            save_file.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {save_file}: {exc.strerror}") from None
    click.echo(render_answer(answer, fmt), nl=False)
