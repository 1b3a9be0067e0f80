"""The commands a request can ask for, in a registry: what each request may carry, and the
checks of its own options."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.registry import Registry, Spec

__all__ = ["COMMANDS", "CommandSpec"]


@dataclass(frozen=True)
class CommandSpec(Spec):
    """A kind of answer: what its request may carry."""

    aliases: tuple[str, ...] = ()
    schemes: tuple[int, int] = (0, 0)
    """How many built-in schemes (least, most; -1: any number)."""
    scenarios: bool = False
    options: tuple[str, ...] = ()
    """The command's own options (``Request.options`` keys)."""
    view: bool = False
    models: bool = True
    """Whether the voter model can be chosen."""


COMMANDS: Registry[CommandSpec] = Registry(
    "command",
    CommandSpec(
        "states",
        "per-state and per-citizen power in one body or scheme",
        schemes=(0, 1),
        options=("body", "split_states", "senate_model", "cloture", "vp_tiebreak"),
        view=True,
    ),
    CommandSpec("compare", "schemes side by side", schemes=(0, -1), scenarios=True),
    CommandSpec(
        "diff",
        "two schemes state by state (a scheme: a built-in id, or a scenario by its file name)",
        schemes=(2, 2),
        scenarios=True,
    ),
)

#: the options of ``states`` that belong to one body
_BODY_OPTIONS = {
    "split_states": "electoral-college",
    "senate_model": "senate",
    "cloture": "senate",
    "vp_tiebreak": "senate",
}
