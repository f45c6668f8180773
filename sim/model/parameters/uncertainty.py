"""Which parameter values a run uses: the defaults, or draws from the calibration's posterior."""

from __future__ import annotations

from dataclasses import dataclass

from .base import setting

POSTERIOR = "experiments/calibration (ABC-SMC posterior, docs/ODD.md section 10)"


@dataclass(frozen=True)
class Uncertainty:
    """How a run treats the calibrated settings.

    ``none``: every replication uses the settings as given. ``posterior``: replication r
    uses draw r mod ``draws`` of the posterior sample for the calibrated settings, so arms
    run on the same seeds are paired on draws and seeds (the rule for a policy that changes
    a calibrated setting: docs/ODD.md, section 10).
    """

    kind: str = setting(
        choices=("none", "posterior"),
        meaning="none: the settings as given; posterior: each replication on a posterior draw",
        source=POSTERIOR,
    )
    draws: int = setting(
        low=1,
        high=100_000,
        meaning="posterior draws used (replication r runs draw r mod draws)",
        source=POSTERIOR,
    )
    sample: str = setting(
        optional=True,
        meaning="CSV of posterior draws, one column per calibrated setting (relative paths: "
        "from the working folder, else from the repository)",
        source=POSTERIOR,
    )
