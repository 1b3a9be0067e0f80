"""A Senate whose states vote as blocs under a multi-criteria rule (scenario files): per-citizen
Banzhaf power against the two-tier engine and against brute force."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from votepower.citizens import RuleChamber, citizen_power, decisive_probability
from votepower.core.errors import ScenarioError
from votepower.ui.cli import main
from votepower.us.alternatives import federation
from votepower.us.scenario import load_scenario

SMALL = ["WY", "VT", "AK", "ND", "SD", "DE", "RI", "MT", "ME", "NH"]


def write(tmp_path, text, name="s.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_seat_majority_rule_is_the_ordinary_senate(tmp_path):
    """'seats > 50%' with two seats each is the Senate's own majority: the rule chamber and the
    two-tier engine must agree per citizen (exactly, up to float rounding)."""
    rule = write(tmp_path, 'body = "senate"\n[senate]\nrule = "seats > 50%"\n')
    plain = write(tmp_path, 'body = "senate"\n', "plain.toml")
    fed = federation(2020, states=tuple(SMALL))
    chamber = load_scenario(rule).build(fed)
    assert isinstance(chamber, RuleChamber)
    mine = citizen_power(chamber, shapley_shubik_values=False)
    theirs = citizen_power(load_scenario(plain).build(fed), shapley_shubik_values=False)
    for b in mine.blocks:
        assert b.citizen_banzhaf == pytest.approx(theirs[b.label].citizen_banzhaf, rel=1e-12)
        assert b.banzhaf == pytest.approx(theirs[b.label].banzhaf, rel=1e-12)


def test_double_majority_equals_brute_force(tmp_path):
    path = write(tmp_path, 'body = "senate"\n[senate]\nrule = "members > 50% and '
                 'population > 50%"\n')  # fmt: skip
    fed = federation(2020, states=tuple(SMALL))
    chamber = load_scenario(path).build(fed)
    result = citizen_power(chamber, shapley_shubik_values=False)
    people = [fed.people[c] for c in SMALL]
    n, total = len(SMALL), sum(people)
    for i, code in enumerate(SMALL):
        swings = 0
        for mask in range(1 << n):
            if mask >> i & 1:
                continue
            members = [j for j in range(n) if mask >> j & 1]

            def wins(group):
                return 2 * len(group) > n and 2 * sum(people[j] for j in group) > total

            swings += wins([*members, i]) and not wins(members)
        expected = decisive_probability(fed.people[code]) * swings / 2 ** (n - 1)
        assert result[code].citizen_banzhaf == pytest.approx(expected, rel=1e-12)
        assert math.isnan(result[code].citizen_shapley_shubik)


def test_the_full_union_exactly_or_sampled_within_its_stated_error(tmp_path):
    """Fifty states: a rule that reads seats only is exact at any size (the programme over the
    totals) and is the ordinary Senate; one that reads population is sampled until every
    state's standard error is within 0.5%."""
    fed = federation(2020)
    rule = write(tmp_path, 'body = "senate"\n[senate]\nrule = "seats > 50%"\n')
    mine = citizen_power(load_scenario(rule).build(fed), shapley_shubik_values=False)
    theirs = citizen_power(load_scenario(write(tmp_path, 'body = "senate"\n', "p.toml"))
                           .build(fed), shapley_shubik_values=False)  # fmt: skip
    assert mine.quadrature_error == 0
    for b in mine.blocks:
        assert b.citizen_banzhaf == pytest.approx(theirs[b.label].citizen_banzhaf, rel=1e-12)
    double = write(tmp_path, 'body = "senate"\n[senate]\nrule = "seats > 50% and '
                   'population > 50%"\n', "d.toml")  # fmt: skip
    sampled = citizen_power(load_scenario(double).build(fed), shapley_shubik_values=False)
    assert 0 < sampled.quadrature_error <= 0.005  # the worst relative standard error
    # an independent run (another seed, a fixed million coalitions) agrees within the errors
    from votepower.games.power.classic import power_index

    chamber = load_scenario(double).build(fed)
    other = power_index(chamber.game, "banzhaf", method="monte-carlo", samples=2**20, seed=7)
    for b, value, se in zip(sampled.blocks, other.absolute, other.standard_errors, strict=True):
        assert abs(b.banzhaf - value) < 5 * math.hypot(se, 0.005 * b.banzhaf)
    assert sampled["CA"].banzhaf > 2 * theirs["CA"].banzhaf  # people count: California gains


def test_scenario_errors(tmp_path):
    cases = [
        ('[senate]\nrule = "members > 50%"\nquota = "3/5"\n', "drop the quota or the rule"),
        ('[senate]\nrule = "people > 50%"\n', "'people' is not a criterion of a chamber"),
        ('[senate]\nrule = "members > 50%"\nseats = "population"\n', "does not count seats"),
        ('[senate]\nrule = "members <= 50%"\n', "lose by gaining a member"),
        ('[senate]\nrule = 5\n', "must be a string"),
    ]
    for number, (text, message) in enumerate(cases):
        path = write(tmp_path, 'body = "senate"\n' + text, f"e{number}.toml")
        with pytest.raises(ScenarioError, match=message):
            load_scenario(path)


def test_compare_notes_what_a_rule_chamber_lacks(tmp_path):
    path = write(tmp_path, 'name = "double majority"\nbody = "senate"\n[senate]\n'
                 'rule = "members > 50% and population > 50%"\n[members]\n'
                 'states = ["CA", "TX", "WY", "VT", "NY"]\n')  # fmt: skip
    runner = CliRunner()
    out = runner.invoke(main, ["compare", "--schemes", "senate-current", "--scenario", str(path),
                               "--format", "json"])  # fmt: skip
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert {(r["scheme"], r["index"]) for r in data["schemes"]} >= {("scenario:s", "banzhaf")}
    assert ("scenario:s", "shapley-shubik") not in {(r["scheme"], r["index"])
                                                     for r in data["schemes"]}  # fmt: skip
    missing = [r for r in data["not_available"] if r.get("index") == "shapley-shubik"]
    assert missing and "multi-criteria rule" in missing[0]["error"]
    text = runner.invoke(main, ["compare", "--schemes", "senate-current", "--scenario",
                                str(path)]).output  # fmt: skip
    assert "Not available: scenario:s (Shapley-Shubik)" in text
    refused = runner.invoke(main, ["diff", "senate-current", str(path), "--index", "ss"])
    assert refused.exit_code == 1 and "use the Banzhaf index" in refused.output
