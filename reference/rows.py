"""The reference's rows: what one cycle reports, counted agent by agent (a mixin)."""

from __future__ import annotations

import math
from typing import Any

from sim.model.campaign import NOT_YET, Channel


class CycleRows:
    """Counts a reference model's civil servants into one summary row per cycle."""

    def beliefs(self) -> dict[str, float]:
        """Mean perceived certainty and severity of a sanction."""
        agents = self.by_index
        return {
            "mean_perceived_risk": sum(a.perceived_risk for a in agents) / len(agents),
            "mean_perceived_severity": sum(a.perceived_severity for a in agents) / len(agents),
        }

    def cycle_row(self, winner: int, careers: dict[str, float]) -> dict[str, Any]:
        agents = self.by_index
        reported = [a for a in agents if a.reported_week != NOT_YET]
        took = [a for a in agents if a.motive is not None]

        def of_took(count: int) -> float:
            return count / len(took) if took else math.nan

        return {
            "replication": self.replication,
            "cycle": self.cycle + 1,
            "incumbent_ran": self.race.incumbent_runs,
            "violation_rate": sum(a.violated for a in agents) / len(agents),
            "violators": sum(a.violated for a in agents),
            "acts": sum(self.acts),
            "reported": sum(a.reported_week != NOT_YET for a in agents),
            "reported_by_patrol": sum(a.channel == Channel.PATROL for a in agents),
            "reported_by_public": sum(a.channel in (Channel.PUBLIC, Channel.RIVAL) for a in agents),
            "reported_by_rivals": sum(a.channel == Channel.RIVAL for a in agents),
            "proven": sum(a.proven for a in agents),
            "sanctioned": sum(a.sanctioned for a in agents),
            "protected": sum(a.protected for a in agents),
            "pressed": sum(a.times_pressed > 0 for a in agents),
            "threatened": sum(a.times_threatened > 0 for a in agents),
            "backing_ppk_side": sum(a.choice == self.race.ppk_side + 1 for a in agents)
            / len(agents),
            "winner": winner,
            "decided_by_vote": share(
                [0 <= a.verdict_week < self.p.campaign_weeks for a in reported]
            ),
            "mean_weeks_to_verdict": share(
                [a.verdict_week - a.reported_week for a in reported if a.verdict_week >= 0]
            ),
            "mean_weeks_to_sanction": share(
                [a.sanction_week - a.reported_week for a in agents if a.sanctioned]
            ),
            "reports_expired": self.expired,
            "promoted": careers["promoted"],
            "promoted_by_loyalty": careers["by_loyalty"],
            "moved_to_non_job": careers["to_non_job"],
            "took_side": len(took),
            "mostly_career": of_took(sum(a.motive == 0 for a in took)),  # Motive order
            "mostly_kin": of_took(sum(a.motive == 1 for a in took)),
            "pushed_by_team": of_took(sum(a.motives >> 2 & 1 for a in took)),
        }


def share(values: list) -> float:
    """Mean of ``values``, NaN when there are none."""
    return sum(values) / len(values) if values else float("nan")
