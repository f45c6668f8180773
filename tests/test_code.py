"""The code base itself: lint-clean, laid out in layers, and its documents true to it."""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sim.runs import settings_doc

ROOT = Path(__file__).resolve().parent.parent
CODE = [
    *ROOT.glob("sim/**/*.py"),
    *ROOT.glob("reference/*.py"),
    *ROOT.glob("hydra_plugins/**/*.py"),
]
DOCUMENTS = [
    ROOT / "README.md",
    ROOT / "docs" / "ODD.md",
    *ROOT.glob("experiments/*/README.md"),
    *ROOT.glob("configs/**/*.yaml"),
    *CODE,
]
RECORD = ROOT / "data" / "calibration.md"


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed with the test extra")
def test_ruff_finds_nothing():
    done = subprocess.run(["ruff", "check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_the_import_contracts_hold():
    """Layers, a model free of Hydra and pandas, no cycles: see [tool.importlinter]."""
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run(
        [str(lint) if lint.exists() else "lint-imports", "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout


def test_importing_the_model_loads_no_hydra_matplotlib_or_solara():
    probe = (
        "import sys, sim.model; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'hydra', 'omegaconf', 'matplotlib', 'solara', 'joblib', 'sim'} ))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['sim']"


def test_no_module_is_over_500_lines():
    long = {p.relative_to(ROOT): n for p in CODE if (n := len(p.read_text().splitlines())) > 500}
    assert not long, f"split these modules: {long}"


def test_odd_settings_table_matches_the_code():
    text = settings_doc.ODD.read_text(encoding="utf-8")
    assert text == settings_doc.updated(text), "run: python -m sim.runs.settings_doc"


CITED_NAME = re.compile(r"`(sim(?:\.\w+)+)`")
CITED_PATH = re.compile(r"`((?:sim|reference|configs|experiments|benchmarks|tests|data)/[\w./-]+)`")


def _resolves(dotted: str) -> bool:
    """``sim.model.behaviour.Choice.decide``: the longest importable module, then attributes."""
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            found = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:]:
            if not hasattr(found, name):
                return False
            found = getattr(found, name)
        return True
    return False


def test_every_code_name_and_file_the_odd_cites_exists():
    text = (ROOT / "docs" / "ODD.md").read_text(encoding="utf-8")
    names = set(CITED_NAME.findall(text))
    assert len(names) > 20, "the ODD names the code it describes (`sim.model...`)"
    missing = sorted(n for n in names if not _resolves(n))
    assert not missing, f"the ODD cites names the code does not have: {missing}"
    paths = set(CITED_PATH.findall(text))
    absent = sorted(p for p in paths if not (ROOT / p.rstrip("/")).exists())
    assert not absent, f"the ODD cites files that do not exist: {absent}"


CITATION = re.compile(r"data/calibration\.md,? lines? (\d+)(?:\s*(?:-|–|to)\s*(\d+))?")


def test_every_line_cited_in_the_record_exists_and_holds_text():
    lines = RECORD.read_text(encoding="utf-8").splitlines()
    cited = 0
    for document in DOCUMENTS:
        for first, last in CITATION.findall(document.read_text(encoding="utf-8")):
            for number in range(int(first), int(last or first) + 1):
                cited += 1
                assert 1 <= number <= len(lines), f"{document.name} cites line {number}"
                assert lines[number - 1].strip(), f"{document.name} cites blank line {number}"
    assert cited > 10


def test_the_record_is_the_copy_of_the_shared_one_where_that_is_at_hand():
    shared = ROOT.parent / "shared" / "data" / "calibration.md"
    if not shared.exists():
        pytest.skip("no shared copy beside this checkout")
    assert RECORD.read_text(encoding="utf-8") == shared.read_text(encoding="utf-8")


def test_every_output_column_is_explained_in_the_readme():
    """README's "What the outputs mean" names every column a run writes (a pattern such as
    `violation_rate_<rank>` covers its family)."""
    from sim.model.metrics import SUMMARY_COLUMNS, TIMESERIES_COLUMNS

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## What the outputs mean") :]
    section = section[: section.index("\n## ", 3)]
    named = set(re.findall(r"`([a-z_<>]+)`", section))
    families = [re.compile("^" + re.sub(r"<\w+>", r"[a-z_]+", n) + "$") for n in named if "<" in n]
    unexplained = [
        c
        for c in dict.fromkeys([*SUMMARY_COLUMNS, *TIMESERIES_COLUMNS])
        if c not in named and not any(f.match(c) for f in families)
    ]
    assert not unexplained, f"explain these columns in README: {unexplained}"
