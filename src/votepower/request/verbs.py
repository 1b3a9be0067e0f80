"""The library's verbs, the command line's commands as functions: ``vp.compare``,
``vp.states``, ``vp.diff``, ``vp.history``, ``vp.design``, ``vp.process``, ``vp.apportion``
and ``vp.game``. The first six take a
:class:`~votepower.request.model.Request` or keyword arguments that mean what the command's
options mean (both: the keywords apply on top of the request), and returns a result with
``to_records()`` and ``to_frame()``.

>>> import votepower as vp
>>> answer = vp.compare(schemes=["ec-current", "senate-current"], index="banzhaf")
>>> [(r["scheme"], round(r["ratio"], 3)) for r in answer.to_records()]
[('ec-current', 3.636), ('senate-current', 8.279)]
>>> vp.states(scheme="senate-current", states=["CA", "WY"]).to_records()[0]["state"]
'WY'
>>> vp.diff("ec-current", "ec-webster").to_records()[0]["state"]
'OH'
>>> h = vp.history(schemes=["senate-current"], censuses=[2020])
>>> [round(r["ratio"], 3) for r in h.to_records()]
[8.277]
>>> round(vp.design(states=["CA", "TX", "NY", "WY", "VT"], max_seconds=0.2).design.ratio, 3)
1.249
>>> vp.process("lawmaking", index="banzhaf").to_records()[0]["state"]
'WY'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .evaluate import (
    CompareAnswer,
    DiffAnswer,
    HistoryAnswer,
    ProcessAnswer,
    StatesAnswer,
    evaluate,
)
from .model import Model, Request, RequestError, Union, View, parse_elections
from .reformopts import REFORM_OPTIONS

if TYPE_CHECKING:
    from .designs import DesignAnswer

__all__ = [
    "apportion", "compare", "design", "diff", "game", "history", "process", "reforms", "states",
]  # fmt: skip


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


_OPTIONS = (
    "body", "split_states", "senate_model", "cloture", "vp_tiebreak",
    "censuses", "elections", "per_state", "rank", "unit_power",
    "total_weight", "quota", "target", "max_seconds", "frontier", "rule",
    "kind", "filibuster", "dc_statehood", "pr_statehood", "house_method", "house_size",
    *REFORM_OPTIONS,
)  # fmt: skip


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


def diff(
    scheme_a: str | None = None,
    scheme_b: str | None = None,
    request: Request | None = None,
    /,
    *,
    index: str | None = None,
    census: int | None = None,
    population: str | None = None,
    people: Mapping[str, int] | None = None,
    people_name: str | None = None,
    states: Sequence[str] | str | None = None,
    exclude: Sequence[str] | str | None = None,
    won_by: str | None = None,
    recompute: bool = False,
) -> DiffAnswer:
    """``votepower diff``: two schemes state by state (each a built-in id or a scenario
    file); with a saved ``request`` the schemes may be left out."""
    kw = {k: v for k, v in locals().items() if k not in ("request", "recompute")}
    a, b = kw.pop("scheme_a"), kw.pop("scheme_b")
    kw["schemes"] = None if a is None and b is None else (a, b)
    kw["scenarios"] = [n for n in (a, b) if isinstance(n, str) and n.endswith(".toml")]
    return evaluate(_request("diff", request, kw), recompute=recompute)


def history(
    request: Request | None = None,
    /,
    *,
    schemes: Sequence[str] | None = None,
    censuses: Sequence[int] | None = None,
    index: str | None = None,
    population: str | None = None,
    per_state: bool | None = None,
    unit_power: bool | None = None,
    model: str | None = None,
    elections: Sequence[int] | None = None,
    shift: float | None = None,
    national_sd: float | None = None,
    state_sd: float | None = None,
    workers: int = 2,
) -> HistoryAnswer:
    """``votepower history``: the comparison's measures census by census (or, under the
    empirical model, election by election; ``unit_power``: the states' own indices)."""
    kw = {k: v for k, v in locals().items() if k not in ("request", "workers")}
    kw["schemes"] = tuple(schemes) if schemes is not None else None
    for name in ("censuses", "elections"):
        kw[name] = tuple(kw[name]) if kw[name] is not None else None
    return evaluate(_request("history", request, kw), workers=workers)


def design(
    request: Request | None = None,
    /,
    *,
    total_weight: int | None = None,
    quota: int | float | None = None,
    target: float | None = None,
    max_seconds: float | None = None,
    frontier: bool | None = None,
    rule: bool | None = None,
    index: str | None = None,
    census: int | None = None,
    population: str | None = None,
    people: Mapping[str, int] | None = None,
    people_name: str | None = None,
    states: Sequence[str] | str | None = None,
    exclude: Sequence[str] | str | None = None,
    won_by: str | None = None,
) -> DesignAnswer:
    """``votepower design``: the weights and quota (or with ``rule`` the double majority)
    that make every citizen's power as equal as the bound on the weights allows."""
    kw = {k: v for k, v in locals().items() if k != "request"}
    return evaluate(_request("design", request, kw))


def process(
    kind: str | None = None,
    request: Request | None = None,
    /,
    *,
    filibuster: bool | None = None,
    vp_tiebreak: bool | None = None,
    dc_statehood: bool | None = None,
    pr_statehood: bool | None = None,
    house_method: str | None = None,
    house_size: int | str | None = None,
    index: str | None = None,
    census: int | None = None,
    population: str | None = None,
    people: Mapping[str, int] | None = None,
    people_name: str | None = None,
    states: Sequence[str] | str | None = None,
    exclude: Sequence[str] | str | None = None,
    won_by: str | None = None,
) -> ProcessAnswer:
    """``votepower process``: power in lawmaking or an amendment, by office and per citizen."""
    kw = {k: v for k, v in locals().items() if k != "request"}
    if kw["house_size"] is not None:
        kw["house_size"] = str(kw["house_size"])
    return evaluate(_request("process", request, kw))


def reforms(
    request: Request | None = None,
    /,
    *,
    body: str | None = None,
    house_sizes: str | None = None,
    methods: str | None = None,
    senatorial_electors: str | None = None,
    elector_rules: str | None = None,
    statehood: str | None = None,
    switch: str | None = None,
    senate_seats: str | None = None,
    senate_sizes: str | None = None,
    objective: str | None = None,
    index: str | None = None,
    cost: str | None = None,
    target: float | None = None,
    budget: int | None = None,
    census: int | None = None,
    population: str | None = None,
    states: Sequence[str] | str | None = None,
    exclude: Sequence[str] | str | None = None,
    won_by: str | None = None,
) -> Any:
    """``votepower reforms``: the Pareto frontier of an objective against the cost of change
    over the College's knobs, or with ``body="senate"`` or ``"house"`` that body's (each
    given as the command line takes it, e.g. ``house_sizes="435..1500"``,
    ``methods="webster,adams"``, ``senate_seats="equal,square-root"``).

    >>> import votepower as vp
    >>> found = vp.reforms(house_sizes="435..440", methods="adams", target=3.5)
    >>> found.search.chosen.reform.method, round(found.search.chosen.objective, 4)
    ('adams', 3.4792)
    """
    kw = {k: v for k, v in locals().items() if k != "request"}
    return evaluate(_request("reforms", request, kw))


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
