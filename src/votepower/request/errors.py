"""The request's usage error, and how its messages spell the command line's options."""

from __future__ import annotations

from ..core.errors import VotepowerError

__all__ = ["RequestError", "fail", "spell"]


class RequestError(VotepowerError):
    """A request that cannot be asked: a usage error (exit 2 on the command line, HTTP 400)."""


def fail(message: str) -> None:
    raise RequestError(message)


_SPELLED = {"split_states": "--split-states/--no-split-states"}


def spell(names: list[str]) -> str:
    """Parameter names as the command line spells its options."""
    return ", ".join(_SPELLED.get(n, "--" + n.replace("_", "-")) for n in names)
