"""Probabilities below the floats' range are carried as logarithms (issue 23, item 4): checked
against mpmath at 60 digits, and never shown as 0, "never", "inf" or null while positive."""

from __future__ import annotations

import json
import math

import mpmath
import numpy as np
import pytest
from click.testing import CliRunner

from votepower.citizens import Bloc, Proportional, TwoTierBody, citizen_power, summarize
from votepower.citizens.logpower import log10_citizen_banzhaf, log_binomial_pmf
from votepower.ui.cli import main

mpmath.mp.dps = 60


@pytest.mark.parametrize(
    ("k", "n", "p"),
    [
        (19_000_000, 39_538_222, 0.5),
        (20_000_000, 39_538_222, 0.5),
        (3, 10, 0.5),
        (0, 50, 0.3),
        (50, 50, 0.3),
        (700, 1000, 0.25),
    ],  # fmt: skip
)
def test_log_binomial_pmf_against_mpmath(k, n, p):
    exact = (
        mpmath.log(mpmath.binomial(n, k))
        + k * mpmath.log(mpmath.mpf(p))
        + (n - k) * mpmath.log(1 - mpmath.mpf(p))
    )
    assert log_binomial_pmf(k, n, p) == pytest.approx(float(exact), rel=1e-13, abs=1e-12)


def _exact_log10_banzhaf(body: TwoTierBody, i: int) -> mpmath.mpf:
    """One citizen's Banzhaf value of proportional block ``i`` at 60 digits: the others are
    blocs (their law exact in rationals), the block's thresholds' binomials by mpmath."""
    block = body.blocks[i]
    law = {0: mpmath.mpf(1)}
    for j, other in enumerate(body.blocks):
        if j == i:
            continue
        new: dict[int, mpmath.mpf] = {}
        for y, pr in law.items():
            for x, q in ((0, mpmath.mpf(1) / 2), (other.weight, mpmath.mpf(1) / 2)):
                new[y + x] = new.get(y + x, 0) + pr * q
        law = new
    n, thresholds = block.voters, block._thresholds()
    total = mpmath.mpf(0)
    for x in range(1, block.seats + 1):
        k = thresholds[x]
        total += (
            mpmath.binomial(n - 1, k - 1) / mpmath.mpf(2) ** (n - 1) * law.get(body.quota - x, 0)
        )
    return mpmath.log10(total)


@pytest.mark.parametrize("voters", [1_000_001, 4_000_000])
def test_proportional_banzhaf_below_the_floats_against_mpmath(voters):
    """Four electors split proportionally among a million voters: a citizen moves an elector
    only 250 standard deviations from a tie (about 1e-13500), and the float value is 0."""
    body = TwoTierBody(
        "toy",
        (Proportional("P", 4, voters), Bloc("A", 3, 1001), Bloc("B", 2, 777), Bloc("C", 2, 501)),
        6,
    )
    result = citizen_power(body, shapley_shubik_values=False)
    assert result["P"].citizen_banzhaf == 0.0
    exact = _exact_log10_banzhaf(body, 0)
    assert result["P"].log10_citizen_banzhaf == pytest.approx(float(exact), abs=1e-9)
    assert log10_citizen_banzhaf(body, 0) < -10_000


def test_proportional_banzhaf_in_range_matches_the_float_route():
    """Where the float holds the value, the logarithm route gives the same number."""
    body = TwoTierBody(
        "toy", (Proportional("P", 4, 2001), Bloc("A", 3, 1001), Bloc("B", 2, 777)), 5
    )
    result = citizen_power(body, shapley_shubik_values=False)
    assert 10 ** log10_citizen_banzhaf(body, 0) == pytest.approx(
        result["P"].citizen_banzhaf, rel=1e-12
    )


def test_no_power_is_said_only_of_true_nulls():
    dummy = TwoTierBody("d", (Bloc("A", 2, 101), Bloc("B", 2, 101), Bloc("C", 1, 101)), 4)
    summary = summarize(citizen_power(dummy, shapley_shubik_values=False), "banzhaf")
    assert summary.ratio_infinite and "no power" in summary.ratio_note

    tiny = TwoTierBody("t", (Proportional("P", 4, 1_000_001), Bloc("A", 3, 1001)), 4)
    summary = summarize(citizen_power(tiny, shapley_shubik_values=False), "banzhaf")
    assert not summary.ratio_infinite and math.isinf(summary.ratio)
    assert summary.ratio_log10 > 10_000
    assert "no power" not in summary.ratio_note and "below 1e-280" in summary.ratio_note


def _run(*args):
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_proportional_electors_ratio_is_finite_everywhere():
    table = _run("compare", "--schemes", "ec-proportional", "--index", "banzhaf", "--recompute")
    row = next(line for line in table.splitlines() if line.startswith("ec-proportional"))
    assert "inf" not in row and "e+25226" in row
    assert "no power" not in table
    data = json.loads(
        _run("compare", "--schemes", "ec-proportional", "--index", "banzhaf", "--format", "json")
    )["schemes"][0]
    assert data["ratio"] is None and data["ratio_infinite"] is False
    assert data["ratio_log10"] == pytest.approx(25226.5486, abs=1e-3)
    states = json.loads(_run("states", "--scheme", "ec-proportional", "--format", "json"))
    idaho = next(s for s in states["states"] if s["state"] == "ID")
    assert idaho["citizen_banzhaf"] is None
    assert idaho["citizen_banzhaf_log10"] == pytest.approx(-25230.3013, abs=1e-3)
    text = _run("states", "--scheme", "ec-proportional", "--index", "banzhaf")
    assert "4.997e-25231" in text and "0.0000e+00" not in text


def test_shapley_shubik_below_the_floats_against_mpmath():
    """The Shapley-Shubik integral in logarithms (log-space block laws, tilted recursion,
    trapezoid over the bump) against mpmath's quadrature at 30 digits, on a body whose float
    integral returns 0 for the proportional block (its value is 1e-16 of the others')."""
    import itertools

    from votepower.citizens.logintegral import log10_citizen_shapley_shubik

    mpmath.mp.dps = 30
    n = 2001
    block = Proportional("P", 4, n)
    blocs = [(3, 1001), (2, 777), (2, 501)]
    others = tuple(Bloc(c, w, v) for c, (w, v) in zip("ABC", blocs, strict=True))
    body = TwoTierBody("toy", (block, *others), 6)
    assert citizen_power(body)["P"].citizen_shapley_shubik < 1e-15
    thresholds = block._thresholds()

    def win(voters, t):
        m = voters // 2 + 1
        return mpmath.betainc(m, voters - m + 1, 0, t, regularized=True)

    def integrand(t):
        wins = [win(v, t) for _, v in blocs]
        law: dict[int, mpmath.mpf] = {}
        for combo in itertools.product([0, 1], repeat=3):
            p, y = mpmath.mpf(1), 0
            for (w, _), c, q in zip(blocs, combo, wins, strict=True):
                p *= q if c else 1 - q
                y += w if c else 0
            law[y] = law.get(y, 0) + p
        return sum(
            mpmath.binomial(n - 1, thresholds[x] - 1)
            * t ** (thresholds[x] - 1)
            * (1 - t) ** (n - thresholds[x])
            * law.get(6 - x, 0)
            for x in range(1, 5)
        )

    exact = mpmath.quad(integrand, [0, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 1])
    ours = log10_citizen_shapley_shubik(body, [0])[0]
    assert ours == pytest.approx(float(mpmath.log10(exact)), abs=1e-9)
    resolved = citizen_power(body)["P"]
    assert resolved.citizen_shapley_shubik == pytest.approx(float(exact), rel=1e-8)
    mpmath.mp.dps = 60


def test_proportional_electors_shapley_shubik_is_resolved():
    """Under proportional electors the 29 states below the floats' range get Shapley-Shubik
    values too (about 1e-22909 for Idaho): a finite ratio, never 0, "no power" or "inf"."""
    text = _run("compare", "--schemes", "ec-proportional")
    rows = [line for line in text.splitlines() if line.startswith("ec-proportional")]
    assert len(rows) == 2 and all("inf" not in row for row in rows)
    assert "e+22900" in rows[1] and "no power" not in text and "Not available" not in text


def test_empirical_probability_below_the_floats_against_mpmath():
    """national_sd 0: P(one vote decides) is a Gaussian density at the state's tie times the
    others' pivot mass, exact in logarithms; DC's is about 1e-1637. Checked: the density part
    at 60 digits (the pivot mass, a probability of order one, from the floats)."""
    from votepower.models.laws import UnitLaw
    from votepower.models.presidential import EmpiricalParameters, empirical_power
    from votepower.us.alternatives import build_scheme
    from votepower.us.union import federation

    params = EmpiricalParameters(national_sd=0.0, state_sd=0.005)
    body = build_scheme("ec-current", federation())
    result = empirical_power(body, params)
    dc = result["DC"]
    assert dc.p_decisive == 0.0 and -1700 < dc.log10_p_decisive < -1600
    # the density at DC's tie, by mpmath, against the float route's logarithm
    from votepower.models.presidential import _electorate

    electorate, _, _, _ = _electorate(body, params.resolved())
    unit = next(u for u in electorate.units if u.label == "DC")
    law = UnitLaw(unit, params.resolved().swing, np.zeros(1))
    tau = unit.thresholds()[0][0]
    swing = params.resolved().swing
    mean = mpmath.mpf(unit.base) + mpmath.mpf(swing.shift)
    z = (mpmath.mpf(float(tau)) - mean) / mpmath.mpf(0.005)
    exact = -z * z / 2 - mpmath.log(mpmath.mpf(0.005) * mpmath.sqrt(2 * mpmath.pi))
    assert float(law.log_density[0, 0]) == pytest.approx(float(exact), rel=1e-14)
    rows = json.loads(
        _run(
            "states",
            "--model",
            "empirical",
            "--national-sd",
            "0",
            "--state-sd",
            "0.005",
            "--format",
            "json",
        )  # fmt: skip
    )["states"]
    for row in rows:
        assert row["p_decisive"] is None or row["p_decisive"] > 0
        assert row["p_decisive_log10"] is not None and math.isfinite(row["p_decisive_log10"])
    text = _run("states", "--model", "empirical", "--national-sd", "0", "--state-sd", "0.005")
    assert "never" not in text and " inf " not in text and "0.000e+00" not in text


def _toy_reference(electorate, swing, j: int) -> float:
    """``log10 P(one voter in unit j decides)`` by mpmath at 30 digits: the others' law by a
    recursion over units (each interval's mass from the side where it is a tail), the integral
    over the national swing by mpmath's quadrature over where the integrand lives."""
    mpmath.mp.dps = 30
    sn, ss = mpmath.mpf(swing.national_sd), mpmath.mpf(swing.state_sd)
    units, total, quota = electorate.units, electorate.total, electorate.quota

    def law_of(unit, d):
        tau, steps = unit.thresholds()
        mean = mpmath.mpf(unit.base) + mpmath.mpf(swing.shift) + d
        z = [-mpmath.inf, *((mpmath.mpf(float(t)) - mean) / ss for t in tau), mpmath.inf]
        cumulative = [0, *np.cumsum(steps).tolist()]
        out = []
        for x in range(len(tau) + 1):
            lo, hi = z[x], z[x + 1]
            if lo >= 0:  # from the side where the interval is a tail
                mass = mpmath.ncdf(-lo) - mpmath.ncdf(-hi)
            else:
                mass = mpmath.ncdf(hi) - mpmath.ncdf(lo)
            out.append((int(cumulative[x]), mass))
        return out

    unit = units[j]
    tau, steps = unit.thresholds()
    cumulative = np.cumsum(steps).tolist()

    def integrand(d):
        law = {0: mpmath.mpf(1)}
        for i, other in enumerate(units):
            if i != j:
                new: dict[int, mpmath.mpf] = {}
                for s, p in law.items():
                    for c, q in law_of(other, d):
                        new[s + c] = new.get(s + c, 0) + p * q
                law = new
        out = mpmath.mpf(0)
        for x, t in enumerate(tau):
            w, c = int(steps[x]), int(cumulative[x])
            up = sum(law.get(s, 0) for s in range(quota - c, quota - c + w))
            low = total - quota - c + 1
            down = sum(law.get(s, 0) for s in range(low, low + w))
            z = (mpmath.mpf(float(t)) - mpmath.mpf(unit.base) - mpmath.mpf(swing.shift) - d) / ss
            out += mpmath.npdf(z) / ss * (up + down) / 2
        return mpmath.npdf(d / sn) / sn * out / unit.turnout

    grid = mpmath.linspace(-0.6, 0.3, 181)
    logs = [mpmath.log(v) if v > 0 else -mpmath.inf for v in map(integrand, grid)]
    live = [k for k, v in enumerate(logs) if v > max(logs) - 80]
    a, b = grid[max(live[0] - 1, 0)], grid[min(live[-1] + 1, len(grid) - 1)]
    value = float(mpmath.log10(mpmath.quad(integrand, mpmath.linspace(a, b, 21))))
    mpmath.mp.dps = 60
    return value


def test_empirical_national_swing_below_the_floats_against_mpmath():
    """national_sd > 0: a unit whose value lies below the floats' range is integrated in
    logarithms (tilted recursion, log-domain trapezoid); against mpmath at 30 digits, for a
    winner-take-all unit near 1e-2261 and a proportional one near 1e-535, and the float
    route's unit in range as a control."""
    from votepower.models.electorate import Electorate, Swing, Unit
    from votepower.models.empirical import decisiveness

    units = (
        Unit("A", 3, 0.55, 20_000),
        Unit("B", 3, 0.45, 20_000),
        Unit("C", 1, 0.5, 10_000),
        Unit("X", 2, 0.985, 10_000),
        Unit("P", 2, 0.01, 10_000, True),
    )
    electorate, swing = Electorate("toy", units, 6), Swing(0.0, 0.004, 0.004)
    result = decisiveness(electorate, swing)
    assert result.log_p_decisive is not None
    assert result.p_decisive[3] == 0.0 and result.p_decisive[4] == 0.0
    for j in (3, 4):
        ours = result.log_p_decisive[j] / math.log(10.0)
        assert ours == pytest.approx(_toy_reference(electorate, swing, j), rel=1e-11)
        assert result.errors[j] <= 1e-8
    assert math.log10(result.p_decisive[0]) == pytest.approx(
        _toy_reference(electorate, swing, 0), rel=1e-10
    )


def test_empirical_log_route_agrees_with_the_float_route_in_range():
    """For the 2020 College at national_sd 0.01, state_sd 0.005 the log-domain integral of
    states within the floats' range gives their float values (to 1e-10 of the logarithm)."""
    from votepower.models.empirical import decisiveness
    from votepower.models.logempirical import log_p_decisive
    from votepower.models.presidential import EmpiricalParameters, _electorate
    from votepower.us.schemes import electoral_college

    params = EmpiricalParameters(national_sd=0.01, state_sd=0.005).resolved()
    electorate, _, _, _ = _electorate(electoral_college(2020), params)
    labels = [u.label for u in electorate.units]
    wanted = [labels.index(code) for code in ("PA", "CA", "ID", "DC")]
    logs = log_p_decisive(electorate, params.swing, wanted)
    floats = decisiveness(electorate, params.swing)
    for j in wanted[:3]:
        assert logs[j][0] == pytest.approx(math.log(floats.p_decisive[j]), rel=1e-10)
    assert floats.log_p_decisive is not None
    assert floats.log_p_decisive[wanted[3]] == logs[wanted[3]][0]
    assert -1400 < logs[wanted[3]][0] / math.log(10.0) < -1380


def test_empirical_national_swing_never_unresolved_in_output():
    """``states --model empirical`` with a national swing: DC, WY and WV lie below 1e-280 and
    are printed as numbers (about 1e-1393 for DC), in JSON as finite logarithms."""
    args = ("states", "--model", "empirical", "--national-sd", "0.01", "--state-sd", "0.005")
    text = _run(*args)
    assert "<1e-280" not in text and "1.287e-1393" in text
    rows = json.loads(_run(*args, "--format", "json"))["states"]
    for row in rows:
        assert row["p_decisive_log10"] is not None and math.isfinite(row["p_decisive_log10"])
        assert row["one_in_log10"] is not None


def test_empirical_log_route_past_its_work_bound_is_not_resolved(monkeypatch):
    """Past the log-domain integral's work bound a value below the range is NaN (printed
    ``<1e-280``), never 0, and a comparison that needs it refuses with the reason."""
    from votepower.core.errors import AccuracyError
    from votepower.models import logempirical
    from votepower.models.presidential import EmpiricalParameters, empirical_power
    from votepower.request.empirical import summarize_empirical
    from votepower.us.schemes import electoral_college

    monkeypatch.setattr(logempirical, "MAX_NODES", 10)
    result = empirical_power(
        electoral_college(2020), EmpiricalParameters(national_sd=0.01, state_sd=0.005)
    )
    dc = result["DC"]
    assert dc.p_decisive == 0.0 and math.isnan(dc.log10)
    row = next(r for r in result.rows() if r["state"] == "DC")
    assert row["p_decisive"] is None and row["p_decisive_log10"] is None
    with pytest.raises(AccuracyError, match="work bound"):
        summarize_empirical(result)
