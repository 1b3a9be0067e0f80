"""The store of precomputed answers: current, equal to a fresh computation, used only for the
very question it holds, and bypassed on request."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from votepower.request.compare import scheme_power
from votepower.ui.cli import main
from votepower.us import store
from votepower.us.alternatives import SCHEMES
from votepower.us.union import federation

BUILT_IN = [spec.id for spec in SCHEMES if not spec.national]


def _built_here() -> bool:
    """The store was built with this environment's numpy and scipy (CI installs the newest
    releases, as the store's builder does; other versions compute everything afresh)."""
    import numpy
    import scipy

    data = json.loads(store.STORE_PATH.read_text(encoding="utf-8"))
    return data.get("libraries") == {"numpy": numpy.__version__, "scipy": scipy.__version__}


needs_store = pytest.mark.skipif(
    not _built_here(),
    reason="the store was built with other numpy/scipy versions: it is not used here "
    "(everything is computed afresh); rebuild it with tools/build_store.py",
)


@needs_store
def test_the_store_was_computed_by_this_engine():
    data = json.loads(store.STORE_PATH.read_text(encoding="utf-8"))
    assert data["engine"] == store.engine_digest(), (
        "the store of precomputed answers is stale (the engine changed): rebuild it with "
        "`python tools/build_store.py` and commit src/votepower/data/precomputed/"
    )
    assert len(data["entries"]) == len(BUILT_IN)


def _close(a, b, path=""):
    if isinstance(a, float) or isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            assert math.isnan(a) and math.isnan(b), path
        elif path.endswith("quadrature_error"):  # an estimate: four times a squared change
            assert a == pytest.approx(b, rel=1e-2), path
        else:
            assert a == pytest.approx(b, rel=1e-9, abs=1e-300), path
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _close(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), path
        for key in a:
            _close(a[key], b[key], f"{path}.{key}")
    else:
        assert a == b, path


@needs_store
@pytest.mark.parametrize("scheme", BUILT_IN)
def test_every_stored_answer_equals_a_fresh_computation(scheme):
    """Within the engine's stated accuracy (the same bits on the machine that built it; newer
    numpy or scipy may move the last of them)."""
    fed = federation()
    stored = store.lookup(scheme, fed)
    assert stored is not None
    fresh = scheme_power(scheme, fed, recompute=True)
    _close(store._record(stored), store._record(fresh), scheme)


@needs_store
def test_banzhaf_only_answers_from_the_store_are_those_computed():
    fed = federation()
    stored = store.lookup("ec-current", fed, shapley_shubik_values=False)
    fresh = scheme_power("ec-current", fed, shapley_shubik_values=False, recompute=True)
    assert stored is not None
    _close(store._record(stored), store._record(fresh))
    assert math.isnan(stored.blocks[0].citizen_shapley_shubik)


@pytest.mark.parametrize(
    "fed",
    [
        federation(2010),
        federation(2020, population="apportionment"),
        federation(2020, exclude=("TX",)),
        federation(2020, dc_statehood=True),
        federation(2020, people={**federation().people, "WY": 576_852}),
    ],
    ids=["census", "basis", "members", "statehood", "populations"],
)
def test_any_other_question_is_computed(fed):
    assert store.lookup("ec-current", fed) is None


@needs_store
def test_the_store_is_bypassed_on_request(monkeypatch):
    fed = federation()
    assert store.lookup("ec-current", fed) is not None
    monkeypatch.setenv("VOTEPOWER_RECOMPUTE", "1")
    assert store.lookup("ec-current", fed) is None


def test_a_store_of_another_engine_is_ignored(tmp_path, monkeypatch):
    stale = tmp_path / "apriori.json"
    data = json.loads(store.STORE_PATH.read_text(encoding="utf-8"))
    data["engine"] = "0" * 64
    stale.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(store, "STORE_PATH", stale)
    store._entries.cache_clear()
    try:
        assert store.lookup("ec-current", federation()) is None
    finally:
        monkeypatch.undo()
        store._entries.cache_clear()


@needs_store
@pytest.mark.parametrize(
    "args",
    [["compare"], ["states", "--scheme", "ec-district"], ["diff", "ec-current", "ec-district"]],
)
def test_recompute_prints_the_same(args):
    runner = CliRunner()
    stored = runner.invoke(main, args)
    fresh = runner.invoke(main, [*args, "--recompute"])
    assert stored.exit_code == 0 and fresh.exit_code == 0, stored.output + fresh.output
    assert stored.output == fresh.output
