"""The ``patronage`` command: run one configuration (or a sweep) with Hydra.

Settings are checked before Hydra creates any output folder, so a bad value
stops the run with one line and nothing written.
"""

from __future__ import annotations

import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.types import RunMode
from omegaconf import DictConfig

from .config import ConfigError
from .output import print_summary, write_tables
from .resources import check_writable
from .run import CONFIG_DIR, compose_config, params_from, simulate
from .sweep import config_key, mark_done, mark_failed, now

TASK_FLAGS_WITH_VALUE = {
    "--config-name",
    "-cn",
    "--config-path",
    "-cp",
    "--config-dir",
    "-cd",
    "--experimental-rerun",
    "--info",
    "-i",
}


def _overrides(argv: list[str]) -> list[str] | None:
    """The override arguments of a plain run, or None when Hydra is asked something else."""
    overrides = []
    for arg in argv:
        if arg.startswith("-"):
            return None  # --help, --multirun, --cfg ...: let Hydra handle the command line
        overrides.append(arg)
    return overrides


def check(argv: list[str]) -> None:
    """Compose and validate the configuration a plain run would use; exit 2 if it is bad."""
    overrides = _overrides(argv)
    if overrides is None:
        return
    run_dir = next(
        (o.split("=", 1)[1] for o in overrides if o.startswith("hydra.run.dir=")), "results/runs"
    )
    try:
        params_from(compose_config(overrides))
        check_writable(run_dir, "hydra.run.dir")
    except ConfigError as error:
        print(f"patronage: error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


@hydra.main(version_base="1.3", config_path=str(CONFIG_DIR), config_name="config")
def _run(cfg: DictConfig) -> None:
    """One job: run every replication, write the tables, then mark the job done."""
    hydra_cfg = HydraConfig.get()
    out_dir = Path(hydra_cfg.runtime.output_dir)
    overrides = list(hydra_cfg.overrides.task)
    sweeping = hydra_cfg.mode == RunMode.MULTIRUN
    started = now()
    try:
        params = params_from(cfg)
        result = simulate(params)
        write_tables(result, out_dir)
    except ConfigError as error:
        if sweeping:  # the sweep checked every job up front; this is a late surprise
            mark_failed(out_dir, overrides, error)
            raise
        print(f"patronage: error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    except Exception as error:
        if sweeping:  # recorded for the report; the sweep goes on with the other jobs
            mark_failed(out_dir, overrides, error)
        raise
    mark_done(out_dir, config_key(cfg), overrides, params.seed, started)
    if not sweeping:
        print_summary(result, out_dir)


def _register_sweeper() -> None:
    """Make the resumable sweeper known to Hydra (editable installs hide it from discovery)."""
    from hydra.core.plugins import Plugins

    from hydra_plugins.patronage_sweeper.patronage_sweeper import PatronageSweeper

    Plugins.instance().register(PatronageSweeper)


def main() -> None:
    """Entry point of the ``patronage`` console script and ``python -m sim``."""
    check(sys.argv[1:])
    _register_sweeper()
    _run()
