"""End-to-end in Debian's headless Chromium (Selenium, /usr/bin/chromedriver, no downloads):
login, an incident whose clock counts down live, recording a filing, and the role checks."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import require

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require(
        shutil.which("chromium") and shutil.which("chromedriver"),
        "Debian chromium and chromium-driver are not installed (make system-deps)",
    )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="hegui-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,900",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _login(driver: Any, base: str, who: str, password: str) -> None:
    from selenium.webdriver.common.by import By

    driver.delete_all_cookies()
    driver.get(f"{base}/login/")
    driver.find_element(By.NAME, "username").send_keys(who)
    driver.find_element(By.NAME, "password").send_keys(password)
    driver.find_element(By.ID, "login-submit").click()
    _wait_text(driver, "header .tools span", who)


def _set(driver: Any, name: str, value: str) -> None:
    from selenium.webdriver.common.by import By

    # Date and datetime-local inputs are set through the DOM: typing into them is locale-dependent.
    element = driver.find_element(By.NAME, name)
    driver.execute_script("arguments[0].value = arguments[1];", element, value)


def _wait_text(driver: Any, css: str, text: str) -> None:
    """Wait until the page (after a form submit) shows ``text`` in ``css``."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(driver, 15).until(ec.text_to_be_present_in_element((By.CSS_SELECTOR, css), text))


def _seconds(text: str) -> int:
    match = re.search(r"(?:(\d+)d )?(\d\d):(\d\d):(\d\d)", text)
    assert match, text
    d, h, m, s = (int(x or 0) for x in match.groups())
    return ((d * 24 + h) * 60 + m) * 60 + s


def test_login_incident_clock_counts_down(live_server, world, browser) -> None:
    from selenium.webdriver.common.by import By

    base = live_server.url
    _login(browser, base, "editor", world.password)
    browser.get(f"{base}/o/acme/incidents/")
    browser.find_element(By.ID, "new-incident").click()
    browser.find_element(By.NAME, "title").send_keys("Synthetic leak of test records")
    browser.find_element(By.ID, "save-incident").click()
    _wait_text(browser, "h1", "Synthetic leak of test records")

    deadline = dt.datetime.now(dt.timezone(dt.timedelta(hours=8))) + dt.timedelta(hours=2)
    browser.find_element(By.NAME, "label").send_keys("Initial report")
    _set(browser, "deadline", deadline.strftime("%Y-%m-%dT%H:%M"))
    browser.find_element(By.ID, "add-clock").click()
    _wait_text(browser, "#clocks", "Initial report")

    clock = browser.find_element(By.CSS_SELECTOR, ".clock[data-deadline]")
    first = _seconds(clock.text)
    assert 3600 < first <= 7200
    time.sleep(2.2)
    second = _seconds(browser.find_element(By.CSS_SELECTOR, ".clock[data-deadline]").text)
    assert 1 <= first - second <= 5  # the page counts down by itself, every second

    browser.find_element(By.XPATH, "//button[text()='Mark sent']").click()
    _wait_text(browser, "#clocks", "Undo")
    assert not browser.find_elements(By.CSS_SELECTOR, ".clock[data-deadline]")


def test_record_a_filing(live_server, world, browser) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base = live_server.url
    _login(browser, base, "editor", world.password)
    browser.get(f"{base}/o/acme/filings/")
    browser.find_element(By.ID, "new-filing").click()
    Select(browser.find_element(By.NAME, "kind")).select_by_value("mlps_filing")
    browser.find_element(By.NAME, "title").send_keys("MLPS level 3 filing, order system")
    browser.find_element(By.NAME, "authority").send_keys("Public security bureau")
    _set(browser, "deadline", "2027-01-29")
    browser.find_element(By.ID, "save-filing").click()
    _wait_text(browser, "h1", "MLPS level 3 filing")
    browser.get(f"{base}/o/acme/filings/")
    row = browser.find_element(By.XPATH, "//tr[td/a[contains(., 'MLPS level 3')]]")
    assert "2027-01-29" in row.text and "MLPS filing" in row.text


def test_roles_in_the_browser(live_server, world, browser) -> None:
    from selenium.webdriver.common.by import By

    base = live_server.url
    _login(browser, base, "viewer", world.password)
    browser.get(f"{base}/o/acme/incidents/")
    assert not browser.find_elements(By.ID, "new-incident")  # no edit controls for a viewer
    browser.get(f"{base}/o/acme/incidents/new/")
    assert "403" in browser.page_source or "Forbidden" in browser.page_source
    browser.get(f"{base}/o/acme/members/")
    assert "403" in browser.page_source or "Forbidden" in browser.page_source

    _login(browser, base, "outsider", world.password)
    browser.get(f"{base}/o/acme/")
    assert "Not Found" in browser.page_source or "404" in browser.page_source
    assert "Acme Test Co" not in browser.page_source

    _login(browser, base, "admin", world.password)
    browser.get(f"{base}/o/acme/members/")
    assert "viewer" in browser.find_element(By.TAG_NAME, "table").text
