"""``votepower history``: the comparison's measures across a century of censuses."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from ...models import MODELS
from ...request.history import (
    HISTORY_CENSUSES,
    college_censuses,
    college_unit_power,
    election_history,
    history,
)
from ...us import datasets
from ...us.alternatives import DEFAULT_SCHEMES, SCHEMES
from ...us.schemes import POPULATION_BASES
from ..io.history import (
    render_elections,
    render_history,
    render_per_state,
    render_unit_power,
)
from .common import (
    INDEX_CHOICES,
    FiniteNumber,
    _domain_errors,
    _given,
    _indices,
    _options,
    format_option,
    main,
)
from .model import _elections as model_elections


def _censuses(text: str | None, known: tuple[int, ...] = HISTORY_CENSUSES) -> list[int]:
    """``1910-2020`` (every census with an apportionment in between) or ``1950,1960``."""
    if text is None:
        return list(known)
    out: list[int] = []
    for part in text.split(","):
        part = part.strip()
        lo, dash, hi = part.partition("-")
        if not (lo.isdigit() and (not dash or hi.isdigit())):
            raise click.UsageError(
                f"--censuses takes years or ranges, e.g. 1910-2020 or 1950,1960 (got {part!r})"
            )
        if dash:
            first, last = int(lo), int(hi)
            if first > last:
                raise click.UsageError(f"--censuses {part}: the range runs backwards")
            chosen = [c for c in known if first <= c <= last]
            if not chosen:
                raise click.UsageError(
                    f"--censuses {part}: no census with an apportionment in that range (there "
                    f"are {', '.join(map(str, known))}; none followed 1920)"
                )
            out += chosen
        else:
            year = int(lo)
            if year not in known:
                raise click.UsageError(
                    f"--censuses {year}: no apportionment for that census (there are "
                    f"{', '.join(map(str, known))}; none followed 1920)"
                )
            out.append(year)
    return sorted(set(out))


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
@click.option(
    "--model",
    type=click.Choice(["apriori", "empirical"], case_sensitive=False),
    default="apriori",
    show_default=True,
    help="apriori: census by census; empirical: election by election (each its own base, the "
    "census in force), the probability that one voter decides.",
)
@click.option(
    "--elections",
    default=None,
    help="With --model empirical: elections, e.g. 1976-2024 (the default) or 2000,2016,2024.",
)
@click.option(
    "--shift",
    type=FiniteNumber(-0.5, 0.5),
    default=None,
    help="With --model empirical: national shift (default 0).",
)
@click.option(
    "--national-sd",
    type=FiniteNumber(0.0, 0.5),
    default=None,
    help="With --model empirical: sd of the national swing (default: from 1976-2024).",
)
@click.option(
    "--state-sd",
    type=FiniteNumber(0.005, 0.5),
    default=None,
    help="With --model empirical: sd of each state's own swing (default: from 1976-2024).",
)
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
    fmt: str,
) -> None:
    """How unequal was each citizen's power, census by census (1910-2020)?

    One row per scheme, census and index: the states whose citizens have the most and the
    least power, their ratio, the population-weighted Gini and the mean relative to a direct
    vote, for the body of the first presidential election under each census's apportionment.
    """
    names = (
        list(DEFAULT_SCHEMES)
        if scheme_list is None
        else [SCHEMES.get(x).id for x in scheme_list.split(",") if x.strip()]
    )
    if not names:
        raise click.UsageError("--schemes names no scheme (see 'votepower schemes')")
    ctx = click.get_current_context()
    if unit_power:
        others = _given(
            ctx, "scheme_list", "population", "per_state", "rank", "plot_file", "plot_states",
            "model", "elections", "shift", "national_sd", "state_sd",
        )  # fmt: skip
        if others:
            raise click.UsageError(
                f"--unit-power is the Electoral College's weighted game of the states; "
                f"{_options(others)} cannot be combined with it"
            )
        if index == "all":
            raise click.UsageError(
                "--unit-power shows one index: --index banzhaf or shapley-shubik"
            )
        years_u = _censuses(censuses, college_censuses())
        click.echo(
            render_unit_power(college_unit_power(years_u), _indices(index)[0], fmt), nl=False
        )
        return
    if model == "empirical":
        apriori_only = _given(ctx, "censuses", "index", "population", "per_state", "rank",
                              "plot_file", "plot_states")  # fmt: skip
        if apriori_only:
            raise click.UsageError(
                f"{_options(apriori_only)} {'goes' if len(apriori_only) == 1 else 'go'} with "
                "the a-priori model's census rows, not --model empirical"
            )
        left_out: tuple[str, ...] = ()
        if scheme_list is None:  # the default list, less the bodies the model does not cover
            covered = MODELS.get("empirical").bodies
            left_out = tuple(n for n in names if SCHEMES.get(n).body not in covered)
            names = [n for n in names if n not in left_out]
        years_e = (
            datasets.election_years()
            if elections is None
            else model_elections(elections, "--elections")
        )
        rows = _run(election_history, names, years_e, shift=shift, national_sd=national_sd,
                    state_sd=state_sd)  # fmt: skip
        if all(r.error is not None for r in rows.rows):
            raise click.ClickException(f"no row could be computed: {rows.rows[0].error}")
        click.echo(render_elections(replace(rows, left_out=left_out), fmt), nl=False)
        return
    empirical_only = _given(ctx, "elections", "shift", "national_sd", "state_sd")
    if empirical_only:
        raise click.UsageError(f"{_options(empirical_only)}: only with --model empirical")
    years = _censuses(censuses)
    indices = _indices(index)
    if rank and not per_state:
        raise click.UsageError("--rank goes with --per-state")
    if per_state and (len(names) != 1 or len(indices) != 1):
        raise click.UsageError(
            "--per-state draws one scheme's matrix for one index: give one --schemes id and "
            "--index banzhaf or shapley-shubik"
        )
    if rank and fmt.lower() in ("json", "csv"):
        raise click.UsageError(
            f"--rank shapes the table; --format {fmt.lower()} always carries every state's "
            "rank and value"
        )
    chosen_states: tuple[str, ...] = ()
    if plot_states is not None:
        if plot_file is None or not per_state:
            raise click.UsageError("--plot-states goes with --per-state and --plot FILE")
        chosen_states = datasets.check_state_codes(
            c.strip() for c in plot_states.split(",") if c.strip()
        )
        if not chosen_states:
            raise click.UsageError("--plot-states names no state")
    if plot_file is not None:
        from ..plot import check_plot_path

        check_plot_path(plot_file)
    result = _run(history, names, years, indices, population=population)
    if all(r.error is not None for r in result.rows):
        raise click.ClickException(f"no row could be computed: {result.rows[0].error}")
    if plot_file is not None:
        from ..plot import plot_history

        kind = "states" if chosen_states else "heatmap" if per_state else "series"
        plot_history(result, plot_file, kind, chosen_states)
    if per_state:
        click.echo(render_per_state(result, fmt, rank=rank), nl=False)
        return
    click.echo(render_history(result, fmt), nl=False)


def _run(function, names, years, *args, **kwargs):
    """``function(names, years, ...)`` over two processes, with a progress bar on a terminal."""
    if not sys.stderr.isatty():
        return function(names, years, *args, workers=2, **kwargs)
    total = len(names) * len(years)
    with click.progressbar(length=total, label="schemes x years", file=sys.stderr) as bar:
        return function(names, years, *args, workers=2, progress=lambda _: bar.update(1),
                        **kwargs)  # fmt: skip
