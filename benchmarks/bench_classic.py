"""The classic indices and the multi-criteria reference games (issue 15's targets).

    python benchmarks/bench_classic.py

For each reference game, every index exact, each in a fresh process state (the win table is
rebuilt for each index: ``win_table.cache_clear()``), then all indices of one game in a row (one
table, as ``votepower game --index all`` computes them), and the command line itself, start-up
included. Best of three; a Markdown table for the README.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import time

from votepower.core.registry import INDICES
from votepower.games.power.classic import power_index, win_table
from votepower.games.reference import reference_game

GAMES = ["eu27-nice", "eu27-lisbon", "canada-7-50", "canada-victoria", "unsc"]


def best(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    ids = [spec.id for spec in INDICES]
    print("| game | " + " | ".join(ids) + " | all (one table) | CLI --index all |")
    print("|---|" + "---:|" * (len(ids) + 2))
    exe = shutil.which("votepower")
    for name in GAMES:
        game = reference_game(name)

        def one(index: str, game=game) -> None:
            win_table.cache_clear()
            power_index(game, index, exact=True)

        def every(game=game) -> None:
            win_table.cache_clear()
            for index in ids:
                power_index(game, index, exact=True)

        cells = [_fmt(best(lambda i=i: one(i))) for i in ids]
        cells.append(_fmt(best(every)))
        if exe is not None:
            command = [exe, "game", "--example", name, "--index", "all", "--exact"]
            times = []
            for _ in range(3):
                start = time.perf_counter()
                subprocess.run(command, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
            cells.append(f"{_fmt(min(times))} (median {_fmt(statistics.median(times))})")
        else:
            cells.append("n/a")
        print(f"| {name} | " + " | ".join(cells) + " |")


def _fmt(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


if __name__ == "__main__":
    main()
