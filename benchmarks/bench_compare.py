"""Wall-clock and CPU time of the default `votepower compare` (all built-in schemes, 2020 census).

    python benchmarks/bench_compare.py

Runs the installed console script five times in a pipe (no progress bar) and prints the best and
the median, start-up included (target: 1.5 s on the project's 2-core machine): as a user runs
it (the built-in question is answered from the store of precomputed answers), with
``--recompute`` (the engine computing every figure, on two processes), and with ``--plot`` to a
PNG (the heat map of all schemes). Then the CPU time of the whole process (children included)
of both against a bare ``python -c "import numpy, scipy, click, tabulate"`` in the same run,
interleaved, as a ratio (median of five; target: 3 times): a figure that a busy machine
changes far less than wall-clock seconds.
"""

from __future__ import annotations

import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _cpu(command: list[str]) -> float:
    """CPU seconds (user + system) of ``command`` and its children."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, capture_output=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    exe = shutil.which("votepower")
    if exe is None:
        raise SystemExit("install votepower first (pip install .)")
    with tempfile.TemporaryDirectory() as tmp:
        picture = str(Path(tmp) / "compare.png")
        for label, extra in (
            ("", []),
            (" --recompute", ["--recompute"]),
            (" --plot compare.png", ["--plot", picture]),
        ):
            times = []
            for _ in range(5):
                start = time.perf_counter()
                subprocess.run([exe, "compare", *extra], check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            print(
                f"votepower compare{label}: best {min(times):.2f} s, "
                f"median {statistics.median(times):.2f} s"
            )
    bare = [sys.executable, "-c", "import numpy, scipy, click, tabulate"]
    for label, extra in (("", []), (" --recompute", ["--recompute"])):
        pairs = [(_cpu([exe, "compare", *extra]), _cpu(bare)) for _ in range(5)]
        ours = statistics.median(p[0] for p in pairs)
        base = statistics.median(p[1] for p in pairs)
        print(
            f"CPU: votepower compare{label} {ours:.2f} s, bare import {base:.2f} s: "
            f"{ours / base:.1f} x the bare import (median of five, interleaved)"
        )


if __name__ == "__main__":
    main()
