"""The inverse problem: the weights and quota of a chamber that make every citizen's power equal.

Members' delegations vote as blocs in a weighted chamber; a citizen of member ``b`` (``N_b``
citizens) has Banzhaf power ``P(decisive among N_b) x beta_b(w, q)``, where ``beta_b`` is the
member's absolute Banzhaf index in ``[q; w]`` (docs/citizen-power.md). Equal power needs
``beta_b`` proportional to ``1 / P(decisive among N_b)``, about ``sqrt(N_b)``: Penrose's
square-root rule, whose weights work best with the quota of Słomczyński and Życzkowski,
``q = (W + sqrt(sum w^2)) / 2``. Integer weights under a bound on their total only approximate it;
:func:`design` searches for better ones:

1. **baseline**: the square-root weights, scaled to the largest that fit the bound and rounded,
   with the optimal quota (the ``ec-square-root`` construction);
2. **quota**: when it is free, a coarse-to-fine scan around the optimal quota;
3. **proportional correction**: each member's weight times (mean power / its power), damped,
   rescaled and rounded, the quota rescanned, for as long as it improves;
4. **integer local search**: the most and least powerful members' weights one up or down,
   singly or traded, and the quota one or two either way; the best improving move is taken
   until none improves;
5. for small unions, an **exhaustive search** over all weight vectors up to a bound and every
   quota.

Every step is deterministic; the search stops at the target ratio, when no move improves, or at
its work budget or iteration limit, and says which (a wall-clock safety net fails with an error
instead of answering differently). Modules: ``model`` (the result), ``evaluate`` (per-citizen
power of a candidate), ``search`` (the stages), ``exhaustive`` (small unions), ``frontier``
(the trade-off and the scenario file), ``rule`` (double majorities). Equality is measured by
the max/min ratio of per-citizen power (ties broken by the population-weighted Gini).
"""

from __future__ import annotations

from .evaluate import optimal_quota, power_to_act, square_root_weights
from .frontier import FRONTIER_SHARES, frontier, rounding_floor, rule_scenario_text, scenario_text
from .model import (
    DEFAULT_EVALUATIONS,
    DESIGN_INDICES,
    MAX_TOTAL_WEIGHT,
    Design,
    DesignError,
)
from .search import design

__all__ = [
    "Design",
    "DesignError",
    "design",
    "frontier",
    "rounding_floor",
    "scenario_text",
    "rule_scenario_text",
    "square_root_weights",
    "optimal_quota",
    "power_to_act",
    "DESIGN_INDICES",
    "MAX_TOTAL_WEIGHT",
    "DEFAULT_EVALUATIONS",
    "FRONTIER_SHARES",
]
