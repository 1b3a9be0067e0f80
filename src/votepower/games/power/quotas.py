"""Exact Banzhaf swing counts of one weight vector at several quotas, from one pass, in
machine integers.

With ``n`` players every count of coalitions is below ``2^n``, so for ``n <=``
:data:`MAX_PLAYERS` the generating-function programme of :mod:`.generating` runs exactly in
64-bit integers: no rounding, no error estimate, and as fast as the float path. The forward pass
(the coefficients of ``prod_j (1 + x^{w_j})``) is shared by every quota asked for: it runs to
the largest ``min(q, q*)`` among them (a game and its dual, quota ``q* = W - q + 1``, have the
same swings), and each quota then costs the alternating block sums of its own prefix, ``O(q /
w)`` per distinct weight. A search over designs that tries several quotas for each weight
vector (:mod:`votepower.us.design`) pays for about one evaluation per vector.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["MAX_PLAYERS", "banzhaf_swings_at"]

#: every count of coalitions and every partial alternating sum stays below ``2^n <= 2^62``
MAX_PLAYERS = 62


def banzhaf_swings_at(weights: Sequence[int], quotas: Sequence[int]) -> np.ndarray:
    """Swing counts (coalitions of the others for which the player is critical), exactly, for
    each quota (rows) and player (columns).

    >>> banzhaf_swings_at([9, 9, 7, 3, 1, 1], [16, 14]).tolist()
    [[16, 16, 16, 0, 0, 0], [16, 16, 14, 2, 2, 2]]
    """
    w = [int(v) for v in weights]
    if len(w) > MAX_PLAYERS:
        raise ValueError(f"at most {MAX_PLAYERS} players (counts must fit 64-bit integers)")
    if any(v < 0 for v in w):
        raise ValueError("weights must be non-negative")
    total = sum(w)
    wanted = [int(q) for q in quotas]
    if any(not 1 <= q <= total for q in wanted):
        raise ValueError(f"every quota must be between 1 and the total weight {total}")
    tops = [min(q, total - q + 1) for q in wanted]  # the game or its dual, whichever is shorter
    top = max(tops, default=0)
    counts = np.zeros(top, dtype=np.int64)
    counts[0] = 1
    zeros = 0
    for v in sorted(w, reverse=True):
        if v == 0:
            zeros += 1
        elif v < top:
            counts[v:] = counts[v:] + counts[:-v]
    prefix = np.zeros(top + 1, dtype=np.int64)
    np.cumsum(counts, out=prefix[1:])
    out = np.zeros((len(wanted), len(w)), dtype=np.int64)
    t = np.asarray(tops, dtype=np.int64)[:, None]
    distinct, owner = np.unique(np.asarray(w, dtype=np.int64), return_inverse=True)
    for column, v in enumerate(int(x) for x in distinct):
        if v == 0:
            continue
        # a weight-v player's swings: coalitions of the others weighing t - v .. t - 1;
        # removing it divides by (1 + x^v): alternating sums of blocks of v of the prefix
        j = np.arange(-(-top // v), dtype=np.int64)[None, :]
        hi = t - j * v
        inside = hi > 0
        block = prefix[np.maximum(hi, 0)] - prefix[np.maximum(hi - v, 0)]
        signed = np.where(inside, np.where(j % 2 == 0, block, -block), 0)
        swings = signed.sum(axis=1) << zeros
        out[:, owner == column] = swings[:, None]
    return out
