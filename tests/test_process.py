"""US processes: lawmaking and amendments, by office and per citizen."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
import pytest
from click.testing import CliRunner
from conftest import check_golden

from votepower.citizens import citizen_power, decisive_probability
from votepower.core.errors import SchemeError
from votepower.ui.cli import main
from votepower.us.alternatives import build_scheme, federation
from votepower.us.process import build_process, process_power


@pytest.fixture(scope="module")
def fed():
    return federation(2020)


@pytest.fixture(scope="module")
def lawmaking(fed):
    return process_power(build_process("lawmaking", fed))


def _office(result, name):
    return next(o for o in result.offices if o.office == name)


def test_lawmaking_members(lawmaking):
    assert [o.office for o in lawmaking.offices] == ["representative", "senator", "president"]
    assert _office(lawmaking, "president").shapley_shubik == pytest.approx(1 / 6, abs=0.01)
    total = sum(o.count * o.shapley_shubik for o in lawmaking.offices)
    assert total == pytest.approx(1.0, abs=1e-12)
    assert sum(o.count * o.banzhaf_normalized for o in lawmaking.offices) == pytest.approx(1.0)


def test_citizen_banzhaf_is_the_chain_rule(lawmaking, fed):
    """Banzhaf per citizen = sum over her offices of dG/dy_o times her chance of deciding o's
    election. Where every other office is a fair coin, dG/dy_o is the member's Banzhaf index:
    so for a DC citizen (President only) and in an amendment (no President) for everyone."""
    ec = citizen_power(build_scheme("ec-current", fed), shapley_shubik_values=False)
    pres = _office(lawmaking, "president").banzhaf
    dc = next(s for s in lawmaking.states if s.state == "DC")
    assert dc.citizen_banzhaf == pytest.approx(pres * ec["DC"].citizen_banzhaf, rel=1e-10)
    amendment = process_power(build_process("amendment", fed), shapley_shubik_values=False)
    rep, sen, state = (
        _office(amendment, o).banzhaf for o in ("representative", "senator", "state")
    )
    wy = next(s for s in amendment.states if s.state == "WY")
    expected = (rep + 2 * sen + state) * decisive_probability(576_851)
    assert wy.citizen_banzhaf == pytest.approx(expected, rel=1e-10)


def test_citizen_shapley_shubik_sums_to_one(lawmaking, fed):
    """Over every office and every voter electing it (as modelled), the chain rule adds up to
    the whole: exactly 1 in theory, and to the quadrature's accuracy here."""
    assert lawmaking.shapley_shubik_total == pytest.approx(1.0, abs=1e-9)
    amendment = process_power(build_process("amendment", fed))
    assert amendment.shapley_shubik_total == pytest.approx(1.0, abs=1e-9)
    assert amendment.quadrature_error < 1e-8
    # a state's citizens' value is the sum of its parts by office
    for s in amendment.states:
        assert s.citizen_shapley_shubik == pytest.approx(sum(s.shapley_shubik_by_office.values()))


@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("process_lawmaking_2020.txt", ["process", "lawmaking"]),
        ("process_amendment_banzhaf.md", ["process", "amendment", "--index", "banzhaf",
                                          "--format", "markdown"]),
    ],
)  # fmt: skip
def test_process_golden(name, args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    check_golden(name, result.output)


def test_vp_tiebreak_and_filibuster_move_power(fed):
    plain = process_power(build_process("lawmaking", fed), shapley_shubik_values=False)
    vp = process_power(
        build_process("lawmaking", fed, vp_tiebreak=True), shapley_shubik_values=False
    )
    both = process_power(
        build_process("lawmaking", fed, vp_tiebreak=True, filibuster=True),
        shapley_shubik_values=False,
    )
    assert _office(vp, "vice-president").banzhaf > 0  # the tie-break gives the VP a say
    assert _office(both, "vice-president").banzhaf == 0  # cloture needs 60 senators: none

    # 60 votes make the Senate harder to carry: each senator matters more than a representative
    def ratio(r):
        return _office(r, "senator").banzhaf / _office(r, "representative").banzhaf  # noqa: E731

    assert ratio(both) > ratio(plain)


def _tail(n, q):
    return Fraction(sum(math.comb(n, k) for k in range(q, n + 1)), 2**n)


def _pivot(n, q):
    return Fraction(math.comb(n - 1, q - 1), 2 ** (n - 1))


@pytest.mark.parametrize("with_ss", [False, True])
def test_amendment(fed, with_ss):
    r = process_power(build_process("amendment", fed), shapley_shubik_values=with_ss)
    assert [o.office for o in r.offices] == ["representative", "senator", "state"]
    # Banzhaf of a member: she decides her body, the other two bodies pass. The tail masses
    # behind two-thirds and three-quarters are about 1e-12; every digit printed must hold.
    house, senate, states = (435, 290), (100, 67), (50, 38)
    exact = {
        "representative": _pivot(*house) * _tail(*senate) * _tail(*states),
        "senator": _tail(*house) * _pivot(*senate) * _tail(*states),
        "state": _tail(*house) * _tail(*senate) * _pivot(*states),
    }
    for office, value in exact.items():
        assert _office(r, office).banzhaf == pytest.approx(float(value), rel=1e-12, abs=0)
    with_dc = build_process("amendment", federation(2020, dc_statehood=True))
    assert len(with_dc.game.bodies[2].weights) == 51  # DC ratifies as a state: 39 of 51 needed
    with pytest.raises(SchemeError, match="lawmaking"):
        build_process("amendment", fed, filibuster=True)


def test_cli_process_json_and_errors():
    runner = CliRunner()
    out = runner.invoke(main, ["process", "lawmaking", "--format", "json", "--index", "banzhaf"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {o["office"] for o in data["offices"]} == {"president", "senator", "representative"}
    assert set(data["offices"][0]) == {
        "office",
        "count",
        "banzhaf",
        "banzhaf_normalized",
        "shapley_shubik",
    }
    assert len(data["states"]) == 51
    for state in data["states"]:  # the parts by office add up to the whole
        parts = state["banzhaf_by_office"]
        assert set(parts) == {"representative", "senator", "president"}
        assert sum(parts.values()) == pytest.approx(state["citizen_banzhaf"], rel=1e-12)
    bad = runner.invoke(main, ["process", "amendment", "--vp-tiebreak"])
    assert bad.exit_code == 2 and "lawmaking" in bad.output
    unknown = runner.invoke(main, ["process", "treaty"])
    assert unknown.exit_code == 2
    missing = runner.invoke(main, ["process", "lawmaking", "--census", "1900"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output


# --------------------------------------------------------------------------------------------
# The three-tier model by brute force on a tiny union
# --------------------------------------------------------------------------------------------
# population, House seats: 5 representatives (3 for a majority, 4 for two-thirds), 8 senators
# (5 and 6), 13 electors (7); even districts and states, so ties are decided by a coin
TINY = {"AA": (3, 1), "BB": (4, 2), "CC": (5, 1), "DD": (2, 1)}


def _tiny_federation():
    from votepower.us.alternatives import Federation

    people = {c: p for c, (p, _) in TINY.items()}
    seats = {c: s for c, (_, s) in TINY.items()}
    return Federation(2020, "resident", people, dict(people), official_seats=seats)


def _contest(n_others, her, t):
    """P(yes wins) of a majority contest (ties by a coin) at each ``t``: ``n_others`` voters
    yes with probability t, plus her ballot fixed to ``her`` (True/False) or None."""
    n = n_others + (her is not None)
    total = np.zeros_like(t)
    for k in range(n_others + 1):
        yes = k + (1 if her else 0)
        share = 1.0 if 2 * yes > n else 0.5 if 2 * yes == n else 0.0
        total += share * math.comb(n_others, k) * t**k * (1 - t) ** (n_others - k)
    return total


def _count_law(probabilities, weights=None):
    """Law of the yes weight of independent offices (weight 1 unless given), by weight."""
    weights = weights or [1] * len(probabilities)
    law = [np.ones_like(probabilities[0])]
    for p, w in zip(probabilities, weights, strict=True):
        new = [np.zeros_like(p) for _ in range(len(law) + w)]
        for k, q in enumerate(law):
            new[k] += q * (1 - p)
            new[k + w] += q * p
        law = new
    return law


def _tiny_pass(state, office, her, vp_tiebreak, t):
    """P(a bill passes) at each ``t`` when one citizen of ``state`` casts ``her`` in the
    contest for ``office`` ('rep', 'sen1', 'sen2', 'president', 'vp') and every other ballot is
    yes with probability t: independent contests (the President and the Vice-President each
    through an Electoral College of their own), each office holder voting as elected."""

    def contest(voters, ours, o):
        """Her ballot fixed if this is the contest flipped, else at t like everyone's."""
        if ours and o == office:
            return _contest(voters - 1, her, t)
        return _contest(voters, None, t)

    reps = []
    for c, (people, seats) in TINY.items():
        size = max(1, round(people / seats))
        for d in range(seats):
            reps.append(contest(size, c == state and d == 0, "rep"))  # her district: the first
    senators = [
        contest(people, c == state, o) for c, (people, _) in TINY.items() for o in ("sen1", "sen2")
    ]

    def electoral_college(o):
        states = [contest(people, c == state, o) for c, (people, _) in TINY.items()]
        law = _count_law(states, [seats + 2 for _, seats in TINY.values()])
        return sum(law[(len(law) - 1) // 2 + 1 :])

    president, vp = electoral_college("president"), electoral_college("vp")
    house, senate = _count_law(reps), _count_law(senators)
    n_house, n_senate = len(reps), len(senators)
    total = np.zeros_like(t)
    for h, ph in enumerate(house):
        for s, ps in enumerate(senate):
            for v, pv in ((0, 1 - vp), (1, vp)) if vp_tiebreak else ((0, 1.0),):
                senate_yes = 2 * s > n_senate or (vp_tiebreak and 2 * s == n_senate and v)
                signed = 2 * h > n_house and senate_yes
                override = 3 * h >= 2 * n_house and 3 * s >= 2 * n_senate
                total += ph * ps * pv * (1.0 if override else president if signed else 0.0)
    return total


@pytest.mark.parametrize("vp_tiebreak", [False, True])
def test_citizen_power_equals_brute_force_on_a_tiny_union(vp_tiebreak):
    """Per-citizen power from the chain rule against the definition: the derivative of the
    probability of passage with respect to her ballots' common yes probability (a sum over
    her ballots, the extension being multilinear in each), every contest enumerated, and the
    Shapley-Shubik integral by 60-point Gauss-Legendre (exact: the degree is below 70)."""
    process = build_process("lawmaking", _tiny_federation(), vp_tiebreak=vp_tiebreak)
    result = process_power(process)
    offices = ("rep", "sen1", "sen2", "president") + (("vp",) if vp_tiebreak else ())
    x, w = np.polynomial.legendre.leggauss(60)
    t = np.concatenate([[0.5], (x + 1) / 2])
    for s in result.states:
        effect = sum(
            _tiny_pass(s.state, o, True, vp_tiebreak, t)
            - _tiny_pass(s.state, o, False, vp_tiebreak, t)
            for o in offices
        )
        assert s.citizen_banzhaf == pytest.approx(effect[0], rel=1e-12)
        assert s.citizen_shapley_shubik == pytest.approx(effect[1:] @ w / 2, rel=1e-12)
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-12)


def test_a_reapportioned_house_carries_through_to_the_electoral_college(fed):
    from votepower.us.process import _Tiers

    process = build_process("lawmaking", fed, house_size="wyoming-rule")
    seats = sum(process.seats.values())
    assert seats == 573  # 2020: 331,108,434 / 576,851 (Wyoming), rounded
    assert len(process.game.bodies[0].weights) == seats
    assert _Tiers(process).ec.total_weight == seats + 2 * 50 + 3  # electors follow the House


def test_cli_process_membership_and_house_options():
    runner = CliRunner()
    args = ["process", "amendment", "--index", "banzhaf", "--format", "json"]
    out = runner.invoke(main, args + ["--won-by", "D:2020", "--house-size", "300"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    states = [s["state"] for s in data["states"]]
    assert len(states) == 26 and states[-1] == "DC"  # Biden's 25 states, and DC (no say here)
    reps = next(o for o in data["offices"] if o["office"] == "representative")
    assert reps["count"] == 300
    bad = runner.invoke(main, ["process", "lawmaking", "--house-size", "0"])
    assert bad.exit_code == 1 and bad.output.startswith("Error:") and "Traceback" not in bad.output
    lonely = runner.invoke(main, ["process", "lawmaking", "--states", "CA"])
    assert lonely.exit_code == 1 and "two" in lonely.output
