"""The numpy-only binomial pmf against exact rational arithmetic."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from votepower.core.binomial import pmf


@given(st.integers(1, 3000), st.integers(1, 999), st.data())
def test_pmf_matches_exact_fractions(n, per_mille, data):
    p = Fraction(per_mille, 1000)
    k = data.draw(st.integers(0, n))
    exact = math.comb(n, k) * p**k * (1 - p) ** (n - k)
    value = float(pmf(k, n, per_mille / 1000))
    if float(exact) > 1e-250:
        assert abs(value - float(exact)) <= 1e-12 * float(exact)


def test_pmf_sums_to_one_at_census_size():
    n = 39_538_223
    k = range(n // 2 - 40_000, n // 2 + 40_000)
    import numpy as np

    assert abs(float(pmf(np.array(k), n, 0.5).sum()) - 1.0) < 1e-11
