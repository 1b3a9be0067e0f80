"""``votepower site DIR``: a static copy of the explorer that any static web host serves with
no server behind it. Every built-in scheme under every census and both indices is answered
in advance (the same JSON as the API), for the a-priori model and the whole union; a setting
of the knobs that needs a computation says that it needs ``votepower serve``."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path

from ...request.codec import to_json
from ...request.model import Request, Union
from ...us.presets import CURRENT
from .api import Task, compute
from .meta import meta
from .server import STATIC

__all__ = ["write_site", "site_path"]


def site_path(census: int, index: str, kind: str, scheme: str) -> str:
    """Where an answer lies in the site (the page asks for the same path)."""
    return f"data/{census}/{index}/{kind}-{scheme}.json"


def _answer(request: Request) -> str:
    status, text = compute(Task("request", to_json(request)))
    if status == 200:
        return text
    return json.dumps({"error": json.loads(text)["error"], "status": status}) + "\n"


def write_site(
    folder: Path,
    *,
    censuses: Sequence[int] | None = None,
    schemes: Sequence[str] | None = None,
    indices: Sequence[str] = ("banzhaf", "shapley-shubik"),
    progress: Callable[[str], None] | None = None,
) -> int:
    """Write the page, its files and the answers into ``folder`` (created if missing);
    returns how many answers were written. ``censuses`` and ``schemes`` default to all."""
    from ...us.alternatives import SCHEMES

    info = meta()
    censuses = list(censuses or info["censuses"])
    chosen = list(schemes or [s.id for s in SCHEMES])
    static = resources.files("votepower.ui.web").joinpath("static")
    (folder / "static").mkdir(parents=True, exist_ok=True)
    page = static.joinpath("index.html").read_text(encoding="utf-8")
    page = page.replace('href="/static/', 'href="static/').replace('src="/static/', 'src="static/')
    page = page.replace("<head>", '<head>\n<meta name="votepower-static" content="1">', 1)
    (folder / "index.html").write_text(page, encoding="utf-8")
    for name in STATIC:
        if name == "index.html":
            continue
        (folder / "static" / name).write_bytes(static.joinpath(name).read_bytes())
    site_meta = {
        **info,
        "static": {"censuses": censuses, "schemes": chosen, "indices": list(indices)},
    }
    (folder / "meta.json").write_text(json.dumps(site_meta) + "\n", encoding="utf-8")
    written = 0
    for census in censuses:
        for index in indices:
            for scheme in chosen:
                if progress is not None:
                    progress(f"{census} {index} {scheme}")
                body = SCHEMES.get(scheme).body
                answers = {"states": Request("states", schemes=(scheme,), index=index,
                                             union=Union(census=census))}  # fmt: skip
                if body in CURRENT:
                    answers["diff"] = Request(
                        "diff", schemes=(CURRENT[body], scheme), index=index,
                        union=Union(census=census),
                    )  # fmt: skip
                for kind, request in answers.items():
                    path = folder / site_path(census, index, kind, scheme)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(_answer(request), encoding="utf-8")
                    written += 1
    return written
