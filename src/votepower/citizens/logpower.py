"""Per-citizen values below the floats' range, as logarithms.

Under proportional electors a citizen of a state with an even number of electors moves an
elector only when the state's count sits at a rounding threshold, a fixed share of the
electorate away from a tie: for California about 115 standard deviations, a probability near
``1e-2900``. The float computation gives 0 there, which is not the model's value. This module
computes its logarithm: at ``t = 1/2`` (Banzhaf) one citizen's value is
``sum_x b(k_x - 1; n - 1, 1/2) P(others' yes weight = q - x)`` over the block's elector counts
``x`` (``k_x`` the fewest yes votes for ``x`` electors), every term positive, so its logarithm
is a log-sum-exp of the binomial's logarithm (:func:`votepower.core.binomial.inner_log_pmf`) and
the others' law (which is not small at ``t = 1/2``).
"""

from __future__ import annotations

import math

import numpy as np

from ..core.binomial import inner_log_pmf
from .blocks import Proportional
from .body import TwoTierBody, _add, _evaluate_blocks, _extra_taps

__all__ = [
    "UNDERFLOW",
    "log10_citizen_banzhaf",
    "log10_citizen_banzhafs",
    "log_binomial_pmf",
    "log_sum",
]

#: per-citizen values below this are given as logarithms too (a float keeps its full relative
#: precision down to about 2e-308; below, it loses digits, and below 5e-324 it is 0)
UNDERFLOW = 1e-280


def log_binomial_pmf(k: int, n: int, p: float) -> float:
    """``log P(Bin(n, p) = k)`` (natural), finite for every ``0 <= k <= n`` and ``0 < p < 1``."""
    if not 0 <= k <= n:
        return -math.inf
    if k == 0:
        return n * math.log1p(-p)
    if k == n:
        return n * math.log(p)
    return float(inner_log_pmf(np.array(k), np.array(n), np.array(p)))


def log_sum(terms: list[float]) -> float:
    """``log(sum(exp(v) for v in terms))``, finite however small the terms: ``-inf`` for no
    terms or only ``-inf`` ones, NaN if any term is NaN (a value not known)."""
    if any(math.isnan(v) for v in terms):
        return math.nan
    live = [v for v in terms if v != -math.inf]
    if not live:
        return -math.inf
    top = max(live)
    return top + math.log(sum(math.exp(v - top) for v in live))


def log10_citizen_banzhaf(body: TwoTierBody, i: int) -> float:
    """``log10`` of one citizen's Banzhaf value in block ``i`` (a :class:`Proportional`
    block), exactly in the model up to the logarithm's rounding; ``-inf`` when it has none."""
    return log10_citizen_banzhafs(body, [i])[i]


def log10_citizen_banzhafs(body: TwoTierBody, wanted: list[int]) -> dict[int, float]:
    """:func:`log10_citizen_banzhaf` for each wanted block: every block's law at ``t = 1/2``
    evaluated once, the others' law of each wanted block from prefix and suffix products
    (non-negative terms only)."""
    if not all(isinstance(body.blocks[i], Proportional) for i in wanted):
        raise TypeError("logarithms of per-citizen values are computed for proportional blocks")
    if not wanted:
        return {}
    t = np.array([0.5])
    laws = [dist for dist, _ in _evaluate_blocks(list(body.blocks), t)]
    extra = [_extra_taps(w, t) for _, w in body.extra]
    start = np.zeros((1, body.total_weight + 1))
    start[:, 0] = 1.0
    prefix = [start]
    for taps in laws[: max(wanted)]:
        prefix.append(_add(prefix[-1], taps))
    suffix = start
    for taps in extra:
        suffix = _add(suffix, taps)
    out: dict[int, float] = {}
    for j in range(len(laws) - 1, min(wanted) - 1, -1):
        if j in wanted:
            out[j] = _log10_value(body, j, prefix[j][0], suffix[0])
        suffix = _add(suffix, laws[j])
    return out


def _log10_value(body: TwoTierBody, i: int, before: np.ndarray, after: np.ndarray) -> float:
    """``log10 sum_x b(k_x - 1; n - 1, 1/2) P(others = q - x)``, the others' law being that of
    the blocks before ``i`` plus those after it."""
    block = body.blocks[i]
    assert isinstance(block, Proportional)
    thresholds = block._thresholds()
    n, q = block.voters, body.quota
    terms = []
    for x in range(1, block.seats + 1):
        k, y = thresholds[x], q - x
        if not (0 < k <= n and 0 <= y <= body.total_weight):
            continue
        mass = float(np.dot(before[: y + 1], after[y::-1]))
        if mass > 0:
            terms.append(log_binomial_pmf(k - 1, n - 1, 0.5) + math.log(mass))
    return log_sum(terms) / math.log(10.0)
