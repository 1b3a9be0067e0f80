"""What the empirical model says about the election as a whole: each unit's probability of
being the tipping point (one exact integral) and the probability of an inversion (the
electoral-vote winner losing the popular vote; seeded randomized quasi-Monte Carlo with its
standard error).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import special

from ..core.errors import AccuracyError, InvalidGameError, ResourceLimitError
from ..core.quadrature import gauss_kronrod_15
from .electorate import Electorate, Swing
from .laws import _evaluate, _tipping_integrand
from .sobol import sobol_points

__all__ = ["tipping_points", "inversion_probability"]


# --------------------------------------------------------------------------------------------
# Tipping points
# --------------------------------------------------------------------------------------------
def _panels(lo: float, hi: float, width: float, breaks: Sequence[float]) -> np.ndarray:
    """Panel edges covering ``[lo, hi]`` at most ``width`` apart, with every break an edge."""
    points = sorted({lo, hi, *(b for b in breaks if lo < b < hi)})
    edges = [points[0]]
    for a, b in zip(points[:-1], points[1:], strict=True):
        count = max(1, int(math.ceil((b - a) / width)))
        edges.extend(np.linspace(a, b, count + 1)[1:])
    return np.array(edges)


def _integrand(electorate: Electorate, swing: Swing, z: np.ndarray, single: np.ndarray):
    _, _, _, up, down, _, _ = _evaluate(electorate, swing, z)
    return _tipping_integrand(electorate, swing, z, up, down, single)


def tipping_points(
    electorate: Electorate, swing: Swing, *, atol: float = 1e-10, max_nodes: int = 20_000
) -> tuple[tuple[float | None, ...], float]:
    """Each unit's probability of being the tipping point: the unit that gives the winner the
    quota when the units she carries are ordered by her margin; ``None`` for a unit with more
    than one threshold (proportional electors: no order of whole units). With the largest
    error estimate (absolute: these are shares of one probability, and a tipping point of
    1e-40 is as good as none). They add up to 1 less the coin's (when nobody reaches the quota
    there is no tipping point).

    Derivation (docs/voter-models.md): with ``z = d - v_u + 1/2``, the others carried by a
    larger Democratic margin than ``u`` are those with ``v_j > v_u``, independent given ``z``
    with the probabilities of the national swing ``z``; the density of ``v_u`` cancels ``d``.
    So ``P(u tips) = integral f_u(1/2 | z) [R_u(z) P(d > z) + F_u(z) P(d < z)] dz``, with ``R_u``
    and ``F_u`` the window masses of the decisiveness computation at national swing ``z``: one
    integral, on adaptive Gauss-Kronrod panels split at 0 (where ``P(d > z)`` turns), no
    sampling.
    """
    units = electorate.units
    sn, ss = swing.national_sd, swing.state_sd
    single = np.array([u.thresholds()[0].size == 1 for u in units])
    centres = np.array([0.5 - u.base - swing.shift for u in units])
    # f_u(1/2 | z) is a normal density in z of sd ss around centre_u: beyond ``reach`` sds its
    # mass (which bounds the integrand's, the rest being probabilities) is below atol / 4
    reach = math.sqrt(2.0) * float(special.erfcinv(atol / 4.0))
    lo = float(centres[single].min(initial=0.0)) - reach * ss
    hi = float(centres[single].max(initial=0.0)) + reach * ss
    breaks = [0.0]
    if 0 < sn < ss:  # P(d > z) turns within a few sn of 0: panels of sn there
        breaks += list(np.arange(-8.0, 8.5, 1.0) * sn)
    x, wk, wg = gauss_kronrod_15()
    edges = _panels(lo, hi, ss, breaks)
    panels = list(zip(edges[:-1], edges[1:], strict=True))
    done: list[tuple[np.ndarray, float]] = []  # (Kronrod sums per unit, error) of kept panels
    budget = atol / 2.0  # the other half: the tails
    used = 0
    while panels:
        a = np.array([p[0] for p in panels])[:, None]
        b = np.array([p[1] for p in panels])[:, None]
        half = (b - a) / 2
        z = ((a + b) / 2 + half * x).ravel()
        used += z.size
        if used > max_nodes:
            raise ResourceLimitError(
                f"{electorate.name}: the tipping-point integral would need more than "
                f"{max_nodes} nodes"
            )
        integrand = _integrand(electorate, swing, z, single)
        rows = integrand.reshape(len(panels), x.size, -1)
        kronrod = np.einsum("pk,pku->pu", half * wk, rows)
        gauss = np.einsum("pk,pku->pu", half * wg, rows)
        errors = np.abs(kronrod - gauss).max(axis=1)
        share = budget * (half[:, 0] / (hi - lo))  # each panel's share of the error budget
        split = []
        for i, (lo_i, hi_i) in enumerate(panels):
            if errors[i] <= share[i] or hi_i - lo_i < 1e-9 * ss:
                done.append((kronrod[i], float(errors[i])))
            else:
                middle = (lo_i + hi_i) / 2
                split += [(lo_i, middle), (middle, hi_i)]
        panels = split
    kronrod = np.sum([k for k, _ in done], axis=0)
    error = float(sum(e for _, e in done)) + atol / 4.0
    if error > atol:
        raise AccuracyError(
            f"{electorate.name}: the tipping-point integral did not reach the requested accuracy "
            f"{atol:g} (estimate {error:.1e})"
        )
    values = tuple(float(v) if ok else None for v, ok in zip(kronrod, single, strict=True))
    return values, error


# --------------------------------------------------------------------------------------------
# Inversions (randomized quasi-Monte Carlo)
# --------------------------------------------------------------------------------------------
def inversion_probability(
    electorate: Electorate,
    swing: Swing,
    popular: Sequence[float],
    *,
    points: int = 1024,
    replicates: int = 8,
    seed: int = 0,
) -> tuple[float, float]:
    """Probability that the electoral-vote winner loses the two-party popular vote, and its
    standard error, by randomized quasi-Monte Carlo over the units' own swings: ``replicates``
    independent random shifts (modulo 1, seeded) of the first ``points`` Sobol' points, the
    units nearest a tie on the first coordinates; the standard error is that of the mean of the
    replicates (each one an unbiased estimate). The national swing is integrated exactly for
    each point (a coin decides a count that gives neither side the quota, as in the election).
    ``popular[u]`` is unit ``u``'s weight in the popular vote (its turnout; 0 for a unit whose
    voters another unit already counts, such as a district beside its state's at-large unit).

    Given the units' swings ``e``, both outcomes are monotone in the national swing ``d``: the
    Democrat carries the popular vote when ``d > c(e)`` and the electoral count when
    ``d > b(e)``, the Republican when ``d <= a(e)`` (a coin in between). So the inversion has the
    conditional probability ``P(b < d <= c) + P(c < d <= a) + P(a < d <= b) / 2`` in closed form,
    and only ``e`` is sampled (Rao-Blackwellization: far smaller errors than sampling ``d`` too).
    """
    if not (isinstance(points, int) and 64 <= points <= 2**20 and points & (points - 1) == 0):
        raise InvalidGameError("points must be a power of two between 64 and 1,048,576")
    if not (isinstance(replicates, int) and 2 <= replicates <= 1000):
        raise InvalidGameError("replicates must lie between 2 and 1,000")
    units = electorate.units
    weights = np.asarray(popular, dtype=float)
    if weights.shape != (len(units),) or not np.all(weights >= 0) or weights.sum() <= 0:
        raise InvalidGameError("popular weights: one non-negative number per unit, not all 0")
    weights = weights / weights.sum()
    total, quota = electorate.total, electorate.quota
    # every threshold of every unit: the national swing beyond which it is passed, given e_u
    owner, offset, steps = [], [], []
    for j, u in enumerate(units):
        tau, step = u.thresholds()
        owner += [j] * tau.size
        offset += list(tau - u.base - swing.shift)
        steps += list(step)
    owner_a = np.array(owner)
    offset_a = np.array(offset)
    steps_a = np.array(steps, dtype=float)
    centre = 0.5 - swing.shift - float(weights @ np.array([u.base for u in units]))
    sn = swing.national_sd

    def below(x: np.ndarray) -> np.ndarray:  # P(d <= x)
        if sn > 0:
            return special.ndtr(x / sn)
        return (x >= 0).astype(float)

    # the units nearest a tie take Sobol's first (best spread) coordinates
    closeness = np.argsort([abs(u.base + swing.shift - 0.5) for u in units], kind="stable")
    lattice = sobol_points(len(units), points)
    rng = np.random.default_rng(seed)
    tiny = 2.0**-53
    chunk = max(1, min(points, 500_000 // max(len(offset), 1)))  # rows that stay in cache
    e = np.empty((points, len(units)))
    estimates = np.empty(replicates)
    for r in range(replicates):
        shifted = np.clip((lattice + rng.random(len(units))) % 1.0, tiny, 1.0 - tiny)
        e[:, closeness] = special.ndtri(shifted) * swing.state_sd
        total_r = 0.0
        for i in range(0, points, chunk):
            part = e[i : i + chunk]
            flips = offset_a[None, :] - part[:, owner_a]  # passed when d > flip
            order = np.argsort(flips, axis=1)
            sorted_flips = np.take_along_axis(flips, order, axis=1)
            count = np.cumsum(steps_a[order], axis=1)
            rows = np.arange(part.shape[0])
            b = sorted_flips[rows, np.argmax(count >= quota, axis=1)]  # Democrat's quota
            a = sorted_flips[rows, np.argmax(count > total - quota, axis=1)]  # Republican's end
            c = centre - part @ weights  # the popular vote turns at d = c
            pa, pb, pc = below(a), below(b), below(c)
            inverted = (
                np.maximum(pc - pb, 0.0) + np.maximum(pa - pc, 0.0) + 0.5 * np.maximum(pb - pa, 0.0)
            )
            total_r += float(inverted.sum())
        estimates[r] = total_r / points
    return float(estimates.mean()), float(estimates.std(ddof=1) / math.sqrt(replicates))
