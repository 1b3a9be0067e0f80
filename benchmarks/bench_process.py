"""Benchmark of the built-in processes (2020 census): members' indices by office and every
state's citizens' power, Banzhaf only and with Shapley-Shubik.

    python benchmarks/bench_process.py
"""

from __future__ import annotations

import time

from votepower.us.alternatives import federation
from votepower.us.process import build_process, process_power

CASES = [
    ("lawmaking", {}),
    ("lawmaking --vp-tiebreak", {"vp_tiebreak": True}),
    ("lawmaking --filibuster", {"filibuster": True}),
    ("amendment", {}),
]


def main() -> None:
    fed = federation(2020)
    print("| process | Banzhaf | Banzhaf + Shapley-Shubik | citizens' SS total - 1 |")
    print("|---|---:|---:|---:|")
    for name, options in CASES:
        kind = name.split()[0]
        start = time.perf_counter()
        process_power(build_process(kind, fed, **options), shapley_shubik_values=False)
        t_bz = time.perf_counter() - start
        start = time.perf_counter()
        result = process_power(build_process(kind, fed, **options))
        t_all = time.perf_counter() - start
        print(f"| {name} | {t_bz:.2f} s | {t_all:.2f} s | {result.shapley_shubik_total - 1:.1e} |")


if __name__ == "__main__":
    main()
