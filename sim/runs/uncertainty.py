"""Runs over the calibration's posterior (``uncertainty=posterior``): which draw a replication runs.

Replication r runs posterior draw r mod ``uncertainty.draws``: the draw's values replace
the calibrated settings. Arms of a sweep run on the same seeds are then paired on draws as
well as seeds, so their difference carries parameter uncertainty without adding noise.

A calibrated setting that the run changes from its default in ``configs/config.yaml`` (a
policy, or the user) is applied *relative to the draw*: a value at an end of the setting's
range is kept as it is (certain follow-up = 1, no protection = 0); any other value is
scaled by draw / default (``more_patrols``, twice the default detection, becomes twice the
draw's detection), within the setting's range.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from omegaconf import OmegaConf

from ..model.parameters import ConfigError, Params
from ..model.validation import revalidate, settings_table
from .settings import CONFIG_DIR

DRAW = "draw"
"""The column a posterior run adds to its rows: the number of the draw each replication ran."""


@dataclass(frozen=True)
class Posterior:
    """A posterior sample: one row per draw, one column per calibrated setting."""

    path: Path
    keys: tuple[str, ...]
    values: np.ndarray  # (draws, keys)

    @property
    def draws(self) -> int:
        return self.values.shape[0]


def resolve(sample: str) -> Path:
    """The sample's file: as given, else relative to the repository (where configs/ is)."""
    path = Path(sample)
    if path.is_absolute() or path.exists():
        return path
    return CONFIG_DIR.parent / path


@functools.lru_cache(maxsize=8)
def _read(path: Path, stamp: float) -> Posterior:
    ranges = {row["key"]: row for row in settings_table() if row["type"] == "float"}
    try:
        table = pd.read_csv(path)
    except (OSError, ValueError) as error:
        raise ConfigError(f"uncertainty.sample={path} cannot be read: {error}") from None
    keys = [c for c in table.columns if c != DRAW]
    unknown = [k for k in keys if k not in ranges]
    if unknown or not keys:
        raise ConfigError(
            f"uncertainty.sample={path} has column(s) {', '.join(unknown) or '(none)'} that are "
            "not number settings: use a posterior.csv written by experiments/calibration"
        )
    values = table[keys].to_numpy(float)
    for j, key in enumerate(keys):
        low, high = ranges[key]["low"], ranges[key]["high"]
        bad = ~((values[:, j] >= low) & (values[:, j] <= high))
        if bad.any():
            raise ConfigError(
                f"uncertainty.sample={path}: {key}={values[bad, j][0]:g} in row "
                f"{int(np.flatnonzero(bad)[0]) + 1} is not allowed: use a number from {low:g} "
                f"to {high:g}"
            )
    return Posterior(path, tuple(keys), values)


def read_posterior(params: Params) -> Posterior | None:
    """The posterior sample a run uses (None without ``uncertainty=posterior``), checked."""
    u = params.uncertainty
    if u.kind != "posterior":
        return None
    if params.region.regions > 1:
        raise ConfigError(
            f"uncertainty.kind=posterior is not allowed with region.regions="
            f"{params.region.regions}: use it on one region"
        )
    if not u.sample:
        raise ConfigError(
            "uncertainty.sample=null is not allowed with uncertainty.kind="
            "posterior: give the posterior's CSV file"
        )
    path = resolve(u.sample)
    if not path.is_file():
        raise ConfigError(f"uncertainty.sample={u.sample} is not allowed: no such file")
    posterior = _read(path, path.stat().st_mtime)
    if u.draws > posterior.draws:
        raise ConfigError(
            f"uncertainty.draws={u.draws} is not allowed: use a number from 1 to "
            f"{posterior.draws} (the rows of {u.sample})"
        )
    return posterior


@functools.cache
def defaults() -> dict[str, Any]:
    """Every setting's value in ``configs/config.yaml`` (before policies and overrides)."""
    config = OmegaConf.load(CONFIG_DIR / "config.yaml")
    return {
        row["key"]: OmegaConf.select(config, row["key"], default=None) for row in settings_table()
    }


def relative(value: float, default: float, drawn: float, low: float, high: float) -> float:
    """The run's value of a calibrated setting at a posterior draw (the module's rule)."""
    if value == default:
        return drawn
    if value in (low, high) or default == 0:
        return value
    return float(min(high, max(low, value * drawn / default)))


@functools.cache
def _ranges() -> dict[str, dict[str, Any]]:
    return {row["key"]: row for row in settings_table()}


def with_draw(params: Params, posterior: Posterior, draw: int) -> Params:
    """``params`` with the calibrated settings of posterior draw ``draw``."""
    ranges = _ranges()
    base = defaults()
    changes: dict[str, Any] = {}
    for key, drawn in zip(posterior.keys, posterior.values[draw], strict=True):
        value = params
        for part in key.split("."):
            value = getattr(value, part)
        low, high, default = ranges[key]["low"], ranges[key]["high"], base[key]
        if isinstance(value, tuple):  # a timeline: each cycle's value likewise
            changes[key] = tuple(relative(v, default, drawn, low, high) for v in value)
        else:
            changes[key] = relative(value, default, drawn, low, high)
    return revalidate(params.replace(**changes))


def replication_params(params: Params) -> Callable[[int], tuple[Params, int | None]]:
    """replication -> (the parameters it runs, its draw number or None)."""
    posterior = read_posterior(params)
    if posterior is None:
        return lambda replication: (params, None)
    draws = params.uncertainty.draws

    @functools.cache
    def of(replication: int) -> tuple[Params, int | None]:
        draw = replication % draws
        return with_draw(params, posterior, draw), draw

    return of


def label_draw(rows: list[dict[str, Any]], draw: int | None) -> list[dict[str, Any]]:
    """Rows with the draw they ran (unchanged without a posterior)."""
    if draw is None:
        return rows
    return [row | {DRAW: draw} for row in rows]
