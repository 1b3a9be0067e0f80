"""Alternative constitutional schemes: a registry of named ways to build each body.

Every scheme turns a :class:`Federation` (who the members are, and how many people live in
each) into a :class:`~votepower.citizens.TwoTierBody`. The modelling choices:

* **Members.** The 50 states and DC by default; ``--states``/``--exclude`` select a union; DC or
  Puerto Rico statehood adds them as states (with two senators and House seats apportioned among
  all members). DC as a non-state keeps 3 electors (the 23rd Amendment's "no more than the least
  populous state").
* **House seats** for the Electoral College and the House: the official apportionment of the
  census, or a re-apportionment of the members' *apportionment populations* (resident population
  for DC and Puerto Rico, which have none) by another method or House size.
* **Electoral votes**: House seats + 2 per state (House-only: seats, DC 1); Maine and Nebraska
  split by district where the law provides, their district count following their seats.
* **Proportional electors**: each state's electors split by its vote, to the nearest whole elector;
  DC's three electors follow the same rule (Congress directs how DC appoints its electors, so a
  reform making the states proportional is modelled as making DC proportional too).
* **Square-root weights** (Penrose): electoral weight proportional to the square root of the
  population, with the quota ``(1 + sqrt(sum w^2) / sum w) / 2`` of the total weight
  (Slomczynski and Zyczkowski), under which unit power is nearly proportional to weight, so that
  per-citizen Banzhaf power is nearly equal.
* **National popular vote**: one contest of all citizens; every citizen has the same power.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from ..citizens import Bloc, Block, Districts, Proportional, Split, TwoTierBody
from ..core.errors import SchemeError
from ..core.registry import Registry, Spec
from . import datasets
from .apportion import apportion, house_size
from .schemes import BODIES, SENATE_MODELS, senate_of
from .union import Federation, _puerto_rico, federation

__all__ = [
    "Federation",
    "Scheme",
    "SCHEMES",
    "DEFAULT_SCHEMES",
    "electoral_college_of",
    "federation",
    "build_scheme",
    "body_of",
    "house_seats",
    "SchemeError",
]


# --------------------------------------------------------------------------------------------
# House seats and bodies
# --------------------------------------------------------------------------------------------
def house_seats(
    fed: Federation, method: str | None = None, size: int | str | None = None
) -> dict[str, int]:
    """House seats of the member states: official, or re-apportioned."""
    states = fed.states
    standard = (
        method is None
        and size is None
        and set(states) <= set(fed.official_seats)
        and "PR" not in states
        and not fed.dc_state
    )
    if standard:
        return {c: fed.official_seats[c] for c in states}
    pops = {c: fed.apportionment[c] for c in states}
    if size is None:
        size = 435 if len(states) >= 40 else sum(fed.official_seats.get(c, 1) for c in states)
    seats_total, _ = house_size(size, pops)
    result = apportion(pops, seats_total, method=method or "huntington-hill", ties="report")
    return result.seats


def _split_codes(fed: Federation) -> set[str]:
    first_election, _ = datasets.electoral_votes_for_census(fed.census)
    return {s.code for s in datasets.district_split_states(first_election)}


def _ec(
    fed: Federation,
    name: str,
    seats: dict[str, int],
    *,
    plus: int = 2,
    dc_votes: int = 3,
    proportional: bool = False,
    split: bool = True,
    every_state_by_district: bool = False,
    rules: dict[str, str] | None = None,
) -> TwoTierBody:
    """The College: per state ``seats + plus`` electors, winner-take-all (``Bloc``), split
    proportionally (``Proportional``) or by district (``Split``: 2 at large and one per
    district, where ``split`` and the state's law have it); ``rules`` sets one state's rule
    (``winner-take-all``, ``proportional`` or ``district``) against the others'."""
    split_codes = _split_codes(fed) if split else set()
    if every_state_by_district:
        split_codes = set(fed.states)
    rules = rules or {}
    blocks: list[Block] = []
    for code in fed.states:
        votes = seats[code] + plus
        pop = fed.people[code]
        district = (
            code in split_codes and (seats[code] > 1 or every_state_by_district) and plus == 2
        )
        default = "proportional" if proportional else "district" if district else "winner-take-all"
        rule = rules.get(code, default)
        if rule == "proportional":
            blocks.append(Proportional(code, seats=votes, voters=pop))
        elif rule == "district":
            if plus != 2 or seats[code] < 1:
                raise SchemeError(
                    f"{code}: the district method needs 2 electors at large and at least one "
                    "district"
                )
            d = seats[code]
            blocks.append(Split(code, at_large=2, districts=d, voters_per_district=_share(pop, d)))
        else:
            blocks.append(Bloc(code, votes, pop))
    if fed.has_federal_district:  # DC's electors follow the states' rule unless set
        rule = rules.get("DC", "proportional" if proportional else "winner-take-all")
        kind = Proportional if rule == "proportional" else Bloc
        blocks.append(kind("DC", dc_votes, fed.people["DC"]))
    total = sum(b.weight for b in blocks)
    return TwoTierBody(name, tuple(blocks), total // 2 + 1)


def _share(population: int, parts: int) -> int:
    return max(1, round(population / parts))


def _senate(
    fed: Federation, name: str, seats: dict[str, int], quota: int | None = None
) -> TwoTierBody:
    blocks = tuple(
        Bloc(code, seats[code], fed.people[code]) for code in fed.states if seats[code] > 0
    )
    total = sum(b.weight for b in blocks)
    return TwoTierBody(name, blocks, quota if quota is not None else total // 2 + 1)


def _house(fed: Federation, name: str, seats: dict[str, int]) -> TwoTierBody:
    blocks = tuple(
        Districts(
            code, districts=seats[code], voters_per_district=_share(fed.people[code], seats[code])
        )
        for code in fed.states
    )
    total = sum(b.weight for b in blocks)
    return TwoTierBody(name, blocks, total // 2 + 1)


def _square_root_weights(values: dict[str, int], smallest_weight: int = 30) -> dict[str, int]:
    """Integer weights proportional to sqrt(population), the smallest member getting
    ``smallest_weight`` (rounding moves any weight by at most 1/60 of the smallest)."""
    smallest = min(values.values())
    return {c: round(smallest_weight * math.sqrt(v / smallest)) for c, v in values.items()}


def _optimal_quota(weights: list[int]) -> int:
    total = sum(weights)
    share = 0.5 * (1.0 + math.sqrt(sum(w * w for w in weights)) / total)
    return math.ceil(share * total)


# --------------------------------------------------------------------------------------------
# The registry
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scheme(Spec):
    """A named alternative: which body it models and how to build it from a federation."""

    body: str = "electoral-college"
    build: Callable[[Federation], TwoTierBody] | None = None
    aliases: tuple[str, ...] = ()
    national: bool = False
    cost: float = 1.0
    """Rough relative running time, to start the slowest first when running in parallel."""
    default: bool = True
    """Part of the default comparison (``votepower compare`` with no ``--schemes``)."""


def _ec_current(fed: Federation) -> TwoTierBody:
    return _ec(fed, "Electoral College (current)", house_seats(fed))


def electoral_college_of(fed: Federation, seats: dict[str, int]) -> TwoTierBody:
    """The Electoral College of ``fed`` under today's rules for a House of ``seats``: seats + 2
    electors per state, 3 for DC as a district, Maine and Nebraska by district."""
    return _ec(fed, "Electoral College", seats)


def _ec_method(method: str) -> Callable[[Federation], TwoTierBody]:
    def build(fed: Federation) -> TwoTierBody:
        return _ec(fed, f"Electoral College, House by {method}", house_seats(fed, method=method))

    return build


def _ec_size(rule: str) -> Callable[[Federation], TwoTierBody]:
    def build(fed: Federation) -> TwoTierBody:
        return _ec(fed, f"Electoral College, House size by the {rule}", house_seats(fed, size=rule))

    return build


def _ec_enlarged(fed: Federation) -> TwoTierBody:
    """New states join a House enlarged by their population's share of 435 seats."""
    old = [c for c in fed.states if c in fed.official_seats and c != "DC"]
    new = [c for c in fed.states if c not in old]
    old_people = sum(fed.apportionment[c] for c in old)
    extra = sum(max(1, round(435 * fed.apportionment[c] / old_people)) for c in new)
    seats = house_seats(fed, size=435 + extra)
    return _ec(fed, f"Electoral College, House enlarged to {435 + extra} for new states", seats)


def _ec_district(fed: Federation) -> TwoTierBody:
    return _ec(
        fed,
        "Electoral College, every state by district (2 at large + 1 per district)",
        house_seats(fed),
        every_state_by_district=True,
    )


def _ec_house_only(fed: Federation) -> TwoTierBody:
    return _ec(
        fed,
        "Electoral College without the 2 senatorial electors",
        house_seats(fed),
        plus=0,
        dc_votes=1,
    )


def _ec_proportional(fed: Federation) -> TwoTierBody:
    return _ec(
        fed,
        "Electoral College, electors split proportionally",
        house_seats(fed),
        proportional=True,
    )


def _ec_square_root(fed: Federation) -> TwoTierBody:
    weights = _square_root_weights(fed.people)
    blocks = tuple(Bloc(c, weights[c], fed.people[c]) for c in fed.people)
    quota = _optimal_quota(list(weights.values()))
    return TwoTierBody("Penrose square-root weights, optimal quota", blocks, quota)


def _national(fed: Federation) -> TwoTierBody:
    total = sum(fed.people.values())
    return TwoTierBody("National popular vote", (Bloc("US", 1, total),), 1)


def _senate_current(fed: Federation) -> TwoTierBody:
    return _senate(fed, "Senate (2 per state)", senate_seats(fed))


def _senate_filibuster(fed: Federation) -> TwoTierBody:
    seats = senate_seats(fed)
    quota = math.ceil(0.6 * sum(seats.values()))
    return _senate(fed, "Senate with the filibuster (60%)", seats, quota)


def senate_seats(
    fed: Federation,
    rule: str = "equal",
    size: int | None = None,
    tiers: tuple[int, ...] = (),
    base: int = 2,
) -> dict[str, int]:
    """``size`` seats (two per state by default): ``equal`` (the same number each; ``size``
    must divide among the states), or apportioned (Huntington-Hill, at least one each) in
    proportion to ``population`` or to its ``square-root``; or by population ``tiers``:
    ``base`` seats, and one more for each threshold of ``tiers`` the state's population
    reaches (as the German Bundesrat's votes; the size follows)."""
    states = fed.states
    if rule == "tiers":
        if size is not None:
            raise SchemeError("population tiers set the Senate's size; give no size")
        return {c: base + sum(1 for t in tiers if fed.people[c] >= t) for c in states}
    size = 2 * len(states) if size is None else size
    if rule == "equal":
        if size % len(states):
            raise SchemeError(
                f"{size} Senate seats do not divide equally among {len(states)} states"
            )
        return {c: size // len(states) for c in states}
    if size < len(states):
        raise SchemeError(f"{size} Senate seats: fewer than the {len(states)} states")
    base = {c: fed.people[c] for c in states}
    if rule == "square-root":
        base = {c: math.isqrt(v * 10**6) for c, v in base.items()}
    return apportion(base, size, ties="report").seats


def _senate_population(fed: Federation) -> TwoTierBody:
    return _senate(fed, "Senate apportioned by population", senate_seats(fed, "population"))


def _senate_square_root(fed: Federation) -> TwoTierBody:
    name = "Senate seats in proportion to sqrt(population)"
    return _senate(fed, name, senate_seats(fed, "square-root"))


def _house_current(fed: Federation) -> TwoTierBody:
    return _house(fed, "House (current apportionment)", house_seats(fed))


def _house_wyoming(fed: Federation) -> TwoTierBody:
    return _house(fed, "House, Wyoming-rule size", house_seats(fed, size="wyoming-rule"))


def _with(
    builder: Callable[[Federation], TwoTierBody], name: str, **changes
) -> Callable[[Federation], TwoTierBody]:
    """``builder`` on the union changed by ``changes`` (DC a state, Puerto Rico added), its body
    called ``name``."""

    def build(fed: Federation) -> TwoTierBody:
        extra = dict(changes)
        pr = extra.pop("pr_statehood", False)
        if pr and "PR" not in fed.people and fed.chosen:
            raise SchemeError(
                "Puerto Rico statehood adds PR to the whole union, and this one is chosen "
                "(--states, --exclude or --won-by): to add PR to it, write a scenario with "
                '[members] add = ["PR"]'
            )
        if pr and fed.own_people:
            raise SchemeError(
                "Puerto Rico's population would come from the census while the states' are "
                "your own: not available with your own populations"
            )
        if pr and "PR" not in fed.people:
            resident = {r.code: r.population for r in datasets.resident_population(fed.census)}
            pr_people = _puerto_rico(fed.census, fed.basis, resident)
            people = dict(fed.people, PR=pr_people)
            apportionment_pops = dict(fed.apportionment, PR=resident["PR"])
            fed = replace(
                fed, people=dict(sorted(people.items())), apportionment=apportionment_pops
            )
        if extra.get("dc_state") and "DC" not in fed.people:
            raise SchemeError(
                "DC is not in this union (no DC population is packaged before the 1960 "
                "census, or the membership leaves it out)"
            )
        return replace(builder(replace(fed, **extra)), name=name)

    return build


SCHEMES: Registry[Scheme] = Registry(
    "scheme",
    Scheme("ec-current", "Electoral College as it is: House seats + 2, DC 3, ME/NE by district",
           "electoral-college", _ec_current, ("ec",)),
    Scheme("ec-house-only", "Electoral College without the 2 senatorial electors (DC 1)",
           "electoral-college", _ec_house_only),
    Scheme("ec-webster", "Electoral College with the House apportioned by Webster's method",
           "electoral-college", _ec_method("webster")),
    Scheme("ec-hamilton", "Electoral College with the House apportioned by Hamilton's method",
           "electoral-college", _ec_method("hamilton")),
    Scheme("ec-jefferson", "Electoral College with the House apportioned by Jefferson's method",
           "electoral-college", _ec_method("jefferson")),
    Scheme("ec-adams", "Electoral College with the House apportioned by Adams's method",
           "electoral-college", _ec_method("adams")),
    Scheme("ec-dean", "Electoral College with the House apportioned by Dean's method",
           "electoral-college", _ec_method("dean")),
    Scheme("ec-wyoming-rule", "Electoral College with a Wyoming-rule House (Huntington-Hill)",
           "electoral-college", _ec_size("wyoming-rule")),
    Scheme("ec-cube-root-rule", "Electoral College with a cube-root-rule House (Huntington-Hill)",
           "electoral-college", _ec_size("cube-root-rule"), cost=2.0),
    Scheme("ec-district", "Electoral College with every state electing 2 at large and 1 per "
           "district (the Maine-Nebraska method)", "electoral-college", _ec_district, cost=8.0),
    Scheme("ec-proportional", "Electoral College with each state's electors split by its vote",
           "electoral-college", _ec_proportional, cost=3.0),
    Scheme("ec-square-root", "Penrose: electoral weight ~ sqrt(population), optimal quota",
           "electoral-college", _ec_square_root, ("penrose",), cost=2.5),
    Scheme("national-popular-vote", "One national majority vote: every citizen equal",
           "national", _national, ("npv",), national=True),
    Scheme("senate-current", "Senate: 2 seats per state, majority", "senate", _senate_current),
    Scheme("senate-filibuster", "Senate: 2 seats per state, 60% to close debate", "senate",
           _senate_filibuster),
    Scheme("senate-population", "Senate: seats apportioned by population (Huntington-Hill)",
           "senate", _senate_population),
    Scheme("senate-square-root", "Senate: seats in proportion to sqrt(population)", "senate",
           _senate_square_root),
    Scheme("house-current", "House: the official apportionment, single-member districts",
           "house", _house_current, cost=1.5),
    Scheme("house-wyoming-rule", "House: Wyoming-rule size, Huntington-Hill", "house",
           _house_wyoming, cost=2.0),
    Scheme("dc-statehood", "Electoral College with DC a state (House of 435 re-apportioned)",
           "electoral-college",
           _with(_ec_current, "Electoral College with DC a state", dc_state=True)),
    Scheme("pr-statehood", "Electoral College with Puerto Rico a state (House of 435 "
           "re-apportioned)", "electoral-college",
           _with(_ec_current, "Electoral College with Puerto Rico a state", pr_statehood=True)),
    Scheme("pr-statehood-enlarged", "Electoral College with Puerto Rico a state, the House "
           "enlarged by Puerto Rico's share of 435 seats", "electoral-college",
           _with(_ec_enlarged, "Electoral College with Puerto Rico a state, House enlarged",
                 pr_statehood=True)),
)  # fmt: skip

DEFAULT_SCHEMES = tuple(s.id for s in SCHEMES if s.default)


def build_scheme(scheme: str, fed: Federation) -> TwoTierBody:
    """The body of ``scheme`` for the federation ``fed``."""
    spec = SCHEMES.get(scheme)
    assert spec.build is not None
    return spec.build(fed)


def body_of(
    fed: Federation,
    body: str,
    *,
    split_states: bool = True,
    senate_model: str = "bloc",
    cloture: bool = False,
    vp_tiebreak: bool = False,
) -> TwoTierBody:
    """One of the US bodies as it is (:data:`~votepower.us.schemes.BODIES`) for the members of
    ``fed``, with its options: the Electoral College with or without Maine and Nebraska's
    district method; the Senate with bloc or independently elected senators, a majority (the
    Vice-President breaking ties with ``vp_tiebreak``) or cloture (three fifths of the seats);
    the House of the official (or, for a union with new states, re-apportioned) seats.

    Options that do not belong to the body are refused, never ignored.
    """
    kind = BODIES.get(body).id
    census, basis = fed.census, fed.basis
    if kind != "electoral-college" and not split_states:
        raise SchemeError("the district method of Maine and Nebraska is an Electoral College rule")
    senate_rules = cloture or vp_tiebreak or SENATE_MODELS.get(senate_model).id != "bloc"
    if kind != "senate" and senate_rules:
        raise SchemeError("cloture, the VP tie-break and the senate model apply to the Senate")
    if cloture and vp_tiebreak:
        raise SchemeError("the Vice-President breaks ties under the majority rule, not cloture")
    if kind == "electoral-college":
        split = split_states and bool(_split_codes(fed) & set(fed.states))
        name = f"Electoral College ({census} census, {basis} population"
        name += ", ME/NE district method)" if split else ", every state winner-take-all)"
        return _ec(fed, name, house_seats(fed), split=split_states)
    if kind == "house":
        seats = house_seats(fed)
        name = f"House ({census} census, {basis} population, {sum(seats.values())} districts)"
        return _house(fed, name, seats)
    people = {c: fed.people[c] for c in fed.states}
    return senate_of(people, f"{census} census, {basis} population", senate_model, cloture,
                     vp_tiebreak)  # fmt: skip
