"""The career round after the vote: the winner's reshuffle, within what merit rules allow (ODD 7.9).

``career_round`` decides the posts: the merit system decides a share ``merit_weight``,
the patron (the winner, as PPK) the rest, by loyalty shown and competence, and it
sidelines opponents to non-jobs. ``learn_loyalty`` is what civil servants learn from
it about how far loyalty decides promotions, which weighs their career motive and
their fear of a purge in the next campaign (ODD 7.2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import Campaign, Race
from .orgchart import NO_ONE, Rank
from .parameters import Params
from .world import World

REVIEWED = (Rank.JPT, Rank.ADMINISTRATOR)
"""Ranks whose posts the career round reviews: those a winner can take away."""


PLACED_ON_MERIT, PLACED_BY_WINNER = 1, 2
"""``World.placed_by`` of a post whose holder the merit system, or the winner, put there
(0: not moved since the start)."""


@dataclass
class Moves:
    """The reshuffle, one entry per move: who took which post from whom, and why."""

    post: np.ndarray  # the post decided
    newcomer: np.ndarray  # who took it (promoted)
    moved_out: np.ndarray  # its holder, who took the newcomer's old post
    on_merit: np.ndarray  # decided by the merit system (else by the winner)
    non_job: np.ndarray  # the holder, an opponent, was sidelined to a post without its unit


@dataclass
class CareerOutcome:
    """What the career round did."""

    promoted: int
    demoted: int
    senior_merit: float  # mean competence (standard units) of JPT and administrators
    loyalist_share: float  # share of promotions that went to the patron's backers (nan: none)
    on_merit: int = 0  # promotions the merit system decided
    by_loyalty: int = 0  # promotions the winner decided
    demoted_by_loyalty: int = 0  # holders the winner moved out and demoted (not opponents)
    to_non_job: int = 0  # opponents the winner moved out to a non-job
    jpt_loyalists: float = 0.0  # share of JPT posts held by the patron's final-week backers
    jpt_on_merit: float = 0.0  # share of JPT posts whose holder the merit system placed
    jpt_competence: float = 0.0  # mean competence of JPT holders
    moves: Moves | None = None


def loyalty_shown(campaign: Campaign, patron: int, weeks: int) -> np.ndarray:
    """(N,) weeks backing ``patron`` less weeks backing a rival, over the campaign's weeks.

    From -1 (backed a rival every week) through 0 (neutral) to 1 (backed the patron from
    the first week): loyalty shown early counts for more weeks.
    """
    backing = campaign.weeks_backing.astype(np.float32)
    return (2.0 * backing[patron] - backing.sum(axis=0)) / max(weeks, 1)


def career_round(
    world: World, campaign: Campaign, patron: int, params: Params, rng: np.random.Generator
) -> CareerOutcome:
    """The patron after the vote fills senior posts: the merit system decides some, it the rest.

    ``patron`` is the candidate whose side the PPK rewards: the winner of a Pilkada,
    who becomes PPK, or the sitting PPK's side in a Pemilu. A reviewed post (share
    ``turnover`` of JPT and administrator posts) is decided by the merit system with
    probability ``merit_weight``: the most competent of a shortlist from the rank below
    takes it if better than the holder. The patron decides the rest: it scores the
    shortlist and the holder by ``loyalty_weight`` x loyalty shown + (1 -
    ``loyalty_weight``) x competence, and the best takes the post if it scores above the
    holder. A holder moved out takes the newcomer's old post (a swap); an opponent (one
    who backed a rival more weeks than the patron) moved out by the patron is also
    sidelined to a non-job, until the next career round.

    With ``jpt_appointment=president`` a Pilkada's winner reviews no JPT post: the
    President fills them on merit (``regional_jpt``). Posts are decided one after
    another, each seeing the moves made before it.
    """
    c = params.careers
    loyal = campaign.choice == patron + 1
    loyalty = loyalty_shown(campaign, patron, params.campaign_weeks)
    score = c.loyalty_weight * loyalty + (1.0 - c.loyalty_weight) * world.competence
    world.non_job[:] = False  # a new reshuffle: last round's sidelined get their units back
    promoted = loyalists_promoted = 0
    moves: list[tuple[np.ndarray, ...]] = []
    for rank in REVIEWED:
        posts = np.flatnonzero(world.chart.rank == rank)
        reviewed = posts[rng.random(posts.size) < c.turnover]
        below = np.flatnonzero(world.chart.rank == rank + 1)
        shortlists = below[_shortlists(reviewed.size, below.size, c.shortlist, rng)]
        on_merit = rng.random(reviewed.size) < c.merit_weight
        if rank == Rank.JPT and not regional_jpt(params):
            on_merit[:] = True  # the President fills them, outside the regional race
        first = 0
        while first < reviewed.size:
            batch = slice(first, first + DECISIONS_AT_ONCE)
            pick = _newcomers(world, reviewed[batch], shortlists[batch], on_merit[batch], score)
            taken = _before_a_conflict(world.size, reviewed[batch], shortlists[batch], pick)
            made = np.flatnonzero(pick[:taken] != NO_ONE)
            post = reviewed[batch][made]
            out = world.holder[post]
            newcomer = world.holder[shortlists[batch][made, pick[made]]]
            merit = on_merit[batch][made]
            world.swap_posts(out, newcomer)
            world.placed_by[post] = np.where(merit, PLACED_ON_MERIT, PLACED_BY_WINNER)
            sidelined = ~merit & (loyalty[out] < 0)
            world.non_job[out[sidelined]] = True
            world.promoted[newcomer] += 1
            world.demoted[out] += 1
            moves.append((post, newcomer, out, merit, sidelined))
            promoted += made.size
            loyalists_promoted += int(loyal[newcomer].sum())
            first += taken
    return _outcome(world, loyal, promoted, loyalists_promoted, moves)


def _outcome(
    world: World, loyal: np.ndarray, promoted: int, loyalists: int, moves: list
) -> CareerOutcome:
    """The round's counts, the senior posts after it, and its moves."""
    if moves:
        post, newcomer, out, merit, sidelined = (
            np.concatenate(part) for part in zip(*moves, strict=True)
        )
    else:
        post = newcomer = out = np.empty(0, dtype=np.int64)
        merit = sidelined = np.empty(0, dtype=bool)
    senior = world.holder[world.chart.rank <= Rank.ADMINISTRATOR]
    jpt_posts = np.flatnonzero(world.chart.rank == Rank.JPT)
    jpt = world.holder[jpt_posts]
    by_loyalty = int(np.count_nonzero(~merit))
    to_non_job = int(np.count_nonzero(sidelined))
    return CareerOutcome(
        promoted=promoted,
        demoted=promoted,
        senior_merit=float(world.competence[senior].mean()),
        loyalist_share=loyalists / promoted if promoted else float("nan"),
        on_merit=int(np.count_nonzero(merit)),
        by_loyalty=by_loyalty,
        demoted_by_loyalty=by_loyalty - to_non_job,
        to_non_job=to_non_job,
        jpt_loyalists=float(loyal[jpt].mean()),
        jpt_on_merit=float((world.placed_by[jpt_posts] == PLACED_ON_MERIT).mean()),
        jpt_competence=float(world.competence[jpt].mean()),
        moves=Moves(post, newcomer, out, merit, sidelined),
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
    score: np.ndarray,
) -> np.ndarray:
    """Position in its shortlist of who takes each post, or ``NO_ONE`` (the holder stays).

    On merit: the most competent, if more competent than the holder. Otherwise the
    patron's choice: the best ``score``, if it scores above the holder.
    """
    holder = world.holder[posts]
    people = world.holder[shortlists]
    by_merit = _better(world.competence, holder, people)
    by_patron = _better(score, holder, people)
    return np.where(on_merit, by_merit, by_patron)


def _better(measure: np.ndarray, holder: np.ndarray, people: np.ndarray) -> np.ndarray:
    """Position of the shortlist's best by ``measure`` where it beats the holder, else NO_ONE."""
    value = measure[people]
    best = np.argmax(value, axis=1)
    top = value[np.arange(best.size), best]
    return np.where(top > measure[holder], best, NO_ONE)


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


def regional_jpt(params: Params) -> bool:
    """Whether the career round's patron fills JPT posts: when the regional head appoints
    them, or in a Pemilu (the patron is then the national incumbent's side)."""
    return params.careers.jpt_appointment == "region" or params.election.kind == "pemilu"


def jpt_lever(race: Race, params: Params) -> float:
    """Factor on a JPT's career stake in the PPK's side, by who appoints JPT (ODD 7.14).

    1 when the regional head appoints them. With ``jpt_appointment=president``: 0 in a
    Pilkada (the regional candidates have no lever over JPT careers); in a Pemilu the
    President's side holds it with ``president_leverage`` instead of the PPK's leverage
    (``race.leverage``), so the stake is scaled by their ratio (0 if that leverage is 0).
    """
    if params.careers.jpt_appointment == "region":
        return 1.0
    if params.election.kind == "pilkada" or race.leverage <= 0:
        return 0.0
    return params.careers.president_leverage / race.leverage


def rank_stakes(params: Params, race: Race) -> np.ndarray:
    """(ranks,) float64: each rank's career stake in the PPK's side (``careers.stakes``),
    the JPT's scaled by ``jpt_lever``."""
    stakes = np.asarray(params.careers.stakes.by_rank(), dtype=np.float64)
    stakes[Rank.JPT] *= jpt_lever(race, params)
    return stakes


def purge_fear(world: World, params: Params, race: Race) -> np.ndarray:
    """(N,) weight of the fear of a purge: the career loss of not backing the winner.

    ``purge_severity`` x the believed loyalty payoff x stake, for holders of the posts
    a winner can take away (JPT and administrators). Not backing candidate c loses
    this x W_c; in the logit choice that is the same as adding it x W_c to backing c
    (the loss falls on the neutral and on c's rivals alike), so the weekly choice
    adds it to the career weight (ODD 7.2).
    """
    c = params.careers
    exposed = np.array([rank in REVIEWED for rank in Rank], dtype=np.float32)
    weight = rank_stakes(params, race).astype(np.float32) * exposed
    return (c.purge_severity * world.loyalty_payoff * weight).astype(np.float32)[world.rank]


def learn_loyalty(world: World, loyalist_share: float, memory: float) -> None:
    """After a career round: the belief in loyalty's payoff moves to what was just seen.

    ``loyalty_payoff`` <- memory x loyalty_payoff + (1 - memory) x loyalist share of
    this round's promotions (unchanged when no one was promoted).
    """
    world.loyalty_payoff = memory * world.loyalty_payoff + (1.0 - memory) * loyalist_share
