"""The patronage tool's Hydra sweeper: Hydra's grid, made resumable and checked up front.

What it adds to Hydra's basic sweeper:

- every job's configuration is composed and validated before anything runs or is
  written, so a typo in the fifth value of a sweep stops the sweep with one line;
- jobs whose results already exist for the same configuration are skipped, so a
  sweep that was killed, or is run again, only does what is missing;
- a failing job is recorded and the others go on;
- progress (jobs done of total, elapsed, an estimate of what is left) is printed
  as jobs finish, read from their folders while the launcher holds them;
- at the end the sweep folder gets its tidy table, figures and report.
"""

from __future__ import annotations

import copy
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any, NoReturn

import numpy as np
from hydra._internal.core_plugins.basic_sweeper import BasicSweeper
from hydra.core.override_parser.overrides_parser import OverridesParser
from hydra.core.plugins import Plugins
from hydra.core.utils import JobStatus
from hydra.plugins.launcher import Launcher
from hydra.plugins.sweeper import Sweeper
from hydra.types import HydraContext, TaskFunction
from omegaconf import DictConfig, OmegaConf, open_dict
from omegaconf.errors import OmegaConfBaseException

from sim.model.parameters import ConfigError
from sim.runs.files import remove_leftovers
from sim.runs.jobs import DONE, FAILED, config_key
from sim.runs.resources import check_writable
from sim.runs.settings import one_line, params_from
from sim.runs.uncertainty import read_posterior
from sim.sweeps.plan import Job, Plan, is_done
from sim.sweeps.sensitivity import (
    POINT,
    Design,
    point_overrides,
    point_settings,
    prepare,
    read_design,
)


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(round(seconds)), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """Jobs done of total, elapsed time and an estimate of the time left."""

    def __init__(self, total: int, already: int) -> None:
        self.total, self.done, self.ran = total, already, 0
        self.started = time.perf_counter()

    def advance(self, jobs: int) -> str:
        self.done += jobs
        self.ran += jobs
        elapsed = time.perf_counter() - self.started
        left = elapsed / self.ran * (self.total - self.done)
        estimate = f", about {_clock(left)} left" if self.done < self.total else ""
        done = f"{self.done:>{len(str(self.total))}}/{self.total}"
        return f"  {done} jobs, {_clock(elapsed)} elapsed{estimate}"


class Watch:
    """Progress while a batch runs, read from the markers its jobs write in their folders.

    A launcher returns only when its whole batch is over, which with every job in one
    batch (a cluster array) is the end of the sweep; the folders show each job as it ends.
    """

    def __init__(self, progress: Progress, folders: list[Path]) -> None:
        self.progress = progress
        self.waiting = {folder: _markers(folder) for folder in folders}  # as before the batch
        self.counted = 0
        # about 1,000 looks a second at most: gentle on a cluster's shared filesystem
        self.every = max(2.0, len(folders) / 1000)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> Watch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            ended = [f for f, before in self.waiting.items() if _written(_markers(f), before)]
            for folder in ended:
                del self.waiting[folder]
            if ended:
                self.counted += len(ended)
                print(self.progress.advance(len(ended)), flush=True)


def _markers(folder: Path) -> tuple[int | None, ...]:
    """When the job's done and failed markers were last written (None: not there)."""
    stamps: list[int | None] = []
    for name in (DONE, FAILED):
        try:
            stamps.append((folder / name).stat().st_mtime_ns)
        except OSError:
            stamps.append(None)
    return tuple(stamps)


def _written(now: tuple[int | None, ...], before: tuple[int | None, ...]) -> bool:
    """True when a marker was written since ``before`` (a retried job's old one does not count)."""
    return any(stamp is not None and stamp != old for stamp, old in zip(now, before, strict=True))


class PatronageSweeper(Sweeper):
    """Cartesian sweep over overrides and ``hydra.sweeper.params``, resumable.

    ``also``: further grids, each a mapping of settings laid over ``params`` (an
    experiment's national arms, say); their jobs follow the main grid's.
    """

    def __init__(
        self, max_batch_size: int | None = None, params: Any = None, also: Any = None
    ) -> None:
        super().__init__()
        self.max_batch_size = max_batch_size
        self.params = dict(params or {})
        self.also = [dict(grid) for grid in (also or [])]
        self.hydra_context: HydraContext | None = None
        self.config: DictConfig | None = None
        self.launcher: Launcher | None = None

    def setup(
        self, *, hydra_context: HydraContext, task_function: TaskFunction, config: DictConfig
    ) -> None:
        self.hydra_context = hydra_context
        self.config = config
        self.launcher = Plugins.instance().instantiate_launcher(
            hydra_context=hydra_context, task_function=task_function, config=config
        )

    def sweep(self, arguments: list[str]) -> Any:
        assert self.config is not None and self.launcher is not None
        assert self.hydra_context is not None
        parser = OverridesParser.create(config_loader=self.hydra_context.config_loader)
        combinations = []
        for more in [{}, *self.also]:
            # a further grid keeps the settings it sets; the command line changes the rest
            given = [a for a in arguments if a.split("=", 1)[0].lstrip("+~") not in more]
            grid = {**self.params, **more}
            overrides = [f"{k}={v}" for k, v in grid.items()] + given
            try:
                parsed = parser.parse_overrides(overrides)
                # Hydra's own cartesian product (a static helper: no state shared)
                combinations += BasicSweeper.split_arguments(parsed, None)[0]
            except Exception as error:  # Hydra's parse errors are long: say them in one line
                _stop(one_line(error))
        sweep_dir = Path(self.config.hydra.sweep.dir)
        try:
            check_writable(sweep_dir, "hydra.sweep.dir")
        except ConfigError as error:
            _stop(str(error))
        planned = self._sensitivity_design(combinations)
        if planned is None:
            jobs = [self._checked_job(c) for c in combinations]
        else:
            design, base = planned
            sweep_dir.mkdir(parents=True, exist_ok=True)
            sample = prepare(sweep_dir, design)
            common = combinations[0]
            jobs = [_point_job(design, sample, i, common, base) for i in range(len(sample))]
            print(
                f"Sensitivity analysis ({design.method}) of {len(design.levers)} settings: "
                f"{len(sample)} sample points, each one job.",
                flush=True,
            )
        plan = Plan.from_jobs(jobs, command=" ".join(sys.argv))
        sweep_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(sweep_dir)  # files a killed earlier run was writing
        OmegaConf.save(self.config, sweep_dir / "multirun.yaml")
        plan.save(sweep_dir)

        pending = [i for i, job in enumerate(plan.jobs) if not is_done(sweep_dir, job)]
        finished = len(plan.jobs) - len(pending)
        print(
            f"Sweep of {len(plan.jobs)} job(s) in {sweep_dir}: "
            + (f"{finished} already finished, " if finished else "")
            + f"{len(pending)} to run.",
            flush=True,
        )
        progress = Progress(len(plan.jobs), finished)
        failed = 0
        returns = []
        for batch in self._batches(pending):
            folders = [(sweep_dir / plan.jobs[i].folder).absolute() for i in batch]
            try:
                with Watch(progress, folders) as watch:
                    results = self.launcher.launch(
                        [plan.jobs[i].overrides for i in batch], initial_job_idx=batch[0]
                    )
            except Exception as error:  # e.g. a cluster job cancelled or killed: no result
                _launcher_stopped(error)
            failed += sum(r.status == JobStatus.FAILED for r in results)
            returns.append(results)
            if watch.counted < len(batch):
                print(progress.advance(len(batch) - watch.counted), flush=True)

        from sim.sweeps.report import build_report  # after the jobs: figures need matplotlib

        print(build_report(sweep_dir).text, flush=True)
        if failed:
            print(
                f"patronage: {failed} job(s) failed; see report.md. Re-run the same command "
                "to retry them (finished jobs are kept).",
                file=sys.stderr,
            )
            raise SystemExit(1)
        return returns

    def _sensitivity_design(
        self, combinations: list[list[str]]
    ) -> tuple[Design, DictConfig] | None:
        """The checked sensitivity design and the configuration its points start from.

        None for an ordinary sweep.
        """
        assert self.hydra_context is not None and self.config is not None
        try:
            cfg = self.hydra_context.config_loader.load_sweep_config(self.config, combinations[0])
        except Exception as error:
            _stop(f"{' '.join(combinations[0])}: {one_line(error)}")
        if cfg.get("sensitivity") is None:
            return None
        if len(combinations) > 1:
            _stop(
                "a sensitivity analysis sweeps its own sample: give every other setting one "
                "value (e.g. region=small, not policy=a,b)"
            )
        try:
            raw = OmegaConf.to_container(cfg.sensitivity, resolve=True)
            base = _without_hydra(cfg)
            params_from(base)
            return read_design(raw), base
        except OmegaConfBaseException as error:
            _stop(f"sensitivity: {one_line(error)}")
        except ConfigError as error:
            _stop(str(error))

    def _checked_job(self, overrides: list[str]) -> Job:
        """Compose and validate one job's configuration; stop the sweep if it is bad."""
        assert self.hydra_context is not None and self.config is not None
        try:
            cfg = self.hydra_context.config_loader.load_sweep_config(self.config, overrides)
        except Exception as error:
            _stop(f"{' '.join(overrides)}: {one_line(error)}")
        task_cfg = _without_hydra(cfg)
        try:
            read_posterior(params_from(task_cfg))  # uncertainty=posterior: sample checked
        except ConfigError as error:
            _stop(str(error))
        folder = Path(str(cfg.hydra.sweep.subdir)).as_posix()
        return Job(list(overrides), folder, config_key(task_cfg))

    def _batches(self, pending: list[int]) -> list[list[int]]:
        size = self.max_batch_size
        if size is None:
            size = 2 * (os.cpu_count() or 1)
        if size <= 0:
            size = max(1, len(pending))
        return [pending[i : i + size] for i in range(0, len(pending), size)]


def _point_job(
    design: Design, sample: np.ndarray, point: int, common: list[str], base: DictConfig
) -> Job:
    """The job that runs one sample point, checked.

    Its configuration is the base one with the point's values set, which is what Hydra
    composes from the job's overrides; composing each of thousands of points anew would
    take minutes.
    """
    overrides = [*common, *point_overrides(design, sample, point)]
    task_cfg = copy.deepcopy(base)
    with open_dict(task_cfg):
        task_cfg[POINT] = point
        for name, value in point_settings(design, sample, point).items():
            OmegaConf.update(task_cfg, name, value, merge=False)
    try:
        params_from(task_cfg)
    except ConfigError as error:
        _stop(str(error))
    folder = f"point_{point:04d}"
    return Job([*overrides, f"hydra.sweep.subdir={folder}"], folder, config_key(task_cfg))


def _without_hydra(cfg: DictConfig) -> DictConfig:
    task_cfg = OmegaConf.create(OmegaConf.to_container(cfg, resolve=False))
    with open_dict(task_cfg):
        task_cfg.pop("hydra", None)
    return task_cfg


def _launcher_stopped(error: Exception) -> NoReturn:
    """The launcher gave up on the batch (a cluster job cancelled, or killed with its node)."""
    print(
        f"patronage: error: the launcher stopped: {type(error).__name__}: {error}\n"
        "Finished jobs are kept. Re-run the same command to run the others (on a cluster, "
        "once the jobs still queued or running have ended: see squeue).",
        file=sys.stderr,
    )
    raise SystemExit(1)


def _stop(message: str) -> None:
    print(f"patronage: error: {message}", file=sys.stderr)
    raise SystemExit(2)
