"""Precomputed answers to the built-in questions: every built-in scheme's per-citizen power for
the whole union of a census (a-priori model, both indices), computed by this same engine when
the package is built and shipped in its data.

An entry is used only when its question is exactly the one asked (the same members, the same
populations and House apportionment populations, the same statehood) *and* it was computed by
exactly this engine: the store records a digest of the computation's source files and data
(:func:`engine_digest`), and a store whose digest differs from the running engine's is ignored
(everything is computed afresh). The test suite recomputes every entry and checks it against
the store, and checks that the store is current. ``VOTEPOWER_RECOMPUTE=1`` in the environment,
or ``recompute=True`` in the library (``--recompute`` on the command line), bypasses it.

Rebuild after changing the engine: ``python tools/build_store.py``.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ..citizens.results import BlockPower, CitizenPowerResult
from .union import Federation

__all__ = ["STORE_PATH", "engine_digest", "fingerprint", "lookup", "write_store"]

_PACKAGE = Path(__file__).resolve().parent.parent
STORE_PATH = _PACKAGE / "data" / "precomputed" / "apriori.json"

#: what the figures depend on: the computation's modules and the census data; presentation
#: (cli, io, plot) and the other commands' layers (design, empirical models) are left out
_ENGINE_GLOBS = (
    "core/*.py",
    "games/*.py",
    "games/power/*.py",
    "citizens/*.py",
    "us/*.py",
    "us/apportion/*.py",
    "data/*.csv",
)
_NOT_ENGINE = {"store.py", "__main__.py"}


@functools.lru_cache(maxsize=1)
def engine_digest() -> str:
    """SHA-256 of the engine's source files and data, in a fixed order (path, then bytes), and
    of the numpy and scipy versions (a store built with others is not used: the figures agree
    within their accuracy, but printed checks and ties can move in the last digit)."""
    digest = hashlib.sha256()
    found = {p for pattern in _ENGINE_GLOBS for p in _PACKAGE.glob(pattern)}
    paths = sorted(p for p in found if p.name not in _NOT_ENGINE)
    # the numerical libraries too: their last bits move the printed checks and tie orders
    import numpy
    import scipy

    digest.update(f"numpy {numpy.__version__} scipy {scipy.__version__}\0".encode())
    for path in paths:
        digest.update(path.relative_to(_PACKAGE).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint(fed: Federation) -> str:
    """SHA-256 of everything about a union that a scheme's body is built from."""
    text = json.dumps(
        [
            fed.census,
            fed.basis,
            list(fed.people.items()),
            list(fed.apportionment.items()),
            fed.dc_state,
            sorted(fed.official_seats.items()),
            fed.own_people,
            fed.chosen,
        ]
    )
    return hashlib.sha256(text.encode()).hexdigest()


def _disabled() -> bool:
    return os.environ.get("VOTEPOWER_RECOMPUTE", "").strip() not in ("", "0")


@functools.lru_cache(maxsize=1)
def _entries() -> dict[str, Any]:
    """The store's entries, if it was computed by this engine (else none)."""
    try:
        data = json.loads(STORE_PATH.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("engine") != engine_digest():
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _key(scheme: str, fed: Federation) -> str:
    return f"{scheme}|{fingerprint(fed)}"


def lookup(
    scheme: str, fed: Federation, *, shapley_shubik_values: bool = True
) -> CitizenPowerResult | None:
    """The stored result of ``scheme`` for ``fed``, or ``None`` (not stored, a store of another
    engine, or bypassed). Without ``shapley_shubik_values`` the per-citizen Shapley-Shubik
    figures are NaN, as when they are not computed."""
    if _disabled():
        return None
    record = _entries().get(_key(scheme, fed))
    if record is None:
        return None
    result = _from_record(record)
    if shapley_shubik_values:
        return result
    return replace(
        result,
        blocks=tuple(replace(b, citizen_shapley_shubik=math.nan) for b in result.blocks),
        extra=tuple((label, bz, math.nan) for label, bz, _ in result.extra),
        shapley_shubik_total=math.nan,
        quadrature_error=math.nan,
    )


def _record(result: CitizenPowerResult) -> dict[str, Any]:
    record = asdict(result)
    record["extra"] = [list(item) for item in result.extra]
    return record


def _from_record(record: dict[str, Any]) -> CitizenPowerResult:
    return CitizenPowerResult(
        body=record["body"],
        blocks=tuple(BlockPower(**block) for block in record["blocks"]),
        total_citizens=record["total_citizens"],
        direct_banzhaf=record["direct_banzhaf"],
        direct_shapley_shubik=record["direct_shapley_shubik"],
        shapley_shubik_total=record["shapley_shubik_total"],
        quadrature_error=record["quadrature_error"],
        extra=tuple((label, bz, ss) for label, bz, ss in record["extra"]),
        units=dict(record["units"]),
    )


def write_store(
    results: list[tuple[str, Federation, CitizenPowerResult]], path: Path = STORE_PATH
) -> None:
    """Write ``results`` (scheme id, union, its result) as the store of this engine."""
    entries = {_key(scheme, fed): _record(result) for scheme, fed, result in results}
    path.parent.mkdir(parents=True, exist_ok=True)
    import numpy
    import scipy

    libraries = {"numpy": numpy.__version__, "scipy": scipy.__version__}
    text = json.dumps(
        {"engine": engine_digest(), "libraries": libraries, "entries": entries}, sort_keys=True
    )
    path.write_text(text + "\n", encoding="utf-8")
    _entries.cache_clear()
