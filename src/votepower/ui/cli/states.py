"""``votepower states``: per-state and per-citizen power in one body or scheme."""

from __future__ import annotations

from pathlib import Path

import click

from ...citizens import citizen_power
from ...core.errors import SchemeError
from ...models.presidential import empirical_power
from ...request.compare import scheme_power
from ...us.alternatives import SCHEMES, body_of, build_scheme
from ...us.schemes import BODIES, POPULATION_BASES, SENATE_MODELS
from ..io import (
    StatesReport,
    render_states,
)
from ..io.empirical import EMPIRICAL_STATE_COLUMNS, render_empirical_states
from ..io.states import states_columns
from ..io.view import RowView
from .common import (
    _BODY_OPTIONS,
    WholeNumber,
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


@main.command("states")
@click.option(
    "--body",
    type=click.Choice(BODIES.names(), case_sensitive=False),
    default="electoral-college",
    show_default=True,
    help="Which body.",
)
@census_option
@citizen_index_option("Which index (the first one listed sorts the table).")
@population_option
@population_file_option
@click.option(
    "--split-states/--no-split-states",
    default=True,
    show_default=True,
    help="Electoral College: Maine and Nebraska's district method.",
)
@click.option(
    "--senate-model",
    type=click.Choice(SENATE_MODELS.names(), case_sensitive=False),
    default="bloc",
    show_default=True,
    help="Senate: the two senators vote together, or are elected independently.",
)
@click.option("--cloture", is_flag=True, help="Senate: 60 votes instead of a majority.")
@click.option("--vp-tiebreak", is_flag=True, help="Senate: the Vice-President breaks 50-50 ties.")
@click.option(
    "--scheme",
    default=None,
    help="A built-in scheme id instead of --body (see 'votepower schemes').",
)
@membership_options
@model_options
@click.option(
    "--sort",
    "sort",
    default=None,
    metavar="COLUMN",
    help="Order the states by this column (its JSON key, e.g. population, "
    "citizen_banzhaf_vs_direct, p_decisive): numbers largest first, text A to Z. Default: "
    "the first index's per-citizen power.",
)
@click.option(
    "--top",
    type=WholeNumber(min=1),
    default=None,
    metavar="N",
    help="Show only the first N states (in every format).",
)
@click.option(
    "--wide",
    is_flag=True,
    help="The plain table with every column and unwrapped notes (by default it fits 100 "
    "columns); the other formats always carry every column.",
)
@recompute_option
@format_option
@_domain_errors
def states_command(
    body: str,
    census: int,
    index: str,
    population: str,
    population_file: Path | None,
    split_states: bool,
    senate_model: str,
    cloture: bool,
    vp_tiebreak: bool,
    scheme: str | None,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    model: str,
    election: str | None,
    shift: float | None,
    national_sd: float | None,
    state_sd: float | None,
    lean: str | None,
    sort: str | None,
    top: int | None,
    wide: bool,
    recompute: bool,
    fmt: str,
) -> None:
    """Power of each state and of one of its citizens in the Electoral College, Senate or House.

    A-priori model (the default): citizens vote by simple majority in their state (or
    district); the state casts its weight as a bloc. Banzhaf assumes coin-flip voting;
    Shapley-Shubik random orderings of all citizens. Empirical model (--model empirical): the
    probability that one voter decides the presidency, with states leaning as in a base
    election and correlated swings (see 'votepower docs voter-models').
    """
    spec, params = chosen_model(model, election, shift, national_sd, state_sd, lean)
    if params is not None:
        census = empirical_census(census, params)
        population = empirical_population(population, census, params)
    indices = _indices(index)
    if wide and fmt.lower() != "table":
        raise click.UsageError(
            f"--wide shapes the plain table; --format {fmt.lower()} always carries every column"
        )
    view = RowView(sort, top, wide)
    columns = EMPIRICAL_STATE_COLUMNS if params is not None else states_columns(indices)
    if sort is not None and sort not in columns:
        raise click.UsageError(
            f"--sort {sort}: no such column here; the columns are {', '.join(columns)}"
        )
    basis = POPULATION_BASES.get(population).id if population_file is None else None
    ctx = click.get_current_context()
    given = _given(ctx, "body", "split_states", "senate_model", "cloture", "vp_tiebreak")
    fed = _federation(census, population, members, exclude, won_by, population_file)
    if scheme is not None:
        if given:
            raise click.UsageError(
                f"--scheme defines the body and its rules; {_options(given)} cannot be combined "
                "with it (see 'votepower schemes', e.g. senate-filibuster)"
            )
        chosen = SCHEMES.get(scheme)
        if spec.bodies and chosen.body not in spec.bodies:
            raise SchemeError(
                f"{chosen.id} is a {chosen.body} scheme; the {spec.id} model is a model of "
                "presidential elections (Electoral College schemes and the popular vote)"
            )
        if params is not None:
            body = None if chosen.national else build_scheme(chosen.id, fed)
            result = empirical_power(body, params, national=chosen.national, people=fed.people)
            click.echo(render_empirical_states(result, census, fmt, view), nl=False)
            return
        result = scheme_power(
            chosen.id,
            fed,
            shapley_shubik_values="shapley-shubik" in indices,
            recompute=recompute,
        )
    else:
        kind = BODIES.get(body).id
        wrong = [name for name, owner in _BODY_OPTIONS.items() if name in given and owner != kind]
        if wrong:
            raise click.UsageError(
                f"{_options(wrong)} {'applies' if len(wrong) == 1 else 'apply'} to --body "
                f"{_BODY_OPTIONS[wrong[0]]}, not {kind}"
            )
        if cloture and vp_tiebreak:
            raise click.UsageError("--vp-tiebreak applies to the majority rule, not to --cloture")
        if spec.bodies and kind not in spec.bodies:
            raise SchemeError(
                f"the {spec.id} model is a model of presidential elections: --body "
                f"electoral-college (or a scheme), not {kind}"
            )
        the_body = body_of(
            fed,
            kind,
            split_states=split_states,
            senate_model=senate_model,
            cloture=cloture,
            vp_tiebreak=vp_tiebreak,
        )
        if params is not None:
            result = empirical_power(the_body, params)
            click.echo(render_empirical_states(result, census, fmt, view), nl=False)
            return
        result = citizen_power(the_body, shapley_shubik_values="shapley-shubik" in indices)
    basis = basis or fed.basis
    click.echo(render_states(StatesReport(result, indices, census, basis, view), fmt), nl=False)
