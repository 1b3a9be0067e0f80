"""Rebuild votepower's store of precomputed answers (src/votepower/data/precomputed/).

    python tools/build_store.py

Computes every built-in scheme for the whole union of the 2020 census (resident population;
the a-priori model, both indices) with the installed engine and writes them with the engine's
digest. Run it after any change to the engine: the test suite fails while the store is stale
(tests/test_store.py), and a stale store is never used.
"""

from __future__ import annotations

import time

from votepower.request.compare import scheme_power
from votepower.us.alternatives import SCHEMES
from votepower.us.store import STORE_PATH, write_store
from votepower.us.union import federation

#: the built-in questions: (census, population basis)
QUESTIONS = ((2020, "resident"),)


def main() -> None:
    started = time.perf_counter()
    results = []
    for census, basis in QUESTIONS:
        fed = federation(census, population=basis)
        for spec in SCHEMES:
            if spec.national:
                continue
            results.append((spec.id, fed, scheme_power(spec.id, fed, recompute=True)))
    write_store(results)
    print(f"{len(results)} answers in {STORE_PATH} ({time.perf_counter() - started:.1f} s)")


if __name__ == "__main__":
    main()
