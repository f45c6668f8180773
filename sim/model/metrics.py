"""The tidy rows a run reports: one per campaign week, one per cycle.

``SUMMARY_COLUMNS`` and ``TIMESERIES_COLUMNS`` declare the columns, in order, in
one place (the tests check every run's tables against them; the sensitivity
analysis checks its outputs against them). Column meanings are listed in
README.md ("What the outputs mean") and ``docs/ODD.md``, section 8.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .campaign import NEUTRAL, Campaign, Channel, Race, SanctionLevel, Violation
from .careers import CareerOutcome
from .election import VoteResult
from .parameters import RANKS
from .world import World

LABELS = ("replication", "seed", "policy", "cycle")
"""Columns that say which run a row belongs to (the model adds them to every row)."""

TIMESERIES_COLUMNS = (
    *LABELS,
    "week",
    "share_neutral",
    "share_ppk_side",
    "share_rivals",
    "new_violations",
    "violators",
    "violation_rate",
    "reported",
    "proven",
    "sanctioned",
    "mean_perceived_risk",
)
"""Columns of ``timeseries.csv``: one row per replication, cycle and campaign week."""

SUMMARY_COLUMNS = (
    *LABELS,
    "incumbent_ran",
    "violation_rate",
    "violators",
    *(f"violation_rate_{rank}" for rank in RANKS),
    "violation_rate_ppk_side",
    "acts",
    *(f"acts_{kind.label}" for kind in Violation),
    "reported",
    "reported_by_patrol",
    "reported_by_public",
    "proven",
    "proven_ppk_side",
    "sanctioned",
    *(f"proven_{kind.label}" for kind in Violation),
    *(f"proven_{rank}" for rank in RANKS),
    *(f"sanctioned_{level.label}" for level in SanctionLevel),
    "followup_rate",
    "backing_ppk_side",
    "backing_rivals",
    "winner",
    "ppk_side_won",
    "ppk_side_vote_share",
    "mean_perceived_risk",
    "promoted",
    "demoted",
    "senior_merit",
    "promoted_loyalists",
    "loyalty_payoff",
)
"""Columns of ``summary.csv``: one row per replication and cycle."""


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if mask.size else 0.0


def proven_by_rank(proven: np.ndarray, rank: np.ndarray) -> dict[str, int]:
    """Proven civil servants by their rank at the vote (data/calibration.md, Target 6)."""
    counts = np.bincount(rank[proven], minlength=len(RANKS))
    return {f"proven_{label}": int(counts[i]) for i, label in enumerate(RANKS)}


def week_row(world: World, race: Race, campaign: Campaign, new_acts: int) -> dict[str, Any]:
    """Backing shares, new violations and the cumulative funnel after a campaign week."""
    n = max(campaign.choice.size, 1)
    backing = np.bincount(campaign.choice, minlength=race.candidates + 1)
    neutral, ppk_side = int(backing[NEUTRAL]), int(backing[race.ppk_side + 1])
    violators = int(np.count_nonzero(campaign.violated))
    return {
        "share_neutral": neutral / n,
        "share_ppk_side": ppk_side / n,
        "share_rivals": (campaign.choice.size - neutral - ppk_side) / n,
        "new_violations": new_acts,
        "violators": violators,
        "violation_rate": violators / n,  # so far in this campaign
        "reported": int(np.count_nonzero(campaign.reported_week >= 0)),
        "proven": int(np.count_nonzero(campaign.proven)),
        "sanctioned": int(np.count_nonzero(campaign.sanctioned)),
        "mean_perceived_risk": float(world.perceived_risk.mean()),
    }


def cycle_row(
    world: World,
    race: Race,
    campaign: Campaign,
    result: VoteResult,
    careers: CareerOutcome,
    rank_at_vote: np.ndarray,
) -> dict[str, Any]:
    """The cycle's summary: violations by rank and type, the funnel, the vote, careers."""
    violated = campaign.violated
    reported = campaign.reported_week >= 0
    row: dict[str, Any] = {
        "incumbent_ran": race.incumbent_runs,
        "violation_rate": _share(violated),
        "violators": int(violated.sum()),
    }
    for rank, label in enumerate(RANKS):
        row[f"violation_rate_{label}"] = _share(violated[rank_at_vote == rank])
    row["violation_rate_ppk_side"] = _share(violated & campaign.backed_ppk_side)
    row["acts"] = int(campaign.acts.sum())
    for kind in Violation:
        row[f"acts_{kind.label}"] = int(campaign.acts[kind])
    row.update(
        reported=int(reported.sum()),
        reported_by_patrol=int((campaign.channel == Channel.PATROL).sum()),
        reported_by_public=int((campaign.channel == Channel.PUBLIC).sum()),
        proven=int(campaign.proven.sum()),
        proven_ppk_side=int((campaign.proven & campaign.backed_ppk_side).sum()),
        sanctioned=int(campaign.sanctioned.sum()),
    )
    proven_types = np.bincount(campaign.reported_type[campaign.proven], minlength=len(Violation))
    for kind in Violation:
        row[f"proven_{kind.label}"] = int(proven_types[kind])
    row.update(proven_by_rank(campaign.proven, rank_at_vote))
    for level in SanctionLevel:
        row[f"sanctioned_{level.label}"] = int((campaign.sanction_level == level).sum())
    row["followup_rate"] = row["sanctioned"] / row["proven"] if row["proven"] else float("nan")
    on_side = campaign.choice == race.ppk_side + 1
    row.update(
        backing_ppk_side=_share(on_side),
        backing_rivals=_share((campaign.choice != NEUTRAL) & ~on_side),
        winner=result.winner,
        ppk_side_won=result.winner == race.ppk_side,
        ppk_side_vote_share=float(result.shares[race.ppk_side]),
        mean_perceived_risk=float(world.perceived_risk.mean()),
        promoted=careers.promoted,
        demoted=careers.demoted,
        senior_merit=careers.senior_merit,
        promoted_loyalists=careers.loyalist_share,
        loyalty_payoff=world.loyalty_payoff,
    )
    return row
