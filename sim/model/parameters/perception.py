"""How civil servants come to perceive the certainty and severity of a sanction."""

from __future__ import annotations

from dataclasses import dataclass

from .base import setting

KINDS = ("learned", "informed", "fixed")
"""The alternatives of ``perception.kind`` (the configuration group ``perception``)."""


@dataclass(frozen=True)
class Perception:
    """Beliefs about sanctions: what they are learned from, and what they start at.

    ``kind`` picks the rule (docs/ODD.md, section 7.7): ``learned`` (Bayesian counts of
    cases seen sanctioned or not, and of the levels of sanctions seen, from ties and
    news), ``informed`` (everyone knows the current objective chance and severity: the
    rational-expectations benchmark) or ``fixed`` (the earlier rule, kept to compare).
    """

    kind: str = setting(
        meaning="how sanctions are perceived: learned (counts of cases seen, from ties and "
        "news), informed (the current objective chance and severity), fixed (the earlier "
        "rule: risk from sanctions seen nearby, fading to prior_risk; severity known)",
        choices=KINDS,
        source="configuration group perception (configs/perception/)",
    )
    prior_weight: float = setting(
        low=0.1,
        high=1000,
        meaning="how many observed cases the first prior belief is worth (learned: a prior "
        "at the enforcement record's objective certainty and severity; fixed: at prior_risk)",
        source="assumption (the sensitivity is shown in docs/ODD.md, section 10)",
    )
    memory: float = setting(
        low=0,
        high=1,
        meaning="share of what was learned (about sanctions, and about what loyalty pays) "
        "that carries into the next cycle (learned: counts discounted, the mean kept; "
        "fixed: faded towards the prior)",
        source="assumption",
    )
    news_reach: float = setting(
        low=0,
        high=1,
        meaning="learned: share of the region's sanctions (with their levels) and of its "
        "cases seen to end unsanctioned that every civil servant hears of each week "
        "(Bawaslu's and KASN/BKN's announcements, the local press, talk)",
        source="assumption",
    )
    impunity_weeks: int = setting(
        low=1,
        high=104,
        meaning="learned: weeks after a violation when, still unsanctioned, it is seen as "
        "unpunished (by then a verdict and a follow-up could have come)",
        source="verification_weeks + 1 + 2 x followup_delay_weeks (2 + 1 + 8: most sanctions "
        "followed up land by then)",
    )
    prior_risk: float = setting(
        low=0,
        high=1,
        meaning="fixed only: perceived chance of sanction before any experience",
        source="assumption; before 2020 PPK follow-up was below 30% "
        "(data/calibration.md, Target 1)",
    )
    sanction_salience: float = setting(
        low=0,
        high=100,
        meaning="fixed only: how many unpunished violations one sanction seen nearby outweighs",
        source="assumption",
    )
