"""Each phase of the weekly step does what its rule says, on small hand-built cases."""

from __future__ import annotations

import numpy as np
import pytest

from sim.model.behaviour import Choice, act, logit_draw
from sim.model.campaign import NEUTRAL, NOT_YET, Campaign, Channel, Race, Violation
from sim.model.careers import career_round
from sim.model.election import vote, win_chances
from sim.model.enforcement import detect, sanction, verify
from sim.model.orgchart import NO_ONE, OrgChart, Rank
from sim.model.perception import learn_fixed, refresh, set_prior, tally_levels
from sim.model.world import World, build_world

from .conftest import make_params


def world_and_race(params, seed=1, leverage=1.0):
    rng = np.random.default_rng(seed)
    world = build_world(params, rng)
    set_prior(world, params)
    groups = int(world.kin_group.max()) + 1
    race = Race(
        popularity=np.full(3, 1 / 3),
        candidate_of_group=np.full(groups, NO_ONE, dtype=np.int32),
        incumbent_runs=True,
        leverage=leverage,
    )
    return world, race, Campaign.start(world.size), rng


def everyone_acting(campaign, kind=Violation.SOCIAL_MEDIA):
    campaign.choice[:] = 1
    campaign.act[:] = kind


# -- solicit and decide: the weekly choice on a hand-built region ----------------
#
# Six posts in one line of command: the sekda (JPT) -> a JPT -> an administrator ->
# a pengawas -> two staff (functional, pelaksana); civil servant i holds post i.
# Kin: {1, 2} and {3, 4}. Every number below is worked out by hand from ODD 7.1-7.2.

CHAIN = np.array([NO_ONE, 0, 1, 2, 3, 3], dtype=np.int32)
CHAIN_RANKS = np.array([0, 0, 1, 2, 3, 4], dtype=np.int8)


def tiny_world(params) -> World:
    n = CHAIN.size
    people = np.arange(n, dtype=np.int64)
    world = World(
        chart=OrgChart(rank=CHAIN_RANKS.copy(), supervisor=CHAIN.copy()),
        holder=people.copy(),
        post_of=people.copy(),
        kin_group=np.array([0, 1, 1, 2, 2, 3], dtype=np.int32),
        kin=np.array([[1, 2], [3, 4]]),
        integrity_z=np.array([0.0, 1.0, -1.0, 0.5, 0.0, 2.0]),
        knowledge_rank=np.array([0.1, 0.2, 0.3, 0.4, 0.99, 0.5]),  # 4 does not know the rules
        risk_attitude=np.array([1.0, 2.0, 1.0, 0.5, 1.0, 1.0]),
        competence=np.zeros(n),
        punished_seen=np.full(n, 1.0),
        unpunished_seen=np.full(n, 3.0),  # perceived certainty 0.25 for everyone
        promoted=np.zeros(n, dtype=np.int32),
        demoted=np.zeros(n, dtype=np.int32),
        times_sanctioned=np.zeros(n, dtype=np.int32),
        loyalty_payoff=0.5,
        # one medium sanction seen by everyone: perceived severity 1 (a medium sanction)
        levels_seen=np.outer([0.0, 0.0, 1.0, 0.0], np.ones(n)),
    )
    tally_levels(world, np.asarray(params.enforcement.ladder.disutilities()))
    return world


def believing(world: World, params) -> World:
    """``world`` with its beliefs brought up to date (``sim.model.perception.refresh``)."""
    refresh(world, Campaign.start(world.size), params, 0)
    return world


def tiny_race(leverage=1.0, tied=(NO_ONE, 1, NO_ONE, NO_ONE)) -> Race:
    return Race(
        popularity=np.array([0.5, 0.5]),
        candidate_of_group=np.array(tied, dtype=np.int32),
        incumbent_runs=True,
        leverage=leverage,
    )


HAND = (
    "behaviour.integrity=4",
    "behaviour.integrity_spread=2",
    "behaviour.inertia=1",
    "behaviour.temperature=2",
    "behaviour.career_dependence=6",
    "behaviour.supervisor_pressure=1.5",
    "behaviour.ppk_pressure=3",
    "behaviour.kin_loyalty=2.5",
    "behaviour.norm_weight=4",
    "behaviour.knowledge=0.9",
    "enforcement.sanction_strength=8",
    "enforcement.enforcement_probability=1",
    "enforcement.central_enforcement=false",
    # the PPK's cost of ignoring a recommendation: noticed for sure, at a cost of 3
    "patron.inaction_noticed=1",
    "patron.inaction_penalty=3",
    "patron.decision_noise=1",
    "careers.purge_severity=2",
    "careers.stakes.jpt=1",
    "careers.stakes.administrator=0.6",
    "careers.stakes.pengawas=0.4",
    "careers.stakes.functional=0.2",
    "careers.stakes.pelaksana=0.1",
)


def test_the_weekly_utilities_are_the_rule_worked_out_by_hand():
    params = make_params(*HAND)
    world, race = believing(tiny_world(params), params), tiny_race(leverage=0.5)
    campaign = Campaign.start(world.size)
    campaign.choice[:] = [1, NEUTRAL, 2, NEUTRAL, 2, NEUTRAL]  # last week: 0 backs c0, 2 and 4 c1
    choice = Choice.open(world, race, world.ties(), params)
    choice._follow(np.zeros(world.size, dtype=np.int8), campaign.choice)  # neighbours' sides
    win = np.array([0.7, 0.3])
    got = choice.utilities(world, campaign, win).astype(float)  # (choices, people)
    t = 2.0  # temperature: every utility is divided by it
    # What a supporter is worth to the PPK: 1 + the posts under its own (the chain: 6, 5,
    # 4, 3, 1, 1). The PPK protects a supporter of worth w with chance L w / (L w + 3)
    # (cost of inaction 1 x 3; decision noise 1), L = leverage 0.5.
    # civil servant 3 (pengawas, integrity z 0.5; boss 2 backs c1; neighbours 2, 4, 5):
    # neutral: 4 + 2 x 0.5 + inertia 1 (it was neutral) = 6
    assert got[0, 3] == pytest.approx(6 / t, rel=1e-6)
    # c0: career 6 x 0.5 (loyalty payoff) x 0.4 (stake) x 0.7 (win chance) = 0.84 (a pengawas
    #     fears no purge); no neighbour backs c0; sanction 0.25 (risk) x 8 x 0.5 (risk
    #     attitude) = 1, less the PPK's protection 1.5 / 4.5 = 1/3: 2/3
    assert got[1, 3] == pytest.approx((0.84 - 2 / 3) / t, rel=1e-5)
    # c1: career 6 x 0.5 x 0.4 x 0.3 = 0.36; its boss backs c1: +1.5; norm 4 x 2/3 (2 and 4
    #     of its 3 neighbours back c1); sanction 1, unshielded
    assert got[2, 3] == pytest.approx((0.36 + 1.5 + 4 * 2 / 3 - 1) / t, rel=1e-5)
    # civil servant 1 (a JPT under the sekda; neighbours 0 and 2, 2 also its kin; kin tied
    # to c1; risk attitude 2, so a sanction costs 0.25 x 8 x 2 = 4; worth 5):
    # c0: career 6 x 0.5 x 1 x 0.7 = 2.1 and fear of a purge 2 x 0.5 x 1 x 0.7 = 0.7; the
    #     sekda backs c0: +1.5; norm 4 x 1/2; sanction 4 less protection 2.5 / 5.5: 4 x 6/11
    assert got[1, 1] == pytest.approx((2.1 + 0.7 + 1.5 + 2 - 24 / 11) / t, rel=1e-5)
    # c1: career 6 x 0.5 x 1 x 0.3 = 0.9, purge 2 x 0.5 x 1 x 0.3 = 0.3; kin +2.5; norm
    #     4 x 1/2 (civil servant 2); sanction 4
    assert got[2, 1] == pytest.approx((0.9 + 0.3 + 2.5 + 2 - 4) / t, rel=1e-5)
    # civil servant 4 does not know the rules, so expects no sanction; it backed c1 last week
    # (inertia +1); career 6 x 0.5 x 0.2 x 0.3 = 0.18; its only neighbour, 3, is neutral
    assert got[2, 4] == pytest.approx((0.18 + 1) / t, rel=1e-5)
    assert got[0, 4] == pytest.approx(4 / t, rel=1e-6)  # integrity 4, no inertia


def test_central_enforcement_removes_the_protection_discount():
    race = tiny_race()
    costs = []
    for central in ("false", "true"):
        params = make_params(*HAND, f"enforcement.central_enforcement={central}")
        world = believing(tiny_world(params), params)
        choice = Choice.open(world, race, world.ties(), params)
        campaign = Campaign.start(world.size)
        got = choice.utilities(world, campaign, np.array([0.5, 0.5])).astype(float)
        costs.append(got[2, 3] - got[1, 3])  # c1 less c0, for civil servant 3
    # 3's sanction is 0.25 x 8 x 0.5 = 1; on the PPK's side (c0) the PPK would protect it
    # (worth 3, leverage 1) with chance 3 / (3 + 3) unless sanctions are central: c0 loses
    # 0.5 / temperature 2
    assert costs[1] - costs[0] == pytest.approx(0.5 / 2, rel=1e-5)


def test_in_a_pemilu_only_the_ppks_side_carries_a_career_gain():
    params = make_params(*HAND, "election.kind=pemilu")
    world, race = believing(tiny_world(params), params), tiny_race(leverage=0.5)
    choice = Choice.open(world, race, world.ties(), params)
    got = choice.utilities(world, Campaign.start(world.size), np.array([0.1, 0.9])).astype(float)
    # civil servant 5 (pelaksana, worth 1): c0 gets 6 x 0.5 x 0.1 x leverage 0.5, c1 nothing;
    # sanctions: c1 0.25 x 8 = 2; c0 2 less protection 0.5 / (0.5 + 3) = 1/7: 12/7
    assert got[1, 5] == pytest.approx((0.15 - 12 / 7) / 2, rel=1e-5)
    assert got[2, 5] == pytest.approx(-2 / 2, rel=1e-5)


def test_logit_draw_picks_with_softmax_probabilities():
    n = 200_000
    utility = np.tile(np.log([0.5, 0.3, 0.2]).astype(np.float32)[:, None], (1, n))
    uniform = np.random.default_rng(0).random(n, dtype=np.float32)
    below, top = np.empty((2, n), dtype=bool), np.empty(n, dtype=np.float32)
    counts = np.bincount(logit_draw(utility, uniform, below, top), minlength=3) / n
    # binomial sd at n=200,000 is at most 0.0011: 0.005 is over 4 sd
    assert counts == pytest.approx([0.5, 0.3, 0.2], abs=0.005)


def decided(params, pull_to=None):
    """Choices after one week from everyone neutral, on the small region."""
    world, race, campaign, rng = world_and_race(params)
    refresh(world, campaign, params, 0)
    choice = Choice.open(world, race, world.ties(), params)
    if pull_to is not None:
        choice.pull[pull_to] += 20.0
    choice.decide(world, campaign, np.full(race.candidates, 1 / race.candidates), rng)
    return campaign


def test_no_one_takes_sides_when_integrity_outweighs_everything():
    params = make_params("behaviour.integrity=20", "behaviour.integrity_spread=0")
    assert np.all(decided(params).choice == NEUTRAL)


def test_a_strong_pull_makes_civil_servants_back_that_candidate():
    params = make_params("behaviour.integrity=0", "behaviour.integrity_spread=0")
    campaign = decided(params, pull_to=2)
    assert np.all(campaign.choice == 3)
    assert not campaign.backed_ppk_side.any()


def test_higher_expected_sanction_means_fewer_take_sides():
    shares = []
    for strength in ("0", "10"):
        params = make_params(
            f"enforcement.sanction_strength={strength}",
            "behaviour.integrity=1",
            "perception=fixed",  # a perceived risk of 0.3: a sanction that matters
        )
        shares.append((decided(params).choice != NEUTRAL).mean())
    assert shares[1] < shares[0] - 0.2


# -- act -----------------------------------------------------------------------


def test_only_backers_act_and_only_unit_leaders_misuse_authority(small, rng):
    params = make_params("behaviour.activity=1")
    world, race, campaign, _ = world_and_race(params)
    campaign.choice[::2] = 1
    for _ in range(50):
        first = act(world, campaign, params, rng)
        assert np.all(campaign.act[1::2] == NOT_YET)
        assert np.all(campaign.act[::2] != NOT_YET)
        authority = np.isin(
            campaign.act, [Violation.MOBILISING_SUBORDINATES, Violation.STATE_FACILITIES]
        )
        assert np.all(world.rank[authority] <= Rank.PENGAWAS)
        assert np.all(campaign.violated[first])
    assert campaign.acts.sum() == 50 * campaign.violated.sum()


# -- detect, verify, follow up, sanction ---------------------------------------


def test_no_detection_and_no_reports_means_nobody_is_reported(rng):
    params = make_params("enforcement.detection_probability=0", "enforcement.report_probability=0")
    world, race, campaign, _ = world_and_race(params)
    everyone_acting(campaign)
    detect(campaign, 0, params, rng)
    assert np.all(campaign.reported_week == NOT_YET)


ROOMY = "enforcement.bawaslu_capacity=1000"  # Bawaslu can take on every report


def test_certain_detection_reports_every_actor_once_through_the_patrol(rng):
    params = make_params("enforcement.detection_probability=1", ROOMY)
    world, race, campaign, _ = world_and_race(params)
    everyone_acting(campaign)
    detect(campaign, 0, params, rng)
    detect(campaign, 1, params, rng)  # already reported: not again
    assert np.all(campaign.reported_week == 0)
    assert np.all(campaign.channel == Channel.PATROL)
    assert np.array_equal(campaign.queue, np.arange(world.size))  # all wait for a verdict


def test_public_reports_come_in_when_patrols_miss(rng):
    params = make_params(
        "enforcement.detection_probability=0", "enforcement.report_probability=1", ROOMY
    )
    world, race, campaign, _ = world_and_race(params)
    everyone_acting(campaign)
    detect(campaign, 0, params, rng)
    assert np.all(campaign.channel == Channel.PUBLIC)


def reported_and_due(params, backs_ppk_side):
    world, race, campaign, rng = world_and_race(params)
    campaign.reported_week[:] = 0
    campaign.verdict_week[:] = 0
    campaign.backed_ppk_side[:] = backs_ppk_side
    return world, race, campaign, rng


def test_followup_probability_zero_means_no_sanctions():
    params = make_params("enforcement.enforcement_probability=0", "enforcement.proof_probability=1")
    world, race, campaign, rng = reported_and_due(params, False)
    verify(campaign, race, 0, params, rng)
    assert campaign.proven.all()
    for week in range(1, 200):
        sanction(world, campaign, week, params, rng)
    assert not campaign.sanctioned.any()


def test_a_ppk_for_whom_inaction_costs_nothing_shields_its_side_but_not_rivals():
    params = make_params(
        "enforcement.enforcement_probability=1",
        "enforcement.proof_probability=1",
        "patron.inaction_penalty=0",
    )
    world, race, campaign, rng = reported_and_due(params, np.arange(300) < 150)
    verify(campaign, race, 0, params, rng)
    scheduled = campaign.sanction_week != NOT_YET
    assert not scheduled[:150].any() and scheduled[150:].all()


def test_central_enforcement_sanctions_without_the_ppk():
    params = make_params(
        "enforcement.enforcement_probability=0",
        "enforcement.proof_probability=1",
        "patron.inaction_penalty=0",
        "enforcement.central_enforcement=true",
    )
    world, race, campaign, rng = reported_and_due(params, True)
    verify(campaign, race, 0, params, rng)
    for week in range(1, 400):
        sanction(world, campaign, week, params, rng)
    assert campaign.sanctioned.all()
    assert np.all(world.times_sanctioned == 1)


def test_the_share_proven_follows_the_proof_probability():
    shares = []
    for proof in (0.2, 0.8):
        params = make_params(f"enforcement.proof_probability={proof}")
        world, race, campaign, rng = reported_and_due(params, False)
        verify(campaign, race, 0, params, rng)
        shares.append(campaign.proven.mean())
    # 300 Bernoulli draws each: sd of a share is at most 0.029; 0.12 is over 4 sd
    assert shares == pytest.approx([0.2, 0.8], abs=0.12)


def test_sanction_levels_follow_the_ladder_mix():
    params = make_params(
        "enforcement.proof_probability=1",
        "enforcement.enforcement_probability=1",
        "enforcement.followup_delay_weeks=0",
        "region.civil_servants=20000",
    )
    world, race, campaign, rng = reported_and_due(params, False)
    verify(campaign, race, 0, params, rng)
    due = sanction(world, campaign, 1, params, rng)
    assert due.size == 20000
    shares = np.bincount(campaign.sanction_level, minlength=4) / due.size
    # n = 20,000: sd of a share at p = 0.61 is 0.0034; 0.015 is over 4 sd
    assert shares == pytest.approx([0.61, 0.01, 0.37, 0.01], abs=0.015)


# -- learn ---------------------------------------------------------------------


def test_fixed_a_sanction_nearby_raises_perceived_risk_and_impunity_lowers_it():
    fixed = make_params("perception=fixed")
    world, race, campaign, _ = world_and_race(fixed)
    adjacency = world.adjacency()
    before = world.perceived_risk.copy()
    someone = int(np.flatnonzero(world.rank == Rank.PENGAWAS)[0])
    neighbours = adjacency[someone].indices
    learn_fixed(world, adjacency, np.empty(0, int), np.array([someone]), fixed)
    after = world.perceived_risk
    assert np.all(after[neighbours] > before[neighbours]) and after[someone] > before[someone]
    untouched = np.setdiff1d(np.arange(world.size), np.append(neighbours, someone))
    assert np.array_equal(after[untouched], before[untouched])
    mid = after.copy()
    learn_fixed(world, adjacency, np.array([someone]), np.empty(0, int), fixed)
    assert np.all(world.perceived_risk[neighbours] < mid[neighbours])


# -- vote and careers ----------------------------------------------------------


def test_mobilised_civil_servants_can_swing_the_vote(rng):
    params = make_params("election.mobilised_votes=1000", "election.vote_noise=0.001")
    world, race, campaign, _ = world_and_race(params)
    campaign.choice[:] = 3
    assert vote(race, campaign, params, rng).winner == 2
    assert win_chances(race, campaign, params)[2] > 0.99


def test_merit_decides_every_post_when_merit_weight_is_one(rng):
    params = make_params("careers.merit_weight=1", "careers.turnover=1")
    world, race, campaign, _ = world_and_race(params)
    senior = world.rank <= Rank.ADMINISTRATOR
    before = world.competence[senior].mean()
    campaign.choice[:] = 1  # all loyal: loyalty would change nothing
    outcome = career_round(world, campaign, 0, params, rng)
    assert outcome.promoted > 0 and outcome.senior_merit > before


def test_loyalty_replaces_opponents_with_loyalists(rng):
    params = make_params("careers.merit_weight=0", "careers.turnover=1", "careers.shortlist=100")
    world, race, campaign, _ = world_and_race(params)
    jpt = np.flatnonzero(world.rank == Rank.JPT)
    campaign.choice[:] = 1  # everyone backs candidate 0 all campaign ...
    campaign.weeks_backing[0] = params.campaign_weeks
    campaign.choice[jpt] = 2  # ... except today's JPT, who backed candidate 1 throughout
    campaign.weeks_backing[:, jpt] = 0
    campaign.weeks_backing[1, jpt] = params.campaign_weeks
    outcome = career_round(world, campaign, 0, params, rng)
    # each JPT gives way to a loyal administrator and, moved to that administrator
    # post, gives way again to a loyal pengawas; the winner sidelines them as opponents
    assert np.all(campaign.choice[world.rank <= Rank.ADMINISTRATOR] == 1)
    assert np.all(world.demoted[jpt] == 2)
    assert np.all(world.non_job[jpt]) and world.non_job.sum() == jpt.size
    assert outcome.to_non_job == 2 * jpt.size and outcome.on_merit == 0
