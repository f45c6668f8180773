"""Settings for a run: ``configs/`` composed with Hydra, then validated into ``Params``.

This is the one place a configuration is composed (``compose_config``) and checked
(``params_from``); the command line, ``sim.run``, the sweeper and the teaching page
all come through here. Hydra's long composition errors are said in one line that
tells what to type, with "did you mean ...?" for a misspelt setting or option.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

from hydra import compose, initialize_config_dir
from hydra.errors import HydraException, OverrideParseException
from omegaconf import DictConfig, OmegaConf
from omegaconf.errors import OmegaConfBaseException

from ..model.orgchart import OrgChart, resolve_org_chart
from ..model.parameters import ConfigError, Params
from ..model.validation import settings_table, validate
from .resources import check_memory


def _config_dir() -> Path:
    """The ``configs/`` folder: beside the package in a checkout, inside it when installed."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package.parent / "configs", package / "configs"):
        if (candidate / "config.yaml").is_file():
            return candidate
    raise FileNotFoundError(f"no configs/config.yaml beside or inside {package}")


CONFIG_DIR = _config_dir()


def options(group: str) -> list[str]:
    """The names a configuration group offers (``policy`` -> baseline, combined, ...)."""
    return sorted(p.stem for p in (CONFIG_DIR / group).glob("*.yaml"))


def compose_config(overrides: list[str] | None = None, with_hydra: bool = False) -> DictConfig:
    """Compose ``configs/config.yaml`` with Hydra overrides; errors become ``ConfigError``.

    ``with_hydra``: keep Hydra's own node (output folders, sweeper settings) in the result.
    """
    try:
        with initialize_config_dir(version_base="1.3", config_dir=str(CONFIG_DIR)):
            return compose(
                "config", overrides=list(overrides or []), return_hydra_config=with_hydra
            )
    except (HydraException, OmegaConfBaseException) as error:
        raise ConfigError(one_line(error)) from None


def did_you_mean(word: str, known: list[str]) -> str:
    """' (did you mean x?)' for the closest of ``known``, or '' when none is close."""
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if not close:  # a misspelt last part: enforcement.sanction_strenght
        tail = {k.rsplit(".", 1)[-1]: k for k in known}
        near = difflib.get_close_matches(word.rsplit(".", 1)[-1], list(tail), n=1, cutoff=0.75)
        close = [tail[near[0]]] if near else []
    return f" (did you mean {close[0]}?)" if close else ""


def one_line(error: BaseException) -> str:
    """Hydra's multi-line composition errors, said in one line that tells what to type."""
    text = str(error)
    missing = re.search(r"Could not find '([^/']+)/([^']*)'", text)
    if missing:
        group, name = missing.groups()
        found = re.search(r"Available options in '[^']+':\n((?:\t.*\n?)*)", text)
        names = found.group(1).split() if found else options(group)
        if not name:
            return f"{group}= needs a name: use one of {', '.join(names)}"
        hint = did_you_mean(name, names)
        return f"{group}={name} is not a known {group}{hint}: use one of {', '.join(names)}"
    unknown = re.search(r"Could not override '([^']+)'", text)
    if unknown:
        key = unknown.group(1)
        hint = did_you_mean(key, [row["key"] for row in settings_table()])
        return f"{key} is not a setting{hint}: see `patronage --help` or docs/ODD.md, section 9"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    first = lines[0] if lines else type(error).__name__
    if isinstance(error, OverrideParseException):
        return f"could not read the command-line overrides ({first}): write them as key=value"
    return first


def params_from(cfg: DictConfig) -> Params:
    """Validate a composed configuration (Hydra's own node is ignored).

    The organisation chart a file names is read and checked here, and the
    region sized to it; a region too large for this machine's memory is refused.
    """
    return checked(cfg)[0]


def checked(cfg: DictConfig) -> tuple[Params, OrgChart | None]:
    """``params_from``, with the user's organisation chart it read (None: generated)."""
    try:
        raw = OmegaConf.to_container(cfg, resolve=True, throw_on_missing=True)
    except OmegaConfBaseException as error:
        raise ConfigError(one_line(error)) from None
    params, chart = resolve_org_chart(validate(raw))
    check_memory(params)
    return params, chart
