"""The ``patronage`` command as a user runs it: files written, same numbers as Python."""

from __future__ import annotations

import re
from importlib import metadata

import pandas as pd
import pytest

from sim import run
from sim.model.validation import settings_table
from sim.runs import usage
from sim.runs.settings import options

from .conftest import patronage, read

OVERRIDES = ["region=small", "replications=2", "cycles=2", "seed=7"]


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory):
    cwd = tmp_path_factory.mktemp("cli")
    out = cwd / "out"
    done = patronage(*OVERRIDES, f"hydra.run.dir={out}", cwd=cwd)
    assert done.returncode == 0, done.stderr
    return done, out


def test_the_command_writes_tables_and_hydra_config(cli_run):
    done, out = cli_run
    assert (out / "summary.csv").is_file() and (out / "timeseries.csv").is_file()
    assert (out / ".hydra" / "config.yaml").is_file()
    assert "violating" in done.stdout and str(out) in done.stdout
    assert "INFO" not in done.stdout  # no per-step log noise


def test_python_api_gives_the_tables_the_command_writes(cli_run):
    _, out = cli_run
    result = run(OVERRIDES)
    pd.testing.assert_frame_equal(read(out / "summary.csv"), result.summary)
    pd.testing.assert_frame_equal(read(out / "timeseries.csv"), result.timeseries)


def test_python_dash_m_is_the_same_command(tmp_path, cli_run):
    _, first = cli_run
    done = patronage(*OVERRIDES, f"hydra.run.dir={tmp_path / 'again'}", cwd=tmp_path, module=True)
    assert done.returncode == 0, done.stderr
    pd.testing.assert_frame_equal(
        read(tmp_path / "again" / "summary.csv"), read(first / "summary.csv")
    )


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            "enforcement.enforcement_probability=1.5",
            "enforcement.enforcement_probability=1.5 is not allowed: use a number from 0 to 1",
        ),
        ("region=atlantis", "region=atlantis is not a known region"),
        ("typo_key=3", "typo_key is not a setting"),
    ],
)
def test_a_bad_value_stops_with_one_line_and_writes_nothing(tmp_path, override, message):
    done = patronage(override, cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in done.stderr and done.stdout == ""
    assert list(tmp_path.iterdir()) == []  # not even Hydra's output folder


def test_a_run_prints_every_ratio_with_its_counts(cli_run):
    done, out = cli_run
    lines = done.stdout.splitlines()
    head = next(i for i, line in enumerate(lines) if line.lstrip().startswith("cycle"))
    for row in lines[head + 1 : head + 3]:  # cycles 1 and 2
        # violating, follow-up, PPK side won: 'share (part of whole)'
        assert len(re.findall(r"(?:\d+(?:\.\d)?%|-) \([\d,.]+ of [\d,.]+\)", row)) == 3, row
    assert "of 2)" in lines[head + 1]  # PPK side won in k of the 2 replications
    assert not list(out.rglob("*.log"))  # a plain run writes no log file


def test_help_lists_groups_settings_sweeps_and_where_results_go(tmp_path):
    done = patronage("--help", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    text = done.stdout
    assert text == patronage("-h", cwd=tmp_path).stdout
    for group in usage.groups():  # every group folder of configs/, with all its options
        assert f"  {group}=NAME" in text
        for option in options(group):
            assert re.search(rf"^ +{option}\b", text, re.M), (group, option)
    assert {"region", "policy", "experiment"} <= set(usage.groups())
    table = {row["key"]: row for row in settings_table()}
    flat = " ".join(text.split())  # the help wraps long lines
    for key in usage.MOST_USED:
        assert f"  {key}=" in text
        assert table[key]["meaning"] in flat and table[key]["allowed"] in flat, key
    assert "patronage -m " in text and "experiment=NAME" in text
    assert "results/runs/" in text and "results/sweeps/" in text
    assert "--hydra-help" in text
    assert list(tmp_path.iterdir()) == []


def test_version_prints_the_package_version(tmp_path):
    done = patronage("--version", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.strip() == f"patronage {metadata.version('patronage')}"


@pytest.mark.parametrize(
    ("arguments", "hint"),
    [
        (["enforcement.sanction_strenght=4"], "(did you mean enforcement.sanction_strength?)"),
        (["behaviour.carreer_dependence=4"], "(did you mean behaviour.career_dependence?)"),
        (["policy=merit_sytem"], "(did you mean merit_system?)"),
        (["region=smal"], "(did you mean small?)"),
        (["-m", "region=small", "policy=baseline,merit_sytem"], "(did you mean merit_system?)"),
    ],
)
def test_a_misspelt_setting_or_option_gets_did_you_mean(tmp_path, arguments, hint):
    done = patronage(*arguments, f"hydra.sweep.dir={tmp_path / 'sweep'}", cwd=tmp_path)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("patronage: error: ")
    assert hint in lines[0]
    assert list(tmp_path.iterdir()) == []


def test_a_sweep_shows_progress_without_hydra_or_joblib_lines_or_log_files(tmp_path):
    sweep = tmp_path / "sweep"
    done = patronage(
        "-m",
        "region=small",
        "replications=1",
        "cycles=1",
        "enforcement.sanction_strength=1,3",
        f"hydra.sweep.dir={sweep}",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert re.search(r"^  2/2 jobs, \d+:\d\d elapsed$", done.stdout, re.M)  # progress stays
    assert "[HYDRA]" not in done.stdout + done.stderr
    assert "Joblib" not in done.stdout + done.stderr and "Launching" not in done.stdout
    assert (sweep / "report.md").is_file()
    assert not list(sweep.rglob("*.log"))  # Hydra's job log would be empty
