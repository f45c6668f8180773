"""The enforcement chain: Bawaslu, KASN/BKN, the PPK, and the sanctions given."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import PerCycle, setting


@dataclass(frozen=True)
class SanctionMix:
    """Shares of the PP 94/2021 (and PP 42/2004 moral) sanction levels given."""

    moral: float = setting(
        low=0,
        high=1,
        meaning="share of moral sanctions (open statement)",
        source="data/calibration.md, Target 5: 61%",
    )
    light: float = setting(
        low=0,
        high=1,
        meaning="share of light discipline",
        source="data/calibration.md, Target 5: 1%",
    )
    medium: float = setting(
        low=0,
        high=1,
        meaning="share of medium discipline",
        source="data/calibration.md, Target 5: 37%",
    )
    heavy: float = setting(
        low=0,
        high=1,
        meaning="share of heavy discipline",
        source="data/calibration.md, Target 5: rare (1%)",
    )


@dataclass(frozen=True)
class Enforcement:
    """The chain from a violation to a sanction: Bawaslu, KASN/BKN, the PPK."""

    detection_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a Bawaslu patrol finds a fully visible violation in its week",
        source="assumption; patrols find 86-92% of cases (data/calibration.md, Target 2)",
    )
    report_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance the public or a rival reports a fully visible violation in its week",
        source="assumption; public reports are 8-14% of cases (data/calibration.md, Target 2)",
    )
    proof_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a report is proven and a recommendation issued",
        source="data/calibration.md, Target 1: 1,597 of 2,034 reported (78.5%)",
    )
    enforcement_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance the PPK's office takes up a recommendation at all (slack, whatever "
        "its side); what it then drops, it drops by decision (patron.inaction_penalty)",
        source="assumption: 1, all of Target 1's shortfall (90.8% of proven sanctioned) "
        "is the PPK's decision",
    )
    central_enforcement: PerCycle[bool] = setting(
        meaning="true: BKN applies the sanction without the PPK (no protection, no PPK delay)",
        source="policy option (data/calibration.md, 'The sanction ladder': BKN record blocking)",
    )
    sanction_strength: PerCycle[float] = setting(
        low=0,
        high=20,
        meaning="disutility of a sanction, in the units of the choice's utility",
        source="assumption",
    )
    verification_weeks: int = setting(
        low=0, high=52, meaning="weeks from a report to KASN/BKN's verdict", source="assumption"
    )
    followup_delay_weeks: float = setting(
        low=0,
        high=104,
        meaning="mean weeks from a recommendation to the PPK's sanction",
        source="assumption",
    )
    central_delay_weeks: float = setting(
        low=0,
        high=104,
        meaning="mean weeks from a recommendation to a centrally applied sanction",
        source="assumption",
    )
    sanction_mix: SanctionMix = field(default_factory=SanctionMix)
