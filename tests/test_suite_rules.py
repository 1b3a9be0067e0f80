"""Rules the suite itself keeps (see conftest.py)."""

from __future__ import annotations

import pytest


def test_approx_is_relative_for_tiny_values():
    """Per-citizen powers of 1e-22 must not compare equal to any other tiny number."""
    assert 1e-22 != pytest.approx(2e-22)
    assert 1e-22 == pytest.approx(1e-22 * (1 + 1e-9))
    assert 1e-22 == pytest.approx(0.0, abs=1e-20)  # an absolute tolerance only when asked
