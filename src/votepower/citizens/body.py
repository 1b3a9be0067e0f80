"""The two-tier body: blocks of citizens electing the seats of a weighted vote, and each
block's marginal effect ``sum_x Delta_b(x) P(R_{-b} >= q - x)`` at every ``t``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..core.errors import CitizenModelError, ResourceLimitError
from ..games.game import WeightedGame
from .blocks import Block, SingleContest, Taps
from .contests import _contests

# --------------------------------------------------------------------------------------------
# The body and the computation
# --------------------------------------------------------------------------------------------
#: the largest body (seats or electors in all) and contest (voters) the model takes: a hundred
#: times today's House, and well above the largest state; past them it refuses before it
#: allocates anything
MAX_TOTAL_WEIGHT = 50_000
MAX_VOTERS = 200_000_000


@dataclass(frozen=True)
class TwoTierBody:
    """Blocks of citizens electing the seats of a weighted body with a quota.

    A measure passes iff the yes weight is at least ``quota``. ``extra`` are players of the body
    elected by nobody in the model (e.g. a Vice-President breaking ties): ``(label, weight)``.
    """

    name: str
    blocks: tuple[Block, ...]
    quota: int
    extra: tuple[tuple[str, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.blocks:
            raise CitizenModelError("a body needs at least one block of citizens")
        labels = [b.label for b in self.blocks] + [label for label, _ in self.extra]
        if len(set(labels)) != len(labels):
            raise CitizenModelError("block labels must be unique")
        if self.total_weight > MAX_TOTAL_WEIGHT:
            raise ResourceLimitError(
                f"a body of total weight {self.total_weight:,} is beyond this model's tables "
                f"(at most {MAX_TOTAL_WEIGHT:,} seats or electors)"
            )
        for block in self.blocks:
            if block.largest_contest > MAX_VOTERS:
                raise ResourceLimitError(
                    f"{block.label}: a contest of {block.largest_contest:,} voters is beyond this "
                    f"model's range (at most {MAX_VOTERS:,})"
                )
        if not 0 < self.quota <= self.total_weight:
            raise CitizenModelError(
                f"quota {self.quota} must be greater than 0 and at most the total weight "
                f"{self.total_weight}"
            )

    @property
    def total_weight(self) -> int:
        return sum(b.weight for b in self.blocks) + sum(w for _, w in self.extra)

    @property
    def citizens(self) -> int:
        return sum(b.citizens for b in self.blocks)

    def unit_game(self) -> tuple[WeightedGame, list[int]] | None:
        """The body as a weighted game of units, and each unit's block index (-1: extra);
        ``None`` when some block's seats are not independent units (proportional electors)."""
        if any(not block.units() for block in self.blocks):
            return None
        labels, weights, owner = [], [], []
        for i, block in enumerate(self.blocks):
            for label, w in block.units():
                labels.append(label)
                weights.append(w)
                owner.append(i)
        for label, w in self.extra:
            labels.append(label)
            weights.append(w)
            owner.append(-1)
        return WeightedGame(weights, self.quota, labels=labels), owner


def _extra_taps(weight: int, t: np.ndarray) -> Taps:
    """A player outside the citizens' model: yes with probability t."""
    return [(0, 1.0 - t), (weight, t.copy())]


_CELLS = 20_000_000  # floats held at once by _marginals (about 160 MB)


def _marginals(body: TwoTierBody, t: np.ndarray) -> np.ndarray:
    """``dF/dx_c`` for one citizen of each block, then for each extra player, at each ``t``:
    shape ``(len(t), blocks + extras)``. Nodes are processed in chunks so that memory stays
    bounded."""
    per_node = (len(body.blocks) + len(body.extra) + 2) * (3 * body.total_weight + 4)
    chunk = max(1, _CELLS // per_node)
    if t.size > chunk:
        return np.concatenate(
            [_marginals_chunk(body, t[i : i + chunk]) for i in range(0, t.size, chunk)]
        )
    return _marginals_chunk(body, t)


def _evaluate_blocks(blocks: list[Block], t: np.ndarray) -> list[tuple[Taps, Taps]]:
    """Every block's ``(distribution, pivot)`` taps at ``t``; the contests of blocks with one
    contest size (blocs, districts, independent seats) in one batched evaluation."""
    # blocks evaluated the single-contest way (a subclass with a law of its own, such as
    # Proportional, redefines evaluate and is left to it)
    plain = {
        i: b
        for i, b in enumerate(blocks)
        if isinstance(b, SingleContest) and type(b).evaluate is SingleContest.evaluate
    }
    out: dict[int, tuple[Taps, Taps]] = {}
    if plain:
        win, lose, effect = _contests([b.contest_size for b in plain.values()], t)
        for row, (i, b) in enumerate(plain.items()):
            out[i] = b.taps_from(win[row], lose[row], effect[row])
    return [out[i] if i in out else b.evaluate(t) for i, b in enumerate(blocks)]


def _marginals_chunk(body: TwoTierBody, t: np.ndarray) -> np.ndarray:
    m = t.size
    blocks = list(body.blocks)
    evaluated = _evaluate_blocks(blocks, t)
    extras = [_extra_taps(w, t) for _, w in body.extra]
    dists = [d for d, _ in evaluated] + extras
    total = body.total_weight
    q = body.quota
    width = total + 1
    # Suffix laws, stored as reversed, padded tails: rev[i][:, j] = P(yes weight of players i..
    # >= q - j + width) for j = 0..2 width, so that P(prefix + suffix >= q - x) is the dot
    # product of the prefix law with a contiguous slice (no gathering).
    reversed_tails: list[np.ndarray] = [np.empty(0)] * (len(dists) + 1)
    suffix = np.zeros((m, width))
    suffix[:, 0] = 1.0
    reversed_tails[len(dists)] = _reversed_tail(suffix, q, width)
    for i in range(len(dists) - 1, -1, -1):
        suffix = _add(suffix, dists[i])
        reversed_tails[i] = _reversed_tail(suffix, q, width)
    prefix = np.zeros((m, width))
    prefix[:, 0] = 1.0
    pivots = [p for _, p in evaluated] + [
        [(0, -np.ones(m)), (w, np.ones(m))] for _, w in body.extra
    ]
    out = np.zeros((m, len(dists)))
    for i, (dist, pivot) in enumerate(zip(dists, pivots, strict=True)):
        rev = reversed_tails[i + 1]
        combined = np.zeros((m, width))
        for x, delta in pivot:
            # P(suffix >= q - x - a) for a = 0..width-1 is rev[:, x + a]
            combined += delta[:, None] * rev[:, x : x + width]
        out[:, i] = np.einsum("ij,ij->i", prefix, combined)
        prefix = _add(prefix, dist)
    return out


def passage_probability(body: TwoTierBody, t: np.ndarray) -> np.ndarray:
    """``F(t)``: the probability that the body passes a measure when every citizen (and every
    extra player) votes yes with probability ``t``, at each ``t``."""
    law = np.zeros((t.size, body.total_weight + 1))
    law[:, 0] = 1.0
    for dist, _ in _evaluate_blocks(list(body.blocks), t):
        law = _add(law, dist)
    for _, w in body.extra:
        law = _add(law, _extra_taps(w, t))
    return np.asarray(law[:, body.quota :].sum(axis=1))


def _reversed_tail(law: np.ndarray, q: int, width: int) -> np.ndarray:
    """``R[:, j] = P(S >= q - j)`` for ``j = 0..2 width`` (1 where ``q - j <= 0``), from one
    cumulative sum of the law read backwards: contiguous slices, nothing gathered."""
    top = width - 1  # the largest value of S
    cum = np.cumsum(law[:, ::-1], axis=1)  # cum[:, i] = P(S >= top - i)
    out = np.empty((law.shape[0], 2 * width + 1))
    lo = max(q - top, 0)  # from here q - j <= top
    hi = min(q, 2 * width + 1)  # from here q - j <= 0
    out[:, :lo] = 0.0
    out[:, lo:hi] = cum[:, top - q + lo : top - q + hi]
    out[:, hi:] = 1.0
    return out


def _add(current: np.ndarray, taps: Taps) -> np.ndarray:
    """Distribution of the sum when a block with the given taps joins."""
    out = np.zeros_like(current)
    width = current.shape[1]
    for x, p in taps:
        if x == 0:
            out += current * p[:, None]
        elif x < width:
            out[:, x:] += current[:, :-x] * p[:, None]
    return out
