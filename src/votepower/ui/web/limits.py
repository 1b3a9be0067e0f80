"""What the explorer's API takes on: its commands and the sizes it reads."""

from __future__ import annotations

#: the commands the API answers (``history`` and ``design`` run for minutes: the command line)
API_COMMANDS = ("states", "compare", "diff", "process", "reforms")
#: the most reforms one search evaluates on the web (its budget; the command line has more)
MAX_WEB_REFORMS = 5_000
#: the longest query string read (a request with every state's own population is a few KB)
MAX_QUERY = 100_000
#: the largest uploaded scenario or request file
MAX_UPLOAD = 256 * 1024
#: the most schemes and scenarios one comparison may hold on the web
MAX_WEB_SCHEMES = 30
#: the most players of a classroom game
MAX_GAME_PLAYERS = 60
