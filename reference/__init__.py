"""The reference model: the same rules written the plain Mesa way, one agent at a time.

An independent oracle for the tests (``tests/test_reference.py``) and the speed
baseline for the benchmarks (``benchmarks/scale.py``); not part of the package the
``patronage`` command runs.
"""

from .model import ReferenceModel, run_reference

__all__ = ["ReferenceModel", "run_reference"]
