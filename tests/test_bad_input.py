"""A catalogue of bad input: each case stops with one clear line, exit 2, nothing written."""

from __future__ import annotations

import pytest

from sim.runs.resources import BYTES_PER_CIVIL_SERVANT, available_memory

from .conftest import patronage

# (overrides, what the one line must say); together they cover out-of-range and
# wrong-type values, unknown names, timelines, impossible regions and output folders
CATALOGUE = [
    (["enforcement.enforcement_probability=1.5"], "=1.5 is not allowed: use a number from 0 to 1"),
    (["region.kinship_density=-0.1"], "=-0.1 is not allowed: use a number from 0 to 1"),
    (["enforcement.detection_probability=1e9"], "is not allowed: use a number from 0 to 1"),
    (["behaviour.knowledge=nan"], "behaviour.knowledge=nan is not allowed"),
    (["cycles=0"], "cycles=0 is not allowed: use an integer from 1 to 100"),
    (["cycles=abc"], "cycles='abc' is not allowed: use an integer"),
    (["seed=-1"], "seed=-1 is not allowed: use an integer from 0 to 4294967295"),
    (["replications=0"], "replications=0 is not allowed: use an integer from 1"),
    (["campaign_weeks=0"], "campaign_weeks=0 is not allowed: use an integer from 1 to 104"),
    (["enforcement.central_enforcement=1"], "is not allowed: use true or false"),
    (["careers.merit_weight=true"], "careers.merit_weight=True is not allowed: use a number"),
    (["election.kind=presidential"], "is not allowed: use one of pilkada, pemilu"),
    (["enforcement.foo=1"], "enforcement.foo is not a setting"),
    (["policy=stricter"], "policy=stricter is not a known policy: use one of baseline,"),
    (
        ["region=atlantis"],
        "region=atlantis is not a known region: use one of classroom, national, regency, small",
    ),
    (["region="], "region= needs a name: use one of classroom, national, regency, small"),
    (["experiment=nothing"], "experiment=nothing is not a known experiment: use one of"),
    (["enforcement.sanction_strength==3"], "could not read the command-line overrides"),
    (["cycles=3", "enforcement.sanction_strength=[1,2]"], "has 2 values but cycles=3"),
    (["enforcement.sanction_strength=[]"], "=[] is not allowed: give one value or one per cycle"),
    (["region.civil_servants=[1,2]"], "region.civil_servants=[1, 2] is not allowed"),
    (["region.civil_servants=0"], "region.civil_servants=0 is not allowed: use an integer from 20"),
    (["region.candidates=50"], "region.candidates=50 is not allowed: use an integer from 2 to 10"),
    (["enforcement.sanction_mix.moral=0.9"], "its four shares must add up to 1"),
    (["region.org_chart=nowhere.graphml"], "region.org_chart=nowhere.graphml cannot be read"),
    (["region=national", "region.civil_servants=1000"], "is too few for region.regions=545"),
    (["region=national", "region.org_chart=a.graphml"], "region.org_chart=a.graphml is for one"),
    (["region.regions=0"], "region.regions=0 is not allowed: use an integer from 1 to 1000"),
    # perception and capacity (issue 12)
    (
        ["enforcement.bawaslu_capacity=-1"],
        "enforcement.bawaslu_capacity=-1 is not allowed: use a number from 0 to 1000",
    ),
    (
        ["enforcement.verifier_capacity=-0.5"],
        "enforcement.verifier_capacity=-0.5 is not allowed: use a number from 0 to 1000000",
    ),
    (
        ["enforcement.followup_deadline_weeks=2.5"],
        "enforcement.followup_deadline_weeks=2.5 is not allowed: use an integer from 0 to 104",
    ),
    (
        ["perception=clairvoyant"],
        "perception=clairvoyant is not a known perception: use one of fixed, informed, learned",
    ),
    (
        ["perception.kind=psychic"],
        "perception.kind='psychic' is not allowed: use one of learned, informed, fixed",
    ),
    (
        ["enforcement.ladder.heavy=0.5"],
        "enforcement.ladder.heavy=0.5 is not allowed: the ladder must rise, use a number above "
        "enforcement.ladder.medium=1",
    ),
    (
        ["enforcement.ladder.light=0.1"],
        "enforcement.ladder.light=0.1 is not allowed: the ladder must rise",
    ),
    (["perception.news_reach=2"], "perception.news_reach=2 is not allowed: use a number from 0"),
    (["perception.memory=0"], "perception.memory=0 is not allowed with perception=learned"),
    (["perception.impunity_weeks=0"], "perception.impunity_weeks=0 is not allowed: use an integer"),
    (["patron.pressure_budget=-1"], "patron.pressure_budget=-1 is not allowed: use a number"),
    (["patron.decision_noise=0"], "patron.decision_noise=0 is not allowed: use a number from"),
    (["teams.reach=2"], "teams.reach=2 is not allowed: use a number from 0 to 1"),
    (["careers.purge_severity=abc"], "careers.purge_severity='abc' is not allowed"),
    (["region.ppk_kind.acting=0.5"], "region.ppk_kind adds up to 1.5: its three shares"),
    (["patron.threat_cost=[1,2]", "cycles=3"], "patron.threat_cost has 2 values but cycles=3"),
]
TOO_LARGE = 90_000_000  # civil servants: about 100 GB, more than a workstation has


@pytest.mark.parametrize(("overrides", "says"), CATALOGUE, ids=lambda v: " ".join(v)[:40])
def test_bad_input_is_refused_with_one_line_and_nothing_written(tmp_path, overrides, says):
    out = tmp_path / "out"
    done = patronage(*overrides, f"hydra.run.dir={out}", cwd=tmp_path, module=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("patronage: error: "), done.stderr
    assert says in lines[0]
    assert list(tmp_path.iterdir()) == []  # no output folder, no log, nothing


def test_an_output_folder_inside_a_file_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("")
    done = patronage("region=small", f"hydra.run.dir={tmp_path}/notes.txt/out", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip().endswith("notes.txt is a file, not a folder")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_an_unwritable_output_folder_is_refused(tmp_path):
    # /proc cannot hold new folders, even for root (who ignores permission bits)
    done = patronage("region=small", "hydra.run.dir=/proc/patronage-out", cwd=tmp_path)
    assert done.returncode == 2
    assert "hydra.run.dir=/proc/patronage-out cannot be written" in done.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unwritable_sweep_folder_is_refused(tmp_path):
    done = patronage(
        "-m",
        "region=small",
        "policy=baseline,merit_system",
        "hydra.sweep.dir=/proc/sweep",
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("patronage: error: hydra.sweep.dir=")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    (available_memory() or 0) > TOO_LARGE * BYTES_PER_CIVIL_SERVANT,
    reason="this machine has memory enough for the region",
)
def test_a_region_too_large_for_memory_is_refused_up_front_with_the_estimate(tmp_path):
    done = patronage(f"region.civil_servants={TOO_LARGE}", cwd=tmp_path)
    assert done.returncode == 2
    line = done.stderr.strip()
    assert "needs about 100.6 GB of memory and this machine has" in line
    assert "use at most" in line and "\n" not in line
    assert list(tmp_path.iterdir()) == []
