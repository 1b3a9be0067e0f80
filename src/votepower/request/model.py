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

import math
from dataclasses import dataclass, field, fields, replace
from typing import Any

from ..core.errors import VotepowerError
from ..core.registry import Registry, Spec

__all__ = [
    "COMMANDS",
    "parse_elections",
    "CommandSpec",
    "Model",
    "Request",
    "RequestError",
    "Union",
    "View",
]


class RequestError(VotepowerError):
    """A request that cannot be asked: a usage error (exit 2 on the command line, HTTP 400)."""


def _fail(message: str) -> None:
    raise RequestError(message)


_SPELLED = {"split_states": "--split-states/--no-split-states"}


def _spell(names: list[str]) -> str:
    """Parameter names as the command line spells its options."""
    return ", ".join(_SPELLED.get(n, "--" + n.replace("_", "-")) for n in names)


def _codes(value: Any, option: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.split(",")
    try:
        codes = tuple(str(c).strip().upper() for c in value if str(c).strip())
    except TypeError:
        raise RequestError(f"{option} takes state codes, e.g. CA,NY") from None
    for code in codes:
        if not (code.isascii() and code.isalpha() and len(code) == 2):
            _fail(f"{option}: {code!r} is not a state code (two letters, e.g. CA)")
    return codes


def parse_elections(text: str, option: str = "--election") -> tuple[int, ...]:
    """``2024``, ``2016,2020,2024`` or ``2016-2024`` (every four years), sorted; errors name
    ``option``.

    >>> parse_elections("2016-2024")
    (2016, 2020, 2024)
    """
    years: list[int] = []
    for part in str(text).split(","):
        part = part.strip()
        first, dash, last = part.partition("-")
        if not (first.isascii() and first.isdigit()) or (
            dash and not (last.isascii() and last.isdigit())
        ):
            _fail(f"{option} takes years, e.g. 2024, 2016,2020,2024 or 2016-2024 (not {text!r})")
        if dash:
            a, b = int(first), int(last)
            if b < a or (b - a) % 4:
                _fail(f"{option} {part}: a range runs forward in steps of 4")
            years.extend(range(a, b + 1, 4))
        else:
            years.append(int(first))
    if len(years) > 20:
        _fail(f"{option}: at most 20 elections")
    return tuple(sorted(set(years)))


@dataclass(frozen=True)
class Union:
    """Who is in the union and how many people each member has (``None``: not said; the
    default is the 2020 census's resident population of the 50 states and DC).

    ``people``: the user's own populations (``code, population`` pairs, e.g. projected), named
    ``people_name`` in the output; they replace the census's and cannot be combined with a
    ``population`` basis."""

    census: int | None = None
    population: str | None = None
    people: tuple[tuple[str, int], ...] | None = None
    people_name: str | None = None
    states: tuple[str, ...] | None = None
    exclude: tuple[str, ...] | None = None
    won_by: str | None = None

    def __post_init__(self) -> None:
        from ..us.schemes import POPULATION_BASES

        if self.census is not None and (
            isinstance(self.census, bool) or not isinstance(self.census, int)
        ):
            _fail(f"--census takes a year, not {self.census!r}")
        if self.population is not None:
            if self.population not in POPULATION_BASES:
                _fail(
                    f"--population {self.population!r}: choose one of "
                    f"{', '.join(POPULATION_BASES.names())}"
                )
            object.__setattr__(self, "population", POPULATION_BASES.get(self.population).id)
        if self.people is not None:
            pairs = tuple(sorted((str(c).upper(), p) for c, p in dict(self.people).items()))
            for code, count in pairs:
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    _fail(f"own populations: {code} has {count!r}, not a whole number of people")
            object.__setattr__(self, "people", pairs)
            if self.population is not None:
                _fail(
                    "--population picks one of the census's populations; --population-file "
                    "gives your own: keep one"
                )
        elif self.people_name is not None:
            _fail("people_name names the user's own populations; give them (people) too")
        object.__setattr__(self, "states", _codes(self.states, "--states"))
        object.__setattr__(self, "exclude", _codes(self.exclude, "--exclude"))
        if self.won_by is not None:
            party, _, year = str(self.won_by).partition(":")
            party, year = party.strip().upper(), year.strip()
            if not (year.isascii() and year.isdigit()) or party not in ("D", "R"):
                _fail("--won-by takes PARTY:YEAR, e.g. D:2020 or R:2024")
            object.__setattr__(self, "won_by", f"{party}:{int(year)}")


@dataclass(frozen=True)
class Model:
    """The voter model and its parameters (``None``: not said; the a-priori model, and for the
    empirical model the parameters estimated from history)."""

    name: str | None = None
    elections: tuple[int, ...] | None = None
    shift: float | None = None
    national_sd: float | None = None
    state_sd: float | None = None
    lean: str | None = None

    def __post_init__(self) -> None:
        from ..models import MODELS
        from ..models.presidential import LEANS

        if self.name is not None:
            if self.name not in MODELS:
                _fail(f"--model {self.name!r}: choose one of {', '.join(MODELS.names())}")
            object.__setattr__(self, "name", MODELS.get(self.name).id)
        if self.elections is not None:
            years = tuple(self.elections)
            if (
                not years
                or len(years) > 20
                or not all(isinstance(y, int) and not isinstance(y, bool) for y in years)
            ):
                _fail("--election takes one to 20 election years, e.g. 2024 or 2016,2020,2024")
            object.__setattr__(self, "elections", years)
        for name, low, high in (
            ("shift", -0.5, 0.5),
            ("national_sd", 0.0, 0.5),
            ("state_sd", 0.005, 0.5),
        ):
            value = getattr(self, name)
            if value is None:
                continue
            option = "--" + name.replace("_", "-")
            if isinstance(value, bool) or not isinstance(value, int | float):
                _fail(f"{option} takes a number, not {value!r}")
            if not (math.isfinite(value) and low <= value <= high):
                _fail(f"{option} {value!r} is not in the range {low:g} to {high:g}")
            object.__setattr__(self, name, float(value))
        if self.lean is not None:
            if self.lean.lower() not in LEANS:
                _fail(f"--lean {self.lean!r}: choose one of {', '.join(LEANS)}")
            object.__setattr__(self, "lean", self.lean.lower())
        spec = MODELS.get(self.name or "apriori")
        owned = {n for other in MODELS for n in other.options}
        foreign = [n for n in self.given if n in owned and n not in spec.options]
        if foreign:
            owner = next(m.id for m in MODELS if foreign[0] in m.options)
            _fail(
                f"{_spell(foreign)} {'applies' if len(foreign) == 1 else 'apply'} to --model "
                f"{owner}, not {spec.id}"
            )
        if self.elections is not None and self.lean == "none":
            _fail(
                "--election sets the states' bases; with --lean none every state is at 1/2 "
                "(leave one of them out)"
            )

    @property
    def given(self) -> list[str]:
        """The parameters that were set, by their command-line names (``election``, ...)."""
        names = {"elections": "election"}
        return [
            names.get(f.name, f.name)
            for f in fields(self)
            if f.name != "name" and getattr(self, f.name) is not None
        ]

    @property
    def spec(self):  # type: ignore[no-untyped-def]
        from ..models import MODELS

        return MODELS.get(self.name or "apriori")

    def parameters(self):  # type: ignore[no-untyped-def]
        """The empirical model's parameters (``None`` for the a-priori model), validated."""
        from ..models.presidential import EmpiricalParameters

        if self.spec.id != "empirical":
            return None
        params = EmpiricalParameters(
            self.elections or (2024,),
            self.shift,
            self.national_sd,
            self.state_sd,
            self.lean or "election",
        )
        params.swing  # noqa: B018  (validates the parameters before anything is computed)
        return params


@dataclass(frozen=True)
class View:
    """How the rows of a per-state table are chosen (part of the answer: the same request gives
    the same rows): the column to sort by, how many rows, and whether every column is shown."""

    sort: str | None = None
    top: int | None = None
    wide: bool | None = None

    def __post_init__(self) -> None:
        if self.top is not None and (
            isinstance(self.top, bool) or not isinstance(self.top, int) or self.top < 1
        ):
            _fail(f"--top takes a whole number of rows, 1 or more (not {self.top!r})")
        if self.wide is not None and not isinstance(self.wide, bool):
            _fail("--wide is on or off")


@dataclass(frozen=True)
class CommandSpec(Spec):
    """A kind of answer: what its request may carry."""

    aliases: tuple[str, ...] = ()
    schemes: tuple[int, int] = (0, 0)
    """How many built-in schemes (least, most; -1: any number)."""
    scenarios: bool = False
    options: tuple[str, ...] = ()
    """The command's own options (``Request.options`` keys)."""
    view: bool = False
    models: bool = True
    """Whether the voter model can be chosen."""


COMMANDS: Registry[CommandSpec] = Registry(
    "command",
    CommandSpec(
        "states",
        "per-state and per-citizen power in one body or scheme",
        schemes=(0, 1),
        options=("body", "split_states", "senate_model", "cloture", "vp_tiebreak"),
        view=True,
    ),
    CommandSpec("compare", "schemes side by side", schemes=(0, -1), scenarios=True),
    CommandSpec(
        "diff",
        "two schemes state by state (a scheme: a built-in id, or a scenario by its file name)",
        schemes=(2, 2),
        scenarios=True,
    ),
)

#: the options of ``states`` that belong to one body
_BODY_OPTIONS = {
    "split_states": "electoral-college",
    "senate_model": "senate",
    "cloture": "senate",
    "vp_tiebreak": "senate",
}


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
    votepower.request.model.RequestError: --vp-tiebreak applies to the majority rule, not to ...
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
        if self.scenarios and not spec.scenarios:
            _fail(f"{self.command} takes no --scenario")
        object.__setattr__(self, "scenarios", tuple(self._scenario(s) for s in self.scenarios))
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
        ``--index`` is the a-priori model's."""
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
