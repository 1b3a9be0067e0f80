"""``votepower history``: past Electoral Colleges and Senates, and rows equal to one-census
comparisons."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from votepower.request.compare import compare
from votepower.request.history import HISTORY_CENSUSES, basis_for, history
from votepower.ui.cli import main
from votepower.us import datasets
from votepower.us.alternatives import build_scheme, federation


@pytest.mark.parametrize("census", HISTORY_CENSUSES)
def test_past_colleges_and_senates_match_the_official_sizes(census):
    """Elections 1912-1956: 48 states, 531 electors; from 1964: 538 with DC; the Senate 96
    before the 1960 census's bodies (Alaska and Hawaii, 1959), then 100."""
    first, votes = datasets.electoral_votes_for_census(census)
    fed = federation(census, population="apportionment")
    college = build_scheme("ec-current", fed)
    senate = build_scheme("senate-current", fed)
    if census < 1960:
        assert (len(votes), sum(votes.values()), "DC" in votes) == (48, 531, False)
        assert first in (1912, 1932, 1944, 1952) and first - census in (2, 4)
        assert senate.total_weight == 96
    else:
        assert (len(votes), sum(votes.values())) == (51, 538)
        assert senate.total_weight == 100
    assert college.total_weight == sum(votes.values())
    assert {b.label: b.weight for b in college.blocks if b.label in votes} == votes


def test_1910_includes_arizona_and_new_mexico_and_1920_has_no_row():
    fed = federation(1910, population="apportionment")
    assert fed.people["AZ"] == 204_354 and fed.people["NM"] == 327_301
    assert 1920 not in HISTORY_CENSUSES
    with pytest.raises(Exception, match="census with an Electoral College"):
        datasets.electoral_votes_for_census(1920)


@settings(max_examples=12, deadline=None)
@given(
    st.sampled_from(HISTORY_CENSUSES),
    st.sampled_from(["ec-current", "senate-current", "house-current", "ec-square-root"]),
    st.sampled_from(["banzhaf", "shapley-shubik"]),
)
def test_a_history_row_is_the_one_census_comparison(census, scheme, index):
    (row,) = history([scheme], [census], [index]).rows
    fed = federation(census, population=basis_for(census, "apportionment"))
    (res,) = compare([scheme], fed, (index,))
    s = res.summaries[index]
    assert (row.max_state, row.min_state) == (s.most_powerful, s.least_powerful)
    assert (row.ratio, row.gini, row.mean_relative_to_direct) == (
        s.ratio, s.gini, s.mean_relative_to_direct,
    )  # fmt: skip


def test_cli_every_format_and_errors():
    runner = CliRunner()
    args = ["history", "--schemes", "ec-current,senate-current,dc-statehood",
            "--censuses", "1950-1970"]  # fmt: skip
    table = runner.invoke(main, args)
    assert table.exit_code == 0 and "ec-current      1950" in table.output
    assert "Not available: dc-statehood (1950)" in table.output
    assert max(len(line) for line in table.output.splitlines()) <= 100
    rows = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)["rows"]
    assert {"scheme", "census", "index", "max_state", "min_state", "ratio", "gini",
            "mean_relative_to_direct"} <= set(rows[0])  # fmt: skip
    assert [(r["census"], r["first_election"]) for r in rows if r["scheme"] == "ec-current"] == [
        (1950, 1952), (1960, 1964), (1970, 1972),
    ]  # fmt: skip
    parsed = list(
        csv.DictReader(io.StringIO(runner.invoke(main, [*args, "--format", "csv"]).output))
    )
    assert len(parsed) == len(rows) == 9
    markdown = runner.invoke(main, [*args, "--format", "markdown"]).output
    assert markdown.startswith("**Per-citizen power over 3 censuses")
    fallback = runner.invoke(main, ["history", "--schemes", "ec-current", "--censuses",
                                    "2000-2020", "--population", "resident"]).output  # fmt: skip
    assert "2000 use the apportionment population" in fallback
    for bad, message in (
        (["--censuses", "1920"], "no apportionment for that census"),
        (["--censuses", "2020-1990"], "runs backwards"),
        (["--censuses", "19x0"], "takes years or ranges"),
        (["--censuses", "1800-1900"], "no census with an apportionment in that range"),
        (["--schemes", "nope"], "unknown scheme"),
        (["--index", "xx"], "--index"),
    ):
        result = runner.invoke(main, ["history", *bad])
        assert result.exit_code == 2 and message in result.output, result.output


def test_per_state_matrix():
    runner = CliRunner()
    out = runner.invoke(main, ["history", "--schemes", "senate-current", "--per-state"]).output
    lines = out.splitlines()
    header = next(line for line in lines if line.startswith("state "))
    assert header.split()[1:] == [str(c) for c in HISTORY_CENSUSES]
    alaska = next(line for line in lines if line.startswith("AK "))
    assert alaska.split()[1:5] == ["-"] * 4  # not a state before the 1960 census's bodies
    args = ["history", "--schemes", "ec-current", "--per-state", "--format", "json"]
    records = json.loads(runner.invoke(main, args).output)
    per_state = records["per_state"]
    h = history(["ec-current"], [2020])
    mine = {r.state: r for r in h.states}
    ca = next(r for r in per_state if r["state"] == "CA" and r["census"] == 2020)
    assert ca["relative_to_direct"] == mine["CA"].relative_to_direct and ca["rank"] == 1
    ranks = runner.invoke(main, ["history", "--schemes", "ec-current", "--per-state", "--rank",
                                 "--censuses", "2020"]).output  # fmt: skip
    assert "\nCA            1\n" in ranks
    for bad, message in (
        (["--per-state"], "one --schemes id"),
        (["--schemes", "ec-current", "--per-state", "--index", "all"], "one --schemes id"),
        (["--rank"], "--rank goes with --per-state"),
        (["--schemes", "ec-current", "--per-state", "--rank", "--format", "csv"], "--rank"),
    ):
        result = runner.invoke(main, ["history", *bad])
        assert result.exit_code == 2 and message in result.output, result.output


def test_history_pictures(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    from votepower.ui.plot import history_figure

    h = history(["ec-current", "senate-current"], [1910, 1960, 2020])
    series = history_figure(h, "series")
    series.draw_without_rendering()
    texts = {t.get_text() for t in series.findobj(matplotlib.text.Text)}
    assert {"ec-current", "senate-current", "census", "Gini of per-citizen power"} <= texts
    one = history(["senate-current"], [1910, 2020])
    heat = history_figure(one, "heatmap")
    heat.draw_without_rendering()
    labels = {t.get_text() for t in heat.findobj(matplotlib.text.Text)}
    assert {"AK", "WY", "1910", "2020", "not a member"} <= labels
    with pytest.raises(Exception, match="one scheme"):
        history_figure(h, "heatmap")
    runner = CliRunner()
    for args, name in (([], "series.svg"), (["--schemes", "ec-current", "--per-state"], "h.pdf")):
        out = tmp_path / name
        result = runner.invoke(main, ["history", "--censuses", "2000-2020", *args, "--plot",
                                      str(out)])  # fmt: skip
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 10_000
    bad = runner.invoke(main, ["history", "--plot", str(tmp_path / "no" / "x.png")])
    assert bad.exit_code == 1 and "no directory" in bad.output


def test_election_history_is_the_one_election_comparison():
    """Each election's row equals compare --model empirical with that election as the base,
    in the College of the census in force."""
    from votepower.models.presidential import EmpiricalParameters
    from votepower.request.empirical import compare_empirical
    from votepower.request.history import election_history

    h = election_history(["ec-current", "national-popular-vote"], [2000, 2024])
    assert [(r.election, r.census) for r in h.rows] == [(2000, 1990)] * 2 + [(2024, 2020)] * 2
    for year, census in ((2000, 1990), (2024, 2020)):
        fed = federation(census, population=basis_for(census, "resident"))
        params = EmpiricalParameters((year,)).resolved()
        first, _ = compare_empirical(["ec-current", "national-popular-vote"], fed, params)
        summary = first.summary
        row = next(r for r in h.rows if r.election == year and r.scheme == "ec-current")
        assert (row.max_state, row.min_state, row.ratio, row.win_probability) == (
            summary.most, summary.least, summary.ratio, summary.win_probability,
        )  # fmt: skip


def test_cli_empirical_history():
    runner = CliRunner()
    args = ["history", "--model", "empirical", "--schemes", "ec-current", "--elections",
            "2016-2024"]  # fmt: skip
    table = runner.invoke(main, args)
    assert table.exit_code == 0
    row_2024 = next(line for line in table.output.splitlines() if " 2024 " in line)
    assert row_2024.split()[:4] == ["ec-current", "2024", "NV", "DC"]
    data = json.loads(runner.invoke(main, [*args, "--format", "json"]).output)
    assert [r["election"] for r in data["rows"]] == [2016, 2020, 2024]
    assert {"win_probability", "inversion_probability", "census"} <= set(data["rows"][0])
    assert data["model"]["national_sd"] > 0
    for bad, message in (
        (["--model", "empirical", "--censuses", "2020"], "--censuses goes with"),
        (["--model", "empirical", "--per-state", "--schemes", "ec-current"], "--per-state"),
        (["--elections", "2020"], "--elections: only with --model empirical"),
        (["--national-sd", "0.02"], "--national-sd: only with --model empirical"),
        (["--model", "empirical", "--elections", "2016-2022"], "steps of 4"),
    ):
        result = runner.invoke(main, ["history", *bad])
        assert result.exit_code == 2 and message in result.output, result.output
    missing = runner.invoke(main, ["history", "--model", "empirical", "--elections", "1972"])
    assert missing.exit_code == 1 and "no presidential results for 1972" in missing.output


def test_the_states_own_power_back_to_1792():
    """The College of each census as a weighted game of states: totals of the elections
    1804 (176), 1832 (288), 1852 (296), 1872 (366), 1892 (444), 1904 (476) and 1912-1956 (531);
    the indices of each College add up to 1."""
    from votepower.request.history import college_censuses, college_unit_power, college_votes

    totals = {1800: 176, 1830: 288, 1850: 296, 1870: 366, 1890: 444, 1900: 476, 1950: 531}
    for census, total in totals.items():
        first, votes = college_votes(census)
        assert sum(votes.values()) == total and first == census + 2 + (-(census + 2)) % 4
    assert college_censuses()[0] == 1790 and 1920 not in college_censuses()
    h = college_unit_power([1790, 1860, 2020])
    for census in (1790, 1860, 2020):
        rows = [r for r in h.rows if r.census == census]
        assert sum(r.shapley_shubik for r in rows) == pytest.approx(1.0, rel=1e-12)
        assert sum(r.banzhaf_normalized for r in rows) == pytest.approx(1.0, rel=1e-12)
    virginia = next(r for r in h.rows if r.census == 1790 and r.state == "VA")
    assert virginia.electoral_votes == 21 and virginia.first_election == 1792
    runner = CliRunner()
    table = runner.invoke(main, ["history", "--unit-power", "--index", "ss"]).output
    assert max(len(line) for line in table.splitlines()) <= 100 and "1790" in table
    data = json.loads(runner.invoke(main, ["history", "--unit-power", "--censuses", "1790",
                                           "--format", "json"]).output)  # fmt: skip
    assert {r["state"] for r in data["unit_power"]} == set(college_votes(1790)[1])
    for bad, message in (
        (["--unit-power", "--schemes", "ec-current"], "--schemes cannot be combined"),
        (["--unit-power", "--index", "all"], "one index"),
        (["--unit-power", "--censuses", "1785"], "no apportionment for that census"),
    ):
        result = runner.invoke(main, ["history", *bad])
        assert result.exit_code == 2 and message in result.output, result.output


def test_the_1912_college_matches_the_published_counts():
    """The 1912 College built from the 1910 seats (House seats + 2) against the published
    electoral votes: 531 in all (National Archives, Center for Legislative Archives, "1912
    Electoral Vote Tally, February 12, 1913", archives.gov/legislative/features/1912-election)
    and per state (Teaching American History, "Electoral Map and Data for 1912", and a 1912
    results table by state; both stored in the search tool's pages corpus), for the 29 states
    those pages list."""
    published = {
        "AL": 12, "AZ": 3, "AR": 9, "CA": 13, "CO": 6, "CT": 7, "DE": 3, "FL": 6, "GA": 14,
        "ID": 4, "IL": 29, "NC": 12, "ND": 5, "OH": 24, "OK": 10, "OR": 5, "PA": 38, "RI": 5,
        "SC": 9, "SD": 5, "TN": 12, "TX": 20, "UT": 4, "VT": 4, "VA": 12, "WA": 7, "WV": 8,
        "WI": 13, "WY": 3,
    }  # fmt: skip
    first, votes = datasets.electoral_votes_for_census(1910)
    assert first == 1912 and sum(votes.values()) == 531
    assert {code: votes[code] for code in published} == published


def test_state_lines_picture(tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    from votepower.ui.plot import history_figure

    h = history(["senate-current"], [1910, 1960, 2020])
    fig = history_figure(h, "states", ["NV", "AK", "CA"])
    fig.draw_without_rendering()
    texts = {t.get_text() for t in fig.findobj(matplotlib.text.Text)}
    assert {"NV", "AK", "CA", "census"} <= texts
    runner = CliRunner()
    out = tmp_path / "lines.png"
    args = ["history", "--schemes", "senate-current", "--per-state", "--censuses", "2000-2020",
            "--plot", str(out), "--plot-states", "WY,CA"]  # fmt: skip
    assert runner.invoke(main, args).exit_code == 0 and out.stat().st_size > 10_000
    bad = runner.invoke(main, ["history", "--plot-states", "CA"])
    assert bad.exit_code == 2 and "--plot-states goes with --per-state and --plot" in bad.output
