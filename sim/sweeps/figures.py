"""Figures of a sweep, written as PNG beside its table; each readable on its own.

Every figure carries a caption line saying what was simulated (``wording.caption``),
draws an interval wherever it draws a mean (95%, Student t over replications: the
unit is a replication's mean over its cycles, as in ``compare``), names settings,
policies and outputs in words (``sim.runs.names``) and uses colour-blind-safe
colours: the Okabe-Ito palette for lines and bars, cividis and viridis for maps.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display needed, safe in worker processes

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.patches import Rectangle  # noqa: E402
from scipy import stats  # noqa: E402

from ..runs import names  # noqa: E402
from ..runs.files import temporary_beside  # noqa: E402
from .compare import UNIT, Comparison, arm_labels  # noqa: E402
from .wording import capitalised  # noqa: E402

OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442")
"""Okabe & Ito's colour-blind-safe palette (black, its eighth colour, marks the baseline)."""
BASE_COLOUR = "#000000"
ARM_COLOUR = OKABE_ITO[0]
SURFACE_MAP = "cividis"  # one hue ramp, readable with any colour vision and in grey
FUNNEL_MAP = "viridis"
STYLE = {
    "font.size": 10.5,
    "axes.titlesize": 11.5,
    "axes.labelsize": 10.5,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
"""Text no smaller than 10 points: legible when README shrinks a figure to its column."""
CAPTION_SIZE = 9.5
DPI = 130
WORDS = {
    "en": {
        "rate_axis": "civil servants who violated neutrality\nin a campaign (%)",
        "change_axis": "change against the baseline\n(percentage points, paired 95% interval)",
        "change_title": "Change against the baseline",
        "baseline": "baseline",
        "whiskers": "Bars and dots: means; whiskers and bands: 95% intervals over replications.",
        "surface_title": "Civil servants violating (%): mean, ± half the 95% interval",
        "averaged": "averaged over {others}",
        "response_axis": "civil servants who violated in a campaign (%)",
        "response_title": "Violations against {x}",
        "time_axis": "violated so far this campaign (%)",
        "week_axis": "campaign week, cycle after cycle",
        "time_title": "Violations week by week ({shown} of {arms} arms)",
        "reference": "{name} (dashed, for reference)",
        "funnel_title": "Enforcement funnel: civil servants per election",
        "per_election": "per election (mean)",
        "own_scale": "each panel its own colour scale",
        "map_cells": "mean, ± half the 95% interval",
        "default_cell": "Framed: the default settings.",
    },
    "id": {
        "rate_axis": "ASN yang melanggar netralitas\ndalam satu kampanye (%)",
        "change_axis": "selisih terhadap kondisi dasar\n"
        "(poin persentase, interval 95% berpasangan)",
        "change_title": "Selisih terhadap kondisi dasar",
        "baseline": "kondisi dasar",
        "whiskers": "Batang dan titik: rata-rata; garis dan pita: interval 95% antarulangan.",
        "surface_title": "ASN yang melanggar (%): rata-rata, ± setengah interval 95%",
        "averaged": "dirata-ratakan atas {others}",
        "response_axis": "ASN yang melanggar dalam satu kampanye (%)",
        "response_title": "Pelanggaran menurut {x}",
        "time_axis": "sudah melanggar pada kampanye ini (%)",
        "week_axis": "minggu kampanye, siklus demi siklus",
        "time_title": "Pelanggaran minggu demi minggu ({shown} dari {arms} kelompok)",
        "reference": "{name} (putus-putus, sebagai acuan)",
        "funnel_title": "Corong penegakan: ASN per pemilihan",
        "per_election": "per pemilihan (rata-rata)",
        "own_scale": "setiap panel dengan skala warnanya sendiri",
        "map_cells": "rata-rata, ± setengah interval 95%",
        "default_cell": "Berbingkai: pengaturan bawaan.",
    },
}


def group_colours(groups) -> dict[str, str]:
    """A colour per group, in order: black for a baseline group, Okabe-Ito for the others."""
    palette = iter(OKABE_ITO * 3)
    return {
        g: BASE_COLOUR if "baseline" in str(g) else next(palette) for g in dict.fromkeys(groups)
    }


@contextmanager
def style() -> Iterator[None]:
    """The figures' type sizes and frame, for the figures drawn inside."""
    with plt.rc_context(STYLE):
        yield


def save_figure(fig: plt.Figure, path: Path, caption: str = "") -> Path:
    """Write ``fig`` to ``path`` whole or not at all with ``caption`` at its foot, and close it.

    The caption is wrapped to the figure's width (about 13 characters an inch at its size).
    """
    width, inches = fig.get_size_inches()
    caption = textwrap.fill(caption, int(width * 13)) if caption else ""
    foot = (0.08 + 0.2 * caption.count("\n") + 0.25) / inches if caption else 0.0
    fig.tight_layout(rect=(0, foot, 1, 1))
    if caption:
        fig.text(0.01, 0.08 / inches, caption, fontsize=CAPTION_SIZE, color="#444444")
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            fig.savefig(handle, dpi=DPI, format=path.suffix.lstrip("."))
        os.replace(tmp, path)  # whole or not at all
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    finally:
        plt.close(fig)
    return path


# -- statistics drawn -------------------------------------------------------------


def per_unit(runs: pd.DataFrame, swept: list[str], columns: list[str]) -> pd.DataFrame:
    """Each replication's mean over its cycles, by arm: the unit every interval is over."""
    return runs.assign(arm=arm_labels(runs, swept)).groupby(["arm", *UNIT])[columns].mean()


def intervals(values: pd.Series, by: str | list[str]) -> pd.DataFrame:
    """Mean, low and high (95%, Student t) of ``values`` within each group of ``by``."""

    def interval(group: pd.Series) -> pd.Series:
        n, mean = group.size, group.mean()
        half = stats.t.ppf(0.975, n - 1) * group.std(ddof=1) / np.sqrt(n) if n > 1 else np.nan
        return pd.Series({"mean": mean, "low": mean - half, "high": mean + half, "n": n})

    return values.groupby(level=by, sort=False).apply(interval).unstack()


def _percent_axis(ax: plt.Axes, axis: str = "y") -> None:
    getattr(ax, f"{axis}axis").set_major_formatter(lambda v, _: f"{v:g}")


# -- one figure per question --------------------------------------------------------


def comparison_chart(
    comparison: Comparison,
    arm_name: dict[str, str],
    path: Path,
    title: str,
    caption: str,
    language: str = "en",
) -> Path:
    """Mean violation rate per arm with 95% intervals, fewest at the top, baseline in black.

    With a baseline, a second panel shows each arm's change against it with the
    paired interval, which is much narrower than the arms' own intervals suggest.
    """
    w = WORDS[language]
    table = comparison.table.iloc[::-1]  # matplotlib draws the first bar at the bottom
    with_change = comparison.baseline is not None and "change" in table
    with style():
        fig, axes = plt.subplots(
            1,
            2 if with_change else 1,
            figsize=(12 if with_change else 8.5, 1.6 + 0.45 * len(table)),
            sharey=True,
        )
        ax = axes[0] if with_change else axes
        is_base = (table["arm"] == comparison.baseline).to_numpy()
        y = np.arange(len(table))
        mean = table["mean"].to_numpy() * 100
        err = np.vstack((mean - table["low"] * 100, table["high"] * 100 - mean))
        colours = [BASE_COLOUR if b else ARM_COLOUR for b in is_base]
        ax.barh(y, mean, xerr=err, color=colours, capsize=3, height=0.65, ecolor="#555555")
        ax.set_yticks(y, [arm_name[a] for a in table["arm"]])
        high = table["high"].fillna(table["mean"]).to_numpy() * 100
        for yi, m, h in zip(y, mean, high, strict=True):
            ax.text(h, yi, f"  {m:.1f}%", va="center", ha="left")
        ax.set_xlabel(w["rate_axis"])
        ax.set_xlim(0, max(high.max() * 1.22, 1))
        ax.set_title(title)
        if with_change:
            _change_panel(axes[1], table, is_base, y, w)
        return save_figure(fig, path, caption)


def _change_panel(ax: plt.Axes, table: pd.DataFrame, is_base, y, w: dict[str, str]) -> None:
    change = table["change"].fillna(0).to_numpy() * 100
    low = table["change_low"].fillna(0).to_numpy() * 100
    up = table["change_high"].fillna(0).to_numpy() * 100
    shown = ~is_base
    err = np.vstack((change - low, up - change))[:, shown]
    ax.errorbar(change[shown], y[shown], xerr=err, fmt="o", color=ARM_COLOUR, capsize=3)
    ax.axvline(0, color=BASE_COLOUR, linestyle="--", linewidth=1)
    for yi, c, u, base in zip(y, change, up, is_base, strict=True):
        words = f"  {w['baseline']}" if base else f"  {c:+.2f}"
        ax.text(max(u, c), yi, words, va="center", ha="left")
    ax.set_xlabel(w["change_axis"])
    ax.set_title(w["change_title"])
    lo, hi = min(low.min(), 0), max(up.max(), 0)
    ax.set_xlim(lo - 0.05 * (hi - lo) - 0.1, hi + 0.3 * (hi - lo) + 0.3)


def surface_chart(
    runs: pd.DataFrame,
    swept: list[str],
    x: str,
    y: str,
    path: Path,
    caption: str,
    default: tuple[float, float] | None = None,
    language: str = "en",
) -> Path:
    """Heat map of the violation rate over two swept settings, each cell's interval written in.

    A cell is the mean over its replications (other swept settings, if any, averaged)
    and '± h', half the width of its 95% interval. ``default``: the (x, y) of the default
    settings, framed when the grid holds it.
    """
    w = WORDS[language]
    unit = runs.groupby([y, x, *UNIT])["violation_rate"].mean() * 100
    cells = intervals(unit, [y, x])
    mean = cells["mean"].unstack(x).sort_index(ascending=False)  # larger y at the top
    half = ((cells["high"] - cells["low"]) / 2).unstack(x).reindex_like(mean)
    with style():
        fig, ax = plt.subplots(figsize=(1.25 * mean.shape[1] + 3.2, 0.8 * mean.shape[0] + 2.4))
        image = ax.imshow(mean.to_numpy(), cmap=SURFACE_MAP, aspect="auto")
        ax.set_xticks(range(mean.shape[1]), [f"{v:g}" for v in mean.columns])
        ax.set_yticks(range(mean.shape[0]), [f"{v:g}" for v in mean.index])
        ax.set_xlabel(capitalised(names.setting_name(x, language)))
        ax.set_ylabel(capitalised(names.setting_name(y, language)))
        ax.spines[:].set_visible(False)
        write_cells(ax, image, mean.to_numpy(), half.to_numpy(), "{m:.1f}\n±{h:.1f}")
        if default is not None and default[0] in mean.columns and default[1] in mean.index:
            j, i = list(mean.columns).index(default[0]), list(mean.index).index(default[1])
            ax.add_patch(
                Rectangle((j - 0.46, i - 0.46), 0.92, 0.92, fill=False, ec="white", lw=2.5)
            )
            ax.add_patch(
                Rectangle((j - 0.46, i - 0.46), 0.92, 0.92, fill=False, ec="black", lw=1, ls="--")
            )
            caption = f"{caption} {w['default_cell']}"
        fig.colorbar(image, ax=ax, label=names.name("output", "violation_rate", language) + " (%)")
        others = [k for k in swept if k not in (x, y) and k in runs and runs[k].nunique() > 1]
        title = w["surface_title"]
        if others:
            title += "\n" + w["averaged"].format(
                others=", ".join(names.setting_name(k, language) for k in others)
            )
        ax.set_title(title)
        return save_figure(fig, path, caption)


def write_cells(
    ax: plt.Axes, image, values: np.ndarray, halves, template: str, size: float = 10
) -> None:
    """Each cell's value in it, white on dark cells and black on light ones.

    Both maps run from dark to light, so the lower part of the scale is dark.
    """
    for (i, j), value in np.ndenumerate(values):
        if value != value:  # NaN: no data in this cell
            continue
        dark = image.norm(value) < 0.55
        h = halves[i, j] if halves is not None else 0.0
        ax.text(
            j,
            i,
            template.format(m=value, h=h),
            ha="center",
            va="center",
            color="white" if dark else "black",
            fontsize=size,
        )


def response_chart(
    runs: pd.DataFrame,
    x: str,
    others: list[str],
    group_name: dict[str, str],
    path: Path,
    caption: str,
    language: str = "en",
) -> Path:
    """Mean violation rate against one swept setting, a line (with its band) per group."""
    w = WORDS[language]
    runs = runs.assign(group=arm_labels(runs, others) if others else "all")
    unit = runs.groupby(["group", x, *UNIT])["violation_rate"].mean() * 100
    with style():
        fig, ax = plt.subplots(figsize=(8.5, 5))
        colours = group_colours(unit.index.get_level_values("group"))
        for group, by_group in unit.groupby(level="group", sort=False):
            points = intervals(by_group.droplevel("group"), x).sort_index()
            xs = points.index.to_numpy(dtype=float)
            colour = colours[group]
            label = group_name.get(group, str(group)) if others else None
            ax.plot(xs, points["mean"], marker="o", color=colour, label=label)
            ax.fill_between(xs, points["low"], points["high"], color=colour, alpha=0.2, lw=0)
        ax.set_xlabel(capitalised(names.setting_name(x, language)))
        ax.set_ylabel(w["response_axis"])
        ax.set_title(w["response_title"].format(x=names.setting_name(x, language)))
        ax.set_ylim(bottom=0)
        if others:
            ax.legend(frameon=False)
        return save_figure(fig, path, caption)
