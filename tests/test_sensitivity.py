"""Sensitivity analysis: the pipeline checked on a function with known indices, and a sweep.

The Ishigami function goes through the same code as a model sweep: the design is
sampled, each point is turned into job overrides and read back, the outputs are
gathered per ``sample_point`` from a runs table, analysed and written to csv.
"""

from __future__ import annotations

import math
import shutil

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf

from sim.model.parameters import ConfigError
from sim.runs.settings import compose_config
from sim.sweeps.sensitivity import (
    POINT,
    Design,
    Lever,
    draw_sample,
    indices,
    point_overrides,
    read_design,
    settings_of,
    write_indices,
)

from .conftest import patronage, read

A, B = 7.0, 0.1  # the usual Ishigami constants


def ishigami(x1: float, x2: float, x3: float) -> float:
    return math.sin(x1) + A * math.sin(x2) ** 2 + B * x3**4 * math.sin(x1)


def ishigami_indices() -> tuple[np.ndarray, np.ndarray]:
    """Analytic S1 and ST of the Ishigami function on [-pi, pi]^3 (Sobol' and Levitan 1999)."""
    v1 = 0.5 * (1 + B * math.pi**4 / 5) ** 2
    v2 = A**2 / 8
    v13 = B**2 * math.pi**8 * (1 / 18 - 1 / 50)
    total = v1 + v2 + v13
    s1 = np.array([v1, v2, 0.0]) / total
    st = np.array([v1 + v13, v2, v13]) / total
    return s1, st  # S1 = 0.314, 0.442, 0; ST = 0.558, 0.442, 0.244


def ishigami_design(method: str, samples: int) -> Design:
    levers = tuple(Lever(f"x{i}", -math.pi, math.pi) for i in (1, 2, 3))
    return Design(method, samples, 2020, 4, ("y",), levers)


def evaluate(design: Design) -> tuple[np.ndarray, pd.DataFrame]:
    """Each sample point through the job mapping, as a runs table (two 'replications')."""
    sample = draw_sample(design)
    rows = []
    for point in range(len(sample)):
        values = settings_of(point_overrides(design, sample, point))  # what a job is given
        y = ishigami(values["x1"], values["x2"], values["x3"])
        rows += [{POINT: point, "replication": r, "y": y} for r in range(2)]
    return sample, pd.DataFrame(rows)


@pytest.fixture(scope="module")
def ishigami_sobol() -> tuple[Design, np.ndarray, pd.DataFrame]:
    design = ishigami_design("sobol", 4096)
    return design, *evaluate(design)


def test_sobol_indices_of_the_ishigami_function_match_the_analytic_values(tmp_path, ishigami_sobol):
    # N = 4096 base samples (20,480 evaluations). SALib's bootstrap 95% half-widths at this N
    # are 0.014 to 0.044, i.e. standard errors up to about 0.022 for random points; the
    # scrambled Sobol' points do better (errors here are below 0.003). A tolerance of 0.05
    # is over two such standard errors, yet far below what broken wiring gives (see the
    # next test: outputs matched to the wrong points give S1 near 0 and ST near 1).
    design, sample, runs = ishigami_sobol
    table = indices(design, sample, runs)
    path = write_indices(table, design, tmp_path)
    columns = ["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    assert list(read(path).columns[:6]) == columns
    written = read(path).set_index("parameter").loc[["x1", "x2", "x3"]]
    s1, st = ishigami_indices()
    np.testing.assert_allclose(written["S1"], s1, atol=0.05)
    np.testing.assert_allclose(written["ST"], st, atol=0.05)
    assert (written["S1_conf"] < 0.05).all() and (written["ST_conf"] < 0.05).all()
    assert read(path)["parameter"].iloc[0] == "x1"  # largest total effect first


def test_outputs_matched_to_the_wrong_points_give_indices_far_from_the_analytic_ones(
    ishigami_sobol,
):
    design, sample, runs = ishigami_sobol
    shuffled = runs.assign(y=np.random.default_rng(1).permutation(runs["y"].to_numpy()))
    table = indices(design, sample, shuffled).set_index("parameter").loc[["x1", "x2", "x3"]]
    s1, st = ishigami_indices()
    assert np.abs(table["S1"] - s1).max() > 0.2 and np.abs(table["ST"] - st).max() > 0.2


def test_morris_screening_of_the_ishigami_function_matches_what_is_known(tmp_path):
    # On a 4-level grid x2 takes only -pi, -pi/3, pi/3, pi and every step (2/3 of the range)
    # changes sin(x2)^2 by 0.75, so each elementary effect of x2 is exactly A x 0.75 / (2/3)
    # = 7.875 in absolute value: mu* is known exactly. x3 acts only through B x3^4 sin(x1),
    # whose sign follows sin(x1): its signed mean mu is near zero, its spread sigma exceeds
    # mu*, and its mu* is the smallest. 200 trajectories make those orderings margins of
    # 2 to 10 times the bootstrap half-widths (about 0.9 for x1 and x3).
    design = ishigami_design("morris", 200)
    sample, runs = evaluate(design)
    table = indices(design, sample, runs)
    path = write_indices(table, design, tmp_path)
    written = read(path).set_index("parameter")
    columns = ["output", "parameter", "mu_star", "mu_star_conf", "sigma"]
    assert list(read(path).columns[:5]) == columns
    assert written.loc["x2", "mu_star"] == pytest.approx(A * 0.75 / (2 / 3), abs=1e-9)
    assert abs(written.loc["x3", "mu"]) < 0.1 * written.loc["x3", "mu_star"]
    assert written.loc["x3", "sigma"] > written.loc["x3", "mu_star"]
    assert written.loc["x3", "mu_star"] + written.loc["x3", "mu_star_conf"] < min(
        written.loc["x1", "mu_star"] - written.loc["x1", "mu_star_conf"],
        written.loc["x2", "mu_star"],
    )


def test_a_point_is_handed_to_its_job_exactly():
    design = ishigami_design("sobol", 8)
    sample = draw_sample(design)
    overrides = point_overrides(design, sample, 5)
    assert overrides[0] == f"+{POINT}=5"
    assert list(settings_of(overrides).values()) == list(sample[5])  # bit for bit


def test_the_sample_is_drawn_from_the_seed():
    design = ishigami_design("sobol", 16)
    np.testing.assert_array_equal(draw_sample(design), draw_sample(design))
    other = Design("sobol", 16, 2021, 4, ("y",), design.levers)
    assert not np.array_equal(draw_sample(design), draw_sample(other))


BAD_DESIGNS = [
    ({"parameters": {"behaviour.carrer_dependence": [3, 8]}}, "it is not a setting"),
    ({"parameters": {"region.civil_servants": [100, 200]}}, "it is not a number setting"),
    (
        {"parameters": {"enforcement.enforcement_probability": [0.3, 1.5]}},
        "enforcement.enforcement_probability=[0.3, 1.5] is not allowed: use [low, high] with "
        "0 <= low < high <= 1",
    ),
    ({"parameters": {"careers.merit_weight": [0.8, 0.1]}}, "0 <= low < high <= 1"),
    ({"samples": 12}, "sensitivity.samples=12 is not allowed: use a power of two"),
    ({"method": "fast"}, "sensitivity.method=fast is not allowed: use one of sobol, morris"),
    ({"outputs": ["violations"]}, "violations is not a column of summary.csv"),
    ({"second_order": True}, "sensitivity.second_order is not a setting"),
]


@pytest.mark.parametrize(("change", "says"), BAD_DESIGNS, ids=lambda v: str(v)[:40])
def test_a_bad_design_is_refused_with_one_line(change, says):
    raw = OmegaConf.to_container(compose_config(["experiment=sensitivity"]).sensitivity)
    raw["seed"] = 1  # the design alone, without the run it belongs to
    if "parameters" in change:  # given flat here; the sweeper accepts both forms
        raw["parameters"] = {**change["parameters"], "behaviour": {"integrity": [4, 6]}}
        change = {}
    with pytest.raises(ConfigError) as caught:
        read_design(raw | change)
    assert says in str(caught.value)
    assert "\n" not in str(caught.value)


def test_the_default_design_stays_inside_every_settings_range():
    cfg = compose_config(["experiment=sensitivity"])
    design = read_design(OmegaConf.to_container(cfg.sensitivity, resolve=True))
    assert len(design.levers) == 7 and design.method == "sobol"
    assert design.outputs == ("violation_rate", "sanctioned")


# -- a sweep on the small region ----------------------------------------------------

TINY = [
    "experiment=sensitivity",
    "region=small",
    "replications=1",
    "cycles=1",
    "sensitivity.samples=2",
]  # 2 x 9 = 18 jobs


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("sensitivity")
    out = cwd / "sweep"
    done = patronage("-m", *TINY, f"hydra.sweep.dir={out}", cwd=cwd, module=True)
    assert done.returncode == 0, done.stderr
    return done, out, cwd


def test_a_sensitivity_sweep_writes_its_sample_indices_chart_and_report(sweep):
    done, out, _ = sweep
    sample = read(out / "sample.csv")
    assert len(sample) == 18 and list(sample[POINT]) == list(range(18))
    runs = read(out / "runs.csv")
    assert sorted(runs[POINT].unique()) == list(range(18))
    # each job ran exactly its point's values
    merged = runs.merge(sample, on=POINT, suffixes=("", "_sample"))
    lever = "behaviour.career_dependence"
    assert (merged[lever] == merged[f"{lever}_sample"]).all()
    table = read(out / "sensitivity.csv")
    assert list(table.columns[:6]) == ["output", "parameter", "S1", "S1_conf", "ST", "ST_conf"]
    assert set(table["output"]) == {"violation_rate", "sanctioned"}
    assert len(table) == 2 * 7
    assert (out / "sensitivity.png").stat().st_size > 10_000
    report = (out / "report.md").read_text()
    assert "ranks first by total effect" in report and "bootstrap" in report
    assert "18/18 jobs" in done.stdout


def test_a_resumed_sensitivity_sweep_reuses_the_sample_and_runs_only_missing_points(sweep):
    _, out, cwd = sweep
    copy = cwd / "resumed"
    shutil.copytree(out, copy)
    shutil.rmtree(copy / "point_0004")
    (copy / "sensitivity.csv").unlink()
    before = (copy / "sample.csv").read_bytes()
    finished = (copy / "point_0003" / "done.json").read_bytes()
    done = patronage("-m", *TINY, f"hydra.sweep.dir={copy}", cwd=cwd, module=True)
    assert done.returncode == 0, done.stderr
    assert "17 already finished, 1 to run" in done.stdout
    assert (copy / "sample.csv").read_bytes() == before
    assert (copy / "point_0003" / "done.json").read_bytes() == finished  # not redone
    pd.testing.assert_frame_equal(read(copy / "sensitivity.csv"), read(out / "sensitivity.csv"))


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        (
            "sensitivity.parameters.enforcement.enforcement_probability=[0,2]",
            "sensitivity.parameters.enforcement.enforcement_probability=[0, 2] is not allowed",
        ),
        ("+sensitivity.parameters.behaviour.loyalty=[0,1]", "behaviour.loyalty cannot be varied"),
        ("policy=baseline,merit_system", "a sensitivity analysis sweeps its own sample"),
    ],
    ids=["range", "name", "swept"],
)
def test_a_bad_sensitivity_sweep_stops_with_one_line_before_writing(tmp_path, bad, says):
    out = tmp_path / "sweep"
    done = patronage("-m", *TINY, bad, f"hydra.sweep.dir={out}", cwd=tmp_path, module=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], done.stderr
    assert not out.exists()
