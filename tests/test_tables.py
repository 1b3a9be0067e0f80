"""Results as tables: records with the JSON's keys, typed DataFrames, short reprs and notebook
tables, for game, apportionment, citizen, comparison and process results."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from votepower import WeightedGame, banzhaf, citizen_power, shapley_shubik
from votepower.models.presidential import EmpiricalParameters, empirical_power
from votepower.request.compare import Comparison, compare
from votepower.ui.cli import main
from votepower.us import datasets
from votepower.us.alternatives import body_of, build_scheme, federation
from votepower.us.apportion import apportion
from votepower.us.process import build_process, process_power

FED = federation(2020, states=("CA", "TX", "NY", "WY", "VT"))


def _json(*args: str) -> dict:
    result = CliRunner().invoke(main, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _results():
    game = WeightedGame([4, 4, 4, 2, 2, 1], 12)
    pops = {r.code: r.population for r in datasets.apportionment_census(2020)}
    return {
        "banzhaf": banzhaf(game, exact=True),
        "shapley_shubik": shapley_shubik(game),
        "apportionment": apportion(pops, 435),
        "citizens": citizen_power(body_of(FED, "electoral-college")),
        "comparison": compare(["ec-current", "npv", "ec-proportional"], FED),
        "process": process_power(build_process("lawmaking", FED)),
        "scheme": compare(["ec-current"], FED)[0],
        "empirical": empirical_power(build_scheme("ec-current", federation(2020)),
                                     EmpiricalParameters()),
    }  # fmt: skip


RESULTS = _results()


def test_records_carry_the_json_keys():
    game = _json("game", "12: 4 4 4 2 2 1", "--exact")["players"][0]
    assert set(RESULTS["banzhaf"].to_records()[0]) <= set(game)
    assert set(RESULTS["shapley_shubik"].to_records()[0]) <= set(game)
    states = _json("apportion")["states"][0]
    assert set(RESULTS["apportionment"].to_records()[0]) == set(states) - {"name"}
    members = "CA,TX,NY,WY,VT"
    assert list(RESULTS["citizens"].to_records()[0]) == list(
        _json("states", "--states", members)["states"][0]
    )
    schemes = _json("compare", "--schemes", "ec-current,npv,ec-proportional", "--states",
                    members)["schemes"]  # fmt: skip
    assert [list(r) for r in RESULTS["comparison"].to_records()] == [list(r) for r in schemes]
    empirical = _json("states", "--model", "empirical")["states"]
    assert [list(r) for r in RESULTS["empirical"].to_records()] == [list(r) for r in empirical]
    assert [r["state"] for r in RESULTS["empirical"].to_records()] == [
        r["state"] for r in empirical
    ]
    assert list(RESULTS["scheme"].to_records()[0]) == list(schemes[0])
    process = _json("process", "lawmaking", "--states", members)["states"][0]
    assert set(RESULTS["process"].to_records()[0]) == set(process) - {
        "banzhaf_by_office",
        "shapley_shubik_by_office",
    }


def test_records_hold_the_values():
    records = RESULTS["citizens"].to_records()
    first = records[0]["state"]
    assert records[0]["citizen_banzhaf"] == RESULTS["citizens"][first].citizen_banzhaf
    assert records[0]["citizen_banzhaf"] == max(r["citizen_banzhaf"] for r in records)
    assert [r["swings"] for r in RESULTS["banzhaf"].to_records()] == [10, 10, 10, 6, 6, 0]
    seats = {r["state"]: r["seats"] for r in RESULTS["apportionment"].to_records()}
    assert seats == RESULTS["apportionment"].seats
    assert isinstance(RESULTS["comparison"], Comparison) and len(RESULTS["comparison"]) == 3


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_short_repr_and_notebook_tables(name):
    result = RESULTS[name]
    text = repr(result)
    assert len(text) < 300 and text.startswith(f"<{type(result).__name__}: ")
    records = result.to_records()
    markdown = result._repr_markdown_()
    html = result._repr_html_()
    assert markdown.count("\n| ") == min(len(records), 60) + 1  # header and rows
    assert html.count("<tr>") == min(len(records), 60) + 1 and "<th>" in html
    if len(records) > 60:
        assert f"... and {len(records) - 60} more rows" in markdown


@pytest.mark.parametrize("name", sorted(RESULTS))
def test_frames_have_one_row_per_record_and_typed_columns(name):
    pd = pytest.importorskip("pandas")  # an optional extra; the [test] extra installs it
    frame = RESULTS[name].to_frame()
    records = RESULTS[name].to_records()
    assert list(frame.columns) == list(records[0]) and len(frame) == len(records)
    for column in frame.columns:
        values = [r[column] for r in records if r[column] is not None]
        if values and all(isinstance(v, float) for v in values):
            assert frame[column].dtype == "float64"
        if values and all(isinstance(v, str) for v in values):
            assert pd.api.types.is_string_dtype(frame[column])
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            assert pd.api.types.is_integer_dtype(frame[column])


def test_to_frame_without_pandas_says_how(monkeypatch):
    import builtins

    real = builtins.__import__

    def no_pandas(name, *args, **kwargs):
        if name == "pandas":
            raise ImportError("no pandas")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    from votepower.core.tables import MissingExtraError

    with pytest.raises(MissingExtraError, match="pip install pandas"):
        RESULTS["banzhaf"].to_frame()
