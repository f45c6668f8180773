"""The career round after the vote: the patron fills senior posts by loyalty or merit (ODD 7.9).

``career_round`` decides the posts; ``learn_loyalty`` is what civil servants
learn from it about how far loyalty decides promotions, which weighs their
career motive in the next campaign (ODD 7.2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import NEUTRAL, Campaign
from .orgchart import NO_ONE, Rank
from .parameters import Params
from .world import World


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


def learn_loyalty(world: World, loyalist_share: float, memory: float) -> None:
    """After a career round: the belief in loyalty's payoff moves to what was just seen.

    ``loyalty_payoff`` <- memory x loyalty_payoff + (1 - memory) x loyalist share of
    this round's promotions (unchanged when no one was promoted).
    """
    world.loyalty_payoff = memory * world.loyalty_payoff + (1.0 - memory) * loyalist_share
