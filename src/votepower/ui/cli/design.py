"""``votepower design``: the weights and quota that equalize per-citizen power."""

from __future__ import annotations

import sys
from fractions import Fraction
from pathlib import Path

import click

from ...us.design import (
    MAX_TOTAL_WEIGHT,
    design,
    frontier,
    rounding_floor,
    rule_scenario_text,
    scenario_text,
)
from ..io.design import DesignReport, render_design
from .common import (
    FiniteNumber,
    WholeNumber,
    _domain_errors,
    _federation,
    census_option,
    format_option,
    main,
    membership_options,
    population_file_option,
    population_option,
)


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


def _set(ctx: click.Context, name: str) -> bool:
    return ctx.get_parameter_source(name) == click.core.ParameterSource.COMMANDLINE


#: the search's work units (about half a millisecond each) per second of budget
_UNITS_PER_SECOND = 2_000


def _check_writable(path: Path) -> None:
    """Before any computation: a .toml file in an existing, writable directory."""
    import os

    if path.suffix.lower() != ".toml":
        raise click.UsageError(f"--save writes a scenario file: {path} must end in .toml")
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir() or not parent.is_dir() or not os.access(parent, os.W_OK):
        raise click.ClickException(f"cannot write {path}: no writable directory {parent}")


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
    fmt: str,
) -> None:
    """Weights and quota for a chamber of the union's members, voting as blocs, that make
    every citizen's power as equal as the bound on the weights allows ('votepower docs design')."""
    index = {"bz": "banzhaf", "ss": "shapley-shubik"}.get(index.lower(), index.lower())
    fixed = _quota(quota)
    ctx = click.get_current_context()
    budget_given = ctx.get_parameter_source("max_seconds") == click.core.ParameterSource.COMMANDLINE
    if show_frontier:
        for option, value in (("--quota", quota), ("--target", target), ("--save", save_file)):
            if value is not None:
                raise click.UsageError(f"{option} sets one design; --frontier makes many")
    if design_rule_flag:
        given = [
            option
            for option, value in (
                ("--frontier", show_frontier or None),
                ("--quota", quota),
                ("--target", target),
                ("--plot", plot_file),
                ("--total-weight", total_weight if _set(ctx, "total_weight") else None),
                ("--max-seconds", max_seconds if budget_given else None),
                ("--index", index if _set(ctx, "index") else None),
            )
            if value is not None
        ]
        if given:
            raise click.UsageError(
                f"--rule designs a double majority of the Banzhaf index; {', '.join(given)} "
                "belong to weighted designs"
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
        _check_writable(save_file)
    fed = _federation(census, population, members, exclude, won_by, population_file)
    people = dict(fed.people)
    if design_rule_flag:
        from ...us.design.rule import design_rule

        found = design_rule(people)
        saved = None
        if save_file is not None:
            basis = None if population_file is not None else fed.basis
            save_file.write_text(rule_scenario_text(found, census=census, population=basis))
            saved = str(save_file)
        report = DesignReport(census, fed.basis, rule=found, saved=saved)
        click.echo(render_design(report, fmt), nl=False)
        return
    if show_frontier:
        seconds = max_seconds if budget_given else 15.0
        designs = frontier(
            people,
            total_weight,
            index=index,
            evaluations=round(seconds * _UNITS_PER_SECOND),
            max_seconds=10 * seconds + 5,
        )
        report = DesignReport(census, fed.basis, frontier=tuple(designs), seconds=seconds)
        if plot_file is not None:
            from ..plot.design import plot_frontier

            plot_frontier(designs, plot_file)
        click.echo(render_design(report, fmt), nl=False)
        return
    if sys.stderr.isatty() and fmt == "table":
        click.echo(f"designing ({max_seconds:g} s at most)...", err=True)
    result = design(
        people,
        total_weight,
        quota=fixed,
        index=index,
        target=target,
        evaluations=round(max_seconds * _UNITS_PER_SECOND),
        max_seconds=10 * max_seconds + 5,
    )
    limit = None
    if target is not None and result.ratio > target:
        width, smallest, weight = rounding_floor(result)
    if target is not None and result.ratio > target and result.ratio - 1 > 3 * width + 1e-3:
        limit = (
            f"Why not: the number of members. {len(people)} members make only "
            f"{2 ** (len(people) - 1):,} coalitions for each to swing, so the chamber's "
            f"{'Banzhaf' if index == 'banzhaf' else 'Shapley-Shubik'} indices take few values; "
            "rounding the weights alone would allow about "
            f"{1 + width:.5f}, and the search found nothing closer."
        )
    elif target is not None and result.ratio > target:
        limit = (
            f"Why not: the bound on the total weight. The smallest members' weights are coarse "
            f"({smallest}'s is {weight}, one unit is {1 / weight:.2%} of its power), and no total "
            f"up to {total_weight:,} rounds the 16 smallest members' ideal weights (for the quota "
            f"shares that came out best) within less than {width:.3%} of each other: about "
            f"{1 + width:.5f} is the least max/min this bound allows (up to effects of about "
            "1e-4)."
        )
    saved = None
    if save_file is not None:
        name = f"Designed chamber, {len(people)} members, total weight {result.total_weight}"
        basis = None if population_file is not None else fed.basis
        save_file.write_text(
            scenario_text(result, census=census, population=basis, name=name), encoding="utf-8"
        )
        saved = str(save_file)
    if plot_file is not None:
        from ..plot.design import plot_design

        plot_design(result, plot_file)
    report = DesignReport(census, fed.basis, design=result, limit=limit, saved=saved)
    click.echo(render_design(report, fmt), nl=False)
