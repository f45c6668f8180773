"""The teaching page in a real headless Chromium, driven by Playwright.

One server (``python -m sim.app.serve``, what ``patronage-app`` runs) serves every
test; each test opens the page afresh, so each is a new visitor with a model
of its own. Requests that leave this computer are blocked and recorded: the
page must work offline.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytest.importorskip("playwright")

from playwright.sync_api import Page, expect  # noqa: E402

from sim.app.settings import policy_names  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "img" / "app.png"
START_TIMEOUT = 120  # s; the server imports Solara, Mesa and the model first
WAIT = 20_000  # ms for the page to react to a click


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """Start the teaching page's server and give its address; stop it afterwards."""
    port = _free_port()
    log = tmp_path_factory.mktemp("app") / "server.log"
    paths = (str(ROOT), os.environ.get("PYTHONPATH"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    with open(log, "w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "sim.app.serve", "--port", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    url = f"http://localhost:{port}/"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the page's server did not start:\n{log.read_text()}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


class Visit:
    """A page opened on the app, with its console errors and off-machine requests."""

    def __init__(self, page: Page, url: str) -> None:
        self.page = page
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._only_local)
        page.goto(url)
        expect(page.get_by_text("Cycle 1, week 0 of 10")).to_be_visible(timeout=60_000)

    def _only_local(self, route) -> None:
        if urlparse(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def step(self, times: int = 1) -> None:
        """Press Mesa's Step button and wait until the week shown changes."""
        for _ in range(times):
            week = self.page.locator(".patronage-status-0").inner_text()
            self.page.get_by_role("button", name="Step").click()
            self.page.wait_for_function(
                "week => document.querySelector('.patronage-status-0')?.innerText !== week",
                arg=week,
                polling="raf",
                timeout=WAIT,
            )

    def in_force(self) -> str:
        return self.page.locator(".patronage-in-force").inner_text()


@pytest.fixture
def visit(page: Page, app_url: str) -> Visit:
    return Visit(page, app_url)


def test_page_loads_offline_without_console_errors(visit):
    page = visit.page
    expect(page.get_by_text("The organisation")).to_be_visible()
    expect(page.get_by_text("Enforcement funnel by cycle")).to_be_visible()
    expect(page.get_by_text("No election yet")).to_be_visible()
    # three matplotlib figures arrived as images
    expect(page.locator("img")).to_have_count(3, timeout=WAIT)
    page.wait_for_timeout(500)  # let late console messages arrive
    assert visit.errors == []
    assert visit.outside == [], "the page fetched from outside this computer"


def test_step_advances_the_week_for_this_visitor_only(visit, browser, app_url, tmp_path):
    """Step, the vote after week 10, a second visitor; then a picture for the README.

    The picture goes to the test's tmp dir; with PATRONAGE_UPDATE_SCREENSHOT=1
    it also replaces docs/img/app.png.
    """
    # patrols at their most (0.1), so the picture shows reports and sanctions
    visit.page.locator(".patronage-slider-detection_probability .v-slider__thumb-container").focus()
    visit.page.keyboard.press("End")
    expect(visit.page.locator(".patronage-in-force")).to_contain_text("patrol detection: 0.1;")
    visit.step()
    expect(visit.page.get_by_text("Cycle 1, week 1 of 10")).to_be_visible()
    visit.step(9)  # the tenth week ends with the vote
    expect(visit.page.get_by_text("Cycle 2, week 0 of 10")).to_be_visible()
    expect(visit.page.get_by_text("Election of cycle 1: candidate")).to_be_visible()
    other = Visit(browser.new_page(), app_url)  # a second visitor starts at week 0
    expect(other.page.get_by_text("No election yet")).to_be_visible()
    other.page.close()
    visit.step(6)
    expect(visit.page.get_by_text("Cycle 2, week 6 of 10")).to_be_visible()
    visit.page.set_viewport_size({"width": 1400, "height": 1300})
    visit.page.wait_for_timeout(800)  # images decoded and laid out
    shot = tmp_path / "app.png"
    visit.page.screenshot(path=shot, full_page=True)
    assert shot.stat().st_size > 50_000  # a real page, not a blank one
    print(f"screenshot: {shot}")
    if os.environ.get("PATRONAGE_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(shot.read_bytes())
    assert visit.errors == [] and other.errors == []


def test_moving_a_control_rebuilds_the_model_with_it(visit):
    assert "Sanction strength: 3;" in visit.in_force()
    visit.step(2)
    thumb = visit.page.locator(".patronage-slider-sanction_strength .v-slider__thumb-container")
    thumb.focus()
    visit.page.keyboard.press("End")  # the slider's maximum, 20
    expect(visit.page.locator(".patronage-in-force")).to_contain_text("Sanction strength: 20;")
    # a new run with the new setting: back at week 0
    expect(visit.page.get_by_text("Cycle 1, week 0 of 10")).to_be_visible()
    box = visit.page.locator(".patronage-switch-central_enforcement input")
    box.check(force=True)
    expect(visit.page.locator(".patronage-in-force")).to_contain_text(
        "Central enforcement (BKN sanctions, not the PPK): yes"
    )
    assert "Sanction strength: 20;" in visit.in_force()  # the earlier change is kept
    visit.page.locator(".patronage-policy").click()  # the policy menu: one per configs/policy file
    for name in policy_names():
        expect(visit.page.get_by_role("option", name=name, exact=True)).to_be_visible()
    assert visit.errors == []


def test_language_switch_changes_the_labels(visit):
    page = visit.page
    label = page.locator(".patronage-label-career_dependence")
    expect(label).to_have_text("Career dependence: 5.5")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(label).to_have_text("Ketergantungan karier: 5.5", timeout=WAIT)
    expect(page.get_by_text("Siklus 1, minggu 0 dari 10")).to_be_visible()
    expect(page.get_by_text("Career dependence")).to_have_count(0)
    visit.step()  # the model is the same run: stepping goes on in Indonesian
    expect(page.get_by_text("Siklus 1, minggu 1 dari 10")).to_be_visible()
    page.get_by_role("button", name="English").click()
    expect(page.get_by_text("Cycle 1, week 1 of 10")).to_be_visible(timeout=WAIT)
    assert visit.errors == []
