"""The code base itself: lint-clean, and the ODD parameter table true to the code."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from sim.runs import settings_doc

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is installed with the test extra")
def test_ruff_finds_nothing():
    done = subprocess.run(["ruff", "check", str(ROOT)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout


def test_odd_settings_table_matches_the_code():
    text = settings_doc.ODD.read_text(encoding="utf-8")
    assert text == settings_doc.updated(text), "run: python -m sim.runs.settings_doc"
