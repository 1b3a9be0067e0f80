"""The library's verbs, the command line's commands as functions: ``vp.compare``,
``vp.states``, ``vp.apportion`` and ``vp.game``. Each takes a
:class:`~votepower.request.model.Request` or keyword arguments that mean what the command's
options mean (both: the keywords apply on top of the request), and returns a result with
``to_records()`` and ``to_frame()``.

>>> import votepower as vp
>>> answer = vp.compare(schemes=["ec-current", "senate-current"], index="banzhaf")
>>> [(r["scheme"], round(r["ratio"], 3)) for r in answer.to_records()]
[('ec-current', 3.636), ('senate-current', 8.279)]
>>> vp.states(scheme="senate-current", states=["CA", "WY"]).to_records()[0]["state"]
'WY'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .evaluate import CompareAnswer, StatesAnswer, evaluate
from .model import Model, Request, RequestError, Union, View, parse_elections

__all__ = ["apportion", "compare", "game", "states"]


def _union(kw: dict[str, Any]) -> Union:
    people = kw.pop("people", None)
    return Union(
        census=kw.pop("census", None),
        population=kw.pop("population", None),
        people=tuple(dict(people).items()) if people is not None else None,
        people_name=kw.pop("people_name", None),
        states=kw.pop("states", None),
        exclude=kw.pop("exclude", None),
        won_by=kw.pop("won_by", None),
    )


def _model(kw: dict[str, Any]) -> Model:
    election = kw.pop("election", None)
    if isinstance(election, str):
        elections: tuple[int, ...] | None = parse_elections(election)
    elif isinstance(election, int):
        elections = (election,)
    else:
        elections = tuple(election) if election is not None else None
    return Model(
        name=kw.pop("model", None),
        elections=elections,
        shift=kw.pop("shift", None),
        national_sd=kw.pop("national_sd", None),
        state_sd=kw.pop("state_sd", None),
        lean=kw.pop("lean", None),
    )


def _scenario(item: Any) -> tuple[str, dict[str, Any]]:
    """A scenario file's path, or ``(name, table)``."""
    from ..us.scenario import read_scenario_data

    if isinstance(item, str | Path):
        return str(item), read_scenario_data(item)
    name, data = item
    return str(name), dict(data)


def _codes(value: str | Iterable[str] | None) -> tuple[str, ...] | str | None:
    return value if value is None or isinstance(value, str) else tuple(value)


def _request(command: str, base: Request | None, kw: dict[str, Any]) -> Request:
    for name in ("states", "exclude"):
        kw[name] = _codes(kw.get(name))
    parts: dict[str, Any] = {
        "union": _union(kw),
        "model": _model(kw),
        "schemes": kw.pop("schemes", None),
        "scenarios": tuple(_scenario(s) for s in kw.pop("scenarios", ()) or ()),
        "index": kw.pop("index", None),
        "options": {k: kw.pop(k) for k in list(kw) if k in _OPTIONS and kw[k] is not None},
        "view": View(sort=kw.pop("sort", None), top=kw.pop("top", None)),
    }
    if base is None:
        return Request(command, **parts)
    if base.command != command:
        raise RequestError(f"a {base.command} request cannot run as {command}")
    return base.merged(**parts)


_OPTIONS = ("body", "split_states", "senate_model", "cloture", "vp_tiebreak")


def compare(
    request: Request | None = None,
    /,
    *,
    schemes: Sequence[str] | None = None,
    scenarios: Sequence[Any] = (),
    index: str | None = None,
    census: int | None = None,
    population: str | None = None,
    people: Mapping[str, int] | None = None,
    people_name: str | None = None,
    states: Sequence[str] | str | None = None,
    exclude: Sequence[str] | str | None = None,
    won_by: str | None = None,
    model: str | None = None,
    election: int | str | Sequence[int] | None = None,
    shift: float | None = None,
    national_sd: float | None = None,
    state_sd: float | None = None,
    lean: str | None = None,
    recompute: bool = False,
    workers: int = 2,
) -> CompareAnswer:
    """``votepower compare``: schemes side by side (every default scheme unless ``schemes``
    names some; ``scenarios``: scenario files or ``(name, table)`` pairs). ``people``: your
    own populations instead of the census's; the other keywords as the command's options.
    """
    kw = {k: v for k, v in locals().items() if k not in ("request", "recompute", "workers")}
    kw["schemes"] = tuple(schemes) if schemes is not None else None
    return evaluate(_request("compare", request, kw), recompute=recompute, workers=workers)


def states(
    request: Request | None = None,
    /,
    *,
    scheme: str | None = None,
    body: str | None = None,
    split_states: bool | None = None,
    senate_model: str | None = None,
    cloture: bool | None = None,
    vp_tiebreak: bool | None = None,
    index: str | None = None,
    census: int | None = None,
    population: str | None = None,
    people: Mapping[str, int] | None = None,
    people_name: str | None = None,
    states: Sequence[str] | str | None = None,
    exclude: Sequence[str] | str | None = None,
    won_by: str | None = None,
    model: str | None = None,
    election: int | str | Sequence[int] | None = None,
    shift: float | None = None,
    national_sd: float | None = None,
    state_sd: float | None = None,
    lean: str | None = None,
    sort: str | None = None,
    top: int | None = None,
    recompute: bool = False,
) -> StatesAnswer:
    """``votepower states``: every state's and citizen's power in one body (``body``, with
    its rules) or built-in ``scheme``; the other keywords as the command's options."""
    kw = {k: v for k, v in locals().items() if k not in ("request", "recompute", "scheme")}
    kw["schemes"] = (scheme,) if scheme is not None else None
    return evaluate(_request("states", request, kw), recompute=recompute)


def apportion(
    populations: Mapping[str, int] | None = None,
    seats: int | str = 435,
    *,
    method: str = "huntington-hill",
    census: int = 2020,
    min_seats: int = 1,
) -> Any:
    """``votepower apportion``: the House seats of each state by ``method`` (any id or alias),
    for ``populations`` (default: the census's apportionment populations); ``seats`` a
    number or a size rule (``"wyoming-rule"``, ``"cube-root-rule"``).

    >>> import votepower as vp
    >>> vp.apportion(seats=435).seats["CA"]
    52
    """
    from ..us import datasets
    from ..us.apportion import apportion as run
    from ..us.apportion import house_size

    if populations is None:
        populations = {r.code: r.population for r in datasets.apportionment_census(census)}
    size = house_size(populations, seats) if isinstance(seats, str) else seats
    return run(populations, size, method=method, min_seats=min_seats)


def game(
    spec: Any,
    index: str = "banzhaf",
    *,
    method: str | None = None,
    exact: bool = False,
) -> Any:
    """``votepower game``: an index (any id or alias) of every player of a weighted game,
    given as a :class:`~votepower.games.game.WeightedGame`, a multi-criteria game or the
    command's ``"QUOTA: W1 W2 ..."`` text.

    >>> import votepower as vp
    >>> vp.game("16: 9 9 7 3 1 1", exact=True).swings
    (16, 16, 16, 0, 0, 0)
    """
    from ..games.power.classic import power_index
    from ..games.spec import parse_game

    game_ = parse_game(spec) if isinstance(spec, str) else spec
    return power_index(game_, index, method=method, exact=exact)
