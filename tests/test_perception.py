"""Perception and capacity rules on small hand-built cases, every number worked out by hand.

The region is the six-person line of command of ``tests/test_phases.py``: the sekda (0)
-> a JPT (1) -> an administrator (2) -> a pengawas (3) -> two staff (4, 5); kin {1, 2}
and {3, 4}. So civil servant 3 is tied to 2 (its supervisor), 4 and 5 (its staff), and
5 only to 3. Everyone starts believing certainty 1 / (1 + 3) = 0.25 and having seen one
medium sanction (severity 1). The ladder is the default: moral 0.2, light 0.3, medium 1,
heavy 4.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim.model.behaviour import Choice
from sim.model.campaign import Campaign, SanctionLevel, Violation
from sim.model.enforcement import NATIONAL_CIVIL_SERVANTS, Capacity, admit, detect
from sim.model.perception import (
    close_counts,
    forget,
    learn_counts,
    objective_certainty,
    objective_severity,
    refresh,
    see_sanctions,
    set_prior,
    tally_levels,
)

from .conftest import make_params
from .test_phases import HAND, tiny_race, tiny_world

NOBODY = np.empty(0, dtype=np.int64)
LADDER = np.array([0.2, 0.3, 1.0, 4.0])


def learned(*overrides: str):
    return make_params(*HAND, "perception=learned", *overrides)


def beliefs(world, params, campaign=None, week=0):
    refresh(world, campaign or Campaign.start(world.size), params, week)
    return world.certainty.copy(), world.severity.copy()


# -- what moves a learned belief ---------------------------------------------------


def test_a_sanction_seen_raises_certainty_and_counts_its_level():
    params = learned("perception.news_reach=0.1")
    world = tiny_world(params)
    see_sanctions(world, world.ties(), np.array([3]), np.array([SanctionLevel.HEAVY]), params)
    certainty, severity = beliefs(world, params)
    seen = [2, 3, 4, 5]  # 3 itself and its ties: one case sanctioned, one heavy sanction
    assert np.array_equal(world.punished_seen[seen], [2.0] * 4)
    assert np.array_equal(world.levels_seen[SanctionLevel.HEAVY, seen], [1.0] * 4)
    kept = world.severity_seen.copy()
    tally_levels(world, LADDER)  # the sums kept in step equal the sums of the counts
    assert np.allclose(world.severity_seen, kept)
    assert np.array_equal(world.punished_seen[[0, 1]], [1.0, 1.0])
    # everyone also heard of 0.1 of it: certainty (2 + 0.1) / (2 + 0.1 + 3) for 3's circle,
    # (1 + 0.1) / (1 + 0.1 + 3) for the others
    assert certainty[seen] == pytest.approx([2.1 / 5.1] * 4)
    assert certainty[[0, 1]] == pytest.approx([1.1 / 4.1] * 2)
    # severity: one medium (1) and 1.1 heavy (4) seen, over 2.1 sanctions; the others
    # one medium and 0.1 heavy over 1.1
    assert severity[seen] == pytest.approx([(1 + 1.1 * 4) / 2.1] * 4)
    assert severity[[0, 1]] == pytest.approx([(1 + 0.1 * 4) / 1.1] * 2)


def violated_at_week_0(params, who=(3,)):
    world, campaign = tiny_world(params), Campaign.start(6)
    campaign.violated[list(who)] = True
    learn_counts(world, world.ties(), campaign, 0, np.array(who), NOBODY, NOBODY, params)
    return world, campaign


def test_impunity_counts_once_the_horizon_has_passed_and_not_before():
    params = learned("perception.news_reach=0", "perception.impunity_weeks=4")
    world, campaign = violated_at_week_0(params)
    for week in range(1, 4):  # weeks 1-3: a verdict could still come
        learn_counts(world, world.ties(), campaign, week, NOBODY, NOBODY, NOBODY, params)
        assert np.array_equal(world.unpunished_seen, [3.0] * 6)
    learn_counts(world, world.ties(), campaign, 4, NOBODY, NOBODY, NOBODY, params)
    # week 4: 3's violation is still unsanctioned: one case unsanctioned for 3 and its ties
    assert np.array_equal(world.unpunished_seen, [3, 3, 4, 4, 4, 4])
    certainty, _ = beliefs(world, params)
    assert certainty[3] == pytest.approx(1 / 5) and certainty[0] == pytest.approx(0.25)
    for week in range(5, 10):  # counted once only
        learn_counts(world, world.ties(), campaign, week, NOBODY, NOBODY, NOBODY, params)
    assert np.array_equal(world.unpunished_seen, [3, 3, 4, 4, 4, 4])


def test_a_violation_sanctioned_before_its_horizon_is_not_impunity():
    params = learned("perception.news_reach=0", "perception.impunity_weeks=4")
    world, campaign = violated_at_week_0(params)
    campaign.sanctioned[3], campaign.sanction_week[3] = True, 3
    for week in range(1, 10):
        learn_counts(world, world.ties(), campaign, week, NOBODY, NOBODY, NOBODY, params)
    close_counts(world, world.ties(), campaign, params)
    assert np.array_equal(world.unpunished_seen, [3.0] * 6)


def test_a_verdict_not_proven_is_a_case_unsanctioned_at_once_and_counted_once():
    params = learned("perception.news_reach=0.5", "perception.impunity_weeks=4")
    world, campaign = violated_at_week_0(params, who=(5,))
    campaign.verdict_week[5] = 2  # decided in week 2: not proven
    learn_counts(world, world.ties(), campaign, 2, NOBODY, np.array([5]), NOBODY, params)
    # 5 and its only tie, 3, count it; everyone hears of half of it
    assert np.array_equal(world.unpunished_seen, [3, 3, 3, 4, 3, 4])
    assert world.heard[1] == 0.5
    learn_counts(world, world.ties(), campaign, 4, NOBODY, NOBODY, NOBODY, params)
    close_counts(world, world.ties(), campaign, params)  # not again at its horizon or close
    assert np.array_equal(world.unpunished_seen, [3, 3, 3, 4, 3, 4])


def test_at_the_close_unsanctioned_and_late_sanctioned_violations_count_as_impunity():
    params = learned("perception.news_reach=0", "perception.impunity_weeks=4")
    world, campaign = violated_at_week_0(params, who=(3, 5))
    campaign.sanctioned[5], campaign.sanction_week[5] = True, 9  # after its horizon, week 4
    campaign.sanctioned[3], campaign.sanction_week[3] = True, 2  # in time
    close_counts(world, world.ties(), campaign, params)
    # 5's late sanction does not erase the impunity seen before it: 5 and 3 count one case
    assert np.array_equal(world.unpunished_seen, [3, 3, 3, 4, 3, 4])


def test_news_adds_reach_times_the_count_to_everyone():
    params = learned("perception.news_reach=0.25")
    world = tiny_world(params)
    levels = np.array([SanctionLevel.MORAL, SanctionLevel.MORAL])
    see_sanctions(world, world.ties(), np.array([0, 1]), levels, params)
    # 5 is tied to neither 0 nor 1: it only heard of a quarter of two moral sanctions
    certainty, severity = beliefs(world, params)
    assert certainty[5] == pytest.approx(1.5 / 4.5)
    assert severity[5] == pytest.approx((1 + 0.5 * 0.2) / 1.5)


def test_memory_keeps_the_mean_and_lowers_the_weight():
    params = learned("perception.memory=0.4")
    world = tiny_world(params)
    rng = np.random.default_rng(1)
    world.punished_seen = rng.random(6) + 0.1
    world.unpunished_seen = rng.random(6) * 5
    world.levels_seen = rng.random((4, 6))
    tally_levels(world, LADDER)
    world.heard[:] = rng.random(6)
    before = beliefs(world, params)
    counts = world.punished_seen + world.unpunished_seen
    forget(world, params)
    after = beliefs(world, params)
    assert np.allclose(before, after)  # the mean is kept ...
    assert np.allclose(world.punished_seen + world.unpunished_seen, 0.4 * counts)  # ... lighter


# -- the objective values: informed, and the first prior -----------------------------

ONE_TYPE = (
    "behaviour.activity=1",
    "enforcement.detection_probability=0.1",
    "enforcement.report_probability=0.05",
    "enforcement.proof_probability=0.8",
    "enforcement.enforcement_probability=0.9",
    *(
        f"behaviour.violation_propensity.{kind.label}={int(kind == Violation.SOCIAL_MEDIA)}"
        for kind in Violation
    ),
)


def test_informed_certainty_is_the_closed_form():
    params = make_params(*ONE_TYPE, "perception=informed", "enforcement.bawaslu_capacity=1")
    world, campaign = tiny_world(params), Campaign.start(6)
    # every act is social media (visibility 1): reported by a patrol with chance 0.1, else
    # by the public with 0.05, so 0.1 + 0.9 x 0.05 = 0.145 a week; over ten weeks
    # 1 - 0.855^10; proven 0.8, followed up 0.9, for unit leaders and staff alike
    expected = (1 - 0.855**10) * 0.8 * 0.9
    certainty, severity = beliefs(world, params, campaign)
    assert certainty == pytest.approx([expected] * 6)
    assert severity == pytest.approx([0.61 * 0.2 + 0.01 * 0.3 + 0.37 * 1 + 0.01 * 4] * 6)
    # Bawaslu swamped: last week 0.06 reports found against 0.006 a week it takes on in
    # a region of 6 (1 per 1,000): it takes on a tenth, so 0.0145 a week
    campaign.bawaslu_load = 0.06
    swamped, _ = beliefs(world, params, campaign)
    assert swamped == pytest.approx([(1 - (1 - 0.0145) ** 10) * 0.8 * 0.9] * 6)
    # a queue the verifier cannot work through before the next cycle: it decides at
    # 1000 x 6 / 3,651,500 a week for 260 + 10 weeks, of 5 waiting
    campaign.bawaslu_load = 0
    campaign.queue = np.arange(5)
    queued, _ = beliefs(world, params, campaign)
    decided = 1000 * 6 / NATIONAL_CIVIL_SERVANTS * 270 / 5
    assert queued == pytest.approx([expected * decided] * 6)


def test_the_first_learned_prior_is_the_enforcement_records_objective_value():
    params = make_params("perception=learned", "perception.prior_weight=8")
    world, _, _, _ = _region(params)
    set_prior(world, params)
    certainty, severity = beliefs(world, params)
    leads = world.rank <= 2
    objective = objective_certainty(params)
    assert certainty[leads] == pytest.approx(objective[1])
    assert certainty[~leads] == pytest.approx(objective[0])
    assert severity == pytest.approx(objective_severity(params))
    assert world.punished_seen + world.unpunished_seen == pytest.approx(8.0)
    assert world.levels_seen.sum(axis=0) == pytest.approx(8.0)


def _region(params):
    from .test_phases import world_and_race

    return world_and_race(params)


def test_the_expected_sanction_is_knowledge_risk_strength_certainty_and_severity():
    params = learned()
    world = tiny_world(params)
    world.levels_seen[:] = np.outer([0.0, 0.0, 0.0, 2.0], np.ones(6))  # only heavy seen: 4
    tally_levels(world, LADDER)
    refresh(world, Campaign.start(6), params, 0)
    choice = Choice.open(world, tiny_race(), world.ties(), params)
    # 3: knows, risk attitude 0.5, strength 8, certainty 0.25, severity 4, temperature 2
    # 4: does not know the rules; 1: risk attitude 2
    cost = choice.sanction_cost(world).astype(float)
    assert cost[3] == pytest.approx(0.5 * 8 * 0.25 * 4 / 2)
    assert cost[1] == pytest.approx(2 * 8 * 0.25 * 4 / 2)
    assert cost[4] == 0.0


# -- capacity ------------------------------------------------------------------------


def test_bawaslu_takes_on_at_most_its_capacity_and_the_rest_are_not_made(rng):
    # 2.5 reports a week in a region of 300 (8.3333 per 1,000 civil servants); everyone
    # acts and every act is found
    params = make_params(
        "enforcement.detection_probability=1", "enforcement.bawaslu_capacity=8.333333333"
    )
    campaign = Campaign.start(300)
    campaign.choice[:] = 1
    made = []
    for week in range(4):
        campaign.act[:] = Violation.SOCIAL_MEDIA
        before = int((campaign.reported_week >= 0).sum())
        detect(campaign, week, params, rng)
        made.append(int((campaign.reported_week >= 0).sum()) - before)
    # the credit starts at a week's rate plus one case (3.5): 3 made, 0.5 left; then
    # 0.5 + 2.5 = 3: 3; then 2.5: 2, 0.5 left; then 3: 3
    assert made == [3, 3, 2, 3]
    reported = campaign.reported_week >= 0
    assert campaign.bawaslu_load == 300 - 8  # found, taken on or not
    assert np.all((campaign.channel != 0) == reported)  # the rest were not made
    assert np.array_equal(
        campaign.queue,
        np.flatnonzero(reported)[np.argsort(campaign.reported_week[reported], kind="stable")],
    )


def test_the_verifier_decides_first_come_first_served_at_capacity_not_before_its_delay():
    # 2 verdicts a week in a region of 60, verification_weeks 2; reports: 0, 1, 2, 3, 4
    # in week 0, then 5 in week 1
    params = make_params(
        "enforcement.verification_weeks=2",
        f"enforcement.verifier_capacity={2 * NATIONAL_CIVIL_SERVANTS / 60}",
    )
    campaign = Campaign.start(60)
    campaign.reported_week[:6] = [0, 0, 0, 0, 0, 1]
    campaign.queue = np.array([0, 1, 2, 3, 4, 5])
    decided = [admit(campaign, week, params).tolist() for week in range(6)]
    # weeks 0, 1: too early; week 2: the credit is full (2 + 1): the first three;
    # week 3: 2 more, in order; week 4: 5 (its delay is over)
    assert decided == [[], [], [0, 1, 2], [3, 4], [5], []]
    assert campaign.verdict_week[:6].tolist() == [2, 2, 2, 3, 3, 4]
    assert campaign.awaiting_verification == 0


def test_capacity_credit_carries_fractions_and_finds_the_next_week_with_room():
    slow = Capacity(rate=0.25)
    assert slow.room(0) == 1  # idle: the credit is a week's rate plus one case, 1.25
    slow.use(1)  # 0.25 left, and 0.25 more a week: a whole case again in week 3
    assert slow.first_week_with_room(1) == 3
    assert [slow.room(w) for w in (1, 2, 3)] == [0, 0, 1]
    assert Capacity(rate=0.0).first_week_with_room(0) is None
