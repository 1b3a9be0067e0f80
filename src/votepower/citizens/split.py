"""The split state (Maine and Nebraska): an at-large contest and district contests decided by
the same citizens' votes, modelled jointly (Fourier route by the statewide total, or by
districts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from scipy.special import ndtr

from .blocks import Block, Taps
from .contests import (
    _binomial_terms,
    _binomial_terms_derivative,
    _contest,
    _small_binomial,
    _win_share,
)
from .splitlaws import (
    _binomial_laws,
    _binomial_window,
    _convolve,
    _district_parts,
    _fast_length,
    _smooth_scale,
    _smooth_split,
    _strided_transforms,
    _values_at,
)


@dataclass(frozen=True)
class Split(Block):
    """An at-large contest over all citizens for ``at_large`` weight, plus ``districts`` equal
    district contests for one weight each; every citizen votes in both (Maine, Nebraska)."""

    at_large: int = 2
    districts: int = 1
    voters_per_district: int = 1

    def __post_init__(self) -> None:
        self._check(
            at_large=self.at_large,
            districts=self.districts,
            voters_per_district=self.voters_per_district,
        )

    @property
    def weight(self) -> int:
        return self.at_large + self.districts

    @property
    def citizens(self) -> int:
        return self.districts * self.voters_per_district

    @property
    def largest_contest(self) -> int:
        return self.citizens

    @property
    def smallest_contest(self) -> int:
        return self.voters_per_district

    def units(self) -> list[tuple[str, int]]:
        return [(self.label, self.at_large)] + [
            (f"{self.label}-{i + 1}", 1) for i in range(self.districts)
        ]

    def window_surrogate(self, t: np.ndarray) -> Taps:
        """A cheap stand-in for the law when locating the integration window: the same at-large
        and district marginals, taken as independent. The window is checked afterwards."""
        g, h, _ = _contest(self.citizens, t)
        gd, hd, _ = _contest(self.voters_per_district, t)
        districts = _small_binomial(self.districts, gd, hd)
        taps: list[tuple[int, np.ndarray]] = []
        for k, p in enumerate(districts):
            taps.append((k, h * p))
            taps.append((self.at_large + k, g * p))
        return taps

    def mean_variance(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        g_at_large, _, _ = _contest(self.citizens, t)
        g_district, _, _ = _contest(self.voters_per_district, t)
        mean = self.at_large * g_at_large + self.districts * g_district
        # Bhatia-Davis: a variable in [0, w] with mean mu has variance at most mu (w - mu)
        return mean, mean * (self.weight - mean)

    @property
    def range_squared(self) -> int:
        return self.weight**2

    def _window(self, n: int, t: float) -> tuple[int, np.ndarray]:
        """``(first value, pmf)`` of Bin(n, t) over every value with non-negligible mass."""
        return _binomial_window(n, t)

    def _node(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """Distribution of X and Delta for one citizen at one ``t`` (0 < t < 1).

        With ``K`` the districts won and ``S`` the statewide yes votes, ``X = a AL + K`` where the
        at-large contest ``AL`` is won when ``S > N/2`` (a tie by a coin). The districts are
        identical and independent, so the law follows from one district against the law
        ``G_k(s) = P(K' = k, S' = s)`` of the other ``d - 1``:
        ``P(K = k, AL) = sum_y win(y) G_{k-1}[AL | y] + lose(y) G_k[AL | y]``.
        All citizens of the state are symmetric, so one citizen's effect is the derivative of
        that law with respect to her district's ``t``, divided by the district's size, which
        replaces ``Bin(n, t)`` by ``b(y - 1; n - 1, t) - b(y; n - 1, t)``.
        """
        a, d, n = self.at_large, self.districts, self.voters_per_district
        size = a + d + 1
        total_voters = d * n
        lo, pmf = self._window(n, t)
        ys = np.arange(lo, lo + pmf.size)
        share = _win_share(ys, n)
        lo1, pmf1 = self._window(n - 1, t)

        slope = _values_at(pmf1, lo1, ys - 1) - _values_at(pmf1, lo1, ys)
        win, lose = pmf * share, pmf * (1.0 - share)
        dwin, dlose = slope * share, slope * (1.0 - share)

        others = []  # (first value, point law, tail T[i] = G_k[S' >= first + i]) for k = 0..d-1
        for k in range(d):
            arr = np.ones(1)
            for _ in range(k):
                arr = _convolve(arr, win)
            for _ in range(d - 1 - k):
                arr = _convolve(arr, lose)
            arr = arr * math.comb(d - 1, k)
            tail = np.zeros(arr.size + 1)
            tail[:-1] = np.cumsum(arr[::-1])[::-1]
            others.append(((d - 1) * lo, arr, tail))

        def at_large_yes(k: int) -> tuple[np.ndarray, float]:
            """For each own-district y: G_k-mass with the at-large won (ties halved); and the
            total mass of G_k."""
            if not 0 <= k < d:
                return np.zeros(ys.size), 0.0
            first, arr, tail = others[k]
            outright = _values_at(tail, first, total_voters // 2 + 1 - ys)
            outright = np.where(total_voters // 2 + 1 - ys <= first, tail[0], outright)
            if total_voters % 2 == 0:
                outright = outright + 0.5 * _values_at(arr, first, total_voters // 2 - ys)
            return outright, float(tail[0])

        dist = np.zeros(size)
        delta = np.zeros(size)
        for k in range(d + 1):
            yes_w, all_w = at_large_yes(k - 1)  # own district won, k - 1 of the others
            yes_l, all_l = at_large_yes(k)  # own district lost, k of the others
            for out, p_win, p_lose in ((dist, win, lose), (delta, dwin, dlose)):
                yes = float(np.sum(p_win * yes_w) + np.sum(p_lose * yes_l))
                everything = float(p_win.sum()) * all_w + float(p_lose.sum()) * all_l
                out[a + k] += yes
                out[k] += everything - yes
        return dist, delta

    #: with districts of more voters than this, the law is computed through the statewide
    #: total (exact, and cheaper than convolving the districts' laws at every ``t``)
    BY_TOTAL_VOTERS = 4000
    #: from this many districts on, by Fourier inversion (:meth:`_fourier`)
    FOURIER_DISTRICTS = 26
    #: harmonics found sufficient, per (districts, voters per district)
    _harmonics: ClassVar[dict[tuple[int, int], int]] = {}

    @property
    def by_total(self) -> bool:
        """Whether the law is computed through the statewide total (large districts): by
        :meth:`_by_total` or :meth:`_fourier`, rather than by convolution (:meth:`_node`)."""
        return self.voters_per_district > self.BY_TOTAL_VOTERS

    def _evaluate(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        if self.by_total:
            if self.districts >= self.FOURIER_DISTRICTS:
                return self._fourier(t)
            return self._by_total(t)
        dists = np.zeros((t.size, self.weight + 1))
        deltas = np.zeros((t.size, self.weight + 1))
        for i, ti in enumerate(t):
            dists[i], deltas[i] = self._node(float(ti))
        return dists, deltas

    def _fourier(self, t: np.ndarray, unit: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """The same law (and one citizen's effect) at every ``t`` at once, by Fourier inversion.

        With ``K`` the districts won and ``S`` the statewide yes total,
        ``sum_s P(K = k, S = s) e^{i theta s} = C(d, k) W(theta)^k L(theta)^(d - k)``, where
        ``W`` and ``L`` are the transforms of one district's won and lost parts. The at-large
        result is ``H(S - N/2)`` (``H(0) = 1/2``: the coin), so ``P(K = k, at-large won)`` is a
        Fourier series over ``theta_r = 2 pi r / M``, ``M`` wider than the range where ``S`` has
        mass (``|S - E S| < 10 sqrt(N) / 2``: Hoeffding, below 1e-21): the statewide half-line
        sums to ``P(K = k) / 2`` plus the odd harmonics ``2 e^{-i theta s0} / (1 - e^{-i theta})``
        (``s0`` the first winning total), plus half the tie mass on a tie. The transforms decay
        like Gaussians, so a few dozen harmonics reach 1e-18; the cut-off is checked on the
        computed terms and widened if needed. One citizen's effect replaces her district's law
        by its derivative in ``t`` over ``n``, ``b(y; n, t) (y - n t) / (n t (1 - t))``.
        Compared with convolving the districts' laws, nothing of the statewide total's length
        is ever formed.
        """
        a, d, n = self.at_large, self.districts, self.voters_per_district
        total = d * n
        size = a + d + 1
        dists = np.zeros((t.size, size))
        deltas = np.zeros((t.size, size))
        spread = 0.5 * math.sqrt(total)  # Hoeffding's scale for the statewide total
        offset = t * total - total / 2.0  # E S - N/2
        undecided = np.abs(offset) <= 10.0 * spread
        ks = np.arange(d + 1)
        # outside the band the at-large result is decided: the districts alone are random
        self._decided(t, ~undecided, offset > 0, dists, deltas)
        nodes = np.nonzero(undecided)[0]
        if nodes.size == 0:
            return dists, deltas
        tt = t[nodes]
        half = math.ceil(9.5 * 0.5 * math.sqrt(n) + 3.0)  # district window around round(n t)
        centres = np.rint(n * tt).astype(np.int64)
        # the district's won and lost parts, and their derivatives, per node: their smooth
        # parts on every stride-th offset u from the node's centre, and the remainder of the
        # step at n / 2 on the band of votes just above it (:func:`_smooth_split`'s split)
        stride, rho = (1, 2.0) if unit else _smooth_scale(n)
        reach = 9.0 * rho
        u = np.arange(-half, half + 1, stride)
        band = np.arange(n // 2, math.ceil(n / 2.0 + 2.0 * reach) + 1)
        smooth_part = np.zeros((u.size, 4 * nodes.size))  # win, lose, dwin, dlose per node
        band_part = np.zeros((band.size, 2 * nodes.size))  # the step's remainder: pmf, slope
        remainder = _win_share(band, n) * ndtr(-(band - n / 2.0 - reach) / rho)
        for j, ti in enumerate(tt):
            lo, pmf = _binomial_window(n, float(ti), 9.5)
            slope = pmf * (np.arange(lo, lo + pmf.size) - n * ti) / (n * ti * (1.0 - ti))
            y = centres[j] + u
            p_u, s_u = _values_at(pmf, lo, y), _values_at(slope, lo, y)
            psi = ndtr((y - n / 2.0 - reach) / rho)
            smooth_part[:, 4 * j : 4 * j + 4] = stride * np.column_stack(
                [p_u * psi, p_u * (1.0 - psi), s_u * psi, s_u * (1.0 - psi)]
            )
            band_part[:, 2 * j] = _values_at(pmf, lo, band) * remainder
            band_part[:, 2 * j + 1] = _values_at(slope, lo, band) * remainder
        # the zeroth harmonic: P(district won), P(lost) and one citizen's effect on each
        g, h, dg, dh = _district_parts(n, tt)

        period = 2 * (math.ceil(20.0 * spread) + 2)
        first_win = total // 2 + 1  # s0: the first total carrying the at-large contest
        tie = total % 2 == 0
        # each node's statewide phase: S = d * centre + (sum of the districts' offsets)
        shift = d * centres - first_win
        tie_shift = d * centres - total // 2
        # |W| + |L| <= 0.8 / (sigma theta) past the peak (the districts' truncated laws decay
        # only like 1 / theta), so the terms fall below 1e-16 once sigma theta reaches
        # 0.8 * 10^(16 / d); the cut-off is then checked on the terms themselves
        reach_theta = 0.8 * 10.0 ** (16.0 / d) / (0.5 * math.sqrt(n))
        harmonics = self._harmonics.get(
            (d, n), max(32, math.ceil(reach_theta * period / (2.0 * math.pi)))
        )
        harmonics = min(period // 2 - 1, harmonics)
        while True:
            r = np.arange(1, harmonics + 1)
            theta = 2.0 * math.pi * r / period
            if stride > 1 and theta[-1] * stride > 0.5:  # strided sums need theta stride small
                return self._fourier(t, unit=True)
            f = _strided_transforms(
                period, harmonics, half, stride, smooth_part, band, band_part, centres
            )
            terms = _binomial_terms(d, f[..., 0], f[..., 1])  # (r, nodes, d + 1)
            dterms = _binomial_terms_derivative(d, f[..., 0], f[..., 1], f[..., 2], f[..., 3])
            tail = max(1, r.size // 8)
            small = np.max(np.abs(terms[-tail:])) <= 1e-15
            dscale = max(float(np.max(np.abs(dterms))), 1e-300)
            dsmall = np.max(np.abs(dterms[-tail:])) <= 1e-15 * dscale
            if (small and dsmall) or harmonics >= period // 2 - 1:
                self._harmonics[(d, n)] = harmonics
                break
            harmonics = min(period // 2 - 1, 2 * harmonics)
        odd = slice(0, None, 2)  # r = 1, 3, 5, ...: the half-line's only harmonics
        step = (2.0 / (1.0 - np.exp(-1j * theta[odd])))[:, None]
        phase = step * np.exp(1j * np.outer(theta[odd], shift))  # (odd r, nodes)
        tie_phase = np.exp(1j * np.outer(theta, tie_shift))
        p0 = _binomial_terms(d, g, h)  # P(K = k): the zeroth harmonic
        dp0 = _binomial_terms_derivative(d, g, h, dg, dh)
        for out, zeroth, series in ((dists, p0, terms), (deltas, dp0, dterms)):
            upper = zeroth / 2.0 + (2.0 / period) * np.real(
                np.einsum("rn,rnk->nk", phase, series[odd])
            )
            if tie:
                point = zeroth + 2.0 * np.real(np.einsum("rn,rnk->nk", tie_phase, series))
                upper = upper + point / (2.0 * period)
            out[nodes[:, None], ks + a] += upper
            out[nodes[:, None], ks] += zeroth - upper
        return dists, deltas

    def _by_total(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The same law through the statewide total ``S``, for many districts, at every ``t``.

        Given ``S = s``, the districts' yes votes are multivariate hypergeometric whatever ``t``
        is (the total is sufficient), so ``P(K = k | S = s)`` is computed once
        (:class:`_ConditionalWins`) and ``P(K = k, AL) = sum_s P(S = s; t) P(K = k | s) [AL | s]``
        with ``S ~ Bin(d n, t)``. One citizen's effect is that sum with the pmf replaced by
        ``(1 / (d n)) dP(S = s)/dt = b(s - 1; d n - 1, t) - b(s; d n - 1, t)``, which is
        ``b(s; d n, t) (s - d n t) / (d n t (1 - t))``. Without the at-large indicator the sums
        are ``P(K = k)`` and its derivative, known in closed form.

        The indicator is split into a smooth step and a remainder (:func:`_smooth_split`): the
        smooth part's sum runs over every ``stride``-th total (its terms vary on the scale of
        the total's standard deviation, so the strided sum equals the full one to far below
        the floats' rounding), the remainder's over the few totals around ``N / 2`` where it
        is not negligible.
        """
        a, d, n = self.at_large, self.districts, self.voters_per_district
        total = d * n
        wins_of = _ConditionalWins.of(d, n)
        dists = np.zeros((t.size, self.weight + 1))
        deltas = np.zeros((t.size, self.weight + 1))
        # far from 1/2 the at-large result is decided (Hoeffding, below 1e-21) and the
        # conditional law is not tabulated there: the districts alone are random
        offset = t * total - total / 2.0
        undecided = np.abs(offset) <= 5.0 * math.sqrt(total)
        self._decided(t, ~undecided, offset > 0, dists, deltas)
        if not undecided.any():
            return dists, deltas
        inner = np.nonzero(undecided)[0]
        g, h, dg, dh = _district_parts(n, t[inner])
        everything = _binomial_terms(d, g, h)  # P(K = k): the sums without the indicator
        d_everything = _binomial_terms_derivative(d, g, h, dg, dh)
        stride, rho = _smooth_scale(total)
        row = {node: i for i, node in enumerate(inner)}
        factors: list[np.ndarray] = []  # each group's, in the order the groups are formed

        def pick(first: int, count: int) -> np.ndarray:
            values, factor = _smooth_split(first, count, total, stride, rho)
            factors.append(factor)
            return values

        for (group, s, pmf), factor in zip(
            _binomial_laws(total, t[inner], at=pick), factors, strict=True
        ):
            nodes = inner[group]
            tn = t[nodes][:, None]
            slope = pmf * (s - total * tn) / (total * tn * (1.0 - tn))
            wins = wins_of.values_at(s)  # (d + 1, len(s))
            rows = [row[node] for node in nodes]
            for out, weights, whole in (
                (dists, pmf, everything[rows]),
                (deltas, slope, d_everything[rows]),
            ):
                yes = (weights * factor) @ wins.T
                out[nodes, a : a + d + 1] += yes
                out[nodes, : d + 1] += whole - yes
        return dists, deltas

    def _decided(
        self,
        t: np.ndarray,
        where: np.ndarray,
        won: np.ndarray,
        dists: np.ndarray,
        deltas: np.ndarray,
    ) -> None:
        """In place, at the nodes ``where`` the at-large result is decided (``won`` or lost):
        ``P(K = k)`` and one citizen's effect on it, the districts alone being random."""
        nodes = np.nonzero(where)[0]
        if nodes.size == 0:
            return
        g, h, b = _contest(self.voters_per_district, t[nodes])
        p = _binomial_terms(self.districts, g, h)
        dp = _binomial_terms_derivative(self.districts, g, h, b, -b)
        columns = (
            np.arange(self.districts + 1)[None, :] + np.where(won[nodes], self.at_large, 0)[:, None]
        )
        rows = nodes[:, None]
        dists[rows, columns] += p
        deltas[rows, columns] += dp

    def distribution(self, t: np.ndarray) -> Taps:
        return self.evaluate(t)[0]

    def pivot(self, t: np.ndarray) -> Taps:
        return self.evaluate(t)[1]

    def evaluate(self, t: np.ndarray) -> tuple[Taps, Taps]:
        # a citizen votes once; her vote counts in the at-large and in her district's contest
        dists, deltas = self._evaluate(t)
        size = self.weight + 1
        return [(x, dists[:, x]) for x in range(size)], [(x, deltas[:, x]) for x in range(size)]


class _ConditionalWins:
    """``P(K = k | S = s)``: districts won, given the statewide yes total, for ``d`` districts of
    ``n`` voters (a tied district won by a coin).

    It does not depend on ``t``. It is computed from the joint law of ``(K, S)`` at anchor values
    ``t0`` (FFT convolution of the districts' won and lost parts), trusted within five standard
    deviations of the anchor's mean total (where the FFT's rounding is below 1e-10 relative),
    with anchors spaced ten standard deviations apart and computed when first needed.
    """

    _cache: dict[tuple[int, int], _ConditionalWins] = {}

    @classmethod
    def of(cls, districts: int, voters: int) -> _ConditionalWins:
        key = (districts, voters)
        if key not in cls._cache:
            cls._cache[key] = cls(districts, voters)
        return cls._cache[key]

    def __init__(self, districts: int, voters: int) -> None:
        self.d, self.n = districts, voters
        self.total = districts * voters
        self.sd = 0.5 * math.sqrt(self.total)
        self.spacing = 10.0 * self.sd / self.total  # in t
        self.anchors: dict[int, tuple[int, np.ndarray]] = {}

    def _anchor(self, j: int) -> tuple[int, np.ndarray]:
        if j in self.anchors:
            return self.anchors[j]
        d, n = self.d, self.n
        t0 = min(max(0.5 + j * self.spacing, 1e-9), 1 - 1e-9)
        lo, pmf = _binomial_window(n, t0)
        y = np.arange(lo, lo + pmf.size)
        share = _win_share(y, n)
        win, lose = pmf * share, pmf * (1.0 - share)
        # a period of 24 standard deviations of the total: what wraps around lies beyond 12 of
        # them (mass below 1e-31), far outside the trusted range
        size = _fast_length(max(24.0 * self.sd, pmf.size) + 64)
        w_hat, l_hat = np.fft.rfft(win, size), np.fft.rfft(lose, size)
        l_powers = [np.ones_like(l_hat)]
        for _ in range(d):
            l_powers.append(l_powers[-1] * l_hat)
        centre = round(self.total * t0)
        first = centre - math.ceil(5.0 * self.sd) - 1
        last = centre + math.ceil(5.0 * self.sd) + 1
        index = (np.arange(first, last + 1) - d * lo) % size
        joint = np.empty((d + 1, index.size))
        w_power = np.ones_like(w_hat)
        for k in range(d + 1):
            law = np.fft.irfft(math.comb(d, k) * w_power * l_powers[d - k], size)
            joint[k] = np.maximum(law[index], 0.0)
            w_power = w_power * w_hat
        conditional = joint / np.maximum(joint.sum(axis=0), 1e-300)
        self.anchors[j] = (first, conditional)
        return self.anchors[j]

    def values_at(self, s: np.ndarray) -> np.ndarray:
        """``P(K = k | S = s)`` for k = 0..d (rows) at the totals ``s`` (any order), each from
        the anchor that serves it (clamped outside the trusted range: negligible mass)."""
        s = np.asarray(s, dtype=np.int64)
        out = np.empty((self.d + 1, s.size))
        js = np.rint((s / self.total - 0.5) / self.spacing).astype(np.int64)
        for j in np.unique(js):
            where = js == j
            start_table, table = self._anchor(int(j))
            columns = np.clip(s[where] - start_table, 0, table.shape[1] - 1)
            out[:, where] = table[:, columns]
        return out
