"""Frame time of the teaching page: one campaign week stepped and redrawn.

    python benchmarks/app_frame.py             # in-process: step + the three PNGs
    python benchmarks/app_frame.py --browser   # also through a real server and Chromium

In-process, a frame is what the server does for one press of Step: the
model's step, then the organisation, violations and funnel figures drawn and
turned into PNGs (what solara.FigureMatplotlib sends). With ``--browser``
the page is served as ``patronage-app`` serves it and Chromium presses Step;
a frame is from the click until the week shown changes (websocket round
trip, server work, the browser's update).
"""

from __future__ import annotations

import argparse
import io
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sim.app.drawing import (  # noqa: E402
    PNG,
    _radial_layout,
    draw_funnel,
    draw_organisation,
    draw_violations,
    post_positions,
)
from sim.app.settings import TeachingModel  # noqa: E402


def png(figure) -> int:
    buffer = io.BytesIO()
    figure.savefig(buffer, **PNG)
    return buffer.tell()


def in_process(weeks: int) -> None:
    model = TeachingModel()
    _radial_layout.cache_clear()
    start = time.perf_counter()
    post_positions(model.world.chart)
    first_layout = time.perf_counter() - start
    start = time.perf_counter()
    post_positions(model.world.chart)
    cached_layout = time.perf_counter() - start
    wall: dict[str, list[float]] = {"step": [], "organisation": [], "violations": [], "funnel": []}
    cpu: dict[str, list[float]] = {name: [] for name in wall}
    sizes = []
    png(draw_organisation(model))  # warm-up: fonts, caches

    def timed(name, work):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall[name].append(time.perf_counter() - start)
        cpu[name].append(time.process_time() - start_cpu)
        return result

    for _ in range(weeks):
        timed("step", model.step)
        for name, draw in (
            ("organisation", draw_organisation),
            ("violations", draw_violations),
            ("funnel", draw_funnel),
        ):
            sizes.append(timed(name, lambda draw=draw: png(draw(model))))
    n = model.world.size
    print(f"In-process, region 'small' ({n} civil servants), {weeks} weeks, one core:")
    print(f"  load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time grows with load)")
    print(f"  layout: first {first_layout * 1e3:.1f} ms, cached {cached_layout * 1e6:.0f} us")
    print(f"  {'part':<14}{'wall ms':>9}{'CPU ms':>9}{'share':>8}")
    whole_wall = statistics.median([sum(f) for f in zip(*wall.values(), strict=True)])
    whole_cpu = statistics.median([sum(f) for f in zip(*cpu.values(), strict=True)])
    for name in wall:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"  {name:<14}{w * 1e3:>9.1f}{c * 1e3:>9.1f}{c / whole_cpu:>8.0%}")
    print(f"  {'step+redraw':<14}{whole_wall * 1e3:>9.1f}{whole_cpu * 1e3:>9.1f}   (medians)")
    print(f"  PNG bytes per frame: {sum(sizes) / weeks / 1e3:.0f} kB")


def browser(weeks: int, chromium: str) -> None:
    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "sim.app.serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://localhost:{port}/"
    try:
        start = time.perf_counter()
        while True:
            try:
                urllib.request.urlopen(url, timeout=5).close()
                break
            except OSError:
                if time.perf_counter() - start > 120:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        started = time.perf_counter() - start
        with sync_playwright() as p:
            chrome = p.chromium.launch(executable_path=chromium)
            page = chrome.new_page(viewport={"width": 1400, "height": 1000})
            start = time.perf_counter()
            page.goto(url)
            page.get_by_text("Cycle 1, week 0 of 10").wait_for(timeout=60_000)
            loaded = time.perf_counter() - start
            frames = []
            for _ in range(weeks):
                week = page.locator(".patronage-status-0").inner_text()
                start = time.perf_counter()
                page.get_by_role("button", name="Step").click()
                page.wait_for_function(
                    "w => document.querySelector('.patronage-status-0')?.innerText !== w",
                    arg=week,
                    polling="raf",
                )
                frames.append(time.perf_counter() - start)
            chrome.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"Through the server and Chromium, {weeks} presses of Step:")
    print(f"  server ready {started:.1f} s after start; page shown {loaded:.1f} s after opening")
    print(
        f"  click to new week shown: median {statistics.median(frames) * 1e3:.0f} ms, "
        f"max {max(frames) * 1e3:.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--weeks", type=int, default=30, help="weeks stepped (default 30)")
    parser.add_argument("--browser", action="store_true", help="also measure in Chromium")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    in_process(args.weeks)
    if args.browser:
        browser(args.weeks, args.chromium)


if __name__ == "__main__":
    main()
