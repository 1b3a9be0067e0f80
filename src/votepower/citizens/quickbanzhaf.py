"""Per-citizen Banzhaf values of a body whose blocks are mostly blocs, fast: the values of
:func:`~votepower.citizens.integration.citizen_power` (Banzhaf only) at a small fraction of the
cost, for searches that evaluate thousands of bodies (``votepower reforms``).

At ``t = 1/2`` a bloc of weight ``w`` casts 0 or ``w`` with probability 1/2 each, so the blocs'
joint law is ``P(x) / 2^n`` with ``P = prod (1 + x^w_i)``, a polynomial with integer
coefficients (exact in int64 up to 62 blocs). The law of the blocs other than ``i`` is
``P / (1 + x^w_i)``, and the sum of its coefficients over a window of ``w_i`` consecutive
degrees ending at ``c`` is an alternating sum of ``P``'s own coefficients::

    sum_{k=c-w+1}^{c} Q_i[k] = sum_{j=0}^{c} (-1)^floor((c - j) / w) P[j]

(each ``j <= c`` is ``k - m w`` for exactly one ``k`` of the window, with sign ``(-1)^m``).
One polynomial and a few signed dot products then give every bloc's chance to be decisive,
with no division and no leave-one-out product. The other blocks (split states, proportional
ones, districts, extra players) are few: their law ``R`` multiplies in, and each of them is
taken against ``P`` and the others' ``R`` directly.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from .blocks import Bloc, Block, Proportional
from .body import TwoTierBody, _extra_taps
from .results import BlockPower, CitizenPowerResult

__all__ = ["banzhaf_power", "quick_citizen_banzhafs", "MAX_EXACT_BLOCS"]

#: the most blocs whose coalition counts int64 holds exactly (2^62 < 2^63)
MAX_EXACT_BLOCS = 62
#: past this many other parts (a House of district blocks) the general way is quicker
MAX_OTHER_PARTS = 8

_HALF = np.array([0.5])


@functools.lru_cache(maxsize=4096)
def _taps(block: Block) -> tuple[tuple[tuple[int, float], ...], tuple[tuple[int, float], ...]]:
    """A block's (distribution, pivot) taps at t = 1/2, as plain numbers (cached: a block is
    a frozen value, and a search meets the same blocks again and again)."""
    dist, pivot = block.evaluate(_HALF)
    return (
        tuple((int(x), float(p[0])) for x, p in dist),
        tuple((int(x), float(d[0])) for x, d in pivot),
    )


def _law(taps: tuple[tuple[int, float], ...], width: int) -> np.ndarray:
    out = np.zeros(width)
    for x, p in taps:
        out[x] += p
    return out


def quick_citizen_banzhafs(body: TwoTierBody) -> np.ndarray | None:
    """``dF/dx_c`` at ``t = 1/2`` for one citizen of each block, then for each extra player
    (the Banzhaf values of :func:`~votepower.citizens.integration.citizen_power`, equal to
    rounding), or ``None`` where this way does not apply (more than :data:`MAX_EXACT_BLOCS`
    blocs, or more than :data:`MAX_OTHER_PARTS` other blocks and extra players)."""
    blocks = list(body.blocks)
    bloc_ids = [i for i, b in enumerate(blocks) if type(b) is Bloc]
    if len(bloc_ids) > MAX_EXACT_BLOCS:
        return None
    if len(blocks) - len(bloc_ids) + len(body.extra) > MAX_OTHER_PARTS:
        return None
    q = body.quota
    # the blocs' polynomial, exact
    weights = [blocks[i].weight for i in bloc_ids]
    top = sum(weights)
    poly = np.zeros(top + 1, dtype=np.int64)
    poly[0] = 1
    for w in weights:
        poly[w:] += poly[:-w].copy()
    nb = len(bloc_ids)
    # the other blocks' laws (and the extra players'), in floats
    is_bloc = set(bloc_ids)
    others = [i for i in range(len(blocks)) if i not in is_bloc]
    other_taps = [_taps(blocks[i]) for i in others] + [
        (tuple((x, float(p[0])) for x, p in _extra_taps(w, _HALF)), ((0, -1.0), (w, 1.0)))
        for _, w in body.extra
    ]
    laws = [_law(dist, max(x for x, _ in dist) + 1) for dist, _ in other_taps]
    rest = _product(laws)  # the law of all the non-bloc parts
    out = np.zeros(len(blocks) + len(body.extra))
    # every bloc: b * P(q - w <= others < q), the blocs' part as windows of P
    if bloc_ids:
        support = np.nonzero(rest)[0]
        cs = q - 1 - support  # the windows' last degrees
        windows = _windows(poly, sorted(set(weights)), cs)  # (distinct w, len(cs))
        scale = 2.0 ** -(nb - 1) if nb else 1.0
        row = {w: k for k, w in enumerate(sorted(set(weights)))}
        for i, w in zip(bloc_ids, weights, strict=True):
            effect = _taps(blocks[i])[1][-1][1]  # the pivot tap at the bloc's weight
            # P(q - w <= others < q): the other blocs' 2^(nb-1) coalitions, with the rest
            decisive = float(np.dot(rest[support], windows[row[w]].astype(float))) * scale
            out[i] = effect * decisive
    # every other part: its pivot taps against the blocs and the rest
    bloc_law = poly.astype(float) * 2.0**-nb
    for k, (_, pivot) in enumerate(other_taps):
        rest_k = _product(laws[:k] + laws[k + 1 :])
        law = np.convolve(bloc_law, rest_k)
        tail = np.concatenate([np.cumsum(law[::-1])[::-1], [0.0]])  # tail[s] = P(S >= s)
        value = 0.0
        for x, delta in pivot:
            s = q - x
            value += delta * (1.0 if s <= 0 else tail[min(s, len(tail) - 1)])
        index = others[k] if k < len(others) else len(blocks) + (k - len(others))
        out[index] = value
    return out


def _product(laws: list[np.ndarray]) -> np.ndarray:
    out = np.ones(1)
    for law in laws:
        out = np.convolve(out, law)
    return out


def _windows(poly: np.ndarray, weights: list[int], cs: np.ndarray) -> np.ndarray:
    """``W[k, m] = sum_{j=0}^{cs[m]} (-1)^floor((cs[m] - j) / weights[k]) poly[j]``: the sums
    of ``poly / (1 + x^w)`` over the ``w`` degrees ending at each ``cs[m]``, exact in int64."""
    top = len(poly) - 1
    depth = int(cs.max(initial=-1)) + 1  # d runs over 0..c (j = c - d down to 0)
    if depth <= 0:
        return np.zeros((len(weights), len(cs)), dtype=np.int64)
    d = np.arange(depth)
    signs = np.where((d[None, :] // np.array(weights)[:, None]) % 2 == 0, 1, -1).astype(np.int64)
    # backward[m, d] = poly[cs[m] - d] (0 outside the polynomial)
    idx = cs[:, None] - d[None, :]
    valid = (idx >= 0) & (idx <= top)
    backward = np.where(valid, poly[np.clip(idx, 0, top)], 0)
    return signs @ backward.T


def banzhaf_power(body: TwoTierBody, *, logs: bool = True) -> CitizenPowerResult:
    """Per-citizen Banzhaf power of ``body`` (the result :func:`~votepower.citizens.
    integration.citizen_power` gives with ``shapley_shubik_values=False``, without the units'
    own indices, which are NaN): the quick way where it applies and every value lies in the
    floats' range, else the general one. ``logs=False``: a proportional block's value below
    the floats' range is left without its logarithm (cheaper; a bound, not the value)."""
    from .integration import citizen_power, power_result
    from .logpower import UNDERFLOW, log10_citizen_banzhafs

    values = quick_citizen_banzhafs(body)
    if values is None:
        return citizen_power(body, shapley_shubik_values=False)
    # a proportional block's value can lie below the floats' range: its logarithm, as
    # citizen_power carries it; any other block's there: the general way
    deep = [i for i, v in enumerate(values[: len(body.blocks)]) if v < UNDERFLOW]
    if any(not isinstance(body.blocks[i], Proportional) for i in deep):
        return citizen_power(body, shapley_shubik_values=False)
    # without ``logs`` a value below the range is left as the float it rounded to, with no
    # logarithm (a search's bound: such a block's citizens have less than 1e-280)
    found = log10_citizen_banzhafs(body, deep) if deep and logs else {}
    nan = math.nan
    blocks = tuple(
        BlockPower(
            label=b.label,
            citizens=b.citizens,
            weight=b.weight,
            banzhaf=nan,
            banzhaf_normalized=nan,
            shapley_shubik=nan,
            citizen_banzhaf=float(min(max(v, 0.0), 1.0)),
            citizen_shapley_shubik=nan,
            log10_citizen_banzhaf=found.get(i),
        )
        for i, (b, v) in enumerate(zip(body.blocks, values, strict=False))
    )
    n = len(body.blocks)
    extra = tuple((label, float(values[n + j]), nan) for j, (label, _) in enumerate(body.extra))
    return power_result(body, blocks, extra, nan, nan)
