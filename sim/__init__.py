"""Patronage: an agent-based model of civil-servant neutrality in Indonesian elections.

From Python: ``sim.run(["region=small", "enforcement.sanction_strength=6"])``
returns a ``RunResult`` whose ``summary`` and ``timeseries`` are the tables
the ``patronage`` command writes.

The package, one folder per concern:

- ``sim.model``: the model itself (parameters, the world, the weekly phases, the
  vote, careers, metrics, Mesa agents); numpy, scipy, networkx and Mesa only;
- ``sim.runs``: settings composed with Hydra, ``run()``, the national run, output
  files, the ``patronage`` command;
- ``sim.sweeps``: sweep plans, the tidy table, comparisons, figures, reports,
  sensitivity analysis;
- ``sim.app``: the teaching page.

Names used here are loaded on first use, so ``import sim.model`` stays light.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "run": "sim.runs.api",
    "RunResult": "sim.runs.api",
    "Params": "sim.model.parameters",
    "ConfigError": "sim.model.parameters",
    "PatronageModel": "sim.model.model",
}
__all__ = [*_EXPORTS, "__version__"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'sim' has no attribute {name!r}")
