"""``--explain``: every count it prints equals brute force, listed or grouped."""

from __future__ import annotations

import re
from fractions import Fraction

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower import WeightedGame
from votepower.games.explain import MAX_LISTED_PLAYERS, explain
from votepower.games.power import enumerate as brute
from votepower.ui.cli import main


@st.composite
def grouped_games(draw):
    """11 to 15 players with few distinct weights (so that groups form)."""
    n = draw(st.integers(MAX_LISTED_PLAYERS + 1, 15))
    palette = draw(st.lists(st.integers(1, 9), min_size=1, max_size=4, unique=True))
    weights = [draw(st.sampled_from(palette)) for _ in range(n)]
    quota = draw(st.integers(1, sum(weights)))
    return weights, quota


@settings(max_examples=40, deadline=None)
@given(grouped_games())
def test_grouped_counts_equal_brute_force(game):
    given_weights, given_quota = game
    the_game = WeightedGame(given_weights, given_quota)
    text = explain(the_game)
    # the explanation works on the game's integer representation (it may be simpler)
    weights, quota = list(the_game.integer_weights), the_game.integer_quota
    rows = brute.winning_coalitions(weights, quota)
    assert f"{len(rows)} of {2 ** len(weights)} coalitions win." in text
    swings = [sum(i in row.critical for row in rows) for i in range(len(weights))]
    pivots = brute.shapley_shubik_pivots(weights, quota)
    # each group's line gives the swings and pivots of every one of its members
    groups = sorted(set(weights), reverse=True)
    for g, weight in enumerate(groups):
        i = weights.index(weight)
        label = f"G{g + 1}"
        assert re.search(rf"  {label}( \(each of \d+\))?: {swings[i]} swings ->", text), text
        assert re.search(rf"  {label}( \(each of \d+\))?: pivotal in {pivots[i]} orderings", text)
    # the coalition counts of the listed types add up to the winning coalitions
    counts = [int(c) for c in re.findall(r": (\d+) coalitions?$", text, re.M)]
    assert sum(counts) == len(rows)


def test_security_council_explained():
    """The docs' UN Security Council example runs with --explain: 848 winning coalitions in 7
    types, a permanent member 421/4 times an elected one's Shapley-Shubik power."""
    spec = "39: " + " ".join([f"P{i}=7" for i in range(1, 6)] + [f"E{i}=1" for i in range(1, 11)])
    out = CliRunner().invoke(main, ["game", spec, "--explain"]).output
    assert "848 of 32768 coalitions win." in out
    assert "{5 of G1*, 4 of G2*}  weight 39: 210 coalitions" in out
    assert "G1 (each of 5): pivotal in 256657766400 orderings -> 421/2145" in out
    assert "G2 (each of 10): pivotal in 2438553600 orderings -> 4/2145" in out
    assert Fraction(421, 2145) / Fraction(4, 2145) == Fraction(421, 4)
    assert out.count("\n") < 80  # readable: grouped, not 848 rows
