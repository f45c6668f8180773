"""A sweep's tidy table, figures and ``report.md``, rebuilt from whatever jobs finished.

``patronage-report DIR`` does the same from the command line, for any sweep
folder, also one still running or cut short: it says which jobs are missing.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from hydra import compose
from hydra.core.global_hydra import GlobalHydra
from omegaconf import OmegaConf

from ..runs.files import write_csv_atomic, write_text_atomic
from ..runs.names import setting_name
from ..runs.output import share_of
from ..runs.settings import compose_config
from .collect import collect, missing_lines
from .compare import UNIT, Comparison, arm_labels, arm_settings, compare, difference_interval
from .figures import (
    ARM_COLOUR,
    BASE_COLOUR,
    comparison_chart,
    group_colours,
    response_chart,
    surface_chart,
)
from .figures import WORDS as FIGURE_WORDS
from .panels import Line, funnel_bars, funnel_lines, funnel_maps, over_time_chart
from .plan import PLAN, RUNS, WEEKS
from .reform import is_reform_sweep
from .reform_report import build_reform_report
from .sensitivity import DESIGN as SENSITIVITY_DESIGN
from .sensitivity import SAMPLE as SENSITIVITY_SAMPLE
from .uncertainty import CAVEAT as POSTERIOR_CAVEAT
from .uncertainty import posterior_section
from .wording import arm_names, capitalised, caption, context, listing, shown, tied_with

REPORT = "report.md"
MOST_PANELS = 9  # arms drawn week by week; more panels would be unreadable
MOST_PRINTED = 12  # ranking rows printed at the end of a sweep (report.md has them all)


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


def _ranks(c: Comparison) -> list[str]:
    """Each arm's rank; tied arms (``wording.shown`` equal) share the first one's, marked '='."""
    printed = [shown(m) for m in c.table["mean"]]
    ranks = [printed.index(p) for p in printed]  # the table is sorted by mean
    return [f"{r + 1}=" if printed.count(printed[r]) > 1 else str(r + 1) for r in ranks]


def _ranking_table(c: Comparison, arm_name: dict[str, str], rows: int | None = None) -> list[str]:
    with_change = c.baseline is not None
    head = "| rank | arm | violation rate | 95% interval | replications |"
    rule = "|---:|---|---:|---|---:|"
    if with_change:
        head += " change vs baseline (pp) | 95% interval (pp) |"
        rule += "---:|---|"
    lines = [head, rule]
    ranks = _ranks(c)
    for i, row in enumerate(c.table.itertuples()):
        if rows is not None and i == rows:
            lines.append(f"(and {len(c.table) - rows} more arms: see report.md)")
            break
        line = (
            f"| {ranks[i]} | {arm_name[row.arm]} | {_pct(row.mean)} | {_pct(row.low)} to "
            f"{_pct(row.high)} | {row.replications} |"
        )
        if with_change:
            if row.arm == c.baseline:
                line += " (baseline) | |"
            else:
                line += f" {_pp(row.change)} | {_pp(row.change_low)} to {_pp(row.change_high)} |"
        lines.append(line)
    return lines


def _funnel_table(c: Comparison, arm_name: dict[str, str]) -> list[str]:
    lines = [
        "| arm | violated | reported | proven | sanctioned | follow-up (sanctioned of proven) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for row in c.table.itertuples():
        lines.append(
            f"| {arm_name[row.arm]} | {row.violators:.1f} | {row.reported:.1f} | {row.proven:.1f} "
            f"| {row.sanctioned:.1f} | {share_of(row.sanctioned, row.proven)} |"
        )
    return lines


def _extremes(c: Comparison, arm_name: dict[str, str]) -> list[str]:
    """The fewest and the most violations, naming every arm tied there."""
    means = c.table.set_index("arm")["mean"]
    says = []
    for word, value in (("Fewest", means.min()), ("Most", means.max())):
        tied = [arm_name[a] for a in tied_with(means, value)]
        sentence = f"{word} violations ({_pct(value)}): {tied[0]}"
        if len(tied) > 1:
            sentence = f"{word} violations ({_pct(value)}), {len(tied)} arms tied: {listing(tied)}"
        says.append(sentence + ".")
    return says


def _indistinguishable(c: Comparison, runs: pd.DataFrame, swept: list[str], arm_name) -> str:
    """How many arms the data cannot tell apart from the one with the fewest violations."""
    units = runs.assign(arm=arm_labels(runs, swept)).groupby(["arm", *UNIT])["violation_rate"]
    units = units.mean()
    best = c.table["arm"].iloc[0]
    close = [
        arm_name[arm]
        for arm in c.table["arm"].iloc[1:]
        if (d := difference_interval(units.loc[arm], units.loc[best])).low <= 0 <= d.high
    ]
    if not close:
        return f"Every other arm has detectably more violations than {arm_name[best]}."
    shown_ = listing(close[:8] + ([f"{len(close) - 8} more"] if len(close) > 8 else []))
    return (
        f"Not told apart from {arm_name[best]} (95% interval of the difference, paired when "
        f"the seeds match, includes zero): {shown_}."
    )


def _along(runs: pd.DataFrame, x: str, y: str) -> list[str]:
    """How far violations move along each axis of a grid, the other held fixed."""
    grid = runs.groupby([y, x])["violation_rate"].mean().unstack(x)
    says = []
    for axis, other, table in ((x, y, grid), (y, x, grid.T)):
        low, high = table.columns.min(), table.columns.max()
        change = (table[high] - table[low]) * 100  # one value per level of the other axis
        says.append(
            f"Moving {setting_name(axis)} from {low:g} to {high:g} changes violations by "
            f"{change.min():+.1f} to {change.max():+.1f} percentage points, depending on "
            f"{setting_name(other)}."
        )
    return says


def _findings(
    c: Comparison, arm_name: dict[str, str], runs: pd.DataFrame, swept: list[str]
) -> list[str]:
    """Plain sentences: what the numbers say."""
    t = c.table
    if c.baseline is None:
        return _extremes(c, arm_name) + (
            [_indistinguishable(c, runs, swept, arm_name)] if len(t) > 1 else []
        )
    base = t[t["arm"] == c.baseline].iloc[0]
    others = t[t["arm"] != c.baseline]
    lower = others[others["change_high"] < 0]
    higher = others[others["change_low"] > 0]
    unclear = others[(others["change_low"] <= 0) & (others["change_high"] >= 0)]
    says = [f"Under the baseline, {_pct(base['mean'])} of civil servants violate in a campaign."]
    if len(lower):
        top = lower.iloc[0]
        tied = [arm_name[a] for a in tied_with(lower.set_index("arm")["mean"], top["mean"])]
        says.append(
            f"{listing(tied)} {'lowers' if len(tied) == 1 else 'tie for lowering'} violations "
            f"most: to {_pct(top['mean'])}, a change of {_pp(top.change)} percentage points "
            f"(95% interval {_pp(top.change_low)} to {_pp(top.change_high)})."
        )
        rest = [arm_name[a] for a in lower["arm"] if arm_name[a] not in tied]
        if rest:
            says.append(f"Also lower than the baseline: {listing(rest)}.")
    else:
        says.append("No arm lowers violations detectably below the baseline.")
    if len(unclear):
        names_ = listing([arm_name[a] for a in unclear["arm"]])
        says.append(f"No detectable change (interval includes zero): {names_}.")
    if len(higher):
        says.append(f"Higher than the baseline: {listing([arm_name[a] for a in higher['arm']])}.")
    return says


def _caveats(c: Comparison, policies_swept: bool, posterior: bool = False) -> list[str]:
    says = [
        POSTERIOR_CAVEAT
        if posterior  # uncertainty=posterior: the draws carry parameter uncertainty
        else "The intervals reflect simulation noise only (replications of one stylised "
        "region), not uncertainty about the model's parameters or structure.",
    ]
    if policies_swept:
        says.append(
            "How strongly each policy is set (e.g. how much heavier a sanction is) is an "
            "assumption stated in its file under configs/policy/; a different strength gives "
            "a different effect."
        )
    anchored = "The baseline is" if c.baseline is not None else "The model's default settings are"
    says.append(
        f"{anchored} anchored on national enforcement figures for Pilkada 2020 "
        "(data/calibration.md); see docs/ODD.md for what is and is not calibrated."
    )
    return says


def _panels(c: Comparison, runs: pd.DataFrame, swept: list[str], arm_name: dict[str, str]):
    """What the week-by-week figure draws: its panels and its title.

    Arms of a policy sweep get a panel each (the baseline dashed in every other);
    a sweep of one number gets a panel per value with a line per group; a grid its
    four corners. Never more than ``MOST_PANELS`` panels.
    """
    keys = arm_settings(swept)
    numeric = [k for k in keys if _numeric(runs, k)]
    arms = list(c.table["arm"])
    labelled = runs.assign(arm=arm_labels(runs, swept)).drop_duplicates("arm").set_index("arm")
    title = "Violations week by week"
    if len(numeric) == 1:
        x = numeric[0]
        others = [k for k in keys if k != x]
        groups = arm_labels(labelled, others) if others else pd.Series("all", index=labelled.index)
        colours = group_colours(groups)
        names_ = arm_names(runs, others) if others else {"all": ""}
        values = sorted(labelled[x].unique())
        if len(values) > MOST_PANELS:
            values = [values[i] for i in np.linspace(0, len(values) - 1, MOST_PANELS).astype(int)]
        panels = []
        for value in values:
            here = labelled.index[labelled[x] == value]
            lines = [Line(a, names_[groups[a]], colours[groups[a]]) for a in here]
            panels.append((f"{capitalised(setting_name(x))} {value:g}", lines))
        return panels, f"{title}, by {setting_name(x)}"
    if len(numeric) >= 2 and len(arms) > MOST_PANELS:
        x, y = numeric[0], numeric[1]
        corners = [
            a
            for a in arms
            if labelled.at[a, x] in (labelled[x].min(), labelled[x].max())
            and labelled.at[a, y] in (labelled[y].min(), labelled[y].max())
        ][:MOST_PANELS]
        panels = [(arm_name[a], [Line(a, arm_name[a])]) for a in corners]
        return panels, f"{title}: the grid's {len(corners)} corners of {len(arms)} arms"
    shown = arms if len(arms) <= MOST_PANELS else arms[:4] + arms[-4:]
    panels = []
    for arm in shown:
        lines = [Line(arm, arm_name[arm], BASE_COLOUR if arm == c.baseline else ARM_COLOUR)]
        if c.baseline is not None and arm != c.baseline:
            lines.append(Line(c.baseline, arm_name[c.baseline], BASE_COLOUR, dashed=True))
        panels.append((arm_name[arm], lines))
    if len(shown) < len(arms):
        title += f": the 4 arms with fewest and 4 with most violations of {len(arms)}"
    if c.baseline is not None:
        title += "; dashed in each panel: the baseline"
    return panels, title


def _default_cell(x: str, y: str) -> tuple[float, float] | None:
    """The default settings' values of ``x`` and ``y`` (None when either is not a number).

    At the end of a sweep Hydra is already running (the sweeper is its plugin): compose in
    its context then, as a fresh composition would refuse to start a second one.
    """
    cfg = compose("config") if GlobalHydra.instance().is_initialized() else compose_config([])
    values = (OmegaConf.select(cfg, x), OmegaConf.select(cfg, y))
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
        return float(values[0]), float(values[1])
    return None


def _figures(
    sweep_dir: Path, collected, c: Comparison, arm_name: dict[str, str], cap: str
) -> list[Path]:
    """The sweep's figures: which ones depends on what was swept."""
    runs, weeks, swept = collected.runs, collected.weeks, collected.swept
    keys = arm_settings(swept)
    numeric = [k for k in keys if _numeric(runs, k)]
    note = f"{cap} {FIGURE_WORDS['en']['whiskers']}"
    files = []
    if len(numeric) >= 2:
        x, y = numeric[0], numeric[1]
        surface = sweep_dir / "deterrence_surface.png"
        files.append(surface_chart(runs, swept, x, y, surface, cap, _default_cell(x, y)))
        files.append(funnel_maps(runs, x, y, sweep_dir / "funnel.png", cap))
    elif len(numeric) == 1:
        x = numeric[0]
        others = [k for k in keys if k != x]
        groups = arm_names(runs, others) if others else {}
        chart = sweep_dir / f"violations_by_{x.rsplit('.', 1)[-1]}.png"
        files.append(response_chart(runs, x, others, groups, chart, note))
        files.append(funnel_lines(runs, x, others, groups, sweep_dir / "funnel.png", note))
    else:
        if len(c.table) > 1:
            is_policy = keys == ["policy"]
            name = "policy_comparison.png" if is_policy else "comparison.png"
            title = "Violations by policy" if is_policy else "Violations by configuration"
            files.append(comparison_chart(c, arm_name, sweep_dir / name, title, note))
        order = list(c.table["arm"])
        funnel = sweep_dir / "funnel.png"
        files.append(funnel_bars(runs, swept, order, arm_name, funnel, note, c.baseline))
    panels, title = _panels(c, runs, swept, arm_name)
    over_time = sweep_dir / "violations_over_time.png"
    files.append(over_time_chart(weeks, swept, panels, title, over_time, note))
    return files


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
    runs, swept = collected.runs, collected.swept
    files = [sweep_dir / RUNS, sweep_dir / WEEKS]
    write_csv_atomic(runs, files[0])
    write_csv_atomic(collected.weeks, files[1])
    if is_reform_sweep(runs, swept):  # oversight regimes: the policymaker's two reports
        text, written = build_reform_report(sweep_dir, collected, status)
        return Built(text, files + written)

    c = compare(runs, swept)
    arm_name = arm_names(runs, swept)
    ctx = context(sweep_dir, collected)
    files += _figures(sweep_dir, collected, c, arm_name, caption(ctx))
    # uncertainty=posterior only: effects over the draws
    posterior = posterior_section(runs, swept, sweep_dir, arm_name, caption(ctx))
    files += posterior.files
    numeric = [k for k in arm_settings(swept) if _numeric(runs, k)]
    findings = _findings(c, arm_name, runs, swept)
    if len(numeric) >= 2:
        findings += _along(runs, numeric[0], numeric[1])
    seeds = (
        "Arms ran on the same seeds, so changes against the baseline are "
        + ("paired by replication." if c.paired else "unpaired (Welch).")
        if c.baseline is not None
        else "Arms ran on the same seeds (common random numbers)."
    )
    lines = [
        "# Sweep report",
        "",
        f"Sweep folder `{sweep_dir}`: {status}. {caption(ctx)} The violation rate is the share "
        "of civil servants who committed at least one neutrality violation during a campaign, "
        f"averaged over cycles. {seeds}",
        "",
        "## Ranking (fewest violations first)",
        "",
        "Arms whose mean violation rates are the same to 0.1 percentage point (as printed) "
        "are tied and share a rank, marked =.",
        "",
        *_ranking_table(c, arm_name),
        "",
        "## What the numbers say",
        "",
        *[f"- {s}" for s in findings],
        "",
        *posterior.lines,
        "## What they do not say",
        "",
        *[f"- {s}" for s in _caveats(c, "policy" in arm_settings(swept), bool(posterior.lines))],
        "",
        "## Enforcement funnel (civil servants per election, mean)",
        "",
        *_funnel_table(c, arm_name),
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
            *_ranking_table(c, arm_name, MOST_PRINTED),
            "",
            *findings,
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
