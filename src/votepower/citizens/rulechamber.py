"""Per-citizen power in a chamber whose members' delegations vote as blocs under a
multi-criteria rule ("a majority of the states holding a majority of the people").

The model is the bloc model of :mod:`votepower.citizens` with a multi-criteria upper tier:
each member's citizens vote by simple majority, the member's delegation votes as a bloc, and a
measure passes when the rule holds for the members voting yes. Under coin-flip voting every
member votes yes with probability 1/2, independently, so a citizen of member ``b`` decides the
measure exactly when she decides her member's vote and her member decides the chamber's:

    citizen Banzhaf of b = P(decisive in a contest of N_b voters) x Banzhaf(b in the chamber)

the multilinear extension of the chamber's game at 1/2 (Owen), as for every other body. The
chamber's Banzhaf indices are exact (the win table) for unions of up to 30 members; past that
they are estimated from seeded random coalitions until every member's standard error is within
:data:`MC_RTOL` of its estimate (or refused). The Shapley-Shubik index per citizen needs the
chamber's multilinear extension at unequal probabilities, member by member along the
integral; it is not computed for rule chambers. A rule that reads only small criteria (members,
seats) is exact at any size, by the programme over their totals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..core.errors import CitizenModelError, ResourceLimitError
from ..games.multigame import MultiCriteriaGame
from .contests import decisive_probability
from .results import BlockPower, CitizenPowerResult

__all__ = ["RuleChamber", "rule_citizen_power", "MC_RTOL"]

#: the relative standard error every member's sampled chamber index must reach
MC_RTOL = 0.005
#: sampling starts with this many coalitions and doubles up to the cap
MC_START = 2**18
MC_CAP = 2**22


@dataclass(frozen=True)
class RuleChamber:
    """Members' delegations voting as blocs under the multi-criteria rule of ``game`` (its
    players are the members); ``citizens[i]`` vote for member ``i``'s delegation, of
    ``seats[i]`` seats."""

    name: str
    game: MultiCriteriaGame
    citizens: tuple[int, ...]
    seats: tuple[int, ...]

    def __post_init__(self) -> None:
        if not (len(self.citizens) == len(self.seats) == self.game.n):
            raise CitizenModelError("a rule chamber needs citizens and seats for every member")
        if any(c < 1 for c in self.citizens):
            raise CitizenModelError("every member of a rule chamber needs citizens")


def rule_citizen_power(
    chamber: RuleChamber, *, shapley_shubik_values: bool = True, seed: int = 0
) -> CitizenPowerResult:
    """Banzhaf power of every member and of one of its citizens (see the module).

    >>> from votepower.games.multigame import MultiCriteriaGame
    >>> game = MultiCriteriaGame({"population": [9, 5, 3]}, "members >= 2 and population >= 60%",
    ...                          labels=["A", "B", "C"])
    >>> r = rule_citizen_power(RuleChamber("toy", game, (9, 5, 3), (2, 2, 2)),
    ...                        shapley_shubik_values=False)
    >>> [(b.label, b.banzhaf, round(b.citizen_banzhaf, 6)) for b in r.blocks]
    [('A', 0.75, 0.205078), ('B', 0.25, 0.09375), ('C', 0.25, 0.125)]
    """
    if shapley_shubik_values:
        raise CitizenModelError(
            f"{chamber.name}: the Shapley-Shubik index per citizen is not available for a "
            "chamber with a multi-criteria rule (it needs the rule's multilinear extension at "
            "unequal probabilities); use the Banzhaf index"
        )
    from ..games.power.classic import default_method, power_index
    from ..games.power.wintable import MAX_PLAYERS

    game = chamber.game
    if game.n <= MAX_PLAYERS or default_method(game, "banzhaf") == "generating-function":
        bz = power_index(game, "banzhaf", exact=True)  # exact: the table or the programme
        ss = power_index(game, "shapley-shubik", exact=True)
        absolute = [float(x) for x in bz.absolute]
        normalized = [float(x) for x in bz.normalized]
        member_ss = [float(x) for x in ss.values]
        accuracy = 0.0
    else:
        absolute, accuracy = _sampled(game, seed)
        total = sum(absolute)
        normalized = [x / total for x in absolute]
        member_ss = [math.nan] * game.n
    blocks = tuple(
        BlockPower(
            label=label,
            citizens=people,
            weight=seats,
            banzhaf=absolute[i],
            banzhaf_normalized=normalized[i],
            shapley_shubik=member_ss[i],
            citizen_banzhaf=decisive_probability(people) * absolute[i],
            citizen_shapley_shubik=math.nan,
        )
        for i, (label, people, seats) in enumerate(
            zip(game.labels, chamber.citizens, chamber.seats, strict=True)
        )
    )
    total_citizens = sum(chamber.citizens)
    return CitizenPowerResult(
        body=chamber.name,
        blocks=blocks,
        total_citizens=total_citizens,
        direct_banzhaf=decisive_probability(total_citizens),
        direct_shapley_shubik=1.0 / total_citizens,
        shapley_shubik_total=math.nan,
        quadrature_error=accuracy,
    )


def _sampled(game: MultiCriteriaGame, seed: int) -> tuple[list[float], float]:
    """The chamber's absolute Banzhaf indices from random coalitions, doubled until every
    member's standard error is within :data:`MC_RTOL` of its estimate; the worst relative
    standard error reached."""
    from ..games.power.classic import power_index

    samples = MC_START
    while True:
        result = power_index(game, "banzhaf", method="monte-carlo", samples=samples, seed=seed)
        assert result.standard_errors is not None
        values = [float(v) for v in result.absolute]
        worst = max(
            (se / v if v > 0 else math.inf)
            for se, v in zip(result.standard_errors, values, strict=True)
        )
        if worst <= MC_RTOL:
            return values, worst
        if samples >= MC_CAP:
            raise ResourceLimitError(
                f"the chamber's Banzhaf indices from {samples:,} random coalitions are known "
                f"only to {worst:.1%} (the model needs {MC_RTOL:.1%}); some member almost "
                "never decides: narrow the union (30 members or fewer are computed exactly)"
            )
        samples *= 2
