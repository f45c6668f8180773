"""The tidy rows a run reports: one per campaign week, one per cycle.

``SUMMARY_COLUMNS`` and ``TIMESERIES_COLUMNS`` declare the columns, in order, in
one place (the tests check every run's tables against them; the sensitivity
analysis checks its outputs against them). Column meanings are listed in
README.md ("What the outputs mean") and ``docs/ODD.md``, section 8.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .campaign import (
    NEUTRAL,
    NO_MOTIVE,
    Campaign,
    Channel,
    Motive,
    PpkKind,
    Race,
    SanctionLevel,
    Violation,
)
from .careers import CareerOutcome
from .election import VoteResult
from .parameters import RANKS, Params
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
    "mean_perceived_severity",
    "awaiting_verification",
    "awaiting_followup",
    "pressed",
    "threatened",
)
"""Columns of ``timeseries.csv``: one row per replication, cycle and campaign week."""

SUMMARY_COLUMNS = (
    *LABELS,
    "incumbent_ran",
    "ppk_kind",
    "violation_rate",
    "violators",
    *(f"violation_rate_{rank}" for rank in RANKS),
    "violation_rate_ppk_side",
    "acts",
    *(f"acts_{kind.label}" for kind in Violation),
    "reported",
    "reported_by_patrol",
    "reported_by_public",
    "reported_by_rivals",
    "proven",
    "proven_ppk_side",
    "sanctioned",
    *(f"proven_{kind.label}" for kind in Violation),
    *(f"proven_{rank}" for rank in RANKS),
    *(f"sanctioned_{level.label}" for level in SanctionLevel),
    "followup_rate",
    "recommendations_ignored",
    "protected",
    "pressed",
    "threatened",
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
    "promoted_on_merit",
    "promoted_by_loyalty",
    "demoted_by_loyalty",
    "moved_to_non_job",
    "jpt_loyalists",
    "jpt_on_merit",
    "jpt_competence",
    "took_side",
    *(f"mostly_{motive.label}" for motive in Motive),
    "pushed_by_team",
    "pushed_by_superior",
    "pushed_by_candidate",
    "motive_kin",
    "motive_career",
    "mean_perceived_severity",
    "decided_by_vote",
    "mean_weeks_to_verdict",
    "mean_weeks_to_sanction",
    "followup_deadline_met",
    "reports_expired",
)
"""Columns of ``summary.csv``: one row per replication and cycle."""


def _share(mask: np.ndarray) -> float:
    return float(mask.mean()) if mask.size else 0.0


def proven_by_rank(proven: np.ndarray, rank: np.ndarray) -> dict[str, int]:
    """Proven civil servants by their rank at the vote (data/calibration.md, Target 6)."""
    counts = np.bincount(rank[proven], minlength=len(RANKS))
    return {f"proven_{label}": int(counts[i]) for i, label in enumerate(RANKS)}


def week_row(
    world: World,
    race: Race,
    campaign: Campaign,
    new_acts: int,
    pressed: int = 0,
    threatened: int = 0,
) -> dict[str, Any]:
    """Backing shares, new violations, the cumulative funnel and the PPK's pressure
    (civil servants pressed and threatened this week) after a campaign week."""
    n = max(campaign.choice.size, 1)
    backing = campaign.counts(race.candidates)
    neutral, ppk_side = int(backing[NEUTRAL]), int(backing[race.ppk_side + 1])
    violators = int(np.count_nonzero(campaign.violated))
    proven = int(np.count_nonzero(campaign.proven))
    sanctioned = int(np.count_nonzero(campaign.sanctioned))
    return {
        "share_neutral": neutral / n,
        "share_ppk_side": ppk_side / n,
        "share_rivals": (campaign.choice.size - neutral - ppk_side) / n,
        "new_violations": new_acts,
        "violators": violators,
        "violation_rate": violators / n,  # so far in this campaign
        "reported": int(np.count_nonzero(campaign.reported_week >= 0)),
        "proven": proven,
        "sanctioned": sanctioned,
        "mean_perceived_risk": float(world.perceived_risk.mean()),
        "mean_perceived_severity": _mean_severity(world),
        "awaiting_verification": campaign.awaiting_verification,
        # proven, followed up by the PPK (or BKN), sanction not landed yet
        "awaiting_followup": campaign.awaiting_sanction,
        "pressed": pressed,
        "threatened": threatened,
    }


def _mean_severity(world: World) -> float:
    return float(world.severity.mean()) if world.severity is not None else float("nan")


def _mean(values: np.ndarray) -> float:
    return float(values.mean()) if values.size else float("nan")


def queue_row(world: World, campaign: Campaign, params: Params) -> dict[str, Any]:
    """The cycle's beliefs about severity and how fast its reports went through the queues.

    ``decided_by_vote``: share of reports with a verdict by election day (a campaign
    week); the means are over reports with a verdict and over sanctions; the PPK's
    deadline is met by a recommendation sanctioned within ``followup_deadline_weeks``.
    """
    reported = campaign.reported_week >= 0
    decided = campaign.verdict_week >= 0
    sanctioned = campaign.sanctioned
    weeks = params.campaign_weeks
    in_time = sanctioned & (
        campaign.sanction_week - campaign.verdict_week <= params.enforcement.followup_deadline_weeks
    )
    return {
        "mean_perceived_severity": _mean_severity(world),
        "decided_by_vote": _mean(
            (campaign.verdict_week[reported] >= 0) & (campaign.verdict_week[reported] < weeks)
        ),
        "mean_weeks_to_verdict": _mean((campaign.verdict_week - campaign.reported_week)[decided]),
        "mean_weeks_to_sanction": _mean(
            (campaign.sanction_week - campaign.reported_week)[sanctioned]
        ),
        "followup_deadline_met": _mean(in_time[campaign.proven]),
        "reports_expired": campaign.expired,
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
        "ppk_kind": PpkKind(race.ppk_kind).label,
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
        reported_by_public=int((campaign.channel >= Channel.PUBLIC).sum()),  # rivals' too
        reported_by_rivals=int((campaign.channel == Channel.RIVAL).sum()),
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
    row.update(
        recommendations_ignored=int((campaign.proven & ~campaign.sanctioned).sum()),
        protected=int(campaign.protected.sum()),
        pressed=int(np.count_nonzero(campaign.times_pressed)),
        threatened=int(np.count_nonzero(campaign.times_threatened)),
    )
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
        promoted_on_merit=careers.on_merit,
        promoted_by_loyalty=careers.by_loyalty,
        demoted_by_loyalty=careers.demoted_by_loyalty,
        moved_to_non_job=careers.to_non_job,
        jpt_loyalists=careers.jpt_loyalists,
        jpt_on_merit=careers.jpt_on_merit,
        jpt_competence=careers.jpt_competence,
    )
    row.update(motive_shares(campaign))
    return row


def motive_shares(campaign: Campaign) -> dict[str, Any]:
    """What pulled those who took a side this cycle (ODD 7.2; for Target 4).

    ``mostly_<motive>``: share of them whose side's pull came mostly from that motive.
    ``pushed_by_team`` / ``_superior`` / ``_candidate`` and ``motive_kin`` / ``_career``: share
    for whom the team, the superior (supervisor and PPK), the kin tie to the candidate,
    or the career motive was at least a third of that pull (several may hold).
    """
    took = campaign.motive != NO_MOTIVE
    count = int(took.sum())
    row: dict[str, Any] = {"took_side": count}
    motive, bits = campaign.motive[took], campaign.motives[took]

    def share(mask: np.ndarray) -> float:
        return float(mask.mean()) if count else float("nan")

    for m in Motive:
        row[f"mostly_{m.label}"] = share(motive == m)
    for column, m in (
        ("pushed_by_team", Motive.TEAM),
        ("pushed_by_superior", Motive.SUPERIOR),
        ("pushed_by_candidate", Motive.KIN),
        ("motive_kin", Motive.KIN),
        ("motive_career", Motive.CAREER),
    ):
        row[column] = share((bits >> m) & 1 == 1)
    return row
