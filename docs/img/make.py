"""Make README's pictures again, from the default settings, after the model has changed.

    python docs/img/make.py                 # every experiment below, then the page
    python docs/img/make.py --skip-page     # the figures only
    python docs/img/make.py --only policy_comparison

Each experiment runs afresh (its folder under ``results/readme/`` is removed first: a
sweep that finds its jobs done would not run them again, even if the code changed) with
the experiment's own settings, on the default regency; its figures are copied here. The
page's picture is the browser test's screenshot of the classroom preset (the run the page
opens on, cycle 2, week 5, 1366 x 768), taken with ``PATRONAGE_UPDATE_SCREENSHOT=1``.
Numbers quoted in README.md come from the reports this prints: update the text by hand.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
RESULTS = ROOT / "results" / "readme"

FIGURES = {
    "policy_comparison": {
        "policy_comparison.png": "policy_comparison.png",
        "funnel.png": "funnel.png",
        "violations_over_time.png": "violations_over_time.png",
    },
    "deterrence_grid": {"deterrence_surface.png": "deterrence_surface.png"},
    "sensitivity": {"sensitivity.png": "sensitivity.png"},
    "reform_2027": {
        "reform_2027.png": "reform_2027.png",
        "reform_2027_id.png": "reform_2027_id.png",
    },
}
"""Experiment -> {figure in its sweep folder: file name here}."""


def run_experiment(name: str) -> Path:
    """Run ``experiment=name`` from scratch into results/readme/<name>; copy its figures."""
    out = RESULTS / name
    shutil.rmtree(out, ignore_errors=True)
    command = ["patronage", "-m", f"experiment={name}", f"hydra.sweep.dir={out}"]
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=ROOT, check=True)
    for source, target in FIGURES[name].items():
        shutil.copyfile(out / source, HERE / target)
        print(f"copied {out / source} -> {HERE / target}")
    return out / "report.md"


def take_screenshot() -> None:
    """The page's picture, through its browser test (needs chromium and pytest-playwright)."""
    command = [
        sys.executable, "-m", "pytest", "-q", "tests/test_app_browser.py",
        "-k", "step_advances",
    ]  # fmt: skip
    print("$ PATRONAGE_UPDATE_SCREENSHOT=1", " ".join(command), flush=True)
    env = {**os.environ, "PATRONAGE_UPDATE_SCREENSHOT": "1"}
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    print(f"wrote {HERE / 'app.png'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=sorted(FIGURES), action="append", help="experiment")
    parser.add_argument("--skip-page", action="store_true", help="no screenshot of the page")
    args = parser.parse_args()
    reports = [run_experiment(name) for name in args.only or FIGURES]
    if not args.skip_page:
        take_screenshot()
    print("\nReports to quote in README.md:", *reports, sep="\n  ")


if __name__ == "__main__":
    main()
