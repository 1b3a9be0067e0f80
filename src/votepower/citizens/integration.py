"""The ``t``-integral: the window where the integrand lives, checked quadrature, and
:func:`citizen_power`, the entry point of the a-priori model.
"""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from ..core.errors import AccuracyError, ResourceLimitError
from ..core.quadrature import ROUNDING, adaptive_gauss_kronrod, integrate_over_t
from ..games.game import WeightedGame
from ..games.power.budget import duration
from ..games.power.entry import banzhaf, shapley_shubik
from .blocks import Proportional, _moments
from .body import TwoTierBody, _add, _evaluate_blocks, _extra_taps, _marginals
from .contests import decisive_probability
from .logintegral import log10_citizen_shapley_shubik
from .logpower import UNDERFLOW, log10_citizen_banzhafs
from .results import BlockPower, CitizenPowerResult
from .rulechamber import RuleChamber, rule_citizen_power
from .split import Split


def _window(body: TwoTierBody, half_width: float) -> tuple[float, float, float]:
    """``(low, high, width)`` in ``s = t - 1/2``: where any citizen can matter, and the width of
    the body's balance point (standard deviation of the yes weight / its slope in ``s``).

    A citizen of block ``b`` matters only when the others' yes weight lies in ``[q - w_b, q - 1]``,
    so only when the total yes weight lies in ``[q - w_max, q - 1 + w_max]``. That band's exact
    probability (from the exact law of the total) is below 1e-18 outside ``[low, high]``.
    """
    s = np.linspace(-half_width, half_width, 61)
    t = 0.5 + s
    width_total = body.total_weight + 1
    law = np.zeros((s.size, width_total))
    law[:, 0] = 1.0
    mean = np.zeros_like(s)
    variance = np.zeros_like(s)
    # split states by a cheap surrogate law (and a variance bound); the others exactly, batched
    others = [b for b in body.blocks if not isinstance(b, Split)]
    laws = iter([d for d, _ in _evaluate_blocks(others, t)])
    for block in body.blocks:
        if isinstance(block, Split):
            taps = block.window_surrogate(t)
            m, v = block.mean_variance(t)
        else:
            taps = next(laws)
            m, v = _moments(taps)
        mean += m
        variance += v
        law = _add(law, taps)
    for _, w in body.extra:
        mean += w * t
        variance += w**2 * t * (1.0 - t)
        law = _add(law, _extra_taps(w, t))
    heaviest = max([b.weight for b in body.blocks] + [w for _, w in body.extra])
    q = body.quota
    lo_band = max(q - heaviest, 0)
    hi_band = min(q - 1 + heaviest, width_total - 1)
    band = law[:, lo_band : hi_band + 1].sum(axis=1)
    inside = band >= 1e-18
    if not inside.any():
        return -half_width, half_width, half_width
    grid = s[1] - s[0]
    low = max(-half_width, float(s[inside][0]) - grid)
    high = min(half_width, float(s[inside][-1]) + grid)
    centre = int(np.argmin(np.abs(mean - (q - 0.5))))
    slope = float(np.gradient(mean, s)[centre])
    # a variance of a few units of rounding may come out below zero
    width = math.sqrt(max(float(variance[centre]), 0.0)) / slope if slope > 0 else half_width
    return low, high, max(width, 1e-9)


def _quadrature(
    body: TwoTierBody, rtol: float, at_half: dict[str, np.ndarray] | None = None
) -> tuple[np.ndarray, float]:
    """``integral_0^1 dF/dx_c(t) dt`` per block and an error estimate; ``at_half`` (if given)
    receives the integrand at ``t = 1/2`` (``"values"``) when the rule evaluates it there."""
    largest = max(b.largest_contest for b in body.blocks)

    def integrand(t: np.ndarray) -> np.ndarray:
        values = _marginals(body, t)
        if at_half is not None and "values" not in at_half:
            hit = np.nonzero(t == 0.5)[0]
            if hit.size:
                at_half["values"] = values[hit[0]].copy()
        return values

    def window(half_width: float) -> tuple[float, float]:
        # where the body can be close to its quota: Hoeffding's bound on the others' yes
        # weight, below 1e-18 outside
        low, high, width = _window(body, half_width)
        return max(-low, high), width

    return integrate_over_t(
        integrand,
        ballots=sum(b.ballots for b in body.blocks) + len(body.extra),
        smallest=min(b.smallest_contest for b in body.blocks),
        largest=largest,
        rtol=rtol,
        window=window,
    )


def _total(body: TwoTierBody, values: np.ndarray) -> float:
    """Sum of the Shapley-Shubik values over all citizens and extra players."""
    weights = [b.citizens for b in body.blocks] + [1] * len(body.extra)
    return float(np.dot(values, weights))


def _acceptable(body: TwoTierBody, values: np.ndarray, error: float, rtol: float) -> bool:
    """The integral is within its stated accuracy: the estimate at most ``rtol`` (or the
    rounding floor), no value below zero, and the total 1 within that accuracy."""
    tolerance = max(rtol, ROUNDING)
    return (
        math.isfinite(error)
        and error <= tolerance
        and bool(np.all(values >= 0.0))
        and abs(_total(body, values) - 1.0) <= 100.0 * tolerance
    )


def _checked_quadrature(
    body: TwoTierBody, rtol: float, at_half: dict[str, np.ndarray] | None = None
) -> tuple[np.ndarray, float]:
    """:func:`_quadrature`, checked; if it misses its accuracy (bodies whose integrands have
    narrow features away from ``t = 1/2``, such as proportional electors with a quota far from
    half, or a null block whose integrand is rounding noise), adaptive Gauss-Kronrod over the
    window where the integrand lives, with break points at every known feature, within a work
    bound (:data:`FALLBACK_WORK`); if that misses too, :class:`AccuracyError`."""

    values, error = _quadrature(body, rtol, at_half)
    # a block with no power integrates rounding noise: zero within the rounding floor
    scale = float(np.max(np.abs(values))) if values.size else 0.0
    values = np.where(np.abs(values) <= ROUNDING * scale, 0.0, values)
    if _acceptable(body, values, error, rtol):
        return np.maximum(values, 0.0), error
    # where any citizen can matter (the band's law below 1e-18 outside), and the known
    # features inside it: t = 1/2 and every proportional block's thresholds
    low, high, _ = _window(body, 0.5)
    lo, hi = 0.5 + low, 0.5 + high
    points = {lo, hi, 0.5}
    for block in body.blocks:
        if isinstance(block, Proportional):
            points |= {k / block.voters for k in block._thresholds()[1:-1]}
    # every contest's bump sits at t = 1/2, as narrow as 1 / (2 sqrt(largest contest)): panels
    # graded from that width outwards, so that no rule's nodes step over a bump (a feature
    # narrower than its panel can be invisible to both Gauss and Kronrod nodes)
    narrow = 0.5 / math.sqrt(max(b.largest_contest for b in body.blocks))
    graded = {0.5}
    step = narrow
    while step < 0.5:
        graded |= {0.5 - step, 0.5 + step}
        step *= 2.0
    points |= graded
    breaks = np.array(sorted(p for p in points if lo <= p <= hi))
    per_node = _node_cost(body)
    budget = int(FALLBACK_WORK / per_node)
    first_pass = 15 * (len(breaks) - 1)  # the 15 Gauss-Kronrod nodes of every panel
    if first_pass > budget:
        raise AccuracyError(
            f"{body.name}: the Shapley-Shubik integral missed its accuracy by the fast rule, and "
            f"the careful one would need more than {budget:,} evaluations of the body's law at "
            f"{len(breaks) - 1:,} features (about {duration(first_pass * per_node)}); refused "
            "(Banzhaf values alone, index banzhaf, need no integral)"
        )
    result, error, converged = adaptive_gauss_kronrod(
        lambda t: _marginals(body, t), breaks, rtol=max(rtol, ROUNDING) / 4.0, max_nodes=budget
    )
    scale = float(np.max(np.abs(result)))
    values = np.where(np.abs(result) <= max(error, ROUNDING) * scale, 0.0, result)
    if converged and _acceptable(body, values, error, rtol):
        return np.maximum(values, 0.0), max(error, ROUNDING)
    raise AccuracyError(
        f"{body.name}: the Shapley-Shubik integral did not reach the requested accuracy "
        f"(relative error estimate {error:.1e}, asked {rtol:.0e}; the citizens' values sum to "
        f"{_total(body, values):.6g}, not 1); Banzhaf values alone (index banzhaf) need no "
        "integral"
    )


#: the careful rule's work bound, in the units of :func:`_node_cost` (about a minute here)
FALLBACK_WORK = 1.0e7


def _node_cost(body: TwoTierBody) -> float:
    """The work of the body's law at one ``t``, batched, in units of about 6 microseconds here
    (measured: a proportional block's elector costs one unit, a split state 150, a block's
    table a unit per 150 cells)."""
    seats = sum(b.weight for b in body.blocks if isinstance(b, Proportional))
    splits = sum(1 for b in body.blocks if isinstance(b, Split))
    cells = (len(body.blocks) + len(body.extra)) * (body.total_weight + 1)
    return 1.0 + seats + 150.0 * splits + cells / 150.0


#: the seconds of one unit of :func:`_node_cost`, the nodes of the fast rule (a few dozen for
#: the US bodies; a margin for halvings), and the most that is taken before it is refused
_UNIT_SECONDS = 6e-6
_FAST_NODES = 60
MAX_SECONDS = 600.0


def check_cost(body: TwoTierBody, shapley_shubik_values: bool = True) -> None:
    """Refuse, before it starts, a computation of the body's per-citizen values estimated to
    take more than :data:`MAX_SECONDS` (Banzhaf: the law at ``t = 1/2``; Shapley-Shubik: the
    integral's nodes too)."""
    nodes = _FAST_NODES if shapley_shubik_values else 1
    seconds = nodes * _node_cost(body) * _UNIT_SECONDS
    if seconds > MAX_SECONDS:
        what = "Shapley-Shubik values" if shapley_shubik_values else "Banzhaf values"
        raise ResourceLimitError(
            f"{body.name}: per-citizen {what} of {len(body.blocks):,} blocks of total weight "
            f"{body.total_weight:,} would take about {duration(seconds)} (at most "
            f"{duration(MAX_SECONDS)} is taken)"
            + ("; Banzhaf values alone (index banzhaf) cost a sixtieth" if nodes > 1 else "")
        )


def _unit_indices(
    body: TwoTierBody, unit: tuple[WeightedGame, list[int]] | None
) -> list[tuple[float, float, float]]:
    """Per block: the sums of its units' Banzhaf (absolute, normalized) and Shapley-Shubik
    indices in the body game (NaN when the body has no unit game)."""
    if unit is None:
        return [(math.nan, math.nan, math.nan)] * len(body.blocks)
    game, owner = unit
    bz = banzhaf(game)
    ss = shapley_shubik(game) if game.n <= 600 else shapley_shubik(game, method="multilinear")
    out = []
    for i in range(len(body.blocks)):
        mine = [k for k, o in enumerate(owner) if o == i]
        out.append(
            (
                float(sum(bz.absolute[k] for k in mine)),
                float(sum(bz.normalized[k] for k in mine)),
                float(sum(ss.values[k] for k in mine)),
            )
        )
    return out


def _resolve_below_range(
    body: TwoTierBody, blocks: list[BlockPower], rtol: float
) -> list[BlockPower]:
    """The Shapley-Shubik values that the float integral leaves below the floats' range (a
    proportional block's, marked NaN above) by the integral in logarithms
    (:mod:`.logintegral`): a float where the value fits, its ``log10`` where it does not; left
    NaN (not resolved) if that integral refuses."""
    wanted = [
        i for i, b in enumerate(blocks)
        if b.log10_citizen_shapley_shubik is not None and math.isnan(b.log10_citizen_shapley_shubik)
    ]  # fmt: skip
    if not wanted:
        return blocks
    try:
        logs = log10_citizen_shapley_shubik(body, wanted, rtol=max(rtol, 1e-8))
    except AccuracyError:
        return blocks
    out = list(blocks)
    for i, lg in logs.items():
        if lg >= math.log10(UNDERFLOW):
            out[i] = replace(
                out[i], citizen_shapley_shubik=10.0**lg, log10_citizen_shapley_shubik=None
            )
        else:
            out[i] = replace(out[i], citizen_shapley_shubik=0.0, log10_citizen_shapley_shubik=lg)
    return out


def citizen_power(
    body: TwoTierBody | RuleChamber,
    *,
    rtol: float = 1e-8,
    shapley_shubik_values: bool = True,
) -> CitizenPowerResult:
    """Banzhaf and Shapley-Shubik power of every block and of one citizen of each.

    Examples
    --------
    Three states of 3, 5 and 7 citizens casting 1, 1 and 2 votes, 3 needed:

    >>> from votepower.citizens import Bloc
    >>> body = TwoTierBody("toy", (Bloc("A", 1, 3), Bloc("B", 1, 5), Bloc("C", 2, 7)), 3)
    >>> r = citizen_power(body)
    >>> round(r["C"].citizen_banzhaf, 6), round(r.shapley_shubik_total, 12)
    (0.234375, 1.0)
    """
    if isinstance(body, RuleChamber):  # a multi-criteria upper tier
        return rule_citizen_power(body, shapley_shubik_values=shapley_shubik_values)
    check_cost(body, shapley_shubik_values)
    unit = body.unit_game()
    # Banzhaf: the integrand at t = 1/2, which the Shapley-Shubik rule evaluates too
    at_half: dict[str, np.ndarray] = {}
    if shapley_shubik_values:
        citizen_ss, error = _checked_quadrature(body, rtol, at_half)
        citizen_ss = np.minimum(citizen_ss, 1.0)  # a dictator's 1 + rounding is 1
    if "values" not in at_half:
        at_half["values"] = _marginals(body, np.array([0.5]))[0]
    # differences of probabilities, in [0, 1]: past either end is rounding (a unit's)
    citizen_bz = np.clip(at_half["values"], 0.0, 1.0)
    if not shapley_shubik_values:  # Banzhaf only: skip the integral
        citizen_ss, error = np.full(citizen_bz.shape, math.nan), math.nan
    blocks = []
    unit_values = _unit_indices(body, unit)
    # a proportional block's value can lie below the floats' range: carried as a logarithm
    deep = [
        i
        for i, block in enumerate(body.blocks)
        if isinstance(block, Proportional) and citizen_bz[i] < UNDERFLOW
    ]
    logs = log10_citizen_banzhafs(body, deep)
    for i, block in enumerate(body.blocks):
        unit_bz, unit_bz_norm, unit_ss = unit_values[i]
        # its Shapley-Shubik integral is taken in floats: below the range it is not resolved
        ss_below = isinstance(block, Proportional) and bool(citizen_ss[i] < UNDERFLOW)
        blocks.append(
            BlockPower(
                label=block.label,
                citizens=block.citizens,
                weight=block.weight,
                banzhaf=unit_bz,
                banzhaf_normalized=unit_bz_norm,
                shapley_shubik=unit_ss,
                citizen_banzhaf=float(citizen_bz[i]),
                citizen_shapley_shubik=float(citizen_ss[i]),
                log10_citizen_banzhaf=logs.get(i),
                log10_citizen_shapley_shubik=math.nan if ss_below else None,
            )
        )
    blocks = _resolve_below_range(body, blocks, rtol)
    nblocks = len(body.blocks)
    extra = tuple(
        (label, float(citizen_bz[nblocks + j]), float(citizen_ss[nblocks + j]))
        for j, (label, _) in enumerate(body.extra)
    )
    total_ss = float(sum(b.citizens * b.citizen_shapley_shubik for b in blocks))
    total_ss += sum(value for _, _, value in extra)
    return power_result(body, tuple(blocks), extra, total_ss, error)


def power_result(
    body: TwoTierBody,
    blocks: tuple[BlockPower, ...],
    extra: tuple[tuple[str, float, float], ...],
    shapley_shubik_total: float,
    quadrature_error: float,
) -> CitizenPowerResult:
    """A body's result from its blocks' and extra players' values: the direct national vote
    of the same citizens and the blocks' units follow from the body."""
    return CitizenPowerResult(
        body=body.name,
        blocks=blocks,
        total_citizens=body.citizens,
        direct_banzhaf=decisive_probability(body.citizens),
        direct_shapley_shubik=1.0 / body.citizens,
        shapley_shubik_total=shapley_shubik_total,
        quadrature_error=quadrature_error,
        extra=extra,
        units={b.label: len(b.units()) for b in body.blocks},
    )
