"""Benchmark of per-citizen power for the US bodies of the 2020 census (resident population).

    python benchmarks/bench_citizens.py

One run per body (wall clock, including building the body from the packaged data): Banzhaf
only, and Banzhaf with Shapley-Shubik; plus the Shapley-Shubik total over all citizens (1 in
theory) and the quadrature's error estimate. Printed as a Markdown table for the README.
"""

from __future__ import annotations

import time

from votepower.citizens import citizen_power
from votepower.us.schemes import build_body

CASES = [
    ("Electoral College, ME/NE split", "electoral-college", {}),
    ("Electoral College, all winner-take-all", "electoral-college", {"split_states": False}),
    ("Senate, bloc, majority", "senate", {}),
    (
        "Senate, independent seats, VP tie-break",
        "senate",
        {"senate_model": "independent", "vp_tiebreak": True},
    ),
    ("Senate, cloture (60)", "senate", {"cloture": True}),
    ("House, 435 districts", "house", {}),
]


def main() -> None:
    print("| body | Banzhaf | Banzhaf + Shapley-Shubik | SS total - 1 | error estimate |")
    print("|---|---:|---:|---:|---:|")
    for name, body, options in CASES:
        start = time.perf_counter()
        citizen_power(build_body(body, 2020, **options), shapley_shubik_values=False)
        t_bz = time.perf_counter() - start
        start = time.perf_counter()
        result = citizen_power(build_body(body, 2020, **options))
        t_all = time.perf_counter() - start
        print(
            f"| {name} | {t_bz * 1e3:.0f} ms | {t_all:.2f} s | "
            f"{result.shapley_shubik_total - 1:.1e} | {result.quadrature_error:.1e} |"
        )


if __name__ == "__main__":
    main()
