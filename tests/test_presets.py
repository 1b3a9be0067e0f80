"""The explorer's presets: each built-in scheme that a scenario can write is that scenario,
state by state (the same per-state rows), so that a preset's knobs mean what the scheme
means; the rest say that no scenario writes them."""

from __future__ import annotations

import json

import pytest

from votepower.request.evaluate import evaluate
from votepower.request.model import Request
from votepower.ui.io.answers import render_answer
from votepower.us.alternatives import SCHEMES
from votepower.us.presets import PRESETS, preset_scenario


def test_every_scheme_has_a_preset_entry():
    assert set(PRESETS) == {s.id for s in SCHEMES}


def _rows(request: Request) -> list[dict]:
    return json.loads(render_answer(evaluate(request), "json"))["states"]


@pytest.mark.parametrize("scheme", [s for s, table in PRESETS.items() if table is not None])
def test_a_preset_is_its_scheme(scheme):
    scenario = preset_scenario(scheme)
    mine = _rows(Request("states", scenarios=(("preset", scenario),), index="banzhaf"))
    theirs = _rows(Request("states", schemes=(scheme,), index="banzhaf"))
    # the same states, populations and weights exactly; the indices to rounding (the store
    # holds the scheme computed with both indices in one pass, the scenario is computed alone)
    assert [list(r) for r in mine] == [list(r) for r in theirs]
    for a, b in zip(mine, theirs, strict=True):
        for key, value in a.items():
            if isinstance(value, float):
                assert value == pytest.approx(b[key], rel=1e-12, abs=0), (a["state"], key)
            else:
                assert value == b[key], (a["state"], key)


def test_district_electors_need_two_at_large():
    from votepower.us.alternatives import federation
    from votepower.us.scenario import ScenarioError, parse_scenario

    scenario = parse_scenario(
        {"name": "x", "body": "electoral-college", "electors": {"rule": "district",
                                                                  "per_state": 0}}, "x.toml"
    )  # fmt: skip
    with pytest.raises(ScenarioError, match="electors.per_state must be 2"):
        scenario.build(federation(2020))
