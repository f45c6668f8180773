"""Bookkeeping of a sweep: its plan, which jobs finished, and its one tidy table.

A sweep folder holds ``sweep.json`` (the plan: every job's overrides and
folder), one folder per job (named after the settings it changes) and, once
aggregated, ``runs.csv``. A job counts as finished only when its
``done.json`` exists and records the same configuration key as the job in
the plan, so a re-run skips exactly the finished jobs and redoes a job whose
configuration has since changed.
"""

from __future__ import annotations

import hashlib
import json
import platform
import subprocess
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import pandas as pd
from omegaconf import DictConfig, OmegaConf

from .files import write_text_atomic

PLAN = "sweep.json"
DONE = "done.json"
FAILED = "failed.json"
RUNS = "runs.csv"
WEEKS = "weeks.csv"
SUMMARY = "summary.csv"
TIMESERIES = "timeseries.csv"

# overrides that name the sweep rather than a setting of its jobs
NOT_SETTINGS = ("experiment", "hydra.")


def config_key(task_cfg: DictConfig | dict[str, Any]) -> str:
    """A fingerprint of a job's resolved configuration (without Hydra's own node)."""
    if isinstance(task_cfg, DictConfig):
        task_cfg = OmegaConf.to_container(task_cfg, resolve=True)
    # a sensitivity plan only decides which jobs exist; each job's overrides carry its values
    task_cfg = {k: v for k, v in task_cfg.items() if k not in ("hydra", "sensitivity")}
    text = json.dumps(task_cfg, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=False, default=str) + "\n"


@dataclass
class Job:
    """One job of a sweep: its overrides, its folder (relative) and configuration key."""

    overrides: list[str]
    folder: str
    key: str

    def settings(self) -> dict[str, str]:
        """The job's overrides as setting -> value text, sweep-naming ones left out."""
        pairs = (item.split("=", 1) for item in self.overrides if "=" in item)
        return {k.lstrip("+~"): v for k, v in pairs if not k.lstrip("+~").startswith(NOT_SETTINGS)}


@dataclass
class Plan:
    """Every job of a sweep, in launch order."""

    jobs: list[Job]
    swept: list[str] = field(default_factory=list)  # settings that differ between jobs
    command: str = ""

    def save(self, sweep_dir: Path) -> None:
        jobs = [asdict(j) for j in self.jobs]
        data = {"command": self.command, "swept": self.swept, "jobs": jobs}
        write_text_atomic(sweep_dir / PLAN, _json(data))

    @classmethod
    def load(cls, sweep_dir: Path) -> Plan | None:
        path = sweep_dir / PLAN
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls([Job(**j) for j in data["jobs"]], data.get("swept", []), data.get("command", ""))

    @classmethod
    def from_jobs(cls, jobs: list[Job], command: str = "") -> Plan:
        return cls(jobs, swept_settings(jobs), command)


def swept_settings(jobs: Iterable[Job]) -> list[str]:
    """Settings whose value differs between jobs, in the order they were given."""
    values: dict[str, set[str]] = {}
    for job in jobs:
        for key, value in job.settings().items():
            values.setdefault(key, set()).add(value)
    return [key for key, seen in values.items() if len(seen) > 1]


def is_done(sweep_dir: Path, job: Job) -> bool:
    """True when the job's results exist for exactly its configuration."""
    marker = sweep_dir / job.folder / DONE
    if not marker.exists():
        return False
    try:
        return json.loads(marker.read_text(encoding="utf-8")).get("key") == job.key
    except (OSError, ValueError):
        return False  # a marker that cannot be read does not count


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


@dataclass
class Collected:
    """What a sweep folder holds: the tidy tables and what is missing or failed."""

    runs: pd.DataFrame
    weeks: pd.DataFrame
    swept: list[str]
    finished: list[Job]
    missing: list[Job]
    failed: dict[str, str]  # job folder -> error


def _discover(sweep_dir: Path) -> Plan:
    """A plan rebuilt from job folders, for sweep folders made without one."""
    jobs = []
    for marker in sorted(sweep_dir.glob(f"*/{DONE}")) + sorted(sweep_dir.glob(f"*/{FAILED}")):
        record = json.loads(marker.read_text(encoding="utf-8"))
        jobs.append(Job(record["overrides"], marker.parent.name, record.get("key", "")))
    return Plan.from_jobs(jobs)


def _saved_config(job_dir: Path) -> DictConfig | None:
    """A job's saved configuration (``.hydra/config.yaml``), if it has one."""
    saved = job_dir / ".hydra" / "config.yaml"
    return OmegaConf.load(saved) if saved.exists() else None


def _setting_value(saved: DictConfig | None, key: str, text: str) -> Any:
    """The value a job used for ``key``, typed, from its saved configuration."""
    if saved is not None:
        value = OmegaConf.select(saved, key, default=None)
        if isinstance(value, DictConfig):
            return value.get("name", text)  # a config group: its name
        if value is not None and not OmegaConf.is_list(value):
            return value
    return text


def collect(sweep_dir: Path) -> Collected:
    """Gather every finished job's tables into one, with each swept setting as a column."""
    plan = Plan.load(sweep_dir) or _discover(sweep_dir)
    runs, weeks, finished, missing, failed = [], [], [], [], {}
    for job in plan.jobs:
        job_dir = sweep_dir / job.folder
        if not is_done(sweep_dir, job):
            if (job_dir / FAILED).exists():
                record = json.loads((job_dir / FAILED).read_text(encoding="utf-8"))
                failed[job.folder] = record.get("error", "unknown error")
            missing.append(job)
            continue
        finished.append(job)
        labels = {"job": job.folder}
        saved = _saved_config(job_dir) if plan.swept else None  # read once per job
        for key in plan.swept:
            if key != "policy":  # the tables already have a policy column
                labels[key] = _setting_value(saved, key, job.settings().get(key, ""))
        for frames, name in ((runs, SUMMARY), (weeks, TIMESERIES)):
            table = pd.read_csv(job_dir / name)
            for position, (column, value) in enumerate(labels.items()):
                table.insert(position, column, value)
            frames.append(table)
    return Collected(
        runs=pd.concat(runs, ignore_index=True) if runs else pd.DataFrame(),
        weeks=pd.concat(weeks, ignore_index=True) if weeks else pd.DataFrame(),
        swept=plan.swept,
        finished=finished,
        missing=missing,
        failed=failed,
    )
