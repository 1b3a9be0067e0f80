"""``votepower design`` (issue 16's targets): the best design and its time, for the fifty states
and DC and for the states Harris carried in 2024, at a total weight of 50,000 and of 538.

    python benchmarks/bench_design.py

The search is deterministic in its work budget, so every run finds the same design; the time is
the best of two runs. Also the least max/min that rounding allows at each bound (the narrowest
band of the sixteen smallest members' rounding errors).
"""

from __future__ import annotations

import time

from votepower.us import datasets
from votepower.us.alternatives import federation
from votepower.us.design import design, rounding_floor


def main() -> None:
    unions = {
        "50 states + DC": federation(2020),
        "Harris 2024 states": federation(2020, states=tuple(datasets.states_won_by("D", 2024))),
    }
    print("| union | members | bound | square-root baseline | design | rounding allows | "
          "total, quota | stopped | time |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---|---|---:|")
    for name, fed in unions.items():
        for bound in (50_000, 538):
            times = []
            for _ in range(2):
                start = time.perf_counter()
                d = design(dict(fed.people), bound)
                times.append(time.perf_counter() - start)
            width = rounding_floor(d)[0]
            print(
                f"| {name} | {len(d.members)} | {bound:,} | {d.baseline.ratio:.5f} | "
                f"{d.ratio:.5f} | {1 + width:.5f} | {d.total_weight:,}, {d.quota:,} | "
                f"{d.stopped} | {min(times):.1f} s |"
            )


if __name__ == "__main__":
    main()
