"""The explorer in a real headless Chromium (Debian's ``chromium`` and ``chromium-driver``,
driven by Selenium): load the page, move knobs, click states, follow a shared link, open a
scenario file, download the CSV, run a classroom game, use the keyboard, and take screenshots
at phone and desktop widths. Every number the page shows is checked against the library's.

Without a browser these tests skip, saying how to install one; ``.ci/run`` installs it and
sets ``VOTEPOWER_REQUIRE_BROWSER=1``, so there they fail instead of skipping.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import threading
import urllib.request
from pathlib import Path

import pytest

from votepower.request.codec import from_query
from votepower.request.evaluate import evaluate
from votepower.ui.io.answers import render_answer

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "scenarios"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
HOW = (
    "the browser tests need Chromium and its driver: apt-get install chromium chromium-driver "
    "(Debian), and pip install selenium (in the test extra)"
)

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import Select, WebDriverWait
except ImportError:  # pragma: no cover
    webdriver = None

if webdriver is None or CHROMIUM is None or DRIVER is None:
    if os.environ.get("VOTEPOWER_REQUIRE_BROWSER"):
        raise RuntimeError(HOW)
    pytest.skip(HOW, allow_module_level=True)

#: where the screenshots go (looked at by a person; the tests check they decode)
SHOTS = Path(os.environ.get("VOTEPOWER_SCREENSHOTS", "/tmp/votepower-screenshots"))


def _open(browser, url: str) -> None:
    browser.get(url)
    WebDriverWait(browser, 120).until(
        lambda d: d.execute_script("return document.body.dataset.ready === '1'")
    )
    _settled(browser)


def _settled(browser) -> None:
    """Wait until the page has no question in flight (its status line is empty)."""
    WebDriverWait(browser, 120).until(
        lambda d: (
            d.find_element(By.ID, "status").text in ("", "Link copied.")
            and d.execute_script("return window.__votepowerBusy !== true")
        )
    )


def _query(browser) -> str:
    return browser.execute_script("return location.search").removeprefix("?")


def _states_json(query: str) -> dict:
    """What the library answers for the page's question, as the states command's JSON."""
    request = from_query(query)
    from votepower.request.model import Request

    states = Request(
        "states", union=request.union, model=request.model, index=request.index,
        schemes=tuple(s for s in (request.schemes or ()) if s not in (
            "ec-current", "senate-current", "house-current")) or None
        if not request.scenarios else None,
        scenarios=request.scenarios,
    )  # fmt: skip
    return json.loads(render_answer(evaluate(states), "json"))


def _table_states(browser) -> list[str]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#table-view tbody tr')].map(r => r.cells[0]"
        ".textContent)"
    )


def _figures(browser) -> list[str]:
    return [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#summary .figure b")]


def _png(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def _no_console_errors(browser) -> None:
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe


def test_the_page_loads_and_shows_the_librarys_numbers(server, browser):
    _open(browser, server.url)
    tiles = browser.find_elements(By.CSS_SELECTOR, "#map .tile")
    assert len(tiles) == 52
    assert "Electoral College (current)" in browser.find_element(By.ID, "map-title").text
    truth = _states_json("cmd=compare&schemes=ec-current&index=banzhaf")["summary"]["banzhaf"]
    assert _figures(browser) == [f"{truth['ratio']:.3f}", f"{truth['gini']:.4f}",
                                 f"{truth['mean_relative_to_direct']:.4f}"]  # fmt: skip
    rows = browser.find_elements(By.CSS_SELECTOR, "#table-view tbody tr")
    assert len(rows) == 51
    _no_console_errors(browser)


def test_moving_knobs_updates_the_link_and_the_numbers(server, browser):
    _open(browser, server.url)
    Select(browser.find_element(By.ID, "house-size-kind")).select_by_value("wyoming-rule")
    _settled(browser)
    Select(browser.find_element(By.ID, "method")).select_by_value("webster")
    _settled(browser)
    query = _query(browser)
    request = from_query(query)
    ((name, scenario),) = request.scenarios
    assert scenario["house"] == {"size": "wyoming-rule", "method": "webster"}
    truth = _states_json(query)["summary"]["banzhaf"]
    assert _figures(browser)[0] == f"{truth['ratio']:.3f}"
    # the diff against today's College is drawn
    assert "Against ec-current" in browser.find_element(By.ID, "diff").text
    # the Shapley-Shubik index
    Select(browser.find_element(By.ID, "index")).select_by_value("shapley-shubik")
    _settled(browser)
    truth = _states_json(_query(browser))["summary"]["shapley_shubik"]
    assert _figures(browser)[1] == f"{truth['gini']:.4f}"


def test_clicking_states_changes_the_union_and_the_link_reopens_it(server, browser):
    _open(browser, server.url + "?cmd=compare&schemes=ec-current,ec-webster&index=banzhaf")
    assert Select(browser.find_element(By.ID, "preset")).first_selected_option.get_attribute(
        "value") == "ec-webster"  # fmt: skip
    # a preset shows its knobs
    assert Select(browser.find_element(By.ID, "method")).first_selected_option.text == "webster"
    browser.find_element(By.CSS_SELECTOR, '#map .tile[data-state="CA"]').click()
    _settled(browser)
    query = _query(browser)
    assert "CA" not in from_query(query).union.states
    shown = [
        r.text.split()[0] for r in browser.find_elements(By.CSS_SELECTOR, "#table-view tbody tr")
    ]
    assert "CA" not in shown and len(shown) == 50
    figures = _figures(browser)
    # a shared link reopens the same view
    _open(browser, server.url + "?" + query)
    assert _query(browser) == query
    assert _figures(browser) == figures
    truth = _states_json(query)["summary"]["banzhaf"]
    assert figures[0] == f"{truth['ratio']:.3f}"


def test_the_keyboard_reaches_a_state(server, browser):
    _open(browser, server.url)
    tile = browser.find_element(By.CSS_SELECTOR, '#map .tile[data-state="TX"]')
    assert tile.get_attribute("tabindex") == "0"
    assert tile.get_attribute("aria-label").startswith("Texas:")
    tile.send_keys(Keys.ENTER)
    _settled(browser)
    assert "TX" not in from_query(_query(browser)).union.states
    # every control has a label
    unlabeled = browser.execute_script(
        "return [...document.querySelectorAll('select, input')].filter(e => !e.labels.length"
        " && !e.getAttribute('aria-label')).map(e => e.id)"
    )
    assert unlabeled == []


def test_opening_a_scenario_file_sets_the_knobs_and_keeps_what_they_do_not_show(server, browser):
    _open(browser, server.url)
    path = EXAMPLES / "wyoming_rule_no_dc.toml"
    browser.find_element(By.ID, "upload").send_keys(str(path))
    WebDriverWait(browser, 60).until(lambda d: "scen=" in _query(d))
    _settled(browser)
    assert Select(browser.find_element(By.ID, "method")).first_selected_option.text == "webster"
    assert "members.exclude" in browser.find_element(By.ID, "extras").text
    shown = [
        r.text.split()[0] for r in browser.find_elements(By.CSS_SELECTOR, "#table-view tbody tr")
    ]
    assert "DC" not in shown and len(shown) == 50
    truth = _states_json(_query(browser))["summary"]["banzhaf"]
    assert _figures(browser)[0] == f"{truth['ratio']:.3f}"


def test_the_csv_and_toml_downloads_are_the_command_lines(server, browser):
    _open(browser, server.url)
    Select(browser.find_element(By.ID, "elector-rule")).select_by_value("proportional")
    _settled(browser)
    href = browser.find_element(By.ID, "download-csv").get_attribute("href")
    with urllib.request.urlopen(href, timeout=120) as response:
        csv = response.read().decode()
    query = href.split("?", 1)[1].replace("&format=csv", "")
    assert csv == render_answer(evaluate(from_query(query)), "csv")
    toml_href = browser.find_element(By.ID, "download-toml").get_attribute("href")
    with urllib.request.urlopen(toml_href, timeout=60) as response:
        text = response.read().decode()
    assert 'rule = "proportional"' in text


def test_the_empirical_model(server, browser):
    _open(browser, server.url)
    Select(browser.find_element(By.ID, "model")).select_by_value("empirical")
    _settled(browser)
    query = _query(browser)
    truth = _states_json(query)
    assert _figures(browser)[0] == f"{truth['win_probability']:.3f}"
    assert "popular vote" in browser.find_element(By.ID, "map-title").text
    # the model's parameters
    for knob, value in (("nsd", "0.03"), ("shift", "0.01")):
        browser.find_element(By.ID, knob).send_keys(value, Keys.TAB)
        _settled(browser)
    Select(browser.find_element(By.ID, "lean")).select_by_value("none")
    _settled(browser)
    model = from_query(_query(browser)).model
    assert (model.national_sd, model.shift, model.lean) == (0.03, 0.01, "none")
    truth = _states_json(_query(browser))
    assert _figures(browser)[0] == f"{truth['win_probability']:.3f}"


def test_the_classroom_and_its_quiz(server, browser):
    _open(browser, server.url)
    browser.find_element(By.ID, "tab-classroom").click()
    spec = browser.find_element(By.ID, "game-spec")
    spec.clear()
    spec.send_keys("6: 4 3 2")
    browser.find_element(By.CSS_SELECTOR, "#game-form button[type=submit]").click()
    read = (
        "return [...document.querySelectorAll('#game-table tbody tr')]"
        ".map(r => [...r.cells].map(c => c.textContent))"
    )
    WebDriverWait(browser, 60).until(lambda d: len(d.execute_script(read)) == 3)
    cells = browser.execute_script(read)
    assert cells[0][:6] == ["P1", "4", "3", "3/4", "3/5", "2/3"]
    assert "Winning coalitions" in browser.find_element(By.ID, "game-explain").text
    browser.find_element(By.ID, "quiz").click()
    hidden = browser.execute_script(
        "return getComputedStyle(document.querySelector('#game-table td:nth-child(4)')).visibility"
    )
    assert hidden == "hidden"
    browser.find_element(By.ID, "reveal").click()
    shown = browser.execute_script(
        "return getComputedStyle(document.querySelector('#game-table td:nth-child(4)')).visibility"
    )
    assert shown == "visible"
    # a bad game: the command line's one-line message
    spec.clear()
    spec.send_keys("6: 4 x")
    browser.find_element(By.CSS_SELECTOR, "#game-form button[type=submit]").click()
    WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "game-error").is_displayed())


@pytest.mark.parametrize("width", [390, 1280])
def test_screenshots_at_phone_and_desktop_widths(server, browser, width):
    browser.set_window_size(width, 1400)
    try:
        _open(browser, server.url)
        SHOTS.mkdir(parents=True, exist_ok=True)
        path = SHOTS / f"explorer-{width}.png"
        assert browser.save_screenshot(str(path))
        w, h = _png(path)
        assert w >= width * 0.9 and h > 500
        assert browser.find_element(By.ID, "map-title").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "#key svg").is_displayed()
        # nothing wider than the window
        overflow = browser.execute_script(
            "return document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 1
    finally:
        browser.set_window_size(1280, 1400)


def test_the_static_copy_works_without_a_server(browser, tmp_path):
    """votepower site DIR, served by a plain static file server: the built-in schemes answer
    from the files; a setting that needs a computation says so."""
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    from votepower.ui.web.site import write_site

    assert write_site(tmp_path, censuses=[2020], schemes=["ec-current", "ec-webster"]) == 8
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    static = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=static.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{static.server_address[1]}/"
        _open(browser, url + "?cmd=compare&schemes=ec-current,ec-webster&index=banzhaf")
        truth = _states_json("cmd=compare&schemes=ec-current,ec-webster&index=banzhaf")
        assert _figures(browser)[0] == f"{truth['summary']['banzhaf']['ratio']:.3f}"
        assert "Against ec-current" in browser.find_element(By.ID, "diff").text
        Select(browser.find_element(By.ID, "house-size-kind")).select_by_value("wyoming-rule")
        WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "error").is_displayed())
        assert "votepower serve" in browser.find_element(By.ID, "error").text
        # a search needs the server too, and says so
        browser.find_element(By.ID, "tab-reforms").click()
        browser.find_element(By.ID, "r-search").click()
        WebDriverWait(browser, 30).until(lambda d: d.find_element(By.ID, "r-error").is_displayed())
        assert "votepower serve" in browser.find_element(By.ID, "r-error").text
    finally:
        static.shutdown()
        static.server_close()


def test_one_states_own_electors_rule_by_clicking(server, browser):
    _open(browser, server.url)
    Select(browser.find_element(By.ID, "click-mode")).select_by_value("proportional")
    browser.find_element(By.CSS_SELECTOR, '#map .tile[data-state="CA"]').click()
    _settled(browser)
    ((_, scenario),) = from_query(_query(browser)).scenarios
    assert scenario["electors"] == {"by_state": {"CA": "proportional"}}
    assert "prop." in browser.find_element(By.CSS_SELECTOR, '#map .tile[data-state="CA"]').text
    truth = _states_json(_query(browser))["summary"]["banzhaf"]
    assert _figures(browser)[0] == (
        f"{truth['ratio']:.3f}"
        if truth["ratio"] is not None
        else "10^" + f"{truth['ratio_log10']:.1f}"
    )


def test_a_compound_process(server, browser):
    _open(browser, server.url)
    Select(browser.find_element(By.ID, "body")).select_by_value("process")
    _settled(browser)
    browser.find_element(By.ID, "filibuster").click()
    _settled(browser)
    query = _query(browser)
    request = from_query(query)
    assert request.command == "process"
    assert dict(request.options) == {"kind": "lawmaking", "filibuster": True}
    truth = json.loads(render_answer(evaluate(request), "json"))
    senator = next(o for o in truth["offices"] if o["office"] == "senator")
    assert f"{senator['banzhaf']:.3f}" in _figures(browser)
    assert "Lawmaking" in browser.find_element(By.ID, "map-title").text
    # the link reopens the process
    _open(browser, server.url + "?" + query)
    assert browser.find_element(By.ID, "filibuster").is_selected()
    assert _query(browser) == query
