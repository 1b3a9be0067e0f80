"""The kinds of block a state's citizens elect (all but the split state): a bloc, districts,
independent seats, proportional electors. Each gives, at ``t``, the law of its yes weight and one
citizen's effect on it (taps: ``(weight, probability)`` pairs).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass

import numpy as np

from ..core.errors import CitizenModelError
from .contests import _contest, _pmf, _small_binomial, _tail, decisive_probability

Taps = list[tuple[int, np.ndarray]]


def _moments(taps: Taps) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of a weight with the law ``taps``, at each ``t``."""
    mean = sum(x * p for x, p in taps)
    second = sum(x * x * p for x, p in taps)
    return np.asarray(mean), np.asarray(second - mean**2)


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
    ballot per seat). A citizen's power is the sum of her ballots' effects (each ballot an
    independent coin-flip vote): at most ``seats x decisive_probability(voters)``, which must
    not exceed 1 for the sum to be a probability, so tiny contests are refused."""

    def __post_init__(self) -> None:
        super().__post_init__()
        bound = self.districts * decisive_probability(self.voters_per_district)
        if bound > 1.0:
            raise CitizenModelError(
                f"{self.label}: {self.districts} seats each elected by the same "
                f"{self.voters_per_district:,} citizens: a citizen's power, the sum of her "
                f"ballots' effects, could reach {bound:.3g}, not a probability; independent "
                "seats need larger contests (or elect the seats together, as a Bloc)"
            )

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
