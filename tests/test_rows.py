"""One row type for both voter models: every key a states or compare record has is
documented in the column registry for its model, a model's records lack the other model's
keys, and one writer per format renders every table (JSON and CSV give the records back)."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower.request.evaluate import evaluate
from votepower.request.model import Model, Request
from votepower.request.voters import VOTER_MODELS
from votepower.ui.io.answers import ROW_TABLES, render_answer, row_table
from votepower.ui.io.columns import COLUMNS, columns_for
from votepower.ui.io.rowtable import ROW_FORMATS, RowTable, TextColumn, render_rows
from votepower.ui.io.text import FORMATS

_EMPIRICAL = Model(name="empirical", national_sd=0.03, state_sd=0.02)

_REQUESTS = {
    ("states", "apriori"): Request("states", schemes=("ec-current",), index="all"),
    ("states", "empirical"): Request("states", schemes=("ec-current",), model=_EMPIRICAL),
    ("compare", "apriori"): Request(
        "compare", schemes=("ec-current", "senate-current"), index="all"
    ),
    ("compare", "empirical"): Request(
        "compare", schemes=("ec-current", "ec-district", "senate-current"), model=_EMPIRICAL
    ),
}


@pytest.fixture(scope="module")
def answers():
    return {key: evaluate(request) for key, request in _REQUESTS.items()}


def test_every_table_of_every_model_is_registered():
    assert set(ROW_TABLES) == {(t, m) for t in ("states", "compare") for m in VOTER_MODELS}
    assert set(ROW_FORMATS) == set(FORMATS)


@pytest.mark.parametrize("key", sorted(_REQUESTS))
def test_records_hold_only_their_models_documented_keys(answers, key):
    table, model = key
    answer = answers[key]
    records = json.loads(render_answer(answer, "json"))[row_table(answer, "json").rows_key]
    assert records
    own = set(columns_for(table, model))
    other = {c.key for c in COLUMNS if c.table == table and model not in c.models}
    for record in records:
        assert set(record) <= own, set(record) - own
        assert not set(record) & other
    # the rows of the table are the records, in JSON and in CSV alike
    rows = row_table(answer, "csv").rows
    parsed = list(csv.DictReader(io.StringIO(render_answer(answer, "csv"))))
    assert [r["scheme" if table == "compare" else "state"] for r in parsed][: len(rows)] == [
        r["scheme" if table == "compare" else "state"] for r in rows
    ]


def test_the_columns_are_documented():
    page = (Path(__file__).parent.parent / "docs" / "voter-models.md").read_text()
    for column in COLUMNS:
        assert f"`{column.key}`" in page, column.key
    keys = [(c.table, c.key) for c in COLUMNS]
    assert len(keys) == len(set(keys))


_cells = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet="abcXYZ019 -_.,()'\"é", max_size=12),
)


@settings(max_examples=150, deadline=None)
@given(
    keys=st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4, unique=True),
    data=st.data(),
)
def test_json_and_csv_give_the_records_back(keys, data):
    rows = data.draw(st.lists(st.fixed_dictionaries({k: _cells for k in keys}), min_size=1))
    table = RowTable(
        rows=rows, text=tuple(TextColumn(k, lambda r, k=k: str(r[k])) for k in keys),
        headline="h",
    )  # fmt: skip

    def finite(v):
        return None if isinstance(v, float) and not math.isfinite(v) else v

    assert json.loads(render_rows(table, "json"))["states"] == [
        {k: finite(v) for k, v in row.items()} for row in rows
    ]
    parsed = list(csv.reader(io.StringIO(render_rows(table, "csv"))))
    assert parsed[0] == list(rows[0])
    assert len(parsed) == len(rows) + 1
    for line, row in zip(parsed[1:], rows, strict=True):
        for cell, k in zip(line, list(rows[0]), strict=True):
            v = finite(row[k])
            if v is None:
                assert cell == ""
            elif isinstance(v, bool):
                assert cell == ("true" if v else "false")
            elif isinstance(v, float):
                assert float(cell) == v
            else:
                assert cell == str(v)
    text = render_rows(table, "table")
    assert text.startswith("h\n\n")
    # headline, blank, header, rule, the rows, a blank line before the (here no) notes
    assert len(text.splitlines()) == len(rows) + 5
