"""A sensitivity sweep's indices, chart and ``report.md``, rebuilt from the finished points."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display needed

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from ..runs import names  # noqa: E402
from ..runs.files import write_csv_atomic, write_text_atomic  # noqa: E402
from ..runs.names import setting_name  # noqa: E402
from .collect import Collected, missing_lines  # noqa: E402
from .figures import save_figure, style  # noqa: E402
from .plan import RUNS, WEEKS  # noqa: E402
from .sensitivity import (  # noqa: E402
    Design,
    indices,
    indices_file,
    load,
    ranking_sentences,
    write_indices,
)
from .wording import capitalised, caption, context  # noqa: E402

REPORT = "report.md"
S1_COLOUR = "#56B4E9"  # Okabe-Ito sky blue and blue: told apart by lightness too
ST_COLOUR = "#0072B2"
MORRIS_COLOUR = "#0072B2"


def _lever(key: str) -> str:
    return capitalised(setting_name(key))


def _output(column: str) -> str:
    return capitalised(names.name("output", column))


def _caveats(design: Design) -> list[str]:
    """What the indices do not say, for the design's method."""
    noise = (
        "it lowers S1 and raises ST a little"
        if design.method == "sobol"
        else "it adds a little to mu* and sigma"
    )
    size = (
        "experiment=sensitivity_publication runs a sample large enough to rank the levers firmly"
        if design.method == "sobol"
        else "more trajectories (sensitivity.samples) narrow them"
    )
    return [
        "The indices describe the output over the ranges in sensitivity.json (set in "
        "configs/experiment/sensitivity.yaml); those ranges are mostly assumptions, and "
        "other ranges give other indices.",
        "Each point's output is a mean over a few replications, so part of its variation is "
        f"simulation noise: {noise}. All points share their seeds, which keeps that noise "
        "small next to the effect of the settings.",
        f"Intervals are 95% bootstrap intervals (SALib, 1,000 resamples); {size}.",
    ]


def sobol_chart(table: pd.DataFrame, path: Path, caption: str = "") -> Path:
    """S1 and ST with 95% intervals, one panel per output, largest total effect on top."""
    outputs = list(dict.fromkeys(table["output"]))
    levers = len(table) // len(outputs)
    with style():
        fig, axes = plt.subplots(
            1, len(outputs), figsize=(5.6 * len(outputs) + 2, 2.2 + 0.55 * levers), squeeze=False
        )
        return _sobol_panels(fig, axes, table, outputs, path, caption)


def _sobol_panels(fig, axes, table, outputs, path: Path, caption: str) -> Path:
    for ax, output in zip(axes[0], outputs, strict=True):
        rows = table[table["output"] == output].iloc[::-1]  # first bar at the bottom
        y = np.arange(len(rows))
        h = 0.38
        ax.barh(
            y + h / 2,
            rows["ST"],
            xerr=rows["ST_conf"],
            height=h,
            color=ST_COLOUR,
            capsize=3,
            label="total effect ST",
        )
        ax.barh(
            y - h / 2,
            rows["S1"],
            xerr=rows["S1_conf"],
            height=h,
            color=S1_COLOUR,
            capsize=3,
            label="first-order S1",
        )
        ax.set_yticks(y, [_lever(p) for p in rows["parameter"]])
        ax.axvline(0, color="grey", linewidth=0.8)
        ax.set_xlabel("Sobol index (share of output variance)")
        ax.set_title(_output(output))
        ax.set_xlim(
            min(-0.05, float((rows["S1"] - rows["S1_conf"]).min()) - 0.02),
            max(1.0, float((rows["ST"] + rows["ST_conf"]).max()) + 0.05),
        )
    axes[0][0].legend(loc="lower right", frameon=False)
    fig.suptitle("Which lever matters most: Sobol indices")
    return save_figure(fig, path, f"{caption} Whiskers: 95% bootstrap intervals.".strip())


def morris_chart(table: pd.DataFrame, path: Path, caption: str = "") -> Path:
    """Morris screening: mu* (with 95% interval) against sigma, one panel per output."""
    outputs = list(dict.fromkeys(table["output"]))
    with style():
        fig, axes = plt.subplots(1, len(outputs), figsize=(6 * len(outputs), 5.2), squeeze=False)
        return _morris_panels(fig, axes, table, outputs, path, caption)


def _morris_panels(fig, axes, table, outputs, path: Path, caption: str) -> Path:
    for ax, output in zip(axes[0], outputs, strict=True):
        rows = table[table["output"] == output]
        ax.errorbar(
            rows["mu_star"],
            rows["sigma"],
            xerr=rows["mu_star_conf"],
            fmt="o",
            color=MORRIS_COLOUR,
            capsize=3,
        )
        spot = rows.assign(x=rows["mu_star"].round(6), y=rows["sigma"].round(6))
        for (x, y), here in spot.groupby(["x", "y"], sort=False):  # one label per point
            ax.annotate(
                "\n".join(_lever(p) for p in here["parameter"]),
                (x, y),
                xytext=(4, 3),
                textcoords="offset points",
                va="bottom",
            )
        reach = (rows["mu_star"] + rows["mu_star_conf"]).max()
        top = float(max(reach, rows["sigma"].max())) * 1.1 or 1.0
        ax.plot([0, top], [0, top], color="grey", linestyle=":", linewidth=1)
        ax.set_xlim(0, top)
        ax.set_ylim(0, top)
        ax.set_xlabel("mu* (mean absolute elementary effect)")
        ax.set_ylabel("sigma (spread: interactions, non-linearity)")
        ax.set_title(_output(output))
    fig.suptitle("Morris screening")
    words = "Whiskers: 95% bootstrap intervals of mu*; dotted: sigma = mu*."
    return save_figure(fig, path, f"{caption} {words}".strip())


def _markdown(table: pd.DataFrame) -> list[str]:
    columns = [c for c in table.columns if c != "output"]
    lines = ["| " + " | ".join(columns) + " |", "|---" + "|---:" * (len(columns) - 1) + "|"]
    for row in table[columns].itertuples(index=False):
        cells = [row[0]] + [f"{v:.3g}" for v in row[1:]]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _design_lines(design: Design, collected: Collected) -> list[str]:
    runs = collected.runs
    reps = int(runs.groupby("sample_point")["replication"].nunique().min()) if len(runs) else 0
    cycles = int(runs["cycle"].max()) if len(runs) else 0
    size = (
        f"Saltelli sample N = {design.samples} (N x (k + 2) points, first-order and total indices)"
        if design.method == "sobol"
        else f"{design.samples} Morris trajectories on a {design.levels}-level grid"
    )
    lines = [
        f"{size}, k = {len(design.levers)} settings, {design.points()} points, sample seed "
        f"{design.seed}; each point ran {reps} replication(s) of {cycles} election cycle(s) on "
        "the same seeds; the output of a point is its mean over replications and cycles.",
        "",
        "| setting | low | high |",
        "|---|---:|---:|",
    ]
    lines += [f"| `{lever.name}` | {lever.low:g} | {lever.high:g} |" for lever in design.levers]
    return lines


def build_sensitivity_report(
    sweep_dir: Path, collected: Collected, status: str
) -> tuple[str, list[Path]]:
    """Write runs.csv, weeks.csv, the indices, the chart and report.md; return the summary text."""
    design, sample = load(sweep_dir)
    files: list[Path] = []
    if not collected.runs.empty:
        files += [sweep_dir / RUNS, sweep_dir / WEEKS]
        write_csv_atomic(collected.runs, files[0])
        write_csv_atomic(collected.weeks, files[1])
    table = indices(design, sample, collected.runs) if not collected.runs.empty else None
    method = "Sobol indices" if design.method == "sobol" else "Morris screening"
    lines = [f"# Sensitivity analysis: {method}", "", f"Sweep folder `{sweep_dir}`: {status}.", ""]
    lines += _design_lines(design, collected)
    says: list[str] = []
    if table is None:
        lines += [
            "",
            f"The indices need every sample point; {indices_file(design)} is written "
            "once all have finished (re-run the same command).",
        ]
    else:
        files.append(write_indices(table, design, sweep_dir))
        chart = sobol_chart if design.method == "sobol" else morris_chart
        name = "sensitivity.png" if design.method == "sobol" else "morris.png"
        line = caption(context(sweep_dir, collected), per="point")
        files.append(chart(table, sweep_dir / name, line))
        lines += ["", "## Which lever ranks first", ""]
        for output in design.outputs:
            says += ranking_sentences(table, design, output)
            says.append("")
        lines += says
        for output in design.outputs:
            rows = table[table["output"] == output]
            lines += [f"## Indices of {output}", "", *_markdown(rows), ""]
        lines += ["## What they do not say", "", *[f"- {c}" for c in _caveats(design)], ""]
        lines += ["## Figures", "", f"![{name}]({name})"]
    lines += [*missing_lines(collected), ""]
    report = sweep_dir / REPORT
    write_text_atomic(report, "\n".join(lines))
    files.append(report)
    text = "\n".join(["", f"{status}.", *says, *[f"Wrote {p}" for p in files]])
    return text, files
