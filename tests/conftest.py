"""Shared fixtures: small, fast configurations composed the way users compose them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.model.parameters import Params
from sim.runs.settings import compose_config, params_from


def make_params(*overrides: str) -> Params:
    """Validated parameters for ``overrides`` on top of the small region."""
    return params_from(compose_config(["region=small", *overrides]))


@pytest.fixture
def small() -> Params:
    return make_params()


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(12345)


def patronage(*args: str, cwd: Path, module: bool = False) -> subprocess.CompletedProcess:
    """Run the ``patronage`` command (or ``python -m sim``) as a user would."""
    command = [sys.executable, "-m", "sim"] if module else ["patronage"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


def read(path: Path) -> pd.DataFrame:
    """A CSV table as written, floats read back exactly."""
    # pandas 3 reads floats back exactly by default; pandas 2 needs to be asked
    exact = {} if int(pd.__version__.split(".")[0]) >= 3 else {"float_precision": "round_trip"}
    return pd.read_csv(path, **exact)


# -- browser tests (tests/test_app_browser.py) ---------------------------------

CHROMIUM = os.environ.get("PATRONAGE_CHROMIUM", "/usr/bin/chromium")
"""The browser the page is tested in: Debian's chromium (``apt-get install chromium``)."""


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright's launch arguments, pointed at the system's chromium."""
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"no browser at {CHROMIUM}: apt-get install chromium, or set PATRONAGE_CHROMIUM"
        )
    return {**browser_type_launch_args, "executable_path": CHROMIUM}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A laptop-sized window, so screenshots show the page as a teacher sees it."""
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}
