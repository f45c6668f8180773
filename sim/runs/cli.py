"""The ``patronage`` command: run one configuration, or a sweep with ``-m``.

A plain run (``patronage key=value ...``) composes its configuration once, checks
it, and only then makes its output folder, so a bad value stops the run with one
line and nothing written. ``--help`` prints the command's own help
(``sim.runs.usage``) and ``--version`` the package's version; sweeps (``-m``),
``--cfg``, ``--hydra-help`` and Hydra's other flags go through Hydra itself; each job
of a sweep runs ``job`` below.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import hydra
from hydra.core.hydra_config import HydraConfig
from hydra.core.utils import setup_globals
from hydra.types import RunMode
from omegaconf import DictConfig, OmegaConf, open_dict

from ..model.parameters import ConfigError
from .api import RunResult, simulate
from .jobs import config_key, labelled, labels, mark_done, mark_failed, now
from .output import print_summary, write_tables
from .resources import check_writable
from .settings import CONFIG_DIR, checked, compose_config
from .uncertainty import read_posterior

SWEEPER = "hydra_plugins.patronage_sweeper"
"""The resumable sweeper Hydra loads for ``-m`` (``configs/hydra/sweeper/patronage.yaml``)."""


def _overrides(argv: list[str]) -> list[str] | None:
    """The override arguments of a plain run, or None when Hydra is asked something else."""
    if any(arg.startswith("-") for arg in argv):
        return None  # --multirun, --help, --cfg ...: Hydra handles the command line
    return list(argv)


def _stop(error: ConfigError) -> None:
    print(f"patronage: error: {error}", file=sys.stderr)
    raise SystemExit(2) from None


def run_once(overrides: list[str]) -> None:
    """A plain run: compose and check once, then run, write the tables and ``.hydra/``."""
    setup_globals()  # Hydra's resolvers (${now:...} in the output folder's name)
    started = now()
    try:
        cfg = compose_config(overrides, with_hydra=True)
        task_cfg = OmegaConf.masked_copy(cfg, [k for k in cfg if k != "hydra"])
        params, chart = checked(task_cfg)
        read_posterior(params)  # uncertainty=posterior: its sample checked before writing
        out_dir = Path(str(cfg.hydra.run.dir))
        check_writable(out_dir, "hydra.run.dir")
    except ConfigError as error:
        _stop(error)
    result = simulate(params, chart)
    write_tables(result, out_dir)
    _save_configuration(cfg, task_cfg, out_dir)
    task = list(cfg.hydra.overrides.task)  # Hydra's own (hydra.run.dir=...) are not settings
    mark_done(out_dir, config_key(task_cfg), task, params.seed, started)
    print_summary(result, out_dir)


def _save_configuration(cfg: DictConfig, task_cfg: DictConfig, out_dir: Path) -> None:
    """``.hydra/``: the configuration as run, Hydra's own settings and the overrides."""
    folder = out_dir / str(cfg.hydra.output_subdir)
    folder.mkdir(parents=True, exist_ok=True)
    hydra_cfg = OmegaConf.masked_copy(cfg, ["hydra"])
    with open_dict(hydra_cfg):
        hydra_cfg.hydra.runtime.output_dir = str(out_dir.absolute())
    OmegaConf.save(task_cfg, folder / "config.yaml")
    OmegaConf.save(hydra_cfg, folder / "hydra.yaml")
    OmegaConf.save(cfg.hydra.overrides.task, folder / "overrides.yaml")


def _write_job(result: RunResult, cfg: DictConfig, overrides: list[str], out_dir: Path) -> None:
    """A sweep job's tables, each row labelled with the settings the job changes."""
    found = labels(cfg, overrides)
    result.summary = labelled(result.summary, found)  # a national run's: one row per region
    if result.national is None:
        result.timeseries = labelled(result.timeseries, found)
    else:
        result.national = labelled(result.national, found)
    write_tables(result, out_dir)


@hydra.main(version_base="1.3", config_path=str(CONFIG_DIR), config_name="config")
def job(cfg: DictConfig) -> None:
    """One job of a sweep: run every replication, write the tables, then mark it done."""
    hydra_cfg = HydraConfig.get()
    out_dir = Path(hydra_cfg.runtime.output_dir)
    overrides = list(hydra_cfg.overrides.task)
    sweeping = hydra_cfg.mode == RunMode.MULTIRUN
    started = now()
    try:
        params, chart = checked(cfg)
        result = simulate(params, chart)
        _write_job(result, cfg, overrides, out_dir)
    except Exception as error:
        if sweeping:  # recorded for the report; the sweep goes on with the other jobs
            mark_failed(out_dir, overrides, error)
            raise
        if isinstance(error, ConfigError):
            _stop(error)
        raise
    mark_done(out_dir, config_key(cfg), overrides, params.seed, started)
    if not sweeping:
        print_summary(result, out_dir)


def make_sweeper_discoverable() -> None:
    """Let Hydra's plugin discovery find the sweeper in an editable install.

    Hydra finds plugins by listing the folders of the ``hydra_plugins`` namespace; an
    editable install maps the sweeper's folder through an import hook that listing
    does not see. Its folder is looked up (not imported) and added to the namespace.
    """
    spec = importlib.util.find_spec(SWEEPER)
    if spec is None or not spec.submodule_search_locations:
        return
    import hydra_plugins

    folder = str(Path(next(iter(spec.submodule_search_locations))).parent)
    if folder not in list(hydra_plugins.__path__):
        hydra_plugins.__path__.append(folder)


def version() -> str:
    from importlib import metadata

    try:
        return metadata.version("patronage")
    except metadata.PackageNotFoundError:
        import sim

        return sim.__version__


def main() -> None:
    """Entry point of the ``patronage`` console script and ``python -m sim``."""
    argv = sys.argv[1:]
    if argv in (["--version"], ["-V"]):
        print(f"patronage {version()}")
        return
    if "--help" in argv or "-h" in argv:
        from .usage import help_text

        print(help_text(version()))
        return
    overrides = _overrides(argv)
    if overrides is not None:
        run_once(overrides)
        return
    make_sweeper_discoverable()
    job()
