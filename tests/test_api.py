"""The public entry points: method registry, exact/float choice, errors, resource guard."""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

import votepower
from votepower import (
    INDICES,
    METHODS,
    Limits,
    MethodNotApplicableError,
    ResourceLimitError,
    UnknownMethodError,
    WeightedGame,
    banzhaf,
    shapley_shubik,
)
from votepower.games.power.classic import power_index

GAME = WeightedGame([5, 4, 3, 2, 1], 9, labels=list("ABCDE"))


def test_public_api():
    for name in ("WeightedGame", "banzhaf", "shapley_shubik", "VotepowerError", "__version__"):
        assert name in votepower.__all__
    assert votepower.__version__


@pytest.mark.parametrize("method", [m.id for m in METHODS])
@pytest.mark.parametrize("index", [i.id for i in INDICES])
def test_every_registered_method_and_index(method, index):
    """Every (method, index) pair the registry lists computes the index; every other pair is
    refused."""
    spec = METHODS.get(method)
    exact = power_index(GAME, index, exact=True, method="win-table")
    if index not in spec.indices:
        with pytest.raises(MethodNotApplicableError):
            power_index(GAME, index, method=method)
        return
    result = power_index(GAME, index, method=method, samples=20_000)
    values = result.absolute if index == "banzhaf" else result.values
    reference = exact.absolute if index == "banzhaf" else exact.values
    tol = 5 * max(result.standard_errors) if spec.random else 1e-12
    assert all(abs(v - float(x)) <= tol for v, x in zip(values, reference, strict=True))
    assert result.method == method
    if index in ("banzhaf", "shapley-shubik"):  # the public functions reach every method too
        fn = banzhaf if index == "banzhaf" else shapley_shubik
        direct = fn(GAME, method=method, samples=20_000)
        assert (direct.absolute if index == "banzhaf" else direct.values) == values


def test_aliases_resolve_in_one_place():
    assert METHODS.get("gf").id == "generating-function"
    assert METHODS.get("MC").id == "monte-carlo"
    assert METHODS.get("brute_force").id == "enumerate"
    assert INDICES.get("ss").id == "shapley-shubik"
    assert (
        shapley_shubik(GAME, method="dp", exact=True).values
        == shapley_shubik(GAME, exact=True).values
    )


def test_unknown_method_lists_the_valid_ones():
    with pytest.raises(UnknownMethodError, match="generating-function, enumerate"):
        banzhaf(GAME, method="magic")


def test_exact_results_are_fractions_and_floats_are_floats():
    exact = banzhaf(GAME, exact=True)
    assert all(isinstance(x, Fraction) for x in exact.absolute + exact.normalized)
    assert exact.swings is not None and exact.exact
    fast = banzhaf(GAME)
    assert all(isinstance(x, float) for x in fast.absolute)
    assert fast.swings is None and not fast.exact
    assert fast.error_estimates is not None
    counted = banzhaf(GAME, counts=True)
    assert counted.swings == exact.swings
    assert counted.absolute == tuple(float(x) for x in exact.absolute)


def test_absolute_and_normalized_banzhaf_are_separate_fields():
    r = banzhaf(GAME, exact=True)
    n = len(GAME.labels)
    assert r.absolute == tuple(Fraction(s, 2 ** (n - 1)) for s in r.swings)
    assert r.normalized == tuple(Fraction(s, sum(r.swings)) for s in r.swings)
    assert r.as_dict()["A"] == r["A"] == r.absolute[0]


def test_pivots_count_orderings():
    r = shapley_shubik(GAME, exact=True)
    assert sum(r.pivots) == math.factorial(5)
    assert r.values == tuple(Fraction(p, 120) for p in r.pivots)


def test_exact_is_refused_by_estimating_methods():
    for method in ("monte-carlo", "multilinear"):
        with pytest.raises(MethodNotApplicableError, match="exact"):
            shapley_shubik(GAME, method=method, exact=True)


def test_enumerate_refuses_large_games():
    with pytest.raises(ResourceLimitError, match="limited to 20 players"):
        banzhaf(WeightedGame([1] * 21), method="enumerate")


def test_resource_guard_refuses_before_running_and_names_alternatives():
    big = WeightedGame(list(range(1, 3001)))
    with pytest.raises(ResourceLimitError, match="--method monte-carlo") as info:
        shapley_shubik(big, exact=True)
    assert "multilinear" in str(info.value) and "GiB" in str(info.value)
    with pytest.raises(ResourceLimitError):
        banzhaf(WeightedGame([10**9, 10**9 - 1, 3]), exact=True, limits=Limits(max_bytes=2**20))
    huge = WeightedGame([10**12 + 1, 10**12, 3])
    for method in ("generating-function", "multilinear"):
        with pytest.raises(ResourceLimitError, match="monte-carlo"):
            shapley_shubik(huge, method=method)
    assert abs(sum(shapley_shubik(huge, method="monte-carlo", samples=100).values) - 1) < 1e-12


def test_monte_carlo_reports_standard_errors_and_seed():
    r = banzhaf(GAME, method="monte-carlo", samples=5000, seed=3)
    assert r.samples == 5000 and r.seed == 3 and r.swings is None
    assert all(se > 0 for se in r.standard_errors)
    with pytest.raises(MethodNotApplicableError, match="at least 1"):
        banzhaf(GAME, method="monte-carlo", samples=0)
    with pytest.raises(MethodNotApplicableError, match="seed"):
        banzhaf(GAME, method="monte-carlo", seed=-1)


def test_not_a_game():
    with pytest.raises(TypeError):
        banzhaf([1, 2, 3])  # type: ignore[arg-type]


def test_the_namespace_is_lazy_and_complete():
    """Every public name resolves; importing the package loads no numpy (so the command line
    can set numpy's thread count first), and the command line does set it."""
    import subprocess
    import sys

    import votepower

    for name in votepower.__all__:
        assert getattr(votepower, name) is not None, name
    code = (
        "import sys, os, votepower; a = 'numpy' in sys.modules; import votepower.ui.cli; "
        "print(a, os.environ.get('OPENBLAS_NUM_THREADS'))"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.stdout.split() == ["False", "1"], out.stderr
