"""What the spaces of reforms share: the knobs every body has (statehood, and the House's
size and method for the College and the House), as scenario tables, words and checks."""

from __future__ import annotations

from typing import Any

from ...core.errors import VotepowerError
from ..apportion import APPORTIONMENT_METHODS, HOUSE_SIZE_RULES, MAX_HOUSE_SIZE, is_house_size

__all__ = ["admitted", "distinct", "house_knobs", "house_table", "size_words"]


def admitted(dc: bool, pr: bool) -> list[str]:
    """The new states of a reform: DC, Puerto Rico."""
    return [code for code, on in (("DC", dc), ("PR", pr)) if on]


def house_table(size: int | str, method: str) -> dict[str, Any]:
    """A scenario's [house] table for a House of ``size`` by ``method`` (today's left out)."""
    house: dict[str, Any] = {}
    if size != 435:
        house["size"] = size
    if method != "huntington-hill":
        house["method"] = method
    return house


def size_words(size: int | str) -> str:
    """``500 seats``, or a rule's name as it is."""
    return size if isinstance(size, str) else f"{size} seats"


def house_knobs(space: Any) -> None:
    """Check a space's House sizes and set its methods to their ids."""
    for size in space.house_sizes:
        if not is_house_size(size):
            raise VotepowerError(
                f"house size {size!r}: a number of seats from 1 to {MAX_HOUSE_SIZE:,}, "
                f"{', '.join(HOUSE_SIZE_RULES.ids())} or fixed-ratio:N (N people a seat)"
            )
    object.__setattr__(
        space, "methods", tuple(APPORTIONMENT_METHODS.get(m).id for m in space.methods)
    )


def distinct(space: Any, names: tuple[str, ...], what: str = "") -> None:
    """Each knob of ``names`` given at least one value, each value once (in order)."""
    for name in names:
        values = getattr(space, name)
        if not values:
            raise VotepowerError(f"the space has no {what}{name.replace('_', ' ')}")
        object.__setattr__(space, name, tuple(dict.fromkeys(values)))
