"""Reading the user's text files (games, populations, scenarios) with a bound on their size:
a device such as ``/dev/zero`` or a huge file is refused before memory runs out."""

from __future__ import annotations

from pathlib import Path

from .errors import VotepowerError

__all__ = ["MAX_FILE_BYTES", "read_user_text"]

#: the largest user file read (far beyond any real body's list of members or scenario)
MAX_FILE_BYTES = 16 * 2**20


def read_user_text(path: Path, error: type[VotepowerError], what: str) -> str:
    """The UTF-8 text of ``path`` (a byte-order mark dropped), at most
    :data:`MAX_FILE_BYTES`; every problem is ``error`` naming the file and ``what`` it
    should be (``"a scenario file"``)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise error(f"{path}: no such file") from None
    except IsADirectoryError:
        raise error(f"{path}: a directory, not {what}") from None
    except OSError as exc:
        raise error(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise error(f"{path}: larger than {MAX_FILE_BYTES // 2**20} MiB, too large for {what}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise error(f"{path}: not a text file in UTF-8 ({what} must be one)") from None
