"""Published values, parametrized over every exact method in the registry."""

from __future__ import annotations

from fractions import Fraction

import pytest

from votepower import METHODS, WeightedGame, banzhaf, shapley_shubik

EXACT_METHODS = [m.id for m in METHODS if m.exact]

# Nassau County Board of Supervisors (Banzhaf 1965): three of six members can never change an
# outcome; the other three hold all the power.
NASSAU = WeightedGame(
    [9, 9, 7, 3, 1, 1],
    16,
    labels=[
        "Hempstead 1",
        "Hempstead 2",
        "North Hempstead",
        "Oyster Bay",
        "Glen Cove",
        "Long Beach",
    ],
)
# UN Security Council after 1965: 5 permanent members (veto) and 10 elected; 9 votes including all
# five permanent ones, i.e. [39; 7 x 5, 1 x 10] (Shapley-Shubik 421/2145 and 4/2145).
UNSC = WeightedGame([7] * 5 + [1] * 10, 39, labels=[*"CFRUK"[:5], *(f"E{i}" for i in range(1, 11))])
# EEC Council of Ministers 1958: France, Germany, Italy 4; Belgium, Netherlands 2; Luxembourg 1;
# qualified majority 12 of 17. Luxembourg is a dummy.
EEC = WeightedGame([4, 4, 4, 2, 2, 1], 12, labels=["FR", "DE", "IT", "BE", "NL", "LU"])


@pytest.mark.parametrize("method", EXACT_METHODS)
def test_nassau_county_three_dummies(method):
    bz = banzhaf(NASSAU, method=method, exact=True)
    ss = shapley_shubik(NASSAU, method=method, exact=True)
    assert bz.swings == (16, 16, 16, 0, 0, 0)
    assert bz.normalized == (Fraction(1, 3),) * 3 + (0,) * 3
    assert ss.values == (Fraction(1, 3),) * 3 + (0,) * 3
    assert bz["Glen Cove"] == 0 and ss["Oyster Bay"] == 0


@pytest.mark.parametrize("method", EXACT_METHODS)
def test_un_security_council(method):
    ss = shapley_shubik(UNSC, method=method, exact=True)
    assert ss.values[:5] == (Fraction(421, 2145),) * 5
    assert ss.values[5:] == (Fraction(4, 2145),) * 10
    bz = banzhaf(UNSC, method=method, exact=True)
    # permanent member: critical in every winning coalition (all 5 + at least 4 elected)
    assert bz.swings[0] == sum(__import__("math").comb(10, k) for k in range(4, 11))
    # elected member: critical when exactly 3 other elected members join the five
    assert bz.swings[5] == __import__("math").comb(9, 3)


@pytest.mark.parametrize("method", EXACT_METHODS)
def test_eec_1958_luxembourg_is_a_dummy(method):
    bz = banzhaf(EEC, method=method, exact=True)
    ss = shapley_shubik(EEC, method=method, exact=True)
    assert bz.swings == (10, 10, 10, 6, 6, 0)
    assert bz.normalized[0] == Fraction(5, 21) and bz.normalized[3] == Fraction(1, 7)
    assert ss.values == (Fraction(7, 30),) * 3 + (Fraction(3, 20),) * 2 + (0,)
