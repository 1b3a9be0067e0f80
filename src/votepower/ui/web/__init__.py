"""The reform explorer in a browser: :mod:`.api` (the JSON API, without sockets: every
question parsed by the command line's parsers and answered by the same evaluation),
:mod:`.server` (HTTP with the standard library: worker processes, limits, a cache),
:mod:`.meta` (what the page needs to draw its knobs), :mod:`.limits` and the page itself in
``static/`` (plain HTML, CSS and JavaScript; no number computed there)."""
