"""The model's contract: each mechanism of the design brief moves violations the right way.

Every test runs two configurations that differ in one setting, on the small region
(300 civil servants, three Pilkada cycles), with the same seed and replications, so
replication r of both arms starts from the same region and shares its random
streams (common random numbers) and the difference can be taken pair by pair.

Tolerance, for every test: the mean paired difference must have the expected sign
and exceed ``Z`` = 3 of its standard errors (one-sided p < 0.0014 if there were no
effect). The seeds are fixed, so each test is deterministic; the replication counts
are chosen so that the effect measured when the test was written sits at z >= 4.5
(given beside each test): z grows with the effect, so if the mechanism lost a third of
its strength z would fall to about 3 and the test would fail, not by chance of the draw.
Replications for a measured z_m at n_m: n = n_m (4.5 / z_m)^2, rounded up.

Deterrence acts through the sanction civil servants expect: knows the rules x risk
attitude x sanction strength x perceived certainty x perceived severity (docs/ODD.md,
sections 7.2 and 7.7). At the fitted funnel the objective certainty is about 2% for a
civil servant backing a side through a Pilkada, so certainty and strength barely move
behaviour there (section 10.4 gives the sizes); the deterrence tests move the setting
both arms share to ten times the fitted patrols (``DETERRENCE``), with offices that
keep up, where the certainty is about 18% and the levers have something to act on.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

from sim import run

from .conftest import make_params

Z = 3.0
SEED = 7
SENIOR = ("jpt", "administrator")
ROOMY = ["enforcement.bawaslu_capacity=1000", "enforcement.verifier_capacity=1000000"]
"""Offices that never bind (a report a week per civil servant; all the region's reports)."""
FITTED = make_params()
"""The calibrated defaults (configs/config.yaml), which the contrasts below are stated against."""
TEN_TIMES_PATROLS = (
    f"enforcement.detection_probability={10 * FITTED.enforcement.detection_probability:.4g}"
)
DETERRENCE = [TEN_TIMES_PATROLS, *ROOMY]
"""Ten times the fitted patrols, offices keeping up: a certainty of about 18%."""


def arms(
    low: list[str], high: list[str], replications: int, common: list[str] = ()
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Summary tables of two arms differing only in ``low`` vs ``high``."""
    base = ["region=small", f"seed={SEED}", f"replications={replications}", *common]
    return run([*base, *low]).summary, run([*base, *high]).summary


def per_replication(summary: pd.DataFrame, column: str, cycles=None) -> pd.Series:
    """Mean of ``column`` over the chosen cycles, one value per replication."""
    if cycles is not None:
        summary = summary[summary.cycle.isin(cycles)]
    return summary.groupby("replication")[column].mean()


def senior_rate(summary: pd.DataFrame) -> pd.Series:
    """Violation rate among JPT and administrators (the ranks whose posts the PPK fills)."""
    jpt, admin = 2, 9  # head-counts in the small region (docs/ODD.md, section 5)
    rate = (summary.violation_rate_jpt * jpt + summary.violation_rate_administrator * admin) / (
        jpt + admin
    )
    return summary.assign(senior=rate)


def paired_z(more: pd.Series, less: pd.Series) -> tuple[float, float]:
    """Mean of ``more - less`` over replications, and that mean in standard errors.

    With ``PATRONAGE_MEASURED=file`` each test's means and z are appended to that file (the
    figures docs/ODD.md, section 10.4, quotes).
    """
    difference = (more - less).dropna().to_numpy()  # a cycle with no report has no delay
    se = difference.std(ddof=1) / np.sqrt(difference.size)
    mean = float(difference.mean())
    z = mean / se if se > 0 else float("nan")
    if record := os.environ.get("PATRONAGE_MEASURED"):
        test = os.environ.get("PYTEST_CURRENT_TEST", "").split(" ")[0]
        with open(record, "a", encoding="utf-8") as out:
            out.write(
                f"{test}\t{more.mean():.5f}\t{less.mean():.5f}\t{mean:+.5f}\t{z:.2f}"
                f"\t{difference.size}\n"
            )
    return mean, z


def assert_higher(more: pd.Series, less: pd.Series, what: str) -> None:
    mean, z = paired_z(more, less)
    assert z > Z, f"{what}: difference {mean:+.4f} is {z:.1f} standard errors (need > {Z})"


# -- deterrence -----------------------------------------------------------------


def test_violations_fall_as_sanctions_get_stronger():
    # measured: 9.53% -> 6.97% (sanction_strength 1 -> 6), z = 11.4 with 20 replications
    weak, strong = arms(
        ["enforcement.sanction_strength=1"], ["enforcement.sanction_strength=6"], 20, DETERRENCE
    )
    v = "violation_rate"
    assert_higher(per_replication(weak, v), per_replication(strong, v), "sanction strength")


@pytest.mark.slow
def test_violations_fall_as_the_ppk_follows_up_more():
    # measured: 10.51% -> 8.57% (enforcement_probability 0 -> 1), z = 6.0 with 20 replications
    never, always = arms(
        ["enforcement.enforcement_probability=0"],
        ["enforcement.enforcement_probability=1"],
        20,
        DETERRENCE,
    )
    v = "violation_rate"
    assert_higher(per_replication(never, v), per_replication(always, v), "follow-up")


@pytest.mark.slow
def test_violations_fall_as_detection_rises():
    # measured: 10.32% -> 8.90% (no patrols -> ten times the fitted), z = 4.8 with 30
    # replications
    blind, watched = arms(
        ["enforcement.detection_probability=0"],
        [TEN_TIMES_PATROLS],
        30,
        ROOMY,
    )
    v = "violation_rate"
    assert_higher(per_replication(blind, v), per_replication(watched, v), "detection")


# -- motives ---------------------------------------------------------------------


def test_violations_rise_with_career_dependence():
    # measured: 6.8% -> 16.0% (career_dependence 2 -> 8), z = 13.6 with 30 replications
    low, high = arms(["behaviour.career_dependence=2"], ["behaviour.career_dependence=8"], 30)
    v = "violation_rate"
    assert_higher(per_replication(high, v), per_replication(low, v), "career dependence")


def test_violations_rise_with_kinship_density():
    # measured: 5.7% -> 17.4% (kinship_density 0 -> 0.8), z = 22.4 with 30 replications
    none, dense = arms(["region.kinship_density=0"], ["region.kinship_density=0.8"], 30)
    v = "violation_rate"
    assert_higher(per_replication(dense, v), per_replication(none, v), "kinship density")


INCUMBENT = ["region.ppk_kind.incumbent=1", "region.ppk_kind.successor=0"]
SUCCESSOR = ["region.ppk_kind.incumbent=0", "region.ppk_kind.successor=1"]
ACTING = ["region.ppk_kind.incumbent=0", "region.ppk_kind.successor=0", "region.ppk_kind.acting=1"]


@pytest.mark.slow
def test_violations_are_higher_when_the_incumbent_runs_than_in_an_open_seat():
    # measured: 9.30% -> 10.44% (successor's patron -> incumbent), z = 6.7 with
    # 150 replications; the PPK presses
    # and protects with full leverage only when it is on the ballot
    open_seat, incumbent = arms(SUCCESSOR, INCUMBENT, 150)
    v = "violation_rate"
    assert_higher(per_replication(incumbent, v), per_replication(open_seat, v), "incumbent")


def test_an_acting_head_draws_fewer_in_than_an_incumbent():
    # An acting head (Pj) is not on the ballot, has leverage 0.5 and weighs the costs of
    # threats twice; measured: 9.22% -> 10.44% (acting -> incumbent), z = 7.0 with 150
    # replications
    acting, incumbent = arms(ACTING, INCUMBENT, 150)
    v = "violation_rate"
    assert_higher(per_replication(incumbent, v), per_replication(acting, v), "acting head")


# -- the patron's decisions and the teams -------------------------------------------


def test_the_ppks_pressure_draws_senior_officials_in():
    # JPT and administrators, whom the PPK presses (2 a week in the small region);
    # measured: 45.6% -> 53.0% (budget 0 -> 1 x JPT posts), z = 4.8 with 80
    # replications
    none, pressed = arms(["patron.pressure_budget=0"], ["patron.pressure_budget=1"], 80)
    assert_higher(
        per_replication(senior_rate(pressed), "senior"),
        per_replication(senior_rate(none), "senior"),
        "PPK pressure",
    )


def test_threats_draw_pressed_officials_further_in():
    # Both arms: the PPK presses and threatens whenever it can (threats cost it nothing);
    # measured: 53.3% -> 59.2% of JPT and administrators violated
    # (threat 0 -> 6), z = 4.8 with 80 replications
    common = ["patron.threat_cost=0"]
    none, threats = arms(["patron.threat=0"], ["patron.threat=6"], 80, common)
    assert_higher(
        per_replication(senior_rate(threats), "senior"),
        per_replication(senior_rate(none), "senior"),
        "threats",
    )


def test_fear_of_a_purge_draws_senior_officials_in():
    # JPT and administrators, whose posts a winner can take; measured: 39.7% -> 84.8%
    # (purge_severity 0 -> 6), z = 12.3 with 20 replications
    none, fear = arms(["careers.purge_severity=0"], ["careers.purge_severity=6"], 20)
    assert_higher(
        per_replication(senior_rate(fear), "senior"),
        per_replication(senior_rate(none), "senior"),
        "fear of a purge",
    )


def test_teams_that_reach_more_recruit_more():
    # measured: 7.2% -> 15.2% (reach 0 -> 0.2 a week), z = 15.3 with 15 replications
    none, reach = arms(["teams.reach=0"], ["teams.reach=0.2"], 15)
    v = "violation_rate"
    assert_higher(per_replication(reach, v), per_replication(none, v), "team reach")


def test_rival_teams_report_the_ppks_backers():
    # public reports, which include the rivals'; measured: 0.022 -> 0.21 a cycle
    # (rival_reports 0 -> 0.01), z = 4.8 with 45 replications
    none, rivals = arms(["teams.rival_reports=0"], ["teams.rival_reports=0.01"], 45)
    v = "reported_by_public"
    assert_higher(per_replication(rivals, v), per_replication(none, v), "rival reports")


def test_a_ppk_facing_costly_inaction_protects_fewer():
    # Both arms at ten times the fitted patrols, so there are recommendations to decide;
    # inaction costing a tenth of the fitted penalty, against ten times it (the
    # certain_enforcement regime); measured: 0.18 -> 0.011 protected a cycle, z = 5.3 with
    # 60 replications
    common = [TEN_TIMES_PATROLS]
    lax, binding = arms(
        [f"patron.inaction_penalty={FITTED.patron.inaction_penalty / 10:.4g}"],
        [f"patron.inaction_penalty={FITTED.patron.inaction_penalty * 10:.4g}"],
        60,
        common,
    )
    v = "protected"
    assert_higher(per_replication(lax, v), per_replication(binding, v), "costly inaction")


def test_merit_rules_stop_the_purge():
    # moves to non-jobs after the vote; measured: 0.38 a cycle -> 0 (merit_weight 0 -> 1), z = 5.6
    # with 80 replications (none at all on merit)
    loyalty, merit = arms(["careers.merit_weight=0"], ["careers.merit_weight=1"], 80)
    assert (merit.moved_to_non_job == 0).all()
    v = "moved_to_non_job"
    assert_higher(per_replication(loyalty, v), per_replication(merit, v), "merit rules")


# -- institutions ----------------------------------------------------------------


def test_a_merit_system_lowers_career_driven_violations_in_later_cycles():
    # Career-driven: JPT and administrators, whose posts the winner fills. Later cycles:
    # 2 and 3, after civil servants have seen career rounds decided on merit.
    # measured: 52.9% -> 35.0% (merit_weight 0 -> 1), z = 4.8 with 30 replications
    loyalty, merit = arms(["careers.merit_weight=0"], ["careers.merit_weight=1"], 30)
    later = (2, 3)
    assert_higher(
        per_replication(senior_rate(loyalty), "senior", later),
        per_replication(senior_rate(merit), "senior", later),
        "merit system",
    )


def test_central_enforcement_lowers_violations_among_the_ppks_supporters():
    # The PPK protects its own side unless BKN sanctions centrally. Both arms: inaction
    # costs the PPK almost nothing (it protects most supporters) and ten times the fitted
    # patrols, so protection has cases to act on. Measured: 4.61% -> 3.89% of all civil
    # servants violated on the PPK's side, z = 4.5 with 40 replications
    common = ["patron.inaction_penalty=0.1", *DETERRENCE]
    ppk, central = arms(
        ["enforcement.central_enforcement=false"],
        ["enforcement.central_enforcement=true"],
        40,
        common,
    )
    v = "violation_rate_ppk_side"
    assert_higher(per_replication(ppk, v), per_replication(central, v), "central enforcement")


# -- perception: what only perception should break, and what learning gives ------------


def test_informed_certainty_and_severity_that_raise_the_expected_sanction_alike_act_alike():
    # Under perception=informed everyone knows the objective certainty and severity, so
    # doubling the PPK's follow-up (0.45 -> 0.9: certainty x 2) and doubling the sanction
    # (strength 6 -> 12: severity x 2) raise the expected sanction by the same factor and
    # must have the same effect: only perception should break the symmetry. Measured
    # (40 replications): 8.38% -> 7.10% (certainty, z = 6.7) and -> 6.98% (severity,
    # z = 7.2); their paired difference, 0.13 points, is noise (z = 1.7): the PPK's
    # follow-up decisions draw case by case, so the arms' draws part after the first
    # recommendation.
    common = ["perception=informed", *DETERRENCE, "enforcement.sanction_strength=6"]
    base = ["region=small", f"seed={SEED}", "replications=40", *common]
    start = run([*base, "enforcement.enforcement_probability=0.45"]).summary
    certain = run([*base, "enforcement.enforcement_probability=0.9"]).summary
    severe = run(
        [*base, "enforcement.enforcement_probability=0.45"] + ["enforcement.sanction_strength=12"]
    ).summary
    v = "violation_rate"
    assert_higher(per_replication(start, v), per_replication(certain, v), "informed certainty")
    assert_higher(per_replication(start, v), per_replication(severe, v), "informed severity")
    mean, z = paired_z(per_replication(certain, v), per_replication(severe, v))
    assert mean == 0 or abs(z) < Z, f"informed: certainty and severity differ by {mean:+.4f}"


def test_learned_a_heavier_sanction_acts_at_once_and_more_certain_follow_up_must_be_learned():
    # Under perception=learned (the default) the same two levers, brought in from the
    # second Pilkada on (timelines), differ: the ladder and its scale are the law, known
    # at once, while the chance of a sanction is learned from the cases one sees and
    # hears of, against a prior worth 10 cases. Measured (60 replications): the first
    # Pilkada alike (same settings, same numbers); in the second, 7.18% with the heavier
    # sanction against 8.39% with the doubled follow-up, z = 6.3 (z = 3.8 with 40).
    base = ["region=small", f"seed={SEED}", "replications=60", *DETERRENCE]
    certain = run(
        [
            *base,
            "enforcement.sanction_strength=6",
            "enforcement.enforcement_probability=[0.45,0.9,0.9]",
        ]
    ).summary
    severe = run(
        [
            *base,
            "enforcement.sanction_strength=[6,12,12]",
            "enforcement.enforcement_probability=0.45",
        ]
    ).summary
    v = "violation_rate"
    first = (per_replication(certain, v, [1]) - per_replication(severe, v, [1])).abs().max()
    assert first == 0, "the first Pilkada has the same settings in both arms"
    assert_higher(
        per_replication(certain, v, [2]), per_replication(severe, v, [2]), "learned: severity first"
    )


# -- capacity --------------------------------------------------------------------------


def test_a_swamped_verifier_decides_fewer_reports_by_the_vote_and_violations_rise_after():
    # Both arms: ten times the fitted patrols, Bawaslu keeping up, sanctions that matter
    # (strength 12), and news reach 0.2, which in a region of 300 hears of as many cases as
    # the default 0.01 in a regency of 6,700. The verifier either keeps up or verifies 30
    # reports a week nationally (0.0025 a week for this region: after a vote most reports
    # are still queued when the next cycle opens, and are dropped).
    # Measured (400 replications): reports decided by election day 78.1% -> 58.1% (z = 12.8,
    # over the 277 with a report in the first cycle); violation rate in the Pilkadas after
    # (cycles 2 and 3) 5.12% -> 5.33% (z = 5.0): the belief is a prior worth 10 cases and
    # what is seen adds to it a little every cycle.
    common = [
        TEN_TIMES_PATROLS,
        "enforcement.bawaslu_capacity=1000",
        "enforcement.sanction_strength=12",
        "perception.news_reach=0.2",
    ]
    keeps_up, swamped = arms(
        ["enforcement.verifier_capacity=1000000"], ["enforcement.verifier_capacity=30"], 400, common
    )
    decided = "decided_by_vote"
    assert_higher(
        per_replication(keeps_up, decided, [1]).dropna(),
        per_replication(swamped, decided, [1]).dropna(),
        "decided by the vote",
    )
    v = "violation_rate"
    later = (2, 3)
    assert_higher(
        per_replication(swamped, v, later), per_replication(keeps_up, v, later), "violations after"
    )
