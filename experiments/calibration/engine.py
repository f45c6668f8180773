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
import scipy.stats as st
from scipy import special

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


class StandardNormal(pyabc.RVBase):
    """A flat prior on a setting's range, seen on the probit scale the search moves in.

    Its density is written out in plain arithmetic: pyabc asks the prior's density of every
    proposal, and scipy's frozen distributions cost a tenth of a millisecond a call.
    """

    def copy(self) -> StandardNormal:
        return StandardNormal()

    def rvs(self, *args, **kwargs) -> float:
        return float(np.random.standard_normal())

    def pdf(self, x: float, *args, **kwargs) -> float:
        return float(np.exp(-0.5 * x * x) / np.sqrt(2.0 * np.pi))

    def pmf(self, x: float, *args, **kwargs) -> float:
        return 0.0

    def cdf(self, x: float, *args, **kwargs) -> float:
        return float(special.ndtr(x))


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
    """The priors on the search scale: flat on each range, standard normal on its probit."""
    return pyabc.Distribution(**{p.name: StandardNormal() for p in declarations.searched})


class Gaussian(pyabc.transition.Transition):
    """Proposals from one Gaussian with the population's mean and covariance, inflated.

    pyabc's default kernel (a Gaussian around every particle) makes the importance weights
    (prior / proposal density) collapse in twenty dimensions: the density of a narrow kernel
    at its own draws varies by orders of magnitude, and the effective sample fell to 1-10 of
    200 particles by the second generation. One Gaussian as wide as the population keeps the
    weights even while the posterior is roughly elliptical on the probit scale (effective
    sample per generation: generations.csv). Its moments are the accepted particles'
    *unweighted* ones: a proposal need not be the posterior, and the weighted moments of a
    few heavy particles would shrink it onto them. A custom transition is pyabc's documented
    extension point.
    """

    def __init__(self, inflation: float = 1.2) -> None:
        self.inflation = inflation

    def fit(self, X: pd.DataFrame, w: np.ndarray) -> None:  # noqa: N803 (pyabc names it X)
        x = X.to_numpy(float)
        self.mean = x.mean(axis=0)
        cov = np.atleast_2d(np.cov(x, rowvar=False))
        # a tiny ridge keeps a parameter that stopped moving from making it singular
        self.cov = self.inflation * cov + 1e-10 * np.eye(x.shape[1])
        self.normal = st.multivariate_normal(mean=self.mean, cov=self.cov, allow_singular=True)

    def rvs_single(self) -> pyabc.Parameter:
        values = np.random.multivariate_normal(self.mean, self.cov)
        return pyabc.Parameter(dict(zip(self.X.columns, np.atleast_1d(values), strict=True)))

    def pdf(self, x):
        if isinstance(x, pyabc.Parameter | pd.Series):
            return float(self.normal.pdf(np.array([x[k] for k in self.X.columns])))
        return np.atleast_1d(self.normal.pdf(x[self.X.columns].to_numpy(float)))


INFLATION = 1.2
"""The proposal's covariance: the population's, times this."""


def build(
    declarations: Declarations,
    simulator: Simulator,
    sampler,
    population: int,
    inflation: float = INFLATION,
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
        transitions=Gaussian(inflation),
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


def posterior(history: pyabc.History, declarations: Declarations, seed: int = 0) -> pd.DataFrame:
    """The last generation's particles by setting key, with their weights.

    A parameter that acts on no fitted statistic (``searched: false``) gets a value drawn
    from its prior for each particle: its posterior is its prior.
    """
    frame, weights = history.get_distribution(m=0, t=history.max_t)
    rows = [settings_of(dict(row), declarations.searched) for _, row in frame.iterrows()]
    table = pd.DataFrame(rows)
    rng = np.random.default_rng([seed, 1])
    for p in declarations.carried:
        table[p.key] = [p.from_unit(u) for u in rng.uniform(0.0, 1.0, len(table))]
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
