"""The reform_2027 sweep as one table: each regime against kasn_2020, paired by replication.

    python experiments/reform_2027/summarise.py [results/experiments/reform_2027]

For every election kind, JPT appointment and perception, each regime's mean over
replications (3 cycles each) of: the violation rate (overall and JPT), the share of
proven cases never sanctioned, weeks from report to sanction, reports expired
unverified, the share of JPT posts held by the patron's backers, JPT competence, and
the verifier's caseload (reports verified a cycle); and the change of the violation rate
against kasn_2020 on the same replications with its 95% interval. Works on a partial
sweep (arms not finished are left out). Writes ``regimes.csv`` beside ``runs.csv``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

SWEEP = Path(sys.argv[1] if len(sys.argv) > 1 else "results/experiments/reform_2027")
ARM = ["election.kind", "careers.jpt_appointment", "perception"]
REGIMES = ["kasn_2020", "transition_2024", "body_advisory", "body_binding", "body_binding_ppk"]


def per_replication(runs: pd.DataFrame) -> pd.DataFrame:
    """One row per arm, regime and replication: means over cycles, funnel shares from sums."""
    keys = [*ARM, "regime", "replication"]
    grouped = runs.groupby(keys)
    table = grouped[
        [
            "violation_rate",
            "violation_rate_jpt",
            "mean_weeks_to_sanction",
            "jpt_loyalists",
            "jpt_competence",
            "reports_expired",
        ]
    ].mean()
    sums = grouped[["recommendations_ignored", "proven", "reported", "reports_expired"]].sum()
    table["unsanctioned"] = sums.recommendations_ignored / sums.proven.replace(0, np.nan)
    table["verified"] = (sums.reported - sums.reports_expired) / runs.cycle.nunique()
    return table.reset_index()


def against_baseline(table: pd.DataFrame) -> pd.DataFrame:
    """Each arm's means, and its violation rate's paired change against kasn_2020."""
    rows = []
    for arm, group in table.groupby(ARM):
        base = group[group.regime == "kasn_2020"].set_index("replication").violation_rate
        for regime in [r for r in REGIMES if r in set(group.regime)]:
            mine = group[group.regime == regime].set_index("replication")
            change = (mine.violation_rate - base).dropna()
            half = 1.96 * change.std(ddof=1) / np.sqrt(change.size) if change.size > 1 else np.nan
            row = dict(zip(ARM, arm, strict=True)) | {"regime": regime}
            row |= mine.drop(columns=ARM + ["regime"]).mean().to_dict()
            row |= {"change_pp": 100 * change.mean(), "change_pp_95": 100 * half}
            row["replications"] = len(mine)
            rows.append(row)
    return pd.DataFrame(rows)


def main() -> None:
    runs = pd.read_csv(SWEEP / "runs.csv")
    result = against_baseline(per_replication(runs))
    result.to_csv(SWEEP / "regimes.csv", index=False)
    shown = result.assign(
        violation_rate=100 * result.violation_rate,
        violation_rate_jpt=100 * result.violation_rate_jpt,
        unsanctioned=100 * result.unsanctioned,
    )
    columns = [
        *ARM,
        "regime",
        "violation_rate",
        "change_pp",
        "change_pp_95",
        "violation_rate_jpt",
        "unsanctioned",
        "mean_weeks_to_sanction",
        "jpt_loyalists",
        "verified",
        "replications",
    ]
    print(shown[columns].to_string(index=False, float_format=lambda x: f"{x:.2f}"))


if __name__ == "__main__":
    main()
