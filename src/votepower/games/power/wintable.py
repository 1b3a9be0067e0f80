"""The win table: one bit per coalition, for any simple game of up to :data:`MAX_PLAYERS` players.

Coalition ``T`` (a bit mask over the players) is bit ``T & 63`` of word ``T >> 6``. The table is
built by meet in the middle: the criteria totals of the low 16 players' subsets and of the high
players' subsets are added block by block, the rule is evaluated on whole blocks, and the booleans
are packed into words. Every index then comes from word operations on the table:

* ``critical(j)``: the coalitions ``T`` containing ``j`` that win while ``T - j`` loses (``j``'s
  swings). For ``j >= 6`` the two halves of the table with and without ``j`` are word-aligned
  views; for ``j < 6`` a shift inside each word pairs ``T`` with ``T - j``.
* counts by coalition size: a word's coalitions share the high bits, so the size is the popcount
  of the word's index plus that of the low six bits, one of seven in-word masks.
* the minimal winning coalitions: winning coalitions in which every member is critical.
* the number of critical members of each coalition: a bit-sliced counter over the ``critical(j)``.

All counts are exact integers. Nothing here knows what the players are.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from math import factorial

import numpy as np

from .budget import exponential_seconds

__all__ = ["MAX_PLAYERS", "WinTable", "build", "cost_estimate"]

#: the most players a win table holds: 2^30 coalitions are 128 MiB of bits
MAX_PLAYERS = 30

_LOW = 16  # players whose subsets' totals are precomputed (2^16 entries per criterion)
_BLOCK = 1 << 21  # coalitions evaluated per block

#: in-word pattern of player j < 6: bit l is set iff l has bit j
_PATTERNS = [sum(1 << b for b in range(64) if b >> j & 1) for j in range(6)]
#: in-word masks by the popcount of the low six bits
_SIZE_MASKS = [sum(1 << b for b in range(64) if bin(b).count("1") == k) for k in range(7)]

_ALL = (1 << 64) - 1


def _any(planes: list[np.ndarray]) -> np.ndarray | int:
    out: np.ndarray | int = 0
    for plane in planes:
        out = out | plane
    return out


_POPCOUNT8 = np.array([bin(i).count("1") for i in range(256)], dtype=np.uint8)


def popcount(words: np.ndarray) -> np.ndarray:
    """The number of set bits of each uint64 word."""
    if hasattr(np, "bitwise_count"):  # numpy >= 2.0
        return np.bitwise_count(words)
    as_bytes = np.ascontiguousarray(words).view(np.uint8).reshape(*words.shape, 8)
    return _POPCOUNT8[as_bytes].sum(axis=-1, dtype=np.uint8)


def cost_estimate(n: int, johnston: bool = False) -> tuple[int, float]:
    """Bytes and seconds (2 cores, numpy) to build a table of ``n`` players and read every index
    from it; the Johnston index's pairs of players and critical counts cost ``n^2`` passes and
    its triples about 80 bytes per byte of the table."""
    if n > 1000:  # beyond any float: no table of this size is ever built
        return 2**n, math.inf
    words = max(1, 2 ** (n - 6))
    # the table, its counter's planes and scratch; Johnston's (word, class, mask) triples and
    # their gathers: about 75 bytes per byte of the table (measured, 22 to 27 players)
    size = words * 8 * (80 if johnston else 12 + n.bit_length())
    passes = 4 * n + (n * n // 2 if johnston else 0)
    seconds = exponential_seconds(n, 12e-9) + words * passes * 1.5e-9
    return size, seconds


@dataclass
class WinTable:
    """The winning coalitions of an ``n``-player simple game as bits (see the module)."""

    n: int
    words: np.ndarray
    """``uint64`` words; bit ``T & 63`` of word ``T >> 6`` is set iff coalition ``T`` wins."""

    # -- views ---------------------------------------------------------------------------------
    def half(self, array: np.ndarray, j: int) -> np.ndarray:
        """The part of a word-aligned ``array`` where coalitions contain player ``j``: for
        ``j >= 6`` a view of the words whose index has bit ``j - 6``; for ``j < 6`` the array
        itself (mask it with :meth:`pattern`)."""
        if j < 6:
            return array
        step = 1 << (j - 6)
        return array.reshape(-1, 2, step)[:, 1, :].reshape(-1)

    def other_half(self, array: np.ndarray, j: int) -> np.ndarray:
        """Like :meth:`half`, the coalitions without ``j`` (aligned with :meth:`half`)."""
        step = 1 << (j - 6)
        return array.reshape(-1, 2, step)[:, 0, :].reshape(-1)

    @staticmethod
    def pattern(j: int) -> np.uint64:
        """For ``j < 6``: the in-word bits of the coalitions containing ``j``."""
        return np.uint64(_PATTERNS[j])

    def critical(self, j: int) -> np.ndarray:
        """Aligned with ``half(words, j)``: the winning coalitions containing ``j`` that lose
        without ``j``."""
        if j < 6:  # in-word: the table's own layout
            return self.critical_full(j)
        w = self.words
        with_j = w.reshape(-1, 2, 1 << (j - 6))[:, 1, :]
        without = w.reshape(-1, 2, 1 << (j - 6))[:, 0, :]
        return (with_j & ~without).reshape(-1)

    # -- counts --------------------------------------------------------------------------------
    def count(self, array: np.ndarray) -> int:
        """Set bits of a word array."""
        return int(popcount(array).sum(dtype=np.int64))

    def sizes(self, array: np.ndarray, j: int | None = None) -> list[int]:
        """The number of set coalitions of each size ``0..n`` in ``array`` (word-aligned with the
        table, or with ``half(words, j)``).

        A coalition's size is the popcount of its word's index plus that of its in-word
        position. The in-word part is read with seven masks; the word-index part by splitting
        the index into its low ``b`` bits and the rest, grouping each by popcount with a matrix
        product (float32 sums of at most ``64 * 2^b`` stay exact, then float64)."""
        extra = 1 if j is not None and j >= 6 else 0  # the half's words all have bit j - 6
        bits = max(0, (len(array) - 1).bit_length())
        low = min(bits, 10)
        counts = np.empty((7, len(array)), dtype=np.float32)
        for k, mask in enumerate(_SIZE_MASKS):
            counts[k] = popcount(array & np.uint64(mask))
        counts = counts.reshape(7, -1, 1 << low) @ _onehot(low, np.float32)
        grouped = np.einsum("kab,au->kub", counts.astype(np.float64), _onehot(bits - low))
        out = [0] * (self.n + 1)
        for (k, u, v), value in np.ndenumerate(grouped):
            if value:
                out[k + u + v + extra] += int(value)
        return out

    # -- what every index needs ----------------------------------------------------------------
    def winning(self) -> int:
        return self.count(self.words)

    def swings(self) -> list[int]:
        """Banzhaf swings: for each player, the coalitions in which it is critical."""
        if "_swings" not in self.__dict__:
            self.__dict__["_swings"] = [self.count(self.critical(j)) for j in range(self.n)]
        return list(self.__dict__["_swings"])

    def pivots(self) -> list[int]:
        """Shapley-Shubik: for each player, the orderings of all ``n`` players in which it is
        pivotal, ``sum over its swings T of (|T|-1)! (n-|T|)!``."""
        n = self.n
        weight = [factorial(k - 1) * factorial(n - k) if k else 0 for k in range(n + 1)]
        return [
            sum(c * weight[k] for k, c in enumerate(self.sizes(self.critical(j), j)))
            for j in range(n)
        ]

    def minimal_winning(self) -> np.ndarray:
        """The minimal winning coalitions: winning, and every member critical (kept: do not
        modify the array)."""
        if "_minimal" in self.__dict__:
            return self.__dict__["_minimal"]
        m = self.words.copy()
        for j in range(self.n):
            c = self.critical(j)
            if j < 6:
                m &= c | ~self.pattern(j)
            else:
                view = m.reshape(-1, 2, 1 << (j - 6))[:, 1, :]
                view &= c.reshape(view.shape)
        m.setflags(write=False)
        self.__dict__["_minimal"] = m
        return m

    def members_of(self, array: np.ndarray, j: int) -> np.ndarray:
        """The coalitions of ``array`` that contain ``j``, aligned with ``half(words, j)``."""
        part = self.half(array, j)
        return part & self.pattern(j) if j < 6 else part

    def critical_full(self, j: int, out: np.ndarray | None = None) -> np.ndarray:
        """:meth:`critical` in the table's own layout (written into ``out`` if given)."""
        w = self.words
        if out is None:
            out = np.empty_like(w)
        if j < 6:
            m = self.pattern(j)
            np.bitwise_and(w, ~m, out=out)
            np.left_shift(out, np.uint64(1 << j), out=out)
            np.bitwise_not(out, out=out)
            out &= w
            out &= m
            return out
        step = 1 << (j - 6)
        view = out.reshape(-1, 2, step)
        view[:, 0, :] = 0
        pairs = w.reshape(-1, 2, step)
        np.bitwise_not(pairs[:, 0, :], out=view[:, 1, :])
        view[:, 1, :] &= pairs[:, 1, :]
        return out

    def critical_counts(self) -> list[np.ndarray]:
        """Bit-sliced counter: plane ``b`` has bit ``T`` set iff bit ``b`` of the number of
        critical members of ``T`` is 1. The ``critical(j)`` are added by a carry-save adder
        tree (three bit vectors in, a sum and a carry out: five word operations, in place)."""
        levels: list[list[np.ndarray]] = [[] for _ in range(self.n.bit_length() + 2)]
        spare: list[np.ndarray] = []

        def buffer() -> np.ndarray:
            return spare.pop() if spare else np.empty_like(self.words)

        def add(vector: np.ndarray, level: int) -> None:
            pending = levels[level]
            pending.append(vector)
            if len(pending) == 3:
                a, b, c = pending
                ab = buffer()
                np.bitwise_xor(a, b, out=ab)
                np.bitwise_and(a, b, out=b)
                np.bitwise_xor(ab, c, out=a)  # the sum stays at this level
                np.bitwise_and(c, ab, out=c)
                np.bitwise_or(b, c, out=b)  # the carry goes up
                spare.extend((ab, c))
                levels[level] = [a]
                add(b, level + 1)

        for j in range(self.n):
            add(self.critical_full(j, buffer()), 0)
        planes = []
        for level in range(len(levels)):
            pending = levels[level]
            if len(pending) == 2:
                a, b = pending
                carry = buffer()
                np.bitwise_and(a, b, out=carry)
                a ^= b
                spare.append(b)
                levels[level] = [a]
                add(carry, level + 1)
            planes.append(levels[level][0] if levels[level] else np.zeros_like(self.words))
        while len(planes) > 1 and not planes[-1].any():
            planes.pop()
        return planes

    def johnston_counts(self) -> tuple[list[dict[int, int]], dict[int, int]]:
        """For each player ``j``: how many coalitions with exactly ``c`` critical members have
        ``j`` among them (by ``c``); and how many coalitions have ``c`` critical members.

        The counter's planes split each word's coalitions by their number of critical members
        ``c``; a word holds few distinct ``c`` (about four in the EU Council), so the table is
        rewritten once as ``(word, c, mask)`` triples sorted by ``c``, and each player's count
        by ``c`` is one gather, one popcount and one segmented sum over the triples."""
        planes = self.critical_counts()
        # split the words by the counter's bits, highest plane first, on the nonzero words
        # only: each level halves what the one before holds
        nodes: list[tuple[int, np.ndarray, np.ndarray]] = []  # (value so far, words, masks)
        start = np.flatnonzero(planes[0] | _any(planes[1:]))
        top = len(planes) - 1
        nodes.append((0, start, np.full(len(start), np.uint64(_ALL), dtype=np.uint64)))
        for b in range(top, -1, -1):
            split = []
            for value, where, masks in nodes:
                bits = planes[b][where]
                for one, part in ((1, masks & bits), (0, masks & ~bits)):
                    keep = np.flatnonzero(part)
                    if len(keep):
                        split.append((value | one << b, where[keep], part[keep]))
            nodes = split
        nodes = sorted((n for n in nodes if n[0] > 0), key=lambda n: n[0])
        words_of = [where for _, where, _ in nodes]
        masks_of = [masks for _, _, masks in nodes]
        totals = {value: self.count(masks) for value, _, masks in nodes}
        if not totals:
            return [{} for _ in range(self.n)], {}
        classes = list(totals)
        starts = np.cumsum([0] + [len(w) for w in words_of[:-1]])
        words = np.concatenate(words_of)
        masks = np.concatenate(masks_of)

        def count(players: range) -> list[dict[int, int]]:
            full = np.empty_like(self.words)
            picked = np.empty(len(words), dtype=np.uint64)
            out = []
            for j in players:
                np.take(self.critical_full(j, full), words, out=picked)
                picked &= masks
                hits = np.add.reduceat(popcount(picked).astype(np.int64), starts)
                out.append({c: int(h) for c, h in zip(classes, hits, strict=True) if h})
            return out

        # numpy releases the GIL in these loops: the players are split between two threads
        half = (self.n + 1) // 2
        with ThreadPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(count, (range(half), range(half, self.n))))
        per_player = parts[0] + parts[1]
        return per_player, totals

    def sparse(self, array: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The nonzero words of a table-aligned ``array`` and their positions."""
        where = np.flatnonzero(array)
        return array[where], where

    def sparse_sizes(self, words: np.ndarray, where: np.ndarray, j: int | None = None) -> list[int]:
        """Like :meth:`sizes` for the words ``words`` at table positions ``where``; with ``j``,
        only the coalitions containing player ``j``."""
        if j is not None:
            if j < 6:
                words = words & self.pattern(j)
            else:
                keep = (where >> (j - 6)) & 1 == 1
                words, where = words[keep], where[keep]
        high = popcount(where.astype(np.uint64)).astype(np.intp)
        out = np.zeros(self.n + 8, dtype=np.int64)
        for k, mask in enumerate(_SIZE_MASKS):
            counts = popcount(words & np.uint64(mask))
            out += np.bincount(high + k, weights=counts, minlength=len(out))[: len(out)].astype(
                np.int64
            )
        return [int(x) for x in out[: self.n + 1]]


def build(
    columns: Sequence[Sequence[int]],
    wins: Callable[[Sequence[np.ndarray]], np.ndarray],
) -> WinTable:
    """The win table of the game whose players have the integer weights ``columns[c][i]`` in
    each criterion and whose rule ``wins`` maps arrays of coalition totals (one per criterion) to
    booleans."""
    n = len(columns[0])
    if not 1 <= n <= MAX_PLAYERS:
        raise ValueError(f"a win table holds 1 to {MAX_PLAYERS} players, not {n}")
    low = min(n, _LOW)
    high = n - low
    low_sums = [_subset_sums(col[:low], sum(col)) for col in columns]
    high_sums = [_subset_sums(col[low:], sum(col)) for col in columns]
    if n < 6:
        win = np.asarray(
            wins([s[:, None] + h[None, :] for s, h in zip(low_sums, high_sums, strict=True)])
        )
        bits = np.packbits(win.reshape(-1).astype(np.uint8), bitorder="little")
        word = int.from_bytes(bits.tobytes(), "little")
        return WinTable(n, np.array([word], dtype=np.uint64))
    rows = max(1, _BLOCK >> low)
    per_row = 1 << (low - 6)
    words = np.empty((1 << high) * per_row, dtype=np.uint64)
    for start in range(0, 1 << high, rows):
        stop = min(start + rows, 1 << high)
        totals = [
            h[start:stop, None] + s[None, :] for s, h in zip(low_sums, high_sums, strict=True)
        ]
        win = np.asarray(wins(totals), dtype=bool)
        packed = np.packbits(win, axis=-1, bitorder="little")
        words[start * per_row : stop * per_row] = packed.view("<u8").reshape(-1)
    return WinTable(n, words)


_ONEHOT: dict[tuple[int, type], np.ndarray] = {}


def _onehot(bits: int, dtype: type = np.float64) -> np.ndarray:
    """``(2^bits, bits + 1)``: row ``x`` is 1 in column ``popcount(x)``."""
    key = (bits, dtype)
    if key not in _ONEHOT:
        sizes = popcount(np.arange(1 << bits, dtype=np.uint64)).astype(np.intp)
        table = np.zeros((1 << bits, bits + 1), dtype=dtype)
        table[np.arange(1 << bits), sizes] = 1
        _ONEHOT[key] = table
    return _ONEHOT[key]


def _subset_sums(weights: Sequence[int], total: int) -> np.ndarray:
    """The totals of all subsets of ``weights``; subset ``s`` (a bit mask) at position ``s``;
    in the narrowest integer type that holds ``total`` (the whole table's sums are formed in
    it, so a narrow type halves or quarters the build's memory traffic)."""
    dtype = np.int16 if total < 2**15 else np.int32 if total < 2**31 else np.int64
    sums = np.zeros(1, dtype=dtype)
    for w in weights:
        sums = np.concatenate([sums, sums + dtype(w)])
    return sums
