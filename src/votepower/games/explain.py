"""Step-by-step explanations of small games for classrooms (``votepower game --explain``).

Built on brute force (:mod:`votepower.games.power.enumerate`), so every number shown can be checked
by hand from the list of coalitions or orderings printed above it.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ..core.errors import ResourceLimitError
from .game import WeightedGame, _fmt
from .power import enumerate as brute

__all__ = ["explain", "MAX_EXPLAIN_PLAYERS", "MAX_LISTED_PLAYERS"]

#: the most players --explain takes
MAX_EXPLAIN_PLAYERS = 15
#: up to this many players every winning coalition is listed; beyond, players of equal weight
#: are grouped and coalitions listed by how many of each group they hold
MAX_LISTED_PLAYERS = 10


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
    if n <= MAX_LISTED_PLAYERS:
        rows = brute.winning_coalitions(w, q)
        lines += ["", "Winning coalitions (critical members marked *):"]
        for row in rows:
            members = ", ".join(names[i] + ("*" if i in row.critical else "") for i in row.members)
            lines.append(f"  {{{members}}}  weight {row.weight}")
        lines.append(f"{len(rows)} of {2**n} coalitions win.")
        swings = [sum(i in row.critical for row in rows) for i in range(n)]
        entries = [(names[i], i) for i in range(n)]  # who each line of the indices is about
    else:
        grouped, swings, entries = _grouped(w, q, names)
        lines += grouped

    if banzhaf:
        total = sum(swings)
        half = 2 ** (n - 1)
        lines += [
            "",
            "Banzhaf: a player's swings are the winning coalitions in which it is critical.",
            f"Absolute index = swings / 2^(n-1) = swings / {half} (the chance of being decisive "
            "when everyone votes yes or no by a fair coin);",
            f"normalized index = swings / total swings = swings / {total}.",
        ]
        for label, i in entries:
            lines.append(
                f"  {label}: {swings[i]} swings -> {Fraction(swings[i], half)} absolute, "
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
        for label, i in entries:
            lines.append(
                f"  {label}: pivotal in {pivots[i]} orderings -> {Fraction(pivots[i], orderings)}"
            )
    return "\n".join(lines) + "\n"


def _grouped(
    w: tuple[int, ...], q: int, names: tuple[str, ...]
) -> tuple[list[str], list[int], list[tuple[str, int]]]:
    """Winning coalitions by type: players of equal weight are interchangeable, so a coalition
    is known (up to who is who) by how many of each group it holds. Per type: how many
    coalitions it stands for, its weight, and which groups' members are critical (a member is
    critical when the coalition loses without it, the same for its whole group). A player's
    swings add, over the winning types where its group is critical, the coalitions of that type
    that contain it."""
    weights = sorted(set(w), reverse=True)
    groups = [[i for i, x in enumerate(w) if x == weight] for weight in weights]
    letters = [f"G{g + 1}" for g in range(len(groups))]
    lines = ["", "Players of equal weight are interchangeable; the groups:"]
    for letter, weight, members in zip(letters, weights, groups, strict=True):
        lines.append(f"  {letter} (weight {weight}, {len(members)}): "
                     f"{', '.join(names[i] for i in members)}")  # fmt: skip
    lines += ["", "Winning coalitions by how many of each group they hold (critical groups *):"]
    sizes = [len(members) for members in groups]
    swings_by_group = [0] * len(groups)
    count_all = 0
    for counts in _types(sizes):
        weight = sum(k * x for k, x in zip(counts, weights, strict=True))
        if weight < q:
            continue
        coalitions = math.prod(math.comb(m, k) for m, k in zip(sizes, counts, strict=True))
        count_all += coalitions
        critical = [k > 0 and weight - x < q for k, x in zip(counts, weights, strict=True)]
        parts = [
            f"{k} of {letter}" + ("*" if crit else "")
            for k, letter, crit in zip(counts, letters, critical, strict=True)
            if k
        ]
        noun = "coalition" if coalitions == 1 else "coalitions"
        lines.append(f"  {{{', '.join(parts)}}}  weight {weight}: {coalitions} {noun}")
        for g, crit in enumerate(critical):
            if crit:  # the coalitions of this type that contain a given member of group g
                swings_by_group[g] += coalitions * counts[g] // sizes[g]
    lines.append(f"{count_all} of {2 ** len(w)} coalitions win.")
    swings = [0] * len(w)
    for g, members in enumerate(groups):
        for i in members:
            swings[i] = swings_by_group[g]
    entries = [
        (letter if len(members) == 1 else f"{letter} (each of {len(members)})", members[0])
        for letter, members in zip(letters, groups, strict=True)
    ]
    return lines, swings, entries


def _types(sizes: list[int]):
    """Every vector of counts ``0 <= k_g <= sizes[g]``, the largest groups' counts first."""
    if not sizes:
        yield ()
        return
    for k in range(sizes[0], -1, -1):
        for rest in _types(sizes[1:]):
            yield (k, *rest)
