"""Side-by-side comparison of schemes: per-citizen power summaries for each.

Pure: builds each scheme's body, computes per-citizen power, summarizes. Rendering is in
:mod:`votepower.ui.io`.
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from typing import Any, TypeVar

from ..citizens import (
    BlockPower,
    CitizenPowerResult,
    Summary,
    citizen_index,
    citizen_power,
    decisive_probability,
    summarize,
)
from ..core.errors import AccuracyError, VotepowerError
from ..core.tables import Tabular
from ..us import store
from ..us.alternatives import SCHEMES, Federation, build_scheme

__all__ = [
    "SchemeResult",
    "Comparison",
    "comparison_rows",
    "scheme_power",
    "compare",
    "run_schemes",
    "scenario_result",
]

T = TypeVar("T")


@dataclass(frozen=True, repr=False)
class SchemeResult(Tabular):
    """One scheme's per-citizen power and its summaries by index (as a table: one row per
    index, the keys of ``votepower compare``'s JSON)."""

    scheme: str
    description: str
    result: CitizenPowerResult | None
    summaries: dict[str, Summary]
    error: str | None = None
    """Why the scheme could not be computed for this union (e.g. missing data), if it could not."""
    unavailable: tuple[tuple[str, str], ...] = ()
    """``(index, reason)`` for an index this scheme cannot have (the others are computed)."""
    accuracy: str | None = None
    """How the figures were obtained when they are estimates (a rule chamber's sampling)."""

    def _records(self) -> list[dict[str, Any]]:
        return comparison_rows([self], tuple(self.summaries))

    def _describe(self) -> str:
        if self.error is not None:
            return f"{self.scheme}: not available ({self.error})"
        assert self.result is not None
        return f"{self.scheme}: per-citizen power in {len(self.result.blocks)} states"


def comparison_rows(
    results: Sequence[SchemeResult], indices: Sequence[str] = ("banzhaf", "shapley-shubik")
) -> list[dict[str, Any]]:
    """One row per computed scheme and index (the JSON keys of ``votepower compare``)."""
    rows = []
    for res in results:
        if res.error is not None:
            continue
        for index in indices:
            if index in res.summaries:
                rows.append(
                    {
                        "scheme": res.scheme,
                        "index": index,
                        **res.summaries[index].fields(),
                        "description": res.description,
                    }
                )
    return rows


class Comparison(Tabular, list):  # type: ignore[type-arg]
    """The schemes of :func:`compare`, in order (a list of :class:`SchemeResult`), as a table:
    one row per scheme and index; schemes that could not be computed are in the list with
    their ``error`` but have no row."""

    def __init__(self, results=(), indices: Sequence[str] = ("banzhaf", "shapley-shubik")):
        super().__init__(results)
        self.indices = tuple(indices)

    def _records(self) -> list[dict[str, Any]]:
        return comparison_rows(self, self.indices)

    def _describe(self) -> str:
        failed = sum(1 for r in self if r.error is not None)
        extra = f", {failed} not available" if failed else ""
        return f"comparison of {len(self)} schemes{extra}"


def _national(fed: Federation, name: str) -> CitizenPowerResult:
    """A direct national vote: every citizen has the same power in both indices."""
    total = sum(fed.people.values())
    bz = decisive_probability(total)
    ss = 1.0 / total
    blocks = tuple(
        BlockPower(code, people, 0, math.nan, math.nan, math.nan, bz, ss)
        for code, people in fed.people.items()
    )
    return CitizenPowerResult(
        body=name,
        blocks=blocks,
        total_citizens=total,
        direct_banzhaf=bz,
        direct_shapley_shubik=ss,
        shapley_shubik_total=1.0,
        quadrature_error=0.0,
    )


def scheme_power(
    scheme: str,
    fed: Federation,
    *,
    shapley_shubik_values: bool = True,
    recompute: bool = False,
) -> CitizenPowerResult:
    """Per-citizen power under ``scheme`` for the members of ``fed``: from the store of
    precomputed answers when it holds this very question (:mod:`votepower.us.store`; not with
    ``recompute``), else computed."""
    spec = SCHEMES.get(scheme)
    if spec.national:
        return _national(fed, spec.description)
    if not recompute:
        stored = store.lookup(spec.id, fed, shapley_shubik_values=shapley_shubik_values)
        if stored is not None:
            return stored
    body = build_scheme(spec.id, fed)
    return citizen_power(body, shapley_shubik_values=shapley_shubik_values)


def _summaries(
    result: CitizenPowerResult, indices: Sequence[str]
) -> tuple[dict[str, Summary], tuple[tuple[str, str], ...]]:
    """Each index's summary, and the indices that cannot be summarized with their reason
    (every value below the float range)."""
    summaries, unavailable = {}, []
    for index in indices:
        try:
            summaries[index] = summarize(result, index)
        except AccuracyError as exc:
            unavailable.append((index, str(exc)))
    return summaries, tuple(unavailable)


def _one(
    name: str, fed: Federation, indices: tuple[str, ...], recompute: bool = False
) -> SchemeResult:
    spec = SCHEMES.get(name)
    try:
        result = scheme_power(
            spec.id, fed, shapley_shubik_values="shapley-shubik" in indices, recompute=recompute
        )
    except VotepowerError as exc:
        return SchemeResult(spec.id, spec.description, None, {}, error=str(exc))
    summaries, unavailable = _summaries(result, indices)
    return SchemeResult(
        scheme=spec.id,
        description=spec.description,
        result=result,
        summaries=summaries,
        unavailable=unavailable,
    )


def scenario_result(scenario: Any, body: Any, indices: Sequence[str]) -> SchemeResult:
    """A scenario's row: its body's per-citizen power for ``indices``; a rule chamber has no
    Shapley-Shubik index per citizen (noted, not computed) and says how its figures were
    estimated when it has more members than the win table holds."""
    from ..citizens import RuleChamber

    wanted = tuple(indices)
    unavailable: tuple[tuple[str, str], ...] = ()
    accuracy = None
    if isinstance(body, RuleChamber):
        if "shapley-shubik" in wanted:
            unavailable = (
                (
                    "shapley-shubik",
                    "not computed for a chamber with a multi-criteria rule (its per-citizen "
                    "value needs the rule's multilinear extension at unequal probabilities)",
                ),
            )
            wanted = tuple(i for i in wanted if i != "shapley-shubik")
    result = citizen_power(body, shapley_shubik_values="shapley-shubik" in wanted)
    if isinstance(body, RuleChamber) and result.quadrature_error > 0:  # sampled
        accuracy = (
            f"the chamber's Banzhaf indices ({body.game.n} members) are Monte Carlo estimates, "
            f"relative standard error {result.quadrature_error:.2%} at worst"
        )
    summaries, underflow = _summaries(result, wanted)
    return SchemeResult(
        scenario.id,
        scenario.name,
        result,
        summaries,
        unavailable=unavailable + underflow,
        accuracy=accuracy,
    )


def compare(
    schemes: Sequence[str],
    fed: Federation,
    indices: Sequence[str] = ("banzhaf", "shapley-shubik"),
    *,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    recompute: bool = False,
) -> Comparison:
    """Every scheme's per-citizen power, summarized for each index, in the order given.

    Answers the store holds (:mod:`votepower.us.store`) are read first (not with
    ``recompute``); the others are computed. Schemes are independent, so with ``workers`` > 1
    they run in that many processes (forked where the platform can; elsewhere spawned, which
    needs the script's entry point guarded by ``if __name__ == "__main__":``). The command line
    uses up to two.
    """
    names = [SCHEMES.get(s).id for s in schemes]
    indices = tuple(citizen_index(i) for i in indices)
    found: dict[str, SchemeResult] = {}
    if not recompute:
        for name in names:
            if SCHEMES.get(name).national or store.lookup(name, fed) is not None:
                found[name] = _one(name, fed, indices)
                if progress is not None:
                    progress(name)
    missing = [name for name in names if name not in found]
    computed = run_schemes(
        _one, missing, (fed, indices, recompute), workers=workers, progress=progress
    )
    found.update(zip(missing, computed, strict=True))
    return Comparison([found[name] for name in names], indices)


def run_schemes(
    task: Callable[..., T],
    names: Sequence[str],
    args: tuple,
    *,
    workers: int | None = None,
    progress: Callable[[str], None] | None = None,
    cost: Callable[[str], float] | None = None,
) -> list[T]:
    """``task(name, *args)`` for every name (a scheme id, or what ``cost`` understands), in
    the order given. They are independent, so with ``workers`` > 1 (and more than two) they
    run in that many processes, the slowest first (by ``cost``; by default the scheme spec's
    ``cost``)."""
    cost = cost or (lambda name: SCHEMES.get(name).cost)
    if workers is None or workers <= 1 or len(names) <= 2:
        out = []
        for name in names:
            out.append(task(name, *args))
            if progress is not None:
                progress(name)
        return out
    results: dict[str, T] = {}
    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        slowest_first = sorted(names, key=lambda name: -cost(name))
        futures = {pool.submit(task, name, *args): name for name in slowest_first}
        for future in as_completed(futures):
            results[futures[future]] = future.result()
            if progress is not None:
                progress(futures[future])
    return [results[name] for name in names]
