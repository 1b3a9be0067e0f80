"""Per-citizen power: brute force over every citizen on small bodies, axioms, Penrose's law."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from votepower.citizens import (
    Bloc,
    Districts,
    IndependentSeats,
    Proportional,
    Split,
    TwoTierBody,
    citizen_power,
    decisive_probability,
    decisive_probability_approx,
    weighted_gini,
)


# -- the oracle: the composite game over all ballots, straight from the definitions ------------
def _composite(body: TwoTierBody):
    """Players (ballots and extra players), their citizen, and the winning test per coalition."""
    players: list[tuple[int, int]] = []  # (block index or -1 - extra index, citizen number)
    contests: list[tuple[list[int], int]] = []  # (member players, weight won)
    proportional: list[tuple[list[int], int]] = []  # (members, electors split by the vote)
    for b, block in enumerate(body.blocks):
        if isinstance(block, Proportional):
            members = []
            for c in range(block.voters):
                members.append(len(players))
                players.append((b, c))
            proportional.append((members, block.seats))
        elif isinstance(block, IndependentSeats):
            for _seat in range(block.districts):
                members = []
                for c in range(block.voters_per_district):
                    members.append(len(players))
                    players.append((b, c))
                contests.append((members, block.seat_weight))
        elif isinstance(block, Districts):
            c = 0
            for _d in range(block.districts):
                members = []
                for _ in range(block.voters_per_district):
                    members.append(len(players))
                    players.append((b, c))
                    c += 1
                contests.append((members, block.seat_weight))
        elif isinstance(block, Split):
            everyone = []
            c = 0
            for _d in range(block.districts):
                members = []
                for _ in range(block.voters_per_district):
                    members.append(len(players))
                    everyone.append(len(players))
                    players.append((b, c))
                    c += 1
                contests.append((members, 1))
            contests.append((everyone, block.at_large))
        else:
            members = []
            for c in range(block.voters):
                members.append(len(players))
                players.append((b, c))
            contests.append((members, block.seats))
    for e, (_, w) in enumerate(body.extra):
        contests.append(([len(players)], w))  # a contest of one: yes iff the player votes yes
        players.append((-1 - e, 0))
    n = len(players)
    masks = np.arange(2**n, dtype=np.int64)
    bits = ((masks[:, None] >> np.arange(n)) & 1).astype(np.int64)
    # each contest: yes wins with more than half the votes, a tie by a fair coin
    chances = []
    for members, _ in contests:
        yes = bits[:, members].sum(axis=1)
        chances.append(
            np.where(2 * yes > len(members), 1.0, np.where(2 * yes == len(members), 0.5, 0.0))
        )
    # electors split by the vote: nearest whole elector, halves up
    split_weight = np.zeros(2**n, dtype=np.int64)
    for members, seats in proportional:
        yes = bits[:, members].sum(axis=1)
        split_weight += (2 * seats * yes + len(members)) // (2 * len(members))
    # probability that the body passes, over the tie coins: enumerate the contests' outcomes
    wins = np.zeros(2**n)
    for pattern in range(2 ** len(contests)):
        probability = np.ones(2**n)
        weight = 0
        for c, (_, w) in enumerate(contests):
            if pattern >> c & 1:
                probability = probability * chances[c]
                weight += w
            else:
                probability = probability * (1.0 - chances[c])
        wins += probability * (weight + split_weight >= body.quota)
    return players, bits, wins


def brute_force(body: TwoTierBody) -> dict[object, tuple[Fraction, Fraction]]:
    """Per citizen (summed over her ballots) of each block: exact (Banzhaf, Shapley-Shubik)."""
    players, bits, wins = _composite(body)
    n = len(players)
    sizes = bits.sum(axis=1)
    masks = np.arange(2**n)
    out: dict[object, list[Fraction]] = {}
    for i, (block, citizen) in enumerate(players):
        inside = bits[:, i] == 1
        # coalitions S without i that lose, with i that win
        without = masks[~inside]
        with_i = without | (1 << i)
        # marginal contributions v(S + i) - v(S): multiples of 1/2^contests, exact in floats
        gain = wins[with_i] - wins[without]
        scale = 2 ** len(body.blocks) * 2**8
        swings = Fraction(int(round(gain.sum() * scale)), scale)
        per_size = np.bincount(sizes[~inside], weights=gain, minlength=n)
        ss = sum(
            Fraction(math.factorial(k) * math.factorial(n - 1 - k), math.factorial(n))
            * Fraction(int(round(c * scale)), scale)
            for k, c in enumerate(per_size)
        )
        key = (block, citizen)
        acc = out.setdefault(key, [Fraction(0), Fraction(0)])
        acc[0] += swings / 2 ** (n - 1)
        acc[1] += ss
    return {k: (v[0], v[1]) for k, v in out.items()}


def _check_against_brute_force(body: TwoTierBody):
    exact = brute_force(body)
    result = citizen_power(body)
    for b, _block in enumerate(body.blocks):
        values = {v for k, v in exact.items() if k[0] == b}
        assert len(values) == 1, "citizens of one block must be symmetric"
        bz, ss = values.pop()
        got = result.blocks[b]
        assert got.citizen_banzhaf == pytest.approx(float(bz), rel=1e-12, abs=1e-15)
        assert got.citizen_shapley_shubik == pytest.approx(float(ss), rel=1e-11, abs=1e-15)
    for e, (_label, bz_extra, ss_extra) in enumerate(result.extra):
        bz, ss = exact[(-1 - e, 0)]
        assert bz_extra == pytest.approx(float(bz), rel=1e-12, abs=1e-15)
        assert ss_extra == pytest.approx(float(ss), rel=1e-11, abs=1e-15)
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize(
    "body",
    [
        TwoTierBody("3-5-7", (Bloc("A", 1, 3), Bloc("B", 1, 5), Bloc("C", 2, 7)), 3),
        TwoTierBody("even electorates", (Bloc("A", 2, 4), Bloc("B", 1, 2), Bloc("C", 1, 6)), 2),
        TwoTierBody(
            "districts", (Districts("A", districts=3, voters_per_district=3), Bloc("B", 2, 5)), 3
        ),
        TwoTierBody("independent senators", (IndependentSeats("A", 2, 3), Bloc("B", 2, 5)), 3),
        TwoTierBody(
            "split state",
            (Split("M", at_large=2, districts=2, voters_per_district=3), Bloc("B", 3, 5)),
            4,
        ),
        TwoTierBody(
            "split state, 3 districts",
            (Split("N", at_large=2, districts=3, voters_per_district=3), Bloc("B", 2, 3)),
            4,
        ),
        TwoTierBody("vice-president", (Bloc("A", 2, 3), Bloc("B", 2, 5)), 3, extra=(("VP", 1),)),
        TwoTierBody(
            "proportional electors", (Proportional("P", seats=3, voters=5), Bloc("B", 2, 3)), 3
        ),
        TwoTierBody(
            "proportional, even electors",
            (Proportional("P", seats=4, voters=7), Bloc("B", 3, 5), Bloc("C", 1, 1)),
            5,
        ),
    ],
    ids=lambda b: b.name,
)
def test_matches_brute_force_over_all_citizens(body):
    _check_against_brute_force(body)


@st.composite
def small_bodies(draw):
    kinds = draw(st.lists(st.sampled_from(["bloc", "districts", "split"]), min_size=1, max_size=3))
    blocks = []
    budget = 13
    for i, kind in enumerate(kinds):
        label = f"S{i}"
        if kind == "bloc":
            n = draw(st.integers(1, min(5, budget)))
            blocks.append(Bloc(label, draw(st.integers(1, 4)), n))
        elif kind == "districts":
            d = draw(st.integers(1, 2))
            n = draw(st.integers(1, max(1, min(3, budget // d))))
            blocks.append(Districts(label, districts=d, voters_per_district=n))
        else:
            d = draw(st.integers(1, 2))
            n = draw(st.integers(1, max(1, min(3, budget // d))))
            blocks.append(Split(label, at_large=2, districts=d, voters_per_district=n))
        budget -= blocks[-1].citizens
        if budget <= 0:
            break
    total = sum(b.weight for b in blocks)
    quota = draw(st.integers(1, total))
    return TwoTierBody("random", tuple(blocks), quota)


@given(small_bodies())
def test_random_small_bodies_match_brute_force(body):
    _check_against_brute_force(body)


# -- axioms at census-like sizes ---------------------------------------------------------------
@given(
    st.lists(st.integers(1, 9), min_size=2, max_size=7),
    st.lists(st.integers(50_000, 3_000_000), min_size=7, max_size=7),
    st.data(),
)
def test_efficiency_and_symmetry_for_large_electorates(weights, voters, data):
    blocks = [Bloc(f"S{i}", w, voters[i]) for i, w in enumerate(weights)]
    blocks.append(Bloc("twin", weights[0], voters[0]))  # symmetric to S0
    quota = data.draw(st.integers(1, sum(b.weight for b in blocks)))
    result = citizen_power(TwoTierBody("random", tuple(blocks), quota))
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-6)
    first, twin = result.blocks[0], result.blocks[-1]
    # float leave-one-out sums in different orders: twins agree to rounding (1e-12 apart seen
    # at quota 1, where a block's swing probability is 1 - P(others pass) = 2^-7)
    assert first.citizen_banzhaf == pytest.approx(twin.citizen_banzhaf, rel=1e-10)
    assert first.citizen_shapley_shubik == pytest.approx(twin.citizen_shapley_shubik, rel=1e-9)


@given(st.integers(3, 400_000), st.integers(2, 50))
def test_more_citizens_less_power_at_equal_weight(small, factor):
    big = small * factor
    body = TwoTierBody("pair", (Bloc("small", 3, small), Bloc("big", 3, big), Bloc("C", 3, 7)), 5)
    r = citizen_power(body)
    assert r["small"].citizen_banzhaf > r["big"].citizen_banzhaf
    assert r["small"].citizen_shapley_shubik > r["big"].citizen_shapley_shubik


def test_penrose_square_root_law():
    """Weights proportional to sqrt(population) equalize per-citizen Banzhaf power."""
    rng = np.random.default_rng(1)
    people = rng.integers(200_000, 20_000_000, size=40)
    weights = np.rint(100 * np.sqrt(people / people.min())).astype(int)
    sqrt_body = TwoTierBody(
        "sqrt",
        tuple(
            Bloc(f"S{i}", int(w), int(n))
            for i, (w, n) in enumerate(zip(weights, people, strict=True))
        ),
        int(weights.sum()) // 2 + 1,
    )
    proportional = TwoTierBody(
        "proportional",
        tuple(Bloc(f"S{i}", int(n // 10_000), int(n)) for i, n in enumerate(people)),
        int(sum(n // 10_000 for n in people)) // 2 + 1,
    )

    def ratio(r):
        return max(b.citizen_banzhaf for b in r.blocks) / min(b.citizen_banzhaf for b in r.blocks)

    r_sqrt = citizen_power(sqrt_body, shapley_shubik_values=False)
    r_prop = citizen_power(proportional, shapley_shubik_values=False)
    assert ratio(r_sqrt) < 1.03
    assert ratio(r_prop) > 2.0


def test_decisive_probability():
    assert decisive_probability(1) == 1.0
    assert decisive_probability(3) == 0.5
    assert decisive_probability(4) == pytest.approx(3 / 8)  # others 3: exactly 2 yes of 3
    for n in (1001, 10**6, 4 * 10**7):
        assert decisive_probability(n) == pytest.approx(decisive_probability_approx(n), rel=1e-3)


def test_weighted_gini():
    assert weighted_gini([2.0, 2.0, 2.0], [1, 5, 9]) == 0.0
    assert weighted_gini([0.0, 0.0, 3.0], [1, 1, 1]) == pytest.approx(2 / 3)
    # population weighting equals repeating each value for each person
    assert weighted_gini([1.0, 4.0], [2, 1]) == pytest.approx(
        weighted_gini([1.0, 1.0, 4.0], [1, 1, 1])
    )


@pytest.mark.parametrize(("districts", "voters"), [(2, 680_000), (3, 653_835), (4, 700_001)])
def test_split_law_through_the_total_equals_the_direct_law(districts, voters):
    """Two exact routes to a split state's law (and one citizen's effect) agree."""
    block = Split("X", at_large=2, districts=districts, voters_per_district=voters)
    t = np.array([0.5, 0.5002, 0.4995, 0.5 + 4.0 / math.sqrt(districts * voters)])
    total_laws, total_effects = block._by_total(t)
    for i, ti in enumerate(t):
        direct_law, direct_effect = block._node(float(ti))
        assert np.max(np.abs(direct_law - total_laws[i])) < 1e-12
        assert np.max(np.abs(direct_effect - total_effects[i])) < 1e-12 * np.max(
            np.abs(total_effects)
        )


@pytest.mark.parametrize(("districts", "voters"), [(1, 5001), (4, 700_000), (12, 10_001)])
def test_split_law_by_fourier_inversion_equals_the_direct_law(districts, voters):
    """The Fourier route (used for states with many districts) against the convolution route,
    on and off t = 1/2, including points where the at-large contest is decided."""
    block = Split("X", at_large=2, districts=districts, voters_per_district=voters)
    scale = 0.5 / math.sqrt(districts * voters)
    t = 0.5 + scale * np.array([0.0, 0.7, -2.5, 6.0, -30.0])
    laws, effects = block._fourier(t)
    for i, ti in enumerate(t):
        law, effect = block._node(float(ti))
        assert np.max(np.abs(law - laws[i])) < 1e-12
        assert np.max(np.abs(effect - effects[i])) < 1e-11 * np.max(np.abs(effects))
        assert laws[i].sum() == pytest.approx(1.0, abs=1e-12)


def test_split_law_by_fourier_inversion_equals_the_law_through_the_total():
    block = Split("X", at_large=2, districts=30, voters_per_district=100_001)
    t = 0.5 + 0.5 / math.sqrt(3_000_030) * np.array([0.0, 1.3, -4.0])
    laws, effects = block._fourier(t)
    by_total_laws, by_total_effects = block._by_total(t)
    for i in range(t.size):
        law, effect = by_total_laws[i], by_total_effects[i]
        assert np.max(np.abs(law - laws[i])) < 1e-11
        assert np.max(np.abs(effect - effects[i])) < 1e-10 * np.max(np.abs(effects))


@pytest.mark.parametrize(
    ("districts", "voters"), [(1, 700_001), (2, 680_000), (3, 650_001), (9, 790_000)]
)
def test_split_law_strided_sums_equal_every_total(districts, voters, monkeypatch):
    """The split state's law through the statewide total sums the smooth part of the at-large
    step over every stride-th total: the same law as summing over every total (stride 1), to
    the floats' accuracy, including states of one and two districts, whose conditional
    district law bends at N / 2."""
    from votepower.citizens import split

    block = Split("X", at_large=2, districts=districts, voters_per_district=voters)
    total = districts * voters
    t = 0.5 + 0.5 / math.sqrt(total) * np.array([0.0, 0.4, -1.7, 3.0, -6.0, 9.5])
    assert split._smooth_scale(total)[0] >= 10  # the strided route is the one under test
    laws, effects = block._by_total(t)
    monkeypatch.setattr(split, "_smooth_scale", lambda total: (1, 2.0))
    unit_laws, unit_effects = block._by_total(t)
    assert np.max(np.abs(laws - unit_laws)) < 1e-12
    assert np.max(np.abs(effects - unit_effects)) < 1e-11 * np.max(np.abs(unit_effects))
    assert np.allclose(laws.sum(axis=1), 1.0, atol=1e-13, rtol=0)


@given(
    total=st.integers(200_000, 50_000_000),
    centre=st.floats(-4.0, 4.0),
    width=st.floats(0.6, 1.5),
)
def test_smooth_split_reproduces_the_at_large_step(total, centre, width):
    """For a smooth law w (a Gaussian as wide as a binomial total's), the strided sum with the
    step's remainder equals the plain sum of w over the totals that carry the at-large
    contest (a tie counting one half)."""
    from votepower.citizens.contests import _win_share
    from votepower.citizens.split import _smooth_scale, _smooth_split

    sd = 0.5 * math.sqrt(total) * width
    mean = total / 2 + centre * sd
    first = max(0, int(mean - 12 * sd))
    count = int(24 * sd)
    s_all = np.arange(first, first + count)

    def w(s):
        return np.exp(-0.5 * ((s - mean) / sd) ** 2)

    exact = float(np.sum(w(s_all) * _win_share(s_all, total)))
    stride, rho = _smooth_scale(total)
    s, factor = _smooth_split(first, count, total, stride, rho)
    assert float(np.sum(w(s) * factor)) == pytest.approx(exact, rel=1e-12, abs=1e-12 * sd)
