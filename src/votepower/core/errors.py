"""Typed errors. Every error the library raises on purpose derives from :class:`VotepowerError`.

The command line maps these to a one-line message and exit status 1; bad usage of the command
line itself (unknown option, unknown method id) exits with status 2.
"""

from __future__ import annotations

__all__ = [
    "VotepowerError",
    "InvalidGameError",
    "UnknownMethodError",
    "MethodNotApplicableError",
    "ResourceLimitError",
    "DataError",
    "ApportionmentError",
    "ApportionmentTieError",
    "CitizenModelError",
    "SchemeError",
    "ScenarioError",
    "PlotError",
    "AccuracyError",
    "suggest",
]


def suggest(given: str, valid: list[str] | tuple[str, ...] | set[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest valid name, or an empty string."""
    import difflib

    key = given.strip().lower()
    lowered = {v.lower(): v for v in valid}
    if key in lowered:
        return f" (did you mean {lowered[key]!r}?)"
    close = difflib.get_close_matches(key, list(lowered), n=1, cutoff=0.6)
    return f" (did you mean {lowered[close[0]]!r}?)" if close else ""


class VotepowerError(Exception):
    """Root of all votepower errors."""


class InvalidGameError(VotepowerError, ValueError):
    """A game (weights, quota, labels) or its textual specification is invalid."""


class UnknownMethodError(VotepowerError, LookupError):
    """An algorithm, index or scheme id is not registered."""

    def __init__(self, kind: str, given: str, valid: list[str] | tuple[str, ...]) -> None:
        self.kind = kind
        self.given = given
        self.valid = tuple(valid)
        hint = suggest(given, self.valid) if isinstance(given, str) else ""
        super().__init__(f"unknown {kind} {given!r}{hint}; choose one of: {', '.join(self.valid)}")


class MethodNotApplicableError(VotepowerError, ValueError):
    """The chosen algorithm cannot handle this game (e.g. brute force on too many players)."""


class ResourceLimitError(VotepowerError, MemoryError):
    """The computation would exceed the memory or time budget; the message names an alternative."""


class DataError(VotepowerError, LookupError):
    """Packaged data is missing or does not cover the requested year or code."""


class SchemeError(VotepowerError, ValueError):
    """A scheme or a membership cannot be built as asked."""


class CitizenModelError(VotepowerError, ValueError):
    """A two-tier body is invalid."""


class PlotError(VotepowerError, RuntimeError):
    """Plotting is not available or failed."""


class ScenarioError(VotepowerError, ValueError):
    """A scenario file is invalid."""


class ApportionmentError(VotepowerError, ValueError):
    """The apportionment problem is invalid (e.g. fewer seats than the minima require)."""


class ApportionmentTieError(ApportionmentError):
    """Two states tie exactly for the last seat."""


class AccuracyError(VotepowerError, ArithmeticError):
    """A floating-point result could not be brought within its stated accuracy (or out of
    underflow); it is refused rather than returned."""
