"""What civil servants learn about the risk of a sanction (ODD 7.7 and 7.10).

Perceived risk is a belief held as two pseudo-counts per civil servant, cases
seen punished and cases seen unpunished (``World.punished_seen`` and
``World.unpunished_seen``): r = punished / (punished + unpunished). It moves with
what each civil servant sees along its ties during a campaign, and between
cycles fades towards the prior belief.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .parameters import Params
from .world import Ties, World, neighbours_of


def learn(
    world: World,
    adjacency: sp.csr_matrix | Ties,
    new_violators: np.ndarray,
    sanctioned: np.ndarray,
    params: Params,
) -> None:
    """Perceived risk moves with what civil servants see around them.

    A sanction seen nearby (or received) counts ``sanction_salience`` times as
    a punished case; a neighbour seen newly violating counts as one
    unpunished case. Perceived risk is punished / (punished + unpunished).
    """
    salience = params.behaviour.sanction_salience
    # only the few who were sanctioned or newly violated this week are looked at: their
    # rows of the adjacency, not the whole matrix (``adjacency @ x`` for a sparse x)
    if sanctioned.size:
        onlookers, _ = neighbours_of(adjacency, sanctioned)
        np.add.at(world.punished_seen, onlookers, salience)
        world.punished_seen[sanctioned] += salience
    if new_violators.size:
        onlookers, _ = neighbours_of(adjacency, new_violators)
        np.add.at(world.unpunished_seen, onlookers, 1.0)


def forget(world: World, memory: float, prior_risk: float, prior_weight: float) -> None:
    """Carry ``memory`` of what was learned about sanctions into the next cycle.

    Experience fades towards the prior, which itself is kept: with no memory at
    all everyone starts the next cycle with the beliefs they started with.
    """
    prior_punished = prior_risk * prior_weight
    prior_unpunished = (1.0 - prior_risk) * prior_weight
    world.punished_seen = prior_punished + memory * (world.punished_seen - prior_punished)
    world.unpunished_seen = prior_unpunished + memory * (world.unpunished_seen - prior_unpunished)
