"""The question as one value: :class:`Request`, frozen and validated in one place.

A request holds everything a question needs and nothing about how its answer is shown: the
command (which kind of answer), the union (census, population basis or the user's own
populations, membership), the schemes (built-in ids, and scenarios written out in full, never
file names), the voter model with its parameters, the index, and the command's own options.
Every field a user did not set is ``None``, so a request says exactly what was asked: defaults
are applied when it is evaluated, and two options that conflict are refused here, with the
command line's one-line messages (:class:`RequestError`, a usage error).

It round-trips exactly to and from a TOML file (:mod:`.files`), a URL query string and JSON
(:mod:`.codec`)."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..core.errors import VotepowerError
from .commands import (
    _BODY_OPTIONS,
    COMMANDS,
    CommandSpec,
    check_design,
    check_history,
    check_process,
)
from .errors import RequestError
from .errors import fail as _fail
from .errors import spell as _spell
from .parts import Model, Union, View, parse_elections

__all__ = [
    "COMMANDS",
    "CommandSpec",
    "Model",
    "Request",
    "RequestError",
    "Union",
    "View",
    "parse_elections",
]


@dataclass(frozen=True)
class Request:
    """One question (see the module's docstring).

    >>> r = Request("compare", schemes=("ec-current", "senate-current"),
    ...             union=Union(states="ca,NY"))
    >>> r.schemes, r.union.states
    (('ec-current', 'senate-current'), ('CA', 'NY'))
    >>> Request("states", options={"body": "senate", "cloture": True, "vp_tiebreak": True})
    Traceback (most recent call last):
    ...
    votepower.request.errors.RequestError: --vp-tiebreak applies to the majority rule, not to ...
    """

    command: str
    union: Union = field(default_factory=Union)
    schemes: tuple[str, ...] | None = None
    scenarios: tuple[tuple[str, dict[str, Any]], ...] = ()
    """Scenarios written out in full: ``(source name, the scenario file's table)``."""
    model: Model = field(default_factory=Model)
    index: str | None = None
    options: tuple[tuple[str, Any], ...] = ()
    view: View = field(default_factory=View)

    def __post_init__(self) -> None:
        if self.command not in COMMANDS:
            _fail(f"unknown command {self.command!r}; one of {', '.join(COMMANDS.ids())}")
        spec = COMMANDS.get(self.command)
        object.__setattr__(self, "command", spec.id)
        if isinstance(self.union, dict):
            object.__setattr__(self, "union", Union(**self.union))
        if isinstance(self.model, dict):
            object.__setattr__(self, "model", Model(**self.model))
        if isinstance(self.view, dict):
            object.__setattr__(self, "view", View(**self.view))
        options = dict(self.options)
        object.__setattr__(self, "options", tuple(sorted(options.items())))
        self._check_schemes(spec)
        self._check_index()
        self._check_model()
        unknown = [k for k in options if k not in spec.options]
        if unknown:
            _fail(f"{self.command} has no option {_spell(unknown)}")
        if not spec.view and self.view != View():
            _fail(f"{self.command} has no --sort, --top or --wide")
        if self.command == "states":
            self._check_states(options)
        if self.command == "design":
            check_design(self, options)
        if self.command == "process":
            check_process(self, options)
        if self.command == "reforms":
            from .reformopts import check_reforms

            check_reforms(self, options)
        if self.command == "history":
            check_history(self, options)
            object.__setattr__(self, "options", tuple(sorted(options.items())))
        if self.scenarios and not spec.scenarios:
            _fail(f"{self.command} takes no --scenario")
        object.__setattr__(self, "scenarios", tuple(self._scenario(s) for s in self.scenarios))
        if self.command == "states" and self.scenarios:
            if len(self.scenarios) > 1:
                _fail("states takes one --scenario")
            if self.schemes:
                _fail("states takes --scheme or --scenario, not both")
            given = [k for k in ("body", *_BODY_OPTIONS) if options.get(k) is not None]
            if given:
                _fail(
                    f"--scenario defines the body and its rules; {_spell(given)} cannot be "
                    "combined with it"
                )
            self._check_scenarios()
        if self.command == "compare":
            if self.schemes == () and not self.scenarios:
                _fail("--schemes names no scheme (see 'votepower schemes')")
            self._check_scenarios()
        if self.command == "diff":
            if self.schemes is None:
                _fail("diff needs two schemes")
            unused = [n for n, _ in self.scenarios if n not in self.schemes]
            if unused:
                _fail(f"the scenario {unused[0]} is neither scheme of the diff")

    def _check_schemes(self, spec: CommandSpec) -> None:
        from ..us.alternatives import SCHEMES

        if self.schemes is None:
            return
        names = (self.schemes,) if isinstance(self.schemes, str) else tuple(self.schemes)
        least, most = spec.schemes
        if most == 0:
            _fail(f"{self.command} takes no schemes")
        if most > 0 and len(names) > most:
            _fail(f"{self.command} takes {most} scheme{'s' if most > 1 else ''}")
        if len(names) < least:
            _fail(f"{self.command} needs {least} schemes")
        ids = []
        written = {name for name, _ in self.scenarios}
        for name in names:
            if self.command == "diff" and str(name).endswith(".toml"):
                if name not in written:
                    _fail(f"no scenario file {name}")
                ids.append(str(name))
                continue
            try:
                ids.append(SCHEMES.get(str(name).strip()).id)
            except VotepowerError as exc:
                raise RequestError(str(exc)) from None
        object.__setattr__(self, "schemes", tuple(ids))

    def _check_index(self) -> None:
        from ..core.registry import CITIZEN_INDEX_IDS, INDICES

        if self.index is None:
            return
        if self.index == "all":
            if self.command == "diff":
                _fail("diff compares one index: --index banzhaf or shapley-shubik")
            return
        spec = INDICES.get(self.index) if self.index in INDICES else None
        if spec is None or spec.id not in CITIZEN_INDEX_IDS:
            _fail(f"--index {self.index!r}: choose all, {', '.join(CITIZEN_INDEX_IDS)}")
        object.__setattr__(self, "index", spec.id)

    def _check_model(self) -> None:
        """The union and index against the voter model: the empirical model counts voters by
        the base election's turnout, so a population basis applies only with ``--lean none``;
        ``--index`` is the a-priori model's. (``history`` has rules of its own.)"""
        if self.command in ("history", "design", "process"):
            return
        self.model.check_options()
        model = self.model.spec
        if self.index is not None and "index" not in model.options:
            _fail(f"--index applies to --model apriori, not {model.id}")
        if model.id == "empirical" and (self.model.lean or "election") == "election":
            for option, value in (
                ("population", self.union.population),
                ("population-file", self.union.people),
            ):
                if value is not None:
                    _fail(
                        f"--{option} applies to --model empirical only with --lean none (the "
                        "model counts voters by the base election's turnout)"
                    )

    def _check_states(self, options: dict[str, Any]) -> None:
        from ..us.schemes import BODIES, SENATE_MODELS

        given = [k for k in ("body", *_BODY_OPTIONS) if options.get(k) is not None]
        if self.schemes:
            if given:
                _fail(
                    f"--scheme defines the body and its rules; {_spell(given)} cannot be "
                    "combined with it (see 'votepower schemes', e.g. senate-filibuster)"
                )
            return
        body = options.get("body")
        if body is not None:
            if body not in BODIES:
                _fail(f"--body {body!r}: choose one of {', '.join(BODIES.names())}")
            options["body"] = BODIES.get(body).id
            object.__setattr__(self, "options", tuple(sorted(options.items())))
        kind = options.get("body") or "electoral-college"
        wrong = [n for n, owner in _BODY_OPTIONS.items() if n in given and owner != kind]
        if wrong:
            _fail(
                f"{_spell(wrong)} {'applies' if len(wrong) == 1 else 'apply'} to --body "
                f"{_BODY_OPTIONS[wrong[0]]}, not {kind}"
            )
        if options.get("cloture") and options.get("vp_tiebreak"):
            _fail("--vp-tiebreak applies to the majority rule, not to --cloture")
        model = options.get("senate_model")
        if model is not None and model not in SENATE_MODELS:
            _fail(f"--senate-model {model!r}: choose one of {', '.join(SENATE_MODELS.names())}")
        for flag in ("split_states", "cloture", "vp_tiebreak"):
            if options.get(flag) is not None and not isinstance(options[flag], bool):
                _fail(f"{_spell([flag])} is on or off")

    @staticmethod
    def _scenario(entry: Any) -> tuple[str, dict[str, Any]]:
        from ..us.scenario import parse_scenario

        name, data = entry
        parse_scenario(data, str(name))  # validated as a file would be
        return str(name), data

    def _check_scenarios(self) -> None:
        """A scenario that sets its own census, basis or members against the request's."""
        from ..us.scenario import parse_scenario

        union = self.union
        membership = [n for n in ("states", "exclude", "won_by") if getattr(union, n) is not None]
        for name, data in self.scenarios:
            scenario = parse_scenario(data, name)
            if union.people is not None and scenario.population is not None:
                _fail(
                    f"--population-file gives your own populations, but {name} sets "
                    f"population = {scenario.population}; keep one"
                )
            for option, value, mine in (
                ("census", union.census, scenario.census),
                ("population", union.population, scenario.population),
            ):
                if mine is not None and value is not None and mine != value:
                    _fail(f"--{option} {value} conflicts with {name}, which sets {option} = {mine}")
            if membership and scenario.members:
                spelled = _spell(["members" if n == "states" else n for n in membership])
                _fail(
                    f"{spelled.replace('--members', '--states')} and the [members] of {name} "
                    "both say who is in the union; keep one"
                )

    # ----------------------------------------------------------------------------------------
    @property
    def citizen_indices(self) -> tuple[str, ...]:
        """The citizen indices asked for (every one for ``all`` or nothing said; ``diff`` and
        ``history`` default to Banzhaf), in the registry's order."""
        from ..core.registry import CITIZEN_INDEX_IDS

        default = "banzhaf" if self.command in ("diff", "history", "design") else "all"
        index = self.index or default
        return CITIZEN_INDEX_IDS if index == "all" else (index,)

    @property
    def option(self) -> dict[str, Any]:
        """The command's own options as a dict."""
        return dict(self.options)

    def merged(
        self,
        *,
        union: Union | None = None,
        model: Model | None = None,
        view: View | None = None,
        schemes: tuple[str, ...] | None = None,
        scenarios: tuple[tuple[str, dict[str, Any]], ...] = (),
        index: str | None = None,
        options: dict[str, Any] | None = None,
    ) -> Request:
        """This request with what is given on top: the fields of ``union``, ``model`` and
        ``view`` that are not ``None`` win one by one, as do ``schemes``, ``index`` and each
        option; ``scenarios`` are added (a scenario of the same name replaced)."""

        def over(mine: Any, theirs: Any) -> Any:
            if theirs is None:
                return mine
            changes = {
                f.name: getattr(theirs, f.name)
                for f in fields(theirs)
                if getattr(theirs, f.name) is not None
            }
            return replace(mine, **changes)

        new_union = over(self.union, union)
        if union is not None and union.people is not None:
            new_union = replace(new_union, population=None)
        if union is not None and union.population is not None and union.people is None:
            new_union = replace(new_union, people=None, people_name=None)
        added = dict(scenarios)
        return Request(
            self.command,
            union=new_union,
            schemes=schemes if schemes is not None else self.schemes,
            scenarios=tuple((n, d) for n, d in self.scenarios if n not in added) + scenarios,
            model=over(self.model, model),
            index=index if index is not None else self.index,
            options={**self.option, **{k: v for k, v in (options or {}).items() if v is not None}},
            view=over(self.view, view),
        )
