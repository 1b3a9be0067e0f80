"""One majority contest among citizens: its win probability at ``t`` and a voter's chance
of deciding it, from exact binomial laws (regularized incomplete beta and pmf).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from scipy import special

from ..core.binomial import inner_pmf as _binomial_inner
from ..core.binomial import pmf as _binomial_pmf


def majority(voters: int) -> int:
    """Votes that win a contest outright: a strict majority, ``floor(n/2) + 1``."""
    return voters // 2 + 1


def _win_share(yes: np.ndarray, voters: int) -> np.ndarray:
    """Probability that ``yes`` votes of ``voters`` carry the contest: 1, 1/2 on a tie, or 0."""
    return np.where(2 * yes > voters, 1.0, np.where(2 * yes == voters, 0.5, 0.0))


def _contest(voters: int, t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(P(yes wins), P(no wins), one voter's marginal effect)`` of a contest at each ``t``.

    The marginal effect is ``dP(yes wins)/dt / n``: ``b((n-1)/2; n-1, t)`` for odd ``n`` and
    ``(b(n/2; n-1, t) + b(n/2 - 1; n-1, t)) / 2`` for even ``n`` (a vote turns a tie into a win
    or a loss into a tie).
    """
    n = voters
    win, lose = _tail_pair(majority(n), n, t)
    if n % 2 == 0:
        tie = _pmf(n // 2, n, t)
        win, lose = win + tie / 2.0, lose - tie / 2.0
        effect = (_pmf(n // 2, n - 1, t) + _pmf(n // 2 - 1, n - 1, t)) / 2.0
    else:
        effect = _pmf((n - 1) // 2, n - 1, t)
    return win, lose, effect


def _contests(voters: Sequence[int], t: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_contest` for several contests at once: arrays of shape ``(contests, len(t))``
    (one batched evaluation instead of one per contest)."""
    n = np.asarray(voters, dtype=np.int64)[:, None]
    if n.size == 0 or n.min() <= 2:  # the edge cases (1 or 2 voters): one contest at a time
        parts = [_contest(int(v), t) for v in voters]
        return tuple(np.array([p[j] for p in parts]).reshape(len(parts), t.size) for j in range(3))  # type: ignore[return-value]
    m = n // 2 + 1
    win = special.betainc(m, n - m + 1, t[None, :])
    lose = special.betainc(n - m + 1, m, 1.0 - t[None, :])
    even = (n % 2 == 0)[:, 0]
    half = n // 2
    # odd n: b((n - 1)/2; n - 1, t); even n: the mean of b(n/2; n - 1, t) and b(n/2 - 1; ...)
    effect = _binomial_inner(np.where(n % 2 == 0, half, (n - 1) // 2), n - 1, t[None, :])
    if even.any():
        ne, he = n[even], half[even]
        tie = _binomial_inner(he, ne, t[None, :])
        win[even] += tie / 2.0
        lose[even] -= tie / 2.0
        effect[even] = (effect[even] + _binomial_inner(he - 1, ne - 1, t[None, :])) / 2.0
    return win, lose, effect


def decisive_probability(voters: int) -> float:
    """Probability that one citizen decides a contest of ``voters`` under coin-flip voting.

    ``C(n-1, floor((n-1)/2)) / 2^(n-1)``: for odd ``n`` the others split evenly; for even ``n`` her
    vote turns a tie (decided by a coin) into a win or a loss, which has the same probability.
    Exact for small ``n``; otherwise Loader's saddle-point binomial probability
    (:mod:`votepower.core.binomial`), accurate to about 1e-14 relative, where a plain difference of
    log-gamma values would lose seven digits.

    >>> decisive_probability(3)       # the other two split 1-1
    0.5
    >>> round(decisive_probability(10**6) / decisive_probability_approx(10**6), 6)
    1.0
    """
    n = voters
    if n <= 2000:  # exactly rounded from the exact fraction
        return math.comb(n - 1, (n - 1) // 2) / 2 ** (n - 1)
    return float(_binomial_pmf((n - 1) // 2, n - 1, 0.5))


def decisive_probability_approx(voters: int) -> float:
    """Penrose's approximation ``sqrt(2 / (pi n))`` of :func:`decisive_probability`."""
    return math.sqrt(2.0 / (math.pi * voters))


def _tail(m: int, n: int, t: np.ndarray) -> np.ndarray:
    """``P(Bin(n, t) >= m)``."""
    if m <= 0:
        return np.ones_like(t)
    if m > n:
        return np.zeros_like(t)
    return special.betainc(m, n - m + 1, t)


def _tail_pair(m: int, n: int, t: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(P(Bin(n, t) >= m), P(Bin(n, t) < m))``, each computed directly (no ``1 - x`` loss)."""
    if m <= 0:
        return np.ones_like(t), np.zeros_like(t)
    if m > n:
        return np.zeros_like(t), np.ones_like(t)
    return special.betainc(m, n - m + 1, t), special.betainc(n - m + 1, m, 1.0 - t)


def _small_binomial(count: int, p: np.ndarray, q: np.ndarray) -> list[np.ndarray]:
    """``P(Bin(count, p) = k)`` for k = 0..count, with ``q = 1 - p`` given separately: the
    terms of :func:`_binomial_terms`, one array per ``k``."""
    return list(np.moveaxis(_binomial_terms(count, p, q), -1, 0))


def _binomial_terms(m: int, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """``C(m, k) x^k y^(m - k)`` for k = 0..m along a new last axis; ``x`` and ``y`` real or
    complex. Computed from logarithms of the moduli, so any ``m`` is safe from overflow."""
    k = np.arange(m + 1)
    log_comb = special.gammaln(m + 1) - special.gammaln(k + 1) - special.gammaln(m - k + 1)
    with np.errstate(divide="ignore", invalid="ignore"):  # 0 ** 0 = 1; 0 ** k = 0
        log_x = np.log(np.abs(x))[..., None]
        log_y = np.log(np.abs(y))[..., None]
        log_size = (
            log_comb + np.where(k > 0, k * log_x, 0.0) + np.where(k < m, (m - k) * log_y, 0.0)
        )
    size = np.exp(log_size)
    if not (np.iscomplexobj(x) or np.iscomplexobj(y)):
        signs = np.where(k % 2 == 1, np.sign(x)[..., None], 1.0) * np.where(
            (m - k) % 2 == 1, np.sign(y)[..., None], 1.0
        )
        return np.asarray(size * np.where(signs == 0, 1.0, signs))
    turn = k * np.angle(x)[..., None] + (m - k) * np.angle(y)[..., None]
    return np.asarray(size * np.exp(1j * turn))


def _binomial_terms_derivative(
    m: int, x: np.ndarray, y: np.ndarray, dx: np.ndarray, dy: np.ndarray
) -> np.ndarray:
    """The derivative of :func:`_binomial_terms` when one of the ``m`` factors ``(x u + y)``
    moves by ``(dx u + dy)``: ``C(m-1, k-1) dx x^(k-1) y^(m-k) + C(m-1, k) dy x^k y^(m-1-k)``."""
    others = _binomial_terms(m - 1, x, y)
    out = np.zeros(others.shape[:-1] + (m + 1,), dtype=others.dtype)
    out[..., 1:] += dx[..., None] * others
    out[..., :-1] += dy[..., None] * others
    return out


def _pmf(k: int, n: int, t: np.ndarray) -> np.ndarray:
    """``P(Bin(n, t) = k)``."""
    if k < 0 or k > n:
        return np.zeros_like(t)
    return _binomial_pmf(k, n, t)
