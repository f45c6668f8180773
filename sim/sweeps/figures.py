"""Figures of a sweep, written as PNG beside its table; each readable on its own."""

from __future__ import annotations

import os
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display needed, safe in worker processes

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..runs.files import temporary_beside  # noqa: E402
from .compare import Comparison, arm_labels  # noqa: E402

BASE_COLOUR = "#222222"
ARM_COLOUR = "#4a6fa5"
FUNNEL_COLOURS = ("#fdb863", "#e08214", "#b35806", "#542788")
SOURCE_NOTE = "Simulated; whiskers: 95% confidence intervals over replications."


def save_figure(fig: plt.Figure, path: Path) -> Path:
    """Write ``fig`` to ``path`` whole or not at all, and close it."""
    fig.tight_layout()
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(handle, dpi=130, format=path.suffix.lstrip("."))
        os.replace(tmp, path)  # whole or not at all
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        plt.close(fig)
    return path


def comparison_chart(comparison: Comparison, path: Path, title: str) -> Path:
    """Mean violation rate per arm with 95% intervals, best at the top, baseline marked.

    With a baseline, a second panel shows each arm's change against it with the
    paired interval, which is much narrower than the arms' own intervals suggest.
    """
    table = comparison.table.iloc[::-1]  # matplotlib draws the first bar at the bottom
    with_change = comparison.baseline is not None and "change" in table
    height = 1.4 + 0.42 * len(table)
    fig, axes = plt.subplots(
        1, 2 if with_change else 1, figsize=(11 if with_change else 8, height), sharey=True
    )
    ax = axes[0] if with_change else axes
    is_base = (table["arm"] == comparison.baseline).to_numpy()
    colours = [BASE_COLOUR if b else ARM_COLOUR for b in is_base]
    y = np.arange(len(table))
    mean = table["mean"].to_numpy() * 100
    err = np.vstack((mean - table["low"] * 100, table["high"] * 100 - mean))
    ax.barh(y, mean, xerr=err, color=colours, capsize=3, height=0.65)
    ax.set_yticks(y, table["arm"])
    high = table["high"].fillna(table["mean"]).to_numpy() * 100
    for yi, m, h in zip(y, mean, high, strict=True):
        ax.text(h, yi, f"  {m:.1f}%", va="center", ha="left", fontsize=8)
    ax.set_xlabel("civil servants who violated neutrality\nin a campaign (%)")
    ax.set_xlim(0, max(high.max() * 1.2, 1))
    ax.set_title(title)
    if with_change:
        right = axes[1]
        change = table["change"].fillna(0).to_numpy() * 100
        low = table["change_low"].fillna(0).to_numpy() * 100
        up = table["change_high"].fillna(0).to_numpy() * 100
        right.errorbar(
            change,
            y,
            xerr=np.vstack((change - low, up - change)),
            fmt="o",
            color=ARM_COLOUR,
            capsize=3,
        )
        right.axvline(0, color=BASE_COLOUR, linestyle="--", linewidth=1)
        for yi, c, u, base in zip(y, change, up, is_base, strict=True):
            text = "  baseline" if base else f"  {c:+.2f}"
            right.text(max(u, c), yi, text, va="center", ha="left", fontsize=8)
        right.set_xlabel("change against baseline\n(percentage points, paired 95% interval)")
        right.set_title("Change against baseline")
        lo, hi = min(low.min(), 0), max(up.max(), 0)
        right.set_xlim(lo - 0.05 * (hi - lo) - 0.1, hi + 0.25 * (hi - lo) + 0.1)
    fig.text(0.01, 0.005, SOURCE_NOTE, fontsize=7, color="grey")
    return save_figure(fig, path)


def surface_chart(runs: pd.DataFrame, x: str, y: str, path: Path) -> Path:
    """Heat map of the mean violation rate over two swept settings (others averaged)."""
    grid = runs.groupby([y, x])["violation_rate"].mean().unstack(x) * 100
    grid = grid.sort_index(ascending=False)  # larger y at the top, as on a plot's axis
    fig, ax = plt.subplots(figsize=(1.1 * grid.shape[1] + 2.5, 0.7 * grid.shape[0] + 1.8))
    image = ax.imshow(grid.to_numpy(), cmap="RdYlGn_r", aspect="auto")
    ax.set_xticks(range(grid.shape[1]), [f"{v:g}" for v in grid.columns])
    ax.set_yticks(range(grid.shape[0]), [f"{v:g}" for v in grid.index])
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    for (i, j), value in np.ndenumerate(grid.to_numpy()):
        ax.text(j, i, f"{value:.1f}", ha="center", va="center", fontsize=8)
    fig.colorbar(image, ax=ax, label="violation rate (%)")
    ax.set_title("Deterrence surface: civil servants violating (%)")
    return save_figure(fig, path)


def response_chart(runs: pd.DataFrame, x: str, others: list[str], path: Path) -> Path:
    """Mean violation rate against one swept setting, a line per value of the others."""
    runs = runs.assign(group=arm_labels(runs, others) if others else "all")
    per_unit = runs.groupby(["group", x, "seed", "replication"])["violation_rate"].mean()
    fig, ax = plt.subplots(figsize=(8, 4.8))
    for group, by_group in per_unit.groupby(level="group"):
        points = by_group.groupby(level=x).agg(["mean", "std", "count"])
        half = 1.96 * points["std"] / np.sqrt(points["count"])  # normal approximation
        xs = points.index.to_numpy(dtype=float)
        style = {"color": BASE_COLOUR} if "baseline" in str(group) else {}
        ax.plot(xs, points["mean"] * 100, marker="o", label=group, **style)
        ax.fill_between(
            xs, (points["mean"] - half) * 100, (points["mean"] + half) * 100, alpha=0.2, **style
        )
    ax.set_xlabel(x)
    ax.set_ylabel("civil servants who violated in a campaign (%)")
    ax.set_title(f"Violations against {x.rsplit('.', 1)[-1].replace('_', ' ')}")
    ax.set_ylim(bottom=0)
    if others:
        ax.legend(frameon=False, fontsize=8)
    fig.text(0.01, 0.005, "Simulated; bands: 95% confidence intervals.", fontsize=7, color="grey")
    return save_figure(fig, path)


def over_time_chart(weeks: pd.DataFrame, swept: list[str], path: Path, show: list[str]) -> Path:
    """Share who violated so far in each campaign, week by week across cycles."""
    weeks = weeks.assign(arm=arm_labels(weeks, swept))
    per_cycle = int(weeks["week"].max())
    weeks = weeks.assign(t=(weeks["cycle"] - 1) * per_cycle + weeks["week"])
    mean = weeks.groupby(["arm", "cycle", "t"])["violation_rate"].mean() * 100
    fig, ax = plt.subplots(figsize=(9, 4.8))
    palette = iter(plt.get_cmap("tab10").colors[:3] + plt.get_cmap("tab10").colors[4:])
    for arm in show:
        if arm == "baseline":
            style = {"color": BASE_COLOUR, "linewidth": 2.5, "linestyle": "--"}
        else:
            style = {"color": next(palette, None), "linewidth": 1.6}
        for k, (_, line) in enumerate(mean.loc[arm].groupby(level="cycle")):
            t = line.index.get_level_values("t")  # one segment per cycle: campaigns restart
            ax.plot(t, line.to_numpy(), label=arm if k == 0 else None, **style)
    for cycle in range(1, int(weeks["cycle"].max())):
        ax.axvline(cycle * per_cycle + 0.5, color="grey", linewidth=0.8, linestyle=":")
    ax.set_xlabel(f"campaign week (cycles of {per_cycle} weeks, separated by dotted lines)")
    ax.set_ylabel("violated so far this campaign (%)")
    ax.set_title("Violations over campaign weeks and election cycles")
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_ylim(bottom=0)
    return save_figure(fig, path)


def funnel_chart(comparison: Comparison, path: Path) -> Path:
    """Violators, reported, proven and sanctioned per arm, per election (log scale)."""
    table = comparison.table
    fig, ax = plt.subplots(figsize=(9, 1.5 + 0.55 * len(table)))
    y = np.arange(len(table))[::-1]
    h = 0.2
    labels = ("violated", "reported", "proven", "sanctioned")
    columns = ("violators", "reported", "proven", "sanctioned")
    for k, (column, label, colour) in enumerate(zip(columns, labels, FUNNEL_COLOURS, strict=True)):
        values = table[column].to_numpy()
        ax.barh(y + (1.5 - k) * h, np.maximum(values, 0.05), height=h, color=colour, label=label)
        for yi, v in zip(y, values, strict=True):
            ax.text(max(v, 0.05), yi + (1.5 - k) * h, f" {v:.1f}", va="center", fontsize=6.5)
    ax.set_xscale("log")
    ax.set_yticks(y, table["arm"])
    ax.set_xlabel("civil servants per election, mean over replications (log scale)")
    ax.set_title("Enforcement funnel: from violation to sanction")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8, frameon=False)
    ax.set_xlim(right=table["violators"].max() * 3)  # room for the labels
    return save_figure(fig, path)
