"""Comparing the arms of a sweep: means with 95% intervals, and changes against baseline.

An *arm* is one configuration of a sweep (one policy, or one point of a grid);
jobs that differ only in their seeds belong to the same arm. The unit of
analysis is one replication: its violation rate averaged over the run's cycles.
Arms run on the same seeds share their random numbers as far as their states
allow (``sim.streams``), so a change against baseline is estimated from paired
differences, replication by replication; when the seeds do not match, from
Welch's unpaired interval.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

SEED_SETTINGS = ("seed", "first_replication", "replications")
UNIT = ["seed", "replication"]
FUNNEL = ["violators", "reported", "proven", "sanctioned"]


@dataclass(frozen=True)
class Interval:
    """A mean and its 95% confidence interval."""

    mean: float
    low: float
    high: float
    n: int

    @property
    def half_width(self) -> float:
        return (self.high - self.low) / 2


def mean_interval(values: np.ndarray, level: float = 0.95) -> Interval:
    """Student-t interval of the mean of independent replications."""
    values = np.asarray(values, dtype=float)
    n = values.size
    mean = float(values.mean()) if n else float("nan")
    if n < 2:
        return Interval(mean, float("nan"), float("nan"), n)
    half = stats.t.ppf(0.5 + level / 2, n - 1) * values.std(ddof=1) / np.sqrt(n)
    return Interval(mean, mean - half, mean + half, n)


def difference_interval(arm: pd.Series, base: pd.Series, level: float = 0.95) -> Interval:
    """Interval of mean(arm) - mean(base); paired when both cover the same units."""
    if arm.index.equals(base.index) or set(arm.index) == set(base.index):
        return mean_interval((arm - base.reindex(arm.index)).to_numpy(), level)
    a, b = arm.to_numpy(float), base.to_numpy(float)
    diff = a.mean() - b.mean()
    va, vb = a.var(ddof=1) / a.size, b.var(ddof=1) / b.size
    dof = (va + vb) ** 2 / (va**2 / (a.size - 1) + vb**2 / (b.size - 1))
    half = stats.t.ppf(0.5 + level / 2, dof) * np.sqrt(va + vb)
    return Interval(float(diff), float(diff - half), float(diff + half), min(a.size, b.size))


def arm_settings(swept: list[str]) -> list[str]:
    """The swept settings that define arms (seeds only replicate an arm)."""
    return [key for key in swept if key not in SEED_SETTINGS]


def arm_labels(runs: pd.DataFrame, swept: list[str]) -> pd.Series:
    """A readable label per row: the policy, or the arm's settings."""
    keys = arm_settings(swept)
    if not keys:
        return runs["policy"].astype(str)
    if keys == ["policy"]:
        return runs["policy"].astype(str)
    parts = []
    for key in keys:
        column = "policy" if key == "policy" else key
        short = key.rsplit(".", 1)[-1]
        parts.append(short + "=" + runs[column].astype(str))
    label = parts[0]
    for part in parts[1:]:
        label = label + ", " + part
    return label


@dataclass
class Comparison:
    """Per-arm statistics of a sweep, best (fewest violations) first."""

    table: pd.DataFrame  # one row per arm
    baseline: str | None
    paired: bool


def compare(runs: pd.DataFrame, swept: list[str], outcome: str = "violation_rate") -> Comparison:
    """Rank the arms by their mean ``outcome``, with intervals and change against baseline."""
    runs = runs.assign(arm=arm_labels(runs, swept))
    per_unit = runs.groupby(["arm", *UNIT])[outcome].mean()
    arms = set(runs["arm"])
    baseline = "baseline" if "baseline" in arms and len(arms) > 1 else None
    base_units = per_unit.loc[baseline] if baseline else None
    rows, paired = [], True
    for arm, units in per_unit.groupby(level="arm"):
        units = units.droplevel("arm")
        interval = mean_interval(units.to_numpy())
        row = {
            "arm": arm,
            "replications": interval.n,
            "mean": interval.mean,
            "low": interval.low,
            "high": interval.high,
        }
        if base_units is not None and arm != baseline:
            change = difference_interval(units, base_units)
            paired &= set(units.index) == set(base_units.index)
            row.update(change=change.mean, change_low=change.low, change_high=change.high)
        rows.append(row)
    table = pd.DataFrame(rows).sort_values("mean", kind="stable").reset_index(drop=True)
    funnel = runs.groupby("arm")[FUNNEL].mean()
    funnel["followup"] = funnel["sanctioned"] / funnel["proven"].replace(0, np.nan)
    table = table.merge(funnel, left_on="arm", right_index=True)
    return Comparison(table, baseline, paired)
