"""What happens in one cycle's campaign, held as arrays: sides taken, violations, the funnel.

A ``Race`` is the cycle's ballot (candidates, who the PPK backs, how much
leverage it has), drawn by ``new_race`` when a cycle opens; a ``Campaign`` is
every civil servant's state during it. Both are plain data; the phases in
``behaviour``, ``enforcement``, ``perception`` and ``election`` read and write them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

import numpy as np

from .orgchart import NO_ONE
from .parameters import Params

NOT_YET = -1
"""Week marker for an event that has not happened (no report, no verdict...)."""

NEUTRAL = 0
"""Value of ``Campaign.choice`` for a neutral civil servant; ``k + 1`` backs candidate ``k``."""


class Violation(IntEnum):
    """Typed neutrality violations (data/calibration.md, Target 3)."""

    SOCIAL_MEDIA = 0
    PARTISAN_ACTIVITY = 1
    CANDIDATE_PHOTO = 2
    DECLARATION = 3
    PARTY_APPROACH = 4
    MOBILISING_SUBORDINATES = 5
    STATE_FACILITIES = 6

    @property
    def label(self) -> str:
        return self.name.lower()


VISIBILITY = np.array([1.0, 0.8, 0.9, 0.9, 0.3, 0.5, 0.6])
"""How exposed each type is to patrols and the public, relative to social media.

An assumption (no public figure). Patrols and the public find a type in
proportion to its visibility, so the mix of proven cases is the mix of acts
(``behaviour.violation_propensity``) weighted by visibility; the propensities
are fitted so that this mix reproduces data/calibration.md, Target 3.
"""

NEEDS_AUTHORITY = np.array([False, False, False, False, False, True, True])
"""Types only an official with subordinates and a budget can commit."""


class SanctionLevel(IntEnum):
    """Sanctions given: PP 42/2004 moral sanction and the PP 94/2021 ladder."""

    MORAL = 0
    LIGHT = 1
    MEDIUM = 2
    HEAVY = 3

    @property
    def label(self) -> str:
        return self.name.lower()


class Channel(IntEnum):
    """Who reported a violation to Bawaslu."""

    NONE = 0
    PATROL = 1
    PUBLIC = 2


@dataclass
class Race:
    """The ballot of one cycle and the regional head's (PPK's) stake in it."""

    popularity: np.ndarray  # base vote share of each candidate (sums to 1)
    candidate_of_group: np.ndarray  # candidate each kin group is tied to, or -1
    incumbent_runs: bool  # the PPK is candidate 0 itself
    leverage: float  # how hard the PPK can press and protect (1 when it runs)
    ppk_side: int = 0  # the candidate the PPK backs

    @property
    def candidates(self) -> int:
        return self.popularity.size


@dataclass
class Campaign:
    """Every civil servant's state during one cycle's campaign."""

    choice: np.ndarray  # NEUTRAL, or k + 1 when backing candidate k
    violated: np.ndarray  # committed at least one violation this cycle
    backed_ppk_side: np.ndarray  # backed the PPK's side at some point this cycle
    act: np.ndarray  # violation type committed this week, or NOT_YET
    reported_week: np.ndarray
    channel: np.ndarray
    verdict_week: np.ndarray  # week of KASN/BKN's verdict (set when the verifier decides)
    proven: np.ndarray
    sanction_week: np.ndarray  # week the sanction lands (may be after the campaign)
    sanctioned: np.ndarray
    sanction_level: np.ndarray
    reported_type: np.ndarray  # type of the act that got the civil servant reported
    violated_week: np.ndarray  # week of the first violation this cycle (learned perception)
    impunity_seen: np.ndarray  # the case was seen to end unsanctioned (counted once)
    acts: np.ndarray = field(default_factory=lambda: np.zeros(len(Violation), dtype=np.int64))
    queue: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    queue_head: int = 0  # reports before it in ``queue`` have had their verdict
    bawaslu_load: int = 0  # reports found last week, taken on or not
    expired: int = 0  # reports still queued when the next cycle opened
    bawaslu: Any = None  # Bawaslu's capacity this cycle (sim.model.enforcement.Capacity)
    verifier: Any = None  # the region's share of the verifier's capacity
    first_violators: list[np.ndarray] = field(default_factory=list)  # by campaign week

    @classmethod
    def start(cls, civil_servants: int) -> Campaign:
        n = civil_servants
        return cls(
            choice=np.zeros(n, dtype=np.int8),
            violated=np.zeros(n, dtype=bool),
            backed_ppk_side=np.zeros(n, dtype=bool),
            act=np.full(n, NOT_YET, dtype=np.int8),
            reported_week=np.full(n, NOT_YET, dtype=np.int32),
            channel=np.zeros(n, dtype=np.int8),
            verdict_week=np.full(n, NOT_YET, dtype=np.int32),
            proven=np.zeros(n, dtype=bool),
            sanction_week=np.full(n, NOT_YET, dtype=np.int32),
            sanctioned=np.zeros(n, dtype=bool),
            sanction_level=np.full(n, NOT_YET, dtype=np.int8),
            reported_type=np.full(n, NOT_YET, dtype=np.int8),
            violated_week=np.full(n, NOT_YET, dtype=np.int32),
            impunity_seen=np.zeros(n, dtype=bool),
        )

    @property
    def awaiting_verification(self) -> int:
        """Reports in the verifier's queue, without a verdict yet."""
        return self.queue.size - self.queue_head

    def backers_of(self, candidate: int) -> np.ndarray:
        """Mask of civil servants backing ``candidate`` now."""
        return self.choice == candidate + 1


def new_race(
    head_groups: np.ndarray, n_groups: int, params: Params, rng: np.random.Generator
) -> Race:
    """Draw a cycle's candidates: popularity, kin ties, and whether the PPK runs.

    Candidate 0 is the PPK's side: the PPK itself when it runs (Pilkada
    only), keeping the kin groups tied to it, or the successor or national
    candidate it backs. Other kin groups are tied to a random candidate with
    probability ``kinship_density``.
    """
    region, election = params.region, params.election
    c = region.candidates
    popularity = rng.dirichlet(np.ones(c))
    pilkada = election.kind == "pilkada"
    runs = pilkada and bool(rng.random() < region.incumbent_runs)
    if runs:
        popularity[0] += election.incumbency_advantage
        popularity /= popularity.sum()
    tied = rng.random(n_groups) < region.kinship_density
    candidate_of_group = np.where(tied, rng.integers(c, size=n_groups), NO_ONE).astype(np.int32)
    if runs:
        candidate_of_group[head_groups] = 0
    if not pilkada:
        leverage = election.pemilu_leverage
    elif runs:
        leverage = 1.0
    else:
        leverage = election.open_seat_leverage
    return Race(
        popularity=popularity,
        candidate_of_group=candidate_of_group,
        incumbent_runs=runs,
        leverage=leverage,
    )
