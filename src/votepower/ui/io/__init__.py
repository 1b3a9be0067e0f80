"""Reading user games and rendering results as text: table, markdown, csv, json.

Nothing here computes power; nothing elsewhere prints. One module per concern: :mod:`.parse`
(game specifications and CSV files), :mod:`.text` (what every renderer shares), and one
renderer per command: :mod:`.games`, :mod:`.apportionment`, :mod:`.states`,
:mod:`.comparison`, :mod:`.processes`. The row tables of ``states`` and ``compare`` (both
voter models) are written by one writer per format (:mod:`.rowtable`); their keys are
documented in :mod:`.columns`; :mod:`.answers` renders any answer of the evaluation.
"""

from __future__ import annotations

from ...core.textfile import MAX_FILE_BYTES
from .apportionment import ApportionmentReport, render_apportionment
from .comparison import CompareReport, render_compare
from .games import GameReport, render
from .parse import parse_game, read_game_csv, read_rule_csv
from .processes import render_process
from .states import StatesReport, render_states
from .text import COUNT_DIGITS, FORMATS, format_value

__all__ = [
    "parse_game",
    "read_game_csv",
    "read_rule_csv",
    "MAX_FILE_BYTES",
    "GameReport",
    "render",
    "FORMATS",
    "COUNT_DIGITS",
    "format_value",
    "ApportionmentReport",
    "render_apportionment",
    "StatesReport",
    "render_states",
    "CompareReport",
    "render_compare",
    "render_process",
]
