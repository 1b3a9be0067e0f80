"""The search (see the package's docstring): its stages, in order."""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from fractions import Fraction
from typing import Any

import numpy as np

from ...citizens import decisive_probability
from ...core.errors import VotepowerError
from ...games.game import to_fraction
from .evaluate import (
    _SMALL_BODY,
    _Evaluator,
    _scan_quota,
    optimal_quota,
    power_to_act,
    square_root_weights,
)
from .exhaustive import _exhaustive
from .model import (
    DEFAULT_EVALUATIONS,
    DESIGN_INDICES,
    EXHAUSTIVE_MEMBERS,
    MAX_TOTAL_WEIGHT,
    Design,
    DesignError,
)


def design(
    people: Mapping[str, int],
    total_weight: int,
    *,
    quota: int | float | None = None,
    index: str = "banzhaf",
    target: float | None = None,
    evaluations: int = DEFAULT_EVALUATIONS,
    max_seconds: float = 600.0,
    max_iterations: int = 10_000,
    progress: Callable[[int, float], None] | None = None,
) -> Design:
    """The weights (summing to at most ``total_weight``) and quota that make per-citizen power
    most equal among the members of ``people`` (code to population).

    ``quota``: ``None`` (free: searched), an integer (the weights then sum to less than twice
    it), or a share of the total weight in ``(0.5, 1]`` (kept as the weights change).
    ``target``: stop once the max/min ratio is at most this (default: search until nothing
    improves or the budget is spent). ``evaluations``: the work budget (deterministic);
    ``max_seconds``: a wall-clock safety net, past which :class:`DesignError` is raised (the
    answer never depends on the clock). See the package's docstring for the algorithm.

    Three members can only share power in a few ways; the best of them leaves a ratio of 2:

    >>> d = design({"A": 9_000_000, "B": 4_000_000, "C": 1_000_000}, 60)
    >>> d.weights, d.quota, round(d.ratio, 3), d.stopped
    ((30, 20, 10), 31, 2.0, 'no move improves')
    """
    if index not in DESIGN_INDICES:
        raise DesignError(f"a design equalizes {' or '.join(DESIGN_INDICES)}, not {index!r}")
    if not isinstance(total_weight, int) or total_weight < 1:
        raise DesignError(f"the total weight must be a positive whole number, not {total_weight!r}")
    if total_weight > MAX_TOTAL_WEIGHT[index]:
        raise DesignError(
            f"a total weight of {total_weight:,} is beyond what a {index} design evaluates "
            f"(at most {MAX_TOTAL_WEIGHT[index]:,})"
        )
    given = list(people)
    if len(given) < 2:
        raise DesignError("a design needs at least two members")
    # a canonical order (population, then code): the search breaks ties by position, so this
    # makes the design independent of the order the members are given in
    members = sorted(given, key=lambda m: (int(people[m]), m))
    counts = [int(people[m]) for m in members]
    if min(counts) < 1:
        raise DesignError("every member needs citizens")
    quota, exact_share = _quota_kind(quota)
    ev = _Evaluator(members, counts, index)
    ev.limit = evaluations  # every stage's evaluations count against the one budget
    started = time.monotonic()
    wanted = target
    target = 1.0 if target is None else target

    def quota_for(weights: list[int]) -> int:
        if quota is None:
            return optimal_quota(weights)
        if exact_share is not None:
            total = sum(weights)
            return min(total, max(total // 2 + 1, math.ceil(exact_share * total)))
        return int(quota)

    if isinstance(quota, int):  # a fixed quota stays above half of the weights: cap their sum
        total_weight = min(total_weight, 2 * quota - 1)
    base_w = square_root_weights(counts, total_weight)
    base_q = quota_for(base_w)
    if isinstance(quota, int) and not sum(base_w) // 2 < quota <= sum(base_w):
        raise DesignError(
            f"a fixed quota of {quota} does not fit weights totalling {sum(base_w)} (more than "
            "half and at most all of them)"
        )
    baseline = _result(ev, base_w, base_q, "square-root weights, optimal quota", 0, "baseline")
    best_w, best_q = list(base_w), base_q
    best = ev.score(best_w, best_q)
    iterations = 0

    def spent() -> float:
        """The share of the work budget used (deterministic: evaluations, not time). The wall
        clock is only a safety net, and an error when it binds, never a different answer."""
        if time.monotonic() - started > max_seconds:
            raise DesignError(
                f"the search ran past its safety net of {max_seconds:g} s of wall-clock time "
                f"before spending its work budget ({evaluations:,} units): this machine is much "
                "slower than the budget assumes (or very busy); give a smaller budget"
            )
        return ev.evaluations / evaluations

    def span(weights: list[int]) -> int:
        return max(2, round(math.sqrt(sum(w * w for w in weights))))

    if quota is None:
        small = total_weight <= _SMALL_BODY
        width = sum(best_w) if small else span(best_w)
        best_q, best = _scan_quota(ev, best_w, best_q, width, every=small)

    # the ideal shape: proportional correction at a scale where rounding no longer matters
    shape = _ideal_shape(ev, counts, quota, spent, 0.25)
    shapes: list[np.ndarray] = []  # the best quota shares' shapes (a free quota, large bodies)
    # the target scale: the totals whose rounding of the shape is the most faithful
    share = best_q / sum(best_w)
    scored = []
    small_body = total_weight <= _SMALL_BODY
    candidates = _scaled_candidates(shape, total_weight, 32)
    if small_body:  # coarse weights: every member's steps matter too; interleaved
        both = _scaled_candidates(shape, total_weight, 32, every=True)
        candidates = [c for pair in zip(candidates, both, strict=False) for c in pair]
    for trial in candidates:
        if spent() > 0.3:
            break
        q = quota_for(trial) if quota is not None else math.ceil(share * sum(trial))
        if small_body and quota is None:  # cheap: a coarse scan for every candidate
            q, s = _scan_quota(ev, trial, q, sum(trial))
        else:
            s = ev.score(trial, q)
        scored.append((s, trial, q))
    scored.sort(key=lambda item: item[0])
    for s, trial, q in scored[: 10 if small_body else 3]:  # the quota scanned for the best
        if best[0] <= target or spent() > 0.45:
            break
        iterations += 1
        if quota is None:
            width = sum(trial) if small_body else span(trial) // 8 + 2
            q, s = _scan_quota(ev, trial, q, width, every=small_body)
        if s < best:
            best_w, best_q, best = trial, q, s
        if progress is not None:
            progress(iterations, best[0])

    if quota is None and not small_body and best[0] > target:
        found, shapes = _share_scan(ev, counts, shape, total_weight, spent, span)
        if found is not None and found[2] < best:
            best_w, best_q, best = found
            shape = shapes[0]
        iterations += 1

    if small_body and best[0] > target:  # coarse weights: several starts, corrected at scale
        starts = _power_law_starts(ev, counts, total_weight, quota, quota_for)
        for start in [base_w, *starts[:4]]:
            if spent() > 0.8:
                break
            found = _correct_at_scale(ev, start, total_weight, quota, quota_for, target)
            iterations += found[3]
            if found[2] < best:
                best_w, best_q, best = found[0], found[1], found[2]

    # integer local search
    stopped = "no move improves"
    while True:
        if best[0] <= target:
            stopped = "target reached"
            break
        if spent() >= 1:
            stopped = f"work budget ({evaluations:,} units)"
            break
        if iterations >= max_iterations:
            stopped = f"iteration limit ({max_iterations})"
            break
        iterations += 1
        move = _best_move(ev, best_w, best_q, best, total_weight, quota is None, quota_for)
        if move is None:
            break
        best_w, best_q, best = move
        if progress is not None:
            progress(iterations, best[0])

    method = "square-root start, quota scan, proportional correction, integer local search"
    if len(members) <= EXHAUSTIVE_MEMBERS and best[0] > target:
        found = _exhaustive(ev, total_weight, quota, quota_for, evaluations - ev.evaluations)
        if found is not None and found[2] < best:
            best_w, best_q, best = found
            stopped = "exhaustive search"
        method += ", exhaustive search (small union)"
    if best[0] <= target:
        stopped = "target reached"
    elif ev.exhausted and stopped == "no move improves":  # a stage ran out of budget first
        stopped = f"work budget ({evaluations:,} units)"
    found = _result(ev, best_w, best_q, method, iterations, stopped, baseline)
    found = replace(
        found,
        bound=total_weight,
        target=wanted,
        shape=tuple(float(v) for v in shape),
        shapes=tuple(tuple(float(v) for v in other) for other in shapes[1:]),
    )
    return _in_order(found, given)


#: the quota shares scanned for the rounding limit (a free quota, large bodies): the limit
#: depends on the share, through the ideal shape and the rounding of the quota itself; then
#: the shares a half and a quarter step either side of the best
SHARE_GRID = tuple(round(0.55 + 0.01 * k, 2) for k in range(11))


def _share_scan(
    ev: _Evaluator,
    counts: Sequence[int],
    shape: np.ndarray,
    total_weight: int,
    spent: Callable[[], float],
    span: Callable[[list[int]], int],
) -> tuple[tuple[list[int], int, tuple[float, float]] | None, list[np.ndarray]]:
    """The best design over quota shares (:data:`SHARE_GRID`, then finer around the best): at
    each share the ideal shape refitted from the nearest share's, its most faithful roundings
    at totals up to the bound, and for each the quotas near the share scanned. Also the
    shapes of the three shares whose designs came out best, best first."""
    found: dict[float, tuple[list[int], int, tuple[float, float]]] = {}
    shapes: dict[float, np.ndarray] = {}

    def visit(share: float, start: np.ndarray) -> None:
        shapes[share] = _ideal_shape(ev, counts, share, spent, 0.6, start=start, steps=6)
        for trial in _scaled_candidates(shapes[share], total_weight, 3, totals=600):
            centre = math.ceil(share * sum(trial))
            q, s = _scan_quota(ev, trial, centre, span(trial) // 16 + 2)
            if share not in found or s < found[share][2]:
                found[share] = (trial, q, s)

    def best_share() -> float:
        return min(found, key=lambda share: (found[share][2], share))

    start = shape
    for share in SHARE_GRID:
        if spent() > 0.6:
            break
        visit(share, start)
        start = shapes[share]
    for step in (0.005, 0.0025):
        if not found:
            break
        centre = best_share()
        for share in (round(centre - step, 4), round(centre + step, 4)):
            if spent() <= 0.6 and share not in shapes:
                visit(share, shapes[centre])
    if not found:
        return None, []
    ranked = sorted(found, key=lambda share: (found[share][2], share))
    return found[ranked[0]], [shapes[share] for share in ranked[:3]]


def _corrected(ev: _Evaluator, x: np.ndarray, values: np.ndarray, gamma: float) -> np.ndarray:
    """One step of proportional correction: each weight times (the population-weighted mean
    power / its member's power) to the power ``gamma``; a powerless member counts as having a
    thousandth of the most powerful's power, so that its weight rises."""
    mean = float((values * ev.people).sum() / ev.people.sum())
    values = np.maximum(values, 1e-3 * values.max())
    return x * (mean / values) ** gamma


def _quota_kind(quota: Any) -> tuple[int | float | None, Fraction | None]:
    """``(quota, exact share)``: a whole number is a count of weight (share ``None``); a share
    (a float, Fraction or Decimal in (1/2, 1], such as ``Fraction(2, 3)``) is kept exactly for
    rounding and as a float for the search's arithmetic."""
    if quota is None:
        return None, None
    if isinstance(quota, bool):
        raise DesignError(f"a quota is a whole number of weight or a share, not {quota!r}")
    if isinstance(quota, int):
        if quota < 1:
            raise DesignError(f"a quota must be at least 1, not {quota}")
        return quota, None
    try:
        share = to_fraction(quota, "quota")
    except VotepowerError as exc:
        raise DesignError(str(exc)) from None
    if share.denominator == 1 and share > 1:
        return int(share), None
    if not Fraction(1, 2) < share <= 1:
        raise DesignError(f"a quota share must be above 1/2 and at most 1, not {quota}")
    return float(share), share


def _rounded_within(x: np.ndarray, total_weight: int) -> list[int]:
    """``x`` rounded, each at least 1, the largest trimmed while the sum exceeds the bound."""
    weights = [max(1, int(round(v))) for v in x]
    while sum(weights) > total_weight:
        weights[int(np.argmax(weights))] -= 1
    return weights


def _ideal_shape(
    ev: _Evaluator,
    people: Sequence[int],
    quota: int | float | None,
    spent: Callable[[], float],
    seconds: float,
    start: np.ndarray | None = None,
    steps: int = 30,
) -> np.ndarray:
    """Real weights (up to scale) that equalize per-citizen power: proportional correction,
    damped, on weights scaled to a total of about :data:`_IDEAL_TOTAL`, where rounding a weight
    moves its member's power by a few parts in a hundred thousand at most."""
    x = np.sqrt(np.asarray(people, dtype=float)) if start is None else np.array(start, float)
    ideal_total = min(_IDEAL_TOTAL, MAX_TOTAL_WEIGHT[ev.index])  # Shapley-Shubik: the tables'
    x *= ideal_total / x.sum()
    weights = _rounded_within(x, MAX_TOTAL_WEIGHT[ev.index])

    def quota_of(weights: list[int]) -> int:
        if quota is None:
            return optimal_quota(weights)
        share = quota if isinstance(quota, float) else 0.5 + 1e-9  # a fixed count: its share
        return min(sum(weights), max(sum(weights) // 2 + 1, math.ceil(share * sum(weights))))

    best_x, best = x, math.inf
    gamma = 1.0
    for _ in range(steps):
        if spent() > seconds:
            break
        q = quota_of(weights)
        values = ev.power(weights, q)
        low = float(values.min())
        ratio = float(values.max()) / low if low > 0 else math.inf
        if ratio < best:
            best_x, best = x, ratio
        else:
            gamma /= 2
            x = best_x
            if gamma < 1 / 32:
                break
        x = _corrected(ev, x, values, gamma)
        x *= ideal_total / x.sum()
        weights = _rounded_within(x, MAX_TOTAL_WEIGHT[ev.index])
    return best_x / best_x.sum()


#: the total weight at which the ideal shape is fitted
_IDEAL_TOTAL = 400_000


def _bands(ideal: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """For rows of ideal real weights (totals x members): each member's ``floor`` (at least
    1), the relative rounding errors of ``floor`` and ``floor + 1`` (``options``: totals x
    members x 2), every option as a candidate start of a band of errors (``starts``), and for
    each start the band's top when every member takes its smallest option at or above it
    (``reach``; the band's width is ``reach - starts``)."""
    floor = np.maximum(1.0, np.floor(ideal))
    options = np.stack([floor, floor + 1.0], axis=2) / ideal[:, :, None] - 1.0
    starts = options.reshape(len(ideal), -1)
    above = np.where(options[:, None, :, :] >= starts[:, :, None, None] - 1e-15,
                     options[:, None, :, :], np.inf)  # fmt: skip
    return floor, options, starts, above.min(axis=3).max(axis=2)


def _scaled_candidates(
    shape: np.ndarray, total_weight: int, count: int, every: bool = False, totals: int = 4000
) -> list[list[int]]:
    """Integer weights close to ``t * shape`` for the ``count`` totals ``t`` (up to the bound)
    where they can be the most faithful *up to a common factor*: a member's power follows its
    weight's relative rounding error ``e_b = w_b / (t shape_b) - 1``, and equality needs the
    errors within a narrow band, wherever it lies. For each total the narrowest band holding one
    of ``floor`` and ``ceil`` of each of the 16 smallest members (``every``: of all) is found (a
    larger member's steps are finer), and the members are rounded into it; totals from 3/4 of
    the bound up (a third, for small bodies, with plain rounding at every total too)."""
    n = len(shape)
    lowest = max(n, (3 * total_weight) // 4 if total_weight > _SMALL_BODY else total_weight // 3)
    totals = np.arange(lowest, total_weight + 1, max(1, (total_weight - lowest) // totals),
                       dtype=float)  # fmt: skip
    ideal = totals[:, None] * shape[None, :]  # totals x members
    small = np.argsort(shape, kind="stable")[: n if every else min(n, 16)]
    floor, options, starts, reach = _bands(ideal[:, small])
    widths = reach - starts
    pick = widths.argmin(axis=1)
    width = widths[np.arange(len(totals)), pick]
    centre = starts[np.arange(len(totals)), pick] + width / 2
    out: list[list[int]] = []
    seen: set[tuple[int, ...]] = set()
    if total_weight <= _SMALL_BODY:  # coarse weights: plain rounding at every total too
        for t in range(max(n, total_weight // 3), total_weight + 1):
            key = tuple(max(1, round(t * v)) for v in shape)
            if sum(key) <= total_weight and key not in seen:
                seen.add(key)
                out.append(list(key))
    for row in np.argsort(width, kind="stable"):
        if not math.isfinite(width[row]):
            break
        weights = np.maximum(1.0, np.round(ideal[row] * (1.0 + centre[row])))
        chosen = options[row][np.arange(len(small)), :]
        inside = (chosen >= starts[row, pick[row]] - 1e-15) & (chosen <= reach[row, pick[row]])
        first = np.argmax(inside, axis=1)  # the option inside the band
        weights[small] = floor[row] + first
        key = tuple(int(v) for v in weights)
        if sum(key) <= total_weight and key not in seen:
            seen.add(key)
            out.append(list(key))
        if len(out) >= 2 * count:
            break
    return out


def _power_law_starts(
    ev: _Evaluator,
    people: Sequence[int],
    total_weight: int,
    quota: int | float | None,
    quota_for: Callable[[list[int]], int],
) -> list[list[int]]:
    """Starts for coarse weights: ``N^alpha`` for alpha from 0.3 to 0.7 (a flatter law gives
    the smallest members finer steps), scaled to 90 and 100% of the bound, best first (every
    quota tried)."""
    scored = []
    for alpha in np.arange(0.30, 0.701, 0.1):
        base = np.asarray(people, dtype=float) ** alpha
        for fill in (1.0, 0.9):
            weights = _rounded_within(base * (fill * total_weight / base.sum()), total_weight)
            if quota is None:
                _, s = _scan_quota(ev, weights, optimal_quota(weights), sum(weights))
            else:
                s = ev.score(weights, quota_for(weights))
            scored.append((s, weights))
    scored.sort(key=lambda item: item[0])
    return [weights for _, weights in scored]


def _correct_at_scale(
    ev: _Evaluator,
    start: list[int],
    total_weight: int,
    quota: int | float | None,
    quota_for: Callable[[list[int]], int],
    target: float,
) -> tuple[list[int], int, tuple[float, float], int]:
    """Proportional correction of integer weights at the bound's own scale, every quota
    scanned at each step (small bodies: cheap), damped when a step does not improve."""
    best_w = list(start)
    if quota is None:
        best_q, best = _scan_quota(ev, best_w, optimal_quota(best_w), sum(best_w), every=True)
    else:
        best_q = quota_for(best_w)
        best = ev.score(best_w, best_q)
    x = np.asarray(best_w, dtype=float)
    gamma, steps = 1.0, 0
    while gamma >= 1 / 64 and best[0] > target and steps < 60:
        steps += 1
        values = ev.power(best_w, best_q)
        x = _corrected(ev, x, values, gamma)
        x *= min(1.0, total_weight / x.sum())
        trial = _rounded_within(x, total_weight)
        if quota is None:
            q, s = _scan_quota(ev, trial, optimal_quota(trial), sum(trial), every=True)
        else:
            q = quota_for(trial)
            s = ev.score(trial, q)
        if s < best:
            best_w, best_q, best = trial, q, s
        else:
            gamma /= 2
            x = np.asarray(best_w, dtype=float)
    return best_w, best_q, best, steps


def _best_move(
    ev: _Evaluator,
    weights: list[int],
    quota: int,
    current: tuple[float, float],
    total_weight: int,
    free_quota: bool,
    quota_for: Callable[[list[int]], int],
) -> tuple[list[int], int, tuple[float, float]] | None:
    """The best improving single step from ``weights``: the three most powerful members one
    down, the three least one up, each pair traded, and (free quota) the quota by 1 or 2."""
    values = ev.power(weights, quota)
    order = np.argsort(values)
    reach = len(weights) if sum(weights) <= _SMALL_BODY else 3  # cheap: every member
    low, high = [int(i) for i in order[:reach]], [int(i) for i in order[::-1][:reach]]
    candidates: list[list[int]] = []
    for i in high:
        trial = list(weights)
        trial[i] -= 1
        candidates.append(trial)
    for i in low:
        trial = list(weights)
        trial[i] += 1
        candidates.append(trial)
    for i in high[:5]:
        for j in low[:5]:
            trial = list(weights)
            trial[i] -= 1
            trial[j] += 1
            candidates.append(trial)
    best: tuple[list[int], int, tuple[float, float]] | None = None
    for trial in candidates:
        if min(trial) < 1 or sum(trial) > total_weight:
            continue
        quotas = [quota + d for d in (-2, -1, 0, 1, 2)] if free_quota else [quota_for(trial)]
        for q, s in zip(quotas, ev.scores(trial, quotas), strict=True):
            if s < current and (best is None or s < best[2]):
                best = (trial, q, s)
    if free_quota:
        quotas = [quota - 2, quota - 1, quota + 1, quota + 2]
        for q, s in zip(quotas, ev.scores(weights, quotas), strict=True):
            if s < current and (best is None or s < best[2]):
                best = (list(weights), q, s)
    return best


def _in_order(result: Design, members: Sequence[str]) -> Design:
    """The design with its members in the order given."""
    at = {m: i for i, m in enumerate(result.members)}
    order = [at[m] for m in members]

    def pick(values: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(values[i] for i in order)

    baseline = None if result.baseline is None else _in_order(result.baseline, members)
    return replace(
        result,
        members=tuple(members),
        people=pick(result.people),
        weights=pick(result.weights),
        citizen_power=pick(result.citizen_power),
        shape=pick(result.shape) if result.shape else (),
        shapes=tuple(pick(other) for other in result.shapes),
        baseline=baseline,
    )


def _result(
    ev: _Evaluator,
    weights: Sequence[int],
    quota: int,
    method: str,
    iterations: int,
    stopped: str,
    baseline: Design | None = None,
) -> Design:
    values = ev.power(weights, quota)
    ratio, gini = ev.score(weights, quota, budgeted=False)
    people = [int(p) for p in ev.people]
    direct = decisive_probability(sum(people)) if ev.index == "banzhaf" else 1.0 / sum(people)
    mean = float((values * ev.people).sum() / ev.people.sum())
    return Design(
        members=ev.members,
        people=tuple(people),
        weights=tuple(int(w) for w in weights),
        quota=int(quota),
        index=ev.index,
        citizen_power=tuple(float(v) for v in values),
        ratio=ratio,
        gini=gini,
        mean_relative_to_direct=mean / direct,
        power_to_act=power_to_act(weights, quota),
        iterations=iterations,
        stopped=stopped,
        method=method,
        baseline=baseline,
    )
