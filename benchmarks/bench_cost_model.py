"""Calibration of the cost model that guards the dynamic programmes (not part of the tests).

    python benchmarks/bench_cost_model.py                # the whole grid, about 15 minutes
    python benchmarks/bench_cost_model.py --grid quick   # the smaller cases, about 3 minutes
    python benchmarks/bench_cost_model.py --grid large   # the larger cases only

Every case runs in a fresh process through the public API (``banzhaf`` / ``shapley_shubik``
with the path forced by ``exact``, ``counts`` and ``method``, the limits lifted), so the peak
resident memory (growth of the child's ``ru_maxrss`` during the call) and the wall time include
everything the call does: the table, its prefix sums, the temporaries, the checks after it.
Each row prints the cost model's estimate beside the measurement and their ratio (estimate /
measured). The guard is sound on this machine when every ratio is at least 1; the constants in
``votepower.games.power.generating.cost_estimate`` are set from this table with a margin.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys

import numpy as np

from votepower.games.power.generating import cost_estimate

CHILD = r"""
import resource, sys, time
import numpy as np
from votepower import WeightedGame, banzhaf, shapley_shubik
from votepower.games.power.indices import Limits
n, m, seed, index, exact, method = sys.argv[1:7]
rng = np.random.default_rng(int(seed))
weights = [int(x) for x in rng.integers(1, int(m) + 1, size=int(n))]
game = WeightedGame(weights)
fn = banzhaf if index == "banzhaf" else shapley_shubik
limits = Limits(max_bytes=2**62, max_seconds=1e12)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
fn(game, method=method, exact=exact == "exact", counts=False, limits=limits)
seconds = time.perf_counter() - start
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, 1024 * (after - before))
"""

# (index, arithmetic, method, [(n, largest weight), ...]): weights uniform in 1..m
QUICK = [
    ("banzhaf", "float", "generating-function", [(200, 20_000), (400, 100_000), (238, 400_000)]),
    ("banzhaf", "exact", "generating-function", [(100, 2_000), (200, 5_000), (238, 10_000)]),
    ("shapley-shubik", "float", "generating-function", [(100, 500), (200, 500), (238, 1_000)]),
    ("shapley-shubik", "exact", "generating-function", [(60, 50), (100, 60), (150, 40)]),
    ("banzhaf", "float", "multilinear", [(500, 20_000), (1_000, 20_000)]),
    ("shapley-shubik", "float", "multilinear", [(200, 5_000), (1_000, 5_000)]),
]
FULL = [
    ("banzhaf", "float", "generating-function", [(1_000, 50_000)]),
    ("banzhaf", "exact", "generating-function", [(400, 20_000), (1_000, 500)]),
    ("shapley-shubik", "float", "generating-function", [(300, 2_000), (238, 4_000)]),
    ("shapley-shubik", "exact", "generating-function", [(200, 100)]),
    ("banzhaf", "float", "multilinear", [(2_000, 50_000)]),
    ("shapley-shubik", "float", "multilinear", [(2_000, 5_000)]),
]


def measure(n: int, m: int, index: str, arithmetic: str, method: str) -> tuple[float, int]:
    """Wall seconds of the call and the growth of the child's peak resident memory (bytes)."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(n), str(m), "1", index, arithmetic, method],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--grid", choices=["quick", "full", "large"], default="full", help="which cases to run"
    )
    args = parser.parse_args()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}"
    )
    print()
    grid = {}
    tables = {"quick": (QUICK,), "full": (QUICK, FULL), "large": (FULL,)}[args.grid]
    for table in tables:
        for index, arithmetic, method, sizes in table:
            grid.setdefault((index, arithmetic, method), []).extend(sizes)
    print(
        "| index | arithmetic | method | n | W | estimate | measured | ratio (time) "
        "| estimate | measured | ratio (memory) |\n|---|---|---|---:|---:|---:|---:|---:"
        "|---:|---:|---:|"
    )
    worst_time = worst_memory = float("inf")
    for (index, arithmetic, method), sizes in grid.items():
        for n, m in sorted(sizes, key=lambda s: s[0] * s[1]):
            rng = np.random.default_rng(1)
            total = int(rng.integers(1, m + 1, size=n).sum())
            quota = total // 2 + 1
            est_bytes, est_seconds = cost_estimate(
                n, total, quota, index=index, exact=arithmetic == "exact", method=method
            )
            seconds, used = measure(n, m, index, arithmetic, method)
            used = max(used, 1)
            r_time = est_seconds / seconds
            r_mem = est_bytes / used
            worst_time = min(worst_time, r_time)
            worst_memory = min(worst_memory, r_mem) if used > 2**26 else worst_memory
            print(
                f"| {index} | {arithmetic} | {method} | {n} | {total} | {est_seconds:.2f} s "
                f"| {seconds:.2f} s | {r_time:.2f} | {est_bytes / 2**20:.0f} MiB "
                f"| {used / 2**20:.0f} MiB | {r_mem:.2f} |",
                flush=True,
            )
    print(
        f"\nsmallest ratio estimate / measured: time {worst_time:.2f}, memory {worst_memory:.2f} "
        "(memory over cases using more than 64 MiB)"
    )


if __name__ == "__main__":
    main()
