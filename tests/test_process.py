"""US processes: lawmaking and amendments, by office and per citizen."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from votepower.alternatives import build_scheme, federation
from votepower.citizens import citizen_power, decisive_probability
from votepower.cli import main
from votepower.errors import SchemeError
from votepower.process import build_process, process_power


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


def test_citizen_shapley_shubik_sums_to_one(lawmaking):
    assert lawmaking.shapley_shubik_total == pytest.approx(1.0, abs=1e-6)


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


def test_amendment(fed):
    r = process_power(build_process("amendment", fed), shapley_shubik_values=False)
    assert [o.office for o in r.offices] == ["representative", "senator", "state"]
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
    bad = runner.invoke(main, ["process", "amendment", "--vp-tiebreak"])
    assert bad.exit_code == 2 and "lawmaking" in bad.output
    unknown = runner.invoke(main, ["process", "treaty"])
    assert unknown.exit_code == 2
    missing = runner.invoke(main, ["process", "lawmaking", "--census", "1900"])
    assert missing.exit_code == 1 and "Traceback" not in missing.output
