"""The t-integrals: exact rules are exact, the graded rules reach their stated accuracy."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from votepower.core.quadrature import ROUNDING, centred_trapezoid, graded_gauss, integrate_over_t


def _bumps(widths, offsets=None):
    """Normalized Gaussians of the given widths about 1/2 (+ offsets): integrals 1 each."""
    offsets = offsets or [0.0] * len(widths)

    def f(t):
        cols = [
            np.exp(-0.5 * ((t - 0.5 - o) / w) ** 2) / (w * math.sqrt(2 * math.pi))
            for w, o in zip(widths, offsets, strict=True)
        ]
        return np.stack(cols, axis=1)

    return f


@given(
    st.lists(st.floats(1e-5, 1e-3), min_size=1, max_size=4),
    st.floats(-1.0, 1.0),
)
def test_centred_trapezoid_resolves_bumps_of_every_width(widths, shift):
    """Bumps from 1e-5 to 1e-3 wide, centred at 1/2 or off it by up to one width."""
    offsets = [shift * w for w in widths]
    narrowest, widest = min(widths), max(widths)
    values, error = centred_trapezoid(
        _bumps(widths, offsets), scale=narrowest, half_width=12 * widest, rtol=1e-10
    )
    np.testing.assert_allclose(values, 1.0, rtol=1e-9)
    assert ROUNDING <= error <= 1e-10


def test_centred_trapezoid_widens_its_window_and_reports_what_it_could_not_reach():
    f = _bumps([1e-3])
    values, _ = centred_trapezoid(f, scale=1e-3, half_width=1e-3, limit=0.1, rtol=1e-10)
    assert values[0] == pytest.approx(1.0, rel=1e-9)  # started too narrow, widened
    cut, error = centred_trapezoid(f, scale=1e-3, half_width=1e-3, limit=2e-3, rtol=1e-10)
    assert cut[0] < 0.96 and error > 0.1  # held at +-2 widths: the estimate says so


def test_gauss_legendre_is_exact_for_the_polynomials_of_small_electorates():
    """Below EXACT_BALLOTS the integrand is a polynomial of degree < ballots."""
    ballots = 41
    coefficients = np.arange(1, ballots + 1, dtype=float)[::-1] / 10

    def f(t):
        return np.polynomial.polynomial.polyval(t, coefficients)[:, None]

    exact = sum(c / (k + 1) for k, c in enumerate(coefficients))
    values, error = integrate_over_t(f, ballots=ballots, smallest=3, largest=9, rtol=1e-8)
    assert error == 0.0 and values[0] == pytest.approx(exact, rel=1e-13)


def test_graded_gauss_mixes_a_wide_and_a_narrow_integrand():
    def f(t):
        return np.stack([np.cos(3 * t), _bumps([2e-4])(t)[:, 0]], axis=1)

    values, error = graded_gauss(f, scale=4e-4, rtol=1e-10)
    np.testing.assert_allclose(values, [math.sin(3) / 3, 1.0], rtol=1e-9)
    assert error <= 1e-10
