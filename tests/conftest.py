"""Shared fixtures: small, fast configurations composed the way users compose them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sim.config import Params
from sim.run import compose_config, params_from


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
