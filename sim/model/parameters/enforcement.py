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

    def shares(self) -> tuple[float, float, float, float]:
        """Shares of each level, in the order of ``sim.model.campaign.SanctionLevel``."""
        return (self.moral, self.light, self.medium, self.heavy)


@dataclass(frozen=True)
class SanctionLadder:
    """Disutility of each level of the ladder, relative to a medium sanction (1).

    ``sanction_strength`` scales them all. Assumptions argued from what each level
    costs the civil servant under PP 94/2021 and PP 42/2004 (data/calibration.md, 'The
    sanction ladder'); they must rise up the ladder.
    """

    moral: float = setting(
        low=0,
        high=100,
        meaning="disutility of a moral sanction (an open or closed statement), "
        "relative to a medium one",
        source="assumption: a statement of regret, no loss of pay or post (PP 42/2004)",
    )
    light: float = setting(
        low=0,
        high=100,
        meaning="disutility of light discipline (a verbal or written warning), "
        "relative to a medium one",
        source="assumption: a warning on the record, no loss of pay (PP 94/2021)",
    )
    medium: float = setting(
        low=0,
        high=100,
        meaning="disutility of medium discipline (performance allowance cut 25% for "
        "6-12 months): the unit of the ladder",
        source="the unit (PP 94/2021)",
    )
    heavy: float = setting(
        low=0,
        high=100,
        meaning="disutility of heavy discipline (demotion or removal to a staff post for "
        "12 months, dismissal), relative to a medium one",
        source="assumption: a year's loss of post and pay, or of the career, is several "
        "times a quarter of the allowance for 6-12 months (PP 94/2021)",
    )

    def disutilities(self) -> tuple[float, float, float, float]:
        """Disutility of each level, in the order of ``sim.model.campaign.SanctionLevel``."""
        return (self.moral, self.light, self.medium, self.heavy)


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
        meaning="disutility of a medium sanction, in the units of the choice's utility "
        "(scales the whole ladder)",
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
    bawaslu_capacity: PerCycle[float] = setting(
        low=0,
        high=1000,
        meaning="reports on civil servants Bawaslu can take on a week, per 1,000 civil "
        "servants of the region; reports beyond it that week are not made",
        source="assumption (Bawaslu's structure, UU 7/2017: 3 panwascam a kecamatan, one "
        "PKD a village; a regency has 20-25 kecamatan, and a share of their time goes to "
        "ASN neutrality): 0.5 is 3.35 a week in a regency, over four times the record's "
        "7.5 reports a Pilkada (data/calibration.md, Target 1)",
    )
    verifier_capacity: PerCycle[float] = setting(
        low=0,
        high=1_000_000,
        meaning="reports KASN (since UU 20/2023, BKN) can verify a week nationally; a region "
        "gets its share by its civil servants (of 3,651,500); the rest wait, first come "
        "first served",
        source="assumption: about 2.4 times the record's national load (2,034 reports in "
        "270 regions, data/calibration.md, Target 1: about 410 a week for 545 regions)",
    )
    followup_deadline_weeks: int = setting(
        low=0,
        high=104,
        meaning="weeks the PPK has to act on a recommendation; whether it was met is recorded",
        source="assumption (a month); in 2020 KASN warned of PPKs slow to act "
        "(data/calibration.md, 'Institutions and reforms')",
    )
    sanction_mix: SanctionMix = field(default_factory=SanctionMix)
    ladder: SanctionLadder = field(default_factory=SanctionLadder)
