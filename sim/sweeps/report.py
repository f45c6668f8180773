"""A sweep's tidy table, figures and ``report.md``, rebuilt from whatever jobs finished.

``patronage-report DIR`` does the same from the command line, for any sweep
folder, also one still running or cut short: it says which jobs are missing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..runs.files import write_csv_atomic, write_text_atomic
from .collect import collect, missing_lines
from .compare import Comparison, arm_settings, compare
from .figures import (
    comparison_chart,
    funnel_chart,
    over_time_chart,
    response_chart,
    surface_chart,
)
from .plan import PLAN, RUNS, WEEKS
from .sensitivity import DESIGN as SENSITIVITY_DESIGN
from .sensitivity import SAMPLE as SENSITIVITY_SAMPLE
from .uncertainty import CAVEAT as POSTERIOR_CAVEAT
from .uncertainty import posterior_section

REPORT = "report.md"
MOST_LINES = 12  # arms drawn over time; more would be unreadable


@dataclass
class Built:
    """What ``build_report`` wrote, and the text printed at the end of a sweep."""

    text: str
    files: list[Path] = field(default_factory=list)


def _pp(x: float) -> str:
    return f"{x * 100:+.2f}"


def _pct(x: float) -> str:
    return "-" if x != x else f"{x * 100:.1f}%"


def _numeric(runs: pd.DataFrame, key: str) -> bool:
    return key in runs and pd.api.types.is_numeric_dtype(runs[key]) and runs[key].nunique() > 1


def _ranking_table(c: Comparison) -> list[str]:
    with_change = c.baseline is not None
    head = "| rank | arm | violation rate | 95% interval | replications |"
    rule = "|---:|---|---:|---|---:|"
    if with_change:
        head += " change vs baseline (pp) | 95% interval (pp) |"
        rule += "---:|---|"
    lines = [head, rule]
    for i, row in enumerate(c.table.itertuples(), start=1):
        line = (
            f"| {i} | {row.arm} | {_pct(row.mean)} | {_pct(row.low)} to {_pct(row.high)} "
            f"| {row.replications} |"
        )
        if with_change:
            if row.arm == c.baseline:
                line += " (baseline) | |"
            else:
                line += f" {_pp(row.change)} | {_pp(row.change_low)} to {_pp(row.change_high)} |"
        lines.append(line)
    return lines


def _funnel_table(c: Comparison) -> list[str]:
    lines = [
        "| arm | violated | reported | proven | sanctioned | follow-up |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in c.table.itertuples():
        lines.append(
            f"| {row.arm} | {row.violators:.1f} | {row.reported:.1f} | {row.proven:.1f} "
            f"| {row.sanctioned:.1f} | {_pct(row.followup)} |"
        )
    return lines


def _findings(c: Comparison) -> list[str]:
    """Plain sentences: what the numbers say."""
    t = c.table
    best, worst = t.iloc[0], t.iloc[-1]
    says = []
    if c.baseline is None:
        says.append(
            f"Fewest violations with {best.arm} ({_pct(best['mean'])}), most with "
            f"{worst.arm} ({_pct(worst['mean'])})."
        )
        return says
    base = t[t["arm"] == c.baseline].iloc[0]
    others = t[t["arm"] != c.baseline]
    lower = others[others["change_high"] < 0]
    higher = others[others["change_low"] > 0]
    unclear = others[(others["change_low"] <= 0) & (others["change_high"] >= 0)]
    says.append(
        f"Under the baseline, {_pct(base['mean'])} of civil servants violate in a campaign."
    )
    if len(lower):
        top = lower.iloc[0]
        says.append(
            f"{top.arm} lowers violations most: to {_pct(top['mean'])}, a change of "
            f"{_pp(top.change)} percentage points (95% interval {_pp(top.change_low)} to "
            f"{_pp(top.change_high)})."
        )
        if len(lower) > 1:
            says.append(f"Also lower than baseline: {', '.join(lower['arm'].iloc[1:])}.")
    else:
        says.append("No arm lowers violations detectably below the baseline.")
    if len(unclear):
        says.append(f"No detectable change (interval includes zero): {', '.join(unclear['arm'])}.")
    if len(higher):
        says.append(f"Higher than baseline: {', '.join(higher['arm'])}.")
    return says


CAVEATS = [
    "The intervals reflect simulation noise only (replications of one stylised region), "
    "not uncertainty about the model's parameters or structure.",
    "How strongly each policy is set (e.g. how much heavier a sanction is) is an "
    "assumption stated in its file under configs/policy/; a different strength gives a "
    "different effect.",
    "The baseline is anchored on national enforcement figures for Pilkada 2020 "
    "(data/calibration.md); see docs/ODD.md for what is and is not calibrated.",
]


def build_report(sweep_dir: str | Path) -> Built:
    """Write runs.csv, weeks.csv, the figures and report.md for ``sweep_dir``."""
    sweep_dir = Path(sweep_dir)
    collected = collect(sweep_dir)
    total = len(collected.finished) + len(collected.missing)
    status = f"{len(collected.finished)} of {total} job(s) finished"
    if collected.failed:
        status += f", {len(collected.failed)} failed"
    if (sweep_dir / SENSITIVITY_DESIGN).exists() and (sweep_dir / SENSITIVITY_SAMPLE).exists():
        from .sensitivity_report import build_sensitivity_report

        return Built(*build_sensitivity_report(sweep_dir, collected, status))
    if collected.runs.empty:
        return Built(f"{sweep_dir}: {status}; nothing to report yet.")
    runs, weeks, swept = collected.runs, collected.weeks, collected.swept
    files = [sweep_dir / RUNS, sweep_dir / WEEKS]
    write_csv_atomic(runs, files[0])
    write_csv_atomic(weeks, files[1])

    c = compare(runs, swept)
    is_policy = "policy" in arm_settings(swept) and arm_settings(swept) == ["policy"]
    title = "Violations by policy" if is_policy else "Violations by configuration"
    if len(c.table) > 1:
        name = "policy_comparison.png" if is_policy else "comparison.png"
        files.append(comparison_chart(c, sweep_dir / name, title))
    numeric = [k for k in arm_settings(swept) if _numeric(runs, k)]
    if len(numeric) >= 2:
        surface = sweep_dir / "deterrence_surface.png"
        files.append(surface_chart(runs, numeric[0], numeric[1], surface))
    elif len(numeric) == 1:
        x = numeric[0]
        others = [k for k in arm_settings(swept) if k != x]
        chart = sweep_dir / f"violations_by_{x.rsplit('.', 1)[-1]}.png"
        files.append(response_chart(runs, x, others, chart))
    show = list(c.table["arm"])
    if len(show) > MOST_LINES:  # the best, the worst and the baseline
        keep = show[:3] + show[-3:] + ([c.baseline] if c.baseline else [])
        show = list(dict.fromkeys(keep))
    files.append(over_time_chart(weeks, swept, sweep_dir / "violations_over_time.png", show))
    if len(c.table) <= 3 * MOST_LINES:
        files.append(funnel_chart(c, sweep_dir / "funnel.png"))
    posterior = posterior_section(runs, swept, sweep_dir)  # uncertainty=posterior only
    files += posterior.files

    cycles = int(runs["cycle"].max())
    lines = [
        "# Sweep report",
        "",
        f"Sweep folder `{sweep_dir}`: {status}. Each arm ran {c.table['replications'].min()} "
        f"or more replications of {cycles} election cycle(s); the violation rate is the share "
        "of civil servants who committed at least one neutrality violation during a campaign, "
        "averaged over cycles. Arms ran on the same seeds, so changes against baseline are "
        + ("paired by replication." if c.paired else "unpaired (Welch)."),
        "",
        "## Ranking (fewest violations first)",
        "",
        *_ranking_table(c),
        "",
        "## What the numbers say",
        "",
        *[f"- {s}" for s in _findings(c)],
        "",
        *posterior.lines,
        "## What they do not say",
        "",
        *[f"- {s}" for s in ([POSTERIOR_CAVEAT, *CAVEATS[1:]] if posterior.lines else CAVEATS)],
        "",
        "## Enforcement funnel (civil servants per election, mean)",
        "",
        *_funnel_table(c),
        "",
        "## Figures",
        "",
        *[f"![{p.stem}]({p.name})" for p in files if p.suffix == ".png"],
        *missing_lines(collected),
        "",
    ]
    report = sweep_dir / REPORT
    write_text_atomic(report, "\n".join(lines))
    files.append(report)
    text = "\n".join(
        [
            "",
            f"{status}.",
            *_ranking_table(c),
            "",
            *[f"Wrote {p}" for p in files],
        ]
    )
    return Built(text, files)


def main(argv: list[str] | None = None) -> int:
    """``patronage-report DIR``: rebuild a sweep's table, figures and report."""
    parser = argparse.ArgumentParser(
        prog="patronage-report",
        description="Rebuild runs.csv, the figures and report.md of a sweep folder.",
    )
    parser.add_argument("sweep_dir", help="a sweep folder (holding sweep.json or job folders)")
    args = parser.parse_args(argv)
    sweep_dir = Path(args.sweep_dir)
    if not sweep_dir.is_dir():
        print(f"patronage-report: error: {sweep_dir} is not a folder", file=sys.stderr)
        return 2
    if not (sweep_dir / PLAN).exists() and not any(sweep_dir.glob("*/done.json")):
        print(
            f"patronage-report: error: {sweep_dir} holds no sweep: expected {PLAN} or job "
            "folders with done.json (made by `patronage -m ...`)",
            file=sys.stderr,
        )
        return 2
    built = build_report(sweep_dir)
    print(built.text)
    missing = collect(sweep_dir).missing
    if missing:
        print(f"{len(missing)} job(s) missing: re-run the sweep's command to finish them.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
