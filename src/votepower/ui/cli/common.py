"""What the commands share: the group, error handling, and the options several commands take."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable
from importlib import import_module
from pathlib import Path
from typing import Any

import click

from ... import __version__
from ...core.errors import MethodNotApplicableError, UnknownMethodError, VotepowerError
from ...core.registry import INDICES
from ...us.schemes import POPULATION_BASES
from ..io import (
    FORMATS,
)

#: the US commands' --index choices: the indices defined per citizen in two-tier bodies
INDEX_CHOICES = [
    *(name for spec in INDICES if spec.citizen for name in (spec.id, *spec.aliases)),
    "all",
]


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


_INTEGER = re.compile(r"[+-]?[0-9]+")
_DECIMAL = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,4})?")


class WholeNumber(click.IntRange):
    """A whole number written in ASCII digits (Python's ``int`` also reads other scripts'
    digits, ``'١'`` as 1), within optional bounds."""

    name = "integer"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and not (
            value.strip().isascii() and _INTEGER.fullmatch(value.strip()) and len(value) < 40
        ):
            self.fail(f"{value!r} is not a whole number (digits 0-9)", param, ctx)
        return super().convert(value, param, ctx)


class FiniteNumber(click.FloatRange):
    """A finite decimal number in ASCII digits, within optional bounds: ``nan`` and ``inf``
    are refused (they pass a range check, since no comparison with nan is true)."""

    name = "number"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and not (
            value.strip().isascii() and _DECIMAL.fullmatch(value.strip()) and len(value) < 60
        ):
            self.fail(f"{value!r} is not a finite decimal number (digits 0-9)", param, ctx)
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        return number


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


#: each command's module (it registers the command on :func:`main` when imported): a command
#: loads only its own module, so ``votepower compare`` never imports the design or plots
COMMAND_MODULES = {
    "apportion": "apportion",
    "compare": "compare",
    "design": "design",
    "diff": "diff",
    "docs": "docs",
    "game": "games",
    "games": "games",
    "history": "history",
    "methods": "games",
    "process": "process",
    "reforms": "reforms",
    "schemes": "compare",
    "serve": "serve",
    "site": "serve",
    "states": "states",
}


class _LazyGroup(click.Group):
    """A group whose commands are imported when first asked for (by name, or for the help)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            import_module(f"votepower.ui.cli.{module}")
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="votepower")
def main() -> None:
    """Voting power (Banzhaf, Shapley-Shubik) of players, states and citizens."""


def recompute_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--recompute: compute every figure afresh instead of reading the store of precomputed
    answers (the built-in schemes for the whole union of the 2020 census)."""
    return click.option(
        "--recompute",
        is_flag=True,
        default=False,
        help="Compute every figure afresh, ignoring the store of precomputed answers (the "
        "built-in schemes for the 2020 census's whole union, computed by this same engine).",
    )(command)


def census_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--census: the census year of the populations and House seats."""
    return click.option(
        "--census", type=WholeNumber(), default=2020, show_default=True, help="Census year."
    )(command)


def population_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--population: who counts as a citizen."""
    return click.option(
        "--population",
        type=click.Choice(POPULATION_BASES.names(), case_sensitive=False),
        default="resident",
        show_default=True,
        help="Population basis: who counts as a citizen.",
    )(command)


def population_file_option(command: Callable[..., Any]) -> Callable[..., Any]:
    """--population-file: the user's own populations (``code,population`` rows)."""
    return click.option(
        "--population-file",
        "population_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="A CSV file of code,population rows (e.g. projected 2030 populations) instead of "
        "the census's: they count the citizens and apportion the House; the states in it form "
        "the union unless --states picks some; --census still gives the official seats.",
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


def check_scenario_path(path: Path) -> None:
    """``--save``'s scenario file, before any computation: a .toml file in an existing,
    writable directory."""
    import os

    if path.suffix.lower() != ".toml":
        raise click.UsageError(f"--save writes a scenario file: {path} must end in .toml")
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir() or not parent.is_dir() or not os.access(parent, os.W_OK):
        raise click.ClickException(f"cannot write {path}: no writable directory {parent}")


def _given(ctx: click.Context, *names: str) -> list[str]:
    """The options among ``names`` that the user set on the command line."""
    source = click.core.ParameterSource.COMMANDLINE
    return [name for name in names if ctx.get_parameter_source(name) == source]


def _options(names: list[str]) -> str:
    """``--a, --b`` for parameter names, as the options are spelled on the command line."""
    spelled = {
        "split_states": "--split-states/--no-split-states",
        "scheme_list": "--schemes",
        "plot_file": "--plot",
        "members": "--states",
    }
    return ", ".join(spelled.get(n, "--" + n.replace("_", "-")) for n in names)
