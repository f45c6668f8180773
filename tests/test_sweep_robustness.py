"""Sweeps that survive: failing jobs, SIGKILL and resume, the same numbers on every launcher."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from sim.runs.jobs import DONE, FAILED
from sim.runs.settings import compose_config

from .conftest import patronage, read

SWEEP = ["region=small", "replications=2", "cycles=2", "seed=5", "policy=baseline,merit_system"]
KEYS = ["job", "replication", "cycle"]


def tidy(path: Path) -> pd.DataFrame:
    return read(path).sort_values(KEYS).reset_index(drop=True)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> pd.DataFrame:
    """The sweep run start to finish on Hydra's basic launcher (one process)."""
    cwd = tmp_path_factory.mktemp("reference")
    done = patronage("-m", *SWEEP, "hydra/launcher=basic", f"hydra.sweep.dir={cwd}/sweep", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return tidy(cwd / "sweep" / "runs.csv")


LAUNCHERS = ["joblib", "submitit_local"]
if importlib.util.find_spec("hydra_plugins.hydra_ray_launcher") is not None:
    LAUNCHERS.append("ray_local")  # optional extra: tested where it is installed


@pytest.mark.parametrize("launcher", LAUNCHERS)
def test_every_launcher_gives_the_same_numbers(reference, tmp_path, launcher):
    done = patronage(
        "-m",
        *SWEEP,
        f"hydra/launcher={launcher}",
        f"hydra.sweep.dir={tmp_path}/sweep",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(tidy(tmp_path / "sweep" / "runs.csv"), reference)


FAILING = """
import importlib
import sys

runs = importlib.import_module("sim.runs.api")
real = runs.simulate


def simulate(params, chart=None):
    if params.policy == "merit_system":
        raise RuntimeError("disk full while simulating")  # a job that breaks midway
    return real(params, chart)


runs.simulate = simulate
from sim.runs.cli import main  # noqa: E402 (imports the patched simulate)

sys.argv = ["patronage", *sys.argv[1:]]
main()
"""


def test_a_failing_job_is_recorded_and_the_others_finish(tmp_path):
    script = tmp_path / "failing.py"
    script.write_text(FAILING)
    out = tmp_path / "sweep"
    args = [*SWEEP, "hydra/launcher=basic", f"hydra.sweep.dir={out}"]
    failed = subprocess.run(
        [sys.executable, str(script), "-m", *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert failed.returncode == 1
    assert "1 job(s) failed" in failed.stderr
    runs = read(out / "runs.csv")
    assert set(runs["policy"]) == {"baseline"}  # the finished job is aggregated
    merit = next(out.glob("*policy=merit_system*"))  # the job's folder, named by its settings
    record = json.loads((merit / FAILED).read_text())
    assert record["error"] == "RuntimeError: disk full while simulating"
    assert "policy=merit_system" in record["overrides"]
    report = (out / "report.md").read_text()
    assert "## Failed jobs" in report and "disk full while simulating" in report
    # fixed and run again: only the failed job runs, and the sweep is whole
    again = patronage("-m", *args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "1 already finished, 1 to run" in again.stdout
    assert set(read(out / "runs.csv")["policy"]) == {"baseline", "merit_system"}
    assert not (merit / FAILED).exists()


def _start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(
        ["patronage", *args],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches every worker
    )


@pytest.mark.parametrize("moment", ["mid-job", "after-first-job"])
def test_a_sweep_killed_at_any_moment_resumes_to_exactly_the_same_rows(reference, tmp_path, moment):
    out = tmp_path / "sweep"
    args = ["-m", *SWEEP, "hydra/launcher=basic", f"hydra.sweep.dir={out}"]
    running = _start(args, tmp_path)
    deadline = time.monotonic() + 120
    if moment == "after-first-job":
        while not list(out.glob(f"*/{DONE}")) and time.monotonic() < deadline:
            time.sleep(0.02)
    else:  # once the plan exists the first job is under way
        while not (out / "sweep.json").exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.3)
    os.killpg(running.pid, signal.SIGKILL)
    running.wait()
    assert not (out / "runs.csv").exists() or moment == "after-first-job"
    again = patronage(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    resumed = tidy(out / "runs.csv")
    pd.testing.assert_frame_equal(resumed, reference)
    assert not resumed.duplicated(KEYS).any()
    assert not list(out.rglob("*.tmp"))  # no half-written file left behind


def test_a_file_a_kill_left_half_written_is_cleared_on_resume(tmp_path):
    # A SIGKILL between creating a temporary file and renaming it leaves the temporary
    # behind; the kill above lands there only by chance, so one is planted here.
    out = tmp_path / "sweep"
    args = ["-m", *SWEEP, "hydra/launcher=basic", f"hydra.sweep.dir={out}"]
    assert patronage(*args, cwd=tmp_path).returncode == 0
    leftover = next(out.glob("*policy=baseline*")) / ".summary.csv.k1ll3d.tmp"
    leftover.write_text("replication,se")
    again = patronage(*args, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert not list(out.rglob("*.tmp"))


def test_cluster_launchers_compose_ready_to_use():
    slurm = compose_config(["hydra/launcher=slurm"], with_hydra=True).hydra.launcher
    assert slurm._target_.endswith("SlurmLauncher") and slurm.array_parallelism > 0
    local = compose_config(["hydra/launcher=submitit_local"], with_hydra=True).hydra.launcher
    assert local._target_.endswith("LocalLauncher")


def test_a_finished_job_records_its_provenance(reference, tmp_path):
    out = tmp_path / "one"
    done = patronage(
        "region=small", "replications=1", "cycles=1", f"hydra.run.dir={out}", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    record = json.loads((out / DONE).read_text())
    for key in ("package_version", "git_commit", "python", "platform", "seed", "started", "ended"):
        assert key in record, key
    assert record["seed"] == 2020 and record["python"] == sys.version.split()[0]
    assert record["overrides"] == ["region=small", "replications=1", "cycles=1"]


def test_any_setting_can_be_swept_seed_and_replications_included(tmp_path):
    sweep = tmp_path / "sweep"
    done = patronage(
        "-m",
        "region=small",
        "cycles=1",
        "seed=1,2",
        "replications=1,2",
        f"hydra.sweep.dir={sweep}",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    runs = read(sweep / "runs.csv")
    # each job's rows carry the values it ran: 1 + 2 replications for each of two seeds
    assert sorted(runs.groupby("seed").size().tolist()) == [3, 3]
    assert set(zip(runs.seed, runs.replications, strict=True)) == {(1, 1), (1, 2), (2, 1), (2, 2)}
    assert list(runs.columns[:3]) == ["job", "replications", "replication"]
    # the same rows a plain run of one job gives
    alone = tmp_path / "alone"
    one = patronage(
        "region=small",
        "cycles=1",
        "seed=2",
        "replications=2",
        f"hydra.run.dir={alone}",
        cwd=tmp_path,
    )
    assert one.returncode == 0, one.stderr
    mine = runs[(runs.seed == 2) & (runs.replications == 2)].drop(columns=["job", "replications"])
    pd.testing.assert_frame_equal(mine.reset_index(drop=True), read(alone / "summary.csv"))


@pytest.mark.parametrize("umask", [0o022, 0o002])
def test_result_files_keep_the_usual_permissions(tmp_path, umask):
    """Files are written whole through a temporary file; they keep the mode the umask gives."""
    sweep = tmp_path / "sweep"
    command = ["patronage", "-m", "region=small", "replications=1", "cycles=1", "seed=1,2"]
    done = subprocess.run(
        [*command, f"hydra.sweep.dir={sweep}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=lambda: os.umask(umask),
    )
    assert done.returncode == 0, done.stderr
    expected = 0o666 & ~umask
    files = [sweep / name for name in ("runs.csv", "weeks.csv", "report.md", "sweep.json")]
    files += list(sweep.glob("*.png")) + list(sweep.glob("*/summary.csv"))
    files += list(sweep.glob(f"*/{DONE}"))
    assert len(files) >= 8
    for path in files:
        assert path.stat().st_mode & 0o777 == expected, f"{path.name}: {oct(path.stat().st_mode)}"
