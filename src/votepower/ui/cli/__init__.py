"""The ``votepower`` command line: a thin click layer over the library.

Each command parses its options, calls the library and prints what :mod:`votepower.ui.io` renders.
Library errors become one-line messages with exit status 1; bad usage exits with status 2.
One module per command (or pair of related commands); :mod:`.common` holds the group and the
options several commands share.
"""

from __future__ import annotations

import os

# The command line runs schemes in parallel processes (``compare``), so each uses one BLAS
# thread: more would only compete for the same cores. Set before numpy loads; a value set by
# the user wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .common import main  # noqa: E402  (each command's module is imported when it runs)

__all__ = ["main"]
