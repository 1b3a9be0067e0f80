"""Step-by-step explanations for the classic indices and for multi-criteria games
(``votepower game --explain``), by listing every coalition: each number shown can be checked by
hand from the lists printed above it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

from ..core.errors import ResourceLimitError
from .game import WeightedGame, _fmt
from .multigame import MultiCriteriaGame, SimpleGame

__all__ = ["explain_rules", "MAX_RULE_EXPLAIN_PLAYERS"]

#: the most players whose coalitions are listed one by one
MAX_RULE_EXPLAIN_PLAYERS = 10


def explain_rules(game: SimpleGame, indices: Sequence[str], *, listing: bool = True) -> str:
    """Explain ``indices`` (registry ids) for ``game``: the winning coalitions with their
    critical members (``listing``), then each index from them.

    >>> g = MultiCriteriaGame({"pop": [5, 3, 2]}, "members >= 2 and pop >= 60%",
    ...                       labels=["A", "B", "C"])
    >>> print(explain_rules(g, ["holler-packel"]))  # doctest: +ELLIPSIS
    Game: 3 players; a coalition wins iff members >= 2 and pop >= 60%.
    Totals: pop 10, members 3.
    <BLANKLINE>
    Winning coalitions (critical members marked *):
      {A*, B*}  pop 8, members 2
      {A*, C*}  pop 7, members 2
      {A*, B, C}  pop 10, members 3
    ...
    """
    n = game.n
    if n > MAX_RULE_EXPLAIN_PLAYERS:
        raise ResourceLimitError(
            f"--explain lists every coalition of a multi-criteria game or for the classic "
            f"indices, and is limited to {MAX_RULE_EXPLAIN_PLAYERS} players (this game has {n})"
        )
    names = game.labels
    wins = {m: game.is_winning([i for i in range(n) if m >> i & 1]) for m in range(1 << n)}
    rows = []  # (members, critical) of each winning coalition, smallest first
    for mask in sorted((m for m, w in wins.items() if w), key=lambda m: (bin(m).count("1"), m)):
        members = [i for i in range(n) if mask >> i & 1]
        critical = [i for i in members if not wins[mask & ~(1 << i)]]
        rows.append((mask, members, critical))
    winning = len(rows)
    lines: list[str] = []
    if listing:  # (else the weighted game's own explanation above has listed them)
        lines = [*_header(game), "", "Winning coalitions (critical members marked *):"]
        for mask, members, critical in rows:
            shown = ", ".join(names[i] + ("*" if i in critical else "") for i in members)
            lines.append(f"  {{{shown}}}  {_totals(game, mask)}")
        lines.append(f"{winning} of {2**n} coalitions win.")
    swings = [sum(i in crit for _, _, crit in rows) for i in range(n)]
    minimal = [(members, crit) for _, members, crit in rows if len(crit) == len(members)]
    said: set[str] = set()  # what one section explained, the next does not repeat
    for index in indices:
        if lines:
            lines.append("")
        lines += _SECTIONS[index](game, rows, swings, minimal, winning, said)
    return "\n".join(lines) + "\n"


def _header(game: SimpleGame) -> list[str]:
    if isinstance(game, WeightedGame):
        return [
            f"Game [{_fmt(game.quota)}; {', '.join(_fmt(x) for x in game.weights)}]: a "
            f"coalition wins iff its weight >= {_fmt(game.quota)}."
        ]
    totals = ", ".join(
        f"{name} {_fmt(sum(column))}"
        for name, column in zip(game.criteria, game.weights, strict=True)
    )
    return [
        f"Game: {game.n} players; a coalition wins iff {game.rule}.",
        f"Totals: {totals}.",
    ]


def _totals(game: SimpleGame, mask: int) -> str:
    members = [i for i in range(game.n) if mask >> i & 1]
    if isinstance(game, WeightedGame):
        return f"weight {_fmt(sum((game.weights[i] for i in members), Fraction(0)))}"
    assert isinstance(game, MultiCriteriaGame)
    return ", ".join(
        f"{name} {_fmt(sum((column[i] for i in members), Fraction(0)))}"
        for name, column in zip(game.criteria, game.weights, strict=True)
    )


def _banzhaf(game, rows, swings, minimal, winning, said) -> list[str]:
    n, half, total = game.n, 2 ** (game.n - 1), sum(swings)
    lines = [
        "Banzhaf: a player's swings are the winning coalitions in which it is critical.",
        f"Absolute index = swings / 2^(n-1) = swings / {half}; normalized = swings / {total}.",
    ]
    for i in range(n):
        lines.append(
            f"  {game.labels[i]}: {swings[i]} swings -> {Fraction(swings[i], half)} absolute, "
            f"{Fraction(swings[i], total)} normalized"
        )
    return lines


def _shapley(game, rows, swings, minimal, winning, said) -> list[str]:
    n = game.n
    orderings = math.factorial(n)
    pivots = [0] * n
    for _, members, critical in rows:
        k = len(members)
        for i in critical:  # i arrives after the other k-1 members, before the n-k others
            pivots[i] += math.factorial(k - 1) * math.factorial(n - k)
    lines = [
        f"Shapley-Shubik: of the {n}! = {orderings} orderings, those in which a player is pivotal;",
        "a critical member of a winning coalition of k members is pivotal in "
        "(k-1)!(n-k)! orderings.",
    ]
    for i in range(n):
        lines.append(
            f"  {game.labels[i]}: pivotal in {pivots[i]} orderings -> "
            f"{Fraction(pivots[i], orderings)}"
        )
    return lines


def _coleman(prevent: bool):
    def section(game, rows, swings, minimal, winning, said) -> list[str]:
        coalitions = 2**game.n
        losing = coalitions - winning
        head = []
        if "act" not in said:
            said.add("act")
            head.append(
                f"Coleman: the collectivity's power to act = winning / all coalitions = "
                f"{winning}/{coalitions} = {Fraction(winning, coalitions)}."
            )
        if prevent:
            head.append(
                f"Power to prevent action = swings / winning coalitions = swings / {winning} "
                "(how often the player's 'no' would stop a winning coalition)."
            )
        else:
            head.append(
                f"Power to initiate action = swings / losing coalitions = swings / {losing} "
                "(how often the player's 'yes' would turn a losing coalition into a winner)."
            )
        denominator = winning if prevent else losing
        for i in range(game.n):
            head.append(
                f"  {game.labels[i]}: {swings[i]} swings -> {Fraction(swings[i], denominator)}"
            )
        return head

    return section


def _minimal_list(game, minimal, said) -> list[str]:
    if "minimal" in said:
        return []
    said.add("minimal")
    lines = [f"Minimal winning coalitions (every member critical): {len(minimal)}"]
    for members, _ in minimal:
        lines.append("  {" + ", ".join(game.labels[i] for i in members) + "}")
    return lines


def _holler(game, rows, swings, minimal, winning, said) -> list[str]:
    counts = [sum(i in members for members, _ in minimal) for i in range(game.n)]
    total = sum(counts)
    lines = _minimal_list(game, minimal, said)
    lines.append(
        f"Holler-Packel: minimal winning coalitions containing the player / {total} (the sum "
        "of those counts)."
    )
    for i in range(game.n):
        lines.append(f"  {game.labels[i]}: in {counts[i]} -> {Fraction(counts[i], total)}")
    return lines


def _deegan(game, rows, swings, minimal, winning, said) -> list[str]:
    lines = _minimal_list(game, minimal, said)
    m = len(minimal)
    lines.append(
        f"Deegan-Packel: each of the {m} minimal winning coalitions is equally likely and "
        "shared equally by its members: sum of 1/(its size) / " + str(m) + "."
    )
    for i in range(game.n):
        sizes = [len(members) for members, _ in minimal if i in members]
        share = sum((Fraction(1, k) for k in sizes), Fraction(0)) / m
        terms = " + ".join(f"1/{k}" for k in sizes) or "0"
        lines.append(f"  {game.labels[i]}: ({terms}) / {m} = {share}")
    return lines


def _johnston(game, rows, swings, minimal, winning, said) -> list[str]:
    scores = [Fraction(0)] * game.n
    terms: list[list[str]] = [[] for _ in range(game.n)]
    vulnerable = 0
    for _, _, critical in rows:
        if critical:
            vulnerable += 1
            for i in critical:
                scores[i] += Fraction(1, len(critical))
                terms[i].append("1" if len(critical) == 1 else f"1/{len(critical)}")
    total = sum(scores, Fraction(0))
    lines = [
        f"Johnston: in each of the {vulnerable} winning coalitions with critical members, "
        "each critical member scores 1/(number of critical members);",
        f"index = score / {total} (the sum of all scores).",
    ]
    for i in range(game.n):
        shown = _grouped_terms(terms[i])
        lines.append(f"  {game.labels[i]}: {shown} = {scores[i]} -> {scores[i] / total}")
    return lines


def _grouped_terms(terms: list[str]) -> str:
    if not terms:
        return "0"
    counts: dict[str, int] = {}
    for t in terms:
        counts[t] = counts.get(t, 0) + 1
    return " + ".join(f"{c} x {t}" if c > 1 else t for t, c in counts.items())


_SECTIONS = {
    "banzhaf": _banzhaf,
    "shapley-shubik": _shapley,
    "coleman-prevent": _coleman(True),
    "coleman-initiate": _coleman(False),
    "holler-packel": _holler,
    "deegan-packel": _deegan,
    "johnston": _johnston,
}
