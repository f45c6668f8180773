"""Each phase of the weekly step does what its rule says, on small hand-built cases."""

from __future__ import annotations

import numpy as np
import pytest

from sim.behaviour import act, decide, logit_choice, solicit
from sim.campaign import NEUTRAL, NOT_YET, Campaign, Channel, Race, Violation
from sim.election import career_round, vote, win_chances
from sim.enforcement import detect, learn, sanction, verify
from sim.world import NO_ONE, Rank, build_world

from .conftest import make_params


def world_and_race(params, seed=1, leverage=1.0):
    rng = np.random.default_rng(seed)
    world = build_world(params, rng)
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


# -- solicit -------------------------------------------------------------------


def test_a_supervisor_presses_subordinates_toward_the_side_it_backs(small):
    world, race, campaign, _ = world_and_race(small)
    boss = int(np.flatnonzero(world.rank == Rank.PENGAWAS)[0])
    campaign.choice[boss] = 3  # backs candidate 2
    pull = solicit(world, race, campaign, small)
    staff = np.flatnonzero(world.supervisor == boss)
    assert np.all(pull[staff, 2] >= small.behaviour.supervisor_pressure)
    others = np.setdiff1d(np.flatnonzero(world.rank >= Rank.FUNCTIONAL), staff)
    assert np.all(pull[others] == 0)


def test_the_ppk_presses_only_jpt_and_only_toward_its_side(small):
    world, race, campaign, _ = world_and_race(small, leverage=0.5)
    pull = solicit(world, race, campaign, small)
    jpt = world.rank == Rank.JPT
    assert np.allclose(pull[jpt, 0], small.behaviour.ppk_pressure * 0.5)
    assert np.all(pull[~jpt] == 0) and np.all(pull[:, 1:] == 0)


def test_kin_teams_reach_only_the_kin_groups_tied_to_their_candidate(small):
    world, race, campaign, _ = world_and_race(small)
    race.candidate_of_group[world.kin_group[0]] = 1
    pull = solicit(world, race, campaign, small)
    tied = world.kin_group == world.kin_group[0]
    assert np.all(pull[tied & (world.rank != Rank.JPT), 1] == small.behaviour.kin_loyalty)
    assert np.all(pull[~tied, 1] == 0)


# -- decide --------------------------------------------------------------------


def test_logit_choice_draws_with_softmax_probabilities():
    rng = np.random.default_rng(0)
    utility = np.tile(np.log([0.5, 0.3, 0.2]), (200_000, 1))
    counts = np.bincount(logit_choice(utility, rng), minlength=3) / 200_000
    # binomial sd at n=200,000 is at most 0.0011: 0.005 is over 4 sd
    assert counts == pytest.approx([0.5, 0.3, 0.2], abs=0.005)


def test_no_one_takes_sides_when_integrity_outweighs_everything(rng):
    params = make_params("behaviour.integrity=20", "behaviour.integrity_spread=0")
    world, race, campaign, _ = world_and_race(params)
    zero = np.zeros((world.size, 3))
    decide(world, race, campaign, zero, zero, np.full(3, 1 / 3), params, rng)
    assert np.all(campaign.choice == NEUTRAL)


def test_a_strong_pull_makes_civil_servants_back_that_candidate(rng):
    params = make_params("behaviour.integrity=0", "behaviour.integrity_spread=0")
    world, race, campaign, _ = world_and_race(params)
    pull = np.zeros((world.size, 3))
    pull[:, 2] = 20.0
    decide(world, race, campaign, pull, pull * 0, np.full(3, 1 / 3), params, rng)
    assert np.all(campaign.choice == 3)
    assert not campaign.backed_ppk_side.any()


def test_higher_expected_sanction_means_fewer_take_sides():
    shares = []
    for strength in ("0", "10"):
        params = make_params(f"enforcement.sanction_strength={strength}", "behaviour.integrity=1")
        world, race, campaign, rng = world_and_race(params)
        pull = np.full((world.size, 3), 1.0)
        decide(world, race, campaign, pull, pull * 0, np.full(3, 1 / 3), params, rng)
        shares.append((campaign.choice != NEUTRAL).mean())
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


def test_certain_detection_reports_every_actor_once_through_the_patrol(rng):
    params = make_params("enforcement.detection_probability=1")
    world, race, campaign, _ = world_and_race(params)
    everyone_acting(campaign)
    detect(campaign, 0, params, rng)
    detect(campaign, 1, params, rng)  # already reported: not again
    assert np.all(campaign.reported_week == 0)
    assert np.all(campaign.channel == Channel.PATROL)
    assert np.all(campaign.verdict_week == params.enforcement.verification_weeks)


def test_public_reports_come_in_when_patrols_miss(rng):
    params = make_params("enforcement.detection_probability=0", "enforcement.report_probability=1")
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


def test_full_protection_shields_the_ppk_side_but_not_rivals():
    params = make_params(
        "enforcement.enforcement_probability=1",
        "enforcement.proof_probability=1",
        "enforcement.patron_protection=1",
    )
    world, race, campaign, rng = reported_and_due(params, np.arange(300) < 150)
    verify(campaign, race, 0, params, rng)
    scheduled = campaign.sanction_week != NOT_YET
    assert not scheduled[:150].any() and scheduled[150:].all()


def test_central_enforcement_sanctions_without_the_ppk():
    params = make_params(
        "enforcement.enforcement_probability=0",
        "enforcement.proof_probability=1",
        "enforcement.patron_protection=1",
        "enforcement.central_enforcement=true",
    )
    world, race, campaign, rng = reported_and_due(params, True)
    verify(campaign, race, 0, params, rng)
    for week in range(1, 400):
        sanction(world, campaign, week, params, rng)
    assert campaign.sanctioned.all()
    assert np.all(world.times_sanctioned == 1)


def test_about_four_in_five_reports_are_proven_with_the_default():
    params = make_params()
    world, race, campaign, rng = reported_and_due(params, False)
    proven = 0
    for _ in range(20):
        campaign.proven[:] = False
        verify(campaign, race, 0, params, rng)
        proven += campaign.proven.sum()
    # 6,000 Bernoulli(0.785) draws: sd of the share is 0.0053; 0.02 is almost 4 sd
    assert proven / 6000 == pytest.approx(0.785, abs=0.02)


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


def test_a_sanction_nearby_raises_perceived_risk_and_impunity_lowers_it(small):
    world, race, campaign, _ = world_and_race(small)
    adjacency = world.adjacency()
    before = world.perceived_risk.copy()
    someone = int(np.flatnonzero(world.rank == Rank.PENGAWAS)[0])
    neighbours = adjacency[someone].indices
    learn(world, adjacency, np.empty(0, int), np.array([someone]), small)
    after = world.perceived_risk
    assert np.all(after[neighbours] > before[neighbours]) and after[someone] > before[someone]
    untouched = np.setdiff1d(np.arange(world.size), np.append(neighbours, someone))
    assert np.array_equal(after[untouched], before[untouched])
    mid = after.copy()
    learn(world, adjacency, np.array([someone]), np.empty(0, int), small)
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
    campaign.choice[:] = 1  # everyone backs candidate 0 ...
    campaign.choice[jpt] = 2  # ... except today's JPT
    career_round(world, campaign, 0, params, rng)
    # each JPT gives way to a loyal administrator and, moved to that administrator
    # post, gives way again to a loyal pengawas
    assert np.all(campaign.choice[world.rank <= Rank.ADMINISTRATOR] == 1)
    assert np.all(world.demoted[jpt] == 2)


# -- the engine's choice is the rule's choice ------------------------------------


@pytest.mark.parametrize("kind", ["pilkada", "pemilu"])
def test_the_engines_prepared_choice_gives_the_rules_utilities(kind):
    from sim.behaviour import neighbours_backing, share_of_neighbours, utility
    from sim.model import PatronageModel

    params = make_params(f"election.kind={kind}", "behaviour.temperature=0.7", "cycles=2")
    model = PatronageModel(params)
    for _ in range(14):  # into the second cycle, after a career round moved people
        model.step()
        world, race, campaign, p = model.world, model.race, model.campaign, model.cycle_params
        chances = win_chances(race, campaign, p)
        norm = neighbours_backing(share_of_neighbours(world.adjacency()), campaign, race.candidates)
        pull = solicit(world, race, campaign, p)
        plain = utility(world, race, campaign, pull, norm, chances, p) / p.behaviour.temperature
        engine = model._choice.utilities(world, campaign, chances).T
        # float32 buffers: about 7 significant digits
        np.testing.assert_allclose(engine, plain, rtol=1e-5, atol=1e-4)
