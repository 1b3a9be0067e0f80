"""Compound games: the multilinear computation against brute force, and the axioms."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from votepower.core.errors import InvalidGameError, ResourceLimitError
from votepower.games.compound import All, Any, Body, CompoundGame, Threshold, compound_power


def _brute_force(game: CompoundGame) -> tuple[list[Fraction], list[Fraction]]:
    """Banzhaf (absolute) and Shapley-Shubik from the definition: coalitions and orderings."""
    players = [(b.name, w) for b in game.bodies for w in b.weights]
    n = len(players)

    def wins(members: set[int]) -> bool:
        weight: dict[str, int] = {}
        for i in members:
            weight[players[i][0]] = weight.get(players[i][0], 0) + players[i][1]
        return game.passes(weight)

    bz = []
    for i in range(n):
        others = [j for j in range(n) if j != i]
        swings = sum(
            wins(set(c) | {i}) and not wins(set(c))
            for k in range(n)
            for c in itertools.combinations(others, k)
        )
        bz.append(Fraction(swings, 2 ** (n - 1)))
    ss = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        seen: set[int] = set()
        for i in order:
            seen.add(i)
            if wins(seen):
                ss[i] += 1
                break
    return bz, [v / math.factorial(n) for v in ss]


@st.composite
def compound_games(draw, max_players: int = 7) -> CompoundGame:
    count = draw(st.integers(1, 3))
    sizes = [draw(st.integers(1, 3)) for _ in range(count)]
    while sum(sizes) > max_players:
        sizes[sizes.index(max(sizes))] -= 1
    bodies = tuple(
        Body(f"B{j}", tuple(draw(st.integers(1, 3)) for _ in range(size)))
        for j, size in enumerate(sizes)
    )

    def rule(depth: int):
        if depth == 0 or draw(st.booleans()):
            body = draw(st.sampled_from(bodies))
            return Threshold(body.name, draw(st.integers(1, body.total)))
        parts = tuple(rule(depth - 1) for _ in range(draw(st.integers(1, 3))))
        return All(parts) if draw(st.booleans()) else Any(parts)

    return CompoundGame("random", bodies, rule(2))


def _winning_at_all(game: CompoundGame) -> bool:
    return game.passes({b.name: b.total for b in game.bodies})


@given(compound_games())
def test_exact_enumeration_equals_brute_force(game):
    bz, ss = _brute_force(game)
    r = compound_power(game, exact=True)
    assert list(r.banzhaf) == bz
    assert list(r.shapley_shubik) == ss


@given(compound_games())
def test_multilinear_equals_exact(game):
    exact = compound_power(game, exact=True)
    fast = compound_power(game)
    for a, b in zip(
        exact.banzhaf + exact.shapley_shubik, fast.banzhaf + fast.shapley_shubik, strict=False
    ):
        assert float(a) == pytest.approx(b, abs=1e-12)


@given(compound_games())
def test_efficiency_and_null_players(game):
    r = compound_power(game)
    assert sum(r.shapley_shubik) == pytest.approx(1.0 if _winning_at_all(game) else 0.0, abs=1e-12)
    if sum(r.banzhaf) > 0:
        assert sum(r.banzhaf_normalized) == pytest.approx(1.0)
    exact = compound_power(game, exact=True)
    for b, s in zip(exact.banzhaf, exact.shapley_shubik, strict=True):
        assert (b == 0) == (s == 0)  # a null player has no power in either index


def _process(house: int, senate: int, *, override: bool = True) -> CompoundGame:
    signed = All(
        (Threshold("H", house // 2 + 1), Threshold("S", senate // 2 + 1), Threshold("P", 1))
    )
    overridden = All(
        (Threshold("H", math.ceil(2 * house / 3)), Threshold("S", math.ceil(2 * senate / 3)))
    )
    rule = Any((signed, overridden)) if override else signed
    bodies = (Body.uniform("H", house), Body.uniform("S", senate), Body.uniform("P", 1))
    return CompoundGame("lawmaking", bodies, rule)


def test_symmetry_within_a_chamber():
    r = compound_power(_process(7, 5))
    assert max(r.banzhaf[:7]) - min(r.banzhaf[:7]) < 1e-15
    assert max(r.shapley_shubik[7:12]) - min(r.shapley_shubik[7:12]) < 1e-15


def test_president_tends_to_one_sixth():
    """Shapley and Shubik (1954): in the large-chamber limit the President's value is 1/6."""
    values = [compound_power(_process(h, s))["P"][2] for h, s in ((5, 3), (45, 15), (435, 101))]
    gaps = [abs(v - 1 / 6) for v in values]
    assert gaps[2] < gaps[1] < gaps[0]
    assert gaps[2] < 0.01


def test_veto_override_takes_power_from_the_president():
    with_override = compound_power(_process(9, 5))["P"]
    without = compound_power(_process(9, 5, override=False))["P"]
    assert with_override[0] < without[0] and with_override[2] < without[2]


def test_invalid_games_are_refused():
    body = Body.uniform("H", 3)
    with pytest.raises(InvalidGameError, match="names body 'X'"):
        CompoundGame("g", (body,), Threshold("X", 1))
    with pytest.raises(InvalidGameError, match="quota 4"):
        CompoundGame("g", (body,), Threshold("H", 4))
    with pytest.raises(InvalidGameError, match="unique"):
        CompoundGame("g", (body, Body.uniform("H", 2, "K")), Threshold("H", 1))
    with pytest.raises(InvalidGameError, match="labels must be unique"):
        CompoundGame("g", (body, Body("K", (1,), ("H-1",))), Threshold("H", 1))
    with pytest.raises(InvalidGameError, match="positive integers"):
        Body("H", (1, 0))
    with pytest.raises(InvalidGameError, match="at least one condition"):
        CompoundGame("g", (body,), All(()))
    with pytest.raises(ResourceLimitError, match="exact enumeration"):
        compound_power(_process(21, 5), exact=True)


def test_heavy_bodies_are_refused_and_large_node_sets_chunked(monkeypatch):
    """Memory is bounded: nodes in chunks (same values), and a body too heavy for one node is
    refused with a one-line reason before anything is allocated."""
    import votepower.games.compound as compound

    game = _process(61, 21)
    whole = compound_power(game)
    monkeypatch.setattr(compound, "MEMORY_BYTES", 40 * compound._node_bytes(
        game, {b.name: compound._classes(b, np.array([0.5]))[0] for b in game.bodies}
    ))  # fmt: skip
    chunked = compound_power(game)
    np.testing.assert_allclose(chunked.shapley_shubik, whole.shapley_shubik, rtol=1e-12)
    heavy = CompoundGame("heavy", (Body("h", (10**9, 1), ("a", "b")),), Threshold("h", 2))
    with pytest.raises(ResourceLimitError, match="GiB"):
        compound_power(heavy)
