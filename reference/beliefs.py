"""The reference's beliefs about sanctions and its enforcement offices, written again.

Written from docs/ODD.md, sections 7.4 and 7.7, in plain Python, one civil servant
or one office at a time; nothing here is shared with ``sim.model.perception`` or
``sim.model.enforcement``.
"""

from __future__ import annotations

import math
from typing import Any

from sim.model.campaign import NEEDS_AUTHORITY, VISIBILITY, Channel
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
    follow = 1.0 if e.central_enforcement or p.oversight.binding else e.enforcement_probability
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


class RegionBeliefs:
    """The region's side of the rules: the first belief, the news, the offices and queue,
    the informed values, the counts at the close and between cycles (a mixin of
    ``reference.model.ReferenceModel``, which holds ``p``, ``by_index``, ``week``...)."""

    p: Params
    by_index: list[Any]
    civil_servants: Any
    random: Any
    week: int
    heard: list[float]

    def first_belief(self, leads: bool) -> Belief:
        """Before the first cycle (ODD 5): learned, the enforcement record's objective values
        worth ``prior_weight`` cases; fixed, ``prior_risk`` worth as many."""
        p = self.p.perception
        if p.kind == "learned":
            risk = chance_sanctioned(self.p, leads)
            mix = self.p.enforcement.sanction_mix
            levels = [share * p.prior_weight for share in (mix.moral, mix.light, mix.medium)]
            levels.append(mix.heavy * p.prior_weight)
        else:
            risk, levels = p.prior_risk, [0.0] * 4
        return Belief(risk * p.prior_weight, (1.0 - risk) * p.prior_weight, levels)

    def inform(self) -> None:
        """Informed: the objective certainty now, given last week's load and the queue."""
        if self.p.perception.kind != "informed":
            return
        rate = self.bawaslu.rate
        bawaslu = 1.0 if self.load <= rate else rate / self.load
        left = self.p.campaign_weeks - self.week + BETWEEN_ELECTIONS
        waiting = len(self.queue)
        decided = 1.0 if not waiting else min(1.0, self.verifier.rate * left / waiting)
        self.informed = [chance_sanctioned(self.p, leads, bawaslu, decided) for leads in (0, 1)]

    def report(self, week: int) -> None:
        """Bawaslu takes on the reports found this week, as many as it can (random which)."""
        self.civil_servants.do("be_seen")
        found = [agent for agent in self.by_index if agent.found]
        self.load = len(found)
        free = self.bawaslu.free(week)
        if len(found) > free:
            kept = {agent.index for agent in self.random.sample(found, free)}
            for agent in found:
                if agent.index not in kept:
                    agent.channel = Channel.NONE
            found = [agent for agent in found if agent.index in kept]
        self.bawaslu.take(len(found))
        for agent in found:
            agent.reported_week = week
            self.queue.append(agent)

    def admit(self, week: int) -> None:
        """The verifier decides queued reports, first come first served, at its capacity."""
        if week >= self.p.campaign_weeks + BETWEEN_ELECTIONS:
            return
        free = self.verifier.free(week)
        ready = self.p.enforcement.verification_weeks
        taken = 0
        while taken < free and self.queue and self.queue[0].reported_week + ready <= week:
            self.queue.pop(0).verdict_week = week
            taken += 1
        self.verifier.take(taken)

    def hear(self) -> None:
        """News: everyone hears of ``news_reach`` of this week's sanctions and impunity."""
        reach = self.p.perception.news_reach
        for agent in self.by_index:
            if agent.sanctioned_now:
                self.heard[0] += reach
                self.heard[2 + agent.level] += reach
            if agent.ended_now:
                self.heard[1] += reach

    def count_late_impunity(self) -> None:
        """Learned, after settlement: every violation not yet seen unpunished that is still
        unsanctioned, or was sanctioned only after its horizon, is seen so now."""
        if self.p.perception.kind != "learned":
            return
        horizon = self.p.perception.impunity_weeks
        for agent in self.by_index:
            agent.sanctioned_now = False
            late = not agent.sanctioned or agent.sanction_week > agent.violated_week + horizon
            agent.ended_now = agent.violated and not agent.impunity_seen and late
            agent.impunity_seen = agent.impunity_seen or agent.ended_now
        self.hear()
        self.civil_servants.do("learn")

    def forget(self) -> None:
        """Between cycles (ODD 7.10): learned counts discounted; fixed faded to the prior."""
        p = self.p.perception
        if p.kind == "learned":
            for agent in self.by_index:
                agent.belief.discount(p.memory)
            self.heard = [p.memory * h for h in self.heard]
        elif p.kind == "fixed":
            punished = p.prior_risk * p.prior_weight
            unpunished = (1.0 - p.prior_risk) * p.prior_weight
            for agent in self.by_index:
                b = agent.belief
                b.sanctioned = punished + p.memory * (b.sanctioned - punished)
                b.unsanctioned = unpunished + p.memory * (b.unsanctioned - unpunished)
