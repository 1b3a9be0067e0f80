"""The reproducers of the second fuzzing round (issue 22), one test each: every one failed
before its fix (a traceback, a wrong number, or unbounded work) and must give a correct
result or a one-line error with the documented exit status."""

from __future__ import annotations

import json
import math
import tomllib
from fractions import Fraction as F

import pytest
from click.testing import CliRunner

from votepower.ui.cli import main


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def one_line_error(result, status: int) -> str:
    """The error's text, after checking it is one line with the documented exit status."""
    assert result.exit_code == status, (result.exit_code, result.output)
    assert "Traceback" not in result.output and "internal error" not in result.output
    last = result.output.strip().splitlines()[-1]
    assert last.startswith("Error: "), result.output
    return last


# 1. JSON never carries inf or nan; nan is not a target
def test_design_json_with_an_infinite_baseline_ratio():
    result = run("design", "--states", "CA,TX,WY,VT,NY", "--total-weight", "100",
                 "--max-seconds", "0.2", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    baseline = data["baseline"]
    assert baseline["ratio"] is None and baseline["ratio_infinite"] is True
    assert data["ratio_infinite"] is False and data["ratio"] >= 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e999", "١"])
def test_number_options_refuse_nan_infinity_and_other_digits(value):
    for args in (
        ("design", "--states", "CA,TX,WY", "--target", value),
        ("states", "--model", "empirical", "--national-sd", value),
        ("history", "--model", "empirical", "--shift", value),
        ("states", "--census", value),
    ):
        assert "--" in one_line_error(run(*args), 2)


def test_states_json_with_the_vice_president_and_one_index():
    result = run("states", "--body", "senate", "--vp-tiebreak", "--index", "banzhaf",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    (vp,) = json.loads(result.output)["extra_players"]
    assert vp["shapley_shubik"] is None and 0 < vp["banzhaf"] < 1


# 3, 17, 18: scenario keys are checked as the options are
@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('body = "senate"\n[members]\nwon_by = "R:²"', "members.won_by: must look like"),
        ('body = "senate"\n[members]\nwon_by = "R:1900"', "no presidential election 1900"),
        ('body = "house"\n[house]\nsize = true', "house.size: must be a number of seats"),
        ('body = "senate"\ncensus = true', "census: must be a year"),
        ('body = "ec"\n[electors]\nper_state = true', "electors.per_state"),
        ('body = "ec"\n[senate]\nseats = "equal"', "applies to the Senate, not the Electoral"),
        ('body = "senate"\n[senate]\nquota = "1e999999999"', "senate.quota: '1e999999999'"),
        ('body = "ec"\n[electors]\nquota = true', "electors.quota"),
    ],
)
def test_scenario_values(tmp_path, text, message):
    path = tmp_path / "s.toml"
    path.write_text(text + "\n")
    last = one_line_error(run("compare", "--scenario", str(path), "--index", "bz"), 1)
    assert str(path) in last and message in last, last


# 9, 10: the rule design's saved file reproduces it, and its rule is printed as computed
def test_rule_design_with_dc_saves_what_it_computed(tmp_path):
    saved = tmp_path / "r.toml"
    result = run("design", "--states", "CA,TX,FL,DC", "--rule", "--save", str(saved),
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    designed = json.loads(result.output)
    rule = tomllib.loads(saved.read_text())["senate"]["rule"]
    assert rule == designed["rule"]
    compared = run("compare", "--scenario", str(saved), "--schemes", "senate-current",
                   "--index", "bz", "--format", "json")  # fmt: skip
    assert compared.exit_code == 0, compared.output
    row = next(r for r in json.loads(compared.output)["schemes"] if r["scheme"] != "senate-current")
    assert row["ratio"] == pytest.approx(designed["ratio"], rel=1e-9)


def test_rule_design_prints_the_share_it_computed():
    result = run("design", "--states", "NM,AZ,WY,WI,NC,IN,NE,OR,DC,NJ,ND", "--rule",
                 "--format", "json")  # fmt: skip
    data = json.loads(result.output)
    share = F(data["rule"].rsplit(">= ", 1)[1].rstrip("%")) / 100
    assert share == F(str(data["population_share"]))
    assert data["rule"] == "members >= 7 and population >= 69.25%"
    assert not math.isnan(data["ratio"])


# 2. a probability below the smallest float is refused, not divided by
@pytest.mark.parametrize(
    "args",
    [
        ("states", "--model", "empirical", "--shift", "0.5", "--national-sd", "0.01"),
        ("compare", "--model", "empirical", "--lean", "none", "--shift", "0.5",
         "--national-sd", "0", "--schemes", "ec-webster,ec-dean"),
    ],
)  # fmt: skip
def test_underflowing_popular_vote(args):
    last = one_line_error(run(*args), 1)
    assert "below the smallest floating-point number" in last and "1e-" in last


# 7, 11: the citizens' engine on small or lopsided bodies
def test_citizen_integral_with_a_rounding_negative_variance():
    from votepower.citizens import IndependentSeats, Proportional, TwoTierBody, citizen_power

    body = TwoTierBody(
        "x",
        (Proportional("B0", 46, 10**6), Proportional("B1", 29, 4 * 10**7),
         IndependentSeats("B2", 10, 10001, 1)),
        85,
    )  # fmt: skip
    result = citizen_power(body)
    # unanimity: B0's proportional threshold (91/92 of its vote) is the last one reached
    assert result["B0"].citizen_shapley_shubik == pytest.approx(1e-6, rel=1e-8)
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-8)
    for block in result.blocks:
        assert 0.0 <= block.citizen_banzhaf <= 1.0


def test_independent_seats_too_small_to_be_a_probability():
    from votepower.citizens import IndependentSeats
    from votepower.core.errors import CitizenModelError

    with pytest.raises(CitizenModelError, match="not a probability"):
        IndependentSeats("B", 8, 1, 3)
    IndependentSeats("B", 2, 3, 1)  # at most 2 x 1/2: allowed


def test_empirical_model_refuses_tiny_electorates(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("code,population\nCA,1\nTX,2\nWY,3\n")
    last = one_line_error(
        run("states", "--model", "empirical", "--lean", "none", "--population-file", str(path)), 1
    )
    assert "too few for the empirical model" in last


def test_banzhaf_per_citizen_is_never_negative():
    from votepower.citizens import Bloc, Split, TwoTierBody, citizen_power

    for voters in (1, 2, 3, 4, 5):
        body = TwoTierBody("s", (Split("A", 2, 3, voters), Bloc("B", 3, 7), Bloc("C", 1, 2)), 5)
        result = citizen_power(body)
        assert all(0.0 <= b.citizen_banzhaf <= 1.0 for b in result.blocks), result.blocks


# 4. a null player in the diff's second scheme: dark blue, no log of zero
def test_diff_plot_with_a_zero_ratio(tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "d.png"
    result = run("diff", "senate-current", "ec-current", "--states", "AK,NV", "--plot", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 0


# 5, 15: absurd values and endless files are refused, naming the file (and row)
def test_population_with_thousands_of_digits(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text("code,population\nCA," + "9" * 5000 + "\nTX,100\n")
    for command in ("states", "apportion"):
        last = one_line_error(run(command, "--population-file", str(path)), 1)
        assert f"{path}, row 2" in last and "between 1 and 10^10" in last


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_files_are_capped(device):
    for args in (
        ("states", "--population-file", device),
        ("compare", "--scenario", device),
        ("game", "--file", device),
    ):
        last = one_line_error(run(*args), 1)
        assert device in last and "16 MiB" in last


# 6. refusal messages for games far beyond any table: no float overflow while estimating
def test_refusing_enormous_games(tmp_path):
    last = one_line_error(run("game", "[3; 1x1100]", "--index", "holler-packel"), 1)
    assert "2^1100 coalitions" in last and "age of the universe" in last
    path = tmp_path / "big.csv"
    path.write_text("name,population,votes\n" + "".join(f"P{i},{i + 1},{i % 7 + 1}\n"
                                                        for i in range(5000)))  # fmt: skip
    rule = "population >= 60% and votes >= 50%"
    last = one_line_error(run("game", "--file", str(path), "--rule", rule), 1)
    assert "2^5000" in last


# 7, 8: the multi-criteria game's constructor and the weighted game's conversion
def test_multicriteria_game_without_a_rule():
    from votepower.core.errors import InvalidGameError
    from votepower.games.multigame import MultiCriteriaGame

    for rule in (None, 3, ["population >= 50%"]):
        with pytest.raises(InvalidGameError, match="needs a rule"):
            MultiCriteriaGame({"population": [4, 5, 3]}, rule)


def test_from_weighted_is_the_same_game():
    from itertools import combinations

    from votepower import WeightedGame
    from votepower.games.multigame import MultiCriteriaGame

    for weights, quota in (([F(1, 3), 1, 1], F(2, 3)), ([3, 2, 2], F(9, 2)), ([5, 3, 1], 5)):
        game = WeightedGame(weights, quota)
        converted = MultiCriteriaGame.from_weighted(game)
        for size in range(game.n + 1):
            for coalition in combinations(range(game.n), size):
                assert game.is_winning(coalition) == converted.is_winning(coalition)


# 12. one key for Coleman's swing counts in the library's records and the command's JSON
def test_coleman_counts_have_one_name():
    from votepower import WeightedGame
    from votepower.games.power.classic import power_index

    records = power_index(WeightedGame([3, 2, 2], 4), "coleman-prevent").to_records()
    assert [r["swings"] for r in records] == [2, 2, 2]
    data = json.loads(run("game", "4: 3 2 2", "--index", "coleman-prevent", "--format",
                          "json").output)  # fmt: skip
    assert [p["swings"] for p in data["players"]] == [2, 2, 2]


# 13, 14: the design's own scale never refuses valid input; its budget holds in every stage
def test_design_small_total_with_shapley_shubik():
    result = run("design", "--states", "GA,VA,NC", "--index", "ss", "--total-weight", "20",
                 "--target", "1", "--max-seconds", "0.3", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["total_weight"] <= 20 and data["target_reached"] is False and data["limit"]


def test_design_quota_as_a_fraction():
    from votepower.us.design import design
    from votepower.us.design.model import DesignError

    people = {"GA": 10_711_908, "VA": 8_631_393, "NC": 10_439_388, "WY": 576_851}
    found = design(people, 1000, quota=F(2, 3), evaluations=2000)
    assert found.quota == -(-2 * found.total_weight // 3)  # the share, rounded up, exactly
    for bad in (True, 0, F(1, 3), "x", float("nan")):
        with pytest.raises(DesignError):
            design(people, 100, quota=bad)


@pytest.mark.parametrize(
    "args",
    [
        ("--frontier", "--states", "CA,TX,WY,VT,NY", "--max-seconds", "0.2"),
        ("--index", "ss", "--states", "CA,TX,WY,VT,NY,FL,OH,PA,IL,GA", "--total-weight", "1000",
         "--max-seconds", "0.1"),
    ],
)  # fmt: skip
def test_design_budget_is_counted_in_every_stage(args, monkeypatch):
    """The work each search does, counted: at most the budget plus the one evaluation that
    crosses it (before, the quota scans and the exhaustive search ran unbudgeted: 90 x)."""
    from votepower.us.design import evaluate

    spent: list[float] = []
    original = evaluate._Evaluator.power

    def counting(self, weights, quota):
        values = original(self, weights, quota)
        spent.append(self.evaluations)
        return values

    monkeypatch.setattr(evaluate._Evaluator, "power", counting)
    result = run("design", *args)
    assert result.exit_code == 0, result.output
    seconds = float(args[args.index("--max-seconds") + 1])
    budget = seconds * 2000 / (9 if "--frontier" in args else 1)
    # per search: its budget, the evaluation that crosses it, and the final figures (2 more)
    assert max(spent) <= budget + 3 * 250, (max(spent), budget)


# 15, 16, 18: every requested index's cost (memory included) is checked before any is computed
def test_johnston_memory_is_in_the_estimate():
    from votepower.games.power import wintable

    size, _ = wintable.cost_estimate(27, johnston=True)
    assert size >= 1.2e9  # measured: 1.28 GB peak for 27 players
    weights = ("8 12 11 47 22 95 86 40 33 78 28 78 5 75 88 21 56 82 51 93 66 48 70 57 65 35 5 4 "
               "47 60")  # fmt: skip
    last = one_line_error(run("game", "--index", "johnston", weights), 1)
    assert "10.0 GiB" in last


def test_monte_carlo_runs_are_estimated_before_they_start():
    last = one_line_error(
        run("game", "[2; 1, 1, 1]", "--method", "monte-carlo", "--samples", "1000000000"), 1
    )
    assert "3 min" in last and "take fewer samples" in last


@pytest.mark.parametrize(
    "spec",
    [
        "63e-1, 14e-3, 57e3, 8e3, 37e1, 56e-3, 59e4, 46e1, 72e-3, 7e-1, 21e-2",
        " ".join(str((i * 7919) % 10**6 + 1) for i in range(2363)),
    ],
)
def test_each_index_is_checked_before_any_is_computed(spec, monkeypatch):
    """The second index's refusal comes before the first index is computed."""
    from votepower.request import games

    def forbidden(*args, **kwargs):
        raise AssertionError("computed before every index was checked")

    monkeypatch.setattr(games, "banzhaf", forbidden)
    monkeypatch.setattr(games, "shapley_shubik", forbidden)
    last = one_line_error(run("game", spec, "--explain"), 1)
    assert "GiB" in last


# 18: proportional electors with a quota far from half, under Shapley-Shubik
def test_careful_rule_agrees_with_the_exact_one(monkeypatch):
    """Forced onto the fallback (adaptive Gauss-Kronrod on the window), a small body's values
    agree with the exact Gauss-Legendre rule's."""
    import numpy as np

    from votepower.citizens import Bloc, Proportional, TwoTierBody, citizen_power, integration

    body = TwoTierBody("p", (Proportional("A", 5, 9), Proportional("B", 3, 7), Bloc("C", 2, 5)), 7)
    exact = citizen_power(body)
    monkeypatch.setattr(
        integration, "_quadrature", lambda body, *_: (np.zeros(len(body.blocks)), np.inf)
    )
    careful = citizen_power(body)
    for a, b in zip(exact.blocks, careful.blocks, strict=True):
        assert b.citizen_shapley_shubik == pytest.approx(a.citizen_shapley_shubik, rel=1e-7)


def test_proportional_electors_with_a_supermajority(tmp_path):
    path = tmp_path / "prop55.toml"
    path.write_text('body = "electoral-college"\n[electors]\nrule = "proportional"\n'
                    'quota = "55%"\n')  # fmt: skip
    result = run("compare", "--schemes", "npv", "--scenario", str(path), "--index", "ss",
                 "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)["schemes"]
    assert rows[-1]["mean_relative_to_direct"] == pytest.approx(1.0, rel=1e-6)  # SS sums to 1


def test_design_figures_are_computed_when_the_budget_is_spent():
    """A design whose budget ran out still reports its own figures (found by the fuzz test:
    the final score came back as the budget's 'infinitely bad')."""
    result = run("design", "--states", "CA,TX", "--index", "ss", "--total-weight", "20",
                 "--max-seconds", "0.1", "--format", "json")  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["ratio_infinite"] is False and 1 <= data["ratio"] < 2
    assert 0 <= data["gini"] < 1


# 16: the citizens' integrals are costed before they start
def test_citizen_integral_of_a_huge_body_is_refused_before_it_starts():
    from votepower.citizens import Bloc, TwoTierBody, citizen_power, integration
    from votepower.core.errors import ResourceLimitError

    body = TwoTierBody("x", tuple(Bloc(f"B{i}", 1, 1001) for i in range(20_000)), 10_001)
    with pytest.raises(ResourceLimitError, match="Banzhaf values alone"):
        integration.check_cost(body)
    with pytest.raises(ResourceLimitError):
        citizen_power(body)
    integration.check_cost(body, shapley_shubik_values=False)  # one law: taken


def test_careful_rule_sees_a_bump_at_a_panel_edge(monkeypatch):
    """A dictator state's citizens have all their power in a bump 1e-4 wide at t = 1/2: the
    careful rule's panels are graded from that width, so that it is not stepped over (it
    summed to 0.5 when 1/2 was only a panel edge). Every union of up to ten states is then no
    slower than the whole union: the fast rule no longer fails on a null state's noise."""
    import numpy as np

    from votepower.citizens import citizen_power, integration
    from votepower.us.alternatives import build_scheme, federation

    body = build_scheme("ec-hamilton", federation(2020, states=("TX", "ME", "NH")))
    values, error = integration._quadrature(body, 1e-8)
    assert error <= 1e-8  # the null states' noise does not count against the fast rule
    monkeypatch.setattr(
        integration, "_quadrature", lambda body, *_: (np.zeros(len(body.blocks)), np.inf)
    )
    result = citizen_power(body)
    assert result.shapley_shubik_total == pytest.approx(1.0, abs=1e-8)
    assert result["ME"].citizen_shapley_shubik == 0 and result["NH"].citizen_shapley_shubik == 0
