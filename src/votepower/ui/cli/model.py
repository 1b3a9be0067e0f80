"""``--model`` and the empirical model's options, shared by ``states`` and ``compare``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ...models import MODELS, ModelSpec
from ...models.presidential import LEANS, EmpiricalParameters
from ...request.model import RequestError, parse_elections
from ...us import datasets
from .common import FiniteNumber, _given, _options


def model_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--model and the empirical model's parameters."""
    for option in reversed(
        [
            click.option(
                "--model",
                type=click.Choice(MODELS.names(), case_sensitive=False),
                default="apriori",
                show_default=True,
                help="Voter model: apriori (coin-flip citizens: Banzhaf, Shapley-Shubik) or "
                "empirical (partisan states, correlated swings: P(one voter decides)).",
            ),
            click.option(
                "--election",
                default=None,
                help="Empirical model: base election(s), e.g. 2024, 2016,2020,2024 or 2016-2024 "
                "(several: shares and turnouts averaged). Default 2024.",
            ),
            click.option(
                "--shift", type=FiniteNumber(-0.5, 0.5), default=None,
                help="Empirical model: national shift of the Democratic share (default 0).",
            ),
            click.option(
                "--national-sd", type=FiniteNumber(0.0, 0.5), default=None,
                help="Empirical model: sd of the national swing (default: from 1976-2024).",
            ),
            click.option(
                "--state-sd", type=FiniteNumber(0.005, 0.5), default=None,
                help="Empirical model: sd of each state's own swing (default: from 1976-2024).",
            ),
            click.option(
                "--lean",
                type=click.Choice(LEANS, case_sensitive=False),
                default=None,
                help="Empirical model: 'election' (bases as voted, the default) or 'none' "
                "(every state at 1/2, turnout from the population basis).",
            ),
        ]
    ):  # fmt: skip
        command = option(command)
    return command


def _elections(text: str, option: str = "--election") -> tuple[int, ...]:
    """``2024``, ``2016,2020,2024`` or ``2016-2024``: :func:`parse_elections` with its error
    as a usage error."""
    try:
        return parse_elections(text, option)
    except RequestError as exc:
        raise click.UsageError(str(exc)) from None


def chosen_model(
    model: str,
    election: str | None,
    shift: float | None,
    national_sd: float | None,
    state_sd: float | None,
    lean: str | None,
) -> tuple[ModelSpec, EmpiricalParameters | None]:
    """The model spec, and the empirical parameters when it is the empirical model; an option
    of the other model is a usage error that names it."""
    spec = MODELS.get(model)
    ctx = click.get_current_context()
    owned = {name for other in MODELS for name in other.options}
    foreign = [n for n in _given(ctx, *sorted(owned)) if n not in spec.options]
    if foreign:
        owner = next(m.id for m in MODELS if foreign[0] in m.options)
        raise click.UsageError(
            f"{_options(foreign)} {'applies' if len(foreign) == 1 else 'apply'} to --model "
            f"{owner}, not {spec.id}"
        )
    if spec.id != "empirical":
        return spec, None
    if election is not None and (lean or "").lower() == "none":
        raise click.UsageError(
            "--election sets the states' bases; with --lean none every state is at 1/2 "
            "(leave one of them out)"
        )
    params = EmpiricalParameters(
        _elections(election) if election is not None else (2024,),
        shift,
        national_sd,
        state_sd,
        (lean or "election").lower(),
    )
    params.swing  # noqa: B018  (validates the parameters before anything is computed)
    return spec, params


def empirical_census(census: int, params: EmpiricalParameters) -> int:
    """The census of the Electoral College: as given, else the one in force for the (latest)
    base election."""
    if _given(click.get_current_context(), "census"):
        return census
    return datasets.census_for_election(max(params.elections))


def empirical_population(population: str, census: int, params: EmpiricalParameters) -> str:
    """The population basis: the empirical model counts voters by the base election's
    turnout, so ``--population`` applies only with ``--lean none``; otherwise the resident
    population where the census has one, else the apportionment population (used only to
    build schemes whose weights follow population, such as ec-square-root)."""
    ctx = click.get_current_context()
    for option in ("population", "population_file"):
        if params.lean == "election" and _given(ctx, option):
            raise click.UsageError(
                f"--{option.replace('_', '-')} applies to --model empirical only with --lean "
                "none (the model counts voters by the base election's turnout)"
            )
    if _given(ctx, "population"):
        return population
    return "resident" if census in (2010, 2020) else "apportionment"
