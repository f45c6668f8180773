"""The reference's beliefs about sanctions and its enforcement offices, written again.

Written from docs/ODD.md, sections 7.4 and 7.7, in plain Python, one civil servant
or one office at a time; nothing here is shared with ``sim.model.perception`` or
``sim.model.enforcement``.
"""

from __future__ import annotations

import math

from sim.model.campaign import NEEDS_AUTHORITY, VISIBILITY
from sim.model.parameters import Params

NATIONAL = 3_651_500  # civil servants of the 545 regional governments (ODD 7.4)
BETWEEN_ELECTIONS = 260  # weeks from one election to the next (ODD 7.4)


def chance_sanctioned(p: Params, leads: bool, bawaslu: float = 1.0, decided: float = 1.0) -> float:
    """Objective certainty for a civil servant backing a side through the campaign (ODD 7.7)."""
    e, b = p.enforcement, p.behaviour
    weights = list(b.violation_propensity.weights())
    if not leads:
        weights = [0.0 if needs else w for w, needs in zip(weights, NEEDS_AUTHORITY, strict=True)]
    total = sum(weights)
    reported_per_act = 0.0
    for weight, visibility in zip(weights, VISIBILITY.tolist(), strict=True):
        patrol = e.detection_probability * visibility
        either = patrol + (1.0 - patrol) * e.report_probability * visibility
        reported_per_act += weight / total * either
    weekly = b.activity * reported_per_act * bawaslu
    ever = 1.0 - (1.0 - weekly) ** p.campaign_weeks
    follow = 1.0 if e.central_enforcement else e.enforcement_probability
    return ever * e.proof_probability * follow * decided


def mean_severity(p: Params) -> float:
    """The configured mix over the ladder's disutilities (relative to a medium sanction)."""
    mix, ladder = p.enforcement.sanction_mix, p.enforcement.ladder
    return (
        mix.moral * ladder.moral
        + mix.light * ladder.light
        + mix.medium * ladder.medium
        + mix.heavy * ladder.heavy
    )


class Office:
    """An office that handles ``rate`` cases a week, banking at most one case beyond it."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.credit = rate + 1.0
        self.last = 0

    def free(self, week: int) -> int:
        """Cases it can still take on in ``week``."""
        if self.rate <= 0:
            return 0
        self.credit = min(self.rate + 1.0, self.credit + self.rate * (week - self.last))
        self.last = week
        return math.floor(self.credit + 1e-9)

    def take(self, cases: int) -> None:
        self.credit -= cases


class Belief:
    """One civil servant's counts: cases seen sanctioned and not, levels of sanctions seen."""

    def __init__(self, sanctioned: float, unsanctioned: float, levels: list[float]) -> None:
        self.sanctioned = sanctioned
        self.unsanctioned = unsanctioned
        self.levels = levels

    def certainty(self, heard: list[float]) -> float:
        seen = self.sanctioned + heard[0]
        return seen / (seen + self.unsanctioned + heard[1])

    def severity(self, heard: list[float], ladder: list[float]) -> float:
        counts = [own + news for own, news in zip(self.levels, heard[2:], strict=True)]
        return sum(c * d for c, d in zip(counts, ladder, strict=True)) / sum(counts)

    def discount(self, memory: float) -> None:
        self.sanctioned *= memory
        self.unsanctioned *= memory
        self.levels = [memory * c for c in self.levels]
