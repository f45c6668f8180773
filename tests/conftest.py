"""Shared fixtures: small, fast configurations composed the way users compose them."""

from __future__ import annotations

import numpy as np
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
