"""A job's record: what it ran, that it finished (or how it failed), and what produced it.

A job is one configuration run to the end: a plain ``patronage`` run, or one job
of a sweep. Its folder gets the tables, then ``done.json`` last (a folder without
it is not finished) or ``failed.json``. In a sweep, every setting the job's
overrides change is written into its rows (``labels``), so a sweep's table is the
jobs' tables put together, with no need to read each job's configuration again.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
from omegaconf import DictConfig, OmegaConf

from .files import write_text_atomic

DONE = "done.json"
FAILED = "failed.json"
SUMMARY = "summary.csv"
TIMESERIES = "timeseries.csv"
REGIONS = "regions.csv"  # a national run's summary: one row per region, replication, cycle
NATIONAL = "national.csv"  # a national run's totals: one row per replication and cycle

NOT_SETTINGS = ("experiment", "hydra.")
"""Overrides that name the sweep or Hydra's own settings rather than a setting of a job."""

ROW_LABELS = ("replication", "seed", "policy", "cycle")
"""Columns every row has already (``sim.model.metrics``): a swept ``seed`` is one of them."""


def config_key(task_cfg: DictConfig | dict[str, Any]) -> str:
    """A fingerprint of a job's resolved configuration (without Hydra's own node)."""
    if isinstance(task_cfg, DictConfig):
        task_cfg = OmegaConf.to_container(task_cfg, resolve=True)
    # a sensitivity plan only decides which jobs exist; each job's overrides carry its values
    task_cfg = {k: v for k, v in task_cfg.items() if k not in ("hydra", "sensitivity")}
    text = json.dumps(task_cfg, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def override_settings(overrides: list[str]) -> dict[str, str]:
    """A job's overrides as setting -> value text, sweep-naming ones left out."""
    pairs = (item.split("=", 1) for item in overrides if "=" in item)
    return {k.lstrip("+~"): v for k, v in pairs if not k.lstrip("+~").startswith(NOT_SETTINGS)}


def labels(cfg: DictConfig, overrides: list[str]) -> dict[str, Any]:
    """The settings a job's overrides change, with the values it ran: its rows' labels.

    A group (``region=small``) is labelled by its name, a timeline by the text given,
    anything else by its typed value; settings every row carries already are left out.
    """
    found: dict[str, Any] = {}
    for key, text in override_settings(overrides).items():
        if key in ROW_LABELS:
            continue
        value = OmegaConf.select(cfg, key, default=None)
        if isinstance(value, DictConfig):
            value = value.get("name", text)
        elif value is None or OmegaConf.is_list(value):
            value = text
        found[key] = value
    return found


def labelled(table: pd.DataFrame, labels: dict[str, Any]) -> pd.DataFrame:
    """``table`` with a leading column per label (a job's swept settings)."""
    if table.empty:
        return table
    front = pd.DataFrame({key: [value] * len(table) for key, value in labels.items()})
    return pd.concat([front, table.reset_index(drop=True)], axis=1)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, default=str) + "\n"


def provenance() -> dict[str, Any]:
    """What produced a result: package version, git commit when known, Python, platform."""
    try:
        version = metadata.version("patronage")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return {
        "package_version": version,
        "git_commit": _git_commit(),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
    }


def _git_commit() -> str | None:
    try:
        done = subprocess.run(
            ["git", "rev-parse", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() or None


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def mark_done(out_dir: Path, key: str, overrides: list[str], seed: int, started: str) -> None:
    """Record that the job in ``out_dir`` finished (written last, after its tables)."""
    record = {"key": key, "overrides": overrides, "seed": seed, "started": started, "ended": now()}
    record.update(provenance())
    (out_dir / FAILED).unlink(missing_ok=True)
    write_text_atomic(out_dir / DONE, _json(record))


def mark_failed(out_dir: Path, overrides: list[str], error: BaseException) -> None:
    """Record a job's failure, its error and configuration, for the report."""
    record = {
        "overrides": overrides,
        "error": f"{type(error).__name__}: {error}",
        "when": now(),
    } | provenance()
    write_text_atomic(out_dir / FAILED, _json(record))


def read_record(path: Path) -> dict[str, Any] | None:
    """A job's ``done.json`` or ``failed.json``; None if absent or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
