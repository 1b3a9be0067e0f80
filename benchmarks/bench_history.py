"""Wall-clock time of ``votepower history`` (issue 14's targets), start-up included.

    python benchmarks/bench_history.py

Runs the installed console script in a pipe, best and median of three: the Electoral College
and the Senate over 1910-2020 (target 2 s), the default schemes over 1960-2020 (target 10 s)
and the empirical model over 1976-2024 for the current College and the popular vote.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time

RUNS = [
    ("history --schemes ec-current,senate-current", []),
    ("history --censuses 1960-2020", []),
    ("history --model empirical --schemes ec-current,national-popular-vote", []),
]


def main() -> None:
    exe = shutil.which("votepower")
    if exe is None:
        raise SystemExit("install votepower first (pip install .)")
    for command, _ in RUNS:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([exe, *command.split()], check=True, capture_output=True)
            times.append(time.perf_counter() - start)
        print(
            f"votepower {command}: best {min(times):.2f} s, median {statistics.median(times):.2f} s"
        )


if __name__ == "__main__":
    main()
