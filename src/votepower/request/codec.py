"""A request as JSON, as a TOML file and as a URL query string, each exactly round-tripping.

* JSON (:func:`to_json`, :func:`from_json`): the request's fields, ``None`` and empty ones left
  out.
* TOML (:func:`to_toml`, :func:`from_toml`): the same, as a file to keep and edit
  (``--save-request``, ``--request``). A scenario file is a request too: one that adds that
  scenario to ``compare`` (``compare --scenario FILE``), so today's scenario files load as
  they are, and a request's scenarios are written with a scenario file's keys.
* URL query (:func:`to_query`, :func:`from_query`): short keys for a share link, numbers as
  JSON (the shortest text that reads back as the same float), the scenarios and the user's
  populations as base64url JSON.

Every reader refuses an unknown key, a value of the wrong type and text past
:data:`MAX_TEXT` with a :class:`~votepower.request.model.RequestError`.
"""

from __future__ import annotations

import base64
import json
import re
import tomllib
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .model import Model, Request, RequestError, Union, View

__all__ = [
    "MAX_TEXT",
    "from_dict",
    "from_json",
    "from_query",
    "from_toml",
    "scenario_toml",
    "to_dict",
    "to_json",
    "to_query",
    "to_toml",
]

#: the longest request text read (a request with every state's own population and a few
#: scenarios is a few kilobytes)
MAX_TEXT = 1_000_000

_PARTS = {"union": Union, "model": Model, "view": View}
_TOP = {"command", "union", "schemes", "scenarios", "model", "index", "options", "view"}


def _part(obj: Any) -> dict[str, Any]:
    out = {}
    for name in obj.__dataclass_fields__:
        value = getattr(obj, name)
        if value is None:
            continue
        if name == "people":
            value = dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[name] = value
    return out


def to_dict(request: Request) -> dict[str, Any]:
    """The request as plain data (JSON types), fields not set left out."""
    out: dict[str, Any] = {"command": request.command}
    for name in ("union", "model", "view"):
        part = _part(getattr(request, name))
        if part:
            out[name] = part
    if request.schemes is not None:
        out["schemes"] = list(request.schemes)
    if request.scenarios:
        out["scenarios"] = [{"source": name, **data} for name, data in request.scenarios]
    if request.index is not None:
        out["index"] = request.index
    if request.options:
        out["options"] = dict(request.options)
    return out


def from_dict(data: Any) -> Request:
    """A request from :func:`to_dict`'s data (validated)."""
    if not isinstance(data, dict):
        raise RequestError("a request is a table of fields")
    unknown = sorted(set(data) - _TOP)
    if unknown:
        raise RequestError(
            f"a request has no field {unknown[0]!r}; fields: {', '.join(sorted(_TOP))}"
        )
    if "command" not in data:
        raise RequestError("a request says its command (states, compare, ...)")
    parts = {}
    for name, cls in _PARTS.items():
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise RequestError(f"a request's {name} is a table")
        known = set(cls.__dataclass_fields__)
        extra = sorted(set(value) - known)
        if extra:
            raise RequestError(f"a request's {name} has no field {extra[0]!r}")
        fixed = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        try:
            parts[name] = cls(**fixed)
        except TypeError as exc:
            raise RequestError(f"a request's {name}: {exc}") from None
    scenarios = []
    for entry in data.get("scenarios", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("source"), str):
            raise RequestError("a request's scenario is a table with its source name")
        rest = {k: v for k, v in entry.items() if k != "source"}
        scenarios.append((entry["source"], rest))
    schemes = data.get("schemes")
    if schemes is not None and not (
        isinstance(schemes, list) and all(isinstance(s, str) for s in schemes)
    ):
        raise RequestError("a request's schemes are a list of scheme ids")
    options = data.get("options", {})
    if not isinstance(options, dict):
        raise RequestError("a request's options are a table")
    return Request(
        str(data["command"]),
        union=parts["union"],
        schemes=tuple(schemes) if schemes is not None else None,
        scenarios=tuple(scenarios),
        model=parts["model"],
        index=data.get("index"),
        options=options,
        view=parts["view"],
    )


def to_json(request: Request) -> str:
    return json.dumps(to_dict(request), sort_keys=True, separators=(",", ":"))


def from_json(text: str) -> Request:
    _bounded(text)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RequestError(f"a request in JSON: {exc}") from None
    return from_dict(data)


def _bounded(text: str) -> None:
    if len(text) > MAX_TEXT:
        raise RequestError(f"a request of more than {MAX_TEXT:,} characters")


# --------------------------------------------------------------------------------------------
# TOML
# --------------------------------------------------------------------------------------------
_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(key: str) -> str:
    return key if _BARE.match(key) else json.dumps(key)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + " }"
    raise RequestError(f"a request cannot hold {value!r}")


def _table(lines: list[str], header: str, data: dict[str, Any]) -> None:
    """``data``'s plain values under ``header``, then its sub-tables."""
    plain = {k: v for k, v in data.items() if not isinstance(v, dict) or k in _INLINE}
    if header:
        lines.append("")
        lines.append(header)
    lines.extend(f"{_key(k)} = {_value(v)}" for k, v in plain.items())
    for k, v in data.items():
        if isinstance(v, dict) and k not in _INLINE:
            inner = header.strip("[]") if header else ""
            _table(lines, f"[{inner}.{_key(k)}]" if inner else f"[{_key(k)}]", v)


#: tables written inline (a member per state reads better on one line)
_INLINE = {"people", "by_state", "weights"}


def to_toml(request: Request) -> str:
    """The request as a TOML file (``--save-request``)."""
    data = to_dict(request)
    scenarios = data.pop("scenarios", [])
    lines = [f"# a votepower request: votepower {request.command} --request FILE"]
    _table(lines, "", {k: v for k, v in data.items() if not isinstance(v, dict)})
    for name in ("union", "model", "view", "options"):
        if name in data:
            _table(lines, f"[{name}]", data[name])
    for scenario in scenarios:
        lines.append("")
        lines.append("[[scenarios]]")
        plain = {k: v for k, v in scenario.items() if not isinstance(v, dict) or k in _INLINE}
        lines.extend(f"{_key(k)} = {_value(v)}" for k, v in plain.items())
        for k, v in scenario.items():
            if isinstance(v, dict) and k not in _INLINE:
                _table(lines, f"[scenarios.{_key(k)}]", v)
    return "\n".join(lines) + "\n"


def scenario_toml(request: Request) -> str:
    """The request's first scenario as a scenario file (``compare --scenario`` reads it), with
    the request's census, population basis and membership written into it where the scenario
    does not set them (own populations cannot go into a scenario file and are refused)."""
    if not request.scenarios:
        raise RequestError("the request holds no scenario")
    union = request.union
    if union.people is not None:
        raise RequestError("a scenario file cannot carry your own populations; save the request")
    name, data = request.scenarios[0]
    data = dict(data)
    if union.census is not None:
        data.setdefault("census", union.census)
    if union.population is not None:
        data.setdefault("population", union.population)
    members = {
        key: value
        for key, value in (
            ("states", union.states),
            ("exclude", union.exclude),
            ("won_by", union.won_by),
        )  # fmt: skip
        if value is not None
    }
    if members:
        data["members"] = {**data.get("members", {}), **{
            k: list(v) if isinstance(v, tuple) else v for k, v in members.items()
        }}  # fmt: skip
    lines = [f"# a votepower scenario: votepower compare --scenario FILE (from {name})"]
    _table(lines, "", data)
    text = "\n".join(lines) + "\n"
    from ..us.scenario import parse_scenario

    parse_scenario(tomllib.loads(text), "the scenario")  # what we write reads back
    return text


def from_toml(text: str, name: str = "request") -> Request:
    """A request from a TOML file; a scenario file (one with a ``body`` and no ``command``)
    is the request to add that scenario to ``compare``."""
    _bounded(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RequestError(f"{name}: not valid TOML ({exc})") from None
    if "command" not in data and "body" in data:
        return Request("compare", scenarios=((name, data),))
    try:
        return from_dict(data)
    except RequestError as exc:
        raise RequestError(f"{name}: {exc}") from None


# --------------------------------------------------------------------------------------------
# URL query
# --------------------------------------------------------------------------------------------
#: query key -> (part, field); lists of codes or ids are comma-separated, numbers JSON
_QUERY = {
    "census": ("union", "census"),
    "pop": ("union", "population"),
    "pname": ("union", "people_name"),
    "states": ("union", "states"),
    "exclude": ("union", "exclude"),
    "wonby": ("union", "won_by"),
    "model": ("model", "name"),
    "elections": ("model", "elections"),
    "shift": ("model", "shift"),
    "nsd": ("model", "national_sd"),
    "ssd": ("model", "state_sd"),
    "lean": ("model", "lean"),
    "sort": ("view", "sort"),
    "top": ("view", "top"),
    "wide": ("view", "wide"),
}
_FIELD_KEY = {v: k for k, v in _QUERY.items()}
_LISTS = {"states", "exclude", "elections"}
_TEXT = {"pop", "pname", "wonby", "model", "lean", "sort"}


def _b64(data: Any) -> str:
    raw = json.dumps(data, sort_keys=True, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str, what: str) -> Any:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        return json.loads(raw.decode())
    except (ValueError, UnicodeDecodeError):
        raise RequestError(f"the link's {what} are damaged") from None


def to_query(request: Request) -> str:
    """The request as a URL query string (a share link's ``?...``)."""
    data = to_dict(request)
    pairs: list[tuple[str, str]] = [("cmd", request.command)]
    for part in ("union", "model", "view"):
        for name, value in data.get(part, {}).items():
            if name == "people":
                pairs.append(("people", _b64(value)))
                continue
            key = _FIELD_KEY[(part, name)]
            if key in _LISTS:
                text = ",".join(str(v) for v in value)
            elif key in _TEXT:
                text = str(value)
            else:
                text = json.dumps(value)
            pairs.append((key, text))
    if "schemes" in data:
        pairs.append(("schemes", ",".join(data["schemes"])))
    if "index" in data:
        pairs.append(("index", data["index"]))
    for name, value in data.get("options", {}).items():
        pairs.append((f"o.{name}", json.dumps(value)))
    if "scenarios" in data:
        pairs.append(("scen", _b64(data["scenarios"])))
    return urlencode(pairs, safe=",:")


def from_query(query: str) -> Request:
    """A request from :func:`to_query`'s text (with or without the leading ``?``)."""
    _bounded(query)
    pairs = parse_qsl(query.removeprefix("?"), keep_blank_values=True, strict_parsing=False)
    seen: set[str] = set()
    data: dict[str, Any] = {}
    for key, text in pairs:
        if key in seen:
            raise RequestError(f"the link gives {key!r} twice")
        seen.add(key)
        if key == "cmd":
            data["command"] = text
        elif key == "schemes":
            data["schemes"] = [s for s in text.split(",") if s]
        elif key == "index":
            data["index"] = text
        elif key == "people":
            data.setdefault("union", {})["people"] = _unb64(text, "populations")
        elif key == "scen":
            data["scenarios"] = _unb64(text, "scenarios")
        elif key.startswith("o."):
            data.setdefault("options", {})[key[2:]] = _number(text, key)
        elif key in _QUERY:
            part, name = _QUERY[key]
            if key in _LISTS:
                items = [v for v in text.split(",") if v]
                value: Any = [_number(v, key) for v in items] if key == "elections" else items
            elif key in _TEXT:
                value = text
            else:
                value = _number(text, key)
            data.setdefault(part, {})[name] = value
        else:
            raise RequestError(f"the link has an unknown key {key!r}")
    return from_dict(data)


def _number(text: str, key: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise RequestError(f"the link's {key} is not a value ({text!r})") from None
