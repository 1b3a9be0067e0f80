"""Benchmarks of the empirical voter model (not part of the test suite).

    python benchmarks/bench_empirical.py [SCHEME ...]

Per Electoral College scheme (2020 census, base election 2024, default parameters): the time of
the per-voter probabilities and tipping points (one swing integral, shared nodes), of the
inversion probability and of the whole ``empirical_power`` call, best of three runs in one
process; then (when no schemes are named) ``votepower compare --model empirical`` over every
supported scheme as a fresh process (start-up included), best and median of five runs.
"""

from __future__ import annotations

import subprocess
import sys
import time

from votepower.core.errors import VotepowerError
from votepower.models.empirical import decisiveness
from votepower.models.outcomes import inversion_probability
from votepower.models.presidential import (
    INVERSION_POINTS,
    INVERSION_REPLICATES,
    EmpiricalParameters,
    _electorate,
    empirical_power,
)
from votepower.us.alternatives import SCHEMES, build_scheme, federation


def best(fn, runs: int = 3) -> tuple[float, object]:
    times, out = [], None
    for _ in range(runs):
        start = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - start)
    return min(times), out


def main() -> None:
    fed = federation(2020)
    params = EmpiricalParameters().resolved()
    swing = params.swing
    print("| scheme | units | electoral votes | nodes | P(decisive) + tipping | inversion | all |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    only = set(sys.argv[1:])
    for spec in SCHEMES:
        if only and spec.id not in only:
            continue
        if spec.body != "electoral-college":
            continue
        try:
            body = build_scheme(spec.id, fed)
            electorate, _, popular, _ = _electorate(body, params)
        except VotepowerError as exc:
            print(f"| {spec.id} | not available: {exc} |")
            continue
        t_dec, result = best(lambda e=electorate: decisiveness(e, swing, tipping=True))
        t_inv, _ = best(
            lambda e=electorate, p=popular: inversion_probability(
                e, swing, p, points=INVERSION_POINTS, replicates=INVERSION_REPLICATES
            )
        )
        t_all, _ = best(lambda b=body: empirical_power(b, params))
        print(
            f"| {spec.id} | {len(electorate.units)} | {electorate.total} | {result.nodes} "
            f"| {t_dec * 1e3:.0f} ms | {t_inv * 1e3:.0f} ms "
            f"| {t_all * 1e3:.0f} ms |",
            flush=True,
        )
    if only:
        return
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "votepower", "compare", "--model", "empirical"],
            check=True,
            capture_output=True,
        )
        runs.append(time.perf_counter() - start)
    runs.sort()
    print(
        f"\nvotepower compare --model empirical: best {runs[0]:.2f} s, "
        f"median {runs[2]:.2f} s (five runs)"
    )


if __name__ == "__main__":
    main()
