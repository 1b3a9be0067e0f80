"""The package's layout shows its layers, and the imports respect them: read from the sources
(every import, at module level or inside a function), so a lazy import counts too."""

from __future__ import annotations

import ast
import importlib
import warnings
from pathlib import Path

import pytest

import votepower

PACKAGE = Path(votepower.__file__).resolve().parent

#: the layers, lowest first: a module may import its own layer and those below it
LAYERS = ("core", "games", "citizens", "us", "models", "request", "ui")


def _modules() -> dict[str, Path]:
    out = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _imports() -> dict[str, set[str]]:
    """Every votepower module each module imports (the deepest module an import names)."""
    modules = _modules()
    out: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                if not target.startswith("votepower"):
                    continue
                subs = [f"{target}.{a.name}" for a in node.names if f"{target}.{a.name}" in modules]
                found.update(subs or [target])
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names if a.name.startswith("votepower"))
        out[name] = {m for m in found if m in modules and m != name}
    return out


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_the_package_root_shows_the_layers():
    entries = {p.name for p in PACKAGE.iterdir() if p.name not in {"__pycache__", "docs"}}
    assert entries == {
        "__init__.py", "__main__.py", "py.typed", "data", *LAYERS,
    }  # fmt: skip


def test_no_layer_imports_a_layer_above_it():
    wrong = []
    for module, targets in _imports().items():
        mine = _layer(module)
        if mine is None:
            continue
        for target in targets:
            theirs = _layer(target)
            if theirs is not None and LAYERS.index(theirs) > LAYERS.index(mine):
                wrong.append(f"{module} -> {target}")
    assert not wrong, wrong


def test_no_import_cycles():
    graph = _imports()
    # a package's __init__ re-exporting its own modules is not a cycle of concerns: only
    # module-to-module edges between files of different names count
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, ()):
            if nxt.startswith(node + ".") or node.startswith(nxt + "."):
                continue  # a package and its own modules
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt) :] + [nxt])
            elif state.get(nxt) is None:
                visit(nxt, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])
    assert not cycles, cycles


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("votepower.alternatives", "votepower.us.alternatives"),
        ("votepower.power.indices", "votepower.games.power.indices"),
        ("votepower.models.comparison", "votepower.request.empirical"),
        ("votepower.io.parse", "votepower.ui.io.parse"),
    ],
)
def test_old_import_paths_work_for_one_release_with_a_warning(old, new):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        module = importlib.import_module(old)
    said = [str(w.message) for w in caught if w.category is DeprecationWarning]
    assert any(f"{old} moved to {new}" in text for text in said), said
    assert module is importlib.import_module(new)
    assert module.__spec__.name == new


def test_new_paths_import_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name in sorted(_modules()):
            if not name.endswith("__main__"):
                importlib.import_module(name)
