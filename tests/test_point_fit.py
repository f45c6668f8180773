"""The calibration's fit table, and that the defaults in configs/ are the fitted values."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest
from omegaconf import OmegaConf

from sim import run
from sim.runs.settings import compose_config

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "experiments" / "calibration" / "point"


def _calibrate():
    spec = importlib.util.spec_from_file_location("point_fit", FOLDER / "fit.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


calibrate = _calibrate()


def test_fit_table_on_a_tiny_run_has_every_target_with_an_interval_around_the_mean():
    summary = run(["region=small", "cycles=1", "replications=8", "seed=3"]).summary
    table = calibrate.statistics(summary)
    assert list(table.target) == [t.name for t in calibrate.TARGETS]
    assert table.source.str.match(r"data/calibration\.md line \d+$").all()
    finite = table.dropna(subset=["simulated"])
    assert (finite.ci95_low <= finite.simulated + 1e-12).all()
    assert (finite.simulated <= finite.ci95_high + 1e-12).all()
    expected = (table.tolerance_low <= table.simulated) & (table.simulated <= table.tolerance_high)
    assert (table.within == expected).all()


def _summary(**columns: float) -> pd.DataFrame:
    """Ten identical replications of a hand-made summary row (fitting every target)."""
    row = {column: 0 for t in calibrate.TARGETS for column in t.numerator}
    row.update(reported=7.5, reported_by_patrol=6.675, proven=5.9, sanctioned=5.35)
    types = {"social_media": 304, "partisan_activity": 224, "candidate_photo": 126}
    types.update(declaration=109, party_approach=56, mobilising_subordinates=90)
    types.update(state_facilities=90)
    row.update({f"proven_{k}": v for k, v in types.items()})
    row.update(sanctioned_moral=61, sanctioned_light=1, sanctioned_medium=37, sanctioned_heavy=1)
    row.update(columns)
    return pd.DataFrame([row] * 10)


def test_a_summary_that_matches_the_record_is_within_every_tolerance():
    table = calibrate.statistics(_summary())
    assert table.within.all(), table.loc[~table.within, "target"].tolist()
    assert calibrate.distance(table) < 1.0


@pytest.mark.parametrize(
    ("columns", "missed"),
    [
        ({"reported": 12.0}, "T1 reported per region"),
        ({"reported_by_patrol": 5.0}, "T2 reported by patrols"),
        ({"sanctioned_heavy": 20}, "T5 sanctions: heavy"),
        ({"proven_party_approach": 200}, "T3 proven: party approach"),
    ],
)
def test_an_out_of_tolerance_target_is_flagged(columns, missed):
    table = calibrate.statistics(_summary(**columns)).set_index("target")
    assert not table.loc[missed, "within"]
    assert "NO" in calibrate.markdown(table.reset_index())


def test_the_defaults_in_configs_are_the_calibration_output():
    cfg = compose_config([])
    fitted = calibrate.read_calibrated()
    assert fitted, "experiments/calibration/point/calibrated.yaml is empty"
    for key, value in fitted.items():
        assert OmegaConf.select(cfg, key) == pytest.approx(value, rel=1e-12), key


def test_policies_keep_their_stated_multiple_of_the_fitted_defaults():
    fitted = calibrate.read_calibrated()
    patrols = compose_config(["policy=more_patrols"]).enforcement.detection_probability
    reports = compose_config(["policy=whistleblower_protection"]).enforcement.report_probability
    binding = compose_config(["policy=certain_enforcement"]).patron.inaction_penalty
    # the policy files say 'doubles', 'three times', 'ten times'; values are written to 3 s.f.
    assert patrols == pytest.approx(2 * fitted["enforcement.detection_probability"], rel=5e-3)
    assert reports == pytest.approx(3 * fitted["enforcement.report_probability"], rel=5e-3)
    assert binding == pytest.approx(10 * fitted["patron.inaction_penalty"], rel=5e-3)
