"""Small-multiple figures of a sweep: the enforcement funnel, one panel per stage, and
violations week by week, one panel per arm.

A funnel's stages differ a hundredfold (hundreds violate, a handful are sanctioned), so
each stage gets its own panel and its own linear scale instead of a log axis; arms
drawn over the same weeks would hide each other, so each arm gets its own panel with
the reference arm dashed behind it.
"""

from __future__ import annotations

import math
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.lines import Line2D

from ..runs import names
from .compare import FUNNEL, UNIT, arm_labels
from .figures import (
    ARM_COLOUR,
    FUNNEL_MAP,
    WORDS,
    group_colours,
    intervals,
    per_unit,
    save_figure,
    style,
    write_cells,
)
from .wording import capitalised

STAGE_COLOURS = ("#CC79A7", "#F0E442", "#009E73", "#000000")
"""Violated, reported, proven, sanctioned: the colours the teaching page gives those states."""
TITLE_WIDTH = 34  # characters of a panel's title before it wraps


def _stage(column: str, language: str) -> str:
    return capitalised(names.name("output", column, language))


def funnel_bars(
    runs: pd.DataFrame,
    swept: list[str],
    order: list[str],
    arm_name: dict[str, str],
    path: Path,
    caption: str,
    baseline: str | None = None,
    language: str = "en",
) -> Path:
    """Violated, reported, proven and sanctioned per arm: four panels, each its own scale.

    ``order``: the arms from top to bottom (the ranking's order); ``baseline`` in bold.
    """
    units = per_unit(runs, swept, list(FUNNEL))
    with style():
        fig, axes = plt.subplots(1, len(FUNNEL), figsize=(14, 1.9 + 0.45 * len(order)), sharey=True)
        y = np.arange(len(order))[::-1]
        for ax, column, colour in zip(axes, FUNNEL, STAGE_COLOURS, strict=True):
            stage = intervals(units[column], "arm").reindex(order)
            mean = stage["mean"].to_numpy()
            high = stage["high"].fillna(stage["mean"]).to_numpy()
            err = np.nan_to_num(np.vstack((mean - stage["low"], high - mean)))
            ax.barh(
                y,
                mean,
                xerr=err,
                color=colour,
                edgecolor="#333333",
                lw=0.5,
                height=0.65,
                capsize=2.5,
                ecolor="#555555",
            )
            for yi, m, h in zip(y, mean, high, strict=True):
                ax.text(h, yi, f" {m:,.1f}", va="center", ha="left")
            ax.set_xlim(0, (float(np.nanmax(high)) or 1.0) * 1.35)
            ax.set_title(_stage(column, language))
            ax.set_xlabel(WORDS[language]["per_election"])
        axes[0].set_yticks(y, [arm_name[a] for a in order])
        for label, arm in zip(axes[0].get_yticklabels(), order, strict=True):
            label.set_fontweight("bold" if arm == baseline else "normal")
        fig.suptitle(WORDS[language]["funnel_title"])
        return save_figure(fig, path, caption)


def funnel_maps(
    runs: pd.DataFrame, x: str, y: str, path: Path, caption: str, language: str = "en"
) -> Path:
    """The funnel over a grid of two settings: a heat map per stage, each its own scale.

    Each cell holds the mean per election and '± h', half its 95% interval.
    """
    units = runs.groupby([y, x, *UNIT])[list(FUNNEL)].mean()
    with style():
        levels_x, levels_y = runs[x].nunique(), runs[y].nunique()
        fig, axes = plt.subplots(
            1, len(FUNNEL), figsize=(3.6 * len(FUNNEL) + 1, 0.75 * levels_y + 2.8), sharey=True
        )
        for ax, column in zip(axes, FUNNEL, strict=True):
            cells = intervals(units[column], [y, x])
            grid = cells["mean"].unstack(x).sort_index(ascending=False)
            half = ((cells["high"] - cells["low"]) / 2).unstack(x).reindex_like(grid)
            image = ax.imshow(grid.to_numpy(), cmap=FUNNEL_MAP, aspect="auto")
            big = float(np.nanmax(grid.to_numpy())) >= 100
            template = "{m:.0f}\n±{h:.0f}" if big else "{m:.1f}\n±{h:.1f}"
            write_cells(ax, image, grid.to_numpy(), half.to_numpy(), template, size=9)
            ax.set_xticks(range(levels_x), [f"{v:g}" for v in grid.columns])
            ax.set_yticks(range(levels_y), [f"{v:g}" for v in grid.index])
            ax.set_title(_stage(column, language))
            ax.set_xlabel(textwrap.fill(capitalised(names.setting_name(x, language)), 28))
            ax.spines[:].set_visible(False)
        axes[0].set_ylabel(capitalised(names.setting_name(y, language)))
        w = WORDS[language]
        fig.suptitle(f"{w['funnel_title']} ({w['map_cells']}; {w['own_scale']})")
        return save_figure(fig, path, caption)


def funnel_lines(
    runs: pd.DataFrame,
    x: str,
    others: list[str],
    group_name: dict[str, str],
    path: Path,
    caption: str,
    language: str = "en",
) -> Path:
    """The funnel against one swept setting: a panel per stage, a line and band per group."""
    runs = runs.assign(group=arm_labels(runs, others) if others else "all")
    units = runs.groupby(["group", x, *UNIT])[list(FUNNEL)].mean()
    with style():
        fig, axes = plt.subplots(1, len(FUNNEL), figsize=(14, 4.2))
        for ax, column in zip(axes, FUNNEL, strict=True):
            colours = group_colours(units.index.get_level_values("group"))
            for group, by_group in units[column].groupby(level="group", sort=False):
                points = intervals(by_group.droplevel("group"), x).sort_index()
                xs = points.index.to_numpy(dtype=float)
                colour = colours[group]
                ax.plot(
                    xs,
                    points["mean"],
                    marker="o",
                    color=colour,
                    label=group_name.get(group, str(group)),
                )
                ax.fill_between(xs, points["low"], points["high"], color=colour, alpha=0.2, lw=0)
            ax.set_ylim(bottom=0)
            ax.set_title(_stage(column, language))
            ax.set_xlabel(textwrap.fill(capitalised(names.setting_name(x, language)), 28))
        axes[0].set_ylabel(WORDS[language]["per_election"])
        if others:
            axes[0].legend(frameon=False)
        fig.suptitle(WORDS[language]["funnel_title"])
        return save_figure(fig, path, caption)


@dataclass(frozen=True)
class Line:
    """One arm drawn in a panel of ``over_time_chart``."""

    arm: str
    label: str
    colour: str = ARM_COLOUR
    dashed: bool = False  # a reference drawn behind, without its band


def over_time_chart(
    weeks: pd.DataFrame,
    swept: list[str],
    panels: list[tuple[str, list[Line]]],
    title: str,
    path: Path,
    caption: str,
    language: str = "en",
) -> Path:
    """Share who violated so far in each campaign, week by week: a panel per entry of ``panels``.

    Each panel draws its lines (means with 95% bands; a dashed reference without);
    campaigns restart at each election, so each cycle is its own segment.
    """
    w = WORDS[language]
    weeks = weeks.assign(arm=arm_labels(weeks, swept))
    per_cycle = int(weeks["week"].max())
    cycles = int(weeks["cycle"].max())
    weeks = weeks.assign(t=(weeks["cycle"] - 1) * per_cycle + weeks["week"])
    unit = weeks.groupby(["arm", "t", *UNIT])["violation_rate"].mean() * 100
    arms = {line.arm for _, lines in panels for line in lines}
    band = {arm: intervals(unit.loc[arm], "t").sort_index() for arm in arms}
    top = max(float(b["high"].fillna(b["mean"]).max()) for b in band.values()) * 1.05
    columns = 2 if len(panels) == 4 else min(3, len(panels))
    rows = math.ceil(len(panels) / columns)
    with style():
        fig, axes = plt.subplots(
            rows,
            columns,
            figsize=(4.4 * columns + 0.6, 2.9 * rows + 1.4),
            sharex=True,
            sharey=True,
            squeeze=False,
        )
        for ax, (name, lines) in zip(axes.flat, panels, strict=False):
            for line in sorted(lines, key=lambda item: not item.dashed):  # references behind
                _segments(ax, band[line.arm], per_cycle, cycles, line)
            ax.set_title(textwrap.fill(name, TITLE_WIDTH))
            for cycle in range(1, cycles):
                ax.axvline(cycle * per_cycle + 0.5, color="#999999", lw=0.8, ls=":")
        axes[0, 0].set_ylim(0, top)
        for ax in axes.flat[len(panels) :]:
            ax.set_visible(False)
        for ax in axes[:, 0]:
            ax.set_ylabel(textwrap.fill(w["time_axis"], 22))
        for ax in axes[-1, :]:
            ax.set_xlabel(w["week_axis"])
        if any(sum(not line.dashed for line in lines) > 1 for _, lines in panels):
            handles = {}
            for _, lines in panels:
                for line in lines:
                    style_ = {"ls": "--", "lw": 1.2} if line.dashed else {"lw": 2}
                    handles.setdefault(line.label, Line2D([], [], color=line.colour, **style_))
            axes[0, 0].legend(handles.values(), handles.keys(), loc="upper left", frameon=False)
        fig.suptitle(title, x=0.02, ha="left")
        return save_figure(fig, path, caption)


def _segments(ax, points: pd.DataFrame, per_cycle: int, cycles: int, line: Line) -> None:
    for cycle in range(cycles):
        within = (points.index > cycle * per_cycle) & (points.index <= (cycle + 1) * per_cycle)
        part = points[within]
        t = part.index.to_numpy(dtype=float)
        if line.dashed:
            ax.plot(t, part["mean"], color=line.colour, lw=1.2, ls="--")
            continue
        ax.plot(t, part["mean"], color=line.colour, lw=2)
        ax.fill_between(t, part["low"], part["high"], color=line.colour, alpha=0.25, lw=0)
