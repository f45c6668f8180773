"""The regional head's and the teams' decisions, each on a small hand-built case.

The PPK's rules (sim/model/patron.py, docs/ODD.md 7.1, 7.5, 7.9): what a civil
servant's support is worth (1 + its unit), whom it presses (worth x the chance
pressing turns one), whom it threatens and protects (value against cost, chance
1 / (1 + (cost / value) ^ (1 / noise))), whom it promotes and sidelines after the vote;
the teams' reach, promises and rival reports; who the PPK is; what pulled a backer.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.model.behaviour import Choice, act
from sim.model.campaign import (
    NEUTRAL,
    NOT_YET,
    Campaign,
    Channel,
    Motive,
    PpkKind,
    Race,
    Violation,
    new_race,
)
from sim.model.careers import career_round, loyalty_shown
from sim.model.orgchart import NO_ONE, OrgChart, Rank
from sim.model.patron import Pressing, dares, follow_up, protection_chance, unit_worth
from sim.model.teams import Teams
from sim.model.world import build_world

from .conftest import make_params
from .test_phases import CHAIN, CHAIN_RANKS, believing, tiny_race, tiny_world


def test_a_post_is_worth_one_plus_everyone_under_it():
    chart = OrgChart(rank=CHAIN_RANKS.copy(), supervisor=CHAIN.copy())
    # sekda -> JPT -> administrator -> pengawas -> two staff
    assert chart.unit_size.tolist() == [5, 4, 3, 2, 0, 0]
    world = tiny_world(make_params())
    assert unit_worth(world).tolist() == [6, 5, 4, 3, 1, 1]
    world.non_job[2] = True  # sidelined: no unit to mobilise
    assert unit_worth(world).tolist() == [6, 5, 1, 3, 1, 1]


def test_the_ppk_dares_with_chance_value_over_value_plus_cost():
    assert dares(np.array([3.0, 1.0, 0.0]), 1.0, 1.0).tolist() == pytest.approx([0.75, 0.5, 0.0])
    # less noise: sharper (value 3 against cost 1 at noise 0.5: 9 / 10)
    assert dares(np.array([3.0]), 1.0, 0.5)[0] == pytest.approx(0.9)
    assert dares(np.array([2.0, 0.0]), 0.0, 1.0).tolist() == [1.0, 0.0]  # costs nothing


# -- the follow-up decision ---------------------------------------------------------


def proven_cases(params, supporters: np.ndarray, worth: float = 1.0):
    world = build_world(params, np.random.default_rng(3))
    campaign = Campaign.start(world.size)
    campaign.backed_ppk_side[:] = supporters
    campaign.worth[:] = worth
    race = Race(
        popularity=np.full(3, 1 / 3),
        candidate_of_group=np.full(int(world.kin_group.max()) + 1, NO_ONE, dtype=np.int32),
        incumbent_runs=True,
        leverage=1.0,
    )
    return campaign, race


@pytest.mark.parametrize(("penalty", "protected"), [(1.0, 0.5), (9.0, 0.1)])
def test_a_ppk_facing_binding_enforcement_protects_less(penalty, protected):
    # supporters worth 1 (staff), leverage 1, noticed for sure: cost of inaction = penalty
    params = make_params(
        "region.civil_servants=20000",
        "patron.inaction_noticed=1",
        f"patron.inaction_penalty={penalty}",
        "enforcement.enforcement_probability=1",
    )
    campaign, race = proven_cases(params, supporters=True)
    proven = np.arange(20000)
    acts = follow_up(campaign, race, proven, params, np.random.default_rng(1))
    # protected with chance 1 / (1 + penalty): 0.5, then 0.1; n = 20,000 -> sd <= 0.0036
    assert (~acts).mean() == pytest.approx(protected, abs=0.015)
    assert np.array_equal(campaign.protected, ~acts)


def test_the_ppk_acts_at_once_on_those_who_did_not_back_its_side():
    params = make_params("patron.inaction_penalty=0", "enforcement.enforcement_probability=1")
    campaign, race = proven_cases(params, supporters=False)
    everyone = np.arange(campaign.choice.size)
    acts = follow_up(campaign, race, everyone, params, np.random.default_rng(1))
    assert acts.all() and not campaign.protected.any()


def test_a_unit_leader_is_protected_more_and_an_acting_head_protects_less():
    params = make_params("patron.inaction_noticed=1", "patron.inaction_penalty=10")
    worth = np.array([1.0, 10.0, 100.0])
    incumbent = tiny_race(leverage=1.0)
    # 1 / 11, 10 / 20, 100 / 110
    assert protection_chance(worth, incumbent, params) == pytest.approx([1 / 11, 0.5, 100 / 110])
    acting = Race(
        popularity=np.array([0.5, 0.5]),
        candidate_of_group=np.array([NO_ONE], dtype=np.int32),
        incumbent_runs=False,
        leverage=1.0,
        ppk_kind=PpkKind.ACTING,
        accountability=2.0,
    )
    # the Home Ministry's appointee weighs the cost twice: 10 / (10 + 20)
    assert protection_chance(worth, acting, params)[1] == pytest.approx(1 / 3)
    central = make_params("enforcement.central_enforcement=true")
    assert not protection_chance(worth, incumbent, central).any()


# -- whom to press and threaten -------------------------------------------------------


def pressing_case(params, leverage=1.0):
    """The tiny chain, everyone neutral and leaning alike: utility 0 for every choice."""
    world = believing(tiny_world(params), params)
    race = tiny_race(leverage=leverage)
    campaign = Campaign.start(world.size)
    pressing = Pressing.open(world, race, campaign, params)
    utility = np.zeros((3, world.size), dtype=np.float32)
    return world, campaign, pressing, utility


def test_pressure_goes_first_to_those_who_can_deliver_most():
    # Two JPT posts (the sekda, worth 6, and a JPT, worth 5): budget 1 x 2 JPT = 2; the
    # PPK presses among JPT and administrators (worth 6, 5, 4). All lean alike, so the
    # chance pressing turns one is the same and worth decides: the sekda and the JPT.
    params = make_params("patron.pressure_budget=1", "patron.threat_cost=100000")
    world, campaign, pressing, utility = pressing_case(params)
    assert pressing.budget == 2
    pressed, gain, threatened = pressing.press(
        utility, campaign.choice, np.array([0.5, 0.5]), np.random.default_rng(0)
    )
    assert pressed.tolist() == [0, 1]
    # the push is ppk_pressure x leverage / temperature; no threat at that cost
    b = params.behaviour
    assert gain == pytest.approx(np.full(2, b.ppk_pressure / b.temperature))
    assert not threatened.any()


def test_those_already_on_its_side_or_firmly_elsewhere_are_not_pressed_first():
    params = make_params("patron.pressure_budget=0.5", "patron.threat_cost=100000")
    world, campaign, pressing, utility = pressing_case(params)
    assert pressing.budget == 1
    campaign.choice[0] = 1  # the sekda already backs the PPK's side (candidate 0)
    utility[2, 1] = 30.0  # the JPT is set on candidate 1: pressure would hardly turn it
    pressed, _, _ = pressing.press(
        utility, campaign.choice, np.array([0.5, 0.5]), np.random.default_rng(0)
    )
    # worth 5 x a chance of ~e^-30 of turning it is below the administrator's 4 x ~0.4
    assert pressed.tolist() == [2]


def test_ties_in_whom_to_press_are_broken_by_the_random_stream():
    params = make_params("patron.pressure_budget=0.5", "patron.threat_cost=100000")
    world, campaign, pressing, utility = pressing_case(params)
    world.non_job[0] = True  # take the sekda out: the JPT and ...
    pressing = Pressing.open(world, tiny_race(), campaign, params)
    pressing.worth[2] = pressing.worth[1]  # ... the administrator, now equally worth
    chosen = {
        tuple(
            pressing.press(
                utility, campaign.choice, np.array([0.5, 0.5]), np.random.default_rng(seed)
            )[0].tolist()
        )
        for seed in range(20)
    }
    assert chosen == {(1,), (2,)}  # budget 1: either, by the draw


@pytest.mark.parametrize(("cost", "share"), [(0.0, 1.0), (100000.0, 0.0)])
def test_the_ppk_threatens_only_when_it_dares(cost, share):
    params = make_params(
        "patron.pressure_budget=1", "patron.threat=2", f"patron.threat_cost={cost}"
    )
    world, campaign, pressing, utility = pressing_case(params, leverage=0.5)
    win = np.array([0.6, 0.4])
    pressed, gain, threatened = pressing.press(
        utility, campaign.choice, win, np.random.default_rng(0)
    )
    assert threatened.mean() == share
    b = params.behaviour
    # a threat adds threat x leverage x stake x the PPK side's win chance / temperature
    stake = np.asarray(params.careers.stakes.by_rank())[world.rank[pressed]]
    expected = (b.ppk_pressure * 0.5 + share * 2 * 0.5 * stake * 0.6) / b.temperature
    assert gain == pytest.approx(expected, rel=1e-6)


# -- after the vote: the winner's reshuffle -----------------------------------------


def reshuffle_case(params):
    world = build_world(params, np.random.default_rng(5))
    campaign = Campaign.start(world.size)
    weeks = params.campaign_weeks
    senior = np.flatnonzero(world.rank <= Rank.ADMINISTRATOR)
    campaign.choice[:] = 1  # everyone backed the winner (candidate 0) all campaign ...
    campaign.weeks_backing[0] = weeks
    campaign.choice[senior] = 2  # ... except today's senior officials, who backed a rival
    campaign.weeks_backing[:, senior] = 0
    campaign.weeks_backing[1, senior] = weeks
    return world, campaign


def test_a_winner_with_merit_rules_at_one_does_not_purge():
    params = make_params("careers.merit_weight=1", "careers.turnover=1")
    world, campaign = reshuffle_case(params)
    before = world.competence[world.holder[world.chart.rank <= Rank.ADMINISTRATOR]].mean()
    outcome = career_round(world, campaign, 0, params, np.random.default_rng(0))
    assert outcome.promoted > 0 and outcome.on_merit == outcome.promoted
    assert outcome.by_loyalty == outcome.to_non_job == 0 and not world.non_job.any()
    assert outcome.senior_merit > before
    # every move put someone more competent in the post
    moves = outcome.moves
    assert np.all(world.competence[moves.newcomer] > world.competence[moves.moved_out])


def test_a_winner_free_of_merit_rules_sidelines_the_opponents_it_replaces():
    params = make_params("careers.merit_weight=0", "careers.turnover=1", "careers.loyalty_weight=1")
    world, campaign = reshuffle_case(params)
    jpt_before = world.holder[world.chart.rank == Rank.JPT].copy()
    outcome = career_round(world, campaign, 0, params, np.random.default_rng(0))
    # loyalty alone scores. JPT posts come first and are filled from administrators, all
    # opponents then: no one scores above the holders, who stay. Each administrator post
    # goes to a loyal pengawas, and its holder, an opponent, is sidelined.
    assert np.array_equal(world.holder[world.chart.rank == Rank.JPT], jpt_before)
    assert np.all(campaign.choice[world.holder[world.chart.rank == Rank.ADMINISTRATOR]] == 1)
    administrators = int((world.chart.rank == Rank.ADMINISTRATOR).sum())
    assert outcome.on_merit == 0 and outcome.to_non_job == outcome.promoted == administrators
    assert outcome.jpt_loyalists == 0.0 and outcome.jpt_on_merit == 0.0


def test_loyalty_shown_counts_early_weeks_and_weeks_for_a_rival_against():
    campaign = Campaign.start(3, candidates=2)
    campaign.weeks_backing[0] = [10, 4, 0]
    campaign.weeks_backing[1] = [0, 2, 10]
    assert loyalty_shown(campaign, 0, 10).tolist() == pytest.approx([1.0, 0.2, -1.0])


def test_a_sidelined_official_presses_no_one_and_cannot_use_its_unit():
    params = make_params("behaviour.activity=1")
    world = believing(tiny_world(params), params)
    world.non_job[3] = True  # the pengawas over the two staff
    choice = Choice.open(world, tiny_race(), world.ties(), params)
    campaign = Campaign.start(world.size)
    campaign.choice[3] = 1  # it backs candidate 0
    got = choice.utilities(world, campaign, np.array([0.5, 0.5]))
    free = Choice.open(believing(tiny_world(params), params), tiny_race(), world.ties(), params)
    usual = free.utilities(believing(tiny_world(params), params), campaign, np.array([0.5, 0.5]))
    # staff 4 and 5 feel no pressure from it toward candidate 0
    assert got[1, 4] == pytest.approx(usual[1, 4] - params.behaviour.supervisor_pressure / 1.0)
    campaign.choice[:] = NEUTRAL
    campaign.choice[3] = 1
    authority = (Violation.MOBILISING_SUBORDINATES, Violation.STATE_FACILITIES)
    for seed in range(50):
        act(world, campaign, params, np.random.default_rng(seed))
        assert campaign.act[3] != NOT_YET and campaign.act[3] not in authority


# -- candidates' teams ---------------------------------------------------------------


def test_a_team_reaches_its_share_and_promises_a_post_worth_its_chances():
    params = make_params("region.civil_servants=20000", "teams.reach=0.1", "teams.promise=4")
    world = build_world(params, np.random.default_rng(0))
    race = tiny_race()
    stake = np.zeros(world.size)
    teams = Teams.open(world, race, stake, params)
    campaign = Campaign.start(world.size, 2)
    teams.recruit(1, campaign, np.random.default_rng(2))
    reached = np.flatnonzero(campaign.promised[1])
    # 20,000 x 0.1 contacts with civil servants drawn at random: each reached with chance
    # 1 - e^-0.1 = 9.5%; sd of the share 0.002
    assert reached.size / world.size == pytest.approx(1 - np.exp(-0.1), abs=0.008)
    assert not campaign.promised[0].any()
    b = params.behaviour
    rank_stake = np.asarray(params.careers.stakes.by_rank())[world.rank]
    # the career weight of candidate 1 now carries the promise for those reached
    expected = 4 / b.temperature * rank_stake[reached]
    assert teams.career[1, reached] == pytest.approx(expected, rel=1e-6)
    assert not teams.career[0].any()


def test_challengers_report_only_the_ppk_sides_acting_backers():
    # Bawaslu able to take on every report (rivals' reports go through it, ODD 7.4)
    params = make_params(
        "teams.rival_reports=1", "region.civil_servants=2000", "enforcement.bawaslu_capacity=1000"
    )
    world = build_world(params, np.random.default_rng(0))
    teams = Teams.open(world, tiny_race(), np.zeros(world.size), params)
    campaign = Campaign.start(world.size, 2)
    campaign.choice[:1000] = 1  # the PPK's side
    campaign.choice[1000:] = 2
    campaign.act[:] = Violation.SOCIAL_MEDIA  # fully visible
    campaign.acting = np.arange(world.size)
    teams.report(0, campaign, 3, params, np.random.default_rng(0))  # the PPK's own team
    assert (campaign.reported_week == NOT_YET).all()
    teams.report(1, campaign, 3, params, np.random.default_rng(0))
    assert np.all(campaign.channel[:1000] == Channel.RIVAL)
    assert np.all(campaign.reported_week[1000:] == NOT_YET)
    assert np.array_equal(campaign.queue, np.arange(1000))  # into the verifier's queue


# -- who the PPK is -------------------------------------------------------------------


def test_the_ppks_kind_is_drawn_from_its_shares():
    params = make_params(
        "region.ppk_kind.incumbent=0.5",
        "region.ppk_kind.successor=0.2",
        "region.ppk_kind.acting=0.3",
        "election.acting_leverage=0.4",
        "patron.acting_accountability=3",
    )
    rng = np.random.default_rng(0)
    races = [new_race(np.empty(0, dtype=np.int64), 50, params, rng) for _ in range(4000)]
    kinds = np.bincount([r.ppk_kind for r in races], minlength=3) / 4000
    # sd of each share at n = 4,000 is at most 0.008
    assert kinds == pytest.approx([0.5, 0.2, 0.3], abs=0.03)
    for race in races:
        assert race.incumbent_runs == (race.ppk_kind == PpkKind.INCUMBENT)
        if race.ppk_kind == PpkKind.ACTING:
            assert race.leverage == 0.4 and race.accountability == 3
        else:
            assert race.accountability == 1


def test_shares_of_ppk_kinds_must_add_up_to_one():
    from sim.model.parameters import ConfigError

    with pytest.raises(ConfigError, match="region.ppk_kind adds up to 1.2"):
        make_params("region.ppk_kind.acting=0.2")


# -- what pulled a backer ------------------------------------------------------------


def test_a_backers_motive_is_the_largest_part_of_its_pull():
    params = make_params(
        "behaviour.kin_loyalty=3", "behaviour.norm_weight=0", "behaviour.supervisor_pressure=0"
    )
    world = believing(tiny_world(params), params)
    race = tiny_race(tied=(NO_ONE, 1, NO_ONE, NO_ONE))  # kin group 1 (civil servants 1, 2) -> c1
    choice = Choice.open(world, race, world.ties(), params)
    campaign = Campaign.start(world.size, 2)
    choice.utilities(world, campaign, np.array([0.5, 0.5]))
    choice.utility[:] = -50.0  # everyone neutral but civil servants 1 and 3 ...
    choice.utility[0] = 0.0
    choice.utility[2, 1] = 50.0  # ... 1 backs c1 (kin 3 against career 6 x 0.7 x 1 x 0.5)
    choice.utility[1, 3] = 50.0  # 3 backs c0: career only (a pengawas outside the kin)
    choice.draw(campaign, np.random.default_rng(0))
    assert campaign.choice.tolist() == [0, 2, 0, 1, 0, 0]
    # 1: career 5.5 x 0.7 x 1 x 0.5 = 1.925 + purge; kin 3 / temperature: kin is the most
    assert campaign.motive[1] == Motive.KIN and campaign.motive[3] == Motive.CAREER
    assert campaign.motives[3] == 1 << Motive.CAREER
    assert campaign.motive[[0, 2, 4, 5]].tolist() == [-1, -1, -1, -1]


# -- the agents that decide ----------------------------------------------------------


def test_the_regional_head_and_the_teams_step_and_leave_what_they_did_to_be_read():
    from sim.model.model import PatronageModel

    model = PatronageModel(make_params("teams.reach=0.5", "patron.threat_cost=0"))
    model.step()
    head = model.regional_head
    # budget 1 x 2 JPT posts: two officials pressed, each threatened (threats cost nothing)
    assert head.pressed.size == 2 and np.array_equal(head.threatened, head.pressed)
    agents = model.civil_servants_by_index
    assert {a.index for a in agents if a.pressed_this_week} == set(head.pressed.tolist())
    assert all(agents[i].threatened_this_week for i in head.threatened)
    assert all(agents[i].rank <= Rank.ADMINISTRATOR for i in head.pressed)
    assert model.week_rows[-1]["pressed"] == 2 and model.week_rows[-1]["threatened"] == 2
    reached = model.candidates[1].reached
    assert reached.size > 0 and np.array_equal(reached, np.flatnonzero(model.campaign.promised[1]))
    assert head.kind == PpkKind.INCUMBENT or not model.race.incumbent_runs
    while model.running:
        model.step()
    moves = head.last_reshuffle
    assert moves is not None and moves.post.size == model.cycle_rows[-1]["promoted"]
