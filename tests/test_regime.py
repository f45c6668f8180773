"""Oversight regimes and who appoints JPT (docs/ODD.md, sections 7.13 and 7.14).

Each regime file composes and validates; the binding body's deadline and the
President's appointment of JPT are worked out on small hand-built cases; bad values
are refused; and two paired comparisons (common random numbers, as in
tests/test_mechanisms.py) state the effect they measured.
"""

from __future__ import annotations

import numpy as np
import pytest

from sim import run
from sim.model.behaviour import Choice
from sim.model.campaign import NOT_YET, Campaign
from sim.model.careers import PLACED_BY_WINNER, career_round, jpt_lever, purge_fear
from sim.model.enforcement import sanction, verify
from sim.model.orgchart import Rank
from sim.model.oversight import called_to_account
from sim.model.parameters import ConfigError
from sim.model.patron import Pressing, inaction_cost
from sim.model.perception import objective_certainty
from sim.model.teams import Teams
from sim.runs.settings import options

from .conftest import make_params, patronage
from .test_phases import tiny_race, tiny_world, world_and_race

REGIMES = ("body_advisory", "body_binding", "body_binding_ppk", "kasn_2020", "transition_2024")


# -- the regime files ------------------------------------------------------------------


def test_the_regime_group_offers_the_five_designs():
    assert tuple(options("regime")) == REGIMES


@pytest.mark.parametrize("regime", REGIMES)
def test_each_regime_composes_validates_and_names_itself(regime):
    params = make_params(f"regime={regime}")
    assert params.regime == regime
    binding = regime in ("body_binding", "body_binding_ppk")
    assert params.oversight.binding is binding
    assert params.oversight.sanctions_ppk is (regime == "body_binding_ppk")
    # every regime composes with every policy and both elections
    other = make_params(f"regime={regime}", "policy=merit_system", "election.kind=pemilu")
    assert other.oversight == params.oversight and other.policy == "merit_system"


def test_kasn_2020_is_the_baseline_and_changes_nothing():
    assert make_params("regime=kasn_2020") == make_params("~regime")
    assert make_params() == make_params("regime=kasn_2020")


def test_the_transition_verifies_less_and_notices_less_than_kasn():
    kasn, transition = make_params("regime=kasn_2020"), make_params("regime=transition_2024")
    assert transition.enforcement.verifier_capacity < kasn.enforcement.verifier_capacity
    assert transition.patron.inaction_noticed < kasn.patron.inaction_noticed


# -- a binding body: hand-built --------------------------------------------------------

PROTECTS_ALL = (
    "enforcement.enforcement_probability=1",
    "enforcement.proof_probability=1",
    "enforcement.followup_deadline_weeks=3",
    "patron.inaction_penalty=0",  # ignoring costs the PPK nothing: it shields every supporter
)


def followed_to_the_end(params, supporters):
    """Every case reported and decided in week 0; the sanctions of weeks 1 to 199 given."""
    world, race, campaign, rng = world_and_race(params)
    campaign.reported_week[:] = 0
    campaign.verdict_week[:] = 0
    campaign.backed_ppk_side[:] = supporters
    verify(campaign, race, 0, params, rng)
    landed = np.full(world.size, NOT_YET)
    for week in range(1, 200):
        landed[sanction(world, campaign, week, params, rng)] = week
    return campaign, landed


def test_a_binding_body_sanctions_what_the_ppk_ignored_the_week_after_the_deadline():
    advisory = make_params(*PROTECTS_ALL, "regime=body_advisory")
    campaign, landed = followed_to_the_end(advisory, True)
    assert campaign.protected.all() and not campaign.sanctioned.any()  # the PPK shields all
    assert not campaign.taken_over.any()
    binding = make_params(*PROTECTS_ALL, "regime=body_binding")
    campaign, landed = followed_to_the_end(binding, True)
    # the PPK still ignores every case; the body sanctions each in week 0 + 3 + 1
    assert campaign.protected.all() and campaign.sanctioned.all()
    assert np.all(landed == 4) and campaign.taken_over.all()


def test_a_binding_body_takes_over_only_what_the_ppk_leaves_past_the_deadline():
    # the PPK acts on every non-supporter's case, after a mean delay of 10 weeks
    params = make_params(*PROTECTS_ALL, "enforcement.followup_delay_weeks=10")
    _, by_ppk = followed_to_the_end(params, False)
    binding = make_params(
        *PROTECTS_ALL, "enforcement.followup_delay_weeks=10", "regime=body_binding"
    )
    campaign, landed = followed_to_the_end(binding, False)
    in_time = by_ppk <= 4
    assert 0 < in_time.sum() < in_time.size  # some on time, some late: both cases seen
    assert np.array_equal(landed[in_time], by_ppk[in_time])  # the PPK's own, untouched
    assert np.all(landed[~in_time] == 4)  # the rest: the body's, the week after the deadline
    assert np.array_equal(campaign.taken_over, ~in_time)  # and marked as the body's


def test_under_a_binding_body_the_ppks_protection_no_longer_shields_its_side():
    params = make_params(*PROTECTS_ALL)
    world = tiny_world(params)
    shielded = Choice.open(world, tiny_race(), world.ties(), params).shield_side
    assert np.all(shielded == 0)  # protection certain: the sanction is expected by no supporter
    binding = make_params(*PROTECTS_ALL, "oversight.binding=true")
    assert np.all(Choice.open(world, tiny_race(), world.ties(), binding).shield_side == 1)


def test_a_body_that_sanctions_the_ppk_notices_every_ignored_case_and_adds_its_penalty():
    params = make_params("patron.inaction_noticed=0.5", "patron.inaction_penalty=10")
    assert called_to_account(params) == (0.5, 10)
    assert inaction_cost(tiny_race(), params) == pytest.approx(5)
    body = make_params(
        "patron.inaction_noticed=0.5",
        "patron.inaction_penalty=10",
        "regime=body_binding_ppk",
        "oversight.ppk_penalty=30",
    )
    assert called_to_account(body) == (1.0, 40)
    assert inaction_cost(tiny_race(), body) == pytest.approx(40)


def test_informed_civil_servants_count_every_proven_case_as_sanctioned_under_a_binding_body():
    slack = ("enforcement.enforcement_probability=0.5", "perception=informed")
    advisory = objective_certainty(make_params(*slack))
    binding = objective_certainty(make_params(*slack, "regime=body_binding"))
    assert binding == pytest.approx(2 * advisory)  # the PPK's slack no longer loses cases


# -- JPT appointed by the President: hand-built -----------------------------------------
#
# tests/test_phases.py's chain: the sekda (0) and a JPT (1), an administrator (2), a
# pengawas (3), two staff (4, 5); civil servant i holds post i.


def levers(*overrides):
    params = make_params(*overrides)
    world, race = tiny_world(params), tiny_race(leverage=0.5)
    campaign = Campaign.start(world.size)
    choice = Choice.open(world, race, world.ties(), params)
    pressing = Pressing.open(world, race, campaign, params)
    return params, world, race, choice, pressing


def test_with_the_president_appointing_jpt_the_regional_head_has_no_career_lever_over_them():
    params, world, race, region, pressing = levers("careers.jpt_appointment=region")
    _, _, _, president, pressing_p = levers("careers.jpt_appointment=president")
    jpt, others = np.array([0, 1]), np.array([2, 3, 4, 5])
    # the regional head's lever: career gain and fear of a purge, threats, a team's promise
    assert np.all(region.stake[jpt] > 0) and np.all(president.stake[jpt] == 0)
    assert np.all(pressing.threat[jpt] > 0) and np.all(pressing_p.threat[jpt] == 0)
    assert np.all(president.teams.promised[jpt] == 0)
    # everyone below the JPT keeps the same stake in the regional race
    assert np.array_equal(region.stake[others], president.stake[others])
    assert np.array_equal(pressing.threat[others], pressing_p.threat[others])
    assert jpt_lever(race, params) == 1.0
    assert purge_fear(world, make_params("careers.jpt_appointment=president"), race)[jpt].sum() == 0


def test_in_a_pemilu_the_presidents_side_holds_jpt_careers_with_its_own_leverage():
    over = ("election.kind=pemilu", "careers.jpt_appointment=president")
    params, world, race, choice, pressing = levers(*over, "careers.president_leverage=0.9")
    _, _, _, usual, usual_pressing = levers("election.kind=pemilu")
    # the Pemilu's prospect of the PPK's side is its leverage (0.5): the JPT's stake is
    # scaled by 0.9 / 0.5, so that stake x prospect is the President's side's 0.9 x stake
    assert jpt_lever(race, params) == pytest.approx(0.9 / 0.5)
    assert choice.stake[:2] == pytest.approx(usual.stake[:2] * 1.8, rel=1e-6)
    assert pressing.threat[:2] == pytest.approx(usual_pressing.threat[:2] * 1.8, rel=1e-6)
    assert np.array_equal(choice.stake[2:], usual.stake[2:])


def test_a_pilkada_winner_fills_no_jpt_post_when_the_president_appoints_them():
    common = ("careers.merit_weight=0", "careers.turnover=1", "careers.shortlist=100")
    for appointment, by_winner in (("region", True), ("president", False)):
        params = make_params(*common, f"careers.jpt_appointment={appointment}")
        world, race, campaign, rng = world_and_race(params)
        jpt_posts = np.flatnonzero(world.chart.rank == Rank.JPT)
        campaign.choice[:] = 1  # everyone backs the winner all campaign but today's JPT
        campaign.weeks_backing[0] = params.campaign_weeks
        jpt = world.holder[jpt_posts]
        campaign.weeks_backing[:, jpt] = 0
        campaign.weeks_backing[1, jpt] = params.campaign_weeks
        outcome = career_round(world, campaign, 0, params, rng)
        placed = world.placed_by[jpt_posts] == PLACED_BY_WINNER
        assert bool(placed.any()) == by_winner
        jpt_moves = world.chart.rank[outcome.moves.post] == Rank.JPT
        assert jpt_moves.any() and bool(outcome.moves.on_merit[jpt_moves].all()) != by_winner


def test_teams_cannot_promise_a_jpt_post_in_a_pilkada_the_president_fills():
    params = make_params("careers.jpt_appointment=president", "teams.promise=4")
    world = tiny_world(params)
    teams = Teams.open(world, tiny_race(), np.zeros(world.size, dtype=np.float32), params)
    assert np.all(teams.promised[:2] == 0) and np.all(teams.promised[2:] > 0)


# -- bad values ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("override", "says"),
    [
        ("careers.jpt_appointment=king", "use one of region, president"),
        ("careers.president_leverage=2", "careers.president_leverage=2 is not allowed"),
        ("oversight.ppk_penalty=-1", "oversight.ppk_penalty=-1 is not allowed"),
        ("oversight.binding=sometimes", "use true or false"),
        ("regime=unknown", "regime=unknown is not a known regime"),
    ],
)
def test_bad_regime_settings_are_refused(override, says):
    with pytest.raises(ConfigError, match=says):
        make_params(override)


def test_an_unknown_regime_is_refused_with_one_line_exit_2_and_nothing_written(tmp_path):
    done = patronage("regime=unknown", f"hydra.run.dir={tmp_path}/out", cwd=tmp_path, module=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert lines == [
        "patronage: error: regime=unknown is not a known regime: use one of " + ", ".join(REGIMES)
    ]
    assert list(tmp_path.iterdir()) == []


# -- paired comparisons (common random numbers) ------------------------------------------
#
# Tolerance as in tests/test_mechanisms.py: the mean paired difference over replications
# must exceed Z = 3 standard errors; replications are chosen so the effect measured when
# the test was written sits at z >= 4.5, so an effect a third smaller fails.

Z = 3.0


def paired(low: str, high: str, replications: int, column) -> tuple[float, float]:
    """Mean over replications of column(low) - column(high), and it in standard errors."""
    base = ["seed=7", f"replications={replications}"]
    a = column(run([*base, f"regime={low}"]).summary)
    b = column(run([*base, f"regime={high}"]).summary)
    difference = (a - b).dropna().to_numpy()
    mean = float(difference.mean())
    return mean, mean / (difference.std(ddof=1) / np.sqrt(difference.size))


def unsanctioned_share(summary):
    """Share of a replication's proven cases (over its cycles) never sanctioned."""
    total = summary.groupby("replication")[["recommendations_ignored", "proven"]].sum()
    return total.recommendations_ignored / total.proven


def test_a_binding_body_lowers_the_share_of_proven_cases_left_unsanctioned():
    # measured (default regency, 3 Pilkada, 40 replications): 5.5% of proven cases left
    # unsanctioned under KASN, none under the binding body, z = 7.2; at 16 replications
    # z is about 4.5 (n = 40 x (4.5 / 7.2)^2); at 16 it measured 5.0 points, z = 4.6
    mean, z = paired("kasn_2020", "body_binding", 16, unsanctioned_share)
    assert z > Z, f"unsanctioned share falls by {mean:.4f}, {z:.1f} standard errors"


@pytest.mark.slow
def test_a_body_that_sanctions_the_ppk_makes_it_protect_fewer():
    # measured (default regency, 3 Pilkada, 40 replications): 0.53 fewer protected a
    # replication (of about 1.7 protected under the binding body alone), z = 3.0;
    # 90 replications for z >= 4.5 (n = 40 x (4.5 / 3.0)^2); at 90 it measured 0.64, z = 5.3
    mean, z = paired(
        "body_binding", "body_binding_ppk", 90, lambda s: s.groupby("replication").protected.sum()
    )
    assert z > Z, f"protected falls by {mean:.3f} a replication, {z:.1f} standard errors"
