"""Compound simple games: AND/OR combinations of weighted votes in disjoint bodies.

A *body* is a weighted vote of its own players (a chamber, a President alone, the state
legislatures as units). A *rule* combines threshold conditions on bodies with AND
(:class:`All`) and OR (:class:`Any`): a coalition wins when the rule holds for the yes weights it
gives each body. Every player sits in exactly one body; the same body may appear in several
conditions (a bill passes by simple majorities and the President, *or* by two-thirds over a
veto), which is what makes these games more than products of weighted games.

Power is computed through the multilinear extension ``F(x)``: with independent players, the
probability of each body's yes weight falling between consecutive thresholds factorizes across
bodies, so ``F`` and each ``dF/dx_i`` are sums over the few combinations of threshold *levels*.
Banzhaf = ``dF/dx_i`` at ``x = 1/2``; Shapley-Shubik = ``integral_0^1 dF/dx_i(t) dt`` (Owen 1972),
a polynomial in ``t`` of degree below the number of players, so Gauss-Legendre quadrature with
``ceil(n / 2) + 1`` nodes is exact up to rounding (about 1e-13). With ``exact=True`` small games
are enumerated and the indices returned as fractions.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Union

import numpy as np

from ..core.binomial import pmf as binomial_pmf
from ..core.errors import InvalidGameError, ResourceLimitError

__all__ = [
    "Body",
    "Threshold",
    "All",
    "Any",
    "CompoundGame",
    "CompoundResult",
    "compound_power",
    "EXACT_MAX_PLAYERS",
]

#: ``exact=True`` enumerates all coalitions: at most this many players
EXACT_MAX_PLAYERS = 22
#: memory that the multilinear computation may hold at once (the machine has 24 GiB)
MEMORY_BYTES = 2 * 2**30


@dataclass(frozen=True)
class Body:
    """A weighted vote: ``weights[i]`` is player ``labels[i]``'s weight (positive integers)."""

    name: str
    weights: tuple[int, ...]
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.name:
            raise InvalidGameError("a body needs a name")
        weights = tuple(int(w) for w in self.weights)
        if not weights:
            raise InvalidGameError(f"body {self.name!r} has no players")
        if any(w <= 0 or w != v for w, v in zip(weights, self.weights, strict=True)):
            raise InvalidGameError(f"body {self.name!r}: weights must be positive integers")
        object.__setattr__(self, "weights", weights)
        labels = tuple(self.labels) or tuple(f"{self.name}-{i + 1}" for i in range(len(weights)))
        if len(labels) != len(weights):
            raise InvalidGameError(
                f"body {self.name!r}: {len(labels)} labels for {len(weights)} players"
            )
        object.__setattr__(self, "labels", labels)

    @classmethod
    def uniform(cls, name: str, members: int, label: str | None = None) -> Body:
        """``members`` players of weight 1, labelled ``label-1, label-2, ...``."""
        if members < 1:
            raise InvalidGameError(f"body {name!r} needs at least one member")
        stem = label or name
        labels = (stem,) if members == 1 else tuple(f"{stem}-{i + 1}" for i in range(members))
        return cls(name, (1,) * members, labels)

    @property
    def total(self) -> int:
        return sum(self.weights)


@dataclass(frozen=True)
class Threshold:
    """Body ``body`` casts at least ``quota`` yes weight."""

    body: str
    quota: int


@dataclass(frozen=True)
class All:
    """Every condition holds (AND)."""

    conditions: tuple[Rule, ...]


@dataclass(frozen=True)
class Any:
    """At least one condition holds (OR)."""

    conditions: tuple[Rule, ...]


Rule = Union[Threshold, All, Any]  # noqa: UP007 (a runtime alias used in annotations above)


def _thresholds(rule: Rule) -> list[Threshold]:
    if isinstance(rule, Threshold):
        return [rule]
    if isinstance(rule, All | Any):
        if not rule.conditions:
            raise InvalidGameError(f"{type(rule).__name__} needs at least one condition")
        return [t for c in rule.conditions for t in _thresholds(c)]
    raise InvalidGameError(f"not a rule: {rule!r}")


@dataclass(frozen=True)
class CompoundGame:
    """Disjoint bodies and a monotone rule over their yes weights."""

    name: str
    bodies: tuple[Body, ...]
    rule: Rule

    def __post_init__(self) -> None:
        names = [b.name for b in self.bodies]
        if len(set(names)) != len(names):
            raise InvalidGameError("body names must be unique")
        labels = [label for b in self.bodies for label in b.labels]
        if len(set(labels)) != len(labels):
            raise InvalidGameError("player labels must be unique across bodies")
        totals = {b.name: b.total for b in self.bodies}
        for t in _thresholds(self.rule):
            if t.body not in totals:
                raise InvalidGameError(
                    f"the rule names body {t.body!r}; bodies: {', '.join(names)}"
                )
            if not 0 < t.quota <= totals[t.body]:
                raise InvalidGameError(
                    f"quota {t.quota} of body {t.body!r} must be in 1..{totals[t.body]}"
                )
        if self.combinations > 1_000_000:
            raise ResourceLimitError("the rule has too many threshold combinations (> 1e6)")

    @property
    def players(self) -> int:
        return sum(len(b.weights) for b in self.bodies)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(label for b in self.bodies for label in b.labels)

    def quotas(self, body: str) -> tuple[int, ...]:
        """The body's distinct thresholds, ascending: its level is how many it reaches."""
        return tuple(sorted({t.quota for t in _thresholds(self.rule) if t.body == body}))

    @property
    def combinations(self) -> int:
        return math.prod(len(self.quotas(b.name)) + 1 for b in self.bodies)

    def passes(self, yes_weight: dict[str, int]) -> bool:
        """Whether the rule holds when each body casts the given yes weight."""
        return bool(_holds_vector(self.rule, {k: np.asarray(v) for k, v in yes_weight.items()}))

    def pass_table(self) -> np.ndarray:
        """``table[l_1, ..., l_m]``: the rule's outcome when body ``j`` reaches ``l_j`` of its
        thresholds (``m`` bodies, in order)."""
        quotas = [self.quotas(b.name) for b in self.bodies]
        shape = tuple(len(q) + 1 for q in quotas)
        table = np.zeros(shape, dtype=bool)
        for levels in itertools.product(*(range(s) for s in shape)):
            weights = {
                b.name: (q[lv - 1] if lv > 0 else 0)
                for b, q, lv in zip(self.bodies, quotas, levels, strict=True)
            }
            table[levels] = self.passes(weights)
        return table


# --------------------------------------------------------------------------------------------
# The multilinear extension
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlayerClass:
    """Players of one body alike in weight and in yes probability ``p`` (per node)."""

    weight: int
    count: int
    p: np.ndarray


def _class_law(c: PlayerClass, count: int) -> np.ndarray:
    """Law of the yes weight of ``count`` players of the class: shape (nodes, count w + 1)."""
    k = np.arange(count + 1)[None, :]
    # p = 0 or 1: log(0) gives the exact 0 (and 0 * log(0) for an empty class, set to 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        pmf = binomial_pmf(k, count, np.clip(c.p, 0.0, 1.0)[:, None])
    if c.weight == 1:
        return np.asarray(pmf)
    out = np.zeros((c.p.size, count * c.weight + 1))
    out[:, :: c.weight] = pmf
    return out


def _band_masses(law: np.ndarray, quotas: Sequence[int], shift: int = 0) -> np.ndarray:
    """``P(level = l)`` for a yes weight with the given law plus ``shift``: (nodes, levels)."""
    tail = np.concatenate(
        [np.cumsum(law[:, ::-1], axis=1)[:, ::-1], np.zeros((law.shape[0], 1))], axis=1
    )

    def at_least(q: int) -> np.ndarray:
        i = min(max(q - shift, 0), law.shape[1])
        return tail[:, i]

    reach = [np.ones(law.shape[0])] + [at_least(q) for q in quotas] + [np.zeros(law.shape[0])]
    return np.stack([reach[j] - reach[j + 1] for j in range(len(quotas) + 1)], axis=1)


#: multiply-adds (per node) up to which laws of sums are convolved directly
DIRECT_OPERATIONS = 2 * 10**7


def _direct_operations(classes: list[PlayerClass]) -> int:
    """Multiply-adds per node of the direct route in :func:`_body_levels`."""
    sizes = [c.weight * c.count for c in classes]
    ops = 0
    before = 0
    for s in sizes:  # prefix and suffix products
        ops += 2 * (before + 1) * (s + 1)
        before += s
    after = before
    before = 0
    for s in sizes:  # leave one out: prefix x suffix, then the class less one member
        after -= s
        ops += (before + 1) * (after + 1) + (before + after + 1) * (s + 1)
        before += s
    return ops


def _convolve(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Row by row (one row per node) convolution of two laws, directly."""
    if a.shape[1] == 1 or b.shape[1] == 1:
        return a * b
    return np.stack([np.convolve(x, y) for x, y in zip(a, b, strict=True)])


def _body_levels(
    classes: list[PlayerClass], quotas: Sequence[int]
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """The body's level masses, and for one player of each class the level masses when she
    votes yes and when she votes no (the others as they are).

    Laws of sums are convolutions of the classes' laws (binomials on multiples of the weight).
    Leaving one player out convolves the classes before and after hers (prefix and suffix
    products) with her class less one member: no division, so no cancellation. Convolved
    directly, every term is non-negative and each probability keeps its relative accuracy,
    however small (the tail masses behind a two-thirds or three-quarters threshold are about
    1e-12). Bodies too heavy for that (more than :data:`DIRECT_OPERATIONS` multiply-adds per
    node) use discrete Fourier transforms, whose error is absolute: about 1e-16 of the total
    mass on every entry.
    """
    if _direct_operations(classes) > DIRECT_OPERATIONS:
        return _body_levels_fourier(classes, quotas)
    laws = [_class_law(c, c.count) for c in classes]
    nodes = classes[0].p.size
    prefix = [np.ones((nodes, 1))]
    for law in laws:
        prefix.append(_convolve(prefix[-1], law))
    suffix = [np.ones((nodes, 1))]
    for law in reversed(laws):
        suffix.append(_convolve(suffix[-1], law))
    suffix.reverse()  # suffix[i]: classes i onwards
    whole = _band_masses(prefix[-1], quotas)
    per_class = []
    for i, c in enumerate(classes):
        others = _convolve(_convolve(prefix[i], suffix[i + 1]), _class_law(c, c.count - 1))
        per_class.append(
            (_band_masses(others, quotas, shift=c.weight), _band_masses(others, quotas))
        )
    return whole, per_class


def _body_levels_fourier(
    classes: list[PlayerClass], quotas: Sequence[int]
) -> tuple[np.ndarray, list[tuple[np.ndarray, np.ndarray]]]:
    """:func:`_body_levels` by products of discrete Fourier transforms on a period longer than
    the body's total weight (so nothing wraps around)."""
    total = sum(c.weight * c.count for c in classes)
    size = 1 << total.bit_length()  # > total
    transforms = [np.fft.rfft(_class_law(c, c.count), size, axis=1) for c in classes]
    nodes = classes[0].p.size
    prefix = [np.ones((nodes, size // 2 + 1), dtype=complex)]
    for f in transforms:
        prefix.append(prefix[-1] * f)
    suffix = [np.ones_like(prefix[0])]
    for f in reversed(transforms):
        suffix.append(suffix[-1] * f)
    suffix.reverse()  # suffix[i]: classes i onwards

    def law_of(transform: np.ndarray) -> np.ndarray:
        return np.maximum(np.fft.irfft(transform, size, axis=1)[:, : total + 1], 0.0)

    whole = _band_masses(law_of(prefix[-1]), quotas)
    per_class = []
    for i, c in enumerate(classes):
        rest = np.fft.rfft(_class_law(c, c.count - 1), size, axis=1)
        others = law_of(prefix[i] * suffix[i + 1] * rest)
        per_class.append(
            (_band_masses(others, quotas, shift=c.weight), _band_masses(others, quotas))
        )
    return whole, per_class


def _classes(body: Body, p: np.ndarray) -> tuple[list[PlayerClass], list[int]]:
    """A body's players grouped by weight (all with yes probability ``p``), and each player's
    class."""
    distinct = sorted(set(body.weights))
    classes = [PlayerClass(w, body.weights.count(w), p) for w in distinct]
    return classes, [distinct.index(w) for w in body.weights]


def _node_bytes(game: CompoundGame, classes: dict[str, list[PlayerClass]]) -> int:
    """Memory that :func:`class_marginals` holds per node: each body's transforms, prefix and
    suffix products (complex, half the FFT length) and its laws."""
    total = 0
    for body in game.bodies:
        count = len(classes[body.name])
        size = 1 << sum(c.weight * c.count for c in classes[body.name]).bit_length()
        total += 16 * (size // 2 + 1) * (3 * count + 3) + 8 * size * 4
    return total


def class_marginals(
    game: CompoundGame, classes: dict[str, list[PlayerClass]]
) -> dict[str, np.ndarray]:
    """``dF/dx`` for one player of each class of each body, at every node: ``{body: (nodes,
    classes)}``, where ``F`` is the probability that the rule holds and every player votes yes
    independently with her class's probability. Nodes are taken in chunks that hold at most
    :data:`MEMORY_BYTES` at once; a body so heavy that one node exceeds it is refused."""
    per_node = _node_bytes(game, classes)
    if per_node > MEMORY_BYTES:
        raise ResourceLimitError(
            f"bodies this heavy (total weights {[b.total for b in game.bodies]}) would need "
            f"{per_node / 2**30:.1f} GiB per evaluation (limit {MEMORY_BYTES / 2**30:.0f} GiB)"
        )
    nodes = next(iter(classes.values()))[0].p.size
    chunk = max(1, MEMORY_BYTES // per_node)
    if nodes <= chunk:
        return _class_marginals(game, classes)
    parts = []
    for i in range(0, nodes, chunk):
        piece = {
            name: [PlayerClass(c.weight, c.count, c.p[i : i + chunk]) for c in body_classes]
            for name, body_classes in classes.items()
        }
        parts.append(_class_marginals(game, piece))
    return {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}


def _class_marginals(
    game: CompoundGame, classes: dict[str, list[PlayerClass]]
) -> dict[str, np.ndarray]:
    table = game.pass_table().astype(float)
    levels = []
    for body in game.bodies:
        levels.append(_body_levels(classes[body.name], game.quotas(body.name)))
    out = {}
    letters = "abcdefghijklmnopqrstuvwxyz"
    if len(game.bodies) > len(letters) - 1:
        raise InvalidGameError("at most 25 bodies")
    subscripts = [letters[j] for j in range(len(game.bodies))]
    for j, body in enumerate(game.bodies):
        rows = []
        for yes, no in levels[j][1]:
            operands = []
            terms = []
            for k in range(len(game.bodies)):
                operands.append((yes - no) if k == j else levels[k][0])
                terms.append("z" + subscripts[k])
            spec = ",".join(terms) + "," + "".join(subscripts) + "->z"
            rows.append(np.einsum(spec, *operands, table))
        out[body.name] = np.stack(rows, axis=1)
    return out


# --------------------------------------------------------------------------------------------
# Indices
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CompoundResult:
    """Banzhaf (absolute: ``dF/dx_i`` at 1/2; normalized to sum 1) and Shapley-Shubik per
    player, in the order of ``game.labels``; fractions when exact."""

    game: str
    labels: tuple[str, ...]
    banzhaf: tuple[float | Fraction, ...]
    banzhaf_normalized: tuple[float | Fraction, ...]
    shapley_shubik: tuple[float | Fraction, ...]
    exact: bool

    def __getitem__(
        self, label: str
    ) -> tuple[float | Fraction, float | Fraction, float | Fraction]:
        i = self.labels.index(label)
        return self.banzhaf[i], self.banzhaf_normalized[i], self.shapley_shubik[i]


def _per_player(game: CompoundGame, t: np.ndarray) -> np.ndarray:
    """``dF/dx_i(t, ..., t)`` for every player: shape (nodes, players)."""
    classes = {}
    owner = {}
    for body in game.bodies:
        classes[body.name], owner[body.name] = _classes(body, t)
    marginals = class_marginals(game, classes)
    columns = [marginals[b.name][:, owner[b.name]] for b in game.bodies]
    return np.concatenate(columns, axis=1)


def compound_power(game: CompoundGame, *, exact: bool = False) -> CompoundResult:
    """Banzhaf and Shapley-Shubik indices of every player of a compound game.

    Examples
    --------
    A bill needs majorities of a House of 5 and a Senate of 3 and the President, or 4 of 5 and
    2 of 3 over a veto:

    >>> house, senate, president = Body.uniform("H", 5), Body.uniform("S", 3), Body.uniform("P", 1)
    >>> signed = All((Threshold("H", 3), Threshold("S", 2), Threshold("P", 1)))
    >>> override = All((Threshold("H", 4), Threshold("S", 2)))
    >>> game = CompoundGame("bill", (house, senate, president), Any((signed, override)))
    >>> r = compound_power(game, exact=True)
    >>> [str(v) for v in r["P"]], [str(v) for v in r["S-1"]]
    (['5/32', '10/93', '25/252'], ['11/64', '11/93', '17/126'])
    """
    if exact:
        return _enumerate(game)
    n = game.players
    bz = _per_player(game, np.array([0.5]))[0]
    x, w = np.polynomial.legendre.leggauss(math.ceil(n / 2) + 1)
    ss = np.zeros(n)
    chunk = max(1, MEMORY_BYTES // (64 * n))  # the (nodes, players) marginals, bounded
    for i in range(0, x.size, chunk):
        nodes = (x[i : i + chunk] + 1.0) / 2.0
        ss += (_per_player(game, nodes) * (w[i : i + chunk] / 2.0)[:, None]).sum(axis=0)
    total = float(bz.sum())
    normalized = bz / total if total > 0 else np.zeros(n)
    return CompoundResult(
        game.name,
        game.labels,
        tuple(float(v) for v in bz),
        tuple(float(v) for v in normalized),
        tuple(float(v) for v in ss),
        exact=False,
    )


def _enumerate(game: CompoundGame) -> CompoundResult:
    """Every coalition, in exact arithmetic (small games)."""
    n = game.players
    if n > EXACT_MAX_PLAYERS:
        raise ResourceLimitError(
            f"exact enumeration is limited to {EXACT_MAX_PLAYERS} players ({n} given); "
            "drop exact=True (--exact) for the multilinear computation"
        )
    masks = np.arange(1 << n, dtype=np.int64)
    passes = np.ones(masks.size, dtype=bool)
    weights: dict[str, np.ndarray] = {}
    start = 0
    for body in game.bodies:
        total = np.zeros(masks.size, dtype=np.int64)
        for k, w in enumerate(body.weights):
            total += w * ((masks >> (start + k)) & 1)
        weights[body.name] = total
        start += len(body.weights)
    passes = _holds_vector(game.rule, weights)
    sizes = np.zeros(masks.size, dtype=np.int64)
    for i in range(n):
        sizes += (masks >> i) & 1
    bz, ss = [], []
    for i in range(n):
        without = masks[((masks >> i) & 1) == 0]
        swing = passes[without | (1 << i)] & ~passes[without]
        bz.append(Fraction(int(swing.sum()), 1 << (n - 1)))
        by_size = np.bincount(sizes[without][swing], minlength=n)
        ss.append(
            sum(
                (
                    Fraction(int(c) * math.factorial(s) * math.factorial(n - 1 - s))
                    for s, c in enumerate(by_size)
                ),
                Fraction(0),
            )
            / math.factorial(n)
        )
    swings = sum(bz, Fraction(0))
    normalized = [b / swings if swings else Fraction(0) for b in bz]
    return CompoundResult(game.name, game.labels, tuple(bz), tuple(normalized), tuple(ss), True)


def _holds_vector(rule: Rule, weights: dict[str, np.ndarray]) -> np.ndarray:
    """The rule's outcome for each entry of the bodies' yes weights (a body not given: 0)."""
    if isinstance(rule, Threshold):
        return np.asarray(weights.get(rule.body, np.asarray(0)) >= rule.quota)
    parts = [_holds_vector(c, weights) for c in rule.conditions]
    if isinstance(rule, All):
        return np.logical_and.reduce(parts)
    return np.logical_or.reduce(parts)
