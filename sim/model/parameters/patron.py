"""The regional head (PPK) as a deciding agent, and the candidates' campaign teams."""

from __future__ import annotations

from dataclasses import dataclass

from .base import PerCycle, setting

WARNING_LETTERS = (
    "data/calibration.md lines 105-106 (October 2020: warning letters to 67 regional heads "
    "over 131 recommendations not acted on) against line 15 (1,597 - 1,450 = 147 proven "
    "and not sanctioned): 131 / 147"
)


@dataclass(frozen=True)
class Patron:
    """What the PPK weighs when it presses, threatens and protects (ODD 7.1 and 7.5)."""

    pressure_budget: PerCycle[float] = setting(
        low=0,
        high=100,
        meaning="civil servants the PPK presses a week, as a multiple of its JPT posts "
        "(its heads of agencies, through whom it works)",
        source="assumption: about one official a week for each head of agency (seeds 002, "
        "004; Wajo: 39 agencies, 31 JPT, data/calibration.md line 80)",
    )
    threat: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="career loss a PPK's threat makes a pressed civil servant expect for not "
        "backing its side (x stake x its side's win chance x leverage)",
        source="assumption; threats to the careers of those who refuse (seed 002)",
    )
    threat_cost: PerCycle[float] = setting(
        low=0,
        high=100000,
        meaning="expected cost to the PPK of threatening one civil servant (being reported "
        "for intimidation), in supporters' worth",
        source="assumption",
    )
    inaction_noticed: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a recommendation the PPK ignores is noticed by the oversight "
        "(Home Ministry warning letters, BKN record blocking)",
        source=WARNING_LETTERS,
    )
    inaction_penalty: PerCycle[float] = setting(
        low=0,
        high=100000,
        meaning="what being called to account for an ignored recommendation costs the PPK, "
        "in supporters' worth",
        source="fitted to data/calibration.md, Target 1: 90.8% of proven sanctioned "
        "(experiments/calibration)",
    )
    acting_accountability: float = setting(
        low=1,
        high=100,
        meaning="how many times heavier the cost of inaction and of threats weighs on an "
        "acting head (Pj), who answers to the Home Ministry",
        source="assumption; a Pj is appointed by the Home Ministry (data/calibration.md "
        "lines 110-112)",
    )
    decision_noise: float = setting(
        low=0.05,
        high=10,
        meaning="noise of the PPK's choices: the logit scale on the log of value over cost "
        "(1: acts with chance value / (value + cost))",
        source="assumption",
    )


@dataclass(frozen=True)
class Teams:
    """The candidates' campaign teams: recruiting, promising posts, reporting rivals (ODD 7.1)."""

    reach: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="contacts a team makes in a week through shared background (school, "
        "ethnicity, origin), as a share of the civil servants, each with one drawn at random",
        source="assumption; KASN survey: shared background 16.8%, campaign teams push in "
        "32% of cases (data/calibration.md, Target 4)",
    )
    promise: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="worth of a team's promise of a post to a civil servant it reaches "
        "(x stake x the candidate's win chance)",
        source="assumption",
    )
    rival_reports: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a challenger's team reports a fully visible act of a PPK-side backer "
        "in its week (public channel)",
        source="assumption; public reports are 8-14% of cases (data/calibration.md, Target 2)",
    )
