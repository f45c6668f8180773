"""What moves a civil servant to take sides, and the violations a backer commits."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from .base import PerCycle, setting

CALIBRATED = "fitted to data/calibration.md, Target 3 (experiments/calibration)"


@dataclass(frozen=True)
class ViolationPropensity:
    """Relative weights of the violation types a backer commits (the mix of acts).

    Fitted so that the mix of *proven* cases reproduces data/calibration.md, Target 3
    (see experiments/calibration). Types needing authority (mobilising subordinates,
    state facilities) are open only to unit leaders; for others they are left out
    and the rest renormalised.
    """

    social_media: float = setting(
        low=0, high=100, meaning="relative weight of social-media campaigning", source=CALIBRATED
    )
    partisan_activity: float = setting(
        low=0, high=100, meaning="relative weight of partisan activity", source=CALIBRATED
    )
    candidate_photo: float = setting(
        low=0, high=100, meaning="relative weight of photos with a candidate", source=CALIBRATED
    )
    declaration: float = setting(
        low=0, high=100, meaning="relative weight of attending a declaration", source=CALIBRATED
    )
    party_approach: float = setting(
        low=0, high=100, meaning="relative weight of approaching a party", source=CALIBRATED
    )
    mobilising_subordinates: float = setting(
        low=0,
        high=100,
        meaning="relative weight of mobilising subordinates (unit leaders only)",
        source=CALIBRATED,
    )
    state_facilities: float = setting(
        low=0,
        high=100,
        meaning="relative weight of using state facilities (unit leaders only)",
        source=CALIBRATED,
    )

    def weights(self) -> tuple[float, ...]:
        """Weights in the order of ``sim.model.campaign.Violation``."""
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))


@dataclass(frozen=True)
class Behaviour:
    """What moves a civil servant to take sides: the logit choice's weights."""

    career_dependence: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="weight of career gain from backing the likely winner (x stake x chance)",
        source="assumption; KASN survey: career interest named by 49.7% "
        "(data/calibration.md, Target 4)",
    )
    kin_loyalty: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull toward a candidate the civil servant's kin group is tied to",
        source="assumption; KASN survey: kinship named by 50.8% (data/calibration.md, Target 4)",
    )
    supervisor_pressure: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull toward the candidate one's supervisor backs",
        source="assumption; superiors push in 28% of cases (data/calibration.md, Target 4)",
    )
    ppk_pressure: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull the PPK's pressure adds toward its side, for each official it presses "
        "(x its leverage)",
        source="assumption",
    )
    norm_weight: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull toward a side as the share of one's neighbours backing it grows",
        source="assumption ('everyone does it')",
    )
    integrity: PerCycle[float] = setting(
        low=0,
        high=20,
        meaning="mean utility of staying neutral (civil servants vary around it)",
        source="assumption",
    )
    integrity_spread: float = setting(
        low=0,
        high=10,
        meaning="standard deviation of integrity among civil servants",
        source="assumption",
    )
    knowledge: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="share of civil servants who know the neutrality rules and their sanctions",
        source="data/calibration.md, Target 4: 96.5% had had neutrality briefings",
    )
    inertia: PerCycle[float] = setting(
        low=0, high=10, meaning="utility of keeping last week's choice", source="assumption"
    )
    temperature: PerCycle[float] = setting(
        low=0.01,
        high=10,
        meaning="noise of the logit choice (higher: choices less driven by utility)",
        source="assumption",
    )
    activity: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a backer commits a visible violation in a campaign week",
        source="assumption",
    )
    violation_propensity: ViolationPropensity = field(default_factory=ViolationPropensity)
