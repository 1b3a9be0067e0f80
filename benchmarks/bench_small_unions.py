"""Small unions against the whole union: CPU time of every default scheme (both indices) for
seeded random unions of 2 to 10 states, over the same scheme for all 50 states and DC.

    python benchmarks/bench_small_unions.py [UNIONS]

Target (issue 23): no scheme in any union of up to ten states slower than the same scheme for
the whole union. Prints the slowest ratios (a whole-union time below 0.05 s counts as 0.05 s,
so that start-up noise does not make ratios of tiny times) and the how-to's example
``--states CA,OR,WA``.
"""

from __future__ import annotations

import random
import sys
import time

from votepower.request.compare import _one
from votepower.us.alternatives import DEFAULT_SCHEMES, federation

INDICES = ("banzhaf", "shapley-shubik")


def cpu(scheme: str, fed) -> float:
    start = time.process_time()
    _one(scheme, fed, INDICES)
    return time.process_time() - start


def main() -> None:
    unions = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    rng = random.Random(0)
    whole = federation(2020)
    full = {s: cpu(s, whole) for s in DEFAULT_SCHEMES}
    codes = list(whole.people)
    rows = []
    for _ in range(unions):
        members = tuple(rng.sample(codes, rng.randint(2, 10)))
        fed = federation(2020, states=members)
        for scheme in DEFAULT_SCHEMES:
            seconds = cpu(scheme, fed)
            rows.append((seconds / max(full[scheme], 0.05), seconds, scheme, members))
    rows.sort(reverse=True)
    print(f"{unions} unions x {len(DEFAULT_SCHEMES)} schemes; slowest against the whole union:")
    print("| ratio | CPU s | scheme | union |\n|---:|---:|---|---|")
    for ratio, seconds, scheme, members in rows[:8]:
        print(f"| {ratio:.2f} | {seconds:.2f} | {scheme} | {','.join(members)} |")
    fed = federation(2020, states=("CA", "OR", "WA"))
    total = sum(cpu(s, fed) for s in DEFAULT_SCHEMES)
    print(f"--states CA,OR,WA, every default scheme: {total:.2f} s CPU")


if __name__ == "__main__":
    main()
