"""The explorer's JSON API, without sockets: a method, a path, a query (and a body) in, a
:class:`Reply` out. :mod:`.server` puts it on HTTP.

Every question is parsed by the command line's own parsers — a request by
:func:`~votepower.request.codec.from_query`, a game by the ``game`` command's text parser — and
answered by the same evaluation and renderer: ``GET /api/compare?QUERY`` returns what
``votepower compare ... --format json`` prints for the same request. Bad input is a 400 with
``{"error": "<the command line's one-line message>"}``. Nothing here reads or writes a file
outside the package's data.

The answers are computed by :func:`compute`, which the server runs in worker processes (a
task is plain data); everything else here is cheap and runs in the server's threads.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from ...core.errors import VotepowerError
from ...request.codec import from_json, from_query, from_toml, scenario_toml, to_json, to_query
from ...request.errors import RequestError
from .limits import (
    API_COMMANDS,
    MAX_GAME_PLAYERS,
    MAX_QUERY,
    MAX_UPLOAD,
    MAX_WEB_REFORMS,
    MAX_WEB_SCHEMES,
)

__all__ = [
    "API_COMMANDS",
    "MAX_QUERY",
    "MAX_UPLOAD",
    "Reply",
    "Task",
    "compute",
    "route",
]


@dataclass(frozen=True)
class Reply:
    """An HTTP answer: status, body and content type (and extra headers)."""

    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def json_reply(payload: Any, status: int = 200) -> Reply:
    return Reply(status, (json.dumps(payload, allow_nan=False) + "\n").encode())


def error(status: int, message: str) -> Reply:
    """``{"error": message}`` with ``status``: the command line's one-line message."""
    return json_reply({"error": message}, status)


@dataclass(frozen=True)
class Task:
    """A computation for a worker: plain data, so that it crosses to another process, and its
    own cache key."""

    kind: str
    """``request`` (``text`` is the request as JSON) or ``game`` (``text`` is its parameters
    as JSON)."""
    text: str
    format: str = "json"
    """The answer's format (``--format``): json, csv, markdown or table."""

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.format}:{self.text}"


@dataclass(frozen=True)
class Parsed:
    """What a route decided: a reply now, or a task to compute."""

    reply: Reply | None = None
    task: Task | None = None


# --------------------------------------------------------------------------------------------
# parsing (the server's threads)
# --------------------------------------------------------------------------------------------
def parse_request(command: str, query: str) -> Any:
    """The request the query asks ``command`` (the query's own ``cmd``, if any, must agree)."""
    if len(query) > MAX_QUERY:
        raise RequestError(f"the query is longer than {MAX_QUERY:,} characters")
    pairs = parse_qsl(query, keep_blank_values=True)
    if not any(k == "cmd" for k, _ in pairs):
        query = f"cmd={command}" + (f"&{query}" if query else "")
    request = from_query(query)
    if request.command != command:
        raise RequestError(f"the query asks for {request.command}, not {command}")
    if len(request.schemes or ()) + len(request.scenarios) > MAX_WEB_SCHEMES:
        raise RequestError(f"the explorer compares at most {MAX_WEB_SCHEMES} schemes at once")
    return request


_FLAGS = {"1": True, "true": True, "on": True, "0": False, "false": False, "off": False}
_GAME_KEYS = {"spec", "example", "index", "exact", "explain"}


def parse_game_query(query: str) -> dict[str, Any]:
    """A classroom game's parameters: ``spec`` (``"16: 9 9 7 3 1 1"``) or ``example`` (a
    reference game), ``index`` (an id, an alias or ``all``), ``exact`` and ``explain`` (1/0).
    The game is read here, so that a bad one is refused before any work."""
    from ...core.registry import INDICES
    from ...games.reference import reference_game
    from ...games.spec import parse_game

    if len(query) > MAX_QUERY:
        raise RequestError(f"the query is longer than {MAX_QUERY:,} characters")
    params: dict[str, str] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        if key not in _GAME_KEYS:
            raise RequestError(f"the game has no parameter {key!r}; it takes {_spell(_GAME_KEYS)}")
        if key in params:
            raise RequestError(f"the query gives {key!r} twice")
        params[key] = value
    given = [k for k in ("spec", "example") if params.get(k)]
    if len(given) != 1:
        raise RequestError("give one game: a spec (e.g. 16: 9 9 7 3 1 1) or an example")
    out: dict[str, Any] = {"index": None, "exact": False, "explain": False}
    if "spec" in params:
        game = parse_game(params["spec"])
        out["spec"] = params["spec"]
    else:
        game = reference_game(params["example"])
        out["example"] = params["example"]
    if game.n > MAX_GAME_PLAYERS:
        raise RequestError(f"the classroom takes games of at most {MAX_GAME_PLAYERS} players")
    if params.get("index"):
        index = params["index"].strip().lower()
        out["index"] = "all" if index == "all" else INDICES.get(index).id
    for flag in ("exact", "explain"):
        if flag in params:
            if params[flag].lower() not in _FLAGS:
                raise RequestError(f"{flag} is 1 or 0, not {params[flag]!r}")
            out[flag] = _FLAGS[params[flag].lower()]
    return out


def _spell(keys: set[str]) -> str:
    return ", ".join(sorted(keys))


# --------------------------------------------------------------------------------------------
# computing (the workers)
# --------------------------------------------------------------------------------------------
def compute(task: Task) -> tuple[int, str]:
    """A task's status and JSON text: 200 and the command line's ``--format json``, or 400 and
    the one-line error of a question the engine refuses (its cost guard included)."""
    try:
        if task.kind == "request":
            from ...request.evaluate import evaluate
            from ..io.answers import render_answer

            # one process per question: the server runs questions side by side
            answer = evaluate(from_json(task.text), workers=1)
            return 200, render_answer(answer, task.format)
        if task.kind == "game":
            return 200, _game_json(json.loads(task.text))
        raise ValueError(f"unknown task {task.kind!r}")
    except VotepowerError as exc:  # RequestError included
        return 400, json.dumps({"error": str(exc)}) + "\n"


def _game_json(params: dict[str, Any]) -> str:
    from ...games.reference import reference_game
    from ...games.spec import parse_game
    from ...request.games import game_answer
    from ..io.games import GameReport, render

    if "spec" in params:
        game = parse_game(params["spec"])
    else:
        game = reference_game(params["example"])
    answer = game_answer(
        game, index=params["index"], exact=params["exact"], explain_steps=params["explain"]
    )
    report = GameReport(answer.game, answer.banzhaf, answer.shapley_shubik, answer.explanation,
                        answer.classic, answer.skipped)  # fmt: skip
    return render(report, "json")


# --------------------------------------------------------------------------------------------
# routes
# --------------------------------------------------------------------------------------------
_FORMATS = {
    "json": "application/json",
    "csv": "text/csv; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "table": "text/plain; charset=utf-8",
}


def _split_format(query: str) -> tuple[str, str]:
    """The query without its ``format`` (the output's, not the question's) and that format."""
    pairs = parse_qsl(query, keep_blank_values=True)
    formats = [v for k, v in pairs if k == "format"]
    if len(formats) > 1:
        raise RequestError("the query gives 'format' twice")
    fmt = formats[0].lower() if formats else "json"
    if fmt not in _FORMATS:
        raise RequestError(f"format {fmt!r}: choose one of {', '.join(_FORMATS)}")
    if formats:
        query = urlencode([(k, v) for k, v in pairs if k != "format"], safe=",:")
    return query, fmt


def _request_route(command: str) -> Callable[[str, bytes], Parsed]:
    def route_(query: str, body: bytes) -> Parsed:
        query, fmt = _split_format(query)
        request = parse_request(command, query)
        if command == "reforms":
            request = _web_budget(request)
        return Parsed(task=Task("request", to_json(request), fmt))

    return route_


def _web_budget(request: Any) -> Any:
    """A search on the web evaluates at most :data:`MAX_WEB_REFORMS` reforms: a request
    without a budget gets that one (written into the request, so that the answer says what
    was asked), a larger budget is refused."""
    budget = request.option.get("budget")
    if budget is None:
        return request.merged(options={"budget": MAX_WEB_REFORMS})
    if budget > MAX_WEB_REFORMS:
        raise RequestError(
            f"the explorer evaluates at most {MAX_WEB_REFORMS:,} reforms a search (budget "
            f"{budget:,} asked): the command line, votepower reforms, takes more"
        )
    return request


def _game_route(query: str, body: bytes) -> Parsed:
    return Parsed(task=Task("game", json.dumps(parse_game_query(query), sort_keys=True)))


def _meta_route(query: str, body: bytes) -> Parsed:
    from .meta import meta

    return Parsed(reply=json_reply(meta()))


def _link_route(query: str, body: bytes) -> Parsed:
    """A query in the canonical form of a share link (the command line's ``--link``)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    command = next((v for k, v in pairs if k == "cmd"), "compare")
    request = parse_request(command, query)
    return Parsed(reply=json_reply({"query": to_query(request)}))


def _scenario_route(query: str, body: bytes) -> Parsed:
    """The first scenario of a request as a scenario file (``compare --scenario`` reads it),
    with the request's union written into it."""
    pairs = parse_qsl(query, keep_blank_values=True)
    command = next((v for k, v in pairs if k == "cmd"), "states")
    request = parse_request(command, query)
    if not request.scenarios:
        raise RequestError("the query holds no scenario to download")
    text = scenario_toml(request)
    return Parsed(
        reply=Reply(
            200,
            text.encode(),
            "application/toml; charset=utf-8",
            (("Content-Disposition", 'attachment; filename="reform.toml"'),),
        )
    )


def _upload_route(query: str, body: bytes) -> Parsed:
    """An uploaded scenario or request file (parsed in memory): the query of the request it
    is, for the page to set its knobs from."""
    if len(body) > MAX_UPLOAD:
        raise RequestError(f"the file is larger than {MAX_UPLOAD // 1024} KiB")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise RequestError("the file is not UTF-8 text") from None
    request = from_toml(text, "the uploaded file")
    return Parsed(reply=json_reply({"query": to_query(request), "command": request.command}))


#: (method, path) -> route
ROUTES: dict[tuple[str, str], Callable[[str, bytes], Parsed]] = {
    **{("GET", f"/api/{c}"): _request_route(c) for c in API_COMMANDS},
    ("GET", "/api/game"): _game_route,
    ("GET", "/api/meta"): _meta_route,
    ("GET", "/api/link"): _link_route,
    ("GET", "/api/scenario.toml"): _scenario_route,
    ("POST", "/api/upload"): _upload_route,
}


def route(method: str, path: str, query: str, body: bytes = b"") -> Parsed:
    """What the API does with a request: a reply, or a task to compute. Never raises for bad
    input: a 400, 404 or 405 with a one-line message."""
    handler = ROUTES.get((method, path))
    if handler is None:
        if any(p == path for _, p in ROUTES):
            allowed = ", ".join(sorted(m for m, p in ROUTES if p == path))
            return Parsed(reply=error(405, f"{path} takes {allowed}"))
        if path.startswith("/api/") and path.removeprefix("/api/") in _CLI_ONLY:
            return Parsed(
                reply=error(
                    400,
                    f"{path.removeprefix('/api/')} runs on the command line only "
                    f"(the API answers {', '.join(API_COMMANDS)} and game)",
                )  # fmt: skip
            )
        return Parsed(reply=error(404, f"no such address: {path}"))
    try:
        return handler(query, body)
    except VotepowerError as exc:
        return Parsed(reply=error(400, str(exc)))


_CLI_ONLY = {"history", "design", "apportion"}


def reply_of(task: Task, status: int, text: str) -> Reply:
    """A computed task's reply: an error is JSON; an answer in its format (CSV, Markdown and
    text as a download)."""
    if status != 200 or task.format == "json":
        return Reply(status, text.encode())
    suffix = {"csv": "csv", "markdown": "md", "table": "txt"}[task.format]
    disposition = f'attachment; filename="votepower.{suffix}"'
    return Reply(200, text.encode(), _FORMATS[task.format],
                 (("Content-Disposition", disposition),))  # fmt: skip
