"""The ``patronage`` command: run one configuration (or a sweep) with Hydra.

Settings are checked before Hydra creates any output folder, so a bad value
stops the run with one line and nothing written.
"""

from __future__ import annotations

import sys

import hydra
from hydra.core.hydra_config import HydraConfig
from omegaconf import DictConfig

from .config import ConfigError
from .output import print_summary, write_tables
from .run import CONFIG_DIR, compose_config, params_from, simulate

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
    try:
        params_from(compose_config(overrides))
    except ConfigError as error:
        print(f"patronage: error: {error}", file=sys.stderr)
        raise SystemExit(2) from None


@hydra.main(version_base="1.3", config_path=str(CONFIG_DIR), config_name="config")
def _run(cfg: DictConfig) -> None:
    try:
        params = params_from(cfg)
    except ConfigError as error:
        print(f"patronage: error: {error}", file=sys.stderr)
        raise SystemExit(2) from None
    result = simulate(params)
    out_dir = HydraConfig.get().runtime.output_dir
    write_tables(result, out_dir)
    print_summary(result, out_dir)


def main() -> None:
    """Entry point of the ``patronage`` console script and ``python -m sim``."""
    check(sys.argv[1:])
    _run()
