"""``--model`` and the empirical model's options, shared by ``states`` and ``compare``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ...models import MODELS
from ...models.presidential import LEANS
from ...request.model import RequestError, parse_elections
from .common import FiniteNumber


def _declared() -> dict[str, Callable[..., Any]]:
    """Every voter-model option, declared once (by parameter name)."""
    options = [
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
    ]  # fmt: skip
    names = ("model", "election", "shift", "national_sd", "state_sd", "lean")
    return dict(zip(names, options, strict=True))


def model_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--model and the empirical model's parameters."""
    return model_options_except()(command)


def model_options_except(*left_out: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The voter-model options but ``left_out`` (``history`` has its own rows of elections,
    not a base election, and no --lean)."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        chosen = [option for name, option in _declared().items() if name not in left_out]
        for option in reversed(chosen):
            command = option(command)
        return command

    return decorate


def _elections(text: str, option: str = "--election") -> tuple[int, ...]:
    """``2024``, ``2016,2020,2024`` or ``2016-2024``: :func:`parse_elections` with its error
    as a usage error."""
    try:
        return parse_elections(text, option)
    except RequestError as exc:
        raise click.UsageError(str(exc)) from None
