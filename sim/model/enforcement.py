"""The enforcement chain: detect, verify, recommend, follow up, sanction.

Bawaslu patrols and the public report violations; KASN (since UU 20/2023,
BKN) verifies them and issues a recommendation; the PPK, who may have asked
for the support, decides whether and when to sanction. Funnel counts are
civil servants: each is reported, proven and sanctioned at most once a cycle.
"""

from __future__ import annotations

import numpy as np

from .campaign import NOT_YET, VISIBILITY, Campaign, Channel, Race
from .parameters import Params
from .patron import follow_up
from .world import World


def detect(campaign: Campaign, week: int, params: Params, rng: np.random.Generator) -> None:
    """Patrols, then the public, may report this week's acts (by their visibility).

    Only civil servants not yet reported this cycle can be newly reported.
    """
    e = params.enforcement
    acting = np.flatnonzero(campaign.act != NOT_YET)
    acting = acting[campaign.reported_week[acting] == NOT_YET]
    visibility = VISIBILITY[campaign.act[acting]]
    by_patrol = rng.random(acting.size) < e.detection_probability * visibility
    by_public = ~by_patrol & (rng.random(acting.size) < e.report_probability * visibility)
    reported = acting[by_patrol | by_public]
    campaign.reported_week[reported] = week
    campaign.reported_type[reported] = campaign.act[reported]
    campaign.channel[acting[by_patrol]] = Channel.PATROL
    campaign.channel[acting[by_public]] = Channel.PUBLIC
    campaign.verdict_week[reported] = week + e.verification_weeks


def _delay(mean_weeks: float, size: int, rng: np.random.Generator) -> np.ndarray:
    """Weeks of delay with the given mean (geometric: any week may be the one)."""
    return rng.geometric(1.0 / (mean_weeks + 1.0), size) - 1


def verify(
    campaign: Campaign, race: Race, week: int, params: Params, rng: np.random.Generator
) -> None:
    """Reports due this week get a verdict; proven ones a recommendation and a follow-up.

    With central enforcement BKN applies every recommended sanction itself.
    Otherwise the PPK decides which to act on (``sim.model.patron.follow_up``: it
    may protect those who backed its side) and acts after a delay.
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


def sanction(
    world: World, campaign: Campaign, week: int, params: Params, rng: np.random.Generator
) -> np.ndarray:
    """Sanctions due this week land, at a level of the PP 94/2021 ladder; returns who."""
    due = np.flatnonzero(campaign.sanction_week == week)
    mix = params.enforcement.sanction_mix
    shares = np.array([mix.moral, mix.light, mix.medium, mix.heavy])
    level = np.searchsorted(np.cumsum(shares), rng.random(due.size), side="right")
    campaign.sanctioned[due] = True
    campaign.sanction_level[due] = np.minimum(level, shares.size - 1)
    world.times_sanctioned[due] += 1
    return due
