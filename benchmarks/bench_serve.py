"""The explorer's speed: a knob change, the page's start, and 50 clients at once.

    python benchmarks/bench_serve.py [--clients 50] [--seconds 60]

Starts ``votepower serve``'s server in this process (two workers, as on the project's 2-core
machine) and measures:

1. **A knob change** on the Electoral College: what the page asks when a knob moves — the
   reform's per-state table and its difference from today, side by side — for settings never
   asked before (no cache): House sizes, the six methods, the electors' rules, statehood,
   both indices. A setting that is a built-in scheme is asked as that scheme, as the page
   does. The server's own time per question is read from its ``Server-Timing``
   header; the figure is the page's wait (the slower of its two questions), p50 and p95.
   Targets: 150 ms (a priori), 300 ms (empirical model).
2. **Going back** to a setting seen before: the cache's answer. (The server, as ``votepower
   serve`` starts it, answers the presets' questions in the background first: the script
   waits for that and says how long it took, so a setting that is a built-in scheme is a
   cached answer.)
3. **The page's start** in headless Chromium (when installed): from navigation to the first
   drawn answer. Target: 1 s.
4. **Many clients**: ``--clients`` threads asking a mix of questions (new and cached) for
   ``--seconds``; every answer must be a 200 (the figure: answers, errors, the slowest).
"""

from __future__ import annotations

import argparse
import base64
import json
import random
import shutil
import statistics
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from votepower.ui.web.server import ServerSettings, preset_tasks, running
from votepower.us.presets import PRESETS

METHODS = ("huntington-hill", "webster", "hamilton", "jefferson", "adams", "dean")


def _scen(table: dict) -> str:
    raw = json.dumps([{"source": "reform.toml", "name": "Reform", **table}]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _settings() -> list[dict]:
    """The knob settings, written as the page writes them (defaults left out)."""
    out = []
    for size in (436, 450, 500, 535, 600, 700, 800, 1000, "wyoming-rule", "cube-root-rule"):
        for method in METHODS[:3]:
            out.append({"body": "electoral-college", "house": {"size": size, "method": method}})
    for method in METHODS:
        out.append({"body": "electoral-college", "house": {"method": method},
                    "members": {"add": ["DC"]}})  # fmt: skip
    for rule in ("proportional", "district", "square-root"):
        out.append({"body": "electoral-college", "electors": {"rule": rule}})
    for per in (0, 1, 3):
        out.append({"body": "electoral-college", "electors": {"per_state": per}})
    for table in out:
        house = table.get("house", {})
        if house.get("method") == "huntington-hill":
            del house["method"]
        if "house" in table and not house:
            del table["house"]
    return out


def _get(url: str) -> tuple[int, float, bytes]:
    """Status, the server's time (ms) and the body."""
    try:
        with urllib.request.urlopen(url, timeout=600) as r:
            timing = r.headers.get("Server-Timing", "answer;dur=0")
            return r.status, float(timing.split("dur=")[1]), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, 0.0, exc.read()


def _preset(table: dict) -> str | None:
    """The built-in scheme a setting is, as the page recognises it (it asks for the scheme)."""
    return next((s for s, t in PRESETS.items() if t is not None and t == table), None)


def _knob(url: str, table: dict, index: str, model: str = "") -> float | None:
    """The page's wait for one knob change: states and diff side by side (the slower)."""
    scheme = _preset(table)
    reform = f"schemes={scheme}" if scheme else f"scen={_scen(table)}"
    second = scheme or "reform.toml"
    rest = "" if scheme else f"&scen={_scen(table)}"
    if model:
        questions = [f"{url}api/states?{reform}&model=empirical"]
    else:
        questions = [
            f"{url}api/states?{reform}&index={index}",
            f"{url}api/diff?schemes=ec-current,{second}{rest}&index={index}",
        ]
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(_get, questions))
    for status, _, body in results:
        if status == 400 and model:  # a question the model refuses (e.g. no district data)
            return None
        if status != 200:
            raise SystemExit(f"{status}: {body[:300]!r}")
    return max(ms for _, ms, _ in results)


def _quantiles(values: list[float]) -> str:
    q = statistics.quantiles(values, n=20)
    return f"p50 {statistics.median(values):.0f} ms, p95 {q[18]:.0f} ms, max {max(values):.0f} ms"


def _page_start(url: str) -> float | None:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        return None
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(arg)
    options.binary_location = chromium
    browser = webdriver.Chrome(service=Service(driver), options=options)
    times = []
    try:
        for n in range(5):
            census = 2020 - 10 * n
            browser.get(f"{url}?cmd=compare&schemes=ec-current&index=banzhaf&census={census}")
            WebDriverWait(browser, 60).until(
                lambda d: d.execute_script("return document.body.dataset.ready === '1'")
            )
            times.append(browser.execute_script("return performance.now()"))
    finally:
        browser.quit()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args()
    # as `votepower serve` runs it: the presets answered in the background at start
    with running(settings=ServerSettings(workers=2, timeout=120, prefetch=True)) as server:
        _measure(server, args)


def _measure(server, args) -> None:  # type: ignore[no-untyped-def]
    url = server.url
    server.pool.wait_ready()  # as `votepower serve` does before it prints its address
    began = time.perf_counter()
    while server.answers.computed < len(preset_tasks()):
        time.sleep(0.2)
    print(f"the presets' {len(preset_tasks())} questions answered in the background in "
          f"{time.perf_counter() - began:.1f} s after the start")  # fmt: skip
    _get(f"{url}api/meta")
    settings = _settings()
    for index in ("banzhaf", "shapley-shubik"):
        waits = [_knob(url, table, index) or 0.0 for table in settings]
        print(f"knob change, a priori, {index}, {len(waits)} new settings: {_quantiles(waits)}")
        slow = sorted(zip(waits, map(json.dumps, settings), strict=True), reverse=True)[:3]
        print("  slowest: " + "; ".join(f"{w:.0f} ms {t}" for w, t in slow))
    back = [_knob(url, table, "banzhaf") or 0.0 for table in settings]
    print(f"back to a setting seen before: {_quantiles(back)}")
    asked = [_knob(url, table, "", "empirical") for table in settings]
    empirical = [w for w in asked if w is not None]
    refused = len(asked) - len(empirical)
    print(f"knob change, empirical, {len(empirical)} new settings ({refused} refused by the "
          f"model): {_quantiles(empirical)}")  # fmt: skip
    start = _page_start(url)
    shown = "no chromium" if start is None else f"{start:.0f} ms (median of 5)"
    print(f"page start: {shown}")
    # many clients
    stop = time.monotonic() + args.seconds
    counts = {"ok": 0, "errors": 0}
    slowest = [0.0]
    lock = threading.Lock()
    pool = [_scen(t) for t in settings] + [
        _scen({"body": "electoral-college", "house": {"size": n}}) for n in range(900, 1400, 7)
    ]

    def client(seed: int) -> None:
        rng = random.Random(seed)
        while time.monotonic() < stop:
            scen = rng.choice(pool)
            index = rng.choice(("banzhaf", "shapley-shubik"))
            began = time.perf_counter()
            status, _, _ = _get(f"{url}api/states?scen={scen}&index={index}")
            took = time.perf_counter() - began
            with lock:
                counts["ok" if status == 200 else "errors"] += 1
                slowest[0] = max(slowest[0], took)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(f"{args.clients} clients for {args.seconds:g} s: {counts['ok']} answers, "
          f"{counts['errors']} errors, slowest {slowest[0]:.1f} s, "
          f"{server.answers.computed} computed in all")  # fmt: skip


if __name__ == "__main__":
    main()
