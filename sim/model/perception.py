"""What civil servants believe about sanctions: their certainty and severity (ODD 7.7, 7.10).

Three rules, chosen by ``perception.kind`` (the configuration group ``perception``):

- ``learned`` (the default): Bayesian counts. Certainty is a Beta belief held as two
  pseudo-counts per civil servant, cases seen end in a sanction (``World.punished_seen``)
  and cases seen end without one (``World.unpunished_seen``); severity is a Dirichlet
  belief over the four levels of the ladder (``World.levels_seen``). Both move with what
  a civil servant receives or sees on its ties, and with the share ``news_reach`` of the
  region's cases everyone hears of (held once for the region, ``World.heard``). The first
  belief is the enforcement record's objective certainty and severity, worth
  ``prior_weight`` cases; between cycles the counts are discounted by ``memory``.
- ``informed``: everyone knows the current objective certainty (``objective_certainty``)
  and severity, recomputed every week: the rational-expectations benchmark.
- ``fixed``: the rule before issue 12, kept to compare results (``learn_fixed``).

``refresh`` keeps ``World.certainty``, ``World.severity`` and their product
``World.sanction_belief`` current; the weekly choice reads the product
(``sim.model.behaviour.Choice.sanction_cost``).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .campaign import NEEDS_AUTHORITY, NOT_YET, VISIBILITY, Campaign
from .enforcement import WEEKS_BETWEEN_ELECTIONS, bawaslu_rate, verifier_rate
from .orgchart import Rank
from .parameters import Params
from .world import Ties, World, neighbours_of

SANCTIONED, UNSANCTIONED = 0, 1
"""Rows of ``World.heard``: cases heard of in the news; rows 2-5 are the ladder's levels."""


# -- the objective values (informed, and the first prior of learned) -----------------


def type_shares(params: Params, leads_a_unit: bool) -> np.ndarray:
    """Shares of the violation types a backer commits (``behaviour.violation_propensity``)."""
    weights = np.asarray(params.behaviour.violation_propensity.weights())
    if not leads_a_unit:
        weights = np.where(NEEDS_AUTHORITY, 0.0, weights)
    return weights / weights.sum()


def objective_certainty(
    params: Params, bawaslu_share: float = 1.0, decided_share: float = 1.0
) -> np.ndarray:
    """Chance that backing a side through the campaign ends in a sanction: [staff, unit leader].

    Per week a backer acts with chance ``activity``, an act of type k (visibility v_k) is
    reported with chance d v_k + (1 - d v_k) p v_k (patrol, else the public), of which
    Bawaslu takes on ``bawaslu_share``; over the campaign's T weeks it is reported with
    chance 1 - (1 - h)^T. A report is proven with ``proof_probability``, followed up with
    ``enforcement_probability`` (1 when BKN sanctions centrally or a binding body
    sanctions what the PPK leaves), and decided at all with
    ``decided_share`` (the verifier's queue). The PPK's protection of its own side is the
    choice's shield (``Choice.shield``), applied on top, as for every rule.
    """
    e, b = params.enforcement, params.behaviour
    per_act = e.detection_probability * VISIBILITY
    per_act = per_act + (1.0 - per_act) * e.report_probability * VISIBILITY
    sanctioned_anyway = e.central_enforcement or params.oversight.binding
    follow_up = 1.0 if sanctioned_anyway else e.enforcement_probability
    certainty = np.empty(2)
    for leads in (False, True):
        weekly = b.activity * float(type_shares(params, leads) @ per_act) * bawaslu_share
        reported = 1.0 - (1.0 - weekly) ** params.campaign_weeks
        certainty[int(leads)] = reported * e.proof_probability * follow_up * decided_share
    return certainty


def objective_severity(params: Params) -> float:
    """Expected disutility of a sanction relative to a medium one: the mix over the ladder."""
    e = params.enforcement
    return float(np.dot(e.sanction_mix.shares(), e.ladder.disutilities()))


def shares_now(campaign: Campaign, params: Params, week: int) -> tuple[float, float]:
    """(Bawaslu's share of reports taken on, share of the queue decided before the next cycle).

    Bawaslu's share is its capacity over last week's reports (1 when it kept up); the
    verifier decides its queue at its rate until the next cycle opens.
    """
    n = campaign.choice.size
    load = campaign.bawaslu_load
    rate = bawaslu_rate(params, n)
    bawaslu = 1.0 if load <= rate else rate / load
    waiting = campaign.queue.size - campaign.queue_head
    left = params.campaign_weeks - week + WEEKS_BETWEEN_ELECTIONS
    decided = 1.0 if waiting == 0 else min(1.0, verifier_rate(params, n) * left / waiting)
    return bawaslu, decided


# -- the beliefs the choice reads ------------------------------------------------------


def unit_leaders(world: World) -> np.ndarray:
    """Civil servants who lead a unit (JPT, administrator, pengawas): 0/1 as an index."""
    return (world.rank <= Rank.PENGAWAS).astype(np.intp)


def set_prior(world: World, params: Params) -> None:
    """The belief before the first cycle (``params`` of the first cycle).

    learned: mean at the objective certainty (by whether one leads a unit) and severity
    under the first cycle's enforcement settings, worth ``prior_weight`` cases, heard of
    nothing yet. fixed: ``prior_risk``, worth ``prior_weight`` cases.
    """
    p, n = params.perception, world.size
    if p.kind == "learned":
        risk = objective_certainty(params)[unit_leaders(world)]
        mix = np.asarray(params.enforcement.sanction_mix.shares())
        world.levels_seen = np.outer(mix * p.prior_weight, np.ones(n))
        ladder = np.asarray(params.enforcement.ladder.disutilities())
    else:
        risk = np.full(n, p.prior_risk)
        world.levels_seen = np.zeros((4, n))
        ladder = np.zeros(4)  # fixed: severity is not learned
    world.punished_seen = risk * p.prior_weight
    world.unpunished_seen = (1.0 - risk) * p.prior_weight
    tally_levels(world, ladder)
    world.heard = np.zeros(6)
    world.beliefs_changed = True


def tally_levels(world: World, ladder: np.ndarray) -> None:
    """The severity belief's sums, kept in step with the counts from here on (so a refresh
    need not sum the four levels of everyone): sum_l counts_l x d_l, and sum_l counts_l."""
    world.severity_seen = np.asarray(ladder, dtype=float) @ world.levels_seen
    world.levels_total = world.levels_seen.sum(axis=0)
    world.beliefs_changed = True


def refresh(world: World, campaign: Campaign, params: Params, week: int) -> None:
    """Bring ``World.certainty``, ``severity`` and ``sanction_belief`` up to date.

    Only when something was learned (learned, fixed) or every week (informed, whose
    values follow the queues). ``World.beliefs_version`` counts the updates.
    """
    kind = params.perception.kind
    if kind != "informed" and not world.beliefs_changed:
        return
    n = world.size
    if world.certainty is None or world.certainty.size != n:
        world.certainty, world.severity, world.sanction_belief = np.empty((3, n))
    if kind == "fixed":  # the earlier rule, step for step: r = pi / (pi + upsilon)
        np.add(world.punished_seen, world.unpunished_seen, out=world.certainty)
        np.divide(world.punished_seen, world.certainty, out=world.certainty)
        world.severity.fill(1.0)
        world.sanction_belief[:] = world.certainty
    elif kind == "learned":
        heard, scratch = world.heard, world.sanction_belief  # scratch until the last line
        np.add(world.punished_seen, heard[SANCTIONED], out=world.certainty)
        np.add(world.unpunished_seen, heard[UNSANCTIONED], out=scratch)
        scratch += world.certainty
        world.certainty /= scratch
        ladder = np.asarray(params.enforcement.ladder.disutilities())
        np.add(world.severity_seen, float(ladder @ heard[2:]), out=world.severity)
        np.add(world.levels_total, heard[2:].sum(), out=scratch)
        world.severity /= scratch
        np.multiply(world.certainty, world.severity, out=world.sanction_belief)
    else:
        bawaslu, decided = shares_now(campaign, params, week)
        certainty = objective_certainty(params, bawaslu, decided)
        np.take(certainty, unit_leaders(world), out=world.certainty)
        world.severity.fill(objective_severity(params))
        np.multiply(world.certainty, world.severity, out=world.sanction_belief)
    world.beliefs_changed = False
    world.beliefs_version += 1


# -- learning ------------------------------------------------------------------------


def learn(
    world: World,
    adjacency: sp.csr_matrix | Ties,
    campaign: Campaign,
    week: int,
    new_violators: np.ndarray,
    decided: np.ndarray,
    sanctioned: np.ndarray,
    params: Params,
) -> None:
    """This week's observations update beliefs, by the rule ``perception.kind`` names.

    ``new_violators``: first violations this week; ``decided``: reports given a verdict
    this week; ``sanctioned``: sanctions landed this week.
    """
    kind = params.perception.kind
    if kind == "fixed":
        learn_fixed(world, adjacency, new_violators, sanctioned, params)
    elif kind == "learned":
        learn_counts(world, adjacency, campaign, week, new_violators, decided, sanctioned, params)


def learn_counts(
    world: World,
    adjacency: sp.csr_matrix | Ties,
    campaign: Campaign,
    week: int,
    new_violators: np.ndarray,
    decided: np.ndarray,
    sanctioned: np.ndarray,
    params: Params,
) -> None:
    """Learned: each case seen counts once, as sanctioned (with its level) or unsanctioned.

    A sanction received or seen on a tie: one case sanctioned, its level counted. A
    verdict "not proven", or a violation still unsanctioned ``impunity_weeks`` after it
    was first committed (campaign weeks only; see ``close_counts``): one case
    unsanctioned, for the violator and everyone tied to it. Everyone also hears of
    ``news_reach`` of each.
    """
    if week < params.campaign_weeks:
        campaign.violated_week[new_violators] = week
        campaign.first_violators.append(new_violators)
    if sanctioned.size:
        see_sanctions(world, adjacency, sanctioned, campaign.sanction_level[sanctioned], params)
    ended = decided[~campaign.proven[decided]]
    due = week - params.perception.impunity_weeks
    if week < params.campaign_weeks and due >= 0:
        unpunished = campaign.first_violators[due]
        ended = np.union1d(ended, unpunished[~campaign.sanctioned[unpunished]])
    ended = ended[~campaign.impunity_seen[ended]]
    see_impunity(world, adjacency, campaign, ended, params)


def see_sanctions(
    world: World,
    adjacency: sp.csr_matrix | Ties,
    sanctioned: np.ndarray,
    levels: np.ndarray,
    params: Params,
) -> None:
    """Each sanction: one case sanctioned and one of its level, for it and its ties; news."""
    n = world.size
    onlookers, whose = neighbours_of(adjacency, sanctioned)
    np.add.at(world.punished_seen, onlookers, 1.0)
    world.punished_seen[sanctioned] += 1.0
    level = levels.astype(np.intp)
    flat = world.levels_seen.reshape(-1)  # level l of civil servant i at l * n + i
    np.add.at(flat, level[whose] * n + onlookers, 1.0)
    np.add.at(flat, level * n + sanctioned, 1.0)
    weight = np.asarray(params.enforcement.ladder.disutilities())[level]
    np.add.at(world.severity_seen, onlookers, weight[whose])
    world.severity_seen[sanctioned] += weight
    np.add.at(world.levels_total, onlookers, 1.0)
    world.levels_total[sanctioned] += 1.0
    reach = params.perception.news_reach
    world.heard[SANCTIONED] += reach * sanctioned.size
    world.heard[2:] += reach * np.bincount(levels, minlength=4)
    world.beliefs_changed = True


def see_impunity(
    world: World,
    adjacency: sp.csr_matrix | Ties,
    campaign: Campaign,
    ended: np.ndarray,
    params: Params,
) -> None:
    """Each case seen to end without a sanction: one case unsanctioned, for it and its ties."""
    if not ended.size:
        return
    campaign.impunity_seen[ended] = True
    onlookers, _ = neighbours_of(adjacency, ended)
    np.add.at(world.unpunished_seen, onlookers, 1.0)
    world.unpunished_seen[ended] += 1.0
    world.heard[UNSANCTIONED] += params.perception.news_reach * ended.size
    world.beliefs_changed = True


def close_counts(
    world: World, adjacency: sp.csr_matrix | Ties, campaign: Campaign, params: Params
) -> None:
    """Learned, at the close of a cycle after settlement: the impunity not yet counted.

    Every violation not yet counted as unsanctioned counts now if it is still
    unsanctioned, or if its sanction came only after its horizon (``impunity_weeks``):
    a late sanction does not erase the impunity seen before it.
    """
    if params.perception.kind != "learned":
        return
    horizon = campaign.violated_week + params.perception.impunity_weeks
    late = (campaign.sanction_week == NOT_YET) | (campaign.sanction_week > horizon)
    ended = np.flatnonzero(campaign.violated & ~campaign.impunity_seen & late)
    see_impunity(world, adjacency, campaign, ended, params)


def learn_fixed(
    world: World,
    adjacency: sp.csr_matrix | Ties,
    new_violators: np.ndarray,
    sanctioned: np.ndarray,
    params: Params,
) -> None:
    """Fixed (the earlier rule): a sanction seen nearby or received counts
    ``sanction_salience`` times as a punished case; a neighbour seen newly violating
    counts as one unpunished case at once.
    """
    salience = params.perception.sanction_salience
    # only the few who were sanctioned or newly violated this week are looked at: their
    # rows of the adjacency, not the whole matrix (``adjacency @ x`` for a sparse x)
    if sanctioned.size:
        onlookers, _ = neighbours_of(adjacency, sanctioned)
        np.add.at(world.punished_seen, onlookers, salience)
        world.punished_seen[sanctioned] += salience
        world.beliefs_changed = True
    if new_violators.size:
        onlookers, _ = neighbours_of(adjacency, new_violators)
        np.add.at(world.unpunished_seen, onlookers, 1.0)
        world.beliefs_changed = True


def forget(world: World, params: Params) -> None:
    """Carry ``memory`` of what was learned about sanctions into the next cycle.

    learned: every count (own and heard) is multiplied by ``memory``: the mean is kept,
    its weight lowered. fixed: experience fades towards the prior (``prior_risk`` worth
    ``prior_weight`` cases), which itself is kept. informed: nothing to carry.
    """
    p = params.perception
    if p.kind == "learned":
        world.punished_seen *= p.memory
        world.unpunished_seen *= p.memory
        world.levels_seen *= p.memory
        world.severity_seen *= p.memory
        world.levels_total *= p.memory
        world.heard *= p.memory
    elif p.kind == "fixed":
        prior_punished = p.prior_risk * p.prior_weight
        prior_unpunished = (1.0 - p.prior_risk) * p.prior_weight
        world.punished_seen = prior_punished + p.memory * (world.punished_seen - prior_punished)
        world.unpunished_seen = prior_unpunished + p.memory * (
            world.unpunished_seen - prior_unpunished
        )
    world.beliefs_changed = True
