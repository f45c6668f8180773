"""``patronage --help``: what the command does, its groups, its most used settings, sweeps.

The groups and their options are read from ``configs/`` (a new group or option shows
up by itself), each setting's meaning and range from ``settings_table()`` (the table
the ODD is generated from), defaults from the composed configuration and readable
names from ``sim.runs.names``. Hydra's own help stays at ``patronage --hydra-help``.
"""

from __future__ import annotations

import textwrap

from omegaconf import OmegaConf

from ..model.validation import settings_table
from . import names
from .settings import CONFIG_DIR, compose_config, options

MOST_USED = (
    "replications",
    "cycles",
    "seed",
    "region.civil_servants",
    "election.kind",
    "behaviour.career_dependence",
    "enforcement.sanction_strength",
    "enforcement.enforcement_probability",
    "enforcement.detection_probability",
    "enforcement.report_probability",
    "patron.inaction_penalty",
    "enforcement.central_enforcement",
    "careers.merit_weight",
    "region.kinship_density",
    "region.org_chart",
)
"""Settings the help explains one by one (all of them: docs/ODD.md, section 9)."""

WIDTH = 88
HIDDEN_GROUPS = ("hydra",)  # Hydra's own (launchers, sweeper): documented in README


def groups() -> list[str]:
    """Configuration groups a user chooses from: every folder of ``configs/`` but Hydra's."""
    found = [p.name for p in CONFIG_DIR.iterdir() if p.is_dir() and p.name not in HIDDEN_GROUPS]
    first = ("region", "policy", "experiment")
    return sorted(found, key=lambda g: (first.index(g) if g in first else len(first), g))


def _default_option(group: str) -> str | None:
    """The option ``config.yaml``'s defaults list picks for ``group`` (None: none)."""
    config = OmegaConf.to_container(OmegaConf.load(CONFIG_DIR / "config.yaml"))
    for entry in config.get("defaults", []):
        if isinstance(entry, dict) and group in entry:
            return entry[group]
    return None


def _shown(value: object) -> str:
    """A default as it is typed on the command line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _wrapped(text: str, indent: int) -> list[str]:
    return textwrap.wrap(
        text, WIDTH, initial_indent=" " * indent, subsequent_indent=" " * indent
    ) or [" " * indent]


def _group_lines() -> list[str]:
    table = {
        "region": names.REGIONS,
        "policy": names.POLICIES,
        "experiment": names.EXPERIMENTS,
        "perception": names.PERCEPTIONS,
        "regime": names.REGIMES,
        "uncertainty": names.UNCERTAINTIES,
    }
    lines = []
    for group in groups():
        default = _default_option(group)
        about = names.about("group", group)
        lines.append(f"  {group}=NAME" + (f"   {about}" if about else ""))
        for option in options(group):
            mark = " (default)" if option == default else ""
            words = table[group][option].about() if option in table.get(group, {}) else ""
            lines += _wrapped(f"{option}{mark}: {words}" if words else option + mark, 6)
    return lines


def _setting_lines() -> list[str]:
    rows = {row["key"]: row for row in settings_table()}
    cfg = compose_config([])
    lines = []
    for key in MOST_USED:
        row = rows[key]
        timeline = "; may be a list, one value per cycle" if row["timeline"] else ""
        lines.append(f"  {key}={_shown(OmegaConf.select(cfg, key))}")
        lines += _wrapped(f"{row['meaning']} ({row['allowed']}{timeline})", 6)
    lines.append(f"  ... {len(rows)} settings in all, with sources: docs/ODD.md, section 9")
    return lines


def help_text(version: str) -> str:
    """The text ``patronage --help`` prints."""
    head = [
        f"patronage {version}: civil-servant neutrality in Indonesian elections, simulated.",
        "",
        "Usage:",
        "  patronage [key=value ...]              one run: the baseline regency, 10 replications",
        "  patronage -m key=a,b [key=c,d ...]     a sweep: one job per combination",
        "  patronage -m experiment=NAME           a prepared sweep (see experiment below)",
        "  patronage --cfg job [key=value ...]    show the configuration, run nothing",
        "  patronage --version | --help | --hydra-help (Hydra's own help)",
        "",
        "Groups (choose one option each; the default is marked):",
        *_group_lines(),
        "",
        "Most used settings (key=default, meaning, allowed values):",
        *_setting_lines(),
        "",
        "Sweeps (-m, or --multirun):",
        "  patronage -m enforcement.sanction_strength=1,3,6 policy=baseline,merit_system",
        "  patronage -m experiment=policy_comparison",
        "  Every job's settings are checked before anything runs; progress is printed as jobs",
        "  finish; running the same command again resumes (finished jobs are kept). Launchers:",
        "  hydra/launcher=basic, joblib (the default: all cores), submitit_local, ray_local,",
        "  slurm (README.md, 'Running on a cluster').",
        "",
        "Where results go:",
        "  one run   results/runs/<date>/<time>/: summary.csv, timeseries.csv, .hydra/, done.json",
        "  a sweep   results/sweeps/<date>/<time>/: runs.csv, weeks.csv, report.md, figures,",
        "            one folder per job; an experiment: results/experiments/<name>/",
        "  change it with hydra.run.dir=PATH (a run) or hydra.sweep.dir=PATH (a sweep);",
        "  patronage-report DIR rebuilds a sweep's table, figures and report.",
        "",
        "Also: patronage-app (the teaching page), README.md, docs/ODD.md (the model).",
    ]
    return "\n".join(head)
