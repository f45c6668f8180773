"""The ballot, the chance each candidate is seen to have, and the vote."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import Campaign, Race
from .orgchart import NO_ONE
from .parameters import Params

PROBIT_TO_LOGIT = 1.702
"""Scale at which the logistic curve approximates the normal one (Bowling et al. 2009)."""


def new_race(
    head_groups: np.ndarray, n_groups: int, params: Params, rng: np.random.Generator
) -> Race:
    """Draw a cycle's candidates: popularity, kin ties, and whether the PPK runs.

    Candidate 0 is the PPK's side: the PPK itself when it runs (Pilkada
    only), keeping the kin groups tied to it, or the successor or national
    candidate it backs. Other kin groups are tied to a random candidate with
    probability ``kinship_density``.
    """
    region, election = params.region, params.election
    c = region.candidates
    popularity = rng.dirichlet(np.ones(c))
    pilkada = election.kind == "pilkada"
    runs = pilkada and bool(rng.random() < region.incumbent_runs)
    if runs:
        popularity[0] += election.incumbency_advantage
        popularity /= popularity.sum()
    tied = rng.random(n_groups) < region.kinship_density
    candidate_of_group = np.where(tied, rng.integers(c, size=n_groups), NO_ONE).astype(np.int32)
    if runs:
        candidate_of_group[head_groups] = 0
    if not pilkada:
        leverage = election.pemilu_leverage
    elif runs:
        leverage = 1.0
    else:
        leverage = election.open_seat_leverage
    return Race(
        popularity=popularity,
        candidate_of_group=candidate_of_group,
        incumbent_runs=runs,
        leverage=leverage,
    )


def expected_shares(race: Race, campaign: Campaign, params: Params) -> np.ndarray:
    """Vote share each candidate can expect: popularity plus the votes backers mobilise."""
    voters = params.election.voters_per_civil_servant * campaign.choice.size
    backers = np.bincount(campaign.choice, minlength=race.candidates + 1)[1:]
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
