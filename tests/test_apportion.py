"""Apportionment: official results reproduced, classic properties, paradoxes, exactness, ties."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from votepower.core.errors import UnknownMethodError
from votepower.us import datasets
from votepower.us.apportion import (
    APPORTIONMENT_METHODS,
    ApportionmentError,
    ApportionmentTieError,
    apportion,
    house_size,
)

DIVISOR = [m.id for m in APPORTIONMENT_METHODS if m.kind == "divisor"]
ALL = [m.id for m in APPORTIONMENT_METHODS]
# most favourable to small states first (Balinski & Young)
BIAS_ORDER = ["adams", "dean", "huntington-hill", "webster", "jefferson"]


def census(year):
    records = [r for r in datasets.apportionment_census(year) if r.population is not None]
    return {r.code: r.population for r in records}, {r.code: r.seats for r in records}


# -- official results -------------------------------------------------------------------------
@pytest.mark.parametrize("year", [1940, 1950, 1960, 1970, 1980, 1990, 2000, 2010, 2020])
def test_huntington_hill_reproduces_the_official_apportionment(year):
    pops, official = census(year)
    result = apportion(pops, 435, method="huntington-hill", official=official)
    assert result.seats == official
    assert all(line.change == 0 for line in result.states)


# Census Bureau Table B2: first runner-up and the people it needed for another seat
RUNNER_UP = {1960: ("MA", 11_436), 1970: ("OR", 231), 1980: ("IN", 7_222),
             1990: ("MA", 12_606), 2000: ("UT", 856), 2010: ("NC", 15_754),
             2020: ("NY", 89)}  # fmt: skip


@pytest.mark.parametrize("year", sorted(RUNNER_UP))
def test_runner_up_margins_match_census_table_b2(year):
    pops, _ = census(year)
    last = apportion(pops, 435).last_seat
    assert (last.runner_up, last.shortfall) == RUNNER_UP[year]


def test_2020_last_seat():
    pops, _ = census(2020)
    last = apportion(pops, 435).last_seat
    assert (last.state, last.seat, last.runner_up, last.runner_up_seat) == ("MN", 8, "NY", 27)
    # Minnesota would have lost the seat with 26 fewer residents
    assert last.surplus == 25
    changed = dict(pops, MN=pops["MN"] - 26)
    assert apportion(changed, 435).seats["MN"] == 7
    assert apportion(dict(pops, MN=pops["MN"] - 25), 435).seats["MN"] == 8
    assert apportion(dict(pops, NY=pops["NY"] + 89), 435).seats["NY"] == 27
    assert apportion(dict(pops, NY=pops["NY"] + 88), 435).seats["NY"] == 26


def test_webster_reproduces_1910_and_1930():
    for year in (1910, 1930):
        pops, official = census(year)
        assert apportion(pops, sum(official.values()), method="webster").seats == official


# -- house-size rules -------------------------------------------------------------------------
def test_wyoming_rule_2020_and_its_rounding_conventions():
    pops, _ = census(2020)
    assert house_size("wyoming-rule", pops)[0] == 573  # 331,108,434 / 577,719 = 573.13
    assert house_size("wyoming-rule", pops, wyoming_rounding="down")[0] == 573
    assert house_size("wyoming-rule", pops, wyoming_rounding="up")[0] == 574
    assert house_size("wyoming", pops)[0] == 573


def test_cube_root_rule_2020():
    pops, _ = census(2020)
    assert house_size("cube-root-rule", pops)[0] == 692  # cube root of 331,108,434 = 691.8


@given(st.integers(1, 10**15))
def test_cube_root_is_the_nearest_integer(n):
    size = house_size("cube-root-rule", {"A": n})[0]
    assert abs(size - n ** (1 / 3)) <= 0.5 + 1e-9


def test_fixed_ratio_1790_and_2020():
    # the first Congress's ratio, one seat per 30,000 people, on the 2020 census: 11,037 seats
    pops, _ = census(2020)
    assert house_size("fixed-ratio:30000", pops)[0] == 11037  # 331,108,434 / 30,000 = 11,036.9
    assert house_size("fixed-ratio:760000", pops)[0] == 436  # 435.67
    assert house_size("Fixed-Ratio:761_179", pops)[0] == 435


@given(st.integers(1, 10**12), st.integers(1, 10**9))
def test_fixed_ratio_is_the_nearest_size(total, per_seat):
    exact = Fraction(total, per_seat)
    if not 0.5 <= exact < 50_000.5:
        with pytest.raises(ApportionmentError, match="a House has 1 to 50,000"):
            house_size(f"fixed-ratio:{per_seat}", {"A": total})
        return
    size = house_size(f"fixed-ratio:{per_seat}", {"A": total})[0]
    assert abs(size - exact) <= Fraction(1, 2)
    assert size - exact != Fraction(-1, 2)  # halves go up


@pytest.mark.parametrize("rule", ["fixed-ratio:", "fixed-ratio:0", "fixed-ratio:-5",
                                  "fixed-ratio:1.5", "fixed-ratio:x"])  # fmt: skip
def test_fixed_ratio_refuses_what_is_not_people_per_seat(rule):
    with pytest.raises(ApportionmentError, match="whole number of people per seat"):
        house_size(rule, {"A": 1000})


def test_fixed_house_size():
    assert house_size(500, {"A": 1}) == (500, "fixed at 500")
    assert house_size("600", {"A": 1})[0] == 600
    with pytest.raises(UnknownMethodError):
        house_size("triple", {"A": 1})


# -- properties ------------------------------------------------------------------------------
populations = st.dictionaries(
    st.sampled_from([f"S{i:02d}" for i in range(30)]),
    st.integers(1_000, 5_000_000),
    min_size=2,
    max_size=20,
)


def _apportion_or_tie(pops, size, **kw):
    try:
        return apportion(pops, size, **kw)
    except ApportionmentTieError:
        assume(False)
        raise


@given(populations, st.integers(0, 200), st.sampled_from(ALL), st.integers(0, 2))
def test_seats_sum_to_house_size_and_respect_the_minimum(pops, extra, method, min_seats):
    size = len(pops) * max(min_seats, 1) + extra
    result = _apportion_or_tie(pops, size, method=method, min_seats=min_seats)
    assert sum(result.seats.values()) == size
    assert all(s >= min_seats for s in result.seats.values())


@given(populations, st.integers(0, 150), st.sampled_from(DIVISOR))
@example({"A": 6000, "B": 6000, "C": 2000}, 7, "huntington-hill")
def test_divisor_methods_are_house_monotone(pops, extra, method):
    size = len(pops) + extra
    before = _apportion_or_tie(pops, size, method=method).seats
    after = _apportion_or_tie(pops, size + 1, method=method).seats
    assert all(after[s] >= before[s] for s in pops)


@given(populations, st.integers(0, 150))
def test_hamilton_satisfies_quota(pops, extra):
    size = len(pops) + extra
    result = _apportion_or_tie(pops, size, method="hamilton", min_seats=0)
    for line in result.states:
        assert math.floor(line.quota) <= line.seats <= math.ceil(line.quota)
    assert result.quota_violations == {}


@given(populations, st.data(), st.sampled_from(DIVISOR))
def test_divisor_methods_are_population_monotone(pops, data, method):
    """If A grows relative to B, A never loses a seat while B gains one."""
    size = len(pops) + data.draw(st.integers(0, 100))
    grown = {s: p * data.draw(st.integers(50, 200)) // 100 for s, p in pops.items()}
    before = _apportion_or_tie(pops, size, method=method).seats
    after = _apportion_or_tie(grown, size, method=method).seats
    for a in pops:
        for b in pops:
            if Fraction(grown[a], grown[b]) >= Fraction(pops[a], pops[b]):
                assert not (after[a] < before[a] and after[b] > before[b]), (a, b)


@given(populations, st.integers(0, 150), st.integers(0, len(BIAS_ORDER) - 2))
def test_bias_order_seats_move_towards_smaller_states(pops, extra, k):
    """Going from a method to the next more small-state-friendly one, no seat moves to a larger
    state: whoever gains is no larger than whoever loses."""
    size = len(pops) + extra
    friendlier = _apportion_or_tie(pops, size, method=BIAS_ORDER[k]).seats
    other = _apportion_or_tie(pops, size, method=BIAS_ORDER[k + 1]).seats
    gainers = [s for s in pops if friendlier[s] > other[s]]
    losers = [s for s in pops if friendlier[s] < other[s]]
    for g in gainers:
        for lo in losers:
            assert pops[g] <= pops[lo]


def test_bias_order_on_the_2020_census():
    pops, _ = census(2020)
    small = sorted(pops, key=pops.get)[:25]
    seats_of_small = [
        sum(apportion(pops, 435, method=m).seats[s] for s in small) for m in BIAS_ORDER
    ]
    assert seats_of_small == sorted(seats_of_small, reverse=True)
    assert seats_of_small[0] > seats_of_small[-1]


# -- the Alabama paradox ----------------------------------------------------------------------
TEXTBOOK = {"A": 6_100, "B": 5_900, "C": 2_000}


def test_alabama_paradox_under_hamilton():
    ten = apportion(TEXTBOOK, 10, method="hamilton", min_seats=0).seats
    eleven = apportion(TEXTBOOK, 11, method="hamilton", min_seats=0).seats
    assert ten == {"A": 4, "B": 4, "C": 2}
    assert eleven == {"A": 5, "B": 5, "C": 1}  # a larger House costs C a seat


@pytest.mark.parametrize("method", DIVISOR)
def test_no_alabama_paradox_under_divisor_methods(method):
    checked = 0
    for size in range(3, 30):
        small = apportion(TEXTBOOK, size, method=method, ties="report")
        large = apportion(TEXTBOOK, size + 1, method=method, ties="report")
        if small.tie is None and large.tie is None:  # a tie may go either way
            assert all(large.seats[s] >= small.seats[s] for s in TEXTBOOK)
            checked += 1
    assert checked >= 10
    assert (
        apportion(TEXTBOOK, 10, method=method, ties="report").seats["C"]
        <= apportion(TEXTBOOK, 11, method=method, ties="report").seats["C"]
    )


# -- exact arithmetic and ties -----------------------------------------------------------------
def test_priorities_are_compared_exactly():
    """Two Huntington-Hill priorities that floating point orders the wrong way round."""
    # A (2 seats) claims its 3rd with p_a / sqrt(6); B (1 seat) its 2nd with p_b / sqrt(2)
    p_a, p_b = 17_320_508_075_688_773, 10**16
    assert Fraction(p_a * p_a, 6) > Fraction(p_b * p_b, 2)  # A's claim is higher ...
    assert not float(p_a) ** 2 / 6 > float(p_b) ** 2 / 2  # ... which floats cannot see
    result = apportion({"A": p_a, "B": p_b}, 4)
    assert result.seats == {"A": 3, "B": 1}
    assert result.last_seat.state == "A" and result.last_seat.shortfall == 1


def test_tie_for_the_last_seat_is_raised_or_reported():
    with pytest.raises(ApportionmentTieError, match="tie"):
        apportion({"A": 100, "B": 100}, 3, method="webster", min_seats=0)
    result = apportion({"A": 100, "B": 100}, 3, method="webster", min_seats=0, ties="report")
    assert result.tie is not None and set(result.tie.states) == {"A", "B"}
    assert sum(result.seats.values()) == 3
    with pytest.raises(ApportionmentTieError):
        apportion({"A": 100, "B": 100, "C": 50}, 4, method="hamilton", min_seats=0)


@pytest.mark.parametrize(
    ("pops", "size", "kwargs", "message"),
    [
        ({"A": 10, "B": 20}, 1, {}, "cannot give 2 states"),
        ({"A": 0, "B": 20}, 5, {}, "positive integer"),
        ({"A": 1.5, "B": 20}, 5, {}, "positive integer"),
        ({}, 5, {}, "no states"),
        ({"A": 10, "B": 20}, 1, {"method": "adams", "min_seats": 0}, "cannot cover 2 states"),
        ({"A": 10}, 5, {"ties": "coin"}, "ties must be"),
        ({"A": 10}, 0, {}, "at least 1"),
    ],
)
def test_invalid_problems(pops, size, kwargs, message):
    with pytest.raises(ApportionmentError, match=message):
        apportion(pops, size, **kwargs)


def test_aliases():
    pops, _ = census(2020)
    for alias in ("hill", "equal-proportions"):
        assert apportion(pops, 435, method=alias).method == "huntington-hill"
    assert apportion(pops, 435, method="dhondt").method == "jefferson"
    assert apportion(pops, 435, method="sainte-lague").method == "webster"
    assert apportion(pops, 435, method="largest-remainder").method == "hamilton"
    with pytest.raises(UnknownMethodError, match="huntington-hill, webster"):
        apportion(pops, 435, method="borda")


def test_quota_violations_are_flagged():
    pops, _ = census(2020)
    jefferson = apportion(pops, 435, method="jefferson")
    assert jefferson.quota_violations.get("CA") == "upper"
    adams = apportion(pops, 435, method="adams")
    assert "lower" in adams.quota_violations.values()
