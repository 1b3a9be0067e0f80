"""Every House size at once equals apportioning each size on its own."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower.us import datasets
from votepower.us.apportion import APPORTIONMENT_METHODS, apportion
from votepower.us.apportion.sweep import seats_by_size


@pytest.mark.parametrize("method", [m.id for m in APPORTIONMENT_METHODS])
def test_the_2020_census_every_tenth_size(method):
    pops = {s.code: s.population for s in datasets.apportionment_census(2020)}
    sizes = list(range(50, 1501, 37)) + [435, 436, 1500]
    swept = seats_by_size(pops, sizes, method)
    for h in sizes:
        assert swept[h] == apportion(pops, h, method=method, ties="report").seats, h


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(1, 40), min_size=2, max_size=7),
    st.lists(st.integers(0, 30), min_size=1, max_size=6),
    st.sampled_from([m.id for m in APPORTIONMENT_METHODS]),
)
def test_small_unions_with_ties(pops, extra, method):
    """Tiny populations tie often: a tied size is apportioned as apportion() does it."""
    populations = {f"S{k}": p for k, p in enumerate(pops)}
    sizes = [len(pops) + e for e in extra]
    swept = seats_by_size(populations, sizes, method)
    for h in sizes:
        assert swept[h] == apportion(populations, h, method=method, ties="report").seats
