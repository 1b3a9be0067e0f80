"""Step-by-step explanations of small games for classrooms (``votepower game --explain``).

Built on brute force (:mod:`votepower.power.enumerate`), so every number shown can be checked
by hand from the list of coalitions or orderings printed above it.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .errors import ResourceLimitError
from .game import WeightedGame, _fmt
from .power import enumerate as brute

__all__ = ["explain", "MAX_EXPLAIN_PLAYERS"]

MAX_EXPLAIN_PLAYERS = 10


def explain(game: WeightedGame, *, banzhaf: bool = True, shapley_shubik: bool = True) -> str:
    """The winning coalitions with their critical members, swing and pivot counts, as text.

    >>> print(explain(WeightedGame([3, 2, 2], 5, labels=["A", "B", "C"])))  # doctest: +ELLIPSIS
    Game [5; 3, 2, 2]: total weight 7; a coalition wins iff its weight >= 5.
    <BLANKLINE>
    Winning coalitions (critical members marked *):
      {A*, B*}  weight 5
      {A*, C*}  weight 5
      {A*, B, C}  weight 7
    ...
    """
    n = game.n
    if n > MAX_EXPLAIN_PLAYERS:
        raise ResourceLimitError(
            f"--explain lists coalitions and is limited to {MAX_EXPLAIN_PLAYERS} players "
            f"(this game has {n})"
        )
    w, q = game.integer_weights, game.integer_quota
    names = game.labels
    scaled = w != tuple(int(x) for x in game.weights) or q != game.quota
    lines = [
        f"Game [{_fmt(game.quota)}; {', '.join(_fmt(x) for x in game.weights)}]: total weight "
        f"{_fmt(game.total_weight)}; a coalition wins iff its weight >= {_fmt(game.quota)}."
    ]
    if scaled:
        lines.append(
            f"Same winning coalitions with integer weights: [{q}; {', '.join(map(str, w))}]."
        )
    rows = brute.winning_coalitions(w, q)
    lines += ["", "Winning coalitions (critical members marked *):"]
    for row in rows:
        members = ", ".join(names[i] + ("*" if i in row.critical else "") for i in row.members)
        lines.append(f"  {{{members}}}  weight {row.weight}")
    lines.append(f"{len(rows)} of {2**n} coalitions win.")

    if banzhaf:
        swings = [sum(i in row.critical for row in rows) for i in range(n)]
        total = sum(swings)
        half = 2 ** (n - 1)
        lines += [
            "",
            "Banzhaf: a player's swings are the winning coalitions in which it is critical.",
            f"Absolute index = swings / 2^(n-1) = swings / {half} (the chance of being decisive "
            "when everyone votes yes or no by a fair coin);",
            f"normalized index = swings / total swings = swings / {total}.",
        ]
        for i in range(n):
            lines.append(
                f"  {names[i]}: {swings[i]} swings -> {Fraction(swings[i], half)} absolute, "
                f"{Fraction(swings[i], total)} normalized"
            )
        nulls = [names[i] for i in range(n) if swings[i] == 0]
        if nulls:
            lines.append(f"Null players (never critical, no power): {', '.join(nulls)}.")

    if shapley_shubik:
        orderings = math.factorial(n)
        lines += ["", f"Shapley-Shubik: of the {n}! = {orderings} orderings of the players, count"]
        lines.append(
            "those in which a player is pivotal (its arrival first makes a winning total)."
        )
        if n <= brute.MAX_ORDERING_PLAYERS:
            pivots = brute.pivots_by_ordering(w, q)
            lines.append("Counted by walking through every ordering:")
        else:
            pivots = brute.shapley_shubik_pivots(w, q)
            lines.append(
                "Counted by coalitions: joining k losing predecessors that it turns into winners "
                "makes a player pivotal in k!(n-1-k)! orderings."
            )
        for i in range(n):
            lines.append(
                f"  {names[i]}: pivotal in {pivots[i]} orderings -> "
                f"{Fraction(pivots[i], orderings)}"
            )
    return "\n".join(lines) + "\n"
