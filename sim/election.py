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

    Posts are decided one after another, each seeing the moves made before it.
    """
    c = params.careers
    loyal = campaign.choice == patron + 1
    opponent = (campaign.choice != NEUTRAL) & ~loyal
    promoted = loyalists_promoted = 0
    for rank in (Rank.JPT, Rank.ADMINISTRATOR):
        posts = np.flatnonzero(world.chart.rank == rank)
        reviewed = posts[rng.random(posts.size) < c.turnover]
        below = np.flatnonzero(world.chart.rank == rank + 1)
        shortlists = below[_shortlists(reviewed.size, below.size, c.shortlist, rng)]
        on_merit = rng.random(reviewed.size) < c.merit_weight
        first = 0
        while first < reviewed.size:
            batch = slice(first, first + DECISIONS_AT_ONCE)
            pick = _newcomers(
                world, reviewed[batch], shortlists[batch], on_merit[batch], loyal, opponent
            )
            taken = _before_a_conflict(world.size, reviewed[batch], shortlists[batch], pick)
            moves = np.flatnonzero(pick[:taken] != NO_ONE)
            out = world.holder[reviewed[batch][moves]]
            newcomer = world.holder[shortlists[batch][moves, pick[moves]]]
            world.swap_posts(out, newcomer)
            world.promoted[newcomer] += 1
            world.demoted[out] += 1
            promoted += moves.size
            loyalists_promoted += int(loyal[newcomer].sum())
            first += taken
    senior = world.holder[world.chart.rank <= Rank.ADMINISTRATOR]
    return CareerOutcome(
        promoted=promoted,
        demoted=promoted,
        senior_merit=float(world.competence[senior].mean()),
        loyalist_share=loyalists_promoted / promoted if promoted else float("nan"),
    )


DECISIONS_AT_ONCE = 64
"""Posts the career round looks at together; those after a conflict are looked at again."""


def _shortlists(posts: int, pool: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """(posts, min(size, pool)) positions in the pool, distinct within each row."""
    if size >= pool:
        return rng.permuted(np.tile(np.arange(pool), (posts, 1)), axis=1)
    drawn = rng.integers(pool, size=(posts, size))
    ordered = np.sort(drawn, axis=1)
    for row in np.flatnonzero((ordered[:, 1:] == ordered[:, :-1]).any(axis=1)).tolist():
        drawn[row] = rng.choice(pool, size=size, replace=False)  # a repeat: draw the row again
    return drawn


def _newcomers(
    world: World,
    posts: np.ndarray,
    shortlists: np.ndarray,
    on_merit: np.ndarray,
    loyal: np.ndarray,
    opponent: np.ndarray,
) -> np.ndarray:
    """Position in its shortlist of who takes each post, or ``NO_ONE`` (the holder stays)."""
    holder = world.holder[posts]
    people = world.holder[shortlists]
    competence = world.competence[people]
    best = np.argmax(competence, axis=1)
    best_competence = np.take_along_axis(competence, best[:, None], axis=1)[:, 0]
    better = np.where(best_competence > world.competence[holder], best, NO_ONE)
    loyalists = loyal[people]
    best_loyalist = np.argmax(np.where(loyalists, competence, -np.inf), axis=1)
    by_loyalty = np.where(
        loyal[holder],
        NO_ONE,
        np.where(loyalists.any(axis=1), best_loyalist, np.where(opponent[holder], best, NO_ONE)),
    )
    return np.where(on_merit, better, by_loyalty)


def _before_a_conflict(
    posts_count: int, posts: np.ndarray, shortlists: np.ndarray, pick: np.ndarray
) -> int:
    """How many of these decisions come before one that an earlier move changed.

    A move changes two posts' holders: the reviewed post and the newcomer's old
    post. A decision that looks at a post an earlier one moved someone into must
    be made again with the new holders.
    """
    order = np.arange(posts.size)
    moved = np.flatnonzero(pick != NO_ONE)
    first_change = np.full(posts_count, posts.size)
    changed = np.concatenate((posts[moved], shortlists[moved, pick[moved]]))
    np.minimum.at(first_change, changed, np.concatenate((order[moved], order[moved])))
    seen = np.minimum(first_change[posts], first_change[shortlists].min(axis=1))
    late = np.flatnonzero(seen < order)
    return int(late[0]) if late.size else posts.size
