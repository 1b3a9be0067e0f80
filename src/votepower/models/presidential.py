"""The empirical model for US presidential elections: bases and turnouts from the packaged
results, the swing parameters estimated from their history, and per state the probability that
one voter decides the election under any Electoral College scheme or the national popular vote.

Units come from a scheme's body: a state casting its electors as a bloc is one unit, a state
splitting them proportionally is one proportional unit, and a state electing by district
(Maine and Nebraska today; every state under ``ec-district``) is an at-large unit plus one
unit per district. District baselines exist for 2024 (the vote by congressional district); for
other elections a district's lean relative to its state in 2024 is applied to that election's
state share, and said so in the result's notes.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass, field
from typing import Any

from scipy import special

from ..citizens import Bloc, Proportional, Split, TwoTierBody
from ..citizens.logpower import UNDERFLOW, log_sum
from ..core.errors import AccuracyError, DataError, InvalidGameError, SchemeError
from ..core.tables import Tabular
from ..us import datasets
from .empirical import Electorate, Swing, Unit, decisiveness
from .outcomes import inversion_probability

__all__ = [
    "LEANS",
    "history_swing",
    "EmpiricalParameters",
    "StateDecisiveness",
    "EmpiricalSchemeResult",
    "empirical_power",
    "popular_vote_power",
]

#: ``election``: bases from the election(s); ``none``: every base 1/2, turnouts from the
#: population basis (correlation alone)
LEANS = ("election", "none")
#: the inversion probability's randomized quasi-Monte Carlo: Sobol' points per random shift,
#: and shifts (seeded)
INVERSION_POINTS = 1024
INVERSION_REPLICATES = 8
#: what the notes say about it
INVERSION_METHOD = (
    f"{INVERSION_REPLICATES} seeded random shifts of {INVERSION_POINTS:,} Sobol' points of the "
    "states' own swings, the national swing exact for each"
)


@functools.cache
def history_swing() -> tuple[float, float, float, str]:
    """``(shift, national_sd, state_sd, how)`` estimated from the packaged elections 1976-2024.

    ``national_sd``: root mean square of the 12 changes of the national two-party Democratic
    share between consecutive elections. ``state_sd``: root mean square of the changes of each
    state's share relative to the nation (612 state-elections). ``shift``: 0 (the mean national
    change, -0.15 points, is far inside its standard error of 1.2 points).

    >>> shift, national, state, _ = history_swing()
    >>> shift, round(national, 4), round(state, 4)
    (0.0, 0.0408, 0.0337)
    """
    years = datasets.election_years()
    national = {}
    relative = {}
    for year in years:
        results = datasets.election_results(year)
        dem = sum(r.dem_votes for r in results.values())
        both = sum(r.two_party_votes for r in results.values())
        national[year] = dem / both
        relative[year] = {c: r.dem_share - national[year] for c, r in results.items()}
    swings = [national[b] - national[a] for a, b in zip(years[:-1], years[1:], strict=True)]
    moves = [
        relative[b][c] - relative[a][c]
        for a, b in zip(years[:-1], years[1:], strict=True)
        for c in relative[b]
    ]
    national_sd = math.sqrt(sum(s * s for s in swings) / len(swings))
    state_sd = math.sqrt(sum(m * m for m in moves) / len(moves))
    how = (
        f"estimated from the elections {years[0]}-{years[-1]}: national_sd = RMS of the "
        f"{len(swings)} national two-party swings, state_sd = RMS of the {len(moves)} "
        "state swings relative to the nation, shift = 0"
    )
    return 0.0, national_sd, state_sd, how


@dataclass(frozen=True)
class EmpiricalParameters:
    """The model's inputs: base election(s) (several are averaged with equal weights, share by
    share and turnout by turnout), the swing, and whether the units lean as they voted."""

    elections: tuple[int, ...] = (2024,)
    shift: float | None = None
    national_sd: float | None = None
    state_sd: float | None = None
    lean: str = "election"
    estimated: tuple[str, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if not self.elections:
            raise InvalidGameError("name at least one base election")
        known = datasets.election_years()
        for year in self.elections:
            if year not in known:
                raise DataError(
                    f"no presidential results for {year} (available: {known[0]}-{known[-1]}, "
                    "every four years)"
                )
        if self.lean not in LEANS:
            raise InvalidGameError(f"lean must be one of {', '.join(LEANS)}")

    def resolved(self) -> EmpiricalParameters:
        """The same with every unset parameter estimated from history (and said which)."""
        shift, national, state, _ = history_swing()
        estimated = tuple(
            name
            for name, value in (
                ("shift", self.shift),
                ("national_sd", self.national_sd),
                ("state_sd", self.state_sd),
            )
            if value is None
        )
        return EmpiricalParameters(
            self.elections,
            shift if self.shift is None else self.shift,
            national if self.national_sd is None else self.national_sd,
            state if self.state_sd is None else self.state_sd,
            self.lean,
            estimated,
        )

    @property
    def swing(self) -> Swing:
        p = self.resolved() if None in (self.shift, self.national_sd, self.state_sd) else self
        assert p.shift is not None and p.national_sd is not None and p.state_sd is not None
        return Swing(p.shift, p.national_sd, p.state_sd)

    def describe(self) -> str:
        years = ", ".join(str(y) for y in self.elections)
        base = "averaged " if len(self.elections) > 1 else ""
        lean = (
            f"bases from the {base}election {years}"
            if self.lean == "election"
            else ("no lean (every base 1/2, turnout from the population basis)")
        )
        sw = self.swing
        return (
            f"empirical model: {lean}; shift {sw.shift:+.4f}, national_sd {sw.national_sd:.4f}, "
            f"state_sd {sw.state_sd:.4f}"
        )


@dataclass(frozen=True)
class StateDecisiveness:
    """One state's voters under the empirical model (averaged over its districts' voters)."""

    state: str
    electoral_votes: int
    voters: int
    p_decisive: float
    relative_to_popular_vote: float
    error: float
    tipping_point: float | None
    log10_p_decisive: float | None = None
    """``log10(p_decisive)`` where that lies below the floats' range (1e-280), computed in
    logarithms; ``-inf``: the state's voters can never decide; NaN: below the range and not
    resolved (the integral over the national swing in logarithms past its work bound)."""

    @property
    def log10(self) -> float:
        """``log10(p_decisive)``: ``-inf`` for never, NaN when below the range unresolved."""
        if self.p_decisive >= UNDERFLOW:
            return math.log10(self.p_decisive)
        if self.log10_p_decisive is not None:
            return self.log10_p_decisive
        return -math.inf if self.p_decisive == 0 else math.log10(self.p_decisive)

    @property
    def one_in(self) -> float:
        return 1.0 / self.p_decisive if self.p_decisive > 0 else math.inf


@dataclass(frozen=True, repr=False)
class EmpiricalSchemeResult(Tabular):
    """A scheme under the empirical model."""

    name: str
    parameters: EmpiricalParameters
    states: tuple[StateDecisiveness, ...]
    popular_vote_p_decisive: float
    win_probability: float
    expected_electoral_votes: float | None
    tie_probability: float | None
    inversion_probability: float | None
    inversion_standard_error: float | None
    tipping_error: float | None
    national: bool
    notes: tuple[str, ...] = ()
    quota_note: str | None = None
    """When the scheme's quota is not a majority of electoral weight: what decides instead."""

    def __getitem__(self, state: str) -> StateDecisiveness:
        for s in self.states:
            if s.state == state:
                return s
        raise KeyError(state)

    def rows(self) -> list[dict[str, Any]]:
        """One row per state (the JSON keys of ``votepower states --model empirical``), the
        likeliest decisive voters first. Below the floats' range (1e-280) ``p_decisive``,
        ``one_in`` and ``relative_to_popular_vote`` are ``None`` and their ``_log10`` fields
        hold them (``None`` there too when not resolved; a state whose voters never decide
        has ``p_decisive`` 0)."""
        popular = math.log10(self.popular_vote_p_decisive)
        out = []
        for s in sorted(self.states, key=lambda s: (-_order(s.log10), s.state)):
            lg = s.log10
            fits = s.p_decisive >= UNDERFLOW
            known = math.isfinite(lg)
            out.append(
                {
                    "state": s.state,
                    "electoral_votes": None if self.national else s.electoral_votes,
                    "voters": s.voters,
                    "p_decisive": s.p_decisive if fits or lg == -math.inf else None,
                    "p_decisive_log10": lg if known else None,
                    "one_in": s.one_in if fits else None,
                    "one_in_log10": -lg if known else None,
                    "relative_to_popular_vote": s.relative_to_popular_vote if fits else None,
                    "relative_to_popular_vote_log10": lg - popular if known else None,
                    "tipping_point": s.tipping_point,
                    "error": s.error,
                }
            )
        return out

    def _records(self) -> list[dict[str, Any]]:
        return self.rows()

    def _describe(self) -> str:
        return (
            f"{self.name} under the empirical model: P(one voter decides) in "
            f"{len(self.states)} states, Democratic win probability {self.win_probability:.3f}"
        )


def _order(log10: float) -> float:
    """A sort key for log10 values: an unresolved one (NaN) after every resolved positive one
    and before never (-inf)."""
    return -1e300 if math.isnan(log10) else log10


# --------------------------------------------------------------------------------------------
# Bases and turnouts
# --------------------------------------------------------------------------------------------
@functools.cache
def _averaged(elections: tuple[int, ...]) -> dict[str, tuple[float, float]]:
    """Per state ``(base share, two-party turnout)``, averaged over the elections (cached:
    every scheme of a comparison and its popular vote read the same; never modified)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for year in elections:
        for code, r in datasets.election_results(year).items():
            out.setdefault(code, []).append((r.dem_share, float(r.two_party_votes)))
    return {
        c: (sum(b for b, _ in v) / len(v), sum(n for _, n in v) / len(v))
        for c, v in out.items()
        if len(v) == len(elections)
    }


@functools.cache
def _districts_2024() -> dict[str, list[datasets.ElectionResult]]:
    """The 2024 district results grouped by state (read once: every district scheme asks)."""
    out: dict[str, list[datasets.ElectionResult]] = {}
    for d in datasets.district_results(2024).values():
        out.setdefault(d.code, []).append(d)
    return out


def _districts_of(code: str, count: int, state: tuple[float, float]) -> list:
    """``[(label, base, turnout)]`` for a state's districts, from the 2024 district vote: the
    2024 districts' leans and turnout shares applied to the state's base and turnout."""
    districts = _districts_2024().get(code, [])
    if len(districts) != count:
        raise SchemeError(
            f"{code} elects {count} electors by district here, but district results exist only "
            f"for its {len(districts)} districts of the 2024 election (the 2020 census)"
        )
    results = datasets.election_results(2024)[code]
    base, turnout = state
    out = []
    for i, d in enumerate(sorted(districts, key=lambda d: d.unit), start=1):
        lean = d.dem_share - results.dem_share
        share = d.two_party_votes / sum(x.two_party_votes for x in districts)
        out.append((f"{code}-{i}", min(max(base + lean, 1e-6), 1 - 1e-6), share * turnout))
    return out


def _electorate(body: TwoTierBody, params: EmpiricalParameters):
    """The units of a body (an Electoral College scheme), each state's voter groups (unit
    indices a voter votes in, and how many voters), and each unit's popular-vote weight."""
    data = _averaged(params.elections) if params.lean == "election" else {}
    units: list[Unit] = []
    groups: dict[str, list[tuple[tuple[int, ...], float]]] = {}
    popular: list[float] = []
    notes: list[str] = []

    def base_of(code: str, voters: int) -> tuple[float, float]:
        if params.lean == "none":
            return 0.5, float(voters)
        if code not in data:
            raise SchemeError(
                f"no presidential vote for {code} in {', '.join(map(str, params.elections))}: "
                "the empirical model needs a base election for every member"
            )
        return data[code]

    for block in body.blocks:
        code = block.label
        if isinstance(block, Split):
            base, turnout = base_of(code, block.citizens)
            at_large = len(units)
            units.append(Unit(code, block.at_large, base, max(1, round(turnout))))
            popular.append(turnout)
            if params.lean == "none":
                parts = [
                    (f"{code}-{i}", 0.5, float(block.voters_per_district))
                    for i in range(1, block.districts + 1)
                ]
            else:
                parts = _districts_of(code, block.districts, (base, turnout))
            groups[code] = []
            for label, b, n in parts:
                groups[code].append(((at_large, len(units)), n))
                units.append(Unit(label, 1, b, max(1, round(n))))
                popular.append(0.0)
            if params.lean == "election" and params.elections != (2024,):
                notes.append(
                    f"{code}'s districts: their 2024 leans relative to {code} applied to the "
                    "base election's state share (district results exist for 2024 only)"
                )
        elif isinstance(block, Proportional):
            base, turnout = base_of(code, block.voters)
            groups[code] = [((len(units),), turnout)]
            units.append(Unit(code, block.seats, base, max(1, round(turnout)), True))
            popular.append(turnout)
        elif isinstance(block, Bloc):
            base, turnout = base_of(code, block.voters)
            groups[code] = [((len(units),), turnout)]
            units.append(Unit(code, block.seats, base, max(1, round(turnout))))
            popular.append(turnout)
        else:
            raise SchemeError(
                f"{body.name}: the empirical model is a model of presidential elections; a "
                f"{type(block).__name__.lower()} block ({code}) has no presidential vote"
            )
    if body.extra:
        raise SchemeError(f"{body.name}: the empirical model has no tie-breaking extra vote")
    # an election between two candidates: the one with more electoral weight wins. A quota
    # above a majority (square-root weights' optimal quota, a scenario's "quota = 55%") is a
    # council's rule for passing a measure; in an election it would leave many counts to no one
    majority = sum(u.electors for u in units) // 2 + 1
    electorate = Electorate(body.name, tuple(units), majority)
    return electorate, groups, popular, notes


def _quota_note(quota: int, total: int) -> str:
    return (
        f"the scheme's quota ({quota:,} of {total:,}) is a rule for passing a measure; in a "
        "two-candidate election the candidate with more electoral weight wins "
        f"({total // 2 + 1:,}, a tie by a fair coin)"
    )


def popular_vote_power(popular: dict[str, float], params: EmpiricalParameters) -> tuple:
    """The national popular vote: ``(p_decisive per voter, Democratic win probability)``.

    The national share ``V = sum n_u v_u / N`` is normal: mean ``sum n_u b_u / N + shift``,
    variance ``national_sd^2 + state_sd^2 sum n_u^2 / N^2``; a voter decides with the density of
    ``V`` at 1/2 divided by ``N``.
    """
    sw = params.swing
    data = _averaged(params.elections) if params.lean == "election" else {}
    total = sum(popular.values())
    weights = {c: n / total for c, n in popular.items()}
    mean = sw.shift + sum(
        w * (data[c][0] if params.lean == "election" else 0.5) for c, w in weights.items()
    )
    sd = math.sqrt(sw.national_sd**2 + sw.state_sd**2 * sum(w * w for w in weights.values()))
    z = (0.5 - mean) / sd
    density = math.exp(-0.5 * z * z) / (sd * math.sqrt(2.0 * math.pi))
    if density / total == 0.0:  # positive, but below the smallest float: refused, not 0
        log10 = (-0.5 * z * z - math.log(sd * math.sqrt(2.0 * math.pi) * total)) / math.log(10)
        raise AccuracyError(
            f"the probability that one voter decides the popular vote is about 1e{log10:.0f} "
            f"(the expected share is {abs(z):.0f} standard deviations from a tie), below the "
            "smallest floating-point number: it cannot be compared or shown"
        )
    return density / total, float(special.ndtr(-z))


def empirical_power(
    body: TwoTierBody | None,
    params: EmpiricalParameters,
    *,
    national: bool = False,
    people: dict[str, int] | None = None,
) -> EmpiricalSchemeResult:
    """Per state the probability that one voter decides the election under ``body`` (an
    Electoral College scheme), or under the national popular vote when ``national`` (then
    ``people``, the members and their populations, says who votes)."""
    params = params.resolved()
    if national:
        if people is None:
            raise InvalidGameError("the national popular vote needs the members (people)")
        return _national(params, people)
    if body is None:
        raise InvalidGameError("an Electoral College scheme needs its body")
    electorate, groups, popular, notes = _electorate(body, params)
    quota_note = (
        None if body.quota == electorate.quota else _quota_note(body.quota, electorate.total)
    )
    if quota_note is not None:
        notes.append(quota_note)
    swing = params.swing
    result = decisiveness(electorate, swing, tipping=True)
    assert result.tipping is not None and result.tipping_error is not None
    tipping, tipping_error = result.tipping, result.tipping_error
    inversion, inversion_se = inversion_probability(
        electorate, swing, popular, points=INVERSION_POINTS, replicates=INVERSION_REPLICATES
    )
    state_popular = {code: sum(n for _, n in members) for code, members in groups.items()}
    npv, _ = popular_vote_power(state_popular, params)
    states = []
    for code, members in groups.items():
        voters = sum(n for _, n in members)
        p = sum(n * sum(result.p_decisive[i] for i in idx) for idx, n in members) / voters
        indices = sorted({i for idx, _ in members for i in idx})
        err = max(result.errors[i] for i in indices)
        tips = [tipping[i] for i in indices]
        tip = None if any(t is None for t in tips) else float(sum(t for t in tips if t))
        electors = sum(electorate.units[i].electors for i in indices)
        log10_p = None
        if p < UNDERFLOW and result.log_p_decisive is not None:
            terms = [math.log(n) + result.log_p_decisive[i] for idx, n in members for i in idx]
            log10_p = (log_sum(terms) - math.log(voters)) / math.log(10.0)
        states.append(
            StateDecisiveness(code, electors, round(voters), p, p / npv, err, tip, log10_p)
        )
    if any(u.proportional for u in electorate.units):
        notes.append("proportional electors: no tipping point (no order of whole states)")
    notes.append(
        f"inversion probability: {INVERSION_METHOD} (randomized quasi-Monte Carlo, with its "
        "standard error); everything else exact up to the stated quadrature accuracy"
    )
    notes.append(
        "a tie of electoral weight (269-269) is decided by a fair coin; the House contingent "
        "election is not modelled"
    )
    return EmpiricalSchemeResult(
        name=body.name,
        parameters=params,
        states=tuple(states),
        popular_vote_p_decisive=npv,
        win_probability=result.win_probability,
        expected_electoral_votes=result.expected_electoral_votes,
        tie_probability=result.tie_probability,
        inversion_probability=inversion,
        inversion_standard_error=inversion_se,
        tipping_error=tipping_error,
        national=False,
        notes=tuple(notes),
        quota_note=quota_note,
    )


def _national(params: EmpiricalParameters, people: dict[str, int]) -> EmpiricalSchemeResult:
    if params.lean == "election":
        data = _averaged(params.elections)
        missing = [c for c in people if c not in data]
        if missing:
            raise SchemeError(
                f"no presidential vote for {', '.join(missing)} in the base election: the "
                "empirical model needs one for every member"
            )
        popular = {c: data[c][1] for c in people}
    else:
        popular = {c: float(n) for c, n in people.items()}
    p, win = popular_vote_power(popular, params)
    states = tuple(StateDecisiveness(c, 0, round(n), p, 1.0, 0.0, None) for c, n in popular.items())
    return EmpiricalSchemeResult(
        name="National popular vote",
        parameters=params,
        states=states,
        popular_vote_p_decisive=p,
        win_probability=win,
        expected_electoral_votes=None,
        tie_probability=None,
        inversion_probability=0.0,
        inversion_standard_error=0.0,
        tipping_error=None,
        national=True,
        notes=("one national vote: every voter has the same probability; no inversion",),
    )
