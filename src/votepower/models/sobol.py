"""Unscrambled Sobol' points, without importing ``scipy.stats`` (most of a second).

The direction numbers are Joe and Kuo's (2008, ``new-joe-kuo-6.21201``), read from the copy
that scipy ships for :class:`scipy.stats.qmc.Sobol`; the points are the same as
``qmc.Sobol(dim, scramble=False).random(points)``, bit for bit (tested), in Gray-code order.
If scipy's file is not where it has always been, :class:`~scipy.stats.qmc.Sobol` is used.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np

__all__ = ["sobol_points"]

#: bits of each coordinate (scipy's default)
BITS = 30


@functools.lru_cache(maxsize=1)
def _direction_data() -> tuple[np.ndarray, np.ndarray] | None:
    import scipy

    path = Path(scipy.__file__).parent / "stats" / "_sobol_direction_numbers.npz"
    try:
        with np.load(path) as data:
            return data["vinit"], data["poly"]
    except (OSError, KeyError, ValueError):
        return None


def _directions(dim: int, vinit: np.ndarray, poly: np.ndarray) -> np.ndarray:
    """``v[j, k]``: dimension ``j``'s ``k``-th direction number, scaled to :data:`BITS` bits
    (the first dimension is van der Corput's; the others follow their primitive polynomial's
    recurrence from Joe and Kuo's initial values)."""
    v = np.zeros((dim, BITS), dtype=np.uint64)
    v[0] = [1 << (BITS - 1 - k) for k in range(BITS)]
    for j in range(1, dim):
        p = int(poly[j])
        s = p.bit_length() - 1  # the polynomial's degree
        m = [int(x) for x in vinit[j][:s]]
        for k in range(s, BITS):
            new = m[k - s] ^ (m[k - s] << s)
            for i in range(1, s):
                if (p >> (s - i)) & 1:
                    new ^= m[k - i] << i
            m.append(new)
        v[j] = [m[k] << (BITS - 1 - k) for k in range(BITS)]
    return v


def sobol_points(dim: int, points: int) -> np.ndarray:
    """The first ``points`` unscrambled Sobol' points in ``[0, 1)^dim`` (rows), the origin first.

    >>> sobol_points(2, 4).tolist()
    [[0.0, 0.0], [0.5, 0.5], [0.75, 0.25], [0.25, 0.75]]
    """
    if not (isinstance(dim, int) and 1 <= dim <= 21201):
        raise ValueError("the dimension must lie between 1 and 21,201")
    if not (isinstance(points, int) and 1 <= points <= 2**BITS):
        raise ValueError(f"between 1 and 2^{BITS} points")
    data = _direction_data()
    if data is None:
        from scipy.stats import qmc

        return np.asarray(qmc.Sobol(dim, scramble=False).random(points))
    v = _directions(dim, *data)
    out = np.zeros((points, dim), dtype=np.uint64)
    x = np.zeros(dim, dtype=np.uint64)
    for i in range(1, points):
        x = x ^ v[:, ((~(i - 1)) & i).bit_length() - 1]  # the lowest zero bit of i - 1
        out[i] = x
    return out.astype(float) / 2.0**BITS
