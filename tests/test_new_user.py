"""What a new user ran into (issue 23's list), one test each; each failed before its fix."""

from __future__ import annotations

import json

from click.testing import CliRunner

from votepower.ui.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_statehood_schemes_are_named_as_themselves():
    named = (
        ("dc-statehood", "Electoral College with DC a state"),
        ("pr-statehood", "Electoral College with Puerto Rico a state"),
    )
    for scheme, name in named:
        result = run("states", "--scheme", scheme, "--index", "bz")
        assert result.exit_code == 0, result.output
        assert result.output.startswith(name + ":"), result.output[:80]


def test_puerto_rico_is_not_added_to_a_chosen_union():
    result = run("compare", "--states", "CA,OR,WA", "--schemes", "pr-statehood,ec-current",
                 "--index", "bz", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["members"] == ["CA", "OR", "WA"]
    (refused,) = data["not_available"]
    assert refused["scheme"] == "pr-statehood" and 'add = ["PR"]' in refused["error"]
    whole = run("compare", "--schemes", "pr-statehood", "--index", "bz", "--format", "json")
    assert json.loads(whole.output)["schemes"][0]["scheme"] == "pr-statehood"


def test_a_game_without_a_quota_says_so():
    result = run("game", "16 9 9 7 3 1 1")
    assert "No quota was given: a strict majority of the total weight, 24" in result.output
    assert "No quota" not in run("game", "16: 9 9 7 3 1 1").output
    data = json.loads(run("game", "16 9 9 7 3 1 1", "--format", "json").output)
    assert data["game"]["quota_given"] is False


def test_a_mistyped_index_in_the_library_names_the_choices():
    import pytest

    from votepower.citizens import summarize
    from votepower.core.errors import MethodNotApplicableError, UnknownMethodError
    from votepower.request.compare import compare
    from votepower.us.alternatives import federation

    fed = federation(2020, states=("CA", "TX", "WY"))
    with pytest.raises(UnknownMethodError, match="did you mean 'banzhaf'"):
        compare(["ec-current"], fed, indices=("bnzhaf",))
    with pytest.raises(MethodNotApplicableError, match="no per-citizen value"):
        compare(["ec-current"], fed, indices=("johnston",))
    result = compare(["ec-current"], fed, indices=("bz",))  # an alias is the index
    assert result.to_records()[0]["index"] == "banzhaf"
    from votepower import citizen_power
    from votepower.us.alternatives import body_of

    with pytest.raises(UnknownMethodError):
        summarize(citizen_power(body_of(fed, "electoral-college")), "shapely")


def test_every_value_underflowing_is_not_called_all_equal(tmp_path):
    path = tmp_path / "prop55.toml"
    path.write_text('body = "electoral-college"\n[electors]\nrule = "proportional"\n'
                    'quota = "55%"\n')  # fmt: skip
    result = run("compare", "--schemes", "npv", "--scenario", str(path), "--index", "bz",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [r["scheme"] for r in data["schemes"]] == ["national-popular-vote"]
    (missing,) = [n for n in data["not_available"] if n["scheme"] == "scenario:prop55"]
    assert "below the smallest floating-point number" in json.dumps(missing)


def test_empirical_history_says_once_which_bodies_it_covers():
    result = run("history", "--model", "empirical", "--elections", "2016,2020")
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "a senate scheme" not in text and "Not available: senate" not in text
    assert text.count("left out: senate-current") == 1
    # each year's reason is said for that year
    assert "pr-statehood (2016): no presidential vote for PR in 2016" in text
    assert "pr-statehood (2020): no presidential vote for PR in 2020" in text


def test_many_history_series_are_drawn_as_a_grid():
    import pytest

    pytest.importorskip("matplotlib")
    from votepower.request.history import history
    from votepower.ui.plot.history import MAX_LINES, history_figure

    schemes = ["ec-current", "ec-webster", "ec-hamilton", "ec-jefferson", "ec-adams", "ec-dean",
               "ec-wyoming-rule", "senate-current", "house-current"]  # fmt: skip
    assert len(schemes) > MAX_LINES
    rows = history(schemes, censuses=(2010, 2020))
    figure = history_figure(rows)
    grids = [ax for ax in figure.axes if ax.images]
    assert len(grids) == 2 and not any(ax.lines for ax in grids)
    labels = [t.get_text() for t in grids[0].get_yticklabels()]
    assert labels == schemes
    few = history_figure(history(schemes[:3], censuses=(2010, 2020)))
    assert any(ax.lines for ax in few.axes)


def test_a_measure_quota_is_not_an_election_rule():
    """ec-square-root's optimal quota (2,634 of 4,548) is for passing measures; an election
    between two candidates goes to the one with more electoral weight."""
    result = run("compare", "--model", "empirical", "--schemes", "ec-square-root,ec-current",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = {r["scheme"]: r for r in json.loads(result.output)["schemes"]}
    assert "2,634 of 4,548" in rows["ec-square-root"]["quota_note"]
    assert rows["ec-current"]["quota_note"] is None
    # the coin no longer decides a third of the elections: inversions near the College's
    assert 0.05 < rows["ec-square-root"]["inversion_probability"] < 0.15
