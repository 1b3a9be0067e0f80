"""Wall-clock time of the default `votepower compare` (all built-in schemes, 2020 census).

    python benchmarks/bench_compare.py

Runs the installed console script five times in a pipe (no progress bar) and prints the best and
the median, start-up included (target: 3 s on the project's 2-core machine); then the same with
``--plot`` to a PNG (the heat map of all schemes; target: at most 1.5 s more).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path


def main() -> None:
    exe = shutil.which("votepower")
    if exe is None:
        raise SystemExit("install votepower first (pip install .)")
    with tempfile.TemporaryDirectory() as tmp:
        picture = str(Path(tmp) / "compare.png")
        for label, extra in (("", []), (" --plot compare.png", ["--plot", picture])):
            times = []
            for _ in range(5):
                start = time.perf_counter()
                subprocess.run([exe, "compare", *extra], check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            print(
                f"votepower compare{label}: best {min(times):.2f} s, "
                f"median {statistics.median(times):.2f} s"
            )


if __name__ == "__main__":
    main()
