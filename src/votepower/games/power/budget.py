"""Work estimates in words: how long a computation would take, for refusals that are made
before anything is computed. Estimates of exponential work are kept finite (``2.0 ** n``
overflows a float past ``n = 1023``)."""

from __future__ import annotations

import math

__all__ = ["duration", "exponential_seconds"]

#: a year in seconds, and the age of the universe (about 1.4e10 years)
_YEAR = 3.15e7
_UNIVERSE = 1.4e10 * _YEAR


def exponential_seconds(n: int, per_item: float) -> float:
    """``2^n * per_item`` seconds, capped at ``math.inf`` instead of overflowing."""
    exponent = n * math.log(2.0) + math.log(per_item)
    return math.exp(exponent) if exponent < 700 else math.inf


def duration(seconds: float) -> str:
    """``'42 s'``, ``'12 min'``, ``'3 h'``, ``'2e+05 years'`` or ``'longer than the age of the
    universe'``.

    >>> duration(42.3), duration(3600 * 5), duration(1e300), duration(float("inf"))
    ('42 s', '5 h', 'longer than the age of the universe', 'longer than the age of the universe')
    """
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    if seconds < 3.6e7:
        return f"{seconds / 3600:.0f} h"
    if seconds < _UNIVERSE:
        return f"{seconds / _YEAR:.0e} years"
    return "longer than the age of the universe"
