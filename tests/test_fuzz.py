"""Fuzzing the command line and the API with generated input.

Every run must end with exit status 0, 1 (a domain error) or 2 (a usage error), with no
traceback, no warning (the suite turns warnings into errors) and no "internal error"; output
that claims to be JSON or CSV must parse; what is computed must hold its invariants (indices
in [0, 1], Shapley-Shubik summing to 1 within its stated error, null players at 0, the
caller's lists unchanged) and agree with brute force on small games.

Examples per test: ``FUZZ_EXAMPLES`` in the environment (a long local run: ``FUZZ_EXAMPLES=
20000 python -m pytest tests/test_fuzz.py``); otherwise the numbers below, which add up to more
than 2,000 in all.
"""

from __future__ import annotations

import csv
import io
import json
import math
import os
from fractions import Fraction

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from votepower import WeightedGame, banzhaf, shapley_shubik
from votepower.cli import main
from votepower.errors import VotepowerError
from votepower.power import enumerate as brute


def _examples(default: int) -> settings:
    count = int(os.environ.get("FUZZ_EXAMPLES", default))
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


#: CSV columns holding user labels (anything, "NaN" included), not numbers
_LABEL_COLUMNS = {"name", "state", "scheme", "office", "max_state", "min_state", "not_available"}


def _check_run(result, fmt: str | None = None) -> None:
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    text = result.output
    assert "Traceback" not in text and "internal error" not in text, text
    if result.exit_code != 0:
        assert text.strip().splitlines()[-1].startswith("Error: "), text
        return
    if fmt == "json":
        json.loads(text)  # strict: NaN or Infinity would fail
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(text)))
        assert rows and all(len(r) == len(rows[0]) for r in rows), text
        labels = {i for i, key in enumerate(rows[0]) if key in _LABEL_COLUMNS}
        assert not any(
            cell.strip().lower() == "nan"
            for row in rows[1:]
            for i, cell in enumerate(row)
            if i not in labels  # a player may be called NaN
        ), text
    else:  # a table cell of its own reading nan (labels may contain the letters)
        assert not any(cell.lower() == "nan" for line in text.splitlines() for cell in line.split())


# --------------------------------------------------------------------------------------------
# Generated input
# --------------------------------------------------------------------------------------------
_numbers = st.one_of(
    st.integers(-3, 40).map(str),
    st.integers(0, 10**30).map(str),
    st.fractions(min_value=-1, max_value=50, max_denominator=12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.decimals(allow_nan=True, places=3, min_value=-5, max_value=1000).map(str),
    st.sampled_from(["1e999999999", "1e-400", "²", "٣", "1_000", "x", "", "nan", "-0", "0",
                     "1/0", "3/4", "50%", "1e3", "0x10", "9" * 3000]),
)  # fmt: skip
_tokens = st.one_of(
    _numbers,
    st.tuples(st.integers(1, 40), st.integers(0, 300)).map(lambda p: f"{p[0]}x{p[1]}"),
    st.tuples(st.sampled_from("ABCDE"), _numbers).map(lambda p: f"{p[0]}={p[1]}"),
    st.text(max_size=4),
)
_specs = st.one_of(
    st.lists(_tokens, min_size=0, max_size=12).map(" ".join),
    st.tuples(_numbers, st.lists(_tokens, max_size=12)).map(lambda p: f"{p[0]}: {' '.join(p[1])}"),
    st.tuples(_numbers, st.lists(_tokens, max_size=12)).map(
        lambda p: f"[{p[0]}; {', '.join(p[1])}]"
    ),
    st.text(max_size=30),
)
_formats = st.sampled_from(["table", "markdown", "csv", "json", "JSON", "xml"])
_methods = st.sampled_from(["generating-function", "gf", "enumerate", "multilinear",
                            "monte-carlo", "nope"])  # fmt: skip


@_examples(1200)
@given(
    spec=_specs,
    fmt=_formats,
    method=_methods,
    index=st.sampled_from(["all", "bz", "ss", "x"]),
    exact=st.booleans(),
    samples=st.sampled_from(["1", "2", "50", "0", "-1", "1000000000000", "x"]),
)
def test_game_command(spec, fmt, method, index, exact, samples):
    args = ["game", spec, "--format", fmt, "--method", method, "--index", index]
    if method in ("monte-carlo",):
        args += ["--samples", samples]
    if exact:
        args.append("--exact")
    result = CliRunner().invoke(main, args)
    _check_run(result, fmt.lower())
    if result.exit_code == 0 and fmt.lower() == "json" and method != "monte-carlo":
        data = json.loads(result.output)
        players = data["players"]
        for key in ("banzhaf", "banzhaf_normalized", "shapley_shubik"):
            for p in players:
                if key in p and p[key] is not None:
                    value = float(Fraction(p[key])) if isinstance(p[key], str) else p[key]
                    assert 0.0 <= value <= 1.0, (key, p)
        if all("shapley_shubik" in p for p in players):
            total = sum(
                float(Fraction(p["shapley_shubik"])) if isinstance(p["shapley_shubik"], str)
                else p["shapley_shubik"] for p in players
            )  # fmt: skip
            assert abs(total - 1.0) <= 1e-6, total


@_examples(300)
@given(
    rows=st.lists(st.tuples(st.text(max_size=6), _numbers), max_size=8),
    header=st.booleans(),
    quota=st.one_of(st.none(), _numbers),
    junk=st.binary(max_size=20),
)
def test_game_csv_files(rows, header, quota, junk, tmp_path_factory):
    path = tmp_path_factory.mktemp("csv") / "game.csv"
    lines = (["name,weight"] if header else []) + [f"{a},{b}" for a, b in rows]
    data = "\n".join(lines).encode("utf-8", "surrogatepass") + (junk if not rows else b"")
    path.write_bytes(data)
    args = ["game", "--file", str(path), "--format", "csv"]
    if quota is not None:
        args += ["--quota", quota]
    _check_run(CliRunner().invoke(main, args), "csv")


@_examples(400)
@given(
    weights=st.lists(st.integers(0, 30), min_size=1, max_size=9),
    data=st.data(),
    method=st.sampled_from(["generating-function", "enumerate", "multilinear"]),
)
def test_api_agrees_with_brute_force(weights, data, method):
    if sum(weights) == 0:
        weights[0] = 1
    quota = data.draw(st.integers(1, sum(weights)))
    before = list(weights)
    game = WeightedGame(weights, quota)
    assert weights == before  # the caller's list is unchanged
    w, q = game.integer_weights, game.integer_quota
    swings = brute.banzhaf_swings(w, q)
    pivots = brute.pivots_by_ordering(w, q) if game.n <= 8 else brute.shapley_shubik_pivots(w, q)
    bz = banzhaf(game, method=method)
    ss = shapley_shubik(game, method=method)
    for i in range(game.n):
        expected_bz = swings[i] / 2 ** (game.n - 1)
        expected_ss = pivots[i] / math.factorial(game.n)
        assert bz.absolute[i] == pytest.approx(expected_bz, rel=1e-9, abs=1e-12)
        assert ss.values[i] == pytest.approx(expected_ss, rel=1e-9, abs=1e-12)
        if swings[i] == 0:  # null players are exactly 0
            assert bz.absolute[i] == 0 and ss.values[i] == 0
        assert 0 <= bz.normalized[i] <= 1 and 0 <= ss.values[i] <= 1
    assert sum(ss.values) == pytest.approx(1.0, abs=1e-9)


@_examples(150)
@given(
    weights=st.lists(st.one_of(st.integers(), st.floats(), st.text(max_size=5), st.none(),
                               st.fractions()), max_size=6),
    quota=st.one_of(st.none(), st.integers(), st.floats(), st.text(max_size=5), st.fractions()),
    method=st.one_of(st.sampled_from(["gf", "mc", "owen", "enumerate"]), st.integers(),
                     st.none()),
    samples=st.integers(-2, 50),
    seed=st.one_of(st.integers(-3, 10), st.floats()),
)  # fmt: skip
def test_api_bad_arguments_raise_library_errors(weights, quota, method, samples, seed):
    try:
        game = WeightedGame(weights, quota)
        banzhaf(game, method=method, samples=samples, seed=seed)
        shapley_shubik(game, method=method, samples=samples, seed=seed)
    except VotepowerError:
        pass


_census = st.sampled_from(["2020", "2010", "1950", "1790", "2030", "x"])
_codes = st.sampled_from(["CA", "ca", "California", "califonia", "DC", "PR", "ZZ", "WY,VT",
                          "TX,", ",", ""])  # fmt: skip


@_examples(120)
@given(
    census=_census,
    method=st.sampled_from(["huntington-hill", "webster", "hamilton", "dean", "adams", "x"]),
    size=st.sampled_from(["435", "1", "0", "-4", "²", "wyoming-rule", "cube-root-rule",
                          "50001", "x"]),
    fmt=_formats,
)  # fmt: skip
def test_apportion_options(census, method, size, fmt):
    result = CliRunner().invoke(
        main, ["apportion", "--census", census, "--method", method, "--house-size", size,
               "--format", fmt],
    )  # fmt: skip
    _check_run(result, fmt.lower())


@_examples(60)
@given(
    body=st.sampled_from(["senate", "house", "ec"]),
    census=_census,
    population=st.sampled_from(["resident", "apportionment", "vep"]),
    states=st.one_of(st.none(), _codes),
    exclude=st.one_of(st.none(), _codes),
    won_by=st.one_of(st.none(), st.sampled_from(["R:2024", "D:2020", "R:²", "X:2020", "D:1900"])),
    fmt=_formats,
)
def test_states_options(body, census, population, states, exclude, won_by, fmt):
    args = ["states", "--body", body, "--census", census, "--population", population,
            "--index", "bz", "--format", fmt]  # fmt: skip
    for flag, value in (("--states", states), ("--exclude", exclude), ("--won-by", won_by)):
        if value is not None:
            args += [flag, value]
    _check_run(CliRunner().invoke(main, args), fmt.lower())


_toml_values = st.one_of(
    st.integers(-5, 10**19).map(str),
    st.sampled_from(['"1/2"', '"3/5"', '"270"', "270", '"x"', "true", '["DC"]', '["PR"]',
                     '"wyoming-rule"', '"webster"', '"proportional"', '"square-root"',
                     '"equal"', '"population"', "1.5", '"R:2024"']),
)  # fmt: skip
_toml_keys = st.sampled_from(
    ["[electors] per_state", "[electors] rule", "[electors] quota", "[electors] split_states",
     "[house] size", "[house] method", "[members] exclude", "[members] add", "[members] states",
     "[senate] seats", "[senate] quota", "census", "population", "name"]
)  # fmt: skip


@_examples(60)
@given(
    body=st.sampled_from(['"senate"', '"electoral-college"', '"house"', '"x"']),
    entries=st.dictionaries(_toml_keys, _toml_values, max_size=4),
)
def test_scenario_files(body, entries, tmp_path_factory):
    top = [f"body = {body}"]
    sections: dict[str, list[str]] = {}
    for key, value in entries.items():
        if key.startswith("["):
            section, name = key[1:].split("] ")
            sections.setdefault(section, []).append(f"{name} = {value}")
        else:
            top.append(f"{key} = {value}")
    text = "\n".join(top) + "\n"
    for section, lines in sections.items():
        text += f"[{section}]\n" + "\n".join(lines) + "\n"
    path = tmp_path_factory.mktemp("scenario") / "s.toml"
    path.write_text(text)
    result = CliRunner().invoke(
        main, ["compare", "--schemes", "senate-current", "--scenario", str(path), "--index",
               "bz", "--format", "json"],
    )  # fmt: skip
    _check_run(result, "json")
    if result.exit_code == 0:
        for row in json.loads(result.output)["schemes"]:
            assert 0.0 <= row["gini"] <= 1.0 and row["mean_relative_to_direct"] > 0, row
