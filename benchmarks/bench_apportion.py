"""Benchmark of apportionment: 50 states of the 2020 census, 435 and 10,000 seats, every method.

    python benchmarks/bench_apportion.py

Best wall-clock time of repeated runs, printed as a Markdown table for the README. The time
includes the last-seat margins (for Hamilton, found by bisection on exact recomputations).
"""

from __future__ import annotations

import time

from votepower.us import datasets
from votepower.us.apportion import APPORTIONMENT_METHODS, apportion


def best_of(fn, runs: int = 20) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    pops = {r.code: r.population for r in datasets.apportionment_census(2020)}
    sizes = (435, 10_000)
    print("| method | " + " | ".join(f"{n:,} seats" for n in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    for spec in APPORTIONMENT_METHODS:
        times = [
            best_of(lambda n=n, m=spec.id: apportion(pops, n, method=m, ties="report"))
            for n in sizes
        ]
        print(f"| {spec.id} | " + " | ".join(f"{t * 1e3:.1f} ms" for t in times) + " |")


if __name__ == "__main__":
    main()
