"""Game specifications as text: ``"QUOTA: W1 W2 ..."`` with optional labels ``"16: A=9 B=9 C=7"``
(also ``A:9``); the quota may also be a share (``"2/3: ..."``, ``"50%: ..."``) or be left out
(strict majority). The literature's notation ``"[16; 9, 9, 7, 3, 1, 1]"`` works too, and
``7x5`` stands for five players of weight 7.
"""

from __future__ import annotations

import re

from ..core.errors import InvalidGameError
from .game import MAX_PLAYERS, WeightedGame, to_fraction

__all__ = ["parse_game"]

_REPEAT = re.compile(r"^(?P<weight>[^x*=:]+)[x*](?P<count>[0-9]+)$")
_LABELLED = re.compile(r"^(?P<label>[^=:]+)[=:](?P<weight>.+)$")


def _looks_like_quota(text: str) -> bool:
    text = text.strip()
    if not text:
        return False
    try:
        to_fraction(text.rstrip("%"))
    except InvalidGameError:
        return False
    return True


def parse_game(spec: str) -> WeightedGame:
    """Parse a game specification (see the module docstring).

    >>> parse_game("16: 9 9 7 3 1 1")
    WeightedGame([16; 9, 9, 7, 3, 1, 1])
    >>> parse_game("[39; 7x5, 1x10]").n
    15
    >>> parse_game("2/3: A=50 B=30 C=20").labels
    ('A', 'B', 'C')
    >>> parse_game("16: 9 x 7")
    Traceback (most recent call last):
    ...
    votepower.core.errors.InvalidGameError: weight 'x' is not a number
    """
    text = spec.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    quota: str | None = None
    for sep in (";", ":"):
        head, found, tail = text.partition(sep)
        if found and (sep == ";" or _looks_like_quota(head)):
            quota, text = head.strip(), tail
            break
    tokens = [t for t in re.split(r"[\s,]+", text) if t]
    if not tokens:
        raise InvalidGameError(f"no weights in game specification {spec!r}")
    players = 0
    for token in tokens:
        repeat = _REPEAT.match(token)
        players += int(repeat.group("count")) if repeat else 1
        if players > MAX_PLAYERS:
            raise InvalidGameError(f"a game may have at most {MAX_PLAYERS:,} players")
    weights: list[str] = []
    labels: list[str] = []
    for token in tokens:
        labelled = _LABELLED.match(token)
        repeat = _REPEAT.match(token)
        if labelled and not _looks_like_quota(labelled.group("label")):
            labels.append(labelled.group("label"))
            weights.append(labelled.group("weight"))
        elif repeat:
            count = int(repeat.group("count"))
            if count < 1:
                raise InvalidGameError(f"repeat count in {token!r} must be at least 1")
            weights.extend([repeat.group("weight")] * count)
        else:
            weights.append(token)
    if labels and len(labels) != len(weights):
        raise InvalidGameError("either every player has a label (A=9) or none has")
    return WeightedGame(weights, quota, labels=labels or None)
