"""US constitutional processes as compound games, and each citizen's power in them.

* ``lawmaking``: a bill passes with a majority of the House, a majority of the Senate and the
  President's signature, or with two-thirds of both chambers over a veto. ``filibuster``: the
  Senate first needs three-fifths of its members to close debate (60 of 100). ``vp_tiebreak``:
  the Vice-President breaks a tie in the Senate's majority vote (not in cloture or override
  votes, where the Constitution and Senate rules count only senators).
* ``amendment`` (Article V, the congressional route): two-thirds of both chambers propose,
  three-quarters of the state legislatures ratify; the President has no part, and each state
  legislature is one unit.

All members vote; two-thirds and three-fifths are of the members, rounded up. Member counts come
from a :class:`~votepower.us.alternatives.Federation`, so statehood for DC or Puerto Rico, a subset
union and a re-apportioned House carry through.

**Per citizen** (three tiers): a citizen votes for her representative (a district contest), for
each of her two senators (statewide contests), for her state legislature (a statewide contest;
amendments) and for President and Vice-President (the Electoral College, with Maine and Nebraska
by district). *Independence assumption*: these contests are independent, as if each citizen
cast a separate coin-flip ballot in each (the model of
:class:`~votepower.citizens.IndependentSeats`); each office holder votes as her electorate
decided. Her power is then, by the chain rule of the multilinear extension,
``sum over her offices of dG/dy_o(y(t)) * dy_o/dx_c(t)``, with ``G`` the process's extension in
the office holders' yes probabilities ``y_o(t)``: Banzhaf at ``t = 1/2``, Shapley-Shubik
integrated over ``t``. At ``t = 1/2`` every contest is a fair coin except the Electoral College
(a 269-269 tie is lost, so the President says yes with probability 0.496), hence ``dG/dy_o`` is
the member's Banzhaf index for the President's own term and for every office in amendments.
Citizens of DC as a federal district vote only for President and Vice-President.
"""

from __future__ import annotations

import math
import typing
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..citizens import TwoTierBody, decisive_probability, passage_probability
from ..citizens.body import _marginals
from ..citizens.contests import _contest
from ..citizens.integration import _window
from ..core.errors import ResourceLimitError, SchemeError
from ..core.quadrature import integrate_over_t
from ..core.registry import Registry, Spec
from ..core.tables import Tabular
from ..games.compound import (
    All,
    Any,
    Body,
    CompoundGame,
    CompoundResult,
    PlayerClass,
    Threshold,
    class_marginals,
    compound_power,
)
from .alternatives import Federation, electoral_college_of, house_seats

__all__ = [
    "PROCESSES",
    "Process",
    "ProcessResult",
    "OfficePower",
    "StateCitizenPower",
    "build_process",
    "process_power",
]


@dataclass(frozen=True)
class Process:
    """A built process: the compound game of its offices and where the members come from."""

    kind: str
    game: CompoundGame
    fed: Federation
    seats: dict[str, int]
    vp_tiebreak: bool
    filibuster: bool

    @property
    def states(self) -> list[str]:
        return self.fed.states

    def office_of(self, label: str) -> str:
        if label == "President":
            return "president"
        if label == "VP":
            return "vice-president"
        if "-s" in label:
            return "senator"
        if "-" in label:
            return "representative"
        return "state"

    @property
    def offices(self) -> list[str]:
        seen: list[str] = []
        for label in self.game.labels:
            office = self.office_of(label)
            if office not in seen:
                seen.append(office)
        return seen


def _two_thirds(n: int) -> int:
    return math.ceil(2 * n / 3)


def _chambers(fed: Federation, seats: dict[str, int], senator_weight: int) -> tuple[Body, Body]:
    house = Body(
        "house",
        (1,) * sum(seats.values()),
        tuple(f"{c}-{i + 1}" for c in fed.states for i in range(seats[c])),
    )
    senators = tuple(f"{c}-s{i + 1}" for c in fed.states for i in range(2))
    senate = Body("senate", (senator_weight,) * len(senators), senators)
    return house, senate


def _lawmaking(fed: Federation, seats: dict[str, int], filibuster: bool, vp: bool) -> CompoundGame:
    weight = 2 if vp else 1
    house, senate = _chambers(fed, seats, weight)
    if vp:
        senate = Body("senate", senate.weights + (1,), senate.labels + ("VP",))
    n_house, n_senate = len(house.weights), 2 * len(fed.states)
    if filibuster:  # cloture: three-fifths of the senators (the Vice-President has no vote)
        senate_quota = weight * math.ceil(3 * n_senate / 5)
    elif vp:  # a majority of the senators, or half of them and the Vice-President
        senate_quota = n_senate + 1
    else:
        senate_quota = n_senate // 2 + 1
    signed = All(
        (
            Threshold("house", n_house // 2 + 1),
            Threshold("senate", senate_quota),
            Threshold("president", 1),
        )
    )
    override = All(
        (
            Threshold("house", _two_thirds(n_house)),
            Threshold("senate", weight * _two_thirds(n_senate)),
        )
    )
    president = Body("president", (1,), ("President",))
    return CompoundGame("lawmaking", (house, senate, president), Any((signed, override)))


def _amendment(fed: Federation, seats: dict[str, int], filibuster: bool, vp: bool) -> CompoundGame:
    if filibuster or vp:
        raise SchemeError("--filibuster and --vp-tiebreak apply to lawmaking, not to amendments")
    house, senate = _chambers(fed, seats, 1)
    states = Body("states", (1,) * len(fed.states), tuple(fed.states))
    rule = All(
        (
            Threshold("house", _two_thirds(len(house.weights))),
            Threshold("senate", _two_thirds(len(senate.weights))),
            Threshold("states", math.ceil(3 * len(fed.states) / 4)),
        )
    )
    return CompoundGame("amendment", (house, senate, states), rule)


@dataclass(frozen=True)
class ProcessSpec(Spec):
    build: Callable[[Federation, dict[str, int], bool, bool], CompoundGame] | None = None
    aliases: tuple[str, ...] = ()


PROCESSES: Registry[ProcessSpec] = Registry(
    "process",
    ProcessSpec(
        "lawmaking",
        "House and Senate majorities and the President, or two-thirds of both over a veto",
        _lawmaking,
        ("law",),
    ),
    ProcessSpec(
        "amendment",
        "two-thirds of both chambers, then three-quarters of the state legislatures",
        _amendment,
        ("article-v",),
    ),
)


#: the longest process computation started (seconds, by the measured cost of the House)
MAX_SECONDS = 120.0


def build_process(
    kind: str,
    fed: Federation,
    *,
    filibuster: bool = False,
    vp_tiebreak: bool = False,
    house_method: str | None = None,
    house_size: int | str | None = None,
) -> Process:
    """The process ``kind`` for the members of ``fed`` (House apportioned as asked)."""
    spec = PROCESSES.get(kind)
    if len(fed.states) < 2:
        raise SchemeError("a process needs at least two states")
    seats = house_seats(fed, house_method, house_size)
    representatives = sum(seats.values())
    # measured (docs/processes.md): about 2 s at 2,000 seats and 14 s at 5,000, growing with
    # the square of the House; refused before it starts past about two minutes
    seconds = 14.0 * (representatives / 5000) ** 2
    if seconds > MAX_SECONDS:
        raise ResourceLimitError(
            f"a process with a House of {representatives:,} seats would take about "
            f"{seconds / 60:.0f} min (limit {MAX_SECONDS / 60:.0f} min); choose a smaller House"
        )
    assert spec.build is not None
    game = spec.build(fed, seats, filibuster, vp_tiebreak)
    return Process(spec.id, game, fed, seats, vp_tiebreak, filibuster)


# --------------------------------------------------------------------------------------------
# Power
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class OfficePower:
    """One member of an office: Banzhaf (absolute, normalized over all members) and
    Shapley-Shubik in the process."""

    office: str
    count: int
    banzhaf: float
    banzhaf_normalized: float
    shapley_shubik: float


@dataclass(frozen=True)
class StateCitizenPower:
    """A state's citizens' power in the process, and its parts by office."""

    state: str
    population: int
    representatives: int
    citizen_banzhaf: float
    citizen_shapley_shubik: float
    banzhaf_by_office: dict[str, float]
    shapley_shubik_by_office: dict[str, float]


@dataclass(frozen=True, repr=False)
class ProcessResult(Tabular):
    process: Process
    members: CompoundResult
    offices: tuple[OfficePower, ...]
    states: tuple[StateCitizenPower, ...]
    total_citizens: int
    direct_banzhaf: float
    direct_shapley_shubik: float
    shapley_shubik_total: float
    quadrature_error: float

    def state_rows(self) -> list[dict[str, typing.Any]]:
        """One row per state (the JSON keys of ``votepower process``, without the split by
        office), the most powerful citizens first."""
        least = min(s.citizen_banzhaf for s in self.states if s.citizen_banzhaf > 0)
        return [
            {
                "state": s.state,
                "population": s.population,
                "representatives": s.representatives,
                "citizen_banzhaf": s.citizen_banzhaf,
                "citizen_banzhaf_vs_least": s.citizen_banzhaf / least,
                "citizen_banzhaf_vs_direct": s.citizen_banzhaf / self.direct_banzhaf,
                "citizen_shapley_shubik": s.citizen_shapley_shubik,
                "citizen_shapley_shubik_vs_direct": s.citizen_shapley_shubik
                / self.direct_shapley_shubik,
            }
            for s in self.ranked_states()
        ]

    def ranked_states(self) -> list[StateCitizenPower]:
        return sorted(self.states, key=lambda s: (-s.citizen_banzhaf, s.state))

    def office_rows(self) -> list[dict[str, typing.Any]]:
        """One row per office (the JSON ``offices``): one member's indices."""
        return [
            {
                "office": o.office,
                "count": o.count,
                "banzhaf": o.banzhaf,
                "banzhaf_normalized": o.banzhaf_normalized,
                "shapley_shubik": o.shapley_shubik,
            }
            for o in self.offices
        ]

    def _records(self) -> list[dict[str, typing.Any]]:
        return self.state_rows()

    def _describe(self) -> str:
        return (
            f"{self.process.kind}: per-citizen power in {len(self.states)} states through "
            f"{len(self.offices)} offices (.office_rows() for the members)"
        )


def _offices(process: Process, members: CompoundResult) -> tuple[OfficePower, ...]:
    out = []
    for office in process.offices:
        index = [i for i, lab in enumerate(members.labels) if process.office_of(lab) == office]
        i = index[0]
        out.append(
            OfficePower(
                office,
                len(index),
                float(members.banzhaf[i]),
                float(members.banzhaf_normalized[i]),
                float(members.shapley_shubik[i]),
            )
        )
    return tuple(out)


class _Tiers:
    """Office holders' yes probabilities and one citizen's effect on them, by state, at ``t``."""

    def __init__(self, process: Process) -> None:
        self.process = process
        fed = process.fed
        self.voters = {c: fed.people[c] for c in fed.people}
        self.district = {c: max(1, round(fed.people[c] / process.seats[c])) for c in process.states}
        self.ec_width = math.inf
        if "president" in process.offices:  # elected through the Electoral College
            self.ec: TwoTierBody = electoral_college_of(fed, process.seats)  # follows the House
            self.ec_index = {b.label: i for i, b in enumerate(self.ec.blocks)}
            smallest = min(b.smallest_contest for b in self.ec.blocks)
            low, high, self.ec_width = _window(self.ec, min(0.5, math.sqrt(20.0 / smallest)))
            self.ec_range = (0.5 + low, 0.5 + high)  # outside, the Electoral College is decided

    def electorate(self, code: str, office: str) -> int:
        """How many citizens of ``code`` vote, as modelled, in the contests that choose
        ``office``'s members (House districts are of equal, rounded size)."""
        if office == "representative":
            return self.process.seats.get(code, 0) * self.district.get(code, 0)
        if office in ("president", "vice-president"):
            return self.ec.blocks[self.ec_index[code]].citizens
        return self.voters[code] if code in self.process.seats else 0

    def marginals(self, t: np.ndarray) -> dict[str, np.ndarray]:
        """``dP(pass)/dx_c`` for a citizen of each state (and DC) at each ``t``, and the
        contributions by office: ``{state: (nodes, offices)}``."""
        process = self.process
        game = process.game
        states = process.states
        statewide = {c: _contest(self.voters[c], t) for c in self.voters}
        districts = {c: _contest(self.district[c], t) for c in states}
        needs_ec = "president" in process.offices
        if needs_ec:
            inside = (t >= self.ec_range[0]) & (t <= self.ec_range[1])
            ec_yes = (t > 0.5).astype(float)
            ec_effect = np.zeros((t.size, len(self.ec.blocks) + len(self.ec.extra)))
            if inside.any():
                ec_yes[inside] = passage_probability(self.ec, t[inside])
                ec_effect[inside] = _marginals(self.ec, t[inside])
        classes: dict[str, list[PlayerClass]] = {}
        for body in game.bodies:
            if body.name == "house":
                classes["house"] = [
                    PlayerClass(1, process.seats[c], districts[c][0]) for c in states
                ]
            elif body.name == "senate":
                weight = body.weights[0]
                classes["senate"] = [PlayerClass(weight, 2, statewide[c][0]) for c in states]
                if process.vp_tiebreak:
                    classes["senate"].append(PlayerClass(1, 1, ec_yes))
            elif body.name == "states":
                classes["states"] = [PlayerClass(1, 1, statewide[c][0]) for c in states]
            else:
                classes["president"] = [PlayerClass(1, 1, ec_yes)]
        member = class_marginals(game, classes)
        offices = process.offices
        out = {}
        for code in self.voters:
            parts = np.zeros((t.size, len(offices)))
            if code in states:
                i = states.index(code)
                effect = statewide[code][2]
                if "house" in member:
                    parts[:, offices.index("representative")] = (
                        member["house"][:, i] * districts[code][2]
                    )
                if "senate" in member:
                    parts[:, offices.index("senator")] = 2.0 * member["senate"][:, i] * effect
                if "states" in member:
                    parts[:, offices.index("state")] = member["states"][:, i] * effect
            if needs_ec:
                ec_mine = ec_effect[:, self.ec_index[code]]
                parts[:, offices.index("president")] = member["president"][:, 0] * ec_mine
                if process.vp_tiebreak:
                    parts[:, offices.index("vice-president")] = member["senate"][:, -1] * ec_mine
            out[code] = parts
        return out


def _integrate(tiers: _Tiers, rtol: float) -> tuple[dict[str, np.ndarray], float]:
    """``integral_0^1 dP/dx_c dt`` per state, by office
    (:func:`~votepower.core.quadrature.integrate_over_t`). For census-size electorates the
    integrand is a sum of bumps centred at 1/2, from the width of the largest electorate (or
    the Electoral College's balance width) to that of the smallest; for tiny ones it is a
    polynomial of degree below the number of ballots, integrated exactly."""
    codes = list(tiers.voters)
    offices = tiers.process.offices
    # a citizen casts a ballot for each of her two senators, and one for each other office
    ballots = [
        tiers.electorate(c, o) * (2 if o == "senator" else 1) for c in codes for o in offices
    ]
    sizes = list(tiers.voters.values()) + list(tiers.district.values())

    def integrand(t: np.ndarray) -> np.ndarray:
        parts = tiers.marginals(t)
        return np.concatenate([parts[c] for c in codes], axis=1)

    values, error = integrate_over_t(
        integrand,
        ballots=sum(ballots),
        smallest=min(sizes),
        largest=max(sizes),
        rtol=rtol,
        window=lambda half_width: (half_width, tiers.ec_width),
        step=0.3,  # the two-thirds and three-quarters thresholds sit off 1/2: start finer
    )
    values = values.reshape(len(codes), -1)
    return {c: values[i] for i, c in enumerate(codes)}, error


def process_power(
    process: Process, *, shapley_shubik_values: bool = True, rtol: float = 1e-8
) -> ProcessResult:
    """Members' indices by office and every state's citizens' power in the process.

    ``shapley_shubik_total`` checks the chain rule: the sum over every office and every
    citizen voting for it of her Shapley-Shubik value through that office, which is 1 in
    theory. It counts the voters of each contest as modelled: ``seats`` districts of
    ``round(population / seats)`` voters for the House (and for Maine's and Nebraska's
    electors), so it is exact even though those voters differ from the state's population by
    the rounding, which the per-citizen figures of the state share."""
    members = compound_power(process.game)
    tiers = _Tiers(process)
    at_half = tiers.marginals(np.array([0.5]))
    offices = process.offices
    if shapley_shubik_values:
        ss, error = _integrate(tiers, rtol)
    else:
        ss, error = {c: np.full(len(offices), math.nan) for c in tiers.voters}, math.nan
    states = []
    total_ss = 0.0
    for code in tiers.voters:
        parts = at_half[code][0]
        states.append(
            StateCitizenPower(
                state=code,
                population=tiers.voters[code],
                representatives=process.seats.get(code, 0),
                citizen_banzhaf=float(parts.sum()),
                citizen_shapley_shubik=float(ss[code].sum()),
                banzhaf_by_office={o: float(parts[k]) for k, o in enumerate(offices)},
                shapley_shubik_by_office={o: float(ss[code][k]) for k, o in enumerate(offices)},
            )
        )
        total_ss += sum(
            tiers.electorate(code, o) * float(ss[code][k]) for k, o in enumerate(offices)
        )
    citizens = sum(tiers.voters.values())
    return ProcessResult(
        process=process,
        members=members,
        offices=_offices(process, members),
        states=tuple(states),
        total_citizens=citizens,
        direct_banzhaf=decisive_probability(citizens),
        direct_shapley_shubik=1.0 / citizens,
        shapley_shubik_total=total_ss,
        quadrature_error=error,
    )
