"""The ``patronage`` command as a user runs it: files written, same numbers as Python."""

from __future__ import annotations

import pandas as pd
import pytest

from sim import run

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
