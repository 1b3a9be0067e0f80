"""The built-in schemes as settings of the law's knobs: for each scheme that a scenario can
write, the scenario table that gives the same body (the explorer's presets). A scheme that no
scenario writes (the national popular vote, a House enlarged by a new state's share) has
``None``. ``tests/test_presets.py`` checks each scenario against its scheme, state by state."""

from __future__ import annotations

from typing import Any

__all__ = ["CURRENT", "PRESETS", "preset_scenario"]

#: each body's scheme as it is today (the explorer's and the static copy's "today")
CURRENT = {"electoral-college": "ec-current", "senate": "senate-current", "house": "house-current"}

_METHODS = ("webster", "hamilton", "jefferson", "adams", "dean")

#: scheme id -> the scenario table (without ``name``) that builds the same body, or None
PRESETS: dict[str, dict[str, Any] | None] = {
    "ec-current": {"body": "electoral-college"},
    "ec-house-only": {"body": "electoral-college", "electors": {"per_state": 0}},
    **{f"ec-{m}": {"body": "electoral-college", "house": {"method": m}} for m in _METHODS},
    "ec-wyoming-rule": {"body": "electoral-college", "house": {"size": "wyoming-rule"}},
    "ec-cube-root-rule": {"body": "electoral-college", "house": {"size": "cube-root-rule"}},
    "ec-district": {"body": "electoral-college", "electors": {"rule": "district"}},
    "ec-proportional": {"body": "electoral-college", "electors": {"rule": "proportional"}},
    "ec-square-root": {"body": "electoral-college", "electors": {"rule": "square-root"}},
    "national-popular-vote": None,
    "senate-current": {"body": "senate"},
    "senate-filibuster": {"body": "senate", "senate": {"quota": "3/5"}},
    "senate-population": {"body": "senate", "senate": {"seats": "population"}},
    "senate-square-root": {"body": "senate", "senate": {"seats": "square-root"}},
    "house-current": {"body": "house"},
    "house-wyoming-rule": {"body": "house", "house": {"size": "wyoming-rule"}},
    "dc-statehood": {"body": "electoral-college", "members": {"add": ["DC"]}},
    "pr-statehood": {"body": "electoral-college", "members": {"add": ["PR"]}},
    "pr-statehood-enlarged": None,
}


def preset_scenario(scheme: str) -> dict[str, Any] | None:
    """The scenario table of a built-in scheme (with its name), or ``None``."""
    table = PRESETS.get(scheme)
    if table is None:
        return None
    return {"name": scheme, **table}
