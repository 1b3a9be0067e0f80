"""The apportionment methods (divisor methods by their signposts, Hamilton's largest
remainders) and the House-size rules, as registries of specs.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from ...core.errors import ApportionmentError
from ...core.registry import Registry, Spec


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

#: the fixed-ratio rule's prefix: ``fixed-ratio:30000`` is one seat per 30,000 people
FIXED_RATIO = "fixed-ratio:"


def fixed_ratio(rule: object) -> int | None:
    """The people per seat of a fixed-ratio rule (``"fixed-ratio:30000"``), or ``None`` when
    ``rule`` is not one; a fixed ratio that is not a whole number of 1 or more is refused."""
    if not isinstance(rule, str) or not rule.strip().lower().startswith(FIXED_RATIO):
        return None
    text = rule.strip()[len(FIXED_RATIO) :].replace("_", "").replace(",", "")
    if not (text.isascii() and text.isdigit() and int(text) >= 1):
        raise ApportionmentError(
            f"house size {rule!r}: a fixed ratio is a whole number of people per seat, "
            "e.g. fixed-ratio:760000"
        )
    return int(text)


def is_house_size(value: object) -> bool:
    """``value`` names a House size: a number of seats from 1 to :data:`MAX_HOUSE_SIZE`, a
    rule of :data:`HOUSE_SIZE_RULES` or a fixed ratio (``fixed-ratio:N``, N people a seat)."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return 1 <= value <= MAX_HOUSE_SIZE
    if not isinstance(value, str):
        return False
    try:
        return value in HOUSE_SIZE_RULES or fixed_ratio(value) is not None
    except ApportionmentError:
        return False


def house_size(
    rule: int | str, populations: Mapping[str, int], *, wyoming_rounding: str = "nearest"
) -> tuple[int, str]:
    """The House size for ``rule``: a number, ``"wyoming-rule"``, ``"cube-root-rule"`` or a
    fixed ratio, ``"fixed-ratio:N"`` (one seat per ``N`` people: the total population over
    ``N``, rounded to the nearest whole number, halves up).

    Returns ``(size, description)``.

    >>> pops = {"A": 1_000, "B": 2_500, "C": 6_400}
    >>> house_size("wyoming-rule", pops)
    (10, 'Wyoming rule: 9,900 / 1,000 (smallest state A) = 9.9, rounded to nearest = 10')
    >>> house_size("cube-root", pops)[0]     # cube root of 9,900 is 21.47
    21
    >>> house_size("fixed-ratio:2000", pops)
    (5, 'fixed ratio: 9,900 / 2,000 people a seat = 4.95, rounded to nearest = 5')
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
    total = sum(populations.values())
    per_seat = fixed_ratio(rule)
    if per_seat is not None:
        exact = Fraction(total, per_seat)
        size = _round_fraction(exact, "nearest")
        if not 1 <= size <= MAX_HOUSE_SIZE:
            raise ApportionmentError(
                f"house size {rule}: {total:,} / {per_seat:,} people a seat gives {size:,} "
                f"seats; a House has 1 to {MAX_HOUSE_SIZE:,}"
            )
        return size, (
            f"fixed ratio: {total:,} / {per_seat:,} people a seat = {float(exact):.4g}, "
            f"rounded to nearest = {size}"
        )
    spec = HOUSE_SIZE_RULES.get(str(rule))
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
