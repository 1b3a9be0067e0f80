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

The package: :mod:`.methods` (methods and House-size rules), :mod:`.results`,
:mod:`.algorithms`.
"""

from __future__ import annotations

from ...core.errors import ApportionmentError, ApportionmentTieError
from .algorithms import apportion
from .methods import (
    APPORTIONMENT_METHODS,
    FIXED_RATIO,
    HOUSE_SIZE_RULES,
    MAX_HOUSE_SIZE,
    WYOMING_ROUNDINGS,
    ApportionmentMethod,
    HouseSizeRule,
    fixed_ratio,
    house_size,
    is_house_size,
)
from .results import Apportionment, LastSeat, StateSeats, Tie

__all__ = [
    "ApportionmentMethod",
    "APPORTIONMENT_METHODS",
    "HouseSizeRule",
    "HOUSE_SIZE_RULES",
    "FIXED_RATIO",
    "fixed_ratio",
    "is_house_size",
    "MAX_HOUSE_SIZE",
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
