"""The engine and the plain per-agent reference (reference/) agree in distribution."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from reference import ReferenceModel, run_reference
from sim.model.model import PatronageModel
from sim.model.patron import protection_chance
from sim.runs.api import simulate

from .conftest import make_params

# A small region with a busy enforcement chain and more civil servants taking sides, so
# that every stage of the funnel has several civil servants a cycle (with the baseline's
# rare patrols a region of 300 sees about 0.3 reports a cycle: too few to compare
# anything). Both offices bind: Bawaslu takes on 1.5 reports a week, and the region's
# share of the verifier is 0.4 a week, so verdicts wait in its queue (about 9 weeks from
# report to verdict) and the settlement after the vote works it through.
BUSY = (
    "replications=80",
    "cycles=2",
    "behaviour.integrity=5",
    "enforcement.detection_probability=0.2",
    "enforcement.report_probability=0.05",
    "enforcement.followup_delay_weeks=1",
    "enforcement.bawaslu_capacity=5",
    "enforcement.verifier_capacity=5000",
)
ARMS = {
    # more news than the default, so that what is heard weighs in beliefs
    "learned": ("perception=learned", "perception.news_reach=0.05"),
    "informed": ("perception=informed",),
    "fixed": ("perception=fixed",),
}
COMPARED = (
    "violation_rate",
    "acts",
    "reported",
    "proven",
    "sanctioned",
    "mean_perceived_risk",
    "mean_perceived_severity",
    "decided_by_vote",
    "mean_weeks_to_verdict",
    "mean_weeks_to_sanction",
    "pressed",
    "promoted",
    "promoted_by_loyalty",
    "took_side",
    "mostly_career",
    "mostly_kin",
    "pushed_by_team",
)
CONSTANT = {"informed": ("mean_perceived_severity",), "fixed": ("mean_perceived_severity",)}
"""Columns the rule makes the same number everywhere (checked equal, not compared)."""
# The PPK's and the teams' rarer decisions, made common: a PPK for whom ignoring a
# recommendation and threatening cost little, rival teams that report much (and no
# other public reports), a winner free of merit rules reviewing every senior post.
# (Moves to non-jobs stay too rare in a region this small to compare with power: that
# rule is worked out by hand in tests/test_patron.py.)
PATRON_BUSY = (
    "replications=60",
    "cycles=2",
    "enforcement.detection_probability=0.1",
    "enforcement.report_probability=0",
    "enforcement.followup_delay_weeks=1",
    "teams.rival_reports=0.3",
    "enforcement.bawaslu_capacity=5",  # offices that keep up: rivals' reports all go through
    "enforcement.verifier_capacity=5000",
    "patron.inaction_penalty=0.5",
    "patron.threat_cost=1",
    "careers.merit_weight=0",
    "careers.turnover=1",
)
PATRON_COMPARED = ("threatened", "protected", "reported_by_rivals")
# The oversight body and the President's JPT appointment (docs/ODD.md, 7.13 and 7.14) on
# the same busy chain: a binding body that sanctions a PPK who ignores a recommendation
# (at a cost low enough that the PPK still protects often), JPT appointed by the President.
REGIME_BUSY = (
    *PATRON_BUSY,
    "regime=body_binding_ppk",
    "oversight.ppk_penalty=1",
    "careers.jpt_appointment=president",
)
REGIME_COMPARED = ("sanctioned", "mean_weeks_to_sanction", "promoted_by_loyalty")
# (protections stay too rare here to compare with power: the chance of one is compared
# case by case in test_the_reference_protects_as_the_engine_under_each_regime)


def engine_and_reference(settings: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    params = make_params(*settings)
    engine = simulate(params).summary
    reference = pd.DataFrame(run_reference(params))
    return engine, reference


@pytest.fixture(scope="module", params=list(ARMS), ids=list(ARMS))
def both(request) -> tuple[str, pd.DataFrame, pd.DataFrame]:
    return request.param, *engine_and_reference((*BUSY, *ARMS[request.param]))


@pytest.fixture(scope="module")
def both_patron() -> tuple[str, pd.DataFrame, pd.DataFrame]:
    return "patron", *engine_and_reference(PATRON_BUSY)


@pytest.fixture(scope="module")
def both_regime() -> tuple[str, pd.DataFrame, pd.DataFrame]:
    return "regime", *engine_and_reference(REGIME_BUSY)


@pytest.mark.parametrize("regime", ["kasn_2020", "transition_2024", "body_binding_ppk"])
def test_the_reference_protects_as_the_engine_under_each_regime(regime):
    params = make_params(f"regime={regime}", "patron.inaction_penalty=5")
    reference = ReferenceModel(params, replication=1)
    agents = [a for a in reference.by_index if a.worth > 1][:5] + reference.by_index[-2:]
    for agent in agents:
        agent.backed_ppk_side = True
    engine = protection_chance(np.array([a.worth for a in agents]), reference.race, params)
    assert [reference.head.protects(a) for a in agents] == pytest.approx(engine.tolist())
    assert 0 < engine.min() < engine.max() < 1


def test_the_reference_starts_from_the_engines_region_and_race():
    params = make_params()
    reference = ReferenceModel(params, replication=3)
    agent = reference.by_index[17]
    engine = PatronageModel(params, replication=3)
    assert np.array_equal(reference.world.post_of, engine.world.post_of)
    assert np.array_equal(reference.race.popularity, engine.race.popularity)
    neighbours = engine.world.adjacency()[17].indices
    assert sorted(other.index for other in agent.neighbours) == sorted(neighbours.tolist())


@pytest.mark.slow
@pytest.mark.parametrize("column", COMPARED)
def test_engine_and_reference_are_statistically_indistinguishable(both, column):
    arm, engine, reference = both
    if column in CONSTANT.get(arm, ()):
        assert np.allclose(engine[column], reference[column])
        return
    assert_agree(arm, engine, reference, column)


@pytest.mark.slow
@pytest.mark.parametrize("column", PATRON_COMPARED)
def test_the_ppks_and_the_teams_decisions_agree_with_the_reference(both_patron, column):
    assert_agree(*both_patron, column)


@pytest.mark.slow
@pytest.mark.parametrize("column", REGIME_COMPARED)
def test_the_oversight_body_and_jpt_appointment_agree_with_the_reference(both_regime, column):
    assert_agree(*both_regime, column)


def assert_agree(arm: str, engine: pd.DataFrame, reference: pd.DataFrame, column: str) -> None:
    # Replication r of both starts from the same region and first race (same
    # streams), so the comparison is paired: 160 (120) replication-cycles (fewer for the
    # delays, which exist only in cycles with a report). Under the null the mean
    # difference over its standard error is about N(0, 1): |z| < 4 fails by chance
    # with probability 6e-5 per column (and the seeds are fixed).
    difference = engine[column].to_numpy(float) - reference[column].to_numpy(float)
    difference = difference[~np.isnan(difference)]
    assert difference.size >= 80, f"{column}: only {difference.size} cycles to compare"
    se = difference.std(ddof=1) / np.sqrt(difference.size)
    z = difference.mean() / se
    assert abs(z) < 4, f"{arm}, {column}: engine {engine[column].mean():.4f}, reference " + (
        f"{reference[column].mean():.4f}, z = {z:+.1f}"
    )
    # ... and the test can see a discrepancy: the standard error is under 6% of the
    # mean, so a rule that moved this measure by a quarter would give |z| > 4.
    assert se < 0.06 * engine[column].mean()
