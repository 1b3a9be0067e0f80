"""Per-citizen power in two-tier voting.

The model (stated in full in ``docs/citizen-power.md``):

* **Tier 1.** The citizens of a block (a state) elect its seats in one or more *contests*, each
  decided by simple majority of the citizens voting in it: "yes" wins a contest with ``n`` voters
  when more than ``n/2`` vote yes; an exact tie (possible only for even ``n``) is decided by a fair
  coin. The rule treats yes and no alike, so at ``t = 1/2`` every contest is a fair coin and a
  citizen's Banzhaf power is exactly her unit's Banzhaf index times her chance of deciding it.
* **Tier 2.** The body passes a measure iff the total weight of the seats voting yes reaches its
  quota (a weighted game).
* **Banzhaf** (coin-flip voting): every citizen votes yes or no with probability 1/2,
  independently. A citizen's power is the probability that changing her vote changes the body's
  decision.
* **Shapley-Shubik** (random orderings): the composite game's Shapley value, computed through
  its multilinear extension ``F``: ``phi_c = integral_0^1 dF/dx_c(t, ..., t) dt`` (Owen 1975).

At every ``t`` each block contributes a random weight ``X_b`` to the yes side, independently of
the other blocks; a citizen's marginal effect is ``sum_x Delta_b(x) P(R_{-b} >= q - x)``, where
``Delta_b(x) = P(X_b = x | her yes) - P(X_b = x | her no)`` and ``R_{-b}`` is the yes weight of the
other blocks. Block kinds:

* :class:`Bloc` -- one contest elects all the block's weight (a state's electors or its two
  senators voting together);
* :class:`Districts` -- single-member districts of equal size, each citizen in one;
* :class:`IndependentSeats` -- several seats, each elected in its own contest by all the block's
  citizens (each citizen casts one ballot per seat; her power is the sum over her ballots);
* :class:`Split` -- an at-large contest over the whole block plus district contests (Maine and
  Nebraska): a citizen votes in both, and the at-large and district results are modelled
  jointly, from the same citizens' votes.

Binomial probabilities are exact (regularized incomplete beta function and the binomial pmf, in
floating point); nothing is approximated by a normal law. The ``t``-integral
(:func:`~votepower.core.quadrature.integrate_over_t`) is exact for small electorates (Gauss-Legendre
with enough nodes for a polynomial of degree equal to the number of ballots) and, for
census-size electorates, a trapezoidal rule graded by ``t = 1/2 + a sinh(u)`` on the narrow
window around ``t = 1/2`` where the integrand lives (exponentially small outside, by Hoeffding's
inequality), halved until the estimated error is below ``rtol``. The Shapley-Shubik values of
all citizens sum to 1; the result reports that sum as a check.

The package, one concern per module: :mod:`.contests` (one majority contest),
:mod:`.blocks` and :mod:`.split` (what a state's citizens elect), :mod:`.body` (the weighted
vote of the blocks' seats), :mod:`.integration` (the ``t``-integral and :func:`citizen_power`),
:mod:`.results` and :mod:`.summary` (what is reported).
"""

from __future__ import annotations

from .blocks import Bloc, Block, Districts, IndependentSeats, Proportional, Taps
from .body import MAX_TOTAL_WEIGHT, MAX_VOTERS, TwoTierBody, passage_probability
from .contests import decisive_probability, decisive_probability_approx, majority
from .integration import citizen_power
from .results import BlockPower, CitizenPowerResult
from .rulechamber import RuleChamber, rule_citizen_power
from .split import Split
from .summary import (
    CITIZEN_INDICES,
    TIE_RTOL,
    Summary,
    citizen_index,
    summarize,
    weighted_gini,
)

__all__ = [
    "RuleChamber",
    "rule_citizen_power",
    "Block",
    "Bloc",
    "Districts",
    "IndependentSeats",
    "Split",
    "Proportional",
    "Taps",
    "TwoTierBody",
    "MAX_TOTAL_WEIGHT",
    "MAX_VOTERS",
    "passage_probability",
    "BlockPower",
    "CitizenPowerResult",
    "citizen_power",
    "majority",
    "decisive_probability",
    "decisive_probability_approx",
    "CITIZEN_INDICES",
    "TIE_RTOL",
    "Summary",
    "summarize",
    "citizen_index",
    "weighted_gini",
]
