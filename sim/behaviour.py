"""How civil servants are drawn into a campaign: solicit, decide, act.

Each function is one phase of the weekly step and works on whole arrays.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .campaign import NEEDS_AUTHORITY, NEUTRAL, NOT_YET, Campaign, Race, Violation
from .config import Params
from .world import NO_ONE, Rank, World


def solicit(world: World, race: Race, campaign: Campaign, params: Params) -> np.ndarray:
    """Pull toward each candidate from the PPK, supervisors and candidates' kin teams.

    Returns an (N, C) array: the PPK presses its JPT toward its own side,
    every supervisor presses subordinates toward the side it backs, and each
    candidate's team reaches the civil servants of the kin groups tied to it.
    """
    b = params.behaviour
    n, c = world.size, race.candidates
    pull = np.zeros((n, c))
    supervisor = world.supervisor
    has_supervisor = supervisor != NO_ONE
    supervisor_choice = campaign.choice[np.where(has_supervisor, supervisor, 0)]
    pressed = np.flatnonzero(has_supervisor & (supervisor_choice != NEUTRAL))
    pull[pressed, supervisor_choice[pressed] - 1] += b.supervisor_pressure
    jpt = world.rank == Rank.JPT
    pull[jpt, race.ppk_side] += b.ppk_pressure * race.leverage
    tied = race.candidate_of_group[world.kin_group]
    kin = np.flatnonzero(tied != NO_ONE)
    pull[kin, tied[kin]] += b.kin_loyalty
    return pull


def share_of_neighbours(adjacency: sp.csr_matrix) -> sp.csr_matrix:
    """Row-normalised adjacency: multiplying it by a 0/1 vector gives neighbour shares."""
    degree = np.asarray(adjacency.sum(axis=1)).ravel()
    return sp.diags(1.0 / np.maximum(degree, 1.0)) @ adjacency


def neighbours_backing(shares: sp.csr_matrix, campaign: Campaign, candidates: int) -> np.ndarray:
    """(N, C) share of each civil servant's neighbours backing each candidate.

    ``shares`` is ``share_of_neighbours(adjacency)``, computed once a cycle.
    """
    backing = np.zeros((campaign.choice.size, candidates))
    on_side = np.flatnonzero(campaign.choice != NEUTRAL)
    backing[on_side, campaign.choice[on_side] - 1] = 1.0
    return shares @ backing


def career_gain(world: World, race: Race, win_chance: np.ndarray, params: Params) -> np.ndarray:
    """(N, C) expected career gain of backing each candidate.

    In a Pilkada the winner becomes the PPK and fills posts, so the gain is
    stake x chance of winning. In a Pemilu the sitting PPK stays and rewards
    its own side only, with the weaker leverage a national race gives it.
    Either way the gain is worth only as much as loyalty is believed to
    decide promotions (``world.loyalty_payoff``, learned from career rounds).
    """
    stake = np.asarray(params.careers.stakes())[world.rank]
    weight = params.behaviour.career_dependence * world.loyalty_payoff
    if params.election.kind == "pemilu":
        side = np.zeros(race.candidates)
        side[race.ppk_side] = race.leverage
        return weight * stake[:, None] * side[None, :]
    return weight * stake[:, None] * win_chance[None, :]


def expected_sanction(world: World, race: Race, params: Params) -> np.ndarray:
    """(N, C) sanction a civil servant expects for backing each candidate.

    Perceived risk x sanction strength x risk attitude, for those who know
    the rules; backing the PPK's side is discounted by the protection the
    PPK can give, unless sanctions are applied centrally.
    """
    e = params.enforcement
    knows = world.knowledge_rank < params.behaviour.knowledge
    base = knows * world.risk_attitude * world.perceived_risk * e.sanction_strength
    shield = np.ones(race.candidates)
    if not e.central_enforcement:
        shield[race.ppk_side] = 1.0 - e.patron_protection * race.leverage
    return base[:, None] * shield[None, :]


def decide(
    world: World,
    race: Race,
    campaign: Campaign,
    pull: np.ndarray,
    norm: np.ndarray,
    win_chance: np.ndarray,
    params: Params,
    rng: np.random.Generator,
) -> None:
    """Each civil servant stays neutral or backs a candidate (a logit choice).

    Backing candidate c is worth career gain + pull (pressure and kin) +
    the norm among neighbours - the expected sanction; staying neutral is
    worth one's integrity. Keeping last week's choice is worth ``inertia``.
    """
    b = params.behaviour
    n, c = world.size, race.candidates
    utility = np.empty((n, c + 1))
    utility[:, 0] = b.integrity + b.integrity_spread * world.integrity_z
    utility[:, 1:] = (
        career_gain(world, race, win_chance, params)
        + pull
        + b.norm_weight * norm
        - expected_sanction(world, race, params)
    )
    utility[np.arange(n), campaign.choice] += b.inertia
    campaign.choice[:] = logit_choice(utility / b.temperature, rng)
    campaign.backed_ppk_side |= campaign.choice == race.ppk_side + 1


def logit_choice(scaled_utility: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Column drawn in each row with probability softmax(row): one uniform per row."""
    weights = np.exp(scaled_utility - scaled_utility.max(axis=1, keepdims=True))
    cumulative = np.cumsum(weights, axis=1)
    draw = rng.random(scaled_utility.shape[0]) * cumulative[:, -1]
    choice = (cumulative < draw[:, None]).sum(axis=1)
    return np.minimum(choice, scaled_utility.shape[1] - 1).astype(np.int8)


def type_cumulative(params: Params, with_authority: bool) -> np.ndarray:
    """Cumulative shares of the violation types a backer commits (``violation_propensity``).

    Without authority (no unit to lead) the types that need it are left out.
    """
    propensity = np.asarray(params.behaviour.violation_propensity.weights())
    if not with_authority:
        propensity = np.where(NEEDS_AUTHORITY, 0.0, propensity)
    return np.cumsum(propensity / propensity.sum())


def act(world: World, campaign: Campaign, params: Params, rng: np.random.Generator) -> np.ndarray:
    """Backers commit violations of typed visibility; returns who became a violator.

    A backer acts in a given week with probability ``activity``; mobilising
    subordinates and using state facilities are open only to officials who
    lead a unit (JPT, administrator, pengawas).
    """
    campaign.act[:] = NOT_YET
    backer = campaign.choice != NEUTRAL
    acting = np.flatnonzero(backer & (rng.random(backer.size) < params.behaviour.activity))
    draw = rng.random(acting.size)
    leads = world.rank[acting] <= Rank.PENGAWAS
    kinds = np.where(
        leads,
        np.searchsorted(type_cumulative(params, True), draw, side="right"),
        np.searchsorted(type_cumulative(params, False), draw, side="right"),
    )
    kinds = np.minimum(kinds, len(Violation) - 1)
    campaign.act[acting] = kinds
    campaign.acts += np.bincount(kinds, minlength=len(Violation))
    first = acting[~campaign.violated[acting]]
    campaign.violated[acting] = True
    return first
