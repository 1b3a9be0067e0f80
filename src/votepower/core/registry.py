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

__all__ = ["Registry", "IndexSpec", "MethodSpec", "INDICES", "METHODS", "CITIZEN_INDEX_IDS"]


@dataclass(frozen=True)
class Spec:
    """What every registry entry has: an id, a one-line description and aliases."""

    id: str
    description: str


@dataclass(frozen=True)
class IndexSpec(Spec):
    """A power index. ``citizen``: defined per citizen in a two-tier body (the US commands
    offer only these); ``monotone``: a player's index never falls when its weight rises."""

    aliases: tuple[str, ...] = ()
    citizen: bool = False
    monotone: bool = True
    source: str = ""


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
        citizen=True,
        source="Penrose (1946); Banzhaf (1965)",
    ),
    IndexSpec(
        "shapley-shubik",
        "Shapley-Shubik: share of the n! orderings in which the player is pivotal",
        ("ss", "shapley", "shapley-value"),
        citizen=True,
        source="Shapley and Shubik (1954)",
    ),
    IndexSpec(
        "coleman-prevent",
        "Coleman's power to prevent action: swings / winning coalitions (the game's power to "
        "act, winning coalitions / 2^n, comes with it)",
        ("prevent", "coleman"),
        source="Coleman (1971)",
    ),
    IndexSpec(
        "coleman-initiate",
        "Coleman's power to initiate action: swings / losing coalitions",
        ("initiate",),
        source="Coleman (1971)",
    ),
    IndexSpec(
        "holler-packel",
        "Holler-Packel (public good index): minimal winning coalitions containing the player, "
        "normalized to sum to 1",
        ("holler", "pgi", "public-good"),
        monotone=False,
        source="Holler (1982); Holler and Packel (1983)",
    ),
    IndexSpec(
        "deegan-packel",
        "Deegan-Packel: each minimal winning coalition equally likely, shared equally by its "
        "members",
        ("deegan",),
        monotone=False,
        source="Deegan and Packel (1978)",
    ),
    IndexSpec(
        "johnston",
        "Johnston: each coalition with critical members shared equally among them, normalized "
        "to sum to 1",
        (),
        source="Johnston (1978); ranks players as Banzhaf does in weighted games (Freixas and "
        "Kaniovski 2013)",
    ),
)

#: the indices defined per citizen in two-tier bodies
CITIZEN_INDEX_IDS = tuple(spec.id for spec in INDICES if spec.citizen)

METHODS: Registry[MethodSpec] = Registry(
    "method",
    MethodSpec(
        "generating-function",
        "dynamic programme over total weight: Banzhaf O(nW), Shapley-Shubik O(n^2 W); "
        "exact integers, or floats with an error estimate per player; for a multi-criteria "
        "game, over the totals of its small criteria (members, seats, votes), exact",
        ("banzhaf", "shapley-shubik", "coleman-prevent", "coleman-initiate"),
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
        "win-table",
        "one bit per coalition (all 2^n, n <= 30), built by meet in the middle: every index "
        "exact, for any game kind; the default for multi-criteria games",
        tuple(spec.id for spec in INDICES),  # every index, from the same table
        exact=True,
        aliases=("bits", "bitset", "table"),
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
