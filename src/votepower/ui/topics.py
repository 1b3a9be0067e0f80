"""The documentation's pages, for ``votepower docs``: the installed package carries them
(``votepower/docs/``, put there when the wheel is built); a source tree reads ``docs/``."""

from __future__ import annotations

import re
from pathlib import Path

from ..core.errors import VotepowerError

__all__ = ["topic_text", "topics"]


def _folder() -> Path:
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "docs", package.parent.parent / "docs"):
        if candidate.is_dir() and any(candidate.glob("*.md")):
            return candidate
    raise VotepowerError("the documentation is not installed with this copy of votepower")


def topics() -> dict[str, str]:
    """Every page's name (its file name without ``.md``) and title (its first heading)."""
    out = {}
    for page in sorted(_folder().glob("*.md")):
        first = page.read_text(encoding="utf-8").lstrip().splitlines()[0]
        out[page.stem] = re.sub(r"^#+\s*", "", first).strip()
    return out


def topic_text(name: str) -> str:
    """The page ``name`` (see :func:`topics`), as Markdown."""
    known = topics()
    if name not in known:
        raise VotepowerError(f"no topic {name!r}; the topics are {', '.join(known)}")
    return (_folder() / f"{name}.md").read_text(encoding="utf-8")
