"""Registries of small spec objects: ids, aliases and what each entry can do.

One registry per kind (power indices, algorithms). The library, the command line (its
``click.Choice`` lists) and the tests (their parametrization) all read the same registry, so an
entry added here shows up everywhere.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .errors import UnknownMethodError

__all__ = ["Registry", "IndexSpec", "MethodSpec", "INDICES", "METHODS"]


@dataclass(frozen=True)
class Spec:
    """What every registry entry has: an id, a one-line description and aliases."""

    id: str
    description: str


@dataclass(frozen=True)
class IndexSpec(Spec):
    """A power index."""

    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class MethodSpec(Spec):
    """An algorithm computing power indices.

    ``exact``: can return exact integer counts and fractions. ``indices``: which index ids it
    computes. ``max_players``: a hard size limit (``None`` for none; the generating function is
    limited by its cost estimate instead). ``random``: results are estimates with standard errors.
    """

    indices: tuple[str, ...]
    exact: bool
    aliases: tuple[str, ...] = ()
    max_players: dict[str, int] = field(default_factory=dict)
    random: bool = False


S = TypeVar("S", bound=Spec)


class Registry(Generic[S]):
    """Specs by id, with aliases resolved in one place."""

    def __init__(self, kind: str, *specs: S) -> None:
        self.kind = kind
        self._specs: dict[str, S] = {}
        self._alias: dict[str, str] = {}
        for spec in specs:
            self._specs[spec.id] = spec
            for name in (spec.id, *getattr(spec, "aliases", ())):
                if name in self._alias:
                    raise ValueError(f"duplicate {kind} name {name!r}")
                self._alias[name] = spec.id

    def get(self, name: str) -> S:
        """The spec called ``name`` (an id or an alias; case and ``_`` are ignored)."""
        if not isinstance(name, str):
            raise UnknownMethodError(self.kind, repr(name), self.ids())
        key = name.strip().lower().replace("_", "-")
        if key not in self._alias:
            raise UnknownMethodError(self.kind, name, self.ids())
        return self._specs[self._alias[key]]

    def ids(self) -> list[str]:
        return list(self._specs)

    def names(self) -> list[str]:
        """Ids and aliases, for command-line choices."""
        return list(self._alias)

    def __iter__(self) -> Iterator[S]:
        return iter(self._specs.values())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.strip().lower().replace("_", "-") in self._alias


INDICES: Registry[IndexSpec] = Registry(
    "index",
    IndexSpec(
        "banzhaf",
        "Banzhaf: swings / 2^(n-1) (absolute, Penrose) and swings / total swings (normalized)",
        ("bz", "penrose", "penrose-banzhaf"),
    ),
    IndexSpec(
        "shapley-shubik",
        "Shapley-Shubik: share of the n! orderings in which the player is pivotal",
        ("ss", "shapley", "shapley-value"),
    ),
)

METHODS: Registry[MethodSpec] = Registry(
    "method",
    MethodSpec(
        "generating-function",
        "dynamic programme over total weight: Banzhaf O(nW), Shapley-Shubik O(n^2 W); "
        "exact integers, or floats with an error estimate per player",
        ("banzhaf", "shapley-shubik"),
        exact=True,
        aliases=("gf", "dp", "dynamic-programming"),
    ),
    MethodSpec(
        "enumerate",
        "brute force over all coalitions (n <= 20) or orderings (n <= 8): the reference",
        ("banzhaf", "shapley-shubik"),
        exact=True,
        aliases=("brute-force", "enumeration"),
        max_players={"banzhaf": 20, "shapley-shubik": 20},
    ),
    MethodSpec(
        "multilinear",
        "multilinear extension (Owen): Shapley-Shubik as its integral by quadrature with an "
        "error estimate, Banzhaf as its derivative at 1/2: large games",
        ("banzhaf", "shapley-shubik"),
        exact=False,
        aliases=("mle", "owen"),
    ),
    MethodSpec(
        "monte-carlo",
        "seeded sampling of coalitions / orderings with standard errors: any size",
        ("banzhaf", "shapley-shubik"),
        exact=False,
        aliases=("mc", "sampling"),
        random=True,
    ),
)
