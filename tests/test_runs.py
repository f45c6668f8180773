"""Whole runs: the funnel, reproducibility, election kinds, timelines."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim import PatronageModel, run
from sim.model.metrics import SUMMARY_COLUMNS, TIMESERIES_COLUMNS

from .conftest import make_params


@pytest.fixture(scope="module")
def small_run():
    return run(["region=small", "replications=3", "cycles=2"])


def test_tables_have_the_declared_columns_and_shape(small_run):
    summary, weeks = small_run.summary, small_run.timeseries
    assert list(summary.columns) == list(SUMMARY_COLUMNS)
    assert list(weeks.columns) == list(TIMESERIES_COLUMNS)
    assert len(summary) == 3 * 2
    assert len(weeks) == 3 * 2 * 10
    assert list(summary["seed"].unique()) == [2020]
    assert list(summary["replication"].unique()) == [0, 1, 2]
    shares = weeks[["share_neutral", "share_ppk_side", "share_rivals"]].sum(axis=1)
    assert np.allclose(shares, 1.0)


def test_violators_are_counted_once_and_match_the_rate(small_run):
    s = small_run.summary
    assert np.allclose(s["violation_rate"], s["violators"] / 300)
    last_week = small_run.timeseries.groupby(["replication", "cycle"]).last().reset_index()
    assert np.array_equal(last_week["violators"].to_numpy(), s["violators"].to_numpy())


@pytest.mark.parametrize("seed", range(6))
def test_counts_never_grow_down_the_funnel(seed):
    # random but valid settings: the funnel must hold whatever the parameters
    rng = np.random.default_rng(seed)
    overrides = [
        f"seed={seed}",
        "replications=2",
        "cycles=2",
        f"enforcement.detection_probability={rng.uniform(0, 0.5):.3f}",
        f"enforcement.report_probability={rng.uniform(0, 0.2):.3f}",
        f"enforcement.enforcement_probability={rng.uniform():.3f}",
        f"enforcement.proof_probability={rng.uniform():.3f}",
        f"enforcement.central_enforcement={bool(seed % 2)}".lower(),
        f"behaviour.integrity={rng.uniform(0, 8):.2f}",
    ]
    s = run(["region=small", *overrides]).summary
    assert (s["sanctioned"] <= s["proven"]).all()
    assert (s["proven"] <= s["reported"]).all()
    assert (s["reported"] <= s["violators"]).all()
    assert (s["reported"] == s["reported_by_patrol"] + s["reported_by_public"]).all()
    levels = s[[f"sanctioned_{x}" for x in ("moral", "light", "medium", "heavy")]].sum(axis=1)
    assert (levels == s["sanctioned"]).all()


def test_same_seed_same_numbers_other_seed_other_numbers():
    a = run(["region=small", "replications=2"])
    b = run(["region=small", "replications=2"])
    c = run(["region=small", "replications=2", "seed=99"])
    pd.testing.assert_frame_equal(a.summary, b.summary)
    pd.testing.assert_frame_equal(a.timeseries, b.timeseries)
    assert not a.timeseries["new_violations"].equals(c.timeseries["new_violations"])


def test_a_replication_run_alone_gives_the_same_numbers_as_within_its_job():
    together = run(["region=small", "replications=3", "seed=10"]).summary
    alone = run(["region=small", "replications=1", "first_replication=2", "seed=10"]).summary
    third = together[together["replication"] == 2]
    assert len(third) > 0
    pd.testing.assert_frame_equal(third.reset_index(drop=True), alone.reset_index(drop=True))


def test_neighbouring_seeds_do_not_share_replications():
    # seed s replication 1 must not be seed s+1 replication 0 (streams are spawned, not added)
    first = run(["region=small", "replications=2", "seed=10"]).summary
    second = run(["region=small", "replications=1", "seed=11"]).summary
    cols = ["violators", "reported", "ppk_side_won"]
    assert (
        not first[first["replication"] == 1][cols]
        .reset_index(drop=True)
        .equals(second[cols].reset_index(drop=True))
    )


def test_no_detection_no_reports_and_no_followup_no_sanctions_in_whole_runs():
    quiet = run(
        [
            "region=small",
            "replications=2",
            "enforcement.detection_probability=0",
            "enforcement.report_probability=0",
        ]
    ).summary
    assert quiet["violators"].sum() > 0 and quiet["reported"].sum() == 0
    lax = run(
        [
            "region=small",
            "replications=3",
            "enforcement.detection_probability=0.3",
            "enforcement.enforcement_probability=0",
        ]
    ).summary
    assert lax["proven"].sum() > 0 and lax["sanctioned"].sum() == 0


def test_in_a_pemilu_the_ppk_never_runs_and_stays_in_office():
    model = PatronageModel(make_params("election.kind=pemilu", "cycles=3"))
    heads = []
    while model.running:
        assert not model.race.incumbent_runs
        assert model.race.leverage == model.params.election.pemilu_leverage
        model.step()
        heads.append(model._head_groups.size)
    assert set(heads) == {0}  # a Pemilu never hands the PPK's office to a winner


def test_a_timeline_changes_the_setting_cycle_by_cycle():
    s = run(
        [
            "region=small",
            "replications=4",
            "cycles=2",
            "enforcement.proof_probability=1",
            "enforcement.detection_probability=0.3",
            "enforcement.enforcement_probability=[1,0]",
        ]
    ).summary
    first, second = (s[s["cycle"] == k] for k in (1, 2))
    assert first["sanctioned"].sum() > 0 and second["sanctioned"].sum() == 0


def test_mesa_agents_read_the_engine_state():
    model = PatronageModel(make_params())
    for _ in range(3):
        model.step()
    agents = model.civil_servants
    assert len(agents) == 300
    backing = sum(a.backing is not None for a in agents)
    assert backing == int((model.campaign.choice != 0).sum())
    jpt = [a for a in agents if a.rank.label == "jpt"]
    assert len(jpt) == int((model.world.rank == 0).sum())
    boss = jpt[0].supervisor
    assert boss is None or boss.rank.label == "jpt"
    assert len(model.candidates) == 3 and model.regional_head.backs == 0
    graph = model.graph()
    assert graph.number_of_nodes() == 300 + 1 + 3
