"""Policies, sweeps, the tidy table, resume, and the report, on tiny sweeps."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest
from omegaconf import OmegaConf
from scipy import stats

from sim import run
from sim.model.parameters import ConfigError
from sim.model.validation import settings_table
from sim.runs.jobs import DONE
from sim.runs.settings import CONFIG_DIR, compose_config, params_from
from sim.sweeps.compare import compare, difference_interval, mean_interval
from sim.sweeps.plan import Job, is_done
from sim.sweeps.report import main as report_main

from .conftest import patronage, read

POLICIES = sorted(p.stem for p in (CONFIG_DIR / "policy").glob("*.yaml"))
TINY = ["region=small", "replications=2", "cycles=2", "seed=3"]
SWEEP = ["policy=baseline,central_enforcement", "enforcement.sanction_strength=1,4"]


def test_every_named_policy_exists():
    wanted = {
        "baseline",
        "heavier_sanctions",
        "certain_enforcement",
        "central_enforcement",
        "more_patrols",
        "whistleblower_protection",
        "merit_system",
        "socialisation",
        "combined",
    }
    assert wanted <= set(POLICIES)


@pytest.mark.parametrize("policy", POLICIES)
def test_a_policy_names_itself_says_what_it_stands_for_and_only_changes_parameters(policy):
    text = (CONFIG_DIR / "policy" / f"{policy}.yaml").read_text()
    comment = [
        line for line in text.splitlines() if line.startswith("#") and "@package" not in line
    ]
    base = params_from(compose_config([]))
    p = params_from(compose_config([f"policy={policy}"]))
    # a policy that sets a number anywhere but at an end of its range (certain follow-up,
    # no protection) chose how strong the measure is: its comment must say so
    with_policy, without = compose_config([f"policy={policy}"]), compose_config([])
    chosen = []
    for row in settings_table():
        value = OmegaConf.select(with_policy, row["key"])
        moved = value != OmegaConf.select(without, row["key"])
        if row["type"] == "float" and moved and value not in (row["low"], row["high"]):
            chosen.append(row["key"])
    if chosen:
        assert "assumption" in " ".join(comment), f"{policy} sets {chosen}: say it is assumed"
    assert p.policy == policy
    # the run itself (region, seeds, cycles, election) is the user's, not the policy's
    for untouched in ("seed", "replications", "cycles", "campaign_weeks", "region", "election"):
        assert getattr(p, untouched) == getattr(base, untouched), untouched
    if policy != "baseline":
        levers = ("behaviour", "enforcement", "careers", "patron", "teams")
        assert any(getattr(p, group) != getattr(base, group) for group in levers)


def test_the_combined_policy_applies_every_measure():
    combined = params_from(compose_config(["policy=combined"]))
    for policy in set(POLICIES) - {"baseline", "combined"}:
        single = params_from(compose_config([f"policy={policy}"]))
        base = params_from(compose_config([]))
        for group in ("behaviour", "enforcement", "careers"):
            for name, value in vars(getattr(single, group)).items():
                if value != getattr(getattr(base, group), name):
                    assert getattr(getattr(combined, group), name) == value, (policy, name)


def test_every_experiment_composes_and_names_a_fixed_folder():
    for path in (CONFIG_DIR / "experiment").glob("*.yaml"):
        cfg = compose_config([f"experiment={path.stem}"], with_hydra=True)
        assert cfg.hydra.sweep.dir == f"results/experiments/{path.stem}"
        assert cfg.hydra.sweeper.params or cfg.get("sensitivity"), path.stem  # what it sweeps
        assert (CONFIG_DIR.parent / "experiments" / path.stem / "README.md").is_file()


@pytest.fixture(scope="module")
def sweep(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("sweep")
    out = cwd / "sweep"
    done = patronage("-m", *TINY, *SWEEP, f"hydra.sweep.dir={out}", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done, out, cwd


def test_a_sweep_writes_one_tidy_table_with_the_swept_settings(sweep):
    _, out, _ = sweep
    runs = read(out / "runs.csv")
    assert len(runs) == 4 * 2 * 2  # jobs x replications x cycles
    assert {"job", "policy", "enforcement.sanction_strength", "violation_rate"} <= set(runs)
    assert set(runs["policy"]) == {"baseline", "central_enforcement"}
    assert set(runs["enforcement.sanction_strength"]) == {1.0, 4.0}
    assert not runs.duplicated(["job", "replication", "cycle"]).any()


def test_the_table_holds_the_same_numbers_as_the_python_api(sweep):
    _, out, _ = sweep
    runs = read(out / "runs.csv")
    one = ["policy=central_enforcement", "enforcement.sanction_strength=4"]
    api = run([*TINY, *one]).summary
    row = runs[
        (runs["policy"] == "central_enforcement") & (runs["enforcement.sanction_strength"] == 4)
    ]
    pd.testing.assert_frame_equal(
        row[api.columns].reset_index(drop=True), api.reset_index(drop=True), check_dtype=False
    )


def test_a_sweep_writes_figures_and_a_report_and_prints_the_ranking(sweep):
    done, out, _ = sweep
    # one number swept (with policies): its response, the funnel against it, the weeks
    for name in ("violations_by_sanction_strength.png", "funnel.png", "violations_over_time.png"):
        assert (out / name).stat().st_size > 10_000, name  # a drawn figure, not an empty file
    assert not (out / "comparison.png").exists()  # the response chart shows every arm
    report = (out / "report.md").read_text()
    assert "## Ranking" in report and "## What the numbers say" in report
    # the caption every figure carries, read from the sweep's own configuration and rows
    caption = (
        "Simulated: small region (300 civil servants), Pilkada, 2 cycles of 10 campaign "
        "weeks, 2 replications per arm, seed 3."
    )
    assert caption in report
    # readable arm names, and no baseline the sweep does not have
    assert "| Central enforcement (BKN), sanction strength 4 |" in report
    assert "against the baseline" not in report and "vs baseline" not in report
    assert "4 of 4 job(s) finished" in done.stdout
    assert "| 1 |" in done.stdout and "report.md" in done.stdout
    assert "4/4 jobs" in done.stdout  # progress


def test_running_a_finished_sweep_again_does_no_model_work(sweep):
    _, out, cwd = sweep
    before = {p: p.stat().st_mtime_ns for p in out.glob(f"*/{DONE}")}
    again = patronage("-m", *TINY, *SWEEP, f"hydra.sweep.dir={out}", cwd=cwd)
    assert again.returncode == 0, again.stderr
    assert "4 already finished, 0 to run" in again.stdout
    assert {p: p.stat().st_mtime_ns for p in out.glob(f"*/{DONE}")} == before


def test_an_interrupted_sweep_finishes_only_what_is_missing(sweep, tmp_path):
    _, out, cwd = sweep
    copy = tmp_path / "copy"
    shutil.copytree(out, copy)
    complete = read(copy / "runs.csv")
    # a job killed before it finished has no done.json (it is written last)
    killed = next(iter(sorted(copy.glob(f"*/{DONE}"))))
    killed.unlink()
    (copy / "runs.csv").unlink()
    again = patronage("-m", *TINY, *SWEEP, f"hydra.sweep.dir={copy}", cwd=cwd)
    assert again.returncode == 0, again.stderr
    assert "3 already finished, 1 to run" in again.stdout
    resumed = read(copy / "runs.csv")
    keys = ["job", "replication", "cycle"]
    pd.testing.assert_frame_equal(
        resumed.sort_values(keys).reset_index(drop=True),
        complete.sort_values(keys).reset_index(drop=True),
    )


def test_the_report_command_rebuilds_a_partial_sweep_and_says_what_is_missing(
    sweep, tmp_path, capsys
):
    _, out, _ = sweep
    copy = tmp_path / "partial"
    shutil.copytree(out, copy)
    for name in ("runs.csv", "report.md"):
        (copy / name).unlink()
    missing = sorted(copy.glob(f"*/{DONE}"))[0]
    missing.unlink()
    assert report_main([str(copy)]) == 0
    printed = capsys.readouterr().out
    assert "3 of 4 job(s) finished" in printed and "1 job(s) missing" in printed
    assert len(read(copy / "runs.csv")) == 3 * 2 * 2
    assert missing.parent.name in (copy / "report.md").read_text()


def test_the_report_command_refuses_a_folder_without_a_sweep(tmp_path, capsys):
    assert report_main([str(tmp_path)]) == 2
    assert "holds no sweep" in capsys.readouterr().err


def test_a_job_whose_configuration_changed_is_not_counted_as_done(tmp_path):
    job = Job(["policy=baseline"], "policy=baseline", key="abc")
    (tmp_path / job.folder).mkdir()
    (tmp_path / job.folder / DONE).write_text(json.dumps({"key": "abc"}))
    assert is_done(tmp_path, job)
    assert not is_done(tmp_path, Job(job.overrides, job.folder, key="other"))


def test_a_bad_value_anywhere_in_a_sweep_stops_it_before_anything_is_written(tmp_path):
    out = tmp_path / "bad"
    done = patronage(
        "-m", *TINY, "enforcement.sanction_strength=1,99", f"hydra.sweep.dir={out}", cwd=tmp_path
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "patronage: error: enforcement.sanction_strength=99 is not allowed: "
        "use a number from 0 to 20"
    ]
    assert not out.exists()


def test_a_timeline_can_be_swept_from_the_command_line(tmp_path):
    out = tmp_path / "timeline"
    done = patronage(
        "-m",
        "region=small",
        "replications=3",
        "cycles=2",
        "enforcement.detection_probability=0.2",
        "enforcement.enforcement_probability=[1,0],[0,1]",
        f"hydra.sweep.dir={out}",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    runs = read(out / "runs.csv")
    by_cycle = runs.groupby(["enforcement.enforcement_probability", "cycle"])["sanctioned"].sum()
    # follow-up 0 in a cycle means no PPK sanction in it; follow-up 1 gives some
    assert by_cycle[("[1,0]", 2)] == 0 and by_cycle[("[0,1]", 1)] == 0
    assert by_cycle[("[1,0]", 1)] > 0 and by_cycle[("[0,1]", 2)] > 0


def test_paired_and_unpaired_intervals_match_the_textbook():
    rng = np.random.default_rng(0)
    base = pd.Series(rng.normal(0.10, 0.01, 30))
    arm = base - 0.02 + pd.Series(rng.normal(0, 0.002, 30))
    paired = difference_interval(arm, base)
    d = (arm - base).to_numpy()
    half = stats.t.ppf(0.975, 29) * d.std(ddof=1) / np.sqrt(30)
    assert paired.mean == pytest.approx(d.mean()) and paired.half_width == pytest.approx(half)
    unpaired = difference_interval(arm.set_axis(range(30, 60)), base)
    welch = stats.ttest_ind(arm, base, equal_var=False).confidence_interval(0.95)
    assert (unpaired.low, unpaired.high) == pytest.approx((welch.low, welch.high))
    one = mean_interval(base.to_numpy())
    assert one.low < base.mean() < one.high


def test_compare_ranks_arms_and_measures_change_against_baseline():
    rows = []
    for policy, shift in (("baseline", 0.0), ("strong", -0.03), ("none", 0.0)):
        for r in range(10):
            for cycle in (1, 2):
                rows.append(
                    {
                        "policy": policy,
                        "seed": 1,
                        "replication": r,
                        "cycle": cycle,
                        "violation_rate": 0.1 + 0.001 * r + shift,
                        "violators": 10,
                        "reported": 5,
                        "proven": 4,
                        "sanctioned": 2,
                    }
                )
    c = compare(pd.DataFrame(rows), ["policy"])
    assert list(c.table["arm"])[0] == "strong" and c.baseline == "baseline" and c.paired
    strong = c.table.set_index("arm").loc["strong"]
    assert strong["change"] == pytest.approx(-0.03)
    assert strong["followup"] == pytest.approx(0.5)


def test_compose_config_refuses_unknown_policy():
    with pytest.raises(ConfigError, match="policy=stricter is not a known policy: use one of"):
        compose_config(["policy=stricter"])


def test_a_grid_of_two_settings_draws_a_surface_and_the_funnel_as_maps(tmp_path):
    grid = ["enforcement.sanction_strength=0,6", "enforcement.enforcement_probability=0,1"]
    out = tmp_path / "grid"
    done = patronage("-m", *TINY, *grid, f"hydra.sweep.dir={out}", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for name in ("deterrence_surface.png", "funnel.png", "violations_over_time.png"):
        assert (out / name).stat().st_size > 10_000, name
    assert not (out / "comparison.png").exists()  # no bar per arm: the surface has them all
    report = (out / "report.md").read_text()
    assert "Moving sanction strength from 0 to 6 changes violations by" in report
    assert "Moving PPK follow-up from 0 to 1 changes violations by" in report
    # strength 0: follow-up cannot matter; follow-up 0: no sanction ever comes (and the first
    # belief is the record's, so civil servants know it), strength cannot matter: three arms
    # tie and the report says so
    assert "Most violations (" in report and "3 arms tied: Sanction strength 0" in report
    assert "baseline" not in report.lower()
