"""The chance each candidate is seen to have of winning, and the vote (ODD 7.8)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import Campaign, Race
from .parameters import Params

PROBIT_TO_LOGIT = 1.702
"""Scale at which the logistic curve approximates the normal one (Bowling et al. 2009)."""


def expected_shares(race: Race, campaign: Campaign, params: Params) -> np.ndarray:
    """Vote share each candidate can expect: popularity plus the votes backers mobilise."""
    voters = params.election.voters_per_civil_servant * campaign.choice.size
    backers = campaign.counts(race.candidates)[1:]
    votes = race.popularity * voters + backers * params.election.mobilised_votes
    return votes / votes.sum()


def win_chances(race: Race, campaign: Campaign, params: Params) -> np.ndarray:
    """Each candidate's chance of winning as civil servants read the race this week."""
    shares = expected_shares(race, campaign, params)
    scale = PROBIT_TO_LOGIT / (params.election.vote_noise * np.sqrt(2.0))
    weights = np.exp(scale * (shares - shares.max()))
    return weights / weights.sum()


@dataclass
class VoteResult:
    """Outcome of the vote."""

    shares: np.ndarray
    winner: int


def vote(race: Race, campaign: Campaign, params: Params, rng: np.random.Generator) -> VoteResult:
    """Popularity plus mobilised votes plus noise; the largest share wins."""
    shares = expected_shares(race, campaign, params)
    shares = np.clip(shares + rng.normal(0.0, params.election.vote_noise, shares.size), 0.0, None)
    shares = shares / shares.sum() if shares.sum() > 0 else np.full(shares.size, 1 / shares.size)
    return VoteResult(shares=shares, winner=int(np.argmax(shares)))
