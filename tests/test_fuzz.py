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
from votepower.core.errors import VotepowerError
from votepower.games.power import enumerate as brute
from votepower.ui.cli import main


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
                     "1/0", "3/4", "50%", "1e3", "0x10", "9" * 3000, "63e-1", "57e3",
                     "1x1100", "7x2400"]),
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
                            "monte-carlo", "win-table", "nope"])  # fmt: skip


@_examples(1200)
@given(
    spec=_specs,
    fmt=_formats,
    method=_methods,
    index=st.sampled_from(["all", "bz", "ss", "x", "holler-packel", "johnston",
                           "coleman-prevent", "deegan-packel"]),
    exact=st.booleans(),
    samples=st.sampled_from(["1", "2", "50", "0", "-1", "1000000000000", "x", "1000000000",
                             "١٠"]),
)  # fmt: skip
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
                     '"equal"', '"population"', "1.5", '"R:2024"', '"R:²"', '"D:٢٠٢٠"',
                     '"R:1900"', '"1e999999999"', '"ec"', "false", "0", "-1", "inf", "nan",
                     '"members > 50% and population > 50%"', '{ CA = 3, WY = true }',
                     '"55%"', '"٣/٥"']),
)  # fmt: skip
_toml_keys = st.sampled_from(
    ["[electors] per_state", "[electors] rule", "[electors] quota", "[electors] split_states",
     "[house] size", "[house] method", "[members] exclude", "[members] add", "[members] states",
     "[senate] seats", "[senate] quota", "census", "population", "name", "[members] won_by",
     "[senate] size", "[senate] rule", "[senate] weights", "[electors] by_state"]
)  # fmt: skip


@_examples(60)
@given(
    body=st.sampled_from(['"senate"', '"electoral-college"', '"house"', '"x"', '"ec"', "true"]),
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


# --------------------------------------------------------------------------------------------
# The commands and entries of the second round (issue 22): the empirical model, design, diff
# pictures, own populations, rule games and the citizens' engine on small bodies
# --------------------------------------------------------------------------------------------
_model_numbers = st.sampled_from(
    ["0", "0.5", "-0.5", "0.01", "0.005", "1e-9", "nan", "inf", "-inf", "١", "1e999", "0x1",
     "2", "0.25", "", "x"]
)  # fmt: skip


@_examples(40)
@given(
    command=st.sampled_from(["states", "compare"]),
    shift=st.one_of(st.none(), _model_numbers),
    national=st.one_of(st.none(), _model_numbers),
    state=st.one_of(st.none(), _model_numbers),
    lean=st.sampled_from([None, "none", "election"]),
    fmt=_formats,
)
def test_empirical_model_options(command, shift, national, state, lean, fmt):
    args = [command, "--model", "empirical", "--format", fmt]
    if command == "compare":
        args += ["--schemes", "ec-current,ec-webster,national-popular-vote"]
    for flag, value in (("--shift", shift), ("--national-sd", national), ("--state-sd", state),
                        ("--lean", lean)):  # fmt: skip
        if value is not None:
            args += [flag, value]
    result = CliRunner().invoke(main, args)
    _check_run(result, fmt.lower())
    if result.exit_code == 0 and fmt.lower() == "json" and command == "states":
        for row in json.loads(result.output)["states"]:
            p = row["p_decisive"]
            assert p is None or 0.0 <= p <= 1.0, row


_union = st.lists(st.sampled_from(["CA", "TX", "WY", "VT", "NY", "FL", "DC", "GA", "NV", "AK"]),
                  min_size=1, max_size=6, unique=True).map(",".join)  # fmt: skip


@_examples(25)
@given(
    states=_union,
    index=st.sampled_from(["bz", "ss"]),
    total=st.one_of(
        st.sampled_from(["20", "100", "1000"]), st.sampled_from(["1", "2", "50001", "0", "x"])
    ),
    quota=st.one_of(
        st.none(),
        st.none(),
        st.sampled_from(["2/3", "0.6", "51%", "7"]),
        st.sampled_from(["0", "1/3", "nan"]),
    ),
    target=st.one_of(
        st.none(), st.sampled_from(["1", "1.2"]), st.sampled_from(["nan", "inf", "0.5", "٢"])
    ),
    kind=st.sampled_from(["one", "frontier", "rule"]),
    fmt=_formats,
)
def test_design_command(states, index, total, quota, target, kind, fmt, tmp_path_factory):
    args = ["design", "--states", states, "--max-seconds", "0.1", "--format", fmt]
    if kind == "rule":  # the rule design takes no budget
        args = ["design", "--states", states, "--format", fmt, "--rule", "--save",
                str(tmp_path_factory.mktemp("d") / "r.toml")]  # fmt: skip
    else:
        args += ["--index", index, "--total-weight", total]
        if kind == "frontier":
            args.append("--frontier")
        for flag, value in (("--quota", quota), ("--target", target)):
            if value is not None:
                args += [flag, value]
    _check_run(CliRunner().invoke(main, args), fmt.lower())


@_examples(60)
@given(
    rows=st.lists(st.tuples(_codes, _numbers), max_size=6),
    header=st.sampled_from(["code,population", "state,people", ""]),
    junk=st.binary(max_size=12),
    command=st.sampled_from(["states", "apportion"]),
)
def test_population_files(rows, header, junk, command, tmp_path_factory):
    path = tmp_path_factory.mktemp("pop") / "pop.csv"
    lines = ([header] if header else []) + [f"{a},{b}" for a, b in rows]
    path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + junk)
    args = [command, "--population-file", str(path), "--format", "json"]
    if command == "states":
        args += ["--index", "bz"]
    _check_run(CliRunner().invoke(main, args), "json")


@_examples(12)
@given(
    pair=st.sampled_from([("senate-current", "ec-current"), ("ec-current", "house-current"),
                          ("ec-current", "ec-proportional")]),
    states=_union,
)  # fmt: skip
def test_diff_pictures(pair, states, tmp_path_factory):
    pytest.importorskip("matplotlib")
    out = tmp_path_factory.mktemp("diff") / "d.png"
    result = CliRunner().invoke(
        main, ["diff", *pair, "--states", states, "--index", "bz", "--plot", str(out)]
    )
    _check_run(result)


_rules = st.one_of(
    st.none(),
    st.integers(),
    st.sampled_from(["population >= 50%", "population > 2/3 and members >= 2",
                     "blockers < 2 or population >= 60%", "members <= 2", "x >= 1", ""]),
)  # fmt: skip


@_examples(200)
@given(
    columns=st.dictionaries(
        st.sampled_from(["population", "votes", "members", "1x", ""]),
        st.lists(st.one_of(st.integers(-2, 50), st.fractions(0, 10), st.text(max_size=3)),
                 min_size=1, max_size=5),
        max_size=2,
    ),
    rule=_rules,
)  # fmt: skip
def test_multicriteria_constructor(columns, rule):
    from votepower.games.multigame import MultiCriteriaGame

    try:
        MultiCriteriaGame(columns, rule)
    except VotepowerError:
        pass


@_examples(200)
@given(
    weights=st.lists(st.fractions(0, 5, max_denominator=7), min_size=1, max_size=6),
    data=st.data(),
)
def test_from_weighted_is_the_same_game(weights, data):
    from itertools import combinations

    from votepower.games.multigame import MultiCriteriaGame

    total = sum(weights)
    if total == 0:
        return
    if total < Fraction(1, 9):
        return
    quota = Fraction(data.draw(st.integers(1, math.floor(9 * total))), 9)  # in (0, total]
    game = WeightedGame(weights, quota)
    converted = MultiCriteriaGame.from_weighted(game)
    for size in range(game.n + 1):
        for coalition in combinations(range(game.n), size):
            assert game.is_winning(coalition) == converted.is_winning(coalition)


_small_blocks = st.one_of(
    st.builds(lambda w, v: ("Bloc", w, v), st.integers(1, 6), st.integers(1, 12)),
    st.builds(lambda d, v, w: ("Districts", d, v, w), st.integers(1, 3), st.integers(1, 5),
              st.integers(1, 2)),
    st.builds(lambda d, v, w: ("IndependentSeats", d, v, w), st.integers(1, 3),
              st.integers(1, 9), st.integers(1, 2)),
    st.builds(lambda w, v: ("Proportional", w, v), st.integers(1, 6), st.integers(1, 9)),
    st.builds(lambda a, d, v: ("Split", a, d, v), st.integers(1, 2), st.integers(1, 2),
              st.integers(1, 5)),
)  # fmt: skip


@_examples(60)
@given(blocks=st.lists(_small_blocks, min_size=1, max_size=4), data=st.data())
def test_citizen_power_of_small_bodies(blocks, data):
    """Per-citizen values are probabilities (Banzhaf in [0, 1]), Shapley-Shubik sums to 1, or
    the body is refused with a library error."""
    from votepower import citizens

    try:
        built = tuple(
            getattr(citizens, kind)(f"B{i}", *args) for i, (kind, *args) in enumerate(blocks)
        )
        total = sum(b.weight for b in built)
        quota = data.draw(st.integers(total // 2 + 1, total))
        result = citizens.citizen_power(citizens.TwoTierBody("b", built, quota))
    except VotepowerError:
        return
    for block in result.blocks:
        assert 0.0 <= block.citizen_banzhaf <= 1.0, result.blocks
        assert 0.0 <= block.citizen_shapley_shubik <= 1.0, result.blocks
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-6)
