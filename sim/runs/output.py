"""Writing a run's tables and printing its short summary."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..model.parameters import RANKS
from .api import RunResult
from .files import write_csv_atomic


def write_tables(result: RunResult, out_dir: str | Path) -> None:
    """``timeseries.csv`` first, then ``summary.csv``: a folder with a summary is finished.

    A national run writes ``regions.csv`` (one row per region), then ``national.csv``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if result.national is not None:
        write_csv_atomic(result.summary, out / "regions.csv")
        write_csv_atomic(result.national, out / "national.csv")
        return
    write_csv_atomic(result.timeseries, out / "timeseries.csv")
    write_csv_atomic(result.summary, out / "summary.csv")


def _followup(rows: pd.DataFrame) -> float:
    """Sanctioned / proven over ``rows`` pooled (nan when nothing was proven)."""
    proven = rows["proven"].sum()
    return rows["sanctioned"].sum() / proven if proven else float("nan")


def national_text(result: RunResult) -> str:
    """A few readable lines about a national run: the country's funnel per cycle."""
    p, table = result.params, result.national
    lines = [
        f"National Pilkada: {p.region.regions} regions, {p.region.civil_servants:,} civil "
        f"servants, policy '{p.policy}': {p.replications} replication(s) x {p.cycles} cycle(s) "
        f"of {p.campaign_weeks} campaign weeks, seed {p.seed}",
        "",
        "cycle  violating  reported  per region  proven  sanctioned  follow-up  incumbent ran",
    ]
    for cycle, g in table.groupby("cycle"):
        m = g.mean(numeric_only=True)
        lines.append(
            f"{cycle:>5}  {m.violation_rate:>8.1%}  {m.reported:>8.0f}"
            f"  {m.reported_per_region:>10.1f}"
            f"  {m.proven:>6.0f}  {m.sanctioned:>10.0f}  {_percent(_followup(g)):>9}"
            f"  {m.incumbent_ran:>13.0%}"
        )
    lines += [
        "",
        "Counts are national totals (means per replication); funnel counts are civil servants.",
    ]
    return "\n".join(lines)


def summary_text(result: RunResult) -> str:
    """A few readable lines: violations and the enforcement funnel per cycle."""
    if result.national is not None:
        return national_text(result)
    s = result.summary
    p = result.params
    by_cycle = s.groupby("cycle")
    lines = [
        f"Region '{p.region.name}' ({p.region.civil_servants:,} civil servants), "
        f"{p.election.kind}, policy '{p.policy}': {p.replications} replication(s) x "
        f"{p.cycles} cycle(s) of {p.campaign_weeks} campaign weeks, seed {p.seed}",
        "",
        "cycle  violating  reported  (patrol/public)  proven  sanctioned  follow-up  PPK side won",
    ]
    for cycle, g in by_cycle:
        m = g.mean(numeric_only=True)
        lines.append(
            f"{cycle:>5}  {m.violation_rate:>8.1%}  {m.reported:>8.1f}"
            f"  ({m.reported_by_patrol:>5.1f}/{m.reported_by_public:<5.1f})"
            f"  {m.proven:>6.1f}  {m.sanctioned:>10.1f}  {_percent(_followup(g)):>9}"
            f"  {m.ppk_side_won:>12.0%}"
        )
    ranks = ", ".join(f"{r} {s[f'violation_rate_{r}'].mean():.1%}" for r in RANKS)
    lines += [
        "",
        f"Violating by rank (all cycles): {ranks}",
        "Counts are means per replication; funnel counts are civil servants.",
    ]
    return "\n".join(lines)


def _percent(x: float) -> str:
    return "-" if x != x else f"{x:.0%}"  # x != x: NaN, nothing proven to follow up


def print_summary(result: RunResult, out_dir: str | Path) -> None:
    print(summary_text(result))
    tables = (
        "national.csv, regions.csv"
        if result.national is not None
        else ("summary.csv, timeseries.csv")
    )
    print(f"\nWrote {tables} and .hydra/ to {out_dir}")
