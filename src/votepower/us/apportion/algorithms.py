"""The apportionment algorithms in exact arithmetic: divisor methods by priority values,
Hamilton's method, their last-seat margins, and :func:`apportion`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from fractions import Fraction

from ...core.errors import ApportionmentError, ApportionmentTieError
from .methods import APPORTIONMENT_METHODS
from .results import Apportionment, LastSeat, StateSeats, Tie

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
