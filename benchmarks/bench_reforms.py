"""The reform search's speed (issue 26's targets, on the project's 2-core machine).

    python benchmarks/bench_reforms.py

1. Every House size 435-1,500 x the six apportionment methods, the Electoral College under
   Banzhaf, the max/min ratio (target: 20 s): 6,396 reforms.
2. Every set of up to 3 states switching to the district method, the 2020 College (target:
   60 s): 18,473 reforms.
3. The Senate: equal, population and square-root seats for 100..150 seats in all, with and
   without DC statehood (no target).
4. The House: every size 400..500 x six methods, the Gini (no target; every House takes the
   general evaluation, its districts not being blocs).

Each is run once in this process (wall and CPU seconds); the searches are deterministic, so
the answer does not depend on the time taken.
"""

from __future__ import annotations

import time

from votepower.request.evaluate import evaluate
from votepower.request.model import Request

CASES = {
    "House sizes 435..1500 x 6 methods": {
        "house_sizes": "435..1500",
        "methods": "huntington-hill,webster,hamilton,jefferson,adams,dean",
        "objective": "ratio",
    },
    "sets of up to 3 states switching to district": {
        "switch": "district:3",
        "cost": "states",
        "objective": "gini",
    },
    "Senate seats x sizes 100..150 x DC": {
        "body": "senate",
        "senate_seats": "equal,population,square-root",
        "senate_sizes": "100..150",
        "statehood": "none,dc",
    },
    "House sizes 400..500 x 6 methods (House)": {
        "body": "house",
        "house_sizes": "400..500",
        "methods": "huntington-hill,webster,hamilton,jefferson,adams,dean",
        "objective": "gini",
    },
}


def main() -> None:
    for label, options in CASES.items():
        request = Request("reforms", index="banzhaf", options=options)
        wall, cpu = time.perf_counter(), time.process_time()
        search = evaluate(request).search
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"{label}: {len(search.evaluated):,} reforms in {wall:.1f} s ({cpu:.1f} s CPU)")
        print(f"  frontier of {len(search.frontier)}; {search.method}")


if __name__ == "__main__":
    main()
