"""The simulation one particle runs: a parameter vector in, the record's statistics out.

The base configuration is composed once (Hydra is not called per particle); each particle
changes the fitted settings with ``Params.replace`` and runs through ``sim.run(params)``,
the fast path that costs about the engine's own time. The particle's simulation seed is
drawn from numpy's global generator, which the sampler seeds per particle
(``samplers.SeededSampling``), so a particle's statistics depend only on the calibration's
seed, its generation and its number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from sim.model.parameters import Params
from sim.runs.api import run
from sim.runs.settings import compose_config, params_from

from .declarations import Declarations, Prior, Statistic, compute

SEEDS = 2**31 - 1


def base_params(declarations: Declarations, extra: list[str] | None = None) -> Params:
    """The configuration every particle starts from, composed and validated once."""
    overrides = [*declarations.overrides, *(extra or [])]
    overrides.append(f"replications={declarations.replications}")
    params = params_from(compose_config(overrides))
    return params.replace(**declarations.fixed) if declarations.fixed else params


def settings_of(parameter: dict[str, float], priors: list[Prior]) -> dict[str, float]:
    """A particle's values by setting key, on the settings' own scale."""
    return {p.key: float(p.to_setting(parameter[p.name])) for p in priors}


@dataclass
class Simulator:
    """``simulator(parameter)`` -> the statistics of one particle (pyabc's model).

    ``priors``: the searched parameters (the particle's); ``carried``: parameters integrated
    out, each simulation drawing them afresh from their priors.
    """

    base: Params
    priors: list[Prior]
    statistics: list[Statistic]
    carried: list[Prior] = field(default_factory=list)

    def __call__(self, parameter: dict[str, float]) -> dict[str, float]:
        # numpy's global generator is seeded per particle by the sampler
        settings = settings_of(parameter, self.priors)
        settings.update({p.key: p.from_unit(np.random.random()) for p in self.carried})
        return self.simulate(settings, int(np.random.randint(SEEDS)))

    def simulate(self, settings: dict[str, float], seed: int) -> dict[str, float]:
        """The statistics at ``settings`` (by setting key) on ``seed``."""
        params = self.base.replace(seed=int(seed), **settings)
        return compute(run(params).summary, self.statistics)
