"""The import paths of the modules that moved into layered packages (votepower 0.x): kept for
one release, each with a :class:`DeprecationWarning` that names the new path.

``import votepower.alternatives`` gives the module ``votepower.us.alternatives`` itself (one
module object under both names, so classes and registries are shared), and so do the old paths
of everything below a moved package (``votepower.power.indices``)."""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import warnings
from types import ModuleType

__all__ = ["MOVED", "install"]

#: old path below ``votepower`` -> new path
MOVED = {
    "errors": "core.errors",
    "registry": "core.registry",
    "result": "core.result",
    "tables": "core.tables",
    "textfile": "core.textfile",
    "quadrature": "core.quadrature",
    "binomial": "core.binomial",
    "game": "games.game",
    "multigame": "games.multigame",
    "rules": "games.rules",
    "explain": "games.explain",
    "explain_rules": "games.explain_rules",
    "reference": "games.reference",
    "compound": "games.compound",
    "power": "games.power",
    "datasets": "us.datasets",
    "popfile": "us.popfile",
    "union": "us.union",
    "schemes": "us.schemes",
    "alternatives": "us.alternatives",
    "scenario": "us.scenario",
    "process": "us.process",
    "store": "us.store",
    "apportion": "us.apportion",
    "design": "us.design",
    "compare": "request.compare",
    "diff": "request.diff",
    "history": "request.history",
    "models.comparison": "request.empirical",
    "io": "ui.io",
    "plot": "ui.plot",
    "cli": "ui.cli",
    "topics": "ui.topics",
}


def new_path(fullname: str) -> str | None:
    """The new path of an old one (``None``: it did not move)."""
    rest = fullname.removeprefix("votepower.")
    if rest == fullname:
        return None
    best = max((old for old in MOVED if rest == old or rest.startswith(old + ".")), key=len,
               default=None)  # fmt: skip
    if best is None:
        return None
    return f"votepower.{MOVED[best]}{rest[len(best) :]}"


def _caller_level() -> int:
    """The ``stacklevel`` of the first frame outside the import machinery."""
    frame, level = sys._getframe(1), 1
    while frame is not None and (
        frame.f_code.co_filename.startswith("<frozen importlib")
        or frame.f_code.co_filename == __file__
    ):
        frame, level = frame.f_back, level + 1
    return level


class _Alias(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target
        self.spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        warnings.warn(
            f"{spec.name} moved to {self.target}; the old path goes away in the next release",
            DeprecationWarning,
            stacklevel=_caller_level(),
        )
        module = importlib.import_module(self.target)
        self.spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        """The module is the new one, already executed: only its own spec is put back (the
        import system set the old path's)."""
        module.__spec__ = self.spec


class _Finder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):  # type: ignore[no-untyped-def]
        new = new_path(fullname)
        if new is None:
            return None
        if importlib.util.find_spec(new) is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(new))


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once)."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())
