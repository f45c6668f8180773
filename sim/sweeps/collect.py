"""A sweep's one tidy table: the finished jobs' tables put together.

Every job writes its swept settings into its own rows (``sim.runs.jobs.labels``), so
collecting is reading and stacking; what is missing or failed is listed too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..runs.jobs import DONE, FAILED, REGIONS, ROW_LABELS, SUMMARY, TIMESERIES, read_record
from .plan import Job, Plan, is_done


@dataclass
class Collected:
    """What a sweep folder holds: the tidy tables and what is missing or failed."""

    runs: pd.DataFrame
    weeks: pd.DataFrame
    swept: list[str]
    finished: list[Job]
    missing: list[Job]
    failed: dict[str, str]  # job folder -> error
    regions: pd.DataFrame = field(default_factory=pd.DataFrame)  # national jobs' rows


def _discover(sweep_dir: Path) -> Plan:
    """A plan rebuilt from job folders, for sweep folders made without one."""
    jobs = []
    for marker in sorted(sweep_dir.glob(f"*/{DONE}")) + sorted(sweep_dir.glob(f"*/{FAILED}")):
        record = read_record(marker) or {}
        jobs.append(Job(record.get("overrides", []), marker.parent.name, record.get("key", "")))
    return Plan.from_jobs(jobs)


def _job_table(path: Path, job: Job, swept: list[str]) -> pd.DataFrame:
    """A finished job's table with ``job`` first and only the swept settings kept as labels."""
    table = pd.read_csv(path)
    unswept = [k for k in job.settings() if k not in swept and k not in ROW_LABELS]
    table = table.drop(columns=[c for c in unswept if c in table.columns])
    table.insert(0, "job", job.folder)
    return table


def collect(sweep_dir: Path) -> Collected:
    """Gather every finished job's tables into one, with each swept setting as a column.

    A national job (``region=national``) has a row per region instead: those go to
    ``regions``, apart from the regional jobs' ``runs`` and ``weeks``.
    """
    plan = Plan.load(sweep_dir) or _discover(sweep_dir)
    runs, weeks, regions, finished, missing, failed = [], [], [], [], [], {}
    for job in plan.jobs:
        job_dir = sweep_dir / job.folder
        if not is_done(sweep_dir, job):
            record = read_record(job_dir / FAILED)
            if record is not None:
                failed[job.folder] = record.get("error", "unknown error")
            missing.append(job)
            continue
        finished.append(job)
        if (job_dir / REGIONS).exists() and not (job_dir / SUMMARY).exists():
            regions.append(_job_table(job_dir / REGIONS, job, plan.swept))
            continue
        runs.append(_job_table(job_dir / SUMMARY, job, plan.swept))
        weeks.append(_job_table(job_dir / TIMESERIES, job, plan.swept))
    return Collected(
        runs=pd.concat(runs, ignore_index=True) if runs else pd.DataFrame(),
        weeks=pd.concat(weeks, ignore_index=True) if weeks else pd.DataFrame(),
        swept=plan.swept,
        finished=finished,
        missing=missing,
        failed=failed,
        regions=pd.concat(regions, ignore_index=True) if regions else pd.DataFrame(),
    )


def missing_lines(collected: Collected) -> list[str]:
    """Markdown sections listing the failed jobs (with their errors) and those not yet run."""
    lines = []
    if collected.failed:
        lines += ["", "## Failed jobs", ""]
        lines += [f"- `{job}`: {error}" for job, error in collected.failed.items()]
    not_run = [j for j in collected.missing if j.folder not in collected.failed]
    if not_run:
        lines += ["", "## Not yet finished", ""]
        lines += [f"- `{j.folder}` ({' '.join(j.overrides)})" for j in not_run]
    return lines
