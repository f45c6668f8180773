"""Running configurations from Python: ``sim.run([...overrides])``.

The command line (``patronage``) and a notebook go through the same
``compose`` -> ``validate`` -> ``simulate`` path, so both give the same tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from hydra import compose, initialize_config_dir
from hydra.errors import HydraException, OverrideParseException
from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from .config import ConfigError, Params, validate
from .model import PatronageModel
from .national import national_table, simulate_national
from .orgchart import with_org_chart
from .resources import check_memory


def _config_dir() -> Path:
    """The ``configs/`` folder: beside the package in a checkout, inside it when installed."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "configs", here / "configs"):
        if (candidate / "config.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"no configs/config.yaml beside or inside {here}")


CONFIG_DIR = _config_dir()


@dataclass
class RunResult:
    """Tables of one configuration's replications.

    ``summary``: one row per replication and cycle. ``timeseries``: one row
    per replication, cycle and campaign week. ``params``: the validated
    settings. ``config``: the composed configuration. A national run
    (``region.regions > 1``) has one ``summary`` row per replication, cycle and
    region, no ``timeseries``, and ``national``: one row per replication and cycle.
    """

    params: Params
    config: DictConfig | None
    summary: pd.DataFrame
    timeseries: pd.DataFrame
    national: pd.DataFrame | None = None


def compose_config(overrides: list[str] | None = None, with_hydra: bool = False) -> DictConfig:
    """Compose ``configs/config.yaml`` with Hydra overrides; errors become ``ConfigError``.

    ``with_hydra``: keep Hydra's own node (sweep folder, sweeper settings) in the result.
    """
    try:
        with initialize_config_dir(version_base="1.3", config_dir=str(CONFIG_DIR)):
            return compose(
                "config", overrides=list(overrides or []), return_hydra_config=with_hydra
            )
    except (HydraException, OmegaConfBaseException) as error:
        raise ConfigError(one_line(error)) from None


def _options(group: str) -> list[str]:
    return sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))


def one_line(error: BaseException) -> str:
    """Hydra's multi-line composition errors, said in one line that tells what to type."""
    text = str(error)
    missing = re.search(r"Could not find '([^/']+)/([^']*)'", text)
    if missing:
        group, name = missing.groups()
        options = re.search(r"Available options in '[^']+':\n((?:\t.*\n?)*)", text)
        names = options.group(1).split() if options else _options(group)
        problem = f"is not a known {group}" if name else "needs a name"
        return f"{group}={name} {problem}: use one of {', '.join(names)}"
    unknown = re.search(r"Could not override '([^']+)'", text)
    if unknown:
        return (
            f"{unknown.group(1)} is not a setting: see docs/ODD.md for the settings "
            "(or `patronage --cfg job`)"
        )
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else type(error).__name__
    if isinstance(error, OverrideParseException):
        return f"could not read the command-line overrides ({first}): write them as key=value"
    return first


def params_from(cfg: DictConfig) -> Params:
    """Validate a composed configuration (Hydra's own node is ignored)."""
    try:
        raw = OmegaConf.to_container(cfg, resolve=True, throw_on_missing=True)
    except OmegaConfBaseException as error:
        raise ConfigError(one_line(error)) from None
    params = with_org_chart(validate(raw))
    check_memory(params)
    return params


def simulate(params: Params) -> RunResult:
    """Run every replication of ``params`` to the end and gather the tables."""
    if params.region.regions > 1:
        regions = simulate_national(params)
        return RunResult(
            params=params,
            config=None,
            summary=regions,
            timeseries=pd.DataFrame(),
            national=national_table(regions),
        )
    weeks, cycles = [], []
    first = params.first_replication
    for replication in range(first, first + params.replications):
        model = PatronageModel(params, replication)
        while model.running:
            model.step()
        weeks.extend(model.week_rows)
        cycles.extend(model.cycle_rows)
        model.release()
    return RunResult(
        params=params,
        config=None,
        summary=pd.DataFrame(cycles),
        timeseries=pd.DataFrame(weeks),
    )


def run(overrides: list[str] | None = None) -> RunResult:
    """Compose, validate and run a configuration, as ``patronage OVERRIDES`` would.

    >>> result = run(["region=small", "replications=2"])      # doctest: +SKIP
    >>> result.summary[["cycle", "violation_rate", "sanctioned"]]  # doctest: +SKIP
    """
    cfg = compose_config(overrides)
    result = simulate(params_from(cfg))
    result.config = cfg
    return result
