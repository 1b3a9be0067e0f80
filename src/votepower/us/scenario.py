"""User scenarios from TOML files: a scheme written down instead of built in.

A scenario file describes one body::

    name = "Wyoming-rule Electoral College without DC"
    body = "electoral-college"        # electoral-college | senate | house
    census = 2020                     # optional; the command's --census otherwise
    population = "resident"           # optional: resident | apportionment | vep

    [members]                         # optional: who is in the union
    exclude = ["DC"]                  # or states = ["CA", "NY", ...], won_by = "R:2024"
    add = ["PR"]                      # new states: "PR" (resident population), "DC" as a state

    [house]                           # optional: how House seats are apportioned
    method = "webster"                # any apportionment method id or alias
    size = "wyoming-rule"             # a number, "wyoming-rule", "cube-root-rule" or
                                      # "fixed-ratio:760000" (one seat per 760,000 people)

    [electors]                        # Electoral College only, optional
    per_state = 2                     # electors added to House seats (0: House-only)
    rule = "winner-take-all"          # winner-take-all | district | proportional | square-root
    split_states = true               # Maine/Nebraska district method where the law has it
    quota = "1/2"                     # optional: default a majority of all electors
    by_state = { CA = "proportional" } # optional: one state's rule against the others'
                                      # (winner-take-all | proportional | district)

    [senate]                          # Senate only, optional
    seats = "equal"                   # equal (2 each) | population | square-root | tiers
    size = 150                        # optional: seats in all (default 2 per member)
    tiers = [2_000_000, 6_000_000]    # with seats = "tiers": base seats, one more for each
    base = 2                          # population threshold a state reaches (no size)
    quota = "3/5"                     # optional: a share of all seats or a number
    weights = { CA = 3100, WY = 300 } # optional: every member's weight (votepower design
                                      # writes them), instead of seats and size
    rule = "members > 50% and population > 50%"
                                      # optional, instead of quota: each state's delegation
                                      # votes as a bloc and a measure passes when the rule
                                      # holds for the states voting yes; its criteria are
                                      # members, population and seats (docs/multi-criteria.md)

Every error names the file, the key and the problem.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..citizens import Bloc, RuleChamber, TwoTierBody
from ..core.errors import ScenarioError, VotepowerError
from ..core.textfile import read_user_text
from ..games.game import to_fraction
from ..games.multigame import MultiCriteriaGame
from . import datasets
from .alternatives import (
    Federation,
    _ec,
    _house,
    _optimal_quota,
    _senate,
    _square_root_weights,
    federation,
    house_seats,
    senate_seats,
)
from .apportion import APPORTIONMENT_METHODS, MAX_HOUSE_SIZE, is_house_size
from .schemes import BODIES, POPULATION_BASES

__all__ = [
    "Scenario",
    "ScenarioError",
    "load_scenario",
    "parse_scenario",
    "read_scenario_data",
]

_TOP = {"name", "body", "census", "population", "members", "house", "electors", "senate"}
_SECTIONS = {
    "members": {"states", "exclude", "won_by", "add"},
    "house": {"method", "size"},
    "electors": {"per_state", "rule", "split_states", "quota", "by_state"},
    "senate": {"seats", "quota", "size", "rule", "weights", "tiers", "base"},
}
_ELECTOR_RULES = ("winner-take-all", "district", "proportional", "square-root")
_STATE_RULES = ("winner-take-all", "proportional", "district")
_SENATE_SEATS = ("equal", "population", "square-root", "tiers")


@dataclass(frozen=True)
class Scenario:
    """A validated scenario."""

    path: str
    name: str
    body: str
    census: int | None
    population: str | None
    members: dict[str, Any]
    house: dict[str, Any]
    electors: dict[str, Any]
    senate: dict[str, Any]

    @property
    def id(self) -> str:
        return "scenario:" + Path(self.path).stem

    def federation(
        self,
        census: int,
        population: str,
        *,
        people: dict[str, int] | None = None,
        people_name: str = "user",
    ) -> Federation:
        """The scenario's union in ``census`` and ``population`` (its own where it sets them);
        ``people``: the user's own populations instead of the census's (see
        :func:`~votepower.us.alternatives.federation`)."""
        if people is not None and self.population is not None:
            raise ScenarioError(
                f"{self.path}: sets population = {self.population!r}, but your own "
                "populations are given: keep one"
            )
        census = self.census or census
        basis = self.population or population
        add = self.members.get("add", [])
        won_by = self.members.get("won_by")
        states = self.members.get("states")
        try:
            if won_by is not None:
                party, year = won_by.split(":")
                winners = list(datasets.states_won_by(party, int(year)))
                states = winners if states is None else [s for s in states if s in winners]
            if states is not None:
                states = list(states) + [c for c in add if c not in states]
            return federation(
                census,
                population=basis,
                states=tuple(states) if states is not None else None,
                exclude=tuple(self.members.get("exclude", [])),
                dc_statehood="DC" in add,
                pr_statehood="PR" in add,
                people=people,
                people_name=people_name,
            )
        except VotepowerError as exc:
            raise ScenarioError(f"{self.path}: [members]: {exc}") from None

    def _rule_chamber(self, fed: Federation, seats: dict[str, int]) -> RuleChamber:
        codes = list(fed.states)  # the Senate's members: DC has no senators
        try:
            game = MultiCriteriaGame(
                {"population": [fed.people[c] for c in codes], "seats": [seats[c] for c in codes]},
                self.senate["rule"],
                labels=codes,
            )
        except VotepowerError as exc:
            raise ScenarioError(f"{self.path}: senate.rule: {exc}") from None
        return RuleChamber(
            self.name, game, tuple(fed.people[c] for c in codes), tuple(seats[c] for c in codes)
        )

    def _weighted_chamber(self, fed: Federation) -> TwoTierBody:
        weights = self.senate["weights"]
        missing = sorted(set(fed.people) - set(weights))
        extra = sorted(set(weights) - set(fed.people))
        if missing or extra:
            problem = "; ".join(
                part
                for part in (
                    f"no weight for {', '.join(missing)}" if missing else "",
                    f"{', '.join(extra)} not in the union" if extra else "",
                )
                if part
            )
            raise ScenarioError(f"{self.path}: senate.weights: {problem}")
        blocks = tuple(Bloc(code, int(weights[code]), fed.people[code]) for code in fed.people)
        total = sum(b.weight for b in blocks)
        quota = _quota(self.senate.get("quota"), total, self.path, "senate.quota")
        return TwoTierBody(self.name, blocks, quota if quota is not None else total // 2 + 1)

    def build(self, fed: Federation) -> TwoTierBody | RuleChamber:
        if self.body == "house":
            return _house(fed, self.name, self._house_seats(fed))
        if self.body == "senate" and "weights" in self.senate:
            return self._weighted_chamber(fed)
        if self.body == "senate":
            try:
                chosen = senate_seats(
                    fed,
                    self.senate.get("seats", "equal"),
                    self.senate.get("size"),
                    tuple(self.senate.get("tiers", ())),
                    self.senate.get("base", 2),
                )
            except VotepowerError as exc:
                raise ScenarioError(f"{self.path}: senate.size: {exc}") from None
            if "rule" in self.senate:
                return self._rule_chamber(fed, chosen)
            total = sum(chosen.values())
            quota = _quota(self.senate.get("quota"), total, self.path, "senate.quota")
            return _senate(fed, self.name, chosen, quota)
        return self.college(fed, self._house_seats(fed))

    def _house_seats(self, fed: Federation) -> dict[str, int]:
        """The seats of the House its [house] table apportions (the House's and the College's;
        the Senate has none)."""
        return house_seats(fed, method=self.house.get("method"), size=self.house.get("size"))

    def house_body(self, fed: Federation, seats: dict[str, int]) -> TwoTierBody:
        """The scenario's House on ``seats``: what :meth:`build` gives for the seats its
        [house] apportions, for a search that apportions every House size at once."""
        return _house(fed, self.name, seats)

    def college(self, fed: Federation, seats: dict[str, int]) -> TwoTierBody:
        """The scenario's Electoral College for a House of ``seats`` (its electors' rules on
        those seats): what :meth:`build` gives for the seats its [house] apportions, for a
        search that apportions every House size at once."""
        rule = self.electors.get("rule", "winner-take-all")
        if rule == "square-root":
            weights = _square_root_weights(fed.people)
            blocks = tuple(Bloc(c, weights[c], fed.people[c]) for c in fed.people)
            return TwoTierBody(self.name, blocks, _optimal_quota(list(weights.values())))
        plus = self.electors.get("per_state", 2)
        if rule == "district" and plus != 2:
            raise ScenarioError(
                f"{self.path}: electors.rule: the district method elects 2 electors at large "
                f"and one per district, so electors.per_state must be 2 (not {plus})"
            )
        by_state = self.electors.get("by_state", {})
        outside = sorted(set(by_state) - set(fed.people))
        if outside:
            raise ScenarioError(
                f"{self.path}: electors.by_state: {', '.join(outside)} not in the union"
            )
        try:
            body = _ec(
                fed,
                self.name,
                seats,
                plus=plus,
                dc_votes=3 if plus else 1,
                proportional=rule == "proportional",
                every_state_by_district=rule == "district",
                split=self.electors.get("split_states", True),
                rules=dict(by_state),
            )
        except VotepowerError as exc:
            raise ScenarioError(f"{self.path}: electors.by_state: {exc}") from None
        quota = _quota(self.electors.get("quota"), body.total_weight, self.path, "electors.quota")
        return body if quota is None else TwoTierBody(body.name, body.blocks, quota)


def _check_weights(senate: dict[str, Any], path: str) -> None:
    weights = senate["weights"]
    _expect(isinstance(weights, dict) and bool(weights), path, "senate.weights",
            "must be a table of state = weight")  # fmt: skip
    for key in ("seats", "size", "rule"):
        _expect(key not in senate, path, f"senate.{key}",
                "the weights set every member's seats; drop one")  # fmt: skip
    for code, weight in weights.items():
        _check_code(code, path, "senate.weights")
        _expect(_whole(weight), path, f"senate.weights.{code}", "must be a positive whole number")
    if "quota" in senate:
        _quota(senate["quota"], sum(weights.values()), path, "senate.quota")


def _check_tiers(senate: dict[str, Any], path: str) -> None:
    """``seats = "tiers"`` with ``tiers`` (ascending population thresholds) and ``base``
    (seats below the first, default 2), and neither without it."""
    if senate.get("seats") != "tiers":
        for key in ("tiers", "base"):
            _expect(key not in senate, path, f"senate.{key}",
                    'applies with seats = "tiers"')  # fmt: skip
        return
    tiers = senate.get("tiers")
    _expect(isinstance(tiers, list) and bool(tiers) and all(_whole(t) for t in tiers)
            and all(a < b for a, b in zip(tiers, tiers[1:], strict=False)), path,
            "senate.tiers", "must be a list of population thresholds, each a whole number "
            "larger than the one before, e.g. [2_000_000, 6_000_000]")  # fmt: skip
    _expect("size" not in senate, path, "senate.size",
            "population tiers set the Senate's size; drop the size")  # fmt: skip
    if "base" in senate:
        _expect(_whole(senate["base"]) and senate["base"] <= 1000, path, "senate.base",
                "must be a whole number of seats from 1 to 1000")  # fmt: skip


#: what a chamber's rule may count
_RULE_CRITERIA = ("members", "population", "seats")


def _check_rule(senate: dict[str, Any], path: str) -> None:
    from ..games.rules import Atom, parse_rule

    rule = senate["rule"]
    _expect(isinstance(rule, str), path, "senate.rule", "must be a string")
    _expect("quota" not in senate, path, "senate.quota",
            "the rule sets what passes; drop the quota or the rule")  # fmt: skip
    try:
        parsed = parse_rule(rule)
    except VotepowerError as exc:
        raise ScenarioError(f"{path}: senate.rule: {exc}") from None

    def atoms(r: Any) -> list[Atom]:
        return [r] if isinstance(r, Atom) else [a for p in r.parts for a in atoms(p)]

    named = {a.criterion for a in atoms(parsed)}
    for criterion in sorted(named - set(_RULE_CRITERIA)):
        raise ScenarioError(
            f"{path}: senate.rule: {criterion!r} is not a criterion of a chamber "
            f"({', '.join(_RULE_CRITERIA)})"
        )
    if "seats" not in named:
        for key in ("seats", "size"):
            _expect(key not in senate, path, f"senate.{key}",
                    "has no effect: the rule does not count seats")  # fmt: skip


def _quota(value: Any, total: int, path: str, key: str) -> int | None:
    """A share (``"3/5"``, ``"60%"`` or a number below 1) of ``total``, or a number of seats."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ScenarioError(f"{path}: {key}: {value!r} is not a number or a fraction")
    text = str(value).strip()
    try:  # ASCII digits, no more than a quota can use (1e999999999 is refused, not built)
        number = to_fraction(text[:-1]) / 100 if text.endswith("%") else to_fraction(text)
    except VotepowerError:
        raise ScenarioError(f"{path}: {key}: {value!r} is not a number or a fraction") from None
    is_share = "/" in text or text.endswith("%") or number < 1
    quota = math.ceil(number * total) if is_share else math.ceil(number)
    if not 0 < quota <= total:
        raise ScenarioError(f"{path}: {key}: quota {quota} must be between 1 and {total}")
    return quota


def _check_code(code: Any, path: str, key: str) -> None:
    """A state's code, or a one-line error naming the file and the key."""
    try:
        datasets.state_name(code)
    except VotepowerError as exc:
        raise ScenarioError(f"{path}: {key}: {exc}") from None


def _whole(value: Any, least: int = 1) -> bool:
    """A whole number (TOML's ``true`` is not one, though Python's bool is an int)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= least


def _expect(condition: bool, path: str, key: str, problem: str) -> None:
    if not condition:
        raise ScenarioError(f"{path}: {key}: {problem}")


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file."""
    return parse_scenario(read_scenario_data(path), str(path))


def read_scenario_data(path: str | Path) -> dict[str, Any]:
    """A scenario file's table, read (bounded) but not yet validated."""
    text = read_user_text(Path(path), ScenarioError, "a scenario file (TOML)")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path}: not valid TOML ({exc})") from None


def parse_scenario(data: dict[str, Any], name: str) -> Scenario:
    """Validate a scenario's table (read from the file ``name``, or carried in a request);
    every error names ``name``, the key and the problem."""
    if not isinstance(data, dict):
        raise ScenarioError(f"{name}: a scenario is a table of keys")
    for key in data:
        _expect(key in _TOP, name, key, f"unknown key; expected one of {', '.join(sorted(_TOP))}")
    for section, keys in _SECTIONS.items():
        value = data.get(section, {})
        _expect(isinstance(value, dict), name, section, "must be a table ([section])")
        for key in value:
            _expect(key in keys, name, f"{section}.{key}",
                    f"unknown key; expected one of {', '.join(sorted(keys))}")  # fmt: skip
    _expect(isinstance(data.get("name", ""), str), name, "name", "must be a string")
    body = data.get("body")
    _expect(body is not None, name, "body", "missing; say electoral-college, senate or house")
    _expect(isinstance(body, str) and body in BODIES, name, "body",
            f"{body!r} is not one of {', '.join(BODIES.ids())}")  # fmt: skip
    body = BODIES.get(str(body)).id  # an alias ("ec") is the body it names
    census = data.get("census")
    _expect(census is None or _whole(census), name, "census", "must be a year")
    population = data.get("population")
    _expect(population is None or (isinstance(population, str) and population in POPULATION_BASES),
            name, "population", f"must be one of {', '.join(POPULATION_BASES.ids())}")  # fmt: skip
    members = data.get("members", {})
    for key in ("states", "exclude", "add"):
        value = members.get(key)
        listed = isinstance(value, list) and all(isinstance(v, str) for v in value)
        _expect(value is None or listed, name, f"members.{key}", "must be a list of state codes")
        for code in value or []:
            _check_code(code, name, f"members.{key}")
    for code in members.get("add", []):
        _expect(code in ("DC", "PR"), name, "members.add", f"{code} cannot be added; DC or PR")
    won_by = members.get("won_by")
    if won_by is not None:
        party, _, year = str(won_by).partition(":")
        _expect(isinstance(won_by, str) and party in ("D", "R") and year.isascii()
                and year.isdigit() and len(year) == 4, name, "members.won_by",
                "must look like 'R:2024' or 'D:2020'")  # fmt: skip
    house = data.get("house", {})
    if "method" in house:
        _expect(isinstance(house["method"], str) and house["method"] in APPORTIONMENT_METHODS,
                name, "house.method",
                f"must be one of {', '.join(APPORTIONMENT_METHODS.ids())}")  # fmt: skip
    if "size" in house:
        size = house["size"]
        _expect(is_house_size(size), name, "house.size",
                f"must be a number of seats from 1 to {MAX_HOUSE_SIZE:,}, 'wyoming-rule', "
                "'cube-root-rule' or 'fixed-ratio:N' (N people a seat)")  # fmt: skip
    electors = data.get("electors", {})
    if "per_state" in electors:
        _expect(_whole(electors["per_state"], 0) and electors["per_state"] <= 1000, name,
                "electors.per_state", "must be a whole number from 0 to 1000")  # fmt: skip
    if "rule" in electors:
        _expect(electors["rule"] in _ELECTOR_RULES, name, "electors.rule",
                f"must be one of {', '.join(_ELECTOR_RULES)}")  # fmt: skip
    if "quota" in electors:
        _quota(electors["quota"], 538, name, "electors.quota")
    by_state = electors.get("by_state", {})
    _expect(isinstance(by_state, dict), name, "electors.by_state",
            "must be a table of state = rule")  # fmt: skip
    for code, rule in by_state.items():
        _check_code(code, name, "electors.by_state")
        _expect(code == code.upper(), name, f"electors.by_state.{code}",
                "give the state's code in capitals (CA)")  # fmt: skip
        _expect(rule in _STATE_RULES, name, f"electors.by_state.{code}",
                f"must be one of {', '.join(_STATE_RULES)}")  # fmt: skip
    if by_state and electors.get("rule") == "square-root":
        raise ScenarioError(
            f"{name}: electors.by_state: square-root weights have no per-state rule"
        )
    if "split_states" in electors:
        _expect(isinstance(electors["split_states"], bool), name, "electors.split_states",
                "must be true or false")  # fmt: skip
    senate = data.get("senate", {})
    if "seats" in senate:
        _expect(senate["seats"] in _SENATE_SEATS, name, "senate.seats",
                f"must be one of {', '.join(_SENATE_SEATS)}")  # fmt: skip
    size = senate.get("size")
    if size is not None:
        _expect(_whole(size) and size <= MAX_HOUSE_SIZE, name, "senate.size",
                f"must be a whole number of seats from 1 to {MAX_HOUSE_SIZE:,}")  # fmt: skip
    _check_tiers(senate, name)
    weights = senate.get("weights")
    if weights is not None:
        _check_weights(senate, name)
    elif "quota" in senate:
        _quota(senate["quota"], size or 100, name, "senate.quota")
    if "rule" in senate:
        _check_rule(senate, name)
    named = {"electoral-college": "Electoral College", "senate": "Senate", "house": "House"}[body]
    if body != "electoral-college":
        _expect(
            not electors, name, "electors", f"applies to the Electoral College, not the {named}"
        )
    if body != "senate":
        _expect(not senate, name, "senate", f"applies to the Senate, not the {named}")
    else:
        _expect(not house, name, "house",
                "applies to the House and the Electoral College, not the Senate")  # fmt: skip
    return Scenario(
        path=name,
        name=data.get("name") or Path(name).stem,
        body=BODIES.get(str(body)).id,
        census=census,
        population=POPULATION_BASES.get(population).id if population else None,
        members=members,
        house=house,
        electors=electors,
        senate=senate,
    )
