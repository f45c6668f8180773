"""A sweep's plan: every job's overrides and folder, and which jobs have finished.

A sweep folder holds ``sweep.json`` (the plan), one folder per job (named after
the settings it changes) and, once aggregated, ``runs.csv``. A job counts as
finished only when its ``done.json`` exists and records the same configuration
key as the job in the plan, so a re-run skips exactly the finished jobs and
redoes a job whose configuration has since changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..runs.files import write_text_atomic
from ..runs.jobs import DONE, override_settings, read_record

PLAN = "sweep.json"
RUNS = "runs.csv"
WEEKS = "weeks.csv"


@dataclass
class Job:
    """One job of a sweep: its overrides, its folder (relative) and configuration key."""

    overrides: list[str]
    folder: str
    key: str

    def settings(self) -> dict[str, str]:
        """The job's overrides as setting -> value text, sweep-naming ones left out."""
        return override_settings(self.overrides)


@dataclass
class Plan:
    """Every job of a sweep, in launch order."""

    jobs: list[Job]
    swept: list[str] = field(default_factory=list)  # settings that differ between jobs
    command: str = ""

    def save(self, sweep_dir: Path) -> None:
        jobs = [asdict(j) for j in self.jobs]
        data = {"command": self.command, "swept": self.swept, "jobs": jobs}
        write_text_atomic(sweep_dir / PLAN, json.dumps(data, indent=2, default=str) + "\n")

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
    record = read_record(sweep_dir / job.folder / DONE)
    return record is not None and record.get("key") == job.key
