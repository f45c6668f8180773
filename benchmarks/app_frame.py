"""Frame time of the teaching page: one campaign week stepped and redrawn.

    python benchmarks/app_frame.py             # in-process: step + the three PNGs
    python benchmarks/app_frame.py --browser   # also through a real server and Chromium

In-process, a frame is what the server does for one press of Step: the
model's step, then the organisation drawn as an image, the two charts as inline
SVG, and the legend and the status in words. With ``--browser`` the page is
served as ``patronage-app`` serves it and Chromium presses Step; a frame is
from the click until the week shown changes (websocket round trip, server
work, the browser's update).
"""

from __future__ import annotations

import argparse
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
    _background,
    _radial_layout,
    draw_funnel,
    draw_violations,
    legend,
    organisation_image,
    post_positions,
    svg,
)
from sim.app.settings import TeachingModel  # noqa: E402
from sim.app.status import status_lines  # noqa: E402


def in_process(weeks: int) -> None:
    model = TeachingModel()
    _radial_layout.cache_clear()
    _background.cache_clear()
    start = time.perf_counter()
    post_positions(model.world.chart)
    first_layout = time.perf_counter() - start
    start = time.perf_counter()
    post_positions(model.world.chart)
    cached_layout = time.perf_counter() - start
    parts = ("step", "organisation", "violations", "funnel", "words")
    wall: dict[str, list[float]] = {name: [] for name in parts}
    cpu: dict[str, list[float]] = {name: [] for name in parts}
    sizes = []
    svg(draw_violations(model))  # warm-up: fonts

    def timed(name, work):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = work()
        wall[name].append(time.perf_counter() - start)
        cpu[name].append(time.process_time() - start_cpu)
        return result

    for _ in range(weeks):
        timed("step", model.step)
        sizes.append(len(timed("organisation", lambda: organisation_image(model))))
        for name, draw in (("violations", draw_violations), ("funnel", draw_funnel)):
            sizes.append(len(timed(name, lambda draw=draw: svg(draw(model)))))
        timed("words", lambda: (legend(model), status_lines(model)))
    n = model.world.size
    region = model.params.region.name
    print(f"In-process, region '{region}' ({n:,} civil servants), {weeks} weeks, one core:")
    print("  (the plain ties are drawn once a cycle and reused: the first week of a cycle")
    print("   costs more, the median shows a usual week)")
    print(f"  load {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (wall time grows with load)")
    print(f"  layout: first {first_layout * 1e3:.1f} ms, cached {cached_layout * 1e6:.0f} us")
    print(f"  {'part':<14}{'wall ms':>9}{'CPU ms':>9}{'share':>8}")
    whole_wall = statistics.median([sum(f) for f in zip(*wall.values(), strict=True)])
    whole_cpu = statistics.median([sum(f) for f in zip(*cpu.values(), strict=True)])
    for name in wall:
        w, c = statistics.median(wall[name]), statistics.median(cpu[name])
        print(f"  {name:<14}{w * 1e3:>9.1f}{c * 1e3:>9.1f}{c / whole_cpu:>8.0%}")
    print(f"  {'step+redraw':<14}{whole_wall * 1e3:>9.1f}{whole_cpu * 1e3:>9.1f}   (medians)")
    print(f"  bytes per frame (image and SVG): {sum(sizes) / weeks / 1e3:.0f} kB")


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
                page.locator(".patronage-step").click()
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
