"""Run the ``>>>`` examples of every module of the installed package (the docs run from *.md)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import votepower

MODULES = sorted(m.name for m in pkgutil.walk_packages(votepower.__path__, "votepower."))


@pytest.mark.parametrize("name", ["votepower", *MODULES])
def test_module_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_examples_exist_in_the_main_modules():
    counted = {
        name: doctest.testmod(importlib.import_module(name), verbose=False).attempted
        for name in (
            "votepower.games.game",
            "votepower.games.power.entry",
            "votepower.games.spec",
            "votepower.request.verbs",
        )
    }
    assert all(counted.values()), counted
