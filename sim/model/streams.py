"""Random streams of one replication, all spawned from one seed.

Each phase draws from its own stream, so a policy that changes, say, how
many reports are verified does not shift the draws of the vote or of the
civil servants' choices: runs that differ only in policy share their
random numbers as far as their states allow (common random numbers), which
makes paired policy comparisons sharper. Replication ``r`` of seed ``s``
uses ``SeedSequence(s, spawn_key=(r,))``, the same stream whatever the
launcher, the job order or the number of replications in the job.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np


@dataclass(frozen=True)
class Streams:
    """One numpy generator per concern of the model."""

    world: np.random.Generator  # organisation chart, kin groups, traits
    race: np.random.Generator  # candidates, popularity, kin ties to candidates, the vote
    behaviour: np.random.Generator  # choices and violations
    enforcement: np.random.Generator  # detection, verification, follow-up, sanctions
    careers: np.random.Generator  # the career round
    mesa: np.random.Generator  # Mesa's own generator (agent-set shuffles)
    # appended after the first six, so adding them left those six as they were
    patron: np.random.Generator  # the PPK's choices: ties in whom to press, threats
    teams: np.random.Generator  # the candidates' teams: whom they reach, rival reports

    @classmethod
    def for_replication(cls, seed: int, replication: int) -> Streams:
        return cls.from_root(np.random.SeedSequence(seed, spawn_key=(replication,)))

    @classmethod
    def for_region(cls, seed: int, replication: int, region: int) -> Streams:
        """Streams of region ``region`` of a national run: its own, whoever computes it."""
        key = (replication, NATIONAL_BRANCH, region)
        return cls.from_root(np.random.SeedSequence(seed, spawn_key=key))

    @classmethod
    def from_root(cls, root: np.random.SeedSequence) -> Streams:
        children = root.spawn(len(fields(cls)))
        return cls(*(np.random.default_rng(child) for child in children))


NATIONAL_BRANCH = 545
"""Middle word of a national run's region keys ``(replication, 545, region)``.

A replication's own streams have keys ``(replication, i)``; keys of another
length never coincide with them, so no region repeats a single-region run.
"""


def national_layout_stream(seed: int) -> np.random.Generator:
    """The stream that lays out a national run (which region gets which size)."""
    return np.random.default_rng(
        np.random.SeedSequence(seed, spawn_key=(NATIONAL_BRANCH, NATIONAL_BRANCH))
    )
