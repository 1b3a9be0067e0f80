"""The explorer's "Which reform?" view in headless Chromium: a search from the form, its
frontier and chosen reform checked against the library's answer to the same request, a share
link that reopens the search, a frontier point opened in the explorer (whose numbers are the
frontier's), the Senate's knobs, and a bad option's one-line error."""

from __future__ import annotations

import json

import pytest
from test_browser import (  # the helpers (it skips this module without Chromium)
    By,
    Select,
    WebDriverWait,
    _figures,
    _no_console_errors,
    _open,
    _query,
    _settled,
    _states_json,
)

from votepower.request.codec import from_query
from votepower.request.evaluate import evaluate
from votepower.ui.io.answers import render_answer


def _searched(browser) -> None:
    WebDriverWait(browser, 120).until(
        lambda d: (
            d.find_element(By.ID, "r-status").text == ""
            and d.execute_script("return window.__votepowerBusy !== true")
        )
    )


def _truth(query: str) -> dict:
    """The library's answer to the page's search (with the web's budget, as the API asks)."""
    request = from_query(query)
    if "budget" not in request.option:
        request = request.merged(options={"budget": 5000})
    return json.loads(render_answer(evaluate(request), "json"))


def _rows(browser) -> list[list[str]]:
    return browser.execute_script(
        "return [...document.querySelectorAll('#frontier-rows tbody tr')].map(r => "
        "[...r.cells].slice(0, 3).map(c => c.textContent))"
    )


def test_a_search_from_the_form_is_the_librarys(server, browser):
    _open(browser, server.url)
    browser.find_element(By.ID, "tab-reforms").click()
    sizes = browser.find_element(By.ID, "r-house-sizes")
    sizes.clear()
    sizes.send_keys("420..450")
    browser.find_element(By.CSS_SELECTOR, 'input[name="r-methods"][value="webster"]').click()
    target = browser.find_element(By.ID, "r-target")
    target.send_keys("3.45")
    assert browser.find_element(By.ID, "r-cli").text == (
        "votepower reforms --house-sizes 420..450 --methods huntington-hill,adams --target 3.45"
    )
    browser.find_element(By.ID, "r-search").click()
    _searched(browser)
    query = _query(browser)
    assert query.startswith("cmd=reforms")
    truth = _truth(query)
    rows = _rows(browser)
    assert len(rows) == len(truth["frontier"])
    assert [r[1] for r in rows] == [f"{p['objective']:.4f}" for p in truth["frontier"]]
    chosen = truth["chosen"]
    assert chosen["objective"] <= 3.45
    marked = browser.find_element(By.CSS_SELECTOR, "#frontier-rows tr.chosen").text
    assert f"House of {chosen['house_size']} ({chosen['method']})" in marked
    points = browser.find_elements(By.CSS_SELECTOR, "#frontier-plot .frontier-point")
    assert len(points) == len(truth["frontier"])
    assert f"of {truth['evaluated']:,} evaluated" in browser.find_element(By.ID, "r-summary").text
    _no_console_errors(browser)


def test_a_share_link_reopens_the_search_and_a_point_opens_in_the_explorer(server, browser):
    query = ('cmd=reforms&o.house_sizes="430..440"&o.methods="adams,webster"'
             '&o.senatorial_electors="2,3"&o.cost="electors"&index=banzhaf')  # fmt: skip
    _open(browser, server.url + "?" + query)
    _searched(browser)
    assert browser.find_element(By.ID, "reforms").is_displayed()
    assert browser.find_element(By.ID, "r-house-sizes").get_attribute("value") == "430..440"
    assert browser.find_element(By.ID, "r-senatorial").get_attribute("value") == "2,3"
    truth = _truth(query)
    rows = _rows(browser)
    assert [r[1] for r in rows] == [f"{p['objective']:.4f}" for p in truth["frontier"]]
    # the last (best) point, opened in the explorer: the same ratio, state by state
    best = truth["frontier"][-1]
    buttons = browser.find_elements(By.CSS_SELECTOR, "#frontier-rows .open-reform")
    buttons[-1].click()
    _settled(browser)
    assert browser.find_element(By.ID, "reform").is_displayed()
    explorer = _query(browser)
    assert explorer.startswith("cmd=compare")
    shown = _states_json(explorer)["summary"]["banzhaf"]
    assert shown["ratio"] == pytest.approx(best["objective"], rel=1e-9)
    assert _figures(browser)[0] == f"{best['objective']:.3f}"
    assert browser.find_element(By.ID, "per-state").get_attribute("value") == str(
        best["senatorial_electors"]
    )
    _no_console_errors(browser)


def test_the_senate_search_and_a_tiers_reform_opened(server, browser):
    query = ('cmd=reforms&o.body="senate"&o.senate_seats="square-root,tiers:2000000/10000000"'
             "&index=banzhaf")  # fmt: skip
    _open(browser, server.url + "?" + query)
    _searched(browser)
    assert browser.find_element(By.ID, "r-tiers").get_attribute("value") == "2000000/10000000"
    assert not browser.find_element(By.ID, "r-house-sizes").is_displayed()
    truth = _truth(query)
    assert [r[1] for r in _rows(browser)] == [f"{p['objective']:.4f}" for p in truth["frontier"]]
    everyone = {tuple(p["senate_tiers"]): p for p in truth["evaluated_reforms"]}
    tiers = everyone[(2000000, 10000000)]
    # open the tiers reform if it is on the frontier, else the first point
    rows = _rows(browser)
    k = next((i for i, r in enumerate(rows) if r[0].startswith("tiers")), 0)
    expected = tiers if rows[k][0].startswith("tiers") else truth["frontier"][0]
    browser.find_elements(By.CSS_SELECTOR, "#frontier-rows .open-reform")[k].click()
    _settled(browser)
    shown = _states_json(_query(browser))["summary"]["banzhaf"]
    assert shown["ratio"] == pytest.approx(expected["objective"], rel=1e-9)
    _no_console_errors(browser)


def test_a_bad_option_is_the_command_lines_one_line_error(server, browser):
    _open(browser, server.url)
    browser.find_element(By.ID, "tab-reforms").click()
    sizes = browser.find_element(By.ID, "r-house-sizes")
    sizes.clear()
    sizes.send_keys("500..400")
    browser.find_element(By.ID, "r-search").click()
    WebDriverWait(browser, 60).until(lambda d: d.find_element(By.ID, "r-error").is_displayed())
    assert (
        "--house-sizes 500..400: the range runs backwards"
        in browser.find_element(By.ID, "r-error").text
    )
    # a space past the web's budget
    sizes.clear()
    sizes.send_keys("1..5000")
    Select(browser.find_element(By.ID, "r-objective")).select_by_value("gini")
    browser.find_element(By.ID, "r-search").click()
    WebDriverWait(browser, 60).until(
        lambda d: "past the work budget of 5,000" in d.find_element(By.ID, "r-error").text
    )
    # the browser logs the two 400s, and nothing else
    logged = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert len(logged) == 2 and all("400" in m for m in logged), logged


def test_the_house_search_and_a_point_opened(server, browser):
    query = 'cmd=reforms&o.body="house"&o.house_sizes="433..437"&o.methods="adams,webster"'
    _open(browser, server.url + "?" + query)
    _searched(browser)
    assert Select(browser.find_element(By.ID, "r-body")).first_selected_option.text == "the House"
    assert not browser.find_element(By.ID, "r-senatorial").is_displayed()
    assert browser.find_element(By.ID, "r-house-sizes").is_displayed()
    truth = _truth(query)
    assert [r[1] for r in _rows(browser)] == [f"{p['objective']:.4f}" for p in truth["frontier"]]
    best = truth["frontier"][-1]
    browser.find_elements(By.CSS_SELECTOR, "#frontier-rows .open-reform")[-1].click()
    _settled(browser)
    assert Select(browser.find_element(By.ID, "body")).first_selected_option.text == "House"
    shown = _states_json(_query(browser))["summary"]["banzhaf"]
    assert shown["ratio"] == pytest.approx(best["objective"], rel=1e-9)
    _no_console_errors(browser)
