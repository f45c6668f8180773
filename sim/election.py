"""The ballot, the vote and the career round that follows it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import NEUTRAL, Campaign, Race
from .config import Params
from .world import NO_ONE, Rank, World

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


@dataclass
class CareerOutcome:
    """What the career round did."""

    promoted: int
    demoted: int
    senior_merit: float  # mean competence (standard units) of JPT and administrators
    loyalist_share: float  # share of promotions that went to the patron's backers (nan: none)


def career_round(
    world: World, campaign: Campaign, patron: int, params: Params, rng: np.random.Generator
) -> CareerOutcome:
    """The PPK after the vote fills senior posts by loyalty or by merit.

    ``patron`` is the candidate whose side the PPK rewards: the winner of a
    Pilkada, who becomes PPK, or the sitting PPK's side in a Pemilu. A
    reviewed post (share ``turnover`` of JPT and administrator posts) is
    decided on merit with probability ``merit_weight``: the most competent of
    a shortlist from the rank below takes it if better than the holder.
    Otherwise loyalty decides: an opponent is moved out, and a loyalist from
    the shortlist (or, failing one, its most competent) moves in; a neutral
    holder gives way to a loyalist; a loyalist stays.
    """
    c = params.careers
    loyal = campaign.choice == patron + 1
    opponent = (campaign.choice != NEUTRAL) & ~loyal
    promoted = demoted = loyalists_promoted = 0
    for rank in (Rank.JPT, Rank.ADMINISTRATOR):
        posts = np.flatnonzero(world.chart.rank == rank)
        reviewed = posts[rng.random(posts.size) < c.turnover]
        below = np.flatnonzero(world.chart.rank == rank + 1)
        for post in reviewed.tolist():
            holder = world.holder[post]
            shortlist = world.holder[
                rng.choice(below, size=min(c.shortlist, below.size), replace=False)
            ]
            if rng.random() < c.merit_weight:
                best = shortlist[np.argmax(world.competence[shortlist])]
                newcomer = best if world.competence[best] > world.competence[holder] else NO_ONE
            elif loyal[holder]:
                newcomer = NO_ONE
            else:
                loyalists = shortlist[loyal[shortlist]]
                if loyalists.size:
                    newcomer = loyalists[np.argmax(world.competence[loyalists])]
                elif opponent[holder]:
                    newcomer = shortlist[np.argmax(world.competence[shortlist])]
                else:
                    newcomer = NO_ONE
            if newcomer != NO_ONE:
                world.swap_posts(holder, newcomer)
                world.promoted[newcomer] += 1
                world.demoted[holder] += 1
                promoted += 1
                loyalists_promoted += int(loyal[newcomer])
                demoted += 1
    senior = world.holder[world.chart.rank <= Rank.ADMINISTRATOR]
    return CareerOutcome(
        promoted=promoted,
        demoted=demoted,
        senior_merit=float(world.competence[senior].mean()),
        loyalist_share=loyalists_promoted / promoted if promoted else float("nan"),
    )
