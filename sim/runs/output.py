"""Writing a run's tables and printing its short summary."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..model.orgchart import rank_counts, resolve_org_chart
from ..model.parameters import RANKS, Params
from .api import RunResult
from .files import write_csv_atomic
from .jobs import NATIONAL, REGIONS, SUMMARY, TIMESERIES


def write_tables(result: RunResult, out_dir: str | Path) -> None:
    """``timeseries.csv`` first, then ``summary.csv``: a folder with a summary is finished.

    A national run writes ``regions.csv`` (one row per region), then ``national.csv``.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    if result.national is not None:
        write_csv_atomic(result.summary, out / REGIONS)
        write_csv_atomic(result.national, out / NATIONAL)
        return
    write_csv_atomic(result.timeseries, out / TIMESERIES)
    write_csv_atomic(result.summary, out / SUMMARY)


def share_of(
    part: float, whole: float, digits: int = 1, percent_digits: int = 0, whole_digits: int = -1
) -> str:
    """A ratio with the counts it rests on: '92% (5.3 of 5.7)'; '- (0.0 of 0.0)' when empty.

    ``digits``: decimals of the counts (means per replication have some), ``whole_digits``
    those of the whole when they differ (-1: the same).
    """
    whole_digits = digits if whole_digits < 0 else whole_digits
    counts = f"({part:,.{digits}f} of {whole:,.{whole_digits}f})"
    if not whole:
        return f"- {counts}"
    return f"{part / whole:.{percent_digits}%} {counts}"


def rank_sizes(params: Params) -> np.ndarray:
    """Civil servants of each rank in a run's organisation chart (generated or the user's)."""
    params, chart = resolve_org_chart(params)
    if chart is not None:
        return np.bincount(chart.rank, minlength=len(RANKS))
    weights = np.array([getattr(params.region.rank_weights, r) for r in RANKS], dtype=float)
    return rank_counts(params.region.civil_servants, weights)


def national_text(result: RunResult) -> str:
    """A few readable lines about a national run: the country's funnel per cycle."""
    p, table = result.params, result.national
    lines = [
        f"National Pilkada: {p.region.regions} regions, {p.region.civil_servants:,} civil "
        f"servants, policy '{p.policy}': {p.replications} replication(s) x {p.cycles} cycle(s) "
        f"of {p.campaign_weeks} campaign weeks, seed {p.seed}",
        "",
        f"{'cycle':>5}  {'violating':<27}  {'reported':>8}  {'per region':>10}  {'proven':>7}"
        f"  {'sanctioned':>10}  {'follow-up':<22}  incumbent ran",
    ]
    for cycle, g in table.groupby("cycle"):
        m = g.mean(numeric_only=True)
        lines.append(
            f"{cycle:>5}  {share_of(m.violators, m.civil_servants, 0, 1):<27}"
            f"  {m.reported:>8,.0f}  {m.reported_per_region:>10.1f}"
            f"  {m.proven:>7,.0f}  {m.sanctioned:>10,.0f}"
            f"  {share_of(m.sanctioned, m.proven, 0):<22}"
            f"  {share_of(m.incumbent_ran * m.regions, m.regions, 0)}"
        )
    lines += [
        "",
        "Counts are national totals (means per replication); funnel counts are civil servants;",
        "follow-up is sanctioned of proven; the incumbent ran in that many regions.",
    ]
    return "\n".join(lines)


def summary_text(result: RunResult) -> str:
    """A few readable lines: violations and the enforcement funnel per cycle."""
    if result.national is not None:
        return national_text(result)
    s = result.summary
    p = result.params
    n = p.region.civil_servants
    lines = [
        f"Region '{p.region.name}' ({n:,} civil servants), "
        f"{p.election.kind}, policy '{p.policy}': {p.replications} replication(s) x "
        f"{p.cycles} cycle(s) of {p.campaign_weeks} campaign weeks, seed {p.seed}",
        "",
        f"{'cycle':>5}  {'violating':<22}  {'reported':>8}  (patrol/public)  {'proven':>6}"
        f"  {'sanctioned':>10}  {'follow-up':<17}  PPK side won",
    ]
    for cycle, g in s.groupby("cycle"):
        m = g.mean(numeric_only=True)
        lines.append(
            f"{cycle:>5}  {share_of(m.violators, n, 1, 1, 0):<22}  {m.reported:>8.1f}"
            f"  ({m.reported_by_patrol:>5.1f}/{m.reported_by_public:<5.1f})"
            f"  {m.proven:>6.1f}  {m.sanctioned:>10.1f}  {share_of(m.sanctioned, m.proven):<17}"
            f"  {share_of(g.ppk_side_won.sum(), len(g), 0)}"
        )
    sizes = rank_sizes(p)
    ranks = ", ".join(
        f"{r} {s[f'violation_rate_{r}'].mean():.1%} of {size:,}"
        for r, size in zip(RANKS, sizes, strict=True)
    )
    lines += [
        "",
        f"Violating by rank (all cycles): {ranks}",
        "Counts are means per replication; funnel counts are civil servants; follow-up is",
        "sanctioned of proven; PPK side won: replications in which the PPK's side won the vote.",
    ]
    return "\n".join(lines)


def print_summary(result: RunResult, out_dir: str | Path) -> None:
    print(summary_text(result))
    tables = (
        "national.csv, regions.csv"
        if result.national is not None
        else ("summary.csv, timeseries.csv")
    )
    print(f"\nWrote {tables} and .hydra/ to {out_dir}")
