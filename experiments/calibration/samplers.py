"""pyabc samplers whose result does not depend on how many workers ran it, or in what order.

pyabc's parallel samplers reseed each worker from the operating system and keep the first
particles to *finish*, so two runs with the same seed differ. ``SeededSampling`` replaces
their sampling loop (nothing else): particle ``i`` of generation ``t`` draws all its random
numbers (the proposal and the simulation's seed) from a generator seeded by
``(seed, t, i)``, and a generation keeps the first ``n`` accepted particles *by number*, with
every rejected particle numbered before the last of them. The same seed then gives the same
posterior bit for bit on one core, on a process pool or on a Dask cluster; only the number of
surplus particles run (and thrown away) at the end of a generation differs.

- ``local(workers, seed)``: one process (``workers=1``) or a process pool on this machine
  (pyabc's ``ConcurrentFutureSampler``);
- ``dask(seed, address)``: pyabc's ``DaskDistributedSampler`` on a ``dask.distributed``
  scheduler (``tcp://host:8786``), or on a ``LocalCluster`` it starts when no address is given.
"""

from __future__ import annotations

import random
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing import get_context

import cloudpickle
import numpy as np
from pyabc.sampler import ConcurrentFutureSampler, DaskDistributedSampler


def particle_seed(seed: int, t: int, number: int) -> int:
    """The seed of particle ``number`` of generation ``t`` (t = -1: the prior's calibration)."""
    return int(np.random.SeedSequence([seed, t + 1, number]).generate_state(1)[0])


def evaluate(simulate_one: bytes, numbered: list[tuple[int, int]]) -> list[tuple[int, object]]:
    """Run ``simulate_one`` for each (number, seed), global generators seeded first."""
    function = cloudpickle.loads(simulate_one)
    results = []
    for number, seed in numbered:
        np.random.seed(seed)
        random.seed(seed)
        results.append((number, function()))
    return results


class SeededSampling:
    """pyabc's ``sample_until_n_accepted``, reproducible (see the module's docstring).

    Mixed into a pyabc sampler with a ``client`` that has ``submit`` (an executor or a Dask
    client), ``batch_size`` and ``client_cores()``.
    """

    seed: int = 0

    def sample_until_n_accepted(
        self, n, simulate_one, t, *, max_eval=np.inf, all_accepted=False, ana_vars=None
    ):
        pickled = cloudpickle.dumps(simulate_one)
        results: dict[int, object] = {}
        running: list[Future] = []
        next_number, prefix, accepted, last = 0, 0, 0, None
        while last is None:
            for job in [job for job in running if job.done()]:
                running.remove(job)
                results.update(job.result())
            while prefix in results and last is None:  # walk the numbers finished in order
                accepted += bool(results[prefix].accepted)
                if accepted == n:
                    last = prefix
                prefix += 1
            if last is not None:
                break
            exhausted = next_number >= max_eval
            if exhausted and not running:
                break
            slots = 2 * max(1, int(min(self.client_cores(), 10_000)))
            while len(running) < slots and not exhausted:
                batch = range(next_number, next_number + self.batch_size)
                numbered = [(i, particle_seed(self.seed, t, i)) for i in batch]
                running.append(self.client.submit(evaluate, pickled, numbered))
                next_number += self.batch_size
                exhausted = next_number >= max_eval
            if running:
                _wait_any(running)
        for job in running:  # numbered after the last one kept: not needed
            job.cancel()
        sample = self._create_empty_sample()
        end = prefix if last is None else last + 1
        for number in range(end):
            sample.append(results[number])
        if last is None:
            sample.ok = False
        self.nr_evaluations_ = end
        return sample


def _wait_any(jobs: list[Future]) -> None:
    """Block until one of ``jobs`` is done (a short sleep for Dask futures)."""
    first = jobs[0]
    if isinstance(first, Future):
        from concurrent.futures import FIRST_COMPLETED, wait

        wait(jobs, timeout=1.0, return_when=FIRST_COMPLETED)
    else:
        import time

        time.sleep(0.01)


class InProcess(Executor):
    """An executor that runs each job at once, in this process (one core, no pickling cost)."""

    def submit(self, fn, /, *args, **kwargs):
        future: Future = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # handed to the caller through the future
            future.set_exception(error)
        return future


class SeededFutureSampler(SeededSampling, ConcurrentFutureSampler):
    """Reproducible sampling on one process or a local process pool."""


class SeededDaskSampler(SeededSampling, DaskDistributedSampler):
    """Reproducible sampling on a Dask cluster (pyabc's Dask sampler, seeded loop)."""


BATCH = 4
"""Particles a job runs: enough to amortise sending pyabc's state (a few hundred ms of work)."""


def local(workers: int, seed: int) -> SeededFutureSampler:
    """A sampler on this machine: in this process, or a pool of ``workers`` processes."""
    if workers <= 1:
        executor: Executor = InProcess()
    else:
        executor = ProcessPoolExecutor(workers, mp_context=get_context("fork"))
    sampler = SeededFutureSampler(executor, client_max_jobs=max(1, workers), batch_size=BATCH)
    sampler.seed = seed
    return sampler


def dask(seed: int, address: str | None = None, workers: int = 2) -> SeededDaskSampler:
    """A sampler on a Dask scheduler at ``address``, or on a local cluster of ``workers``."""
    from dask.distributed import Client, LocalCluster

    import experiments.calibration

    # the calibration's code travels with each job: workers need the package (sim), not
    # this folder on their path
    cloudpickle.register_pickle_by_value(experiments.calibration)
    if address:
        client = Client(address)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)
    sampler = SeededDaskSampler(client, batch_size=BATCH)
    sampler.seed = seed
    return sampler


def close(sampler) -> None:
    """Stop the sampler's workers (process pool, or Dask client and its local cluster)."""
    client = getattr(sampler, "client", None)
    if isinstance(client, ProcessPoolExecutor):
        client.shutdown(cancel_futures=True)
    elif client is not None and hasattr(client, "close"):
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None:
            cluster.close()
