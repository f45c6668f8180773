"""The teaching page in a real headless Chromium, driven by Playwright.

One server (``python -m sim.app.serve``, what ``patronage-app`` runs) serves every
test; each test opens the page afresh, so each is a new visitor with a model
of its own. Requests that leave this computer are blocked and recorded: the
page must work offline.
"""

from __future__ import annotations

import os
import re
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

from sim.app.labels import TEXT  # noqa: E402
from sim.app.settings import (  # noqa: E402
    FIRST_RUN,
    SLIDERS,
    SWITCHES,
    Settings,
    TeachingModel,
    policy_label,
    policy_names,
    regime_label,
    regime_names,
)
from sim.app.states import MARKS, STATES  # noqa: E402
from sim.app.status import backlog  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOT = ROOT / "docs" / "img" / "app.png"
START_TIMEOUT = 120  # s; the server imports Solara, Mesa and the model first
WAIT = 30_000  # ms for the page to react to a click (a week is drawn in about a second)
LEGIBLE = 10.0  # CSS pixels: the smallest chart text a class can read on a projector
MINUTE = 60  # s of Play within which the classroom preset must show a sanction

MESA_LABELS = (
    "Controls",
    "Model Parameters",
    "Information",
    "Play Interval",
    "Render Interval",
    "Use Threads",
    "Step",
    "Reset",
    "Run number",
    "Settings",
    "Policy",
)
"""What Mesa's own sidebar said, in English whatever the language."""

CHART_TEXT_PX = """() => Array.from(document.querySelectorAll('.patronage-chart svg text'))
  .filter(t => t.textContent.trim())
  .map(t => { const m = t.getScreenCTM();
              return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b); })"""
"""Every chart text's size on screen, in CSS pixels: its font size times the scale from
the chart's coordinates to the screen."""


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
        errors = [line for line in log.read_text().splitlines() if "Traceback" in line]
        assert not errors, log.read_text()[-3000:]


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
        expect(page.locator(".patronage-status-0")).to_have_text(
            "Cycle 1, week 0 of 10", timeout=60_000
        )

    def _only_local(self, route) -> None:
        if urlparse(route.request.url).hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def week(self) -> str:
        return self.page.locator(".patronage-status-0").inner_text()

    def step(self, times: int = 1) -> None:
        """Press Step and wait until the week shown changes."""
        for _ in range(times):
            week = self.week()
            self.page.locator(".patronage-step").click()
            self.page.wait_for_function(
                "week => document.querySelector('.patronage-status-0')?.innerText !== week",
                arg=week,
                polling="raf",
                timeout=WAIT,
            )

    def in_force(self) -> str:
        return self.page.locator(".patronage-in-force").inner_text()

    def on_graph(self, key: str) -> int:
        """How many civil servants the graph's legend counts in state ``key``."""
        shown = self.page.locator(f'[data-state="{key}"] .patronage-count').inner_text()
        return int(re.sub(r"\D", "", shown))

    def in_funnel(self, stage: str) -> int:
        """The funnel chart's counts of ``stage`` (violators, ... sanctioned), all cycles."""
        return self.page.evaluate(
            """stage => Array.from(document.querySelectorAll(`[id^="funnel-${stage}-"] text`))
                 .reduce((sum, t) => sum + parseInt(t.textContent), 0)""",
            stage,
        )


@pytest.fixture
def visit(page: Page, app_url: str) -> Visit:
    return Visit(page, app_url)


def test_page_loads_offline_without_console_errors_or_a_badge(visit):
    page = visit.page
    expect(page.get_by_text("The organisation")).to_be_visible()
    expect(page.get_by_text("Enforcement funnel by cycle")).to_be_visible()
    expect(page.get_by_text("No vote yet")).to_be_visible()
    expect(page.locator(".patronage-organisation img")).to_have_count(1, timeout=WAIT)
    expect(page.locator(".patronage-chart svg")).to_have_count(2, timeout=WAIT)
    expect(page.locator("[data-state]")).to_have_count(len(STATES) + len(MARKS))
    page.wait_for_timeout(500)  # let late console messages arrive
    assert "runs on Solara" not in page.locator("body").inner_text()
    assert visit.errors == []
    assert visit.outside == [], "the page fetched from outside this computer"


def test_playing_the_classroom_preset_shows_sanctions_on_the_graph_and_in_the_funnel(visit):
    """The run the page opens on (``sim.app.settings.FIRST_RUN``), played at the default
    speed: within a minute the first cycle's sanctions are in the funnel and on the graph
    (they land after the vote, so the graph shows them as sanctioned in an earlier cycle)."""
    started = time.monotonic()
    visit.page.locator(".patronage-play").click()
    visit.page.wait_for_function(
        """() => Array.from(document.querySelectorAll('[id^="funnel-sanctioned-"] text'))
                   .some(t => parseInt(t.textContent) > 0)""",
        polling=500,
        timeout=MINUTE * 1000,
    )
    elapsed = time.monotonic() - started
    visit.page.locator(".patronage-play").click()  # pause
    expect(visit.page.locator(".patronage-step")).to_be_enabled(timeout=WAIT)
    visit.page.wait_for_timeout(1000)
    print(f"first sanction shown {elapsed:.0f} s after Play, at {visit.week()}")
    assert visit.in_funnel("sanctioned") > 0 and visit.in_funnel("reported") > 0
    graph = visit.on_graph("state_sanctioned") + visit.on_graph("state_sanctioned_before")
    assert graph > 0
    assert "Vote of cycle 1" in visit.page.locator(".patronage-status").inner_text()
    assert visit.errors == []


def test_chart_text_is_legible_and_nothing_is_hidden_at_projector_sizes(visit):
    page = visit.page
    visit.step(11)  # past the first vote: every kind of chart text is there
    smallest = {}
    for width, height in ((1366, 768), (1920, 1080), (800, 900)):
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(600)
        sizes = page.evaluate(CHART_TEXT_PX)
        assert len(sizes) > 20
        smallest[(width, height)] = min(sizes)
        assert min(sizes) >= LEGIBLE, (width, height, min(sizes))
        # nothing wider than the window, Play at hand without scrolling
        assert page.evaluate("document.scrollingElement.scrollWidth") <= width
        play = page.locator(".patronage-play").bounding_box()
        assert play and play["y"] + play["height"] <= height
        if width >= 1366:  # the organisation, the run's state and both charts in view
            graph = page.locator(".patronage-organisation img").bounding_box()
            assert graph and graph["y"] + graph["height"] <= height
            for card in (".patronage-status", ".patronage-chart"):
                for box in page.locator(card).all():
                    assert box.bounding_box()["y"] < height * 0.8, card
    print(f"smallest chart text (CSS pixels): {smallest}")
    assert visit.errors == []


def _english_words() -> list[str]:
    """Words the page shows in English that must not be left in Bahasa Indonesia."""
    english, indonesian = TEXT["en"], TEXT["id"]
    own = [
        english[key]
        for key in english
        if "{" not in english[key] and english[key] != indonesian[key] and len(english[key]) > 3
    ]
    named = [policy_label(p) for p in policy_names()]
    named += [regime_label(r) for r in regime_names() if regime_label(r) != regime_label(r, "id")]
    named += [control.label() for control in SLIDERS + SWITCHES]
    fragments = ["Cycle", "week", "Now", "Vote of cycle", "Reshuffle", "won", "lost"]
    return [*MESA_LABELS, *own, *named, *fragments]


def test_bahasa_indonesia_leaves_no_english_label(visit):
    page = visit.page
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator(".patronage-status-0")).to_have_text(
        "Siklus 1, minggu 0 dari 10", timeout=WAIT
    )
    visit.step(11)  # the vote and the reshuffle are in words too
    expect(page.locator(".patronage-status-0")).to_have_text("Siklus 2, minggu 1 dari 10")
    # each line is a widget of its own, and may arrive a moment after the first
    status = page.locator(".patronage-status")
    expect(status).to_contain_text("Pemungutan suara siklus 1", timeout=WAIT)
    expect(status).to_contain_text("Mutasi sesudahnya", timeout=WAIT)
    page.wait_for_timeout(1000)  # the charts too
    shown = page.locator("body").inner_text()
    shown += " ".join(page.locator(".patronage-chart svg text").all_text_contents())
    shown += page.title()
    left = [w for w in _english_words() if re.search(rf"\b{re.escape(w)}\b", shown)]
    assert left == [], f"English left in Bahasa Indonesia: {left}"
    page.get_by_role("button", name="English").click()
    expect(page.locator(".patronage-status-0")).to_have_text("Cycle 2, week 1 of 10", timeout=WAIT)
    assert visit.errors == []


def test_moving_a_control_rebuilds_the_model_with_it(visit):
    assert "Sanction strength: 3;" in visit.in_force()
    visit.step(2)
    thumb = visit.page.locator(".patronage-slider-sanction_strength .v-slider__thumb-container")
    thumb.focus()
    visit.page.keyboard.press("End")  # the slider's maximum, 20
    expect(visit.page.locator(".patronage-in-force")).to_contain_text("Sanction strength: 20;")
    # a new run with the new setting: back at week 0
    expect(visit.page.locator(".patronage-status-0")).to_have_text("Cycle 1, week 0 of 10")
    box = visit.page.locator(".patronage-switch-central_enforcement input")
    box.check(force=True)
    expect(visit.page.locator(".patronage-in-force")).to_contain_text(
        "Central enforcement (BKN): yes"
    )
    assert "Sanction strength: 20;" in visit.in_force()  # the earlier change is kept
    visit.page.locator(".patronage-policy").click()  # the policy menu: one per configs/policy file
    for name in policy_names():
        option = visit.page.get_by_role("option", name=policy_label(name), exact=True)
        expect(option).to_be_visible()
    assert visit.errors == []


def test_choosing_a_regime_rebuilds_the_model_under_it_and_shows_its_backlog(visit):
    page = visit.page
    assert "Oversight regime: KASN (2020);" in visit.in_force()
    visit.step(2)
    page.locator(".patronage-regime").click()  # the menu: one per configs/regime file
    for name in regime_names():
        expect(page.get_by_role("option", name=regime_label(name), exact=True)).to_be_visible()
    page.get_by_role("option", name="Independent body, binding", exact=True).click()
    expect(page.locator(".patronage-in-force")).to_contain_text(
        "Policy: Baseline (2020 enforcement); Oversight regime: Independent body, binding;"
    )
    expect(page.locator(".patronage-status-0")).to_have_text("Cycle 1, week 0 of 10")
    expect(page.locator(".patronage-regime-help")).to_have_text(
        "Past the deadline the body's sanction applies without the PPK."
    )
    # the same run under the binding body, six weeks in: the backlog the model has
    model = TeachingModel(Settings(regime="body_binding"), FIRST_RUN)
    for _ in range(6):
        model.step()
    visit.step(6)
    status = page.locator(".patronage-status")
    expect(status).to_contain_text(backlog(model, "en"), timeout=WAIT)
    assert "The body has sanctioned" in backlog(model, "en")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(status).to_contain_text(backlog(model, "id"), timeout=WAIT)
    expect(page.locator(".patronage-in-force")).to_contain_text(
        "Rezim pengawasan: Lembaga independen, mengikat;"
    )
    expect(page.locator(".patronage-regime-help")).to_have_text(
        "Lewat tenggat, sanksi dari lembaga berlaku tanpa PPK."
    )
    assert visit.errors == []


def test_step_advances_the_week_for_this_visitor_only(visit, browser, app_url, tmp_path):
    """Step, the vote after week 10, a second visitor; then a picture for the README.

    The picture (the classroom preset, the run the page opens on, at a projector's 1366 x 768)
    goes to the test's tmp dir; with PATRONAGE_UPDATE_SCREENSHOT=1 it also replaces
    docs/img/app.png.
    """
    visit.step()
    expect(visit.page.locator(".patronage-status-0")).to_have_text("Cycle 1, week 1 of 10")
    visit.step(9)  # the tenth week ends with the vote
    expect(visit.page.locator(".patronage-status-0")).to_have_text("Cycle 2, week 0 of 10")
    expect(visit.page.get_by_text("Vote of cycle 1: candidate")).to_be_visible()
    other = Visit(browser.new_page(), app_url)  # a second visitor starts at week 0
    expect(other.page.get_by_text("No vote yet")).to_be_visible()
    other.page.close()
    visit.step(5)
    expect(visit.page.locator(".patronage-status-0")).to_have_text("Cycle 2, week 5 of 10")
    visit.page.set_viewport_size({"width": 1366, "height": 768})
    visit.page.wait_for_timeout(800)  # images decoded and laid out
    shot = tmp_path / "app.png"
    visit.page.screenshot(path=shot)
    assert shot.stat().st_size > 50_000  # a real page, not a blank one
    print(f"screenshot: {shot}")
    if os.environ.get("PATRONAGE_UPDATE_SCREENSHOT") == "1":
        SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        SCREENSHOT.write_bytes(shot.read_bytes())
    assert visit.errors == [] and other.errors == []
