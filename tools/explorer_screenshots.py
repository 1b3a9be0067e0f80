"""Screenshots of the explorer for the docs (docs/explorer-*.png), in headless Chromium.

    python tools/explorer_screenshots.py

Starts the server, opens a few views at desktop and phone widths and saves each picture.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from votepower.ui.web.server import ServerSettings, running

DOCS = Path(__file__).resolve().parent.parent / "docs"
VIEWS = {
    # name: (query, width, height, the tab to click, what to wait for)
    "explorer-desktop": ("cmd=compare&schemes=ec-current,ec-wyoming-rule&index=banzhaf", 1280,
                         1200, None, None),
    "explorer-phone": ("cmd=compare&schemes=ec-current,ec-proportional&index=banzhaf", 390, 1500,
                       None, None),
    "explorer-classroom": ("", 1000, 900, "tab-classroom", "#game-table"),
    "explorer-reforms": ('cmd=reforms&o.house_sizes="380..480"&o.methods='
                         '"huntington-hill,adams,webster"&o.statehood="none,dc"&o.target=3.4'
                         "&index=banzhaf", 1280, 1500, None, "#frontier-rows"),
}  # fmt: skip


def main() -> None:
    with running(settings=ServerSettings(workers=2)) as server:
        shoot(server.url)


def shoot(url: str) -> None:
    """Every view of :data:`VIEWS`, from the server at ``url``."""
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars"):  # fmt: skip
        options.add_argument(arg)
    options.binary_location = shutil.which("chromium") or "chromium"
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        for name, (query, width, height, tab, wait) in VIEWS.items():
            browser.set_window_size(width, height)
            browser.get(url + ("?" + query if query else ""))
            WebDriverWait(browser, 120).until(
                lambda d: d.execute_script("return document.body.dataset.ready === '1'")
            )
            if tab:
                browser.find_element(By.ID, tab).click()
            if wait:
                WebDriverWait(browser, 60).until(
                    lambda d, w=wait: d.execute_script(f"return !!document.querySelector('{w}')")
                )
            time.sleep(0.5)
            path = DOCS / f"{name}.png"
            browser.save_screenshot(str(path))
            print(path)
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
