"""The enforcement chain: detect, verify, recommend, follow up, sanction.

Bawaslu patrols and the public report violations, as many a week as Bawaslu can
take on; KASN (since UU 20/2023, BKN) verifies them in the order they came, as many
a week as its share of the national capacity allows, and issues a recommendation;
the PPK, who may have asked for the support, decides whether and when to sanction.
Funnel counts are civil servants: each is reported, proven and sanctioned at most
once a cycle.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import NOT_YET, VISIBILITY, Campaign, Channel, Race
from .oversight import body_deadline
from .parameters import Params
from .patron import follow_up
from .world import World

NATIONAL_CIVIL_SERVANTS = 3_651_500
"""Civil servants of the 545 regional governments of a national Pilkada (545 x 6,700,
data/calibration.md, 'The workforce'): a region's share of the verifier's capacity is
its civil servants over this number."""

WEEKS_BETWEEN_ELECTIONS = 260
"""Weeks from one election to the next (five-year terms, UU 10/2016): how long the
queues are worked through after the vote before the next cycle opens."""


def bawaslu_rate(params: Params, civil_servants: int) -> float:
    """Reports Bawaslu can take on a week in a region of ``civil_servants``."""
    return params.enforcement.bawaslu_capacity * civil_servants / 1000.0


def verifier_rate(params: Params, civil_servants: int) -> float:
    """The region's share of the verifier's reports a week (by its civil servants)."""
    return params.enforcement.verifier_capacity * civil_servants / NATIONAL_CIVIL_SERVANTS


@dataclass
class Capacity:
    """Cases an office can handle, as a credit that grows by ``rate`` a week.

    Each week the credit grows by the rate, banking at most one case beyond a week's
    rate (so an office that was idle can take on a lone case at once, even at less than
    one case a week, and the fraction of a case left over carries to the next week); a
    case handled uses one unit. Deterministic: no draws.
    """

    rate: float
    credit: float = float("inf")  # starts full (capped on first use)
    week: int = 0  # the week the credit was last brought up to

    def room(self, week: int) -> int:
        """Whole cases that can be handled in ``week``."""
        cap = self.rate + 1.0
        self.credit = min(cap, self.credit + self.rate * (week - self.week))
        self.week = week
        return int(np.floor(self.credit + 1e-9)) if self.rate > 0 else 0

    def use(self, cases: int) -> None:
        self.credit -= cases

    def first_week_with_room(self, week: int) -> int | None:
        """The first week from ``week`` on when a case can be handled (None: never)."""
        if self.rate <= 0:
            return None
        short = 1.0 - min(self.rate + 1.0, self.credit + self.rate * (week - self.week))
        return week if short <= 1e-9 else week + int(np.ceil(short / self.rate - 1e-9))


def bawaslu(campaign: Campaign, params: Params) -> Capacity:
    """Bawaslu's capacity this cycle (set up on its first use)."""
    if campaign.bawaslu is None:
        campaign.bawaslu = Capacity(bawaslu_rate(params, campaign.choice.size))
    return campaign.bawaslu


def detect(campaign: Campaign, week: int, params: Params, rng: np.random.Generator) -> None:
    """Patrols, then the public, may report this week's acts (by their visibility).

    Only civil servants not yet reported this cycle can be newly reported. Bawaslu
    takes on at most its capacity a week; when more come, those it takes on are drawn
    at random and the rest are not made. Reports join the verifier's queue.
    """
    e = params.enforcement
    acting = np.flatnonzero(campaign.act != NOT_YET)
    acting = acting[campaign.reported_week[acting] == NOT_YET]
    visibility = VISIBILITY[campaign.act[acting]]
    by_patrol = rng.random(acting.size) < e.detection_probability * visibility
    by_public = ~by_patrol & (rng.random(acting.size) < e.report_probability * visibility)
    found = by_patrol | by_public
    campaign.bawaslu_load = int(found.sum())
    room = bawaslu(campaign, params).room(week)
    if campaign.bawaslu_load > room:  # swamped: only what Bawaslu can take on is made
        made = np.zeros(acting.size, dtype=bool)
        made[rng.choice(np.flatnonzero(found), size=room, replace=False)] = True
        by_patrol &= made
        by_public &= made
        found = made
    reported = acting[found]
    campaign.bawaslu.use(reported.size)
    campaign.reported_week[reported] = week
    campaign.reported_type[reported] = campaign.act[reported]
    campaign.channel[acting[by_patrol]] = Channel.PATROL
    campaign.channel[acting[by_public]] = Channel.PUBLIC
    campaign.queue = np.concatenate((campaign.queue, reported))


def admit(campaign: Campaign, week: int, params: Params) -> np.ndarray:
    """The verifier takes the reports it decides this week from its queue; returns them.

    First come, first served, at most the region's share of the capacity this week, and
    none before ``verification_weeks`` after its report. Their verdict is this week.
    """
    queue = campaign.queue[campaign.queue_head :]
    ready = np.searchsorted(
        campaign.reported_week[queue], week - params.enforcement.verification_weeks, "right"
    )
    if campaign.verifier is None:
        campaign.verifier = Capacity(verifier_rate(params, campaign.choice.size))
    due = queue[: min(int(ready), campaign.verifier.room(week))]
    campaign.verifier.use(due.size)
    campaign.queue_head += due.size
    campaign.verdict_week[due] = week
    return due


def next_verdict_week(campaign: Campaign, week: int, params: Params) -> int | None:
    """The first week from ``week`` on when the verifier can decide a queued report."""
    if campaign.queue_head == campaign.queue.size:
        return None
    head = campaign.queue[campaign.queue_head]
    week = max(week, int(campaign.reported_week[head]) + params.enforcement.verification_weeks)
    if campaign.verifier is None:
        campaign.verifier = Capacity(verifier_rate(params, campaign.choice.size))
    return campaign.verifier.first_week_with_room(week)


def expire(campaign: Campaign) -> int:
    """Reports still queued when the next cycle opens are dropped; returns how many."""
    left = campaign.queue.size - campaign.queue_head
    campaign.queue_head = campaign.queue.size
    return left


def _delay(mean_weeks: float, size: int, rng: np.random.Generator) -> np.ndarray:
    """Weeks of delay with the given mean (geometric: any week may be the one)."""
    return rng.geometric(1.0 / (mean_weeks + 1.0), size) - 1


def verify(
    campaign: Campaign, race: Race, week: int, params: Params, rng: np.random.Generator
) -> None:
    """Reports due this week get a verdict; proven ones a recommendation and a follow-up.

    With central enforcement BKN applies every recommended sanction itself.
    Otherwise the PPK decides which to act on (``sim.model.patron.follow_up``: it
    may protect those who backed its side) and acts after a delay; a binding body
    sanctions what the PPK left past the deadline (``sim.model.oversight.body_deadline``).
    """
    e = params.enforcement
    due = np.flatnonzero(campaign.verdict_week == week)
    proven = due[rng.random(due.size) < e.proof_probability]
    campaign.proven[proven] = True
    if e.central_enforcement:
        campaign.sanction_week[proven] = week + 1 + _delay(e.central_delay_weeks, proven.size, rng)
        return
    followed = proven[follow_up(campaign, race, proven, params, rng)]  # the PPK decides
    campaign.sanction_week[followed] = week + 1 + _delay(e.followup_delay_weeks, followed.size, rng)
    body_deadline(campaign, proven, week, params)


def sanction(
    world: World, campaign: Campaign, week: int, params: Params, rng: np.random.Generator
) -> np.ndarray:
    """Sanctions due this week land, at a level of the PP 94/2021 ladder; returns who."""
    due = np.flatnonzero(campaign.sanction_week == week)
    shares = np.array(params.enforcement.sanction_mix.shares())
    level = np.searchsorted(np.cumsum(shares), rng.random(due.size), side="right")
    campaign.sanctioned[due] = True
    campaign.sanction_level[due] = np.minimum(level, shares.size - 1)
    world.times_sanctioned[due] += 1
    return due
