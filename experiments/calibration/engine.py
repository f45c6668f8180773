"""Approximate Bayesian computation by sequential Monte Carlo (pyabc), one generation at a time.

Generation 0 draws the population from the priors (epsilon infinite); each later generation
perturbs the previous one (pyabc's multivariate normal transition, fitted to it) and keeps
particles closer than epsilon, the median distance of the previous population (pyabc's
``QuantileEpsilon``). The history is pyabc's SQLite file: every generation is written when it
ends, so a killed run loses at most the generation under way, and ``run(..., resume=True)``
continues from the last one written. Generations are run one ``ABCSMC.run`` call at a time,
so an uninterrupted run and a resumed one take the same path (each call starts from the
history), and the progress of each is printed as it ends.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyabc

from .declarations import Declarations, distance, observed
from .simulator import Simulator, settings_of


@dataclass
class Generation:
    """What one generation did."""

    t: int
    epsilon: float
    particles: int
    evaluations: int
    seconds: float
    ess: float  # effective sample size of the weighted particles

    @property
    def acceptance(self) -> float:
        return self.particles / self.evaluations if self.evaluations else float("nan")


def _distance(statistics):
    def measure(simulated: dict, record: dict) -> float:
        return distance(simulated, record, statistics)

    return measure


class Flat(pyabc.RVBase):
    """A flat prior on ``low..high``, its density in plain arithmetic.

    pyabc asks the prior's density of every proposal, most of which fall outside the box in
    twenty dimensions; scipy's frozen distributions cost a tenth of a millisecond a call,
    which made proposing slower than simulating.
    """

    def __init__(self, low: float, high: float) -> None:
        self.low, self.high = float(low), float(high)
        self.density = 1.0 / (self.high - self.low)

    def copy(self) -> Flat:
        return Flat(self.low, self.high)

    def rvs(self, *args, **kwargs) -> float:
        return self.low + (self.high - self.low) * np.random.random()

    def pdf(self, x: float, *args, **kwargs) -> float:
        return self.density if self.low <= x <= self.high else 0.0

    def pmf(self, x: float, *args, **kwargs) -> float:
        return 0.0

    def cdf(self, x: float, *args, **kwargs) -> float:
        return min(1.0, max(0.0, (x - self.low) * self.density))


class ResumableMedianEpsilon(pyabc.QuantileEpsilon):
    """Infinite for generation 0 (the priors' sample), then the median distance of the
    previous generation: also when a run is resumed (pyabc's own would start a resumed run
    from the initial, infinite epsilon again)."""

    def __init__(self) -> None:
        super().__init__(initial_epsilon=np.inf, alpha=0.5)

    def initialize(
        self, t, get_weighted_distances, get_all_records, max_nr_populations, acceptor_config
    ):
        if t > 0:
            self._update(t, get_weighted_distances())


def prior(declarations: Declarations) -> pyabc.Distribution:
    """The priors on the search scale (log10 for a log-uniform prior): flat boxes."""
    return pyabc.Distribution(**{p.name: Flat(*p.search_bounds) for p in declarations.priors})


def build(
    declarations: Declarations, simulator: Simulator, sampler, population: int
) -> pyabc.ABCSMC:
    """The ABC-SMC run: priors, the simulator, the distance, epsilon schedule and sampler."""
    logging.getLogger("ABC").setLevel(logging.WARNING)  # our own progress lines instead
    return pyabc.ABCSMC(
        models=simulator,
        parameter_priors=prior(declarations),
        distance_function=_distance(declarations.statistics),
        population_size=population,
        sampler=sampler,
        eps=ResumableMedianEpsilon(),
        transitions=pyabc.MultivariateNormalTransition(),
    )


def generations_done(history: pyabc.History) -> list[Generation]:
    """The generations written in the history, in order."""
    populations = history.get_all_populations()
    populations = populations[populations.t >= 0]
    rows = []
    for row in populations.itertuples():
        rows.append(
            Generation(
                t=int(row.t),
                epsilon=float(row.epsilon),
                particles=int(row.particles),
                evaluations=int(row.samples),
                seconds=float(row.wall_time),
                ess=_ess(history, int(row.t)),
            )
        )
    return rows


def _ess(history: pyabc.History, t: int) -> float:
    weights = np.asarray(history.get_distribution(m=0, t=t)[1], float)
    return float(weights.sum() ** 2 / (weights**2).sum())


def run(
    abc: pyabc.ABCSMC,
    declarations: Declarations,
    database: Path,
    generations: int,
    resume: bool,
    say=print,
    record: dict[str, float] | None = None,
) -> pyabc.History:
    """Run (or continue) the calibration until ``generations`` generations are written.

    ``record``: the observed statistics (by default the record's, from targets.yaml).
    """
    url = f"sqlite:///{database}"
    if resume and database.exists():
        abc.load(url, 1)
        done = abc.history.max_t + 1
        say(f"resuming {database.name}: {done} generation(s) written already")
    else:
        database.unlink(missing_ok=True)
        abc.new(url, record or observed(declarations.statistics))
        done = 0
    started = time.perf_counter()
    for t in range(done, generations):
        clock = time.perf_counter()
        # pyabc caches the population it starts a run() from; each call must start from the
        # history's last one, as a resumed run does
        abc._initial_population = None
        try:
            abc.run(max_nr_populations=1)
        except AssertionError as error:  # pyabc: the weights no longer sum to a number
            say(f"generation {t + 1}: stopped, importance weights degenerate ({error})")
            break
        if abc.history.max_t < t:  # the sampler gave up (sample not ok)
            say(f"generation {t}: stopped, the sampler returned too few particles")
            break
        last = generations_done(abc.history)[-1]
        say(
            f"generation {t + 1}/{generations}: epsilon {last.epsilon:.3g}, "
            f"acceptance {last.acceptance:.1%} ({last.particles}/{last.evaluations}), "
            f"effective sample {last.ess:.0f}, "
            f"{time.perf_counter() - clock:.0f} s (total {time.perf_counter() - started:.0f} s)"
        )
    return abc.history


def posterior(history: pyabc.History, declarations: Declarations) -> pd.DataFrame:
    """The last generation's particles by setting key, with their weights."""
    frame, weights = history.get_distribution(m=0, t=history.max_t)
    rows = [settings_of(dict(row), declarations.priors) for _, row in frame.iterrows()]
    table = pd.DataFrame(rows)
    table["weight"] = np.asarray(weights, float) / np.sum(weights)
    return table.reset_index(drop=True)


def equal_weight_sample(particles: pd.DataFrame, size: int, seed: int) -> pd.DataFrame:
    """``size`` draws from the weighted particles (systematic resampling), shuffled.

    Each row is one posterior draw with equal weight, so the first k rows are a sample too.
    """
    rng = np.random.default_rng(seed)
    weights = particles["weight"].to_numpy(float)
    positions = (rng.random() + np.arange(size)) / size
    index = np.searchsorted(np.cumsum(weights / weights.sum()), positions)
    index = np.minimum(index, len(particles) - 1)
    drawn = particles.drop(columns="weight").iloc[rng.permutation(index)]
    return drawn.reset_index(drop=True)


def last_statistics(history: pyabc.History) -> pd.DataFrame:
    """The simulated statistics of the last generation's particles (as accepted)."""
    weights, stats = history.get_weighted_sum_stats(t=history.max_t)
    return pd.DataFrame(stats).assign(weight=weights)
