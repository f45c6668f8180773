"""What a sweep's figures and report say about it: readable arm names, the caption, ties.

The caption line every figure carries (region, election, cycles, replications, seed)
is read from the sweep itself: the configuration its first finished job ran
(``.hydra/config.yaml``) and the rows of ``runs.csv``. Names come from
``sim.runs.names``, so the page, the figures and the help say the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from omegaconf import OmegaConf

from ..runs import names
from .collect import Collected
from .compare import UNIT, arm_labels, arm_settings

TIE_DIGITS = 3
"""Arms are *tied* when their mean violation rates are the same at the precision the
report prints them (0.1 percentage point: 3 decimals of a share): the report then names
all of them, never one picked among ties."""


def shown(share: float) -> float:
    """A violation rate at the precision the report prints it (the tie rule)."""
    return round(float(share), TIE_DIGITS)


WORDS = {
    "en": {
        "simulated": "Simulated",
        "civil_servants": "civil servants",
        "cycles": "{n} cycle{s} of {weeks} campaign weeks",
        "replications": "{n} replication{s} per {per}",
        "replications_range": "{low} to {high} replications per {per}",
        "arm": "arm",
        "point": "sample point",
        "seed": "seed {seed}",
        "seeds": "{n} seeds",
        "varies": "varies",
    },
    "id": {
        "simulated": "Simulasi",
        "civil_servants": "ASN",
        "cycles": "{n} siklus, masing-masing {weeks} minggu kampanye",
        "replications": "{n} ulangan per {per}",
        "replications_range": "{low} sampai {high} ulangan per {per}",
        "arm": "kelompok",
        "point": "titik sampel",
        "seed": "seed {seed}",
        "seeds": "{n} seed",
        "varies": "berbeda-beda",
    },
}


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def arm_names(runs: pd.DataFrame, swept: list[str], language: str = "en") -> dict[str, str]:
    """Each arm's label (``compare.arm_labels``) -> its name in words.

    A policy sweep names the policy; a grid says its settings: 'Sanction strength 6,
    PPK follow-up of a proven case 0.4'.
    """
    keys = arm_settings(swept) or ["policy"]
    first = runs.assign(arm=arm_labels(runs, swept)).groupby("arm", sort=False).first()
    named = {}
    for arm, row in first.iterrows():
        if keys == ["policy"]:
            named[arm] = names.value_name("policy", row["policy"], language)
            continue
        parts = []
        for key in keys:
            value = names.value_name(key, row[key], language)
            parts.append(
                value if key == "policy" else f"{names.setting_name(key, language)} {value}"
            )
        named[arm] = capitalised(", ".join(parts))
    return named


@dataclass(frozen=True)
class Context:
    """What a sweep ran: the facts every figure's caption states."""

    region: str
    civil_servants: str
    election: str
    cycles: str
    weeks: str
    replications: tuple[int, int]  # fewest and most per arm
    seeds: tuple[int, ...]


def _job_config(sweep_dir: Path, collected: Collected) -> dict:
    for job in collected.finished:
        path = sweep_dir / job.folder / ".hydra" / "config.yaml"
        if path.exists():
            return OmegaConf.to_container(OmegaConf.load(path), resolve=False)
    return {}


def context(sweep_dir: Path, collected: Collected, runs: pd.DataFrame | None = None) -> Context:
    """The sweep's region, election, cycles, replications and seeds, from its own files.

    A fact that differs between jobs (a swept region, say) is given as 'varies'.
    """
    runs = collected.runs if runs is None else runs
    cfg = _job_config(sweep_dir, collected)
    swept = set(collected.swept)
    region, election = cfg.get("region", {}), cfg.get("election", {})

    def fact(key: str, value: object) -> str:
        varied = key in swept or key.split(".")[0] in swept
        return "" if varied or value is None else str(value)

    per_arm = runs.assign(arm=arm_labels(runs, collected.swept)).groupby("arm")[UNIT]
    counts = per_arm.apply(lambda g: len(g.drop_duplicates())) if len(runs) else pd.Series([0])
    size = region.get("civil_servants")
    return Context(
        region=fact("region.name", region.get("name")),
        civil_servants=fact("region.civil_servants", f"{size:,}" if size else None),
        election=fact("election.kind", election.get("kind")),
        cycles=fact("cycles", int(runs["cycle"].max()) if len(runs) else cfg.get("cycles")),
        weeks=fact("campaign_weeks", cfg.get("campaign_weeks")),
        replications=(int(counts.min()), int(counts.max())),
        seeds=tuple(sorted(int(s) for s in runs["seed"].unique())) if len(runs) else (),
    )


def caption(ctx: Context, language: str = "en", extra: str = "", per: str = "arm") -> str:
    """One line: 'Simulated: region regency (6,700 civil servants), Pilkada, 3 cycle(s) of
    10 campaign weeks, 40 replications per arm, seed 2020.' and ``extra`` after it."""
    w = WORDS[language]
    region = names.name("region", ctx.region, language) if ctx.region else w["varies"]
    size = f" ({ctx.civil_servants} {w['civil_servants']})" if ctx.civil_servants else ""
    election = names.name("election", ctx.election, language).split(" (")[0] if ctx.election else ""
    low, high = ctx.replications
    reps = (
        w["replications"].format(n=low, per=w[per], s="" if low == 1 else "s")
        if low == high
        else w["replications_range"].format(low=low, high=high, per=w[per])
    )
    if len(ctx.seeds) == 1:
        seeds = w["seed"].format(seed=ctx.seeds[0])
    else:
        seeds = w["seeds"].format(n=len(ctx.seeds))
    parts = [
        f"{region}{size}",
        election or w["varies"],
        w["cycles"].format(
            n=ctx.cycles or w["varies"],
            weeks=ctx.weeks or w["varies"],
            s="" if ctx.cycles == "1" else "s",
        ),
        reps,
        seeds,
    ]
    line = f"{w['simulated']}: " + ", ".join(parts) + "."
    return f"{line} {extra}" if extra else line


def tied_with(values: pd.Series, target: float) -> list:
    """Index labels of ``values`` tied with ``target``: the same as it when printed."""
    return [k for k, v in values.items() if shown(v) == shown(target)]


def listing(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'; items that hold commas are set apart by semicolons:
    'x 1, y 2; and x 3, y 4'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    if any("," in item for item in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]
