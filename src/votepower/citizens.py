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
(:func:`~votepower.quadrature.integrate_over_t`) is exact for small electorates (Gauss-Legendre
with enough nodes for a polynomial of degree equal to the number of ballots) and, for
census-size electorates, a trapezoidal rule graded by ``t = 1/2 + a sinh(u)`` on the narrow
window around ``t = 1/2`` where the integrand lives (exponentially small outside, by Hoeffding's
inequality), halved until the estimated error is below ``rtol``. The Shapley-Shubik values of
all citizens sum to 1; the result reports that sum as a check.
"""

from __future__ import annotations

import functools
import math
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from scipy import special

from .binomial import inner_pmf as _binomial_inner
from .binomial import pmf as _binomial_pmf
from .errors import AccuracyError, CitizenModelError, ResourceLimitError
from .game import WeightedGame
from .power.indices import banzhaf, shapley_shubik
from .quadrature import ROUNDING, integrate_over_t

__all__ = [
    "Block",
    "Bloc",
    "Districts",
    "IndependentSeats",
    "Split",
    "Proportional",
    "TwoTierBody",
    "BlockPower",
    "CitizenPowerResult",
    "citizen_power",
    "majority",
    "decisive_probability",
    "decisive_probability_approx",
]

Taps = list[tuple[int, np.ndarray]]


def majority(voters: int) -> int:
    """Votes that win a contest outright: a strict majority, ``floor(n/2) + 1``."""
    return voters // 2 + 1


def _win_share(yes: np.ndarray, voters: int) -> np.ndarray:
    """Probability that ``yes`` votes of ``voters`` carry the contest: 1, 1/2 on a tie, or 0."""
    return np.where(2 * yes > voters, 1.0, np.where(2 * yes == voters, 0.5, 0.0))


def _contest(voters: int, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(P(yes wins), P(no wins), one voter's marginal effect)`` of a contest at each ``t``.

    The marginal effect is ``dP(yes wins)/dt / n``: ``b((n-1)/2; n-1, t)`` for odd ``n`` and
    ``(b(n/2; n-1, t) + b(n/2 - 1; n-1, t)) / 2`` for even ``n`` (a vote turns a tie into a win
    or a loss into a tie).
    """
    n = voters
    win, lose = _tail_pair(majority(n), n, t)
    if n % 2 == 0:
        tie = _pmf(n // 2, n, t)
        win, lose = win + tie / 2.0, lose - tie / 2.0
        effect = (_pmf(n // 2, n - 1, t) + _pmf(n // 2 - 1, n - 1, t)) / 2.0
    else:
        effect = _pmf((n - 1) // 2, n - 1, t)
    return win, lose, effect


def _contests(voters: Sequence[int], t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_contest` for several contests at once: arrays of shape ``(contests, len(t))``
    (one batched evaluation instead of one per contest)."""
    n = np.asarray(voters, dtype=np.int64)[:, None]
    if n.size == 0 or n.min() <= 2:  # the edge cases (1 or 2 voters): one contest at a time
        parts = [_contest(int(v), t) for v in voters]
        return tuple(np.array([p[j] for p in parts]).reshape(len(parts), t.size) for j in range(3))  # type: ignore[return-value]
    m = n // 2 + 1
    win = special.betainc(m, n - m + 1, t[None, :])
    lose = special.betainc(n - m + 1, m, 1.0 - t[None, :])
    even = (n % 2 == 0)[:, 0]
    half = n // 2
    # odd n: b((n - 1)/2; n - 1, t); even n: the mean of b(n/2; n - 1, t) and b(n/2 - 1; ...)
    effect = _binomial_inner(np.where(n % 2 == 0, half, (n - 1) // 2), n - 1, t[None, :])
    if even.any():
        ne, he = n[even], half[even]
        tie = _binomial_inner(he, ne, t[None, :])
        win[even] += tie / 2.0
        lose[even] -= tie / 2.0
        effect[even] = (effect[even] + _binomial_inner(he - 1, ne - 1, t[None, :])) / 2.0
    return win, lose, effect


def decisive_probability(voters: int) -> float:
    """Probability that one citizen decides a contest of ``voters`` under coin-flip voting.

    ``C(n-1, floor((n-1)/2)) / 2^(n-1)``: for odd ``n`` the others split evenly; for even ``n`` her
    vote turns a tie (decided by a coin) into a win or a loss, which has the same probability.
    Exact for small ``n``; otherwise Loader's saddle-point binomial probability
    (:mod:`votepower.binomial`), accurate to about 1e-14 relative, where a plain difference of
    log-gamma values would lose seven digits.

    >>> decisive_probability(3)       # the other two split 1-1
    0.5
    >>> round(decisive_probability(10**6) / decisive_probability_approx(10**6), 6)
    1.0
    """
    n = voters
    if n <= 2000:  # exactly rounded from the exact fraction
        return math.comb(n - 1, (n - 1) // 2) / 2 ** (n - 1)
    return float(_binomial_pmf((n - 1) // 2, n - 1, 0.5))


def decisive_probability_approx(voters: int) -> float:
    """Penrose's approximation ``sqrt(2 / (pi n))`` of :func:`decisive_probability`."""
    return math.sqrt(2.0 / (math.pi * voters))


def _tail(m: int, n: int, t: np.ndarray) -> np.ndarray:
    """``P(Bin(n, t) >= m)``."""
    if m <= 0:
        return np.ones_like(t)
    if m > n:
        return np.zeros_like(t)
    return special.betainc(m, n - m + 1, t)


def _tail_pair(m: int, n: int, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(P(Bin(n, t) >= m), P(Bin(n, t) < m))``, each computed directly (no ``1 - x`` loss)."""
    if m <= 0:
        return np.ones_like(t), np.zeros_like(t)
    if m > n:
        return np.zeros_like(t), np.ones_like(t)
    return special.betainc(m, n - m + 1, t), special.betainc(n - m + 1, m, 1.0 - t)


def _small_binomial(count: int, p: np.ndarray, q: np.ndarray) -> list[np.ndarray]:
    """``P(Bin(count, p) = k)`` for k = 0..count, with ``q = 1 - p`` given separately: the
    terms of :func:`_binomial_terms`, one array per ``k``."""
    return list(np.moveaxis(_binomial_terms(count, p, q), -1, 0))


def _binomial_terms(m: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``C(m, k) x^k y^(m - k)`` for k = 0..m along a new last axis; ``x`` and ``y`` real or
    complex. Computed from logarithms of the moduli, so any ``m`` is safe from overflow."""
    k = np.arange(m + 1)
    log_comb = special.gammaln(m + 1) - special.gammaln(k + 1) - special.gammaln(m - k + 1)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 ** 0 = 1; 0 ** k = 0
        log_x = np.log(np.abs(x))[..., None]
        log_y = np.log(np.abs(y))[..., None]
        log_size = (
            log_comb + np.where(k > 0, k * log_x, 0.0) + np.where(k < m, (m - k) * log_y, 0.0)
        )
    size = np.exp(log_size)
    if not (np.iscomplexobj(x) or np.iscomplexobj(y)):
        signs = np.where(k % 2 == 1, np.sign(x)[..., None], 1.0) * np.where(
            (m - k) % 2 == 1, np.sign(y)[..., None], 1.0
        )
        return np.asarray(size * np.where(signs == 0, 1.0, signs))
    turn = k * np.angle(x)[..., None] + (m - k) * np.angle(y)[..., None]
    return np.asarray(size * np.exp(1j * turn))


def _binomial_terms_derivative(
    m: int, x: np.ndarray, y: np.ndarray, dx: np.ndarray, dy: np.ndarray
) -> np.ndarray:
    """The derivative of :func:`_binomial_terms` when one of the ``m`` factors ``(x u + y)``
    moves by ``(dx u + dy)``: ``C(m-1, k-1) dx x^(k-1) y^(m-k) + C(m-1, k) dy x^k y^(m-1-k)``."""
    others = _binomial_terms(m - 1, x, y)
    out = np.zeros(others.shape[:-1] + (m + 1,), dtype=others.dtype)
    out[..., 1:] += dx[..., None] * others
    out[..., :-1] += dy[..., None] * others
    return out


def _pmf(k: int, n: int, t: np.ndarray) -> np.ndarray:
    """``P(Bin(n, t) = k)``."""
    if k < 0 or k > n:
        return np.zeros_like(t)
    return _binomial_pmf(k, n, t)


# --------------------------------------------------------------------------------------------
# Blocks
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Block(ABC):
    """A state's part of the body. Subclasses say how its citizens elect its weight."""

    label: str

    @property
    @abstractmethod
    def weight(self) -> int:
        """Total weight the block's seats cast."""

    @property
    @abstractmethod
    def citizens(self) -> int:
        """Citizens of the block."""

    @property
    def ballots(self) -> int:
        """Ballots cast by all the block's citizens in all its contests."""
        return self.citizens

    @property
    @abstractmethod
    def largest_contest(self) -> int:
        """Voters in the block's largest contest."""

    @property
    @abstractmethod
    def smallest_contest(self) -> int:
        """Voters in the block's smallest contest."""

    @abstractmethod
    def units(self) -> list[tuple[str, int]]:
        """The players this block puts into the body game: ``(label, weight)``."""

    @abstractmethod
    def distribution(self, t: np.ndarray) -> Taps:
        """``P(X = x)`` at each ``t`` as sparse taps ``(x, probabilities)``."""

    @abstractmethod
    def pivot(self, t: np.ndarray) -> Taps:
        """``Delta(x)`` for one citizen (all her ballots) at each ``t``."""

    def evaluate(self, t: np.ndarray) -> tuple[Taps, Taps]:
        """Both :meth:`distribution` and :meth:`pivot`."""
        return self.distribution(t), self.pivot(t)

    def mean_variance(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and (an upper bound on the) variance of the yes weight at each ``t``: by
        default, the moments of :meth:`distribution`."""
        return _moments(self.distribution(t))

    @property
    @abstractmethod
    def range_squared(self) -> int:
        """Sum of squared ranges of the block's independent parts (for Hoeffding's bound)."""

    def _check(self, **positive: int) -> None:
        for name, value in positive.items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise CitizenModelError(
                    f"{self.label}: {name} must be a positive integer, not {value!r}"
                )


@dataclass(frozen=True)
class SingleContest(Block):
    """A block whose contests all have one size, so that its law and a citizen's effect follow
    from one contest's ``(P(yes wins), P(no wins), effect)``: many such blocks' contests are
    evaluated in one batch (:func:`_evaluate_blocks`)."""

    @property
    @abstractmethod
    def contest_size(self) -> int:
        """Voters in each of the block's contests."""

    @abstractmethod
    def taps_from(self, g: np.ndarray, h: np.ndarray, b: np.ndarray) -> tuple[Taps, Taps]:
        """:meth:`evaluate` from the contest's ``(P(yes wins), P(no wins), effect)``."""

    def evaluate(self, t: np.ndarray) -> tuple[Taps, Taps]:
        return self.taps_from(*_contest(self.contest_size, t))

    def distribution(self, t: np.ndarray) -> Taps:
        return self.evaluate(t)[0]

    def pivot(self, t: np.ndarray) -> Taps:
        return self.evaluate(t)[1]


@dataclass(frozen=True)
class Bloc(SingleContest):
    """All ``weight`` is won by one majority contest among ``voters`` citizens."""

    seats: int = 1
    voters: int = 1

    def __post_init__(self) -> None:
        self._check(weight=self.seats, voters=self.voters)

    @property
    def weight(self) -> int:
        return self.seats

    @property
    def citizens(self) -> int:
        return self.voters

    @property
    def largest_contest(self) -> int:
        return self.voters

    @property
    def smallest_contest(self) -> int:
        return self.voters

    def units(self) -> list[tuple[str, int]]:
        return [(self.label, self.seats)]

    @property
    def range_squared(self) -> int:
        return self.seats**2

    @property
    def contest_size(self) -> int:
        return self.voters

    def taps_from(self, g: np.ndarray, h: np.ndarray, b: np.ndarray) -> tuple[Taps, Taps]:
        return [(0, h), (self.seats, g)], [(0, -b), (self.seats, b)]


@dataclass(frozen=True)
class Districts(SingleContest):
    """``districts`` equal single-member districts of ``voters_per_district`` citizens each."""

    districts: int = 1
    voters_per_district: int = 1
    seat_weight: int = 1

    def __post_init__(self) -> None:
        self._check(
            districts=self.districts,
            voters_per_district=self.voters_per_district,
            seat_weight=self.seat_weight,
        )

    @property
    def weight(self) -> int:
        return self.districts * self.seat_weight

    @property
    def citizens(self) -> int:
        return self.districts * self.voters_per_district

    @property
    def largest_contest(self) -> int:
        return self.voters_per_district

    @property
    def smallest_contest(self) -> int:
        return self.voters_per_district

    def units(self) -> list[tuple[str, int]]:
        if self.districts == 1:
            return [(self.label, self.seat_weight)]
        return [(f"{self.label}-{i + 1}", self.seat_weight) for i in range(self.districts)]

    @property
    def range_squared(self) -> int:
        return self.districts * self.seat_weight**2

    @property
    def contest_size(self) -> int:
        return self.voters_per_district

    def taps_from(self, g: np.ndarray, h: np.ndarray, b: np.ndarray) -> tuple[Taps, Taps]:
        law = _small_binomial(self.districts, g, h)
        w = self.seat_weight
        return [(k * w, p) for k, p in enumerate(law)], self._pivot_from(g, h, b)

    def _pivot_from(self, g: np.ndarray, h: np.ndarray, b: np.ndarray) -> Taps:
        others = _small_binomial(self.districts - 1, g, h)
        w = self.seat_weight
        taps: dict[int, np.ndarray] = {}
        for k, p in enumerate(others):
            taps[(k + 1) * w] = taps.get((k + 1) * w, 0) + b * p
            taps[k * w] = taps.get(k * w, 0) - b * p
        return sorted(taps.items())


@dataclass(frozen=True)
class IndependentSeats(Districts):
    """``districts`` seats, each elected in its own contest by all ``voters_per_district``
    citizens of the block (so ``citizens`` is ``voters_per_district``, and each citizen casts one
    ballot per seat)."""

    @property
    def citizens(self) -> int:
        return self.voters_per_district

    @property
    def ballots(self) -> int:
        return self.districts * self.voters_per_district

    def units(self) -> list[tuple[str, int]]:
        return [(f"{self.label}-{i + 1}", self.seat_weight) for i in range(self.districts)]

    def taps_from(self, g: np.ndarray, h: np.ndarray, b: np.ndarray) -> tuple[Taps, Taps]:
        law, pivot = super().taps_from(g, h, b)
        return law, [(x, self.districts * p) for x, p in pivot]


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

    def _fourier(self, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
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
        for i in np.nonzero(~undecided)[0]:
            p, dp = self._districts_law(float(t[i]))
            won = offset[i] > 0
            for out, law in ((dists, p), (deltas, dp)):
                out[i, ks + (a if won else 0)] += law
        nodes = np.nonzero(undecided)[0]
        if nodes.size == 0:
            return dists, deltas
        tt = t[nodes]
        half = math.ceil(9.5 * 0.5 * math.sqrt(n) + 3.0)  # district window around round(n t)
        centres = np.rint(n * tt).astype(np.int64)
        columns = np.zeros((2 * half + 1, 4 * nodes.size))  # win, lose, dwin, dlose per node
        for j, ti in enumerate(tt):
            lo, pmf = _binomial_window(n, float(ti), 9.5)
            y = np.arange(lo, lo + pmf.size)
            share = _win_share(y, n)
            slope = pmf * (y - n * ti) / (n * ti * (1.0 - ti))
            where = y - centres[j] + half
            columns[where, 4 * j] = pmf * share
            columns[where, 4 * j + 1] = pmf * (1.0 - share)
            columns[where, 4 * j + 2] = slope * share
            columns[where, 4 * j + 3] = slope * (1.0 - share)
        sums = columns.sum(axis=0).reshape(nodes.size, 4)
        g, h, dg, dh = sums.T  # P(district won), P(lost) and their derivatives per citizen

        period = 2 * (math.ceil(20.0 * spread) + 2)
        first_win = total // 2 + 1  # s0: the first total carrying the at-large contest
        tie = total % 2 == 0
        # each node's statewide phase: S = d * centre + (sum of the districts' offsets)
        shift = d * centres - first_win
        tie_shift = d * centres - total // 2
        # |W| + |L| <= 0.8 / (sigma theta) past the peak (the districts' truncated laws decay
        # only like 1 / theta), so the terms fall below 1e-16 once sigma theta reaches
        # 0.8 * 10^(16 / d); the cut-off is then checked on the terms themselves
        reach = 0.8 * 10.0 ** (16.0 / d) / (0.5 * math.sqrt(n))
        harmonics = self._harmonics.get(
            (d, n), max(32, math.ceil(reach * period / (2.0 * math.pi)))
        )
        harmonics = min(period // 2 - 1, harmonics)
        while True:
            r = np.arange(1, harmonics + 1)
            theta = 2.0 * math.pi * r / period
            f = (_cached_unit_powers(period, harmonics, half) @ columns).reshape(
                r.size, nodes.size, 4
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
        ``b(s; d n, t) (s - d n t) / (d n t (1 - t))``.
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
        ks = np.arange(d + 1)
        for i in np.nonzero(~undecided)[0]:
            p, dp = self._districts_law(float(t[i]))
            for out, law in ((dists, p), (deltas, dp)):
                out[i, ks + (a if offset[i] > 0 else 0)] += law
        if not undecided.any():
            return dists, deltas
        inner = np.nonzero(undecided)[0]
        for group, first, pmf in _binomial_laws(total, t[inner]):
            nodes = inner[group]
            s = np.arange(first, first + pmf.shape[1])
            tn = t[nodes][:, None]
            slope = pmf * (s - total * tn) / (total * tn * (1.0 - tn))
            share = _win_share(s, total)
            wins = wins_of.law(first, s.size)  # (d + 1, values of s)
            for out, weights in ((dists, pmf), (deltas, slope)):
                yes = (weights * share) @ wins.T
                out[nodes, a : a + d + 1] += yes
                out[nodes, : d + 1] += weights @ wins.T - yes
        return dists, deltas

    def _districts_law(self, t: float) -> tuple[np.ndarray, np.ndarray]:
        """``P(K = k)`` and one citizen's effect on it, at one ``t``."""
        g, h, b = _contest(self.voters_per_district, np.array([t]))
        p = _binomial_terms(self.districts, g, h)[0]
        dp = _binomial_terms_derivative(self.districts, g, h, b, -b)[0]
        return p, dp

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

    def law(self, first: int, count: int) -> np.ndarray:
        """``P(K = k | S = s)`` for k = 0..d (rows) and ``s = first, ..., first + count - 1``."""
        out = np.empty((self.d + 1, count))
        s = first
        while s < first + count:
            j = round((s / self.total - 0.5) / self.spacing)
            # this anchor serves every s up to the midpoint with the next one
            boundary = math.floor(self.total * (0.5 + (j + 0.5) * self.spacing))
            stop = min(first + count, max(boundary + 1, s + 1))
            start_table, table = self._anchor(j)
            lo = s - start_table
            hi = stop - start_table
            if lo < 0 or hi > table.shape[1]:  # outside the trusted range: clamp (negligible mass)
                cols = np.clip(np.arange(lo, hi), 0, table.shape[1] - 1)
                out[:, s - first : stop - first] = table[:, cols]
            else:
                out[:, s - first : stop - first] = table[:, lo:hi]
            s = stop
        return out


def _fast_length(minimum: float) -> int:
    """The smallest even length of at least ``minimum`` with no prime factor above 5 (fast for
    the FFT, and at most a few percent longer than needed, where a power of two can be twice)."""
    best = 1 << math.ceil(math.log2(max(minimum, 2.0)))
    power5 = 1
    while power5 < best:
        power35 = power5
        while power35 < best:
            length = power35 * (1 << max(1, math.ceil(math.log2(max(minimum / power35, 1.0)))))
            best = min(best, length)
            power35 *= 3
        power5 *= 5
    return best


@functools.lru_cache(maxsize=8)
def _cached_unit_powers(period: int, count: int, half: int) -> np.ndarray:
    """:func:`_unit_powers` on the harmonics of ``period`` for ``u = -half..half``, kept for the
    next evaluation of the same state (they do not depend on ``t``)."""
    out = _unit_powers(2.0 * math.pi / period, count, np.arange(-half, half + 1))
    out.flags.writeable = False
    return out


def _unit_powers(step: float, count: int, u: np.ndarray) -> np.ndarray:
    """``exp(i r step u)`` for r = 1..count (rows) and the integers ``u`` (columns).

    Rows come in blocks of 16: each row is a block's base times one of 16 leading rows, so only
    about ``count / 16 + 16`` rows of exponentials are evaluated (one rounding more per entry).
    """
    lead = np.exp(1j * step * np.outer(np.arange(16), u))  # r = 0..15
    bases = np.exp(1j * step * np.outer(np.arange(0, count + 16, 16), u))
    out = (bases[:, None, :] * lead[None, :, :]).reshape(-1, u.size)
    return out[1 : count + 1]


def _binomial_window(n: int, t: float, width: float = 13.0) -> tuple[int, np.ndarray]:
    """``(first value, pmf)`` of Bin(n, t) on every value with mass above ~1e-37 of the mode.

    Small ``n``: the whole support directly. Large ``n``: the pmf at the mode and the
    rest by the ratio ``b(y+1)/b(y) = (n - y) t / ((y + 1)(1 - t))`` accumulated in logarithms
    (relative error about ``1e-13``), which is much faster than evaluating every point.
    """
    if n <= 4000:
        return 0, _binomial_pmf(np.arange(n + 1), n, t)
    sd = math.sqrt(n * t * (1.0 - t))
    lo = max(0, math.floor(n * t - width * sd) - 2)
    hi = min(n, math.ceil(n * t + width * sd) + 2)
    mode = min(max(math.floor((n + 1) * t), lo), hi)
    ys = np.arange(lo, hi + 1, dtype=float)
    log_ratio = np.log((n - ys[:-1]) / (ys[:-1] + 1.0)) + math.log(t / (1.0 - t))
    log_pmf = np.concatenate([[0.0], np.cumsum(log_ratio)])
    log_pmf += math.log(float(_binomial_pmf(mode, n, t))) - log_pmf[mode - lo]
    return lo, np.exp(log_pmf)


def _binomial_laws(
    n: int, t: np.ndarray, width: float = 9.0
) -> list[tuple[np.ndarray, int, np.ndarray]]:
    """Bin(n, t) at every ``t`` (large ``n``), in groups of nodes sharing one range of values:
    ``(node indices, first value, pmf of shape (nodes, values))``, each node's range covering
    ``width`` standard deviations either side of its mean (beyond nine, below 1e-17).

    Nodes whose means lie within four standard deviations of each other share a range. Within a
    group the pmf is that at the group's middle ``c`` (:func:`_binomial_window`) times the exact
    likelihood ratio ``(t / c)^s ((1 - t) / (1 - c))^(n - s)``, taken in logarithms with
    ``log1p``: one evaluation of the pmf per group, and a multiply and an exponential per node.
    """
    order = np.argsort(t)
    groups: list[list[int]] = []
    for i in order:
        # within four standard deviations at either end (far from 1/2 the law is narrower,
        # and a wider group would tilt the middle's pmf past the floats' range)
        if groups:
            first = t[groups[-1][0]]
            spread = min(first * (1.0 - first), t[i] * (1.0 - t[i]))
            sd = math.sqrt(n * spread)
        if groups and n * (t[i] - first) <= 4.0 * sd:
            groups[-1].append(int(i))
        else:
            groups.append([int(i)])
    out = []
    for group in groups:
        nodes = np.array(group)
        tg = t[nodes]
        c = float(tg[len(group) // 2])
        spread = n * float(max(c - tg.min(), tg.max() - c))
        first, base = _binomial_window(n, c, width + spread / math.sqrt(n * c * (1.0 - c)) + 1.0)
        s = np.arange(first, first + base.size, dtype=float)
        up = np.log1p((tg - c) / c)[:, None]  # log(t / c)
        down = np.log1p(-(tg - c) / (1.0 - c))[:, None]  # log((1 - t) / (1 - c))
        with np.errstate(divide="ignore"):
            log_base = np.log(base)[None, :]
        log_ratio = (s - n * c)[None, :] * (up - down) + n * (c * up + (1.0 - c) * down)
        out.append((nodes, first, np.exp(log_base + log_ratio)))
    return out


def _values_at(values: np.ndarray, first: int, where: np.ndarray) -> np.ndarray:
    """``values[where - first]``, 0 outside the array (a law stored from value ``first`` on)."""
    i = where - first
    inside = (i >= 0) & (i < values.size)
    return np.where(inside, values[np.clip(i, 0, values.size - 1)], 0.0)


def _convolve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    if min(a.size, b.size) < 64:
        return np.convolve(a, b)
    size = a.size + b.size - 1
    fft_size = 1 << (size - 1).bit_length()
    product = np.fft.rfft(a, fft_size) * np.fft.rfft(b, fft_size)
    return np.maximum(np.fft.irfft(product, fft_size)[:size], 0.0)


# --------------------------------------------------------------------------------------------
# The body and the computation
# --------------------------------------------------------------------------------------------
#: the largest body (seats or electors in all) and contest (voters) the model takes: a hundred
#: times today's House, and well above the largest state; past them it refuses before it
#: allocates anything
MAX_TOTAL_WEIGHT = 50_000
MAX_VOTERS = 200_000_000


@dataclass(frozen=True)
class TwoTierBody:
    """Blocks of citizens electing the seats of a weighted body with a quota.

    A measure passes iff the yes weight is at least ``quota``. ``extra`` are players of the body
    elected by nobody in the model (e.g. a Vice-President breaking ties): ``(label, weight)``.
    """

    name: str
    blocks: tuple[Block, ...]
    quota: int
    extra: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.blocks:
            raise CitizenModelError("a body needs at least one block of citizens")
        labels = [b.label for b in self.blocks] + [label for label, _ in self.extra]
        if len(set(labels)) != len(labels):
            raise CitizenModelError("block labels must be unique")
        if self.total_weight > MAX_TOTAL_WEIGHT:
            raise ResourceLimitError(
                f"a body of total weight {self.total_weight:,} is beyond this model's tables "
                f"(at most {MAX_TOTAL_WEIGHT:,} seats or electors)"
            )
        for block in self.blocks:
            if block.largest_contest > MAX_VOTERS:
                raise ResourceLimitError(
                    f"{block.label}: a contest of {block.largest_contest:,} voters is beyond this "
                    f"model's range (at most {MAX_VOTERS:,})"
                )
        if not 0 < self.quota <= self.total_weight:
            raise CitizenModelError(
                f"quota {self.quota} must be greater than 0 and at most the total weight "
                f"{self.total_weight}"
            )

    @property
    def total_weight(self) -> int:
        return sum(b.weight for b in self.blocks) + sum(w for _, w in self.extra)

    @property
    def citizens(self) -> int:
        return sum(b.citizens for b in self.blocks)

    def unit_game(self) -> tuple[WeightedGame, list[int]] | None:
        """The body as a weighted game of units, and each unit's block index (-1: extra);
        ``None`` when some block's seats are not independent units (proportional electors)."""
        if any(not block.units() for block in self.blocks):
            return None
        labels, weights, owner = [], [], []
        for i, block in enumerate(self.blocks):
            for label, w in block.units():
                labels.append(label)
                weights.append(w)
                owner.append(i)
        for label, w in self.extra:
            labels.append(label)
            weights.append(w)
            owner.append(-1)
        return WeightedGame(weights, self.quota, labels=labels), owner


def _moments(taps: Taps) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of a weight with the law ``taps``, at each ``t``."""
    mean = sum(x * p for x, p in taps)
    second = sum(x * x * p for x, p in taps)
    return np.asarray(mean), np.asarray(second - mean**2)


def _extra_taps(weight: int, t: np.ndarray) -> Taps:
    """A player outside the citizens' model: yes with probability t."""
    return [(0, 1.0 - t), (weight, t.copy())]


_CELLS = 20_000_000  # floats held at once by _marginals (about 160 MB)


def _marginals(body: TwoTierBody, t: np.ndarray) -> np.ndarray:
    """``dF/dx_c`` for one citizen of each block, then for each extra player, at each ``t``:
    shape ``(len(t), blocks + extras)``. Nodes are processed in chunks so that memory stays
    bounded."""
    per_node = (len(body.blocks) + len(body.extra) + 2) * (3 * body.total_weight + 4)
    chunk = max(1, _CELLS // per_node)
    if t.size > chunk:
        return np.concatenate(
            [_marginals_chunk(body, t[i : i + chunk]) for i in range(0, t.size, chunk)]
        )
    return _marginals_chunk(body, t)


def _evaluate_blocks(blocks: list[Block], t: np.ndarray) -> list[tuple[Taps, Taps]]:
    """Every block's ``(distribution, pivot)`` taps at ``t``; the contests of blocks with one
    contest size (blocs, districts, independent seats) in one batched evaluation."""
    # blocks evaluated the single-contest way (a subclass with a law of its own, such as
    # Proportional, redefines evaluate and is left to it)
    plain = {
        i: b
        for i, b in enumerate(blocks)
        if isinstance(b, SingleContest) and type(b).evaluate is SingleContest.evaluate
    }
    out: dict[int, tuple[Taps, Taps]] = {}
    if plain:
        win, lose, effect = _contests([b.contest_size for b in plain.values()], t)
        for row, (i, b) in enumerate(plain.items()):
            out[i] = b.taps_from(win[row], lose[row], effect[row])
    return [out[i] if i in out else b.evaluate(t) for i, b in enumerate(blocks)]


def _marginals_chunk(body: TwoTierBody, t: np.ndarray) -> np.ndarray:
    m = t.size
    blocks = list(body.blocks)
    evaluated = _evaluate_blocks(blocks, t)
    extras = [_extra_taps(w, t) for _, w in body.extra]
    dists = [d for d, _ in evaluated] + extras
    total = body.total_weight
    q = body.quota
    width = total + 1
    # Suffix laws, stored as reversed, padded tails: rev[i][:, j] = P(yes weight of players i..
    # >= q - j + width) for j = 0..2 width, so that P(prefix + suffix >= q - x) is the dot
    # product of the prefix law with a contiguous slice (no gathering).
    reversed_tails: list[np.ndarray] = [np.empty(0)] * (len(dists) + 1)
    suffix = np.zeros((m, width))
    suffix[:, 0] = 1.0
    reversed_tails[len(dists)] = _reversed_tail(suffix, q, width)
    for i in range(len(dists) - 1, -1, -1):
        suffix = _add(suffix, dists[i])
        reversed_tails[i] = _reversed_tail(suffix, q, width)
    prefix = np.zeros((m, width))
    prefix[:, 0] = 1.0
    pivots = [p for _, p in evaluated] + [
        [(0, -np.ones(m)), (w, np.ones(m))] for _, w in body.extra
    ]
    out = np.zeros((m, len(dists)))
    for i, (dist, pivot) in enumerate(zip(dists, pivots, strict=True)):
        rev = reversed_tails[i + 1]
        combined = np.zeros((m, width))
        for x, delta in pivot:
            # P(suffix >= q - x - a) for a = 0..width-1 is rev[:, x + a]
            combined += delta[:, None] * rev[:, x : x + width]
        out[:, i] = np.einsum("ij,ij->i", prefix, combined)
        prefix = _add(prefix, dist)
    return out


def passage_probability(body: TwoTierBody, t: np.ndarray) -> np.ndarray:
    """``F(t)``: the probability that the body passes a measure when every citizen (and every
    extra player) votes yes with probability ``t``, at each ``t``."""
    law = np.zeros((t.size, body.total_weight + 1))
    law[:, 0] = 1.0
    for dist, _ in _evaluate_blocks(list(body.blocks), t):
        law = _add(law, dist)
    for _, w in body.extra:
        law = _add(law, _extra_taps(w, t))
    return np.asarray(law[:, body.quota :].sum(axis=1))


def _reversed_tail(law: np.ndarray, q: int, width: int) -> np.ndarray:
    """``R[:, j] = P(S >= q - j)`` for ``j = 0..2 width`` (1 where ``q - j <= 0``)."""
    m = law.shape[0]
    tail = np.zeros((m, width + 1))  # tail[:, z] = P(S >= z), z = 0..width
    tail[:, :-1] = np.cumsum(law[:, ::-1], axis=1)[:, ::-1]
    out = np.ones((m, 2 * width + 1))
    j = np.arange(2 * width + 1)
    z = q - j
    inside = z > 0
    zi = np.minimum(z[inside], width)
    out[:, inside] = tail[:, zi]
    return out


def _add(current: np.ndarray, taps: Taps) -> np.ndarray:
    """Distribution of the sum when a block with the given taps joins."""
    out = np.zeros_like(current)
    width = current.shape[1]
    for x, p in taps:
        if x == 0:
            out += current * p[:, None]
        elif x < width:
            out[:, x:] += current[:, :-x] * p[:, None]
    return out


@dataclass(frozen=True)
class BlockPower:
    """Power of a block's units in the body and of one of its citizens."""

    label: str
    citizens: int
    weight: int
    banzhaf: float
    banzhaf_normalized: float
    shapley_shubik: float
    citizen_banzhaf: float
    citizen_shapley_shubik: float


@dataclass(frozen=True)
class CitizenPowerResult:
    """Per-block and per-citizen power in a two-tier body, with the checks that back it.

    ``direct_banzhaf`` and ``direct_shapley_shubik`` are a citizen's power in a direct national
    vote of the same citizens (one contest, simple majority). ``shapley_shubik_total`` is the sum
    of the Shapley-Shubik values over all citizens and extra players (1 in exact arithmetic),
    with ``quadrature_error`` the estimated relative error of the integration.
    """

    body: str
    blocks: tuple[BlockPower, ...]
    total_citizens: int
    direct_banzhaf: float
    direct_shapley_shubik: float
    shapley_shubik_total: float
    quadrature_error: float
    extra: tuple[tuple[str, float, float], ...] = ()
    """Players outside the citizens' model: (label, Banzhaf, Shapley-Shubik) in the composite."""
    units: dict[str, int] = field(default_factory=dict)
    """How many units (separately elected seats) each block has; its unit indices are sums."""

    def __getitem__(self, label: str) -> BlockPower:
        for b in self.blocks:
            if b.label == label:
                return b
        raise KeyError(label)


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
    width = math.sqrt(float(variance[centre])) / slope if slope > 0 else half_width
    return low, high, max(width, 1e-9)


def _quadrature(body: TwoTierBody, rtol: float) -> tuple[np.ndarray, float]:
    """``integral_0^1 dF/dx_c(t) dt`` per block and an error estimate."""
    largest = max(b.largest_contest for b in body.blocks)

    def window(half_width: float) -> tuple[float, float]:
        # where the body can be close to its quota: Hoeffding's bound on the others' yes
        # weight, below 1e-18 outside
        low, high, width = _window(body, half_width)
        return max(-low, high), width

    return integrate_over_t(
        lambda t: _marginals(body, t),
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


def _checked_quadrature(body: TwoTierBody, rtol: float) -> tuple[np.ndarray, float]:
    """:func:`_quadrature`, checked; if it misses its accuracy (bodies whose integrands have
    narrow features away from ``t = 1/2``, such as proportional electors with a quota far from
    half, or a null block whose integrand is rounding noise), adaptive Gauss-Kronrod on [0, 1]
    with break points at every known feature; if that misses too, :class:`AccuracyError`."""
    from scipy.integrate import quad_vec

    values, error = _quadrature(body, rtol)
    # a block with no power integrates rounding noise: zero within the rounding floor
    scale = float(np.max(np.abs(values))) if values.size else 0.0
    values = np.where(np.abs(values) <= ROUNDING * scale, 0.0, values)
    if _acceptable(body, values, error, rtol):
        return np.maximum(values, 0.0), error
    points = {0.5}
    for block in body.blocks:
        if isinstance(block, Proportional):
            points |= {k / block.voters for k in block._thresholds()[1:-1]}
    breaks = sorted(p for p in points if 0.0 < p < 1.0)
    result, absolute, info = quad_vec(
        lambda x: _marginals(body, np.array([x]))[0],
        0.0,
        1.0,
        epsabs=0.0,
        epsrel=max(rtol, ROUNDING) / 4.0,
        norm="max",
        points=breaks,
        limit=5000,
        full_output=True,
    )
    scale = float(np.max(np.abs(result)))
    error = float(absolute) / scale if scale > 0 else math.inf
    values = np.where(np.abs(result) <= max(absolute, ROUNDING * scale), 0.0, result)
    if info.success and _acceptable(body, values, error, rtol):
        return np.maximum(values, 0.0), max(error, ROUNDING)
    raise AccuracyError(
        f"{body.name}: the Shapley-Shubik integral did not reach the requested accuracy "
        f"(relative error estimate {error:.1e}, asked {rtol:.0e}; the citizens' values sum to "
        f"{_total(body, values):.6g}, not 1); Banzhaf values alone (index banzhaf) need no "
        "integral"
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


def citizen_power(
    body: TwoTierBody, *, rtol: float = 1e-8, shapley_shubik_values: bool = True
) -> CitizenPowerResult:
    """Banzhaf and Shapley-Shubik power of every block and of one citizen of each.

    Examples
    --------
    Three states of 3, 5 and 7 citizens casting 1, 1 and 2 votes, 3 needed:

    >>> body = TwoTierBody("toy", (Bloc("A", 1, 3), Bloc("B", 1, 5), Bloc("C", 2, 7)), 3)
    >>> r = citizen_power(body)
    >>> round(r["C"].citizen_banzhaf, 6), round(r.shapley_shubik_total, 12)
    (0.234375, 1.0)
    """
    unit = body.unit_game()
    half = np.array([0.5])
    citizen_bz = _marginals(body, half)[0]
    if shapley_shubik_values:
        citizen_ss, error = _checked_quadrature(body, rtol)
    else:  # Banzhaf only: skip the integral
        citizen_ss, error = np.full(citizen_bz.shape, math.nan), math.nan
    blocks = []
    unit_values = _unit_indices(body, unit)
    for i, block in enumerate(body.blocks):
        unit_bz, unit_bz_norm, unit_ss = unit_values[i]
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
            )
        )
    nblocks = len(body.blocks)
    extra = tuple(
        (label, float(citizen_bz[nblocks + j]), float(citizen_ss[nblocks + j]))
        for j, (label, _) in enumerate(body.extra)
    )
    citizens = body.citizens
    total_ss = float(sum(b.citizens * b.citizen_shapley_shubik for b in blocks))
    total_ss += sum(value for _, _, value in extra)
    return CitizenPowerResult(
        body=body.name,
        blocks=tuple(blocks),
        total_citizens=citizens,
        direct_banzhaf=decisive_probability(citizens),
        direct_shapley_shubik=1.0 / citizens,
        shapley_shubik_total=total_ss,
        quadrature_error=error,
        extra=extra,
        units={b.label: len(b.units()) for b in body.blocks},
    )


# --------------------------------------------------------------------------------------------
# Summaries
# --------------------------------------------------------------------------------------------
CITIZEN_INDICES = {"banzhaf": "citizen_banzhaf", "shapley-shubik": "citizen_shapley_shubik"}


def weighted_gini(values: Sequence[float], weights: Sequence[float]) -> float:
    """Gini coefficient of ``values`` held by populations ``weights`` (0: everyone equal).

    ``G = sum_i sum_j w_i w_j |x_i - x_j| / (2 (sum w)^2 mean)`` with the weighted mean.

    >>> weighted_gini([1.0, 1.0], [5, 7])
    0.0
    >>> round(weighted_gini([0.0, 1.0], [1, 1]), 6)   # half the people hold everything
    0.5
    """
    x = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    mean = float((w * x).sum() / total)
    if mean == 0:
        return 0.0
    diffs = np.abs(x[:, None] - x[None, :])
    return float((w[:, None] * w[None, :] * diffs).sum() / (2.0 * total**2 * mean))


@dataclass(frozen=True)
class Summary:
    """Extremes and inequality of per-citizen power for one index.

    ``most_powerful`` and ``least_powerful`` name a block whose citizens have the most (least)
    power, ``most_tied`` and ``least_tied`` how many blocks share that value (the first
    alphabetically is named); when every citizen has the same power (``all_equal``) neither is
    named. ``ratio`` is most / least, infinite when the least powerful citizens have no power
    (``ratio_note`` says why).
    """

    index: str
    most_powerful: str | None
    least_powerful: str | None
    most_tied: int
    least_tied: int
    all_equal: bool
    ratio: float
    ratio_note: str | None
    gini: float
    mean_relative_to_direct: float


#: values within this relative distance count as tied (rounding of the integrals)
TIE_RTOL = 1e-9


def summarize(result: CitizenPowerResult, index: str) -> Summary:
    """Most and least powerful block per citizen (with ties counted), their ratio, the
    population-weighted Gini, and the population-weighted mean citizen power relative to a
    direct national vote."""
    field = CITIZEN_INDICES[index]
    values = [getattr(b, field) for b in result.blocks]
    people = [b.citizens for b in result.blocks]
    labels = [b.label for b in result.blocks]
    high, low = max(values), min(values)
    direct = result.direct_banzhaf if index == "banzhaf" else result.direct_shapley_shubik
    mean = sum(v * p for v, p in zip(values, people, strict=True)) / sum(people)

    def tied(target: float) -> list[str]:
        return sorted(
            label
            for label, v in zip(labels, values, strict=True)
            if abs(v - target) <= TIE_RTOL * abs(target)
        )

    top, bottom = tied(high), tied(low)
    equal = high - low <= TIE_RTOL * abs(high)
    note = None
    if low <= 0:
        note = (
            f"{len(bottom)} of {len(values)} have no power per citizen"
            if len(bottom) > 1
            else f"{bottom[0]} has no power per citizen"
        )
    return Summary(
        index=index,
        most_powerful=None if equal else top[0],
        least_powerful=None if equal else bottom[0],
        most_tied=len(top),
        least_tied=len(bottom),
        all_equal=equal,
        ratio=1.0 if equal else (high / low if low > 0 else math.inf),
        ratio_note=note,
        gini=weighted_gini(values, people),
        mean_relative_to_direct=mean / direct,
    )


@dataclass(frozen=True)
class Proportional(Bloc):
    """``seats`` electors split in proportion to the statewide vote: ``y`` yes votes of ``voters``
    give ``floor(seats * y / voters + 1/2)`` electors to yes (nearest whole elector, halves up).

    All citizens of the state are symmetric, so one citizen's effect is the derivative of the
    law of the yes electors with respect to ``t``, divided by ``voters``:
    ``d/dt P(Y >= k) = voters * b(k - 1; voters - 1, t)``.
    """

    def units(self) -> list[tuple[str, int]]:
        # the electors are not independent players: no unit game is defined for them
        return []

    def evaluate(self, t: np.ndarray) -> tuple[Taps, Taps]:
        return self.distribution(t), self.pivot(t)

    def _thresholds(self) -> list[int]:
        """Fewest yes votes that give at least x electors, x = 0..seats+1."""
        n, w = self.voters, self.seats
        out = [0]
        for x in range(1, w + 1):
            out.append(-((-(2 * x - 1) * n) // (2 * w)))  # ceil((2x - 1) n / (2 w))
        out.append(n + 1)
        return out

    def _at_least(self, t: np.ndarray) -> list[np.ndarray]:
        return [_tail(k, self.voters, t) if k > 0 else np.ones_like(t) for k in self._thresholds()]

    def distribution(self, t: np.ndarray) -> Taps:
        at_least = self._at_least(t)
        return [(x, at_least[x] - at_least[x + 1]) for x in range(self.seats + 1)]

    def pivot(self, t: np.ndarray) -> Taps:
        n = self.voters
        slopes = [
            _pmf(k - 1, n - 1, t) if 0 < k <= n else np.zeros_like(t) for k in self._thresholds()
        ]
        return [(x, slopes[x] - slopes[x + 1]) for x in range(self.seats + 1)]
