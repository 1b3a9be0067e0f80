"""The evaluation every front end calls: a :class:`~votepower.request.model.Request` in, an
answer out (:func:`evaluate`). One evaluator per command, in a registry; the voter model is a
dispatch inside it (:data:`MODEL_EVALUATORS`), never a fork in a front end.

What the request leaves unsaid gets its default here: the 2020 census and its resident
population for the a-priori model; for the empirical model the census in force for the base
election and the population that census has."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..core.errors import SchemeError
from ..core.tables import Tabular
from ..us import datasets
from ..us.alternatives import DEFAULT_SCHEMES, SCHEMES, body_of
from .model import Request
from .unions import defaults, scenario_union, union_of
from .voters import VOTER_MODELS

__all__ = [
    "CompareAnswer",
    "DiffAnswer",
    "HistoryAnswer",
    "ProcessAnswer",
    "history_tasks",
    "StatesAnswer",
    "evaluate",
    "indices_of",
    "scheme_names",
    "union_of",
]


@dataclass(frozen=True, repr=False)
class StatesAnswer(Tabular):
    """``states``: one body's per-state (and per-citizen) figures. ``result`` is a
    :class:`~votepower.citizens.CitizenPowerResult` under the a-priori model, an
    :class:`~votepower.models.presidential.EmpiricalSchemeResult` under the empirical one."""

    request: Request
    model: str
    census: int
    basis: str
    indices: tuple[str, ...]
    result: Any

    def _records(self) -> list[dict[str, Any]]:
        return self.result.to_records()

    def _describe(self) -> str:
        return f"{self.result._describe()} (census {self.census}, {self.model} model)"


@dataclass(frozen=True, repr=False)
class CompareAnswer(Tabular):
    """``compare``: one row per scheme (and scenario). Under the a-priori model ``results``
    are :class:`~votepower.request.compare.SchemeResult`; under the empirical model
    :class:`~votepower.request.empirical.EmpiricalRow`, with ``parameters`` the model's
    resolved parameters. The records (:meth:`to_records`) are the rows of ``--format json``."""

    request: Request
    model: str
    census: int
    basis: str
    members: tuple[str, ...]
    indices: tuple[str, ...]
    results: tuple[Any, ...]
    parameters: Any = None
    notes: tuple[str, ...] = field(default=())

    def _records(self) -> list[dict[str, Any]]:
        """One row per scheme and index (a-priori; schemes not available are left out) or
        per scheme (empirical; those not available with ``available`` false): the JSON rows
        of ``votepower compare``."""
        if self.model == "empirical":
            return [row.record() for row in self.results]
        from .compare import comparison_rows

        return comparison_rows(self.results, self.indices)

    def _describe(self) -> str:
        return f"{len(self.results)} schemes compared (census {self.census}, {self.model} model)"


def indices_of(request: Request) -> tuple[str, ...]:
    """The citizen indices the request asks for, in the registry's order
    (:attr:`Request.citizen_indices`)."""
    return request.citizen_indices


def scheme_names(request: Request) -> list[str]:
    """The built-in schemes a comparison covers: those named, else every default scheme of a
    body the voter model covers."""
    model = request.model.spec
    if request.schemes is not None:
        return list(request.schemes)
    return [s for s in DEFAULT_SCHEMES if not model.bodies or SCHEMES.get(s).body in model.bodies]


# --------------------------------------------------------------------------------------------
# states
# --------------------------------------------------------------------------------------------
def _states(request: Request, *, recompute: bool = False, **_: Any) -> StatesAnswer:
    model = request.model.spec
    voters = VOTER_MODELS[model.id]
    census, _ = defaults(request)
    fed = union_of(request)
    options = request.option
    if request.schemes:
        chosen = SCHEMES.get(request.schemes[0])
        if model.bodies and chosen.body not in model.bodies:
            raise SchemeError(
                f"{chosen.id} is a {chosen.body} scheme; the {model.id} model is a model of "
                "presidential elections (Electoral College schemes and the popular vote)"
            )
        result = voters.scheme(chosen.id, fed, request, recompute)
    elif request.scenarios:
        from ..us.scenario import parse_scenario

        scenario = parse_scenario(*reversed(request.scenarios[0]))
        if model.bodies and scenario.body not in model.bodies:
            raise SchemeError(
                f"{scenario.name} is a {scenario.body} scenario; the {model.id} model is a model "
                "of presidential elections (Electoral College scenarios)"
            )
        fed = scenario_union(request, scenario, fed)
        census = scenario.census or census
        result = voters.body(scenario.build(fed), request)
    else:
        kind = options.get("body") or "electoral-college"
        if model.bodies and kind not in model.bodies:
            raise SchemeError(
                f"the {model.id} model is a model of presidential elections: --body "
                f"electoral-college (or a scheme), not {kind}"
            )
        the_body = body_of(
            fed,
            kind,
            split_states=options.get("split_states", True),
            senate_model=options.get("senate_model") or "bloc",
            cloture=bool(options.get("cloture")),
            vp_tiebreak=bool(options.get("vp_tiebreak")),
        )
        result = voters.body(the_body, request)
    return StatesAnswer(request, model.id, census, fed.basis, indices_of(request), result)


# --------------------------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------------------------
def _compare(request: Request, **engine: Any) -> CompareAnswer:
    from ..us.scenario import parse_scenario

    model = request.model.spec
    census, _ = defaults(request)
    fed = union_of(request)
    scenarios = [parse_scenario(data, name) for name, data in request.scenarios]
    with_unions = [(s, scenario_union(request, s, fed)) for s in scenarios]
    rows, params = VOTER_MODELS[model.id].compare(
        scheme_names(request), fed, with_unions, request, **engine
    )
    indices = () if params is not None else indices_of(request)
    return CompareAnswer(
        request, model.id, census, fed.basis, tuple(fed.people), indices, rows, params
    )


# --------------------------------------------------------------------------------------------
# diff
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class DiffAnswer(Tabular):
    """``diff``: two schemes state by state (:class:`~votepower.request.diff.SchemeDiff`)."""

    request: Request
    census: int
    diff: Any

    def _records(self) -> list[dict[str, Any]]:
        return self.diff.to_records()

    def _describe(self) -> str:
        return self.diff._describe()


def _diff(request: Request, *, recompute: bool = False, **_: Any) -> DiffAnswer:
    from ..citizens import citizen_power, summarize
    from ..us.scenario import parse_scenario
    from .compare import SchemeResult, compare
    from .diff import diff_schemes

    (index,) = request.citizen_indices  # diff compares one index
    census, _ = defaults(request)
    fed = union_of(request)
    written = dict(request.scenarios)
    results = []
    for name in request.schemes or ():
        if name in written:
            scenario = parse_scenario(written[name], name)
            scenario_fed = fed
            if scenario.members:  # its own members, in the request's census and basis
                own = None if request.union.people is None else dict(fed.people)
                scenario_fed = scenario.federation(
                    census, "resident" if own else fed.basis, people=own, people_name=fed.basis
                )
            result = citizen_power(
                scenario.build(scenario_fed), shapley_shubik_values=index == "shapley-shubik"
            )
            summary = {index: summarize(result, index)}
            results.append(SchemeResult(scenario.id, scenario.name, result, summary))
            continue
        (res,) = compare([name], fed, (index,), recompute=recompute)
        if res.error is not None:
            raise SchemeError(f"{res.scheme}: {res.error}")
        results.append(res)
    return DiffAnswer(request, census, diff_schemes(results[0], results[1], index))


# --------------------------------------------------------------------------------------------
# history
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class HistoryAnswer(Tabular):
    """``history``: ``kind`` is ``"censuses"`` (a :class:`~votepower.request.history.History`:
    ``per_state`` and ``rank`` say how it is shown), ``"elections"`` (an
    :class:`~votepower.request.history.ElectionHistory`) or ``"unit_power"`` (a
    :class:`~votepower.request.history.UnitPowerHistory` for ``index``)."""

    request: Request
    kind: str
    result: Any
    index: str = "banzhaf"
    per_state: bool = False
    rank: bool = False

    def _records(self) -> list[dict[str, Any]]:
        return self.result.to_records()

    def _describe(self) -> str:
        return self.result._describe()


def _history_rows(request: Request) -> tuple[list[str], list[int]]:
    """The schemes and the years (censuses or elections) of a census or election history."""
    from .history import HISTORY_CENSUSES

    options = request.option
    names = list(request.schemes) if request.schemes is not None else list(DEFAULT_SCHEMES)
    model = request.model.spec
    if model.id == "empirical":
        if request.schemes is None:
            names = [n for n in names if SCHEMES.get(n).body in model.bodies]
        return names, list(options.get("elections") or datasets.election_years())
    return names, list(options.get("censuses") or HISTORY_CENSUSES)


def history_tasks(request: Request) -> int:
    """How many scheme-and-year rows a history computes (for a progress bar)."""
    names, years = _history_rows(request)
    return len(names) * len(years)


def _history(
    request: Request,
    *,
    progress: Callable[[str], None] | None = None,
    workers: int = 2,
    **_: Any,
) -> HistoryAnswer:
    from dataclasses import replace

    from .history import college_censuses, college_unit_power

    options = request.option
    indices = request.citizen_indices
    index = indices[0] if len(indices) == 1 else "all"
    if options.get("unit_power"):
        years_u = list(options.get("censuses") or college_censuses())
        return HistoryAnswer(request, "unit_power", college_unit_power(years_u), indices[0])
    names, years = _history_rows(request)
    kind, result = VOTER_MODELS[request.model.spec.id].history(
        names, years, request, workers=workers, progress=progress
    )
    if all(r.error is not None for r in result.rows):
        raise SchemeError(f"no row could be computed: {result.rows[0].error}")
    if kind == "elections":  # the default list, less the bodies the model does not cover
        left_out = tuple(n for n in DEFAULT_SCHEMES if request.schemes is None and n not in names)
        return HistoryAnswer(request, kind, replace(result, left_out=left_out))
    return HistoryAnswer(
        request, kind, result, index, bool(options.get("per_state")),
        bool(options.get("rank")),
    )  # fmt: skip


def _design(request: Request, **engine: Any) -> Any:
    from .designs import design_answer  # the design search's modules, only when asked

    return design_answer(request, **engine)


def _reforms(request: Request, **engine: Any) -> Any:
    from .reforms import evaluate_reforms  # the search's modules, only when asked

    return evaluate_reforms(request, **engine)


# --------------------------------------------------------------------------------------------
# process
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True, repr=False)
class ProcessAnswer(Tabular):
    """``process``: a :class:`~votepower.us.process.ProcessPower`."""

    request: Request
    census: int
    basis: str
    result: Any

    def _records(self) -> list[dict[str, Any]]:
        return self.result.to_records()

    def _describe(self) -> str:
        return self.result._describe()


def _process(request: Request, **_: Any) -> ProcessAnswer:
    from ..us.process import build_process, process_power

    options = request.option
    census, _ = defaults(request)
    statehood = {k: bool(options.get(k)) for k in ("dc_statehood", "pr_statehood")}
    fed = union_of(request, **{k: v for k, v in statehood.items() if v})
    process = build_process(
        options["kind"], fed, filibuster=bool(options.get("filibuster")),
        vp_tiebreak=bool(options.get("vp_tiebreak")), house_method=options.get("house_method"),
        house_size=options.get("house_size"),
    )  # fmt: skip
    indices = indices_of(request)
    result = process_power(process, shapley_shubik_values="shapley-shubik" in indices)
    return ProcessAnswer(request, census, fed.basis, result)


#: command -> its evaluator
EVALUATORS: dict[str, Callable[..., Any]] = {
    "process": _process,
    "design": _design,
    "history": _history,
    "states": _states,
    "compare": _compare,
    "diff": _diff,
    "reforms": _reforms,
}


def evaluate(request: Request, **engine: Any) -> Any:
    """The answer to ``request``. ``engine``: how, not what (``recompute``: ignore the store
    of precomputed answers; ``progress``: a callback per scheme; ``workers``: processes)."""
    return EVALUATORS[request.command](request, **engine)
