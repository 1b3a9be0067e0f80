"""The trade-off between equality and the power to act, what a bound allows at best, and
the scenario file of a design."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .evaluate import _Evaluator
from .model import DEFAULT_EVALUATIONS, Design
from .rule import RuleDesign, percent
from .search import _bands, _ideal_shape, design

#: the quota shares along the frontier
FRONTIER_SHARES = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9)


def frontier(
    people: Mapping[str, int],
    total_weight: int,
    *,
    shares: Sequence[float] = FRONTIER_SHARES,
    index: str = "banzhaf",
    evaluations: int = 3 * DEFAULT_EVALUATIONS,
    max_seconds: float = 600.0,
    progress: Callable[[int, float], None] | None = None,
) -> list[Design]:
    """The most equal design at each quota share (just above half of the weight, then the
    ``shares``): how much equality a more decisive (lower quota) or a more protective (higher
    quota) chamber costs, with its power to act and the citizens' mean power."""
    designs = []
    for number, share in enumerate(shares):
        fixed = share if share > 0.5 else 0.5 + 1e-12  # "just above half"
        designs.append(
            design(
                people,
                total_weight,
                quota=fixed,
                index=index,
                evaluations=evaluations // len(shares),
                max_seconds=max_seconds,  # a safety net for each (an error, never an answer)
            )
        )
        if progress is not None:
            progress(number + 1, designs[-1].ratio)
    return designs


def rounding_floor(result: Design, members: int = 16) -> tuple[float, str, int]:
    """What the bound on the total weight allows at best, approximately: the narrowest band of
    relative rounding errors of the ``members`` smallest members' ideal weights, over every
    total up to the bound (``1 + width`` approximates the least max/min ratio), the least over
    the ideal shapes of the quota shares the search found best (the limit depends on the
    share); the smallest member and its weight in the design."""
    if result.shape:  # the search's own ideal shapes: nothing evaluated again
        shapes = [np.asarray(result.shape)] + [np.asarray(s) for s in result.shapes]
    else:
        counts = list(result.people)
        ev = _Evaluator(result.members, counts, result.index)
        shapes = [_ideal_shape(ev, counts, None, lambda: 0.0, math.inf)]
    bound = result.bound or result.total_weight
    width = math.inf
    for shape in shapes:
        small = np.argsort(shape, kind="stable")[: min(len(shape), members)]
        totals = np.arange(max(len(shape), bound // 2), bound + 1, dtype=float)
        for start in range(0, len(totals), 2000):
            _, _, starts, reach = _bands(totals[start : start + 2000, None] * shape[None, small])
            width = min(width, float((reach - starts).min()))
    smallest = int(np.argmin(result.people))
    return width, result.members[smallest], result.weights[smallest]


def scenario_text(result: Design, *, census: int, population: str | None, name: str) -> str:
    """A scenario file (TOML) of the design: ``votepower compare --scenario`` reads it."""
    pairs = ", ".join(f"{c} = {w}" for c, w in zip(result.members, result.weights, strict=True))
    return _scenario(
        f"# A chamber designed by votepower design: max/min per-citizen {result.index} power "
        f"{result.ratio:.6f}.",
        name,
        census,
        population,
        result.members,
        [f"quota = {result.quota}", f"weights = {{ {pairs} }}"],
        own_note=True,
    )


def rule_scenario_text(result: RuleDesign, *, census: int, population: str | None) -> str:
    """A scenario file of a designed double majority (a Senate rule over its members)."""
    return _scenario(
        f"# A double majority designed by votepower design --rule: max/min {result.ratio:.4f}.",
        f"Double majority, {result.member_threshold} members, {percent(result.population_share)} "
        "of the people",
        census,
        population,
        result.members,
        [f'rule = "{result.rule}"'],
        # a rule chamber's members are states: DC, a member of the design, joins as one
        add_dc="DC" in result.members,
    )


def _scenario(
    comment: str,
    name: str,
    census: int,
    population: str | None,
    members: Sequence[str],
    senate: list[str],
    own_note: bool = False,
    add_dc: bool = False,
) -> str:
    """The scenario file: its comment, name and census, the population basis (``None``: the
    user's own, named in a comment with ``own_note``), the members (``add_dc``: DC as a
    state) and the [senate] lines."""
    lines = [comment, f'name = "{name}"', 'body = "senate"', f"census = {census}"]
    if population is not None:
        lines.append(f'population = "{population}"')
    elif own_note:
        lines.append("# the design used your own populations: compare with the same "
                     "--population-file")  # fmt: skip
    codes = ", ".join(f'"{c}"' for c in members)
    lines += ["", "[members]", f"states = [{codes}]"]
    if add_dc:
        lines += ["# DC is a member of the designed chamber; a Senate's members are states",
                  'add = ["DC"]']  # fmt: skip
    lines += ["", "[senate]", *senate]
    return "\n".join(lines) + "\n"
