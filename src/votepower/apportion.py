"""Apportionment of House seats among states: divisor and quota methods, House-size rules.

Divisor methods hand out seats one at a time by *priority*: a state with population ``p`` that
holds ``s`` seats claims its next seat with priority ``p / d(s)``, where ``d`` is the method's
signpost (Jefferson ``s + 1``, Webster ``s + 1/2``, Adams ``s``, Dean the harmonic mean of ``s`` and
``s + 1``, Huntington-Hill their geometric mean). Priorities are compared exactly through their
squares, ``p^2 / d(s)^2``, which are rational for every method: no floats decide a seat. A state
with ``d(s) = 0`` (no seat yet under Adams, Dean or Huntington-Hill) has infinite priority.

Hamilton (largest remainder) gives each state the whole part of its standard quota
``N p / P`` and the remaining seats to the largest fractional parts.

A tie for the last seat (equal priorities or remainders on both sides of the cut) is detected:
``ties="raise"`` raises :class:`ApportionmentTieError`, ``ties="report"`` returns the result with
the tie described in :attr:`Apportionment.tie` (the seat then goes to the state listed first, and
the result says so). Nothing is broken silently.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction

from .errors import ApportionmentError, ApportionmentTieError
from .registry import Registry, Spec

__all__ = [
    "ApportionmentMethod",
    "APPORTIONMENT_METHODS",
    "HouseSizeRule",
    "HOUSE_SIZE_RULES",
    "ApportionmentError",
    "ApportionmentTieError",
    "StateSeats",
    "LastSeat",
    "Tie",
    "Apportionment",
    "apportion",
    "house_size",
    "WYOMING_ROUNDINGS",
]


# --------------------------------------------------------------------------------------------
# Methods
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ApportionmentMethod(Spec):
    """An apportionment method. Divisor methods carry ``signpost_squared(s) = d(s)^2``."""

    kind: str = "divisor"
    signpost_squared: Callable[[int], Fraction] | None = None
    aliases: tuple[str, ...] = ()


def _hill(s: int) -> Fraction:
    return Fraction(s * (s + 1))


def _webster(s: int) -> Fraction:
    return Fraction((2 * s + 1) ** 2, 4)


def _jefferson(s: int) -> Fraction:
    return Fraction((s + 1) ** 2)


def _adams(s: int) -> Fraction:
    return Fraction(s * s)


def _dean(s: int) -> Fraction:
    return Fraction(2 * s * (s + 1), 2 * s + 1) ** 2


APPORTIONMENT_METHODS: Registry[ApportionmentMethod] = Registry(
    "apportionment method",
    ApportionmentMethod(
        "huntington-hill",
        "equal proportions: divisor sqrt(s(s+1)); the US method since 1941",
        signpost_squared=_hill,
        aliases=("hill", "equal-proportions", "hh"),
    ),
    ApportionmentMethod(
        "webster",
        "major fractions: divisor s + 1/2 (Sainte-Lague)",
        signpost_squared=_webster,
        aliases=("sainte-lague", "major-fractions", "willcox"),
    ),
    ApportionmentMethod(
        "jefferson",
        "greatest divisors: divisor s + 1 (D'Hondt); favours large states",
        signpost_squared=_jefferson,
        aliases=("dhondt", "d-hondt", "greatest-divisors"),
    ),
    ApportionmentMethod(
        "adams",
        "smallest divisors: divisor s; favours small states",
        signpost_squared=_adams,
        aliases=("smallest-divisors",),
    ),
    ApportionmentMethod(
        "dean",
        "harmonic mean: divisor 2s(s+1)/(2s+1)",
        signpost_squared=_dean,
        aliases=("harmonic-mean",),
    ),
    ApportionmentMethod(
        "hamilton",
        "largest remainder: whole parts of the quotas, then the largest fractional parts (Vinton)",
        kind="quota",
        aliases=("largest-remainder", "vinton", "hare"),
    ),
)


# --------------------------------------------------------------------------------------------
# House-size rules
# --------------------------------------------------------------------------------------------
WYOMING_ROUNDINGS = ("nearest", "down", "up")


@dataclass(frozen=True)
class HouseSizeRule(Spec):
    """A rule that fixes the House size from the populations."""

    aliases: tuple[str, ...] = ()


HOUSE_SIZE_RULES: Registry[HouseSizeRule] = Registry(
    "house-size rule",
    HouseSizeRule(
        "wyoming-rule",
        "total population / smallest state's population (rounding selectable; published "
        "figures differ by one seat because conventions differ)",
        aliases=("wyoming",),
    ),
    HouseSizeRule(
        "cube-root-rule",
        "the cube root of the total population, rounded to the nearest integer",
        aliases=("cube-root",),
    ),
)


def _round_fraction(x: Fraction, rounding: str) -> int:
    if rounding == "down":
        return math.floor(x)
    if rounding == "up":
        return math.ceil(x)
    return math.floor(x + Fraction(1, 2))  # nearest, halves up


def _nearest_cube_root(n: int) -> int:
    k = round(n ** (1 / 3))
    while k**3 > n:
        k -= 1
    while (k + 1) ** 3 <= n:
        k += 1
    # k^3 <= n < (k+1)^3; nearest to the real cube root: compare n with (k + 1/2)^3
    return k + 1 if 8 * n >= (2 * k + 1) ** 3 else k


#: the largest House this package apportions (a hundred times today's; bounds time and memory)
MAX_HOUSE_SIZE = 50_000


def house_size(
    rule: int | str, populations: Mapping[str, int], *, wyoming_rounding: str = "nearest"
) -> tuple[int, str]:
    """The House size for ``rule`` (a number, ``"wyoming-rule"`` or ``"cube-root-rule"``).

    Returns ``(size, description)``.

    >>> pops = {"A": 1_000, "B": 2_500, "C": 6_400}
    >>> house_size("wyoming-rule", pops)
    (10, 'Wyoming rule: 9,900 / 1,000 (smallest state A) = 9.9, rounded to nearest = 10')
    >>> house_size("cube-root", pops)[0]     # cube root of 9,900 is 21.47
    21
    """
    if isinstance(rule, bool):
        raise ApportionmentError(f"house size {rule!r} is not a number of seats or a rule")
    text = rule.strip() if isinstance(rule, str) else ""
    if isinstance(rule, int) or (text.isascii() and text.lstrip("+-").isdigit()):
        size = int(rule)
        if not 1 <= size <= MAX_HOUSE_SIZE:
            raise ApportionmentError(
                f"house size must be between 1 and {MAX_HOUSE_SIZE:,} seats, not {size:,}"
            )
        return size, f"fixed at {size}"
    if not isinstance(rule, str):
        raise ApportionmentError(f"house size {rule!r} is not a number of seats or a rule")
    if not populations:
        raise ApportionmentError("no states to apportion among")
    spec = HOUSE_SIZE_RULES.get(str(rule))
    total = sum(populations.values())
    if spec.id == "wyoming-rule":
        if wyoming_rounding not in WYOMING_ROUNDINGS:
            raise ApportionmentError(
                f"unknown Wyoming-rule rounding {wyoming_rounding!r}; "
                f"choose one of: {', '.join(WYOMING_ROUNDINGS)}"
            )
        smallest = min(populations, key=lambda s: (populations[s], s))
        ratio = Fraction(total, populations[smallest])
        size = _round_fraction(ratio, wyoming_rounding)
        return size, (
            f"Wyoming rule: {total:,} / {populations[smallest]:,} (smallest state {smallest}) = "
            f"{float(ratio):.4g}, rounded to {wyoming_rounding} = {size}"
        )
    size = _nearest_cube_root(total)
    return (
        size,
        f"cube-root rule: cube root of {total:,} = {total ** (1 / 3):.2f}, nearest = {size}",
    )


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class StateSeats:
    """One state's line of an apportionment."""

    state: str
    population: int
    seats: int
    quota: Fraction
    """Standard quota: house size x population / total population."""
    official: int | None = None

    @property
    def change(self) -> int | None:
        """Seats minus the official seats of that census (``None`` when unknown)."""
        return None if self.official is None else self.seats - self.official

    @property
    def population_per_seat(self) -> Fraction | None:
        return Fraction(self.population, self.seats) if self.seats else None

    @property
    def quota_violation(self) -> str | None:
        """``"lower"`` if seats < floor(quota), ``"upper"`` if seats > ceil(quota), else None."""
        if self.seats < math.floor(self.quota):
            return "lower"
        if self.seats > math.ceil(self.quota):
            return "upper"
        return None


@dataclass(frozen=True)
class LastSeat:
    """Who won the last seat, who was next in line, and by how many people.

    ``shortfall``: the fewest additional people with which ``runner_up`` would have won the last
    seat (its priority strictly above the winner's). ``surplus``: the most people ``state`` could
    have lost and still won it (strictly). For a tie both are 0.
    """

    state: str
    seat: int
    runner_up: str | None
    runner_up_seat: int | None
    shortfall: int | None
    surplus: int | None


@dataclass(frozen=True)
class Tie:
    """States tied exactly for the last seat(s)."""

    states: tuple[str, ...]
    seats_available: int
    awarded_to: tuple[str, ...]

    def describe(self) -> str:
        return (
            f"tie: {', '.join(self.states)} tie exactly for {self.seats_available} remaining "
            f"seat(s); listed order gave it to {', '.join(self.awarded_to)}"
        )


@dataclass(frozen=True)
class Apportionment:
    """The result of :func:`apportion`."""

    method: str
    house_size: int
    min_seats: int
    states: tuple[StateSeats, ...]
    last_seat: LastSeat | None
    tie: Tie | None = None
    house_size_rule: str = field(default="")

    @property
    def seats(self) -> dict[str, int]:
        return {s.state: s.seats for s in self.states}

    @property
    def total_population(self) -> int:
        return sum(s.population for s in self.states)

    @property
    def quota_violations(self) -> dict[str, str]:
        return {s.state: v for s in self.states if (v := s.quota_violation) is not None}

    def __getitem__(self, state: str) -> StateSeats:
        for line in self.states:
            if line.state == state:
                return line
        raise KeyError(state)


# --------------------------------------------------------------------------------------------
# Algorithms
# --------------------------------------------------------------------------------------------
_INFINITE = None  # priority of a claim whose signpost is 0


def _priority(pop: int, seats: int, d2: Callable[[int], Fraction]) -> Fraction | None:
    """Squared priority of the claim for seat ``seats + 1``; None means infinite."""
    denominator = d2(seats)
    return _INFINITE if denominator == 0 else Fraction(pop * pop) / denominator


def _greater(a: Fraction | None, b: Fraction | None) -> bool:
    if a is None:
        return b is not None
    return b is not None and a > b


def _validate(populations: Mapping[str, int], size: int, min_seats: int) -> None:
    if not populations:
        raise ApportionmentError("no states to apportion among")
    for state, pop in populations.items():
        if isinstance(pop, bool) or not isinstance(pop, int) or pop <= 0:
            raise ApportionmentError(
                f"population of {state} must be a positive integer, not {pop!r}"
            )
    if min_seats < 0:
        raise ApportionmentError(f"the minimum of seats must be at least 0, not {min_seats}")
    if size < 1:
        raise ApportionmentError(f"house size must be at least 1, not {size}")
    if size < min_seats * len(populations):
        raise ApportionmentError(
            f"a House of {size} cannot give {len(populations)} states at least {min_seats} "
            f"seat(s) each"
        )


def _divisor(
    populations: Mapping[str, int],
    size: int,
    d2: Callable[[int], Fraction],
    min_seats: int,
    ties: str,
) -> tuple[dict[str, int], LastSeat | None, Tie | None]:
    states = list(populations)
    total = sum(populations.values())
    # Float estimate of the allocation, corrected exactly below. A signpost d(k) ~ k + delta
    # gives on average x + 1/2 - delta seats for a quotient x, so the divisor is shifted to
    # make the estimate add up to about the House size.
    delta = math.sqrt(float(d2(50))) - 50
    scale = (size + len(states) * (delta - 0.5)) / total
    seats: dict[str, int] = {}
    for s in states:
        x = populations[s] * scale
        k = max(math.floor(x), 0)
        seats[s] = max(min_seats, k + (1 if x * x > float(d2(k)) else 0))

    def next_key(s: str) -> Fraction | None:
        return _priority(populations[s], seats[s], d2)

    def last_key(s: str) -> Fraction | None:
        return _priority(populations[s], seats[s] - 1, d2) if seats[s] > min_seats else None

    def best_claim() -> str:
        best = states[0]
        for s in states[1:]:
            if _greater(next_key(s), next_key(best)):
                best = s
        return best

    def weakest_seat() -> str | None:
        weakest = None
        for s in states:
            if seats[s] <= min_seats:
                continue
            if weakest is None or _greater(last_key(weakest), last_key(s)):
                weakest = s
        return weakest

    while sum(seats.values()) < size:
        seats[best_claim()] += 1
    while sum(seats.values()) > size:
        w = weakest_seat()
        assert w is not None  # guaranteed by size >= min_seats * n
        seats[w] -= 1
    for _ in range(10 * len(states) + 100):
        claimant, weakest = best_claim(), weakest_seat()
        if weakest is None or not _greater(next_key(claimant), last_key(weakest)):
            break
        seats[weakest] -= 1
        seats[claimant] += 1
    else:  # pragma: no cover - the exchange always terminates
        raise ApportionmentError("divisor method did not converge")

    weakest = weakest_seat()
    claimant = best_claim()
    if weakest is None:
        return seats, None, None
    top_claim, bottom_seat = next_key(claimant), last_key(weakest)
    tie = None
    if (
        top_claim == bottom_seat
        and top_claim is not None
        or (top_claim is None and bottom_seat is None)
    ):
        tied_holders = [s for s in states if seats[s] > min_seats and last_key(s) == bottom_seat]
        tied_claims = [s for s in states if next_key(s) == top_claim]
        tie = Tie(
            states=tuple(dict.fromkeys(tied_holders + tied_claims)),
            seats_available=len(tied_holders),
            awarded_to=tuple(tied_holders),
        )
        if ties == "raise":
            raise ApportionmentTieError(tie.describe())
    last = _divisor_margins(populations, seats, d2, weakest, claimant, tie is not None)
    return seats, last, tie


def _divisor_margins(
    populations: Mapping[str, int],
    seats: Mapping[str, int],
    d2: Callable[[int], Fraction],
    winner: str,
    runner: str,
    tied: bool,
) -> LastSeat:
    pw, sw = populations[winner], seats[winner]
    pr, sr = populations[runner], seats[runner]
    dw, dr = d2(sw - 1), d2(sr)
    shortfall = surplus = 0
    if not tied and dw != 0 and dr != 0:
        # runner-up needs (pr + x)^2 / dr > pw^2 / dw
        target = Fraction(pw * pw) * dr / dw
        shortfall = max(0, math.isqrt(math.floor(target)) + 1 - pr)
        # winner keeps it while (pw - y)^2 / dw > pr^2 / dr
        floor_pop = math.isqrt(math.floor(Fraction(pr * pr) * dw / dr)) + 1
        surplus = max(0, pw - floor_pop)
    elif not tied:
        shortfall = surplus = None  # type: ignore[assignment]
    return LastSeat(winner, sw, runner, sr + 1, shortfall, surplus)


def _hamilton_seats(
    populations: Mapping[str, int], size: int, min_seats: int
) -> tuple[dict[str, int], list[str], int, dict[str, Fraction]]:
    """Seats before the remainder round, the ranking of the states eligible for a remainder
    seat, how many remainder seats there are, and the remainders.

    States whose quota falls below the minimum get the minimum and leave the division; the other
    seats are divided among the other states by their quotas of those seats, repeated until every
    remaining quota reaches the minimum.
    """
    fixed: set[str] = set()
    while True:
        rest = {s: p for s, p in populations.items() if s not in fixed}
        seats_left = size - min_seats * len(fixed)
        total = sum(rest.values())
        # quota = seats_left * p / total, kept as (whole part, remainder numerator over total)
        parts = {s: divmod(seats_left * p, total) for s, p in rest.items()}
        below = {s for s, (whole, _) in parts.items() if whole < min_seats}
        if not below:
            break
        fixed |= below
    seats = {s: min_seats for s in fixed} | {s: whole for s, (whole, _) in parts.items()}
    left = size - sum(seats.values())
    remainder = {s: Fraction(r, total) for s, (_, r) in parts.items()}
    ranking = sorted(rest, key=lambda s: -parts[s][1])  # stable: ties keep listed order
    return seats, ranking, left, remainder


def _hamilton(
    populations: Mapping[str, int], size: int, min_seats: int, ties: str
) -> tuple[dict[str, int], LastSeat | None, Tie | None]:
    seats, ranking, left, remainder = _hamilton_seats(populations, size, min_seats)
    if left > len(ranking):
        raise ApportionmentError("not enough states to receive the remaining seats")
    for s in ranking[:left]:
        seats[s] += 1
    tie = None
    if 0 < left < len(ranking) and remainder[ranking[left - 1]] == remainder[ranking[left]]:
        cut = remainder[ranking[left]]
        tied = [s for s in ranking if remainder[s] == cut]
        awarded = [s for s in ranking[:left] if remainder[s] == cut]
        tie = Tie(tuple(tied), len(awarded), tuple(awarded))
        if ties == "raise":
            raise ApportionmentTieError(tie.describe())
    if left == 0 or left >= len(ranking):
        return seats, None, tie
    winner, runner = ranking[left - 1], ranking[left]
    if tie is not None:
        return seats, LastSeat(winner, seats[winner], runner, seats[runner] + 1, 0, 0), tie

    def seats_of(state: str, pop: int) -> int:
        changed = dict(populations)
        changed[state] = pop
        got, order, k, _ = _hamilton_seats(changed, size, min_seats)
        return got[state] + (1 if state in order[:k] else 0)

    # Under Hamilton a state's own seats never fall as its own population grows, so both
    # margins are found by bisection on exact recomputations.
    lo, hi = 0, 1
    while seats_of(runner, populations[runner] + hi) <= seats[runner]:
        hi *= 2
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if seats_of(runner, populations[runner] + mid) > seats[runner]:
            hi = mid
        else:
            lo = mid
    shortfall = hi
    lo, hi = 0, populations[winner] - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if seats_of(winner, populations[winner] - mid) >= seats[winner]:
            lo = mid
        else:
            hi = mid - 1
    return seats, LastSeat(winner, seats[winner], runner, seats[runner] + 1, shortfall, lo), tie


def apportion(
    populations: Mapping[str, int],
    house_size: int,
    *,
    method: str = "huntington-hill",
    min_seats: int = 1,
    ties: str = "raise",
    official: Mapping[str, int] | None = None,
    house_size_rule: str = "",
) -> Apportionment:
    """Apportion ``house_size`` seats among states in proportion to ``populations``.

    Parameters
    ----------
    populations
        State code -> population (positive integers).
    house_size
        Total number of seats (see :func:`house_size` for the Wyoming and cube-root rules).
    method
        An id or alias from :data:`APPORTIONMENT_METHODS`.
    min_seats
        Seats every state receives at least (the Constitution: 1).
    ties
        ``"raise"`` (default) or ``"report"`` for an exact tie for the last seat.
    official
        Official seats, to report the change of each state.

    Examples
    --------
    >>> r = apportion({"A": 6_000, "B": 6_000, "C": 2_000}, 10, method="hamilton", min_seats=0)
    >>> r.seats
    {'A': 4, 'B': 4, 'C': 2}
    >>> apportion({"A": 6_000, "B": 6_000, "C": 2_000}, 11, method="hamilton", min_seats=0).seats
    {'A': 5, 'B': 5, 'C': 1}
    """
    if ties not in ("raise", "report"):
        raise ApportionmentError(f"ties must be 'raise' or 'report', not {ties!r}")
    spec = APPORTIONMENT_METHODS.get(method)
    _validate(populations, house_size, min_seats)
    if spec.kind == "quota":
        seats, last, tie = _hamilton(populations, house_size, min_seats, ties)
    else:
        assert spec.signpost_squared is not None
        infinite_claims = spec.signpost_squared(0) == 0 and min_seats == 0
        if infinite_claims and house_size < len(populations):
            raise ApportionmentError(
                f"{spec.id} gives every state a seat before any state a second one; "
                f"{house_size} seats cannot cover {len(populations)} states"
            )
        seats, last, tie = _divisor(populations, house_size, spec.signpost_squared, min_seats, ties)
    total = sum(populations.values())
    lines = tuple(
        StateSeats(
            state=s,
            population=p,
            seats=seats[s],
            quota=Fraction(house_size * p, total),
            official=None if official is None else official.get(s),
        )
        for s, p in populations.items()
    )
    return Apportionment(
        method=spec.id,
        house_size=house_size,
        min_seats=min_seats,
        states=lines,
        last_seat=last,
        tie=tie,
        house_size_rule=house_size_rule or f"fixed at {house_size}",
    )
