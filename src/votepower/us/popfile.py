"""A user's own populations: a CSV file of ``code,population`` rows (projected 2030
populations, say), read and validated with one-line errors naming the file, the row and the
problem."""

from __future__ import annotations

import csv
from pathlib import Path

from ..core.errors import DataError
from ..core.textfile import read_user_text
from . import datasets

__all__ = ["read_population_file", "MAX_POPULATION"]

#: larger than any country: a typo's guard
MAX_POPULATION = 10**10


def read_population_file(path: str | Path) -> dict[str, int]:
    """``{code: population}`` from a CSV file with a header ``code,population`` (a state's
    code or name, and a positive whole number of people; blank lines and ``#`` comments are
    skipped). Every problem is a :class:`DataError` naming the file and the row.

    >>> import tempfile, os
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write("code,population\\nCA,42000000\\nWyoming,600000\\n")
    >>> read_population_file(f.name)
    {'CA': 42000000, 'WY': 600000}
    >>> os.unlink(f.name)
    """
    path = Path(path)
    text = read_user_text(path, DataError, "a population file")
    lines = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        raise DataError(f"{path}: empty (expected a header code,population and one row per state)")
    header_number, header = lines[0]
    names = [h.strip().lower() for h in next(csv.reader([header]))]
    if names != ["code", "population"]:
        raise DataError(
            f"{path}, row {header_number}: the header must be 'code,population' (got {header!r})"
        )
    out: dict[str, int] = {}
    for number, line in lines[1:]:
        cells = [c.strip() for c in next(csv.reader([line]))]
        where = f"{path}, row {number}"
        if len(cells) != 2:
            raise DataError(f"{where}: expected 2 values (code,population), got {len(cells)}")
        name, value = cells
        try:
            code = datasets.state_code(name)
        except DataError as exc:
            raise DataError(f"{where}: {exc}") from None
        if code in out:
            raise DataError(f"{where}: {code} appears twice")
        if not (value.isascii() and value.isdigit()):
            raise DataError(
                f"{where}: the population of {code} must be a whole number of people, "
                f"without separators (got {value!r})"
            )
        people = int(value) if len(value.lstrip("0")) <= 11 else MAX_POPULATION + 1
        if not 1 <= people <= MAX_POPULATION:
            raise DataError(f"{where}: the population of {code} must lie between 1 and 10^10")
        out[code] = people
    if len(out) < 2:
        raise DataError(f"{path}: a union needs at least two states (found {len(out)})")
    return out
