"""Shared hypothesis strategies and the golden-file helper."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

settings.register_profile(
    "default", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.register_profile(
    "ci", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=200
)
settings.load_profile("ci" if os.environ.get("CI") else "default")

_approx = pytest.approx


def _relative_approx(expected, rel=None, abs=None, nan_ok=False):
    """``pytest.approx`` without its silent absolute tolerance of 1e-12 (unless ``abs`` is
    given): per-citizen powers are 1e-5 to 1e-22, and under the default any two of them compare
    equal, so a test of them could never fail."""
    if abs is None:
        abs = 0.0
        rel = 1e-6 if rel is None else rel
    return _approx(expected, rel=rel, abs=abs, nan_ok=nan_ok)


pytest.approx = _relative_approx

GOLDEN = Path(__file__).parent / "golden"


@st.composite
def games(draw, min_n: int = 1, max_n: int = 10, max_weight: int = 20, zeros: bool = True):
    """``(weights, quota)`` with integer weights and a quota in ``[1, W]``."""
    n = draw(st.integers(min_n, max_n))
    low = 0 if zeros else 1
    weights = draw(st.lists(st.integers(low, max_weight), min_size=n, max_size=n))
    if sum(weights) == 0:
        weights[0] = 1
    quota = draw(st.integers(1, sum(weights)))
    return weights, quota


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with ``tests/golden/<name>``; on a mismatch write ``<name>.new``."""
    path = GOLDEN / name
    new = path.with_name(path.name + ".new")
    if not path.exists():
        new.write_text(text, encoding="utf-8")
        pytest.fail(f"no golden file {path.name}; wrote {new.name} for review")
    expected = path.read_text(encoding="utf-8")
    if text != expected:
        new.write_text(text, encoding="utf-8")
        pytest.fail(f"output differs from {path.name}; wrote {new.name} (diff the two to review)")
    if new.exists():
        new.unlink()


@pytest.fixture(scope="module")
def server():
    """The explorer's server, answering in a background thread (the API and browser tests)."""
    from votepower.ui.web.server import ServerSettings, running

    with running(settings=ServerSettings(workers=2, timeout=120)) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium driven by Selenium (the browser tests' modules skip, or fail in CI,
    before asking for it when there is none: tests/test_browser.py)."""
    import shutil

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--lang=en-US"):  # fmt: skip
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    driver.set_window_size(1280, 1400)
    yield driver
    driver.quit()
