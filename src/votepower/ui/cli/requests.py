"""From the command line's options to a :class:`~votepower.request.model.Request`, and the
``--request FILE`` / ``--save-request FILE`` options every computing command takes.

Only what the user gave goes into the request (an option left at its default stays ``None``
there), so a saved request says exactly what was asked and a loaded one takes the command
line's options on top of it. Files are read here, never in the request: the user's own
populations and scenario files go into it as data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from ...core.textfile import read_user_text
from ...request.codec import from_toml, to_query, to_toml
from ...request.commands import known_censuses, parse_censuses
from ...request.model import Model, Request, RequestError, Union, View, parse_elections
from ...request.reformopts import REFORM_OPTIONS
from ...us.popfile import read_population_file
from ...us.scenario import read_scenario_data
from ..web.limits import API_COMMANDS
from .model import _elections

__all__ = ["request_options", "request_from_options"]

#: command-line parameter -> (part of the request, its field)
_FIELDS = {
    "census": ("union", "census"),
    "population": ("union", "population"),
    "members": ("union", "states"),
    "exclude": ("union", "exclude"),
    "won_by": ("union", "won_by"),
    "model": ("model", "name"),
    "shift": ("model", "shift"),
    "national_sd": ("model", "national_sd"),
    "state_sd": ("model", "state_sd"),
    "lean": ("model", "lean"),
    "sort": ("view", "sort"),
    "top": ("view", "top"),
    "wide": ("view", "wide"),
}
#: the command's own options (``Request.options``)
_OPTIONS = (
    "body", "split_states", "senate_model", "cloture", "vp_tiebreak",
    "per_state", "rank", "unit_power",
    *REFORM_OPTIONS,
)  # fmt: skip


def request_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """--request FILE and --save-request FILE."""
    command = click.option(
        "--save-request",
        "save_request",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Write the question asked (a TOML request file) to this file, then answer it.",
    )(command)
    command = click.option(
        "--link",
        "link",
        is_flag=True,
        help="Print the explorer's share link for this question (the page of 'votepower "
        f"serve', at {EXPLORER}) instead of answering it.",
    )(command)
    return click.option(
        "--request",
        "request_file",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Ask the question saved in this request file (TOML; a scenario file too); the "
        "options given beside it apply on top of it.",
    )(command)


#: process's options (its KIND argument among them)
_PROCESS = (
    "kind", "filibuster", "vp_tiebreak", "dc_statehood", "pr_statehood", "house_method",
    "house_size",
)  # fmt: skip
#: design's options: command-line parameter -> request option (the quota already parsed)
_DESIGN = {
    "total_weight": "total_weight",
    "quota": "quota",
    "target": "target",
    "max_seconds": "max_seconds",
    "show_frontier": "frontier",
    "design_rule_flag": "rule",
}


def _given(ctx: click.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source != click.core.ParameterSource.DEFAULT


def request_from_options(command: str, ctx: click.Context) -> Request:
    """The request the command line asks (with ``--request FILE`` under it), saved to
    ``--save-request FILE`` when given. A conflict is a usage error (exit 2)."""
    params = ctx.params
    parts: dict[str, dict[str, Any]] = {"union": {}, "model": {}, "view": {}}
    for name, (part, field) in _FIELDS.items():
        if name in params and _given(ctx, name):
            parts[part][field] = params[name]
    if params.get("election") is not None:
        parts["model"]["elections"] = _elections(params["election"])
    path = params.get("population_file")
    if path is not None:
        parts["union"]["people"] = read_population_file(path)
        parts["union"]["people_name"] = f"{path.name} (own)"
    schemes = None
    if params.get("scheme_list") is not None:
        schemes = tuple(s for s in params["scheme_list"].split(",") if s.strip())
    if params.get("scheme") is not None:
        schemes = (params["scheme"],)
    scenarios = tuple((str(p), read_scenario_data(p)) for p in params.get("scenario_files") or ())
    if params.get("scheme_a") is not None:  # diff: two schemes, built-in ids or scenario files
        schemes = (params["scheme_a"], params["scheme_b"])
        for name in dict.fromkeys(n for n in schemes if n.endswith(".toml")):
            if not Path(name).is_file():
                raise click.UsageError(f"no scenario file {name}")
            scenarios += ((name, read_scenario_data(Path(name))),)
    options = {n: params[n] for n in _OPTIONS if n in params and _given(ctx, n)}
    if command == "process":
        for name in _PROCESS:
            if params.get(name) is not None and (name == "kind" or _given(ctx, name)):
                options[name] = params[name]
    if command == "design":  # its own options, under their request names
        for param, name in _DESIGN.items():
            if param in params and _given(ctx, param):
                options[name] = params[param]
    if command == "history":  # its rows: censuses, or elections under the empirical model
        try:
            if params.get("censuses") is not None:
                known = known_censuses(bool(params.get("unit_power")))
                options["censuses"] = parse_censuses(params["censuses"], known)
            if params.get("elections") is not None:
                options["elections"] = parse_elections(params["elections"], "--elections")
        except RequestError as exc:
            raise click.UsageError(str(exc)) from None
    index = params["index"] if "index" in params and _given(ctx, "index") else None
    try:
        union, model, view = (
            Union(**parts["union"]),
            Model(**parts["model"]),
            View(**parts["view"]),
        )
        saved = params.get("request_file")
        if saved is None:
            request = Request(
                command, union=union, schemes=schemes, scenarios=scenarios, model=model,
                index=index, options=options, view=view,
            )  # fmt: skip
        else:
            text = read_user_text(saved, RequestError, "a request file (TOML)")
            base = from_toml(text, str(saved))
            if base.command != command:
                raise RequestError(f"a {base.command} request cannot run as {command}")
            request = base.merged(
                union=union, model=model, view=view, schemes=schemes, scenarios=scenarios,
                index=index, options=options,
            )  # fmt: skip
    except RequestError as exc:
        raise click.UsageError(str(exc)) from None
    target = params.get("save_request")
    if target is not None:
        try:
            target.write_text(to_toml(request), encoding="utf-8")
        except OSError as exc:
            raise click.ClickException(f"cannot write {target}: {exc.strerror}") from None
    if params.get("link"):
        spelled = {"fmt": "--format", "plot_file": "--plot", "plot_kind": "--plot-kind",
                   "recompute": "--recompute", "save_file": "--save"}  # fmt: skip
        for name, option in spelled.items():
            if name in params and _given(ctx, name):
                raise click.UsageError(
                    f"--link prints the question's link instead of answering it; {option} "
                    "shapes an answer and cannot be combined with it"
                )
        _print_link(request)
    return request


#: where ``votepower serve`` listens by default
EXPLORER = "http://127.0.0.1:8000/"
#: the commands the explorer's page and API answer
_LINKED = API_COMMANDS


def _print_link(request: Request) -> None:
    """--link: print the explorer's link for the request and stop (nothing is computed)."""
    if request.command not in _LINKED:
        raise click.UsageError(
            f"--link: the explorer answers {', '.join(_LINKED)}, not {request.command}"
        )
    # a scenario file is named in the link by its file name, not by where it lies here
    names = {name: Path(name).name for name, _ in request.scenarios}
    if len(set(names.values())) == len(names):
        request = Request(
            request.command, union=request.union, model=request.model, view=request.view,
            index=request.index, options=dict(request.options),
            schemes=None if request.schemes is None else tuple(
                names.get(s, s) for s in request.schemes),
            scenarios=tuple((names[n], d) for n, d in request.scenarios),
        )  # fmt: skip
    click.echo(f"{EXPLORER}?{to_query(request)}")
    click.get_current_context().exit(0)
