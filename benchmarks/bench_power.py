"""Benchmarks of the power-index algorithms (not part of the test suite).

    python benchmarks/bench_power.py            # the standard set, about two minutes
    python benchmarks/bench_power.py --quick    # skip the slowest cases
    python benchmarks/bench_power.py --full     # also the plain SS DP at n = 1000 (~4 min)

Times are the best of several runs (wall clock, one process) and print as a Markdown table
ready for the README. Accuracy columns compare the float paths with the exact integer counts
where those are affordable.
"""

from __future__ import annotations

import argparse
import csv
import math
import platform
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

import numpy as np

from votepower import WeightedGame, banzhaf, shapley_shubik

ROOT = Path(__file__).resolve().parent.parent


def best_of(
    fn: Callable[[], object], *, budget: float = 2.0, max_runs: int = 50
) -> tuple[float, object]:
    """Best wall-clock time of repeated runs within a time budget (at least one run)."""
    best = math.inf
    result = None
    spent = 0.0
    runs = 0
    while runs < max_runs and (runs < 3 or spent < budget):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = min(best, elapsed)
        spent += elapsed
        runs += 1
        if elapsed > budget:
            break
    return best, result


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds:.2f} s"


def electoral_college() -> WeightedGame:
    with open(ROOT / "examples" / "electoral_college_2024.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return WeightedGame(
        [int(r["electoral_votes"]) for r in rows], 270, labels=[r["state"] for r in rows]
    )


def max_relative_error(values, exact) -> float:
    worst = 0.0
    for v, x in zip(values, exact, strict=True):
        if x:
            worst = max(worst, abs(v - float(x)) / float(x))
        elif v:
            worst = math.inf
    return worst


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the slowest cases")
    parser.add_argument("--full", action="store_true", help="include the plain SS DP at n = 1000")
    args = parser.parse_args()

    ec = electoral_college()
    g200 = WeightedGame([(i % 100) + 1 for i in range(200)])
    g1000 = WeightedGame(list(range(1, 1001)))
    print(
        f"machine: {platform.machine()}, Python {platform.python_version()}, "
        f"numpy {np.__version__}\n"
    )

    rows: list[tuple[str, str, str, str, str]] = []

    def add(game_name, what, seconds, accuracy=""):
        rows.append((game_name, what, fmt_time(seconds), accuracy, ""))
        print(f"  {game_name:<28} {what:<44} {fmt_time(seconds):>10}  {accuracy}", flush=True)

    cases = [("Electoral College 2024 (n=51, W=538)", ec), ("200 players, weights 1..100", g200)]
    if not args.quick:
        cases.append(("1000 players, weights 1..1000", g1000))
    for name, game in cases:
        big = game.n >= 1000
        t_exact_bz, exact_bz = best_of(
            lambda g=game: banzhaf(g, exact=True), budget=1 if big else 2
        )
        t_float_bz, float_bz = best_of(lambda g=game: banzhaf(g))
        add(
            name,
            "Banzhaf, float (generating function)",
            t_float_bz,
            f"max rel. error {max_relative_error(float_bz.absolute, exact_bz.absolute):.1e}",
        )
        add(name, "Banzhaf, exact integers", t_exact_bz)
        if not big:
            t_exact_ss, exact_ss = best_of(lambda g=game: shapley_shubik(g, exact=True), budget=1)
            t_float_ss, float_ss = best_of(lambda g=game: shapley_shubik(g))
            add(
                name,
                "Shapley-Shubik, float (generating function)",
                t_float_ss,
                f"max rel. error {max_relative_error(float_ss.values, exact_ss.values):.1e}",
            )
            add(name, "Shapley-Shubik, exact fractions", t_exact_ss)
            t_ml, ml = best_of(lambda g=game: shapley_shubik(g, method="multilinear"), budget=1)
            add(
                name,
                "Shapley-Shubik, multilinear quadrature",
                t_ml,
                f"max rel. error {max_relative_error(ml.values, exact_ss.values):.1e}",
            )
        else:
            t_ml, ml = best_of(lambda g=game: shapley_shubik(g, method="multilinear"), max_runs=1)
            worst = max(e / v for e, v in zip(ml.error_estimates, ml.values, strict=True))
            add(
                name,
                "Shapley-Shubik, multilinear quadrature",
                t_ml,
                f"estimated rel. error <= {worst:.1e}; sum - 1 = {sum(ml.values) - 1:.1e}",
            )
            if args.full:
                t_dp, dp = best_of(lambda g=game: shapley_shubik(g), max_runs=1)
                add(
                    name,
                    "Shapley-Shubik, float DP (plain)",
                    t_dp,
                    "multilinear vs DP: "
                    f"{max_relative_error(ml.values, [Fraction(v) for v in dp.values]):.1e}",
                )

    print("\nGrowth with n (weights cycling 1..100, majority quota), float paths:")
    growth = []
    for n in (50, 100, 200, 400, 800):
        game = WeightedGame([(i % 100) + 1 for i in range(n)])
        t_bz, _ = best_of(lambda g=game: banzhaf(g), budget=1)
        t_ss, _ = (
            best_of(lambda g=game: shapley_shubik(g), budget=1, max_runs=3)
            if n <= 400
            else (math.nan, None)
        )
        growth.append((n, game.integer_total, t_bz, t_ss))
        print(
            f"  n={n:<5} W={game.integer_total:<7} Banzhaf {fmt_time(t_bz):>10}   Shapley-Shubik "
            f"{fmt_time(t_ss) if t_ss == t_ss else 'skipped':>10}",
            flush=True,
        )
    print("\nGrowth with W (n = 100, weights spread evenly over 1..m), float paths:")
    for m in (10, 100, 1000, 10000):
        game = WeightedGame([1 + (i * (m - 1)) // 99 for i in range(100)])
        t_bz, _ = best_of(lambda g=game: banzhaf(g), budget=1)
        t_ss, _ = (
            best_of(lambda g=game: shapley_shubik(g), budget=1, max_runs=3)
            if m <= 1000
            else (math.nan, None)
        )
        print(
            f"  W={game.integer_total:<8} Banzhaf {fmt_time(t_bz):>10}   Shapley-Shubik "
            f"{fmt_time(t_ss) if t_ss == t_ss else 'skipped':>10}",
            flush=True,
        )

    print("\n| game | computation | time | accuracy |\n|---|---|---:|---|")
    for game_name, what, t, acc, _ in rows:
        print(f"| {game_name} | {what} | {t} | {acc} |")


if __name__ == "__main__":
    main()
