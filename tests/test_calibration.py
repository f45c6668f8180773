"""The calibration: its citations, its statistics, its reproducibility, and whether it recovers
parameters it was given (experiments/calibration)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.calibration import calibrate, recovery
from experiments.calibration import declarations as decl
from experiments.calibration.simulator import Simulator, base_params
from sim.model.metrics import SUMMARY_COLUMNS

RECORD_LINES = decl.RECORD.read_text(encoding="utf-8").splitlines()


def _all_statistics() -> list[decl.Statistic]:
    d = decl.load()
    return d.statistics + d.pending


@pytest.mark.parametrize("stat", _all_statistics(), ids=lambda s: s.name)
def test_every_figure_a_statistic_cites_is_on_its_line_of_the_record(stat):
    for line, quote in stat.sources:
        assert quote in RECORD_LINES[line - 1], f"{stat.name}: {quote!r} not on line {line}"


def test_target_values_follow_from_the_figures_they_cite():
    # the arithmetic in targets.yaml worked by hand from data/calibration.md
    values = {s.name: s.value for s in _all_statistics()}
    assert values["reported_per_region"] == pytest.approx(7.533, abs=1e-3)  # 2,034 / 270
    assert values["proven_per_reported"] == pytest.approx(0.7851, abs=1e-4)  # 1,597 / 2,034
    assert values["proven_jpt"] == pytest.approx(0.1627, abs=1e-4)  # 15.7 / 96.5
    assert values["proven_eselon_iii_iv"] == pytest.approx(0.3845, abs=1e-4)  # 37.1 / 96.5
    ranks = ["proven_jpt", "proven_eselon_iii_iv", "proven_functional", "proven_pelaksana"]
    assert sum(values[k] for k in ranks) == pytest.approx(1.0, abs=1e-3)


def test_open_type_weights_reproduce_their_shares_among_the_proven():
    # a backer is reported for type k with chance ~ weight x visibility, so the fixed weights
    # (priors.yaml) must be each type's share (line 31-35) over its visibility
    from sim.model.campaign import VISIBILITY, Violation

    d = decl.load()
    shares = {s.name.removeprefix("proven_"): s.value for s in d.statistics}
    for kind in list(Violation)[:5]:
        weight = d.fixed[f"behaviour.violation_propensity.{kind.label}"]
        assert weight == pytest.approx(shares[kind.label] / VISIBILITY[kind], rel=2e-3)


def test_echoes_of_inputs_do_not_count_as_information():
    d = decl.load()
    roles = {s.name: s.role for s in d.statistics}
    assert {roles[k] for k in ("sanctions_moral", "sanctions_medium", "sanctions_light")} == {
        "check"
    }
    assert roles["sanctioned_per_reported"] == "check"  # the product of two fitted ratios
    assert roles["proven_social_media"] == "check"  # its weight is set from it
    observed = decl.observed(d.statistics)
    moved = dict(observed, sanctions_moral=0.0, sanctioned_per_reported=0.0)
    assert decl.distance(moved, observed, d.statistics) == 0.0


def test_distance_counts_each_miss_in_units_of_its_scale():
    d = decl.load()
    observed = decl.observed(d.statistics)
    one = dict(observed, reported_per_region=observed["reported_per_region"] + 0.75)
    assert decl.distance(one, observed, d.statistics) == pytest.approx(1.0)
    two = dict(one, proven_jpt=observed["proven_jpt"] - 0.03)
    assert decl.distance(two, observed, d.statistics) == pytest.approx(np.sqrt(2))


def test_statistics_of_a_hand_made_summary():
    row = dict.fromkeys(SUMMARY_COLUMNS, 0)
    first = dict(
        row,
        reported=6,
        proven=5,
        sanctioned=4,
        reported_by_patrol=6,
        proven_jpt=1,
        proven_functional=4,
        proven_social_media=5,
    )
    second = dict(
        row,
        reported=10,
        proven=7,
        sanctioned=7,
        reported_by_patrol=8,
        proven_administrator=2,
        proven_pengawas=1,
        proven_pelaksana=4,
        proven_state_facilities=7,
    )
    stats = decl.compute(pd.DataFrame([first, second]), decl.load().statistics)
    assert stats["reported_per_region"] == 8.0  # (6 + 10) / 2 regions
    assert stats["proven_per_reported"] == 12 / 16  # pooled, not the mean of 5/6 and 7/10
    assert stats["sanctioned_per_proven"] == 11 / 12
    assert stats["reported_by_patrols"] == 14 / 16
    assert stats["proven_jpt"] == 1 / 12
    assert stats["proven_eselon_iii_iv"] == 3 / 12
    assert stats["proven_other_types"] == 7 / 12
    assert stats["sanctions_moral"] == decl.MISSING  # nothing sanctioned by level here


def test_a_statistic_waits_for_its_columns_and_counts_once_they_exist(monkeypatch):
    d = decl.load()
    assert not d.pending  # every column the targets name is written (Target 4's since issue 13)
    assert {"motive_kin", "pushed_by_superior"} <= {s.name for s in d.fitted}
    without = tuple(c for c in SUMMARY_COLUMNS if c != "motive_kin")
    monkeypatch.setattr(decl, "SUMMARY_COLUMNS", without)
    earlier = decl.load()
    assert [s.name for s in earlier.pending] == ["motive_kin"]


def test_a_share_of_those_who_took_sides_is_pooled_by_their_number():
    # two regions: 10 took sides, 40% kin; 30 took sides, 80% kin; one where no one did
    # (its share undefined): pooled (4 + 24) / 40 = 70%, not the mean of shares (60%)
    d = decl.load()
    kin = next(s for s in d.fitted if s.name == "motive_kin")
    summary = pd.DataFrame({"motive_kin": [0.4, 0.8, np.nan], "took_side": [10, 30, 0]})
    assert decl.compute(summary, [kin])["motive_kin"] == pytest.approx(0.7)


def test_priors_outside_a_settings_range_are_refused(tmp_path):
    bad = tmp_path / "priors.yaml"
    bad.write_text(
        "parameters:\n  - {key: enforcement.proof_probability, prior: uniform, low: 0.5, "
        "high: 1.5, why: x}\n"
    )
    with pytest.raises(ValueError, match="proof_probability prior 0.5..1.5"):
        decl.load(priors=bad)
    bad.write_text(
        "parameters:\n  - {key: enforcement.proof, prior: uniform, low: 0, high: 1, why: x}\n"
    )
    with pytest.raises(ValueError, match="enforcement.proof is not a setting"):
        decl.load(priors=bad)


TINY = [
    "--quick",
    "--region",
    "small",
    "--population",
    "24",
    "--predictive",
    "6",
    "--only",
    "behaviour.integrity",
    "enforcement.proof_probability",
]


def _tiny(folder, *extra: str) -> dict:
    args = calibrate.arguments([*TINY, "--out", str(folder), *extra])
    return calibrate.calibrate(args, say=lambda *_: None)


@pytest.mark.slow
def test_same_seed_same_posterior_on_one_core_or_two_and_after_a_resume(tmp_path):
    one = _tiny(tmp_path / "one", "--workers", "1", "--generations", "3")
    two = _tiny(tmp_path / "two", "--workers", "2", "--generations", "3")
    pd.testing.assert_frame_equal(one["particles"], two["particles"])
    _tiny(tmp_path / "cut", "--workers", "1", "--generations", "2")  # killed after two
    resumed = _tiny(tmp_path / "cut", "--workers", "1", "--generations", "3", "--resume")
    pd.testing.assert_frame_equal(one["particles"], resumed["particles"])
    other = _tiny(tmp_path / "other", "--workers", "1", "--generations", "3", "--seed", "1")
    assert not one["particles"].equals(other["particles"])
    written = pd.read_csv(tmp_path / "one" / "posterior.csv")
    assert list(written.columns) == ["draw", "behaviour.integrity", "enforcement.proof_probability"]
    assert (tmp_path / "one" / "predictive.png").stat().st_size > 0


@pytest.mark.slow
def test_dask_local_cluster_gives_the_same_posterior_as_one_core(tmp_path):
    pytest.importorskip("dask.distributed")
    local = _tiny(tmp_path / "local", "--workers", "1", "--generations", "2")
    cluster = _tiny(tmp_path / "dask", "--sampler", "dask", "--workers", "2", "--generations", "2")
    pd.testing.assert_frame_equal(local["particles"], cluster["particles"])


@pytest.mark.slow
def test_parameter_recovery_on_the_small_region(tmp_path):
    # Two parameters the small region informs when its patrols see much (detection 0.2, so a
    # particle's 8 replications give ~60 reports): the violation level (integrity) and proof.
    # Four datasets from the prior; each known value should lie in its 90% interval. The
    # intervals must also be informative (under 60% of the prior's), or covering is trivial.
    d = decl.load().subset(["behaviour.integrity", "enforcement.proof_probability"])
    d.replications = 8
    simulator = Simulator(
        base_params(d, ["region=small", "enforcement.detection_probability=0.2"]),
        d.searched,
        d.statistics,
        d.carried,
    )
    table = recovery.recover(
        d,
        simulator,
        datasets=4,
        population=60,
        generations=4,
        seed=11,
        workers=2,
        folder=tmp_path,
        say=lambda *_: None,
    )
    # 8 checks at 90%: 5 or fewer covered has probability 4% for correct intervals
    assert table.covered.sum() >= 6, table
    assert table.interval_vs_prior.mean() < 0.6, table


def test_apply_writes_each_searched_median_with_its_interval(tmp_path):
    import shutil

    from omegaconf import OmegaConf

    configs = tmp_path / "configs"
    shutil.copytree(decl.ROOT / "configs", configs)
    d = decl.load()
    table = pd.DataFrame(
        [
            {
                "setting": "enforcement.detection_probability",
                "median": 0.0123456,
                "low90": 0.01,
                "high90": 0.02,
            },
            {"setting": "perception.memory", "median": 0.9, "low90": 0.1, "high90": 0.95},
        ]
    )
    calibrate.apply(table, d, configs)
    text = (configs / "config.yaml").read_text()
    assert "detection_probability: 0.0123  # posterior median, 90% 0.01 to 0.02" in text
    written = OmegaConf.load(configs / "config.yaml")
    assert written.perception.memory == 0.5  # integrated out: the argued default stays
    assert written.behaviour.violation_propensity.party_approach == pytest.approx(0.1867)
    patrols = OmegaConf.load(configs / "policy" / "more_patrols.yaml")
    assert patrols.enforcement.detection_probability == pytest.approx(0.0246)  # twice 0.0123
