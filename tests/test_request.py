"""The request: one validated value for a question, round-tripping exactly through JSON, TOML
and a URL query string, refusing conflicts with the command line's messages."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from votepower.request.codec import (
    from_json,
    from_query,
    from_toml,
    to_json,
    to_query,
    to_toml,
)
from votepower.request.model import Model, Request, RequestError, Union, View

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"
SCENARIOS = sorted(EXAMPLES.glob("*.toml"))
CODES = ["CA", "TX", "NY", "WY", "VT", "DC", "ME", "NE", "PA", "FL"]
#: names of own populations: letters (some beyond ASCII), digits, punctuation, spaces
NAMES = st.text(alphabet="abcXYZ019 -_.,()'\"éüßπ中", max_size=20)
FLOATS = st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def unions(draw) -> Union:
    own = draw(st.booleans())
    return Union(
        census=draw(st.none() | st.sampled_from([1990, 2000, 2010, 2020])),
        population=None if own else draw(st.none() | st.sampled_from(["resident", "vep"])),
        people=draw(st.dictionaries(st.sampled_from(CODES), st.integers(0, 10**8), min_size=1))
        if own
        else None,
        people_name=draw(st.none() | NAMES) if own else None,
        states=draw(st.none() | st.lists(st.sampled_from(CODES), max_size=4).map(tuple)),
        exclude=draw(st.none() | st.lists(st.sampled_from(CODES), max_size=3).map(tuple)),
        won_by=draw(st.none() | st.sampled_from(["R:2024", "D:2020", "D:2008"])),
    )


@st.composite
def models(draw) -> Model:
    if not draw(st.booleans()):
        return Model(name=draw(st.none() | st.just("apriori")))
    return Model(
        name="empirical",
        elections=draw(
            st.none() | st.lists(st.sampled_from([2012, 2016, 2020, 2024]), min_size=1).map(tuple)
        ),
        shift=draw(st.none() | FLOATS.filter(lambda x: -0.5 <= x <= 0.5)),
        national_sd=draw(st.none() | FLOATS.filter(lambda x: 0.0 <= x <= 0.5)),
        state_sd=draw(st.none() | FLOATS.filter(lambda x: 0.005 <= x <= 0.5)),
        lean=draw(st.none() | st.sampled_from(["election", "none"])),
    )


def _command_parts(draw, command: str) -> dict:
    """The parts of a request that depend on its command."""
    if command == "reforms":
        options = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "house_sizes": st.sampled_from(["435", "400..450", "435,wyoming-rule"]),
                    "methods": st.sampled_from(["webster", "adams,dean"]),
                    "senatorial_electors": st.sampled_from(["0,2", "2"]),
                    "elector_rules": st.sampled_from(["winner-take-all,district"]),
                    "statehood": st.sampled_from(["none,dc", "dc+pr"]),
                    "objective": st.sampled_from(["ratio", "gini", "mean"]),
                    "cost": st.sampled_from(["seats", "seats=1,states=2.5"]),
                    "target": st.floats(0, 10),
                    "budget": st.integers(1, 10**6),
                },
            )
        )
        return {"options": options, "model": Model()}
    if command == "compare":
        schemes = draw(
            st.none()
            | st.lists(
                st.sampled_from(["ec-current", "senate-current", "ec-district", "house-current"]),
                max_size=3,
            )
        )
        files = draw(st.lists(st.sampled_from(SCENARIOS), max_size=2, unique=True))
        return {
            "schemes": tuple(schemes) if schemes is not None else None,
            "scenarios": tuple((str(p), tomllib.loads(p.read_text())) for p in files),
        }
    if command == "states":
        schemes = draw(st.none() | st.sampled_from([("ec-current",), ("senate-filibuster",)]))
        options = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "body": st.sampled_from(["electoral-college", "senate", "house"]),
                    "split_states": st.booleans(),
                    "senate_model": st.sampled_from(["bloc", "independent"]),
                    "cloture": st.booleans(),
                },
            )
        )
        view = View(
            sort=draw(st.none() | st.sampled_from(["state", "population"])),
            top=draw(st.none() | st.integers(1, 60)),
            wide=draw(st.none() | st.booleans()),
        )
        if draw(st.booleans()):  # a scenario instead of a scheme or a body
            path = draw(st.sampled_from(SCENARIOS))
            written = ((str(path), tomllib.loads(path.read_text())),)
            return {"scenarios": written, "view": view}
        return {"schemes": schemes, "options": options, "view": view}
    if command == "diff":
        path = draw(st.sampled_from(SCENARIOS))
        pair = draw(st.sampled_from([("ec-current", "ec-webster"), ("ec-current", str(path))]))
        written = tuple(
            (n, tomllib.loads(Path(n).read_text())) for n in pair if n.endswith(".toml")
        )
        return {"schemes": pair, "scenarios": written, "model": Model()}
    if command == "history":
        options = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "censuses": st.lists(st.sampled_from([1960, 1990, 2020]), min_size=1).map(
                        tuple
                    ),
                    "elections": st.lists(st.sampled_from([2016, 2024]), min_size=1).map(tuple),
                    "per_state": st.booleans(),
                    "rank": st.booleans(),
                    "unit_power": st.booleans(),
                },
            )
        )
        model = draw(
            st.sampled_from(
                [Model(), Model(name="empirical"), Model(name="empirical", national_sd=0.02)]
            )
        )
        return {
            "options": options,
            "model": model,
            "union": Union(population=draw(st.none() | st.just("resident"))),
            "schemes": draw(st.none() | st.just(("ec-current",))),
        }
    if command == "design":
        options = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "total_weight": st.integers(1, 100_000),
                    "quota": st.integers(1, 1000) | st.floats(0.51, 1.0),
                    "target": st.floats(1.0, 2.0),
                    "max_seconds": st.floats(0.1, 60.0),
                    "frontier": st.booleans(),
                    "rule": st.booleans(),
                },
            )
        )
        return {"options": options, "model": Model()}
    options = draw(
        st.fixed_dictionaries(
            {"kind": st.sampled_from(["lawmaking", "amendment"])},
            optional={
                "filibuster": st.booleans(),
                "dc_statehood": st.booleans(),
                "house_method": st.sampled_from(["webster", "adams"]),
                "house_size": st.sampled_from(["500", "wyoming-rule"]),
            },
        )
    )
    return {"options": options, "model": Model()}


@st.composite
def requests(draw) -> Request:
    command = draw(
        st.sampled_from(["states", "compare", "diff", "history", "design", "process", "reforms"])
    )
    index_choices = ["banzhaf", "shapley-shubik"] + (["all"] if command != "diff" else [])
    try:
        parts = {
            "union": draw(unions()),
            "model": draw(models()),
            **_command_parts(draw, command),
        }
        return Request(command, index=draw(st.none() | st.sampled_from(index_choices)), **parts)
    except RequestError:
        assume(False)
        raise


@settings(max_examples=300, deadline=None)
@given(requests())
def test_round_trips(request):
    assert from_json(to_json(request)) == request
    assert from_toml(to_toml(request)) == request
    assert from_query(to_query(request)) == request
    assert from_query("?" + to_query(request)) == request


def test_a_scenario_file_is_a_request():
    path = EXAMPLES / "wyoming_rule_no_dc.toml"
    request = from_toml(path.read_text(), str(path))
    assert request.command == "compare" and request.scenarios[0][0] == str(path)
    assert from_toml(to_toml(request)) == request


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda: Union(population="vep", people={"CA": 1}),
            "--population picks one of the census's populations; --population-file gives "
            "your own: keep one",
        ),
        (lambda: Union(won_by="X:2024"), "--won-by takes PARTY:YEAR, e.g. D:2020 or R:2024"),
        (
            lambda: Request("compare", model=Model(national_sd=0.01)),
            "--national-sd applies to --model empirical, not apriori",
        ),
        (
            lambda: Model(name="empirical", elections=(2024,), lean="none"),
            "--election sets the states' bases; with --lean none every state is at 1/2",
        ),
        (
            lambda: Request("states", schemes=("ec-current",), options={"body": "senate"}),
            "--scheme defines the body and its rules; --body cannot be combined with it",
        ),
        (
            lambda: Request("states", options={"cloture": True}),
            "--cloture applies to --body senate, not electoral-college",
        ),
        (
            lambda: Request(
                "states", options={"cloture": True, "vp_tiebreak": True, "body": "senate"}
            ),
            "--vp-tiebreak applies to the majority rule, not to --cloture",
        ),
        (
            lambda: Request("compare", model=Model(name="empirical"), index="banzhaf"),
            "--index applies to --model apriori, not empirical",
        ),
        (
            lambda: Request(
                "compare", model=Model(name="empirical"), union=Union(population="vep")
            ),
            "--population applies to --model empirical only with --lean none",
        ),
        (lambda: Request("compare", schemes=("no-such",)), "unknown scheme 'no-such'"),
        (lambda: Request("states", view=View(top=0)), "--top takes a whole number of rows"),
        (lambda: Request("compare", view=View(top=3)), "compare has no --sort, --top or --wide"),
        (
            lambda: Request("history", options={"unit_power": True}, index="all"),
            "--unit-power shows one index: --index banzhaf or shapley-shubik",
        ),
        (
            lambda: Request("history", options={"rank": True}),
            "--rank goes with --per-state",
        ),
        (
            lambda: Request("history", model=Model(shift=0.01)),
            "--shift: only with --model empirical",
        ),
        (
            lambda: Request("history", model=Model(name="empirical"), options={"censuses": [2020]}),
            "--censuses goes with the a-priori model's census rows",
        ),
        (
            lambda: Request("design", options={"frontier": True, "quota": 0.6}),
            "--quota sets one design; --frontier makes many",
        ),
        (
            lambda: Request("design", options={"rule": True}, index="shapley-shubik"),
            "--index belong to weighted designs",
        ),
        (
            lambda: Request("process", options={"kind": "amendment", "filibuster": True}),
            "--filibuster and --vp-tiebreak apply to lawmaking",
        ),
        (lambda: Request("process"), "process needs its kind"),
        (
            lambda: Request("history", options={"censuses": [1920]}),
            "--censuses 1920: no apportionment for that census",
        ),
    ],
)
def test_conflicts_are_refused_with_the_command_lines_messages(make, message):
    with pytest.raises(RequestError) as caught:
        make()
    assert message in str(caught.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cmd=compare&zzz=1", "unknown key 'zzz'"),
        ("cmd=compare&census=2020&census=2010", "gives 'census' twice"),
        ("cmd=compare&nsd=abc", "not a value"),
        ("cmd=compare&scen=!!!", "damaged"),
        ("census=2020", "says its command"),
        ("cmd=nothing", "unknown command"),
    ],
)
def test_bad_links_are_refused(text, message):
    with pytest.raises(RequestError, match=message):
        from_query(text)


def test_bad_toml_is_refused():
    with pytest.raises(RequestError, match="not valid TOML"):
        from_toml("command = ", "x.toml")
    with pytest.raises(RequestError, match="no field 'colour'"):
        from_toml('command = "compare"\ncolour = 1\n', "x.toml")
    with pytest.raises(RequestError, match="more than"):
        from_toml("#" * 1_000_001, "x.toml")


# --------------------------------------------------------------------------------------------
# The command line: --save-request writes the question, --request asks it again
# --------------------------------------------------------------------------------------------
OWN = Path(__file__).resolve().parent / "data" / "resident_2020.csv"
FORMATS = ("table", "markdown", "csv", "json")
#: each command under both models, with options of every part of the request
ASKED = {
    ("states", "apriori"): [
        "states", "--body", "senate", "--cloture", "--states", "CA,TX,NY,WY,VT",
        "--index", "bz", "--sort", "population", "--top", "4",
    ],
    ("states", "empirical"): [
        "states", "--model", "empirical", "--national-sd", "0.02", "--state-sd", "0.04",
        "--scheme", "ec-district", "--top", "6",
    ],
    ("compare", "apriori"): [
        "compare", "--schemes", "ec-current,senate-population", "--population-file", str(OWN),
        "--exclude", "DC", "--scenario", str(EXAMPLES / "california_proportional.toml"),
    ],
    ("diff", "apriori"): [
        "diff", "ec-current", str(EXAMPLES / "wyoming_rule_no_dc.toml"), "--index", "bz",
        "--won-by", "R:2024",
    ],
    ("history", "apriori"): [
        "history", "--censuses", "2010-2020", "--schemes", "ec-current,senate-current",
        "--population", "resident", "--index", "all",
    ],
    ("history", "empirical"): [
        "history", "--model", "empirical", "--elections", "2016-2024", "--schemes",
        "ec-current", "--national-sd", "0.02",
    ],
    ("history", "unit-power"): [
        "history", "--unit-power", "--censuses", "1790-1800", "--index", "ss",
    ],
    ("design", "apriori"): [
        "design", "--states", "CA,TX,NY,WY,VT,FL", "--total-weight", "500", "--quota", "60%",
        "--max-seconds", "0.5",
    ],
    ("design", "rule"): ["design", "--rule", "--states", "CA,TX,NY,WY,VT,FL,PA"],
    ("process", "apriori"): [
        "process", "lawmaking", "--filibuster", "--house-size", "wyoming-rule", "--dc-statehood",
        "--index", "bz",
    ],
    ("compare", "empirical"): [
        "compare", "--model", "empirical", "--schemes", "ec-current,ec-webster",
        "--election", "2016-2024", "--won-by", "D:2020",
    ],
}  # fmt: skip


def _cli(*args):
    from click.testing import CliRunner

    from votepower.ui.cli import main

    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize(("command", "model"), sorted(ASKED))
def test_a_saved_request_reproduces_the_output_byte_for_byte(command, model, tmp_path):
    saved = tmp_path / "asked.toml"
    args = ASKED[(command, model)]
    first = _cli(*args, "--save-request", str(saved))
    request = from_toml(saved.read_text(), str(saved))
    assert request.command == command
    assert request.model.spec.id == ("apriori" if model in ("unit-power", "rule") else model)
    assert _cli(command, "--request", str(saved)) == first
    for fmt in FORMATS[1:]:
        assert _cli(command, "--request", str(saved), "--format", fmt) == _cli(
            *args, "--format", fmt
        )


def test_options_beside_a_request_apply_on_top_of_it(tmp_path):
    saved = tmp_path / "asked.toml"
    _cli("compare", "--schemes", "ec-current", "--states", "CA,TX", "--save-request", str(saved))
    assert _cli("compare", "--request", str(saved), "--states", "NY,VT") == _cli(
        "compare", "--schemes", "ec-current", "--states", "NY,VT"
    )


def test_a_scenario_file_runs_as_a_request():
    path = EXAMPLES / "wyoming_rule_no_dc.toml"
    assert _cli("compare", "--request", str(path)) == _cli("compare", "--scenario", str(path))


def test_a_request_for_another_command_is_refused(tmp_path):
    from click.testing import CliRunner

    from votepower.ui.cli import main

    saved = tmp_path / "asked.toml"
    _cli("compare", "--schemes", "ec-current", "--save-request", str(saved))
    result = CliRunner().invoke(main, ["states", "--request", str(saved)])
    assert result.exit_code == 2 and "a compare request cannot run as states" in result.output
    missing = CliRunner().invoke(main, ["states", "--request", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and "no such file" in missing.output


# --------------------------------------------------------------------------------------------
# The library's verbs ask the same requests
# --------------------------------------------------------------------------------------------
def test_the_verbs_build_the_requests_the_command_line_builds(tmp_path):
    import votepower as vp

    saved = tmp_path / "asked.toml"
    _cli("compare", "--schemes", "ec-current,senate-current", "--exclude", "DC",
         "--index", "bz", "--save-request", str(saved))  # fmt: skip
    answer = vp.compare(schemes=["ec-current", "senate-current"], exclude=["DC"], index="bz")
    assert answer.request == from_toml(saved.read_text())
    # a saved request with keywords on top
    again = vp.compare(from_toml(saved.read_text()), exclude="DC,WY")
    assert again.request.union.exclude == ("DC", "WY") and again.request.index == "banzhaf"
    assert vp.process("amendment", index="bz").request == Request(
        "process", options={"kind": "amendment"}, index="banzhaf"
    )
    assert vp.diff("ec-current", "ec-webster").request.schemes == ("ec-current", "ec-webster")
    with pytest.raises(RequestError, match="a compare request cannot run as states"):
        vp.states(from_toml(saved.read_text()))


def test_old_module_paths_do_not_replace_the_verbs():
    import importlib
    import warnings

    import votepower as vp

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        old = importlib.import_module("votepower.compare")
        from votepower.design import design as old_design  # noqa: F401
    assert callable(vp.compare) and vp.compare is not old and hasattr(old, "run_schemes")
    assert vp.design.__module__ == "votepower.request.verbs"
