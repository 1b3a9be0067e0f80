"""The parts of a request: who is in the union, the voter model, and which rows to show.
Each is frozen and checks its own fields; a field nobody set is ``None``."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from .errors import RequestError
from .errors import fail as _fail
from .errors import spell as _spell

__all__ = ["Model", "Union", "View", "parse_elections"]


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

    def check_options(self) -> None:
        """Refuse the parameters of another voter model than the one chosen."""
        from ..models import MODELS

        spec = self.spec
        owned = {n for other in MODELS for n in other.options}
        foreign = [n for n in self.given if n in owned and n not in spec.options]
        if foreign:
            owner = next(m.id for m in MODELS if foreign[0] in m.options)
            _fail(
                f"{_spell(foreign)} {'applies' if len(foreign) == 1 else 'apply'} to --model "
                f"{owner}, not {spec.id}"
            )

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
