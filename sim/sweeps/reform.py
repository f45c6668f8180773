"""The numbers of a sweep over oversight regimes (``experiment=reform_2027``).

Every regime is compared with ``kasn_2020`` (the calibrated baseline) within its arm
(election kind, who appoints JPT, perception), paired by replication: arms run on the same
seeds and, under ``uncertainty=posterior``, on the same posterior draws. A replication is
the unit (its mean over cycles; funnel shares from its sums over cycles). The chance that a
design is best is the share of posterior draws (each its replications' mean) in which it
has the lowest value, ties shared; without draws, of replications.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..runs.uncertainty import DRAW

ELECTION = "election.kind"
JPT = "careers.jpt_appointment"
PERCEPTION = "perception"
ARM = [ELECTION, JPT, PERCEPTION]
"""What a regime is compared within."""
DEFAULT_PERCEPTION = "learned"
"""The perception the report ranks under and the figure draws (the model's default)."""
BASELINE = "kasn_2020"
REGIME = "regime"
MEANS = [
    "violation_rate",
    "violation_rate_jpt",
    "mean_weeks_to_sanction",
    "jpt_loyalists",
    "jpt_competence",
]
SUMS = ["violators", "reported", "reports_expired", "proven", "sanctioned"]
SUMS += ["recommendations_ignored"]
Z95 = 1.96


def is_reform_sweep(runs: pd.DataFrame, swept: list[str]) -> bool:
    """True for a sweep of regimes that holds the baseline regime, on a regional scale."""
    return REGIME in swept and not runs.empty and BASELINE in set(runs[REGIME])


def arms_of(runs: pd.DataFrame) -> list[str]:
    """The arm columns this sweep has (a setting not swept has no column)."""
    return [key for key in ARM if key in runs.columns]


def per_replication(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per arm, regime and replication: means over cycles, funnel shares from sums."""
    keys = [*arms_of(runs), REGIME, "replication"]
    if DRAW in runs.columns:
        keys.append(DRAW)
    grouped = runs.groupby(keys, sort=False)
    table = grouped[MEANS].mean()
    sums = grouped[SUMS].sum()
    cycles = runs["cycle"].nunique()
    table["unsanctioned"] = sums.recommendations_ignored / sums.proven.replace(0, np.nan)
    table["expired"] = sums.reports_expired / cycles
    table["verified"] = (sums.reported - sums.reports_expired) / cycles
    table["proven"] = sums.proven / cycles
    return table.reset_index()


def _half_width(values: pd.Series) -> float:
    values = values.dropna()
    return Z95 * values.std(ddof=1) / np.sqrt(values.size) if values.size > 1 else np.nan


def chance_best(table: pd.DataFrame, column: str) -> pd.Series:
    """Per regime: the share of draws (or replications) in which it has the lowest ``column``.

    ``table`` holds one arm's rows. Regimes tied at the lowest value share that draw.
    """
    unit = DRAW if DRAW in table.columns else "replication"
    means = table.groupby([unit, REGIME])[column].mean().unstack(REGIME)
    means = means.dropna()
    if means.empty:
        return pd.Series(np.nan, index=table[REGIME].unique())
    lowest = means.eq(means.min(axis=1), axis=0)
    return lowest.div(lowest.sum(axis=1), axis=0).mean()


def compare_regimes(table: pd.DataFrame, regimes: list[str]) -> pd.DataFrame:
    """Each arm and regime: means, paired changes against ``kasn_2020``, chances of being best."""
    rows = []
    arm = [key for key in ARM if key in table.columns]
    groups = table.groupby(arm, sort=False) if arm else [((), table)]
    for values, group in groups:
        values = values if isinstance(values, tuple) else (values,)
        base = group[group[REGIME] == BASELINE].set_index("replication")
        best_rate = chance_best(group, "violation_rate")
        best_unsanctioned = chance_best(group, "unsanctioned")
        for regime in [r for r in regimes if r in set(group[REGIME])]:
            mine = group[group[REGIME] == regime].set_index("replication")
            row = dict(zip(arm, values, strict=True)) | {REGIME: regime}
            row |= mine[MEANS + ["unsanctioned", "expired", "verified", "proven"]].mean().to_dict()
            row["violation_rate_95"] = _half_width(mine.violation_rate)
            row["unsanctioned_95"] = _half_width(mine.unsanctioned)
            for column, name in (("violation_rate", "change"), ("unsanctioned", "unsanctioned")):
                change = (mine[column] - base[column]).dropna()
                row[f"{name}_pp"] = 100 * change.mean() if change.size else np.nan
                row[f"{name}_pp_95"] = 100 * _half_width(change)
            row["best_violations"] = best_rate.get(regime, np.nan)
            row["best_unsanctioned"] = best_unsanctioned.get(regime, np.nan)
            row["replications"] = len(mine)
            rows.append(row)
    return pd.DataFrame(rows)


def against_status_quo(table: pd.DataFrame) -> pd.DataFrame:
    """Every regime x JPT appointment against KASN with JPT by region, per election and perception.

    Paired by replication; the figure draws these.
    """
    keys = [k for k in (ELECTION, PERCEPTION) if k in table.columns]
    rows = []
    for values, group in table.groupby(keys, sort=False) if keys else [((), table)]:
        values = values if isinstance(values, tuple) else (values,)
        here = group if JPT in group.columns else group.assign(**{JPT: "region"})
        base = here[(here[REGIME] == BASELINE) & (here[JPT] == "region")]
        base = base.set_index("replication")
        if base.empty:
            continue
        for (regime, appointed), mine in here.groupby([REGIME, JPT], sort=False):
            mine = mine.set_index("replication")
            change = (mine.violation_rate - base.violation_rate).dropna()
            row = dict(zip(keys, values, strict=True)) | {REGIME: regime, JPT: appointed}
            row["change_pp"] = 100 * change.mean()
            row["change_pp_95"] = 100 * _half_width(change)
            row["unsanctioned"] = mine.unsanctioned.mean()
            row["unsanctioned_95"] = _half_width(mine.unsanctioned)
            rows.append(row)
    return pd.DataFrame(rows)


def rankings(compared: pd.DataFrame, regimes: list[str]) -> pd.DataFrame:
    """Per election, JPT appointment and perception: the regimes in order of violation rate.

    Regimes whose rates print the same (to 0.01 point) are tied; the order string joins
    tied names with '='.
    """
    rows = []
    keys = [k for k in ARM if k in compared.columns]
    for values, group in compared.groupby(keys, sort=False) if keys else [((), compared)]:
        values = values if isinstance(values, tuple) else (values,)
        ordered = group.assign(shown=(100 * group.violation_rate).round(2)).sort_values(
            ["shown", REGIME], key=lambda s: s.map(regimes.index) if s.name == REGIME else s
        )
        steps = []
        for _, tied in ordered.groupby("shown", sort=True):
            steps.append("=".join(tied[REGIME]))
        rows.append(dict(zip(keys, values, strict=True)) | {"order": " < ".join(steps)})
    return pd.DataFrame(rows)


def national_totals(regions: pd.DataFrame) -> pd.DataFrame:
    """The country's totals per regime, JPT appointment and election (means over replications).

    Sums over regions of one election; the weeks to a sanction are weighted by the
    sanctions, the share of JPT posts held by backers by civil servants.
    """
    if regions.empty:
        return pd.DataFrame()
    keys = [k for k in [ELECTION, JPT, REGIME] if k in regions]
    rows = []
    for values, group in regions.groupby(keys, sort=False):
        values = values if isinstance(values, tuple) else (values,)
        per = []
        for _, one in group.groupby(["replication", "cycle"]):
            sums = one[["civil_servants", *SUMS]].sum().astype(float)
            weeks = one.mean_weeks_to_sanction.fillna(0) * one.sanctioned
            sums["weeks_to_sanction"] = weeks.sum() / max(sums.sanctioned, 1)
            sums["jpt_loyalists"] = np.average(one.jpt_loyalists, weights=one.civil_servants)
            per.append(sums)
        mean = pd.DataFrame(per).mean()
        row = dict(zip(keys, values, strict=True)) | mean.to_dict()
        row["violation_rate"] = row["violators"] / row["civil_servants"]
        row["verified"] = row["reported"] - row["reports_expired"]
        row["elections"] = len(per)
        rows.append(row)
    return pd.DataFrame(rows)
