"""Sweeps through the SLURM launcher, on a real single-node SLURM started for the tests.

tests/slurm/start.sh starts munged, MariaDB, slurmdbd, slurmctld and slurmd in a
temporary folder (tests/slurm/stop.sh stops them). Where they cannot start (no packages,
no permission) these tests are skipped with the reason; PATRONAGE_REQUIRE_SLURM=1 makes
that a failure instead (CI installs the packages, so there a skip would hide a problem).
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pandas as pd
import pytest

from sim.runs.jobs import DONE

from .conftest import read

SCRIPTS = Path(__file__).parent / "slurm"
SWEEP = [
    "region=small",
    "replications=2",
    "cycles=1",
    "seed=5",
    "policy=baseline,heavier_sanctions,merit_system",
]
TABLES = ["runs.csv", "weeks.csv"]
T = TypeVar("T")
PROGRESS = re.compile(r"^\s+(\d+)/3 jobs, \d+:\d\d elapsed(, about \d+:\d\d left)?$")


@dataclass
class Slurm:
    """The running test cluster: its configuration file and its one partition."""

    conf: Path
    partition: str

    @property
    def env(self) -> dict[str, str]:
        """This environment pointed at the test cluster (and at nothing a real job set)."""
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SLURM_", "SBATCH_", "SRUN_", "SALLOC_", "SQUEUE_"))
        }
        env["SLURM_CONF"] = str(self.conf)
        return env

    @property
    def launcher(self) -> list[str]:
        """The slurm launcher with what a user sets for their cluster on the command line."""
        return [
            "hydra/launcher=slurm",
            "hydra.sweeper.max_batch_size=0",
            f"hydra.launcher.partition={self.partition}",
            "hydra.launcher.timeout_min=10",
            "hydra.launcher.mem_gb=1",  # small machines have less memory than the default asks
        ]

    def run(self, *command: str) -> str:
        done = subprocess.run(
            command, env=self.env, capture_output=True, text=True, timeout=60, check=True
        )
        return done.stdout

    def steps(self) -> list[str]:
        """Job steps running now, e.g. ``12_0.0`` (array task 0 of job 12, step 0)."""
        return self.run("squeue", "--steps", "--noheader", "--format=%i").split()

    def wait_until_idle(self, timeout: float = 120) -> None:
        wait_for(lambda: not self.run("squeue", "--noheader").strip(), timeout, "jobs to end")

    def patronage(self, *args: str, cwd: Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["patronage", *args], cwd=cwd, env=self.env, capture_output=True, text=True,
            timeout=300,
        )  # fmt: skip

    def start_patronage(self, *args: str, cwd: Path, stderr: object) -> subprocess.Popen:
        return subprocess.Popen(
            ["patronage", *args], cwd=cwd, env=self.env, stdout=subprocess.PIPE,
            stderr=stderr, text=True,
        )  # fmt: skip


def wait_for(ready: Callable[[], T], timeout: float, what: str) -> T:
    """What ``ready`` returns once it is true, asked every 50 ms."""
    deadline = time.monotonic() + timeout
    while not (found := ready()):
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout} s for {what}")
        time.sleep(0.05)
    return found


@pytest.fixture(scope="session")
def slurm_cluster(tmp_path_factory) -> Iterator[Slurm]:
    folder = tmp_path_factory.mktemp("slurm")
    started = subprocess.run(
        ["bash", str(SCRIPTS / "start.sh"), str(folder)], capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    if started.returncode != 0:
        subprocess.run(["bash", str(SCRIPTS / "stop.sh"), str(folder)], timeout=300)
        reason = f"no single-node SLURM on this machine: {started.stderr.strip()}"
        if os.environ.get("PATRONAGE_REQUIRE_SLURM") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        cluster = Slurm(folder / "slurm.conf", "")
        cluster.partition = cluster.run("sinfo", "--noheader", "--format=%R").split()[0]
        yield cluster
    finally:
        subprocess.run(["bash", str(SCRIPTS / "stop.sh"), str(folder)], timeout=300)


@pytest.fixture
def slurm(slurm_cluster) -> Slurm:
    """The cluster with no job left from an earlier test (ending jobs linger a moment)."""
    slurm_cluster.wait_until_idle()
    return slurm_cluster


@pytest.fixture(scope="module")
def local(tmp_path_factory) -> dict[str, str]:
    """The sweep's tables run start to finish on Hydra's basic launcher (one process)."""
    cwd = tmp_path_factory.mktemp("local")
    done = subprocess.run(
        ["patronage", "-m", *SWEEP, "hydra/launcher=basic", f"hydra.sweep.dir={cwd}/sweep"],
        cwd=cwd, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return {name: (cwd / "sweep" / name).read_text() for name in TABLES}


def assert_same_tables(sweep: Path, local: dict[str, str]) -> None:
    """The sweep's tables are the local ones, bit for bit (the job column included)."""
    for name in TABLES:
        ours = sweep / name
        # first as tables (a readable difference), then as files (every digit and the order)
        local_copy = sweep.parent / f"local_{name}"
        local_copy.write_text(local[name])
        pd.testing.assert_frame_equal(read(ours), read(local_copy))
        assert ours.read_text() == local[name], name


def test_a_slurm_sweep_shows_progress_and_gives_the_local_numbers(slurm, local, tmp_path):
    out = tmp_path / "sweep"
    # one array task at a time, so the jobs end seconds apart (on any number of cores)
    args = ["-m", *SWEEP, *slurm.launcher, "hydra.launcher.array_parallelism=1"]
    with open(tmp_path / "stderr.txt", "w") as stderr:
        driver = slurm.start_patronage(*args, f"hydra.sweep.dir={out}", cwd=tmp_path, stderr=stderr)
        watchdog = threading.Timer(300, driver.kill)
        watchdog.start()
        try:
            lines = [(time.time(), line.rstrip("\n")) for line in driver.stdout]
            driver.wait()
        finally:
            watchdog.cancel()
    assert driver.returncode == 0, (tmp_path / "stderr.txt").read_text()
    assert any("3 of 3 job(s) finished" in line for _, line in lines), lines
    # each job ran as a task of one SLURM array job: submitit names its result by the ids
    results = sorted(p.name for p in out.glob(".submitit/*/*_result.pkl"))
    assert len(results) == 3 and all(re.fullmatch(r"\d+_[0-2]_0_result\.pkl", r) for r in results)
    assert len({r.split("_")[0] for r in results}) == 1
    assert_same_tables(out, local)
    # progress while SLURM held the jobs, not only once they were all over
    progress = [(seen, line) for seen, line in lines if PROGRESS.match(line)]
    assert progress and PROGRESS.match(progress[-1][1]).group(1) == "3", lines
    last_job_ended = max(p.stat().st_mtime for p in out.glob(f"*/{DONE}"))
    early = [line for seen, line in progress if seen < last_job_ended]
    assert early, f"no progress line before the last job ended: {progress}"
    assert all(PROGRESS.match(line).group(2) for line in early)  # with an estimate of the rest


def test_a_slurm_job_killed_midway_is_run_again_by_the_same_command(slurm, local, tmp_path):
    out = tmp_path / "sweep"
    args = ["-m", *SWEEP, *slurm.launcher, f"hydra.sweep.dir={out}"]
    driver = slurm.start_patronage(*args, cwd=tmp_path, stderr=subprocess.PIPE)
    try:
        # submitit keeps the array job's files in a folder named by its id
        array = wait_for(
            lambda: [p.name for p in out.glob(".submitit/*") if p.name.isdigit()], 120, "sbatch"
        )[0]
        # array task 0 (policy=baseline) running on the node, its Python loading the job
        # (a signal sent before the step's process exists is lost)
        log = out / ".submitit" / f"{array}_0" / f"{array}_0_0_log.out"
        wait_for(lambda: log.exists() and "Loading pickle" in log.read_text(), 120, "task 0")
        step = f"{array}_0.0"
        assert step in slurm.steps()
        # A plain scancel sends SIGTERM, which submitit ignores (so a preempted job can save
        # a checkpoint), and a short job finishes before the SIGKILL that follows 30 s
        # later. SIGKILL to the job's step kills it where it stands, as running out of
        # memory or losing the node would.
        slurm.run("scancel", "--signal=KILL", step)
        _, stderr = driver.communicate(timeout=300)
    finally:
        if driver.poll() is None:
            driver.kill()
    assert driver.returncode == 1, stderr
    assert "the launcher stopped" in stderr and "Re-run the same command" in stderr
    assert "Traceback" not in stderr
    slurm.wait_until_idle()  # the other array tasks go on without the driver
    assert not list(out.glob(f"*policy=baseline,*/{DONE}"))  # killed before it finished
    assert len(list(out.glob(f"*/{DONE}"))) == 2

    again = slurm.patronage(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "2 already finished, 1 to run" in again.stdout
    assert_same_tables(out, local)


DRIVER = """#!/bin/bash
#SBATCH --job-name=patronage-driver
#SBATCH --cpus-per-task=1
#SBATCH --mem=1G
#SBATCH --time=10
#SBATCH --output={folder}/driver.out
cd {folder}
{patronage} -m {overrides}
"""


def test_a_slurm_driver_run_as_a_batch_job_submits_and_gathers_its_sweep(slurm, local, tmp_path):
    # The README's way to keep the driver off the login node: a batch job of its own,
    # whose environment the sweep's jobs inherit.
    cpus = int(slurm.run("sinfo", "--noheader", "--format=%c").split()[0])
    if cpus < 2:
        pytest.skip("the driver job and a sweep job need two CPUs at once")
    out = tmp_path / "sweep"
    one_policy = [*SWEEP[:-1], "policy=baseline"]
    overrides = [*one_policy, *slurm.launcher, f"hydra.sweep.dir={out}"]
    script = tmp_path / "driver.sh"
    script.write_text(
        DRIVER.format(
            folder=tmp_path, patronage=shutil.which("patronage"), overrides=shlex.join(overrides)
        )
    )
    slurm.run("sbatch", str(script))
    slurm.wait_until_idle(timeout=240)
    log = (tmp_path / "driver.out").read_text()
    assert "1 of 1 job(s) finished" in log, log
    assert len(list(out.glob(".submitit/*/*_result.pkl"))) == 1
    # the same rows as the local sweep's baseline job
    local_runs = tmp_path / "local_runs.csv"
    local_runs.write_text(local["runs.csv"])
    expected = read(local_runs).query("policy == 'baseline'").reset_index(drop=True)
    pd.testing.assert_frame_equal(read(out / "runs.csv"), expected)
