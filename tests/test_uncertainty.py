"""Runs over posterior draws (uncertainty=posterior): checked input, draws paired across arms,
policies applied relative to each draw, and the report's probabilities."""

from __future__ import annotations

import pandas as pd
import pytest

from sim import run
from sim.model.parameters import ConfigError
from sim.runs.uncertainty import relative, replication_params
from sim.sweeps.uncertainty import posterior_comparison

from .conftest import make_params, patronage


@pytest.fixture
def sample(tmp_path):
    """Three hand-written draws of two calibrated settings."""
    path = tmp_path / "posterior.csv"
    pd.DataFrame(
        {
            "draw": [0, 1, 2],
            "enforcement.detection_probability": [0.004, 0.008, 0.016],
            "behaviour.integrity": [4.0, 5.5, 7.0],
        }
    ).to_csv(path, index=False)
    return path


def _posterior(sample, *extra):
    return ["uncertainty=posterior", f"uncertainty.sample={sample}", "uncertainty.draws=3", *extra]


def test_replication_r_runs_draw_r_mod_draws_and_says_so_in_its_rows(sample):
    result = run(["region=small", "cycles=1", "replications=5", *_posterior(sample)])
    assert list(result.summary["draw"]) == [0, 1, 2, 0, 1]
    assert set(result.timeseries.groupby("replication")["draw"].first()) == {0, 1, 2}
    params_of = replication_params(result.params)
    assert params_of(4)[0].behaviour.integrity == 5.5
    assert params_of(4)[0].enforcement.detection_probability == 0.008
    # a draw with more integrity gives fewer violators on the same seeds (draw 2 vs draw 0)
    low = run(["region=small", "cycles=1", "replications=6", "behaviour.integrity=4.0"])
    high = run(["region=small", "cycles=1", "replications=6", "behaviour.integrity=7.0"])
    assert high.summary.violation_rate.mean() < low.summary.violation_rate.mean()


def test_a_policy_is_applied_relative_to_each_draw(sample):
    params = make_params(*_posterior(sample, "policy=more_patrols"))
    default = make_params().enforcement.detection_probability
    factor = params.enforcement.detection_probability / default  # the policy's multiple (2)
    params_of = replication_params(params)
    for draw, drawn in enumerate([0.004, 0.008, 0.016]):
        assert params_of(draw)[0].enforcement.detection_probability == pytest.approx(factor * drawn)
    # a value at an end of its range is kept; one at the default takes the draw
    assert relative(1.0, 0.949, 0.9, 0.0, 1.0) == 1.0
    assert relative(0.0, 0.1, 0.3, 0.0, 1.0) == 0.0
    assert relative(0.949, 0.949, 0.9, 0.0, 1.0) == 0.9
    assert relative(0.6, 0.3, 0.4, 0.0, 1.0) == pytest.approx(0.8)
    assert relative(0.6, 0.3, 0.9, 0.0, 1.0) == 1.0  # kept within the range


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["uncertainty.draws=4"], "uncertainty.draws=4 is not allowed: use a number from 1 to 3"),
        (["uncertainty.sample=nowhere.csv"], "uncertainty.sample=nowhere.csv is not allowed"),
        (["uncertainty.sample=null"], "uncertainty.sample=null is not allowed"),
        (["uncertainty.kind=maybe"], "uncertainty.kind='maybe' is not allowed: use one of none"),
        (["uncertainty.draws=0"], "uncertainty.draws=0 is not allowed"),
    ],
)
def test_bad_uncertainty_settings_are_refused_in_one_line(sample, tmp_path, overrides, message):
    done = patronage(
        "region=small",
        *_posterior(sample),
        *overrides,
        f"hydra.run.dir={tmp_path / 'out'}",
        cwd=tmp_path,
    )
    assert done.returncode == 2, done.stderr
    assert message in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out").exists()


def test_a_sample_with_an_unknown_or_out_of_range_column_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    pd.DataFrame({"draw": [0], "enforcement.detection": [0.1]}).to_csv(bad, index=False)
    with pytest.raises(ConfigError, match="enforcement.detection"):
        run(["region=small", *_posterior(bad, "uncertainty.draws=1")])
    pd.DataFrame({"draw": [0], "enforcement.proof_probability": [1.5]}).to_csv(bad, index=False)
    with pytest.raises(ConfigError, match="proof_probability=1.5 in row 1 is not allowed"):
        run(["region=small", *_posterior(bad, "uncertainty.draws=1")])


@pytest.mark.slow
def test_a_sweep_pairs_its_arms_on_draws_and_seeds(sample, tmp_path):
    done = patronage(
        "-m",
        "region=small",
        "cycles=1",
        "replications=6",
        "policy=baseline,heavier_sanctions",
        *_posterior(sample),
        "hydra/launcher=basic",
        f"hydra.sweep.dir={tmp_path / 'sweep'}",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    runs = pd.read_csv(tmp_path / "sweep" / "runs.csv")
    keys = runs.groupby("policy")[["seed", "replication", "draw"]].apply(
        lambda t: sorted(map(tuple, t.to_numpy()))
    )
    assert keys["baseline"] == keys["heavier_sanctions"]
    report = (tmp_path / "sweep" / "report.md").read_text()
    assert "## With parameter uncertainty (posterior draws)" in report
    assert (tmp_path / "sweep" / "posterior_effects.png").exists()


def test_probabilities_of_ranking_first_and_lowering_violations_by_hand():
    # two draws x two seeds; arm "a" is lower than baseline in draw 0 only, "b" in both
    rows = []
    for draw, base, a, b in [(0, 0.10, 0.08, 0.09), (1, 0.10, 0.12, 0.07)]:
        for replication in (draw, draw + 2):
            for policy, rate in (("baseline", base), ("a", a), ("b", b)):
                rows.append(
                    {
                        "policy": policy,
                        "seed": 1,
                        "replication": replication,
                        "draw": draw,
                        "cycle": 1,
                        "violation_rate": rate,
                    }
                )
    table = posterior_comparison(pd.DataFrame(rows), ["policy"]).set_index("arm")
    assert table.loc["a", "p_first"] == 0.5 and table.loc["b", "p_first"] == 0.5
    assert table.loc["a", "p_lower"] == 0.5 and table.loc["b", "p_lower"] == 1.0
    assert table.loc["b", "effect"] == pytest.approx(-0.02)
    assert table.loc["a", "effect_low"] == pytest.approx(-0.02 + 0.05 * 0.04)
    assert table.loc["baseline", "p_first"] == 0.0
