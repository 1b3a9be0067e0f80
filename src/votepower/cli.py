"""The ``votepower`` command line: a thin click layer over the library.

Each command parses its options, calls the library and prints what :mod:`votepower.io` renders.
Library errors become one-line messages with exit status 1; bad usage exits with status 2.
"""

from __future__ import annotations

import os

# The command line runs schemes in parallel processes (``compare``), so each uses one BLAS
# thread: more would only compete for the same cores. Set before numpy loads; a value set by
# the user wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import functools  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import click  # noqa: E402

from . import __version__, datasets  # noqa: E402
from .alternatives import DEFAULT_SCHEMES, SCHEMES, body_of, federation  # noqa: E402
from .apportion import APPORTIONMENT_METHODS, WYOMING_ROUNDINGS, apportion, house_size  # noqa: E402
from .citizens import citizen_power, summarize  # noqa: E402
from .compare import SchemeResult, compare, scheme_power  # noqa: E402
from .errors import MethodNotApplicableError, UnknownMethodError, VotepowerError  # noqa: E402
from .explain import explain  # noqa: E402
from .io import (  # noqa: E402
    FORMATS,
    ApportionmentReport,
    CompareReport,
    GameReport,
    StatesReport,
    parse_game,
    read_game_csv,
    render,
    render_apportionment,
    render_compare,
    render_process,
    render_states,
)
from .power.indices import banzhaf, shapley_shubik  # noqa: E402
from .power.montecarlo import DEFAULT_SAMPLES  # noqa: E402
from .process import PROCESSES, build_process, process_power  # noqa: E402
from .registry import INDICES, METHODS  # noqa: E402
from .scenario import load_scenario  # noqa: E402
from .schemes import BODIES, POPULATION_BASES, SENATE_MODELS  # noqa: E402

__all__ = ["main"]

INDEX_CHOICES = [*INDICES.names(), "all"]


def _indices(choice: str) -> tuple[str, ...]:
    """Index ids for an --index choice ("all", an id or an alias), in registry order."""
    return tuple(s.id for s in INDICES) if choice == "all" else (INDICES.get(choice).id,)


def _domain_errors(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn library errors into click errors: usage problems exit 2, domain problems exit 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (MethodNotApplicableError, UnknownMethodError) as exc:
            raise click.UsageError(str(exc)) from None
        except VotepowerError as exc:
            raise click.ClickException(str(exc)) from None
        except MemoryError:
            raise click.ClickException(
                "out of memory: this computation needs more memory than the machine has"
            ) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # a bug: still one line, and said to be one
            raise click.ClickException(
                f"internal error (a bug in votepower; please report it): "
                f"{type(exc).__name__}: {exc}"
            ) from None

    return wrapper


def format_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--format: table, markdown, csv or json (any case)."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS, case_sensitive=False),
        default="table",
        show_default=True,
        help="Output format.",
    )(command)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="votepower")
def main() -> None:
    """Voting power (Banzhaf, Shapley-Shubik) of players, states and citizens."""


@main.command()
@click.argument("spec", required=False)
@click.option(
    "--file",
    "csv_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV file of label,weight rows instead of SPEC.",
)
@click.option(
    "--quota",
    help="Quota for a --file game: a number, 'p/q' or 'x%' of the total. Default: strict majority.",
)
@click.option(
    "--index",
    type=click.Choice(INDEX_CHOICES, case_sensitive=False),
    default="all",
    show_default=True,
    help="Which index to compute.",
)
@click.option("--exact", is_flag=True, help="Exact fractions instead of decimals.")
@click.option(
    "--explain",
    "show_explanation",
    is_flag=True,
    help="Step by step: winning coalitions, critical members, swings, pivots (small games).",
)
@click.option(
    "--method",
    type=click.Choice(METHODS.names(), case_sensitive=False),
    default="generating-function",
    show_default=True,
    help="Algorithm (see 'votepower methods').",
)
@click.option(
    "--samples",
    type=click.IntRange(min=1),
    default=DEFAULT_SAMPLES,
    show_default=True,
    help="Monte Carlo draws.",
)
@click.option(
    "--seed", type=click.IntRange(min=0), default=0, show_default=True, help="Monte Carlo seed."
)
@format_option
@_domain_errors
def game(
    spec: str | None,
    csv_file: Path | None,
    quota: str | None,
    index: str,
    exact: bool,
    show_explanation: bool,
    method: str,
    samples: int,
    seed: int,
    fmt: str,
) -> None:
    """Power indices of every player of a weighted voting game.

    SPEC is "QUOTA: W1 W2 ..." (e.g. "16: 9 9 7 3 1 1"), with optional labels
    ("16: A=9 B=9 C=7 ..." or A:9), a quota share ("2/3: ..."), no quota for a strict
    majority, or the notation "[39; 7x5, 1x10]". A coalition wins iff its weight >= quota.
    """
    if (spec is None) == (csv_file is None):
        raise click.UsageError("give either a game SPEC or --file, not both and not neither")
    if quota is not None and spec is not None:
        raise click.UsageError("--quota goes with --file; write the quota into SPEC as 'Q: ...'")
    the_game = parse_game(spec) if spec is not None else read_game_csv(csv_file, quota)  # type: ignore[arg-type]
    wanted = set(_indices(index))
    spec_method = METHODS.get(method)
    if exact and not spec_method.exact:
        raise click.UsageError(f"--exact cannot be used with --method {spec_method.id}")
    options: dict[str, Any] = {"method": spec_method.id, "samples": samples, "seed": seed}
    # Exact counts (swings) are shown whenever they are cheap to get.
    counts = None if spec_method.exact else False
    bz = ss = None
    if "banzhaf" in wanted:
        bz = banzhaf(the_game, exact=exact, counts=counts, **options)
    if "shapley-shubik" in wanted:
        ss = shapley_shubik(the_game, exact=exact, counts=counts, **options)
    text = None
    if show_explanation:
        text = explain(
            the_game, banzhaf="banzhaf" in wanted, shapley_shubik="shapley-shubik" in wanted
        )
    click.echo(render(GameReport(the_game, bz, ss, text), fmt), nl=False)


@main.command()
def methods() -> None:
    """List the power indices and algorithms with their ids and aliases."""
    click.echo("Indices:")
    for spec in INDICES:
        aliases = f" (aliases: {', '.join(spec.aliases)})" if spec.aliases else ""
        click.echo(f"  {spec.id}{aliases}\n      {spec.description}")
    click.echo("Methods:")
    for m in METHODS:
        aliases = f" (aliases: {', '.join(m.aliases)})" if m.aliases else ""
        click.echo(f"  {m.id}{aliases}\n      {m.description}")


@main.command("apportion")
@click.option(
    "--census",
    type=int,
    default=2020,
    show_default=True,
    help="Census year (1910, 1930-2020) whose apportionment populations are used.",
)
@click.option(
    "--method",
    type=click.Choice(APPORTIONMENT_METHODS.names(), case_sensitive=False),
    default="huntington-hill",
    show_default=True,
    help="Apportionment method.",
)
@click.option(
    "--house-size",
    "size_rule",
    default=None,
    help="Number of seats, 'wyoming-rule' or 'cube-root-rule'. "
    "Default: the official size of that census.",
)
@click.option(
    "--wyoming-rounding",
    type=click.Choice(WYOMING_ROUNDINGS),
    default="nearest",
    show_default=True,
    help="How the Wyoming rule rounds total / smallest population.",
)
@click.option("--min-seats", type=click.IntRange(min=0), default=1, show_default=True)
@click.option(
    "--compare",
    "compare_method",
    type=click.Choice(APPORTIONMENT_METHODS.names(), case_sensitive=False),
    default=None,
    help="A second method to show side by side.",
)
@click.option(
    "--ties",
    type=click.Choice(["report", "raise"]),
    default="report",
    show_default=True,
    help="An exact tie for the last seat: report it, or fail.",
)
@format_option
@_domain_errors
def apportion_command(
    census: int,
    method: str,
    size_rule: str | None,
    wyoming_rounding: str,
    min_seats: int,
    compare_method: str | None,
    ties: str,
    fmt: str,
) -> None:
    """Apportion the House among the states of a census, by any method and House size.

    Populations are the census's apportionment populations (the 50 states; Arizona and New
    Mexico, admitted after the 1910 base, are left out of 1910). The change column compares
    with the official apportionment of that census.
    """
    records = [r for r in datasets.apportionment_census(census) if r.population is not None]
    populations = {r.code: r.population for r in records if r.population is not None}
    official = {r.code: r.seats for r in records}
    rule = size_rule if size_rule is not None else str(sum(official.values()))
    size, description = house_size(rule, populations, wyoming_rounding=wyoming_rounding)
    if size_rule is None:
        description = f"the official size in {census}"
    result = apportion(
        populations,
        size,
        method=method,
        min_seats=min_seats,
        ties=ties,
        official=official,
        house_size_rule=description,
    )
    other = None
    if compare_method is not None:
        other = apportion(
            populations, size, method=compare_method, min_seats=min_seats, ties="report"
        )
    names = {r.code: r.name for r in records}
    report = ApportionmentReport(census, result, names, other)
    click.echo(render_apportionment(report, fmt), nl=False)


def census_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--census: the census year of the populations and House seats."""
    return click.option("--census", type=int, default=2020, show_default=True, help="Census year.")(
        command
    )


def population_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--population: who counts as a citizen."""
    return click.option(
        "--population",
        type=click.Choice(POPULATION_BASES.names(), case_sensitive=False),
        default="resident",
        show_default=True,
        help="Population basis: who counts as a citizen.",
    )(command)


def citizen_index_option(help_text: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """--index for the per-citizen commands, with a command's own help."""
    return click.option(
        "--index",
        type=click.Choice(INDEX_CHOICES, case_sensitive=False),
        default="all",
        show_default=True,
        help=help_text,
    )


def membership_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--states, --exclude, --won-by: who forms the union."""
    command = click.option(
        "--won-by",
        default=None,
        help="Only the states carried by a party in an election, e.g. R:2024 or D:2020.",
    )(command)
    command = click.option(
        "--exclude", default=None, help="Comma-separated state codes to leave out."
    )(command)
    command = click.option(
        "--states",
        "members",
        default=None,
        help="Comma-separated state codes forming the union (default: all 50 and DC).",
    )(command)
    return command


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
@format_option
@_domain_errors
def states_command(
    body: str,
    census: int,
    index: str,
    population: str,
    split_states: bool,
    senate_model: str,
    cloture: bool,
    vp_tiebreak: bool,
    scheme: str | None,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    fmt: str,
) -> None:
    """Power of each state and of one of its citizens in the Electoral College, Senate or House.

    Citizens vote by simple majority in their state (or district); the state casts its weight as
    a bloc. Banzhaf assumes coin-flip voting; Shapley-Shubik random orderings of all citizens.
    """
    indices = _indices(index)
    basis = POPULATION_BASES.get(population).id
    ctx = click.get_current_context()
    given = _given(ctx, "body", "split_states", "senate_model", "cloture", "vp_tiebreak")
    fed = _federation(census, population, members, exclude, won_by)
    if scheme is not None:
        if given:
            raise click.UsageError(
                f"--scheme defines the body and its rules; {_options(given)} cannot be combined "
                "with it (see 'votepower schemes', e.g. senate-filibuster)"
            )
        result = scheme_power(
            SCHEMES.get(scheme).id, fed, shapley_shubik_values="shapley-shubik" in indices
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
        the_body = body_of(
            fed,
            kind,
            split_states=split_states,
            senate_model=senate_model,
            cloture=cloture,
            vp_tiebreak=vp_tiebreak,
        )
        result = citizen_power(the_body, shapley_shubik_values="shapley-shubik" in indices)
    click.echo(render_states(StatesReport(result, indices, census, basis), fmt), nl=False)


#: options of ``states`` that belong to one body
_BODY_OPTIONS = {
    "split_states": "electoral-college",
    "senate_model": "senate",
    "cloture": "senate",
    "vp_tiebreak": "senate",
}


def _given(ctx: click.Context, *names: str) -> list[str]:
    """The options among ``names`` that the user set on the command line."""
    source = click.core.ParameterSource.COMMANDLINE
    return [name for name in names if ctx.get_parameter_source(name) == source]


def _options(names: list[str]) -> str:
    """``--a, --b`` for parameter names (``split_states`` as the flag's own spelling)."""
    spelled = {"split_states": "--split-states/--no-split-states"}
    return ", ".join(spelled.get(n, "--" + n.replace("_", "-")) for n in names)


def _codes(text: str | None) -> tuple[str, ...] | None:
    if text is None:
        return None
    return tuple(c.strip().upper() for c in text.split(",") if c.strip())


def _won_by(spec: str) -> tuple[str, ...]:
    """States (not districts) carried by a party in a presidential election: ``R:2024``."""
    party, _, year = spec.partition(":")
    year = year.strip()
    if not (year.isascii() and year.isdigit()) or party.strip().upper() not in ("D", "R"):
        raise click.UsageError("--won-by takes PARTY:YEAR, e.g. D:2020 or R:2024")
    return datasets.states_won_by(party.strip().upper(), int(year))


def _federation(census, population, members, exclude, won_by, **statehood):
    chosen = _codes(members)
    if won_by is not None:
        winners = _won_by(won_by)
        if chosen is not None:
            lost = [c for c in datasets.check_state_codes(chosen) if c not in winners]
            if lost:
                raise click.ClickException(
                    f"--states names {', '.join(lost)}, which the --won-by {won_by} union "
                    "leaves out (that party did not carry it)"
                )
        chosen = winners if chosen is None else chosen
    return federation(
        census,
        population=POPULATION_BASES.get(population).id,
        states=chosen,
        exclude=_codes(exclude) or (),
        **statehood,
    )


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
    help="Also draw per-citizen power (map and bars per scheme) to this PNG/SVG/PDF file; "
    "needs the 'plot' extra (matplotlib).",
)
@format_option
@_domain_errors
def compare_command(
    scheme_list: str | None,
    census: int,
    index: str,
    population: str,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    scenario_files: tuple[Path, ...],
    plot_file: Path | None,
    fmt: str,
) -> None:
    """Compare schemes side by side: how unequal is each citizen's power under each?

    With no options: every built-in scheme on the 2020 census. Each row gives, for one scheme
    and index, the states whose citizens are most and least powerful, their ratio, the
    population-weighted Gini of per-citizen power, and the mean relative to a direct vote.
    """
    names = (
        list(DEFAULT_SCHEMES)
        if scheme_list is None
        else [SCHEMES.get(x).id for x in scheme_list.split(",") if x.strip()]
    )
    if not names and not scenario_files:
        raise click.UsageError("--schemes names no scheme (see 'votepower schemes')")
    fed = _federation(census, population, members, exclude, won_by)
    indices = _indices(index)
    show = sys.stderr.isatty()
    if show:
        with click.progressbar(length=len(names), label="schemes", file=sys.stderr) as bar:
            results = compare(names, fed, indices, progress=lambda _: bar.update(1), workers=2)
    else:
        results = compare(names, fed, indices, workers=2)
    ctx = click.get_current_context()
    membership = _given(ctx, "members", "exclude", "won_by")
    for path in scenario_files:
        scenario = load_scenario(path)
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
            scenario_fed = _federation(
                scenario.census or census, scenario.population or population, members,
                exclude, won_by,
            )  # fmt: skip
        else:
            scenario_fed = scenario.federation(census, fed.basis)
        body = scenario.build(scenario_fed)
        result = citizen_power(body, shapley_shubik_values="shapley-shubik" in indices)
        summaries = {index: summarize(result, index) for index in indices}
        results.append(SchemeResult(scenario.id, scenario.name, result, summaries))
    if all(res.error is not None for res in results):
        raise click.ClickException(f"no scheme could be computed: {results[0].error}")
    report = CompareReport(census, fed.basis, tuple(fed.people), indices, tuple(results))
    if plot_file is not None:
        from .plot import plot_comparison

        plot_comparison(results, plot_file, index=indices[0])
    click.echo(render_compare(report, fmt), nl=False)


@main.command("schemes")
def schemes_command() -> None:
    """List the built-in schemes with their ids and descriptions."""
    width = max(len(s.id) for s in SCHEMES)
    for spec in SCHEMES:
        note = "" if spec.default else "  (on request: not in the default comparison; slow)"
        click.echo(f"{spec.id:<{width}}  [{spec.body}] {spec.description}{note}")


@main.command("process")
@click.argument("kind", type=click.Choice(PROCESSES.names(), case_sensitive=False))
@census_option
@click.option(
    "--filibuster", is_flag=True, help="Lawmaking: the Senate needs 3/5 (60) for cloture."
)
@click.option(
    "--vp-tiebreak", is_flag=True, help="Lawmaking: the Vice-President breaks Senate ties."
)
@population_option
@click.option(
    "--dc-statehood", is_flag=True, help="DC is a state (House re-apportioned, 435 seats)."
)
@click.option(
    "--pr-statehood", is_flag=True, help="Puerto Rico is a state (House re-apportioned, 435 seats)."
)
@membership_options
@click.option(
    "--house-method",
    type=click.Choice(APPORTIONMENT_METHODS.names(), case_sensitive=False),
    default=None,
    help="Re-apportion the House by this method (default: the official seats).",
)
@click.option(
    "--house-size",
    default=None,
    help="Re-apportion a House of this many seats, 'wyoming-rule' or 'cube-root-rule' "
    "(Huntington-Hill unless --house-method says otherwise).",
)
@citizen_index_option("Per-citizen Shapley-Shubik needs an integral; --index banzhaf skips it.")
@format_option
@_domain_errors
def process_command(
    kind: str,
    census: int,
    filibuster: bool,
    vp_tiebreak: bool,
    population: str,
    dc_statehood: bool,
    pr_statehood: bool,
    members: str | None,
    exclude: str | None,
    won_by: str | None,
    house_method: str | None,
    house_size: str | None,
    index: str,
    fmt: str,
) -> None:
    """Power in a compound process: lawmaking (House, Senate, President, veto override) or an
    Article V amendment (2/3 of both chambers, 3/4 of the states), by office and per citizen."""
    if PROCESSES.get(kind).id != "lawmaking" and (filibuster or vp_tiebreak):
        raise click.UsageError("--filibuster and --vp-tiebreak apply to lawmaking")
    basis = POPULATION_BASES.get(population).id
    fed = _federation(
        census, population, members, exclude, won_by, dc_statehood=dc_statehood,
        pr_statehood=pr_statehood,
    )  # fmt: skip
    process = build_process(
        kind,
        fed,
        filibuster=filibuster,
        vp_tiebreak=vp_tiebreak,
        house_method=house_method,
        house_size=house_size,
    )
    result = process_power(process, shapley_shubik_values="shapley-shubik" in _indices(index))
    click.echo(render_process(result, census, basis, fmt), nl=False)
