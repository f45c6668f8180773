"""Comparing arms over posterior draws (``uncertainty=posterior``): effects that carry what the
record leaves uncertain about the parameters.

Each replication of a posterior run ran one draw (its ``draw`` column); arms on the same
seeds ran the same draws. For each arm and draw, the effect is the mean over that draw's
replications of the paired difference from the baseline (each replication's violation rate
averaged over cycles). Across draws these effects spread by parameter uncertainty, plus the
seed noise of the few replications each draw has (so the interval is, if anything, wide).
An arm's probability of ranking first is the share of draws in which its mean is the lowest;
its probability of lowering violations, the share of draws in which its effect is below zero.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .compare import UNIT, arm_labels

DRAW = "draw"
LEVEL = (0.05, 0.95)


def has_draws(runs: pd.DataFrame) -> bool:
    """True for the rows of a posterior run (every row names its draw)."""
    return DRAW in runs.columns and bool(runs[DRAW].notna().all())


def posterior_comparison(
    runs: pd.DataFrame, swept: list[str], outcome: str = "violation_rate"
) -> pd.DataFrame:
    """One row per arm: mean, effect against baseline with its 90% interval over draws,
    the probability of ranking first and of lowering violations; fewest violations first."""
    runs = runs.assign(arm=arm_labels(runs, swept))
    per_unit = runs.groupby(["arm", DRAW, *UNIT])[outcome].mean()
    per_draw = per_unit.groupby(["arm", DRAW]).mean().unstack("arm")  # draws x arms
    shared = per_draw.dropna()  # draws every arm ran
    first = shared.idxmin(axis=1)
    arms = list(per_draw.columns)
    baseline = "baseline" if "baseline" in arms and len(arms) > 1 else None
    rows = []
    for arm in arms:
        units = per_unit.loc[arm]
        row = {
            "arm": arm,
            "draws": int(units.index.get_level_values(DRAW).nunique()),
            "replications": int(units.size),
            "mean": float(units.mean()),
            "p_first": float((first == arm).mean()) if len(shared) else float("nan"),
        }
        if baseline is not None and arm != baseline:
            paired = (units - per_unit.loc[baseline]).dropna()
            by_draw = paired.groupby(level=DRAW).mean()
            low, high = np.quantile(by_draw.to_numpy(), LEVEL)
            row.update(
                effect=float(paired.mean()),
                effect_low=float(low),
                effect_high=float(high),
                p_lower=float((by_draw < 0).mean()),
            )
        rows.append(row)
    return pd.DataFrame(rows).sort_values("mean", kind="stable").reset_index(drop=True)


def _pp(x: float) -> str:
    return "" if x != x else f"{x * 100:+.2f}"


def _share(x: float) -> str:
    return "" if x != x else f"{x:.0%}"


def table_lines(table: pd.DataFrame) -> list[str]:
    with_effect = "effect" in table.columns
    head = "| arm | violation rate | draws | P(ranks first) |"
    rule = "|---|---:|---:|---:|"
    if with_effect:
        head += " effect vs baseline (pp) | 90% interval over draws (pp) | P(lowers violations) |"
        rule += "---:|---|---:|"
    lines = [head, rule]
    for r in table.itertuples():
        line = f"| {r.arm} | {r.mean:.1%} | {r.draws} | {_share(r.p_first)} |"
        if with_effect:
            if r.effect != r.effect:  # the baseline
                line += " (baseline) | | |"
            else:
                line += (
                    f" {_pp(r.effect)} | {_pp(r.effect_low)} to {_pp(r.effect_high)} "
                    f"| {_share(r.p_lower)} |"
                )
        lines.append(line)
    return lines


def effects_chart(table: pd.DataFrame, path: Path, caption: str = "") -> Path:
    """Each arm's effect against baseline with its 90% interval over draws."""
    import matplotlib.pyplot as plt

    from .figures import ARM_COLOUR, save_figure, style  # the sweep figures' look and caption

    part = table.dropna(subset=["effect"]).iloc[::-1]
    with style():
        fig, ax = plt.subplots(figsize=(8.5, 1.6 + 0.5 * len(part)))
        y = np.arange(len(part))
        ax.errorbar(
            part["effect"] * 100,
            y,
            xerr=[
                (part["effect"] - part["effect_low"]) * 100,
                (part["effect_high"] - part["effect"]) * 100,
            ],
            fmt="o",
            color=ARM_COLOUR,
            capsize=3,
        )
        ax.axvline(0, color="grey", lw=1)
        labels = [
            f"{r.arm}  (first {_share(r.p_first)}, lowers {_share(r.p_lower)})"
            for r in part.itertuples()
        ]
        ax.set_yticks(y, labels)
        ax.set_xlabel("change in violation rate against baseline (percentage points)")
        ax.set_title("Effects over posterior draws")
        ax.grid(axis="x", alpha=0.3)
        path.parent.mkdir(parents=True, exist_ok=True)
        note = (
            "Dots: mean effect over draws; whiskers: the middle 90% of the per-draw effects "
            "(parameters and seeds). First: share of draws in which the arm has the fewest "
            "violations; lowers: share in which its effect is below zero."
        )
        return save_figure(fig, path, f"{caption} {note}".strip())


CAVEAT = (
    "The intervals of the section on posterior draws hold what the calibration leaves "
    "uncertain about the parameters as well as seed noise; those of the ranking hold the mean "
    "over draws and seeds only. Neither holds uncertainty about the model's structure."
)
"""Replaces the report's 'simulation noise only' caveat for a posterior run."""


@dataclass
class Section:
    """The report's section on parameter uncertainty, and the figure it shows."""

    lines: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def posterior_section(
    runs: pd.DataFrame,
    swept: list[str],
    sweep_dir: Path,
    arm_name: dict[str, str] | None = None,
    caption: str = "",
) -> Section:
    """The report's section for a posterior run (empty for any other sweep); arms are shown
    by ``arm_name`` (label -> readable name) where it has them, the figure with ``caption``."""
    if not has_draws(runs):
        return Section()
    table = posterior_comparison(runs, swept)
    table["arm"] = [(arm_name or {}).get(arm, arm) for arm in table["arm"]]
    files = []
    if "effect" in table.columns:
        files.append(effects_chart(table, sweep_dir / "posterior_effects.png", caption))
    per_draw = table["replications"].min() / max(table["draws"].max(), 1)
    lines = [
        "## With parameter uncertainty (posterior draws)",
        "",
        f"Each replication ran one draw from the calibration's posterior "
        f"({int(table['draws'].max())} draws, about {per_draw:.1f} replications each); arms "
        "share draws and seeds. The effect is the paired change against baseline; its "
        "interval spans the middle 90% of the per-draw effects, so it holds what the record "
        "leaves uncertain about the parameters as well as seed noise. P(ranks first): share "
        "of draws in which the arm has the fewest violations; P(lowers violations): share of "
        "draws in which its effect is below zero. The intervals in the ranking above are those "
        "of the mean over draws and seeds, narrower by design.",
        "",
        *table_lines(table),
        "",
    ]
    return Section(lines, files)
