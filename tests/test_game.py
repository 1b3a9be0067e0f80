"""The data model: validation, exact scaling, quotas, labels, duality."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from fractions import Fraction

import pytest

from votepower import InvalidGameError, VotepowerError, WeightedGame


def test_integer_game_is_kept_as_given():
    g = WeightedGame([9, 9, 7, 3, 1, 1], 16)
    assert g.integer_weights == (9, 9, 7, 3, 1, 1)
    assert g.integer_quota == 16
    assert g.n == 6 and g.total_weight == 30
    assert g.labels == ("P1", "P2", "P3", "P4", "P5", "P6")


def test_frozen():
    g = WeightedGame([1, 2], 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        g.quota = 3  # type: ignore[misc]


@pytest.mark.parametrize(
    ("weights", "quota", "int_weights", "int_quota"),
    [
        pytest.param([12.5, 37.5, 50], None, (1, 3, 4), 5, id="percentages-default-majority"),
        pytest.param(["12.5", "37.5", "50"], "50.5", (1, 3, 4), 5, id="decimal-strings"),
        pytest.param([Decimal("0.1"), Decimal("0.2")], Decimal("0.3"), (1, 2), 3, id="decimals"),
        pytest.param(["1/3", "2/3"], "1/2", (1, 2), 2, id="fractions-and-share"),
        pytest.param(
            [Fraction(1, 3), Fraction(2, 3)], Fraction(1, 2), (1, 2), 2, id="abs-fraction"
        ),
        pytest.param([2, 4, 6], 7, (1, 2, 3), 4, id="gcd-rounds-quota-up"),
        pytest.param([2, 4, 6], 8, (1, 2, 3), 4, id="gcd-exact"),
        pytest.param([10, 20, 30], "2/3", (1, 2, 3), 4, id="two-thirds-share"),
        pytest.param([10, 20, 30], "50%", (1, 2, 3), 3, id="percent-share"),
        pytest.param([1, 1], None, (1, 1), 2, id="even-total-majority-is-strict"),
        pytest.param([0, 3, 0], 2, (0, 1, 0), 1, id="zero-weights"),
    ],
)
def test_exact_scaling(weights, quota, int_weights, int_quota):
    g = WeightedGame(weights, quota)
    assert g.integer_weights == int_weights
    assert g.integer_quota == int_quota


def test_default_quota_is_floor_half_plus_one():
    for weights in ([1, 1, 1], [2, 2], [5, 3, 1, 1], [7]):
        g = WeightedGame(weights)
        assert g.integer_quota == g.integer_total // 2 + 1
        assert g.is_proper


def test_share_quota_keeps_exact_value():
    g = WeightedGame([50, 30, 20], "2/3")
    assert g.quota == Fraction(200, 3)
    assert g.is_winning([0, 1]) and not g.is_winning([1, 2])


def test_winning_rule_is_total_at_least_quota():
    g = WeightedGame([3, 2, 2], 5, labels=list("ABC"))
    assert g.is_winning("AB")  # 5 >= 5
    assert not g.is_winning("BC")  # 4 < 5
    assert not g.is_winning([])


@pytest.mark.parametrize(
    ("weights", "quota", "labels", "message"),
    [
        pytest.param([], None, None, "at least one player", id="empty"),
        pytest.param([1, -2], 1, None, "negative", id="negative-weight"),
        pytest.param([1, 2], 0, None, "greater than 0", id="zero-quota"),
        pytest.param([1, 2], -1, None, "greater than 0", id="negative-quota"),
        pytest.param([1, 2], 4, None, "at most the total", id="quota-above-total"),
        pytest.param([1, 2], "3/2", None, "at most 1", id="share-above-one"),
        pytest.param([1, 2], "0%", None, "greater than 0", id="zero-share"),
        pytest.param([0, 0], 1, None, "total weight is 0", id="all-zero"),
        pytest.param([1, "abc"], 1, None, "'abc' is not a number", id="non-numeric"),
        pytest.param([1, float("nan")], 1, None, "not a finite number", id="nan"),
        pytest.param([1, True], 1, None, "not a number", id="bool"),
        pytest.param([1, 2], "x", None, "quota 'x' is not a number", id="bad-quota"),
        pytest.param([1, 2], 2, ["A"], "1 labels given for 2 weights", id="too-few-labels"),
        pytest.param([1, 2], 2, ["A", "A"], "used twice", id="duplicate-labels"),
        pytest.param([1, 2], 2, ["A", " "], "non-empty", id="blank-label"),
        pytest.param("123", 2, None, "not a string", id="string-weights"),
    ],
)
def test_bad_input_raises_typed_error(weights, quota, labels, message):
    with pytest.raises(InvalidGameError, match=message) as info:
        WeightedGame(weights, quota, labels=labels)
    assert isinstance(info.value, VotepowerError)
    assert "\n" not in str(info.value)


def test_dual_game():
    g = WeightedGame([3, 2, 2], 5)
    d = g.dual()
    assert d.integer_quota == 7 - 5 + 1
    assert d.dual().integer_quota == g.integer_quota
    # a coalition wins in the dual iff its complement loses in the game
    for mask in range(8):
        members = [i for i in range(3) if mask >> i & 1]
        others = [i for i in range(3) if not mask >> i & 1]
        assert d.is_winning(members) == (not g.is_winning(others))


def test_repr_shows_quota_and_weights():
    assert repr(WeightedGame([12.5, 37.5], "50")) == "WeightedGame([50; 12.5, 37.5])"
    assert repr(WeightedGame(["1/3", "2/3"], "1/2")) == "WeightedGame([0.5; 1/3, 2/3])"


def test_label_string_is_rejected():
    with pytest.raises(InvalidGameError, match="not one string"):
        WeightedGame([1, 2], labels="AB")


def test_unknown_player():
    with pytest.raises(InvalidGameError, match="no player called 'Z'"):
        WeightedGame([1, 2], labels=list("AB")).is_winning("Z")
