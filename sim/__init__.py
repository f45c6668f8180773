"""Patronage: an agent-based model of civil-servant neutrality in Indonesian elections.

From Python: ``sim.run(["region=small", "enforcement.sanction_strength=6"])``
returns a ``RunResult`` whose ``summary`` and ``timeseries`` are the tables
the ``patronage`` command writes.
"""

from .config import ConfigError, Params
from .model import PatronageModel
from .run import RunResult, run

__all__ = ["ConfigError", "Params", "PatronageModel", "RunResult", "run"]
__version__ = "0.1.0"
