"""What the explorer's page needs to draw its knobs, from the same registries the command
line's choices come from (``GET /api/meta``)."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["meta"]


@functools.lru_cache(maxsize=1)
def meta() -> dict[str, Any]:
    """The schemes, censuses, bases, methods, House-size rules, indices, voter models, the
    elections the union can be drawn from, the reference games, the tile map and the API's
    limits."""
    from ... import __version__
    from ...core.registry import INDICES
    from ...games.reference import REFERENCE_GAMES
    from ...models import MODELS
    from ...us import datasets
    from ...us.alternatives import DEFAULT_SCHEMES, SCHEMES
    from ...us.apportion import APPORTIONMENT_METHODS, HOUSE_SIZE_RULES, MAX_HOUSE_SIZE
    from ...us.presets import CURRENT, preset_scenario
    from ...us.reforms import COSTS, OBJECTIVES
    from ...us.schemes import POPULATION_BASES
    from ..plot.common import SATURATION, TILES
    from .limits import (
        API_COMMANDS,
        MAX_GAME_PLAYERS,
        MAX_UPLOAD,
        MAX_WEB_REFORMS,
        MAX_WEB_SCHEMES,
    )

    names = {code: datasets.state_name(code) for code in TILES}
    return {
        "version": __version__,
        "commands": list(API_COMMANDS),
        "schemes": [
            {
                "id": s.id,
                "description": s.description,
                "body": s.body,
                "default": s.id in DEFAULT_SCHEMES,
                "scenario": preset_scenario(s.id),
            }
            for s in SCHEMES
        ],
        "current": CURRENT,
        "censuses": list(datasets.apportionment_census_years()),
        "population_bases": POPULATION_BASES.ids(),
        "methods": [{"id": m.id, "description": m.description} for m in APPORTIONMENT_METHODS],
        "house_size_rules": HOUSE_SIZE_RULES.ids(),
        "max_house_size": MAX_HOUSE_SIZE,
        "indices": [{"id": i.id, "description": i.description} for i in INDICES if i.citizen],
        "models": [{"id": m.id, "description": m.description} for m in MODELS],
        "elections": list(datasets.election_years()),
        "reference_games": [{"id": g.id, "description": g.description} for g in REFERENCE_GAMES],
        "tiles": {code: list(rc) for code, rc in TILES.items()},
        "state_names": names,
        "colour_saturation": SATURATION,
        "limits": {
            "schemes": MAX_WEB_SCHEMES,
            "upload_bytes": MAX_UPLOAD,
            "game_players": MAX_GAME_PLAYERS,
            "reforms": MAX_WEB_REFORMS,
        },
        "objectives": [
            {
                "id": o.id,
                "description": o.description,
                "apriori": bool(o.field),
                "empirical": bool(o.empirical),
                "lower_is_better": o.lower,
            }
            for o in OBJECTIVES
        ],  # fmt: skip
        "costs": [{"id": c.id, "description": c.description} for c in COSTS],
    }
