"""The quick per-citizen Banzhaf values (exact bloc polynomial, windows as alternating sums)
agree with the general integrand at t = 1/2, on random bodies and on the College."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower.citizens import Bloc, Proportional, TwoTierBody
from votepower.citizens.body import _marginals
from votepower.citizens.quickbanzhaf import quick_citizen_banzhafs
from votepower.citizens.split import Split
from votepower.us.alternatives import build_scheme, federation


def _agree(body: TwoTierBody) -> None:
    quick = quick_citizen_banzhafs(body)
    assert quick is not None
    general = _marginals(body, np.array([0.5]))[0]
    # the general way takes differences of tail probabilities: absolutely accurate to
    # rounding (a few 1e-16 per block), so relatively less for tiny values; the quick way is
    # exact for the blocs
    np.testing.assert_allclose(quick, general, rtol=1e-11, atol=1e-14)


@st.composite
def bodies(draw) -> TwoTierBody:
    n = draw(st.integers(1, 12))
    blocks = []
    for k in range(n):
        weight = draw(st.integers(1, 9))
        voters = draw(st.integers(1, 2001))
        kind = draw(st.sampled_from(["bloc"] * 6 + ["proportional", "split"]))
        if kind == "proportional":
            blocks.append(Proportional(f"P{k}", seats=weight, voters=voters))
        elif kind == "split" and weight >= 3:
            districts = weight - 2
            blocks.append(Split(f"S{k}", at_large=2, districts=districts,
                                voters_per_district=max(1, voters // districts)))  # fmt: skip
        else:
            blocks.append(Bloc(f"B{k}", weight, voters))
    total = sum(b.weight for b in blocks)
    quota = draw(st.integers(1, total))
    return TwoTierBody("random", tuple(blocks), quota)


@settings(max_examples=200, deadline=None)
@given(bodies())
def test_quick_values_are_the_general_ones(body):
    _agree(body)


def test_the_college_and_its_variants():
    fed = federation(2020)
    for scheme in ("ec-current", "ec-webster", "ec-house-only", "ec-wyoming-rule", "dc-statehood"):
        _agree(build_scheme(scheme, fed))


def test_too_many_blocs_or_parts_go_the_general_way():
    many = TwoTierBody("many", tuple(Bloc(f"B{k}", 1, 3) for k in range(63)), 32)
    assert quick_citizen_banzhafs(many) is None
    parts = TwoTierBody("parts", tuple(Proportional(f"P{k}", 2, 5) for k in range(9)), 9)
    assert quick_citizen_banzhafs(parts) is None
