"""``votepower design``: the weights and quota that equalize per-citizen power."""

from __future__ import annotations

import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import click

from ...request.evaluate import evaluate
from ...us.design import MAX_TOTAL_WEIGHT, rule_scenario_text, scenario_text
from ..io.answers import render_answer
from .common import (
    FiniteNumber,
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
from .requests import request_from_options, request_options


def _quota(text: str | None) -> int | float | None:
    """``None`` (free), a whole number of weight, or a share ``2/3``, ``60%`` or ``0.6``."""
    if text is None:
        return None
    raw = text.strip()
    try:
        value = Fraction(raw[:-1]) / 100 if raw.endswith("%") else Fraction(raw)
    except (ValueError, ZeroDivisionError):
        raise click.BadParameter(f"{text!r} is not a number, a fraction or a percentage") from None
    if raw.endswith("%") or "/" in raw or value < 1:
        if not Fraction(1, 2) < value <= 1:
            raise click.BadParameter(f"a quota share must be above 1/2 and at most 1, not {text}")
        return float(value)
    if value.denominator != 1:
        raise click.BadParameter(f"a quota of weight must be a whole number, not {text}")
    return int(value)


@main.command("design")
@census_option
@population_option
@population_file_option
@membership_options
@click.option(
    "--index",
    type=click.Choice(["banzhaf", "bz", "shapley-shubik", "ss"], case_sensitive=False),
    default="banzhaf",
    show_default=True,
    help="The per-citizen index to equalize.",
)
@click.option(
    "--total-weight",
    type=WholeNumber(min=1),
    default=50_000,
    show_default=True,
    help=f"The bound on the sum of the weights (Banzhaf: at most {MAX_TOTAL_WEIGHT['banzhaf']:,};"
    f" Shapley-Shubik: {MAX_TOTAL_WEIGHT['shapley-shubik']:,}).",
)
@click.option(
    "--quota",
    default=None,
    help="Fix the quota: a whole number of weight, or a share of the total (2/3, 60%, 0.6); "
    "free (searched) by default.",
)
@click.option(
    "--target",
    type=FiniteNumber(min=1.0),
    default=None,
    help="Stop once the max/min ratio of per-citizen power is at most this (default: search "
    "until no step improves or the time is up).",
)
@click.option(
    "--max-seconds",
    type=FiniteNumber(min=0.1, max=3600),
    default=5.0,
    show_default=True,
    help="The search's work budget, in seconds at this machine's usual speed (for --frontier: "
    "of all its designs together, default 15). The search is deterministic in this work; a "
    "wall-clock limit of three times as much is only a safety net.",
)
@click.option(
    "--frontier",
    "show_frontier",
    is_flag=True,
    help="The trade-off instead of one design: the most equal design at each quota share from "
    "1/2 to 90%, with its power to act and the citizens' mean power.",
)
@click.option(
    "--rule",
    "design_rule_flag",
    is_flag=True,
    help="Design a double majority instead of weights: the member and population thresholds "
    "of 'members >= k and population >= p' that make per-citizen Banzhaf power most equal.",
)
@click.option(
    "--save",
    "save_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write the design as a scenario (TOML) for 'votepower compare --scenario'.",
)
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Draw the design's per-citizen power against the square-root baseline, or with "
    "--frontier the trade-off (.png, .svg or .pdf); needs matplotlib.",
)
@request_options
@format_option
@_domain_errors
def design_command(
    census: int,
    population: str,
    population_file: Path | None,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    index: str,
    total_weight: int,
    quota: str | None,
    target: float | None,
    max_seconds: float,
    show_frontier: bool,
    design_rule_flag: bool,
    save_file: Path | None,
    plot_file: Path | None,
    request_file: Path | None,
    save_request: Path | None,
    link: bool,
    fmt: str,
) -> None:
    """Weights and quota for a chamber of the union's members, voting as blocs, that make
    every citizen's power as equal as the bound on the weights allows ('votepower docs design')."""
    ctx = click.get_current_context()
    ctx.params["quota"] = _quota(quota)  # the request holds the parsed quota
    request = request_from_options("design", ctx)
    options = request.option
    if options.get("frontier") and save_file is not None:
        raise click.UsageError("--save sets one design; --frontier makes many")
    if options.get("rule") and plot_file is not None:
        raise click.UsageError(
            "--rule designs a double majority of the Banzhaf index; --plot belong to weighted "
            "designs"
        )
    if plot_file is not None:
        from ..plot import check_plot_path

        check_plot_path(plot_file)
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            from ..plot import INSTALL_HINT

            raise click.ClickException(f"--plot needs matplotlib: {INSTALL_HINT}") from None
    if save_file is not None:
        check_scenario_path(save_file)
    if sys.stderr.isatty() and fmt == "table" and not options.get("rule"):
        seconds = options.get("max_seconds") or (15.0 if options.get("frontier") else 5.0)
        click.echo(f"designing ({seconds:g} s at most)...", err=True)
    answer = evaluate(request)
    if save_file is not None:
        basis = None if answer.own_people else answer.basis
        if answer.rule is not None:
            text = rule_scenario_text(answer.rule, census=answer.census, population=basis)
        else:
            found = answer.design
            name = (
                f"Designed chamber, {len(found.members)} members, total weight {found.total_weight}"
            )
            text = scenario_text(found, census=answer.census, population=basis, name=name)
        save_file.write_text(text, encoding="utf-8")
        answer = replace(answer, saved=str(save_file))
    if plot_file is not None:
        from ..plot.design import plot_design, plot_frontier

        if answer.frontier:
            plot_frontier(list(answer.frontier), plot_file)
        else:
            plot_design(answer.design, plot_file)
    click.echo(render_answer(answer, fmt), nl=False)
