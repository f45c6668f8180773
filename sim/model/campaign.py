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
    """Who reported a violation to Bawaslu (a rival team's report is a public report)."""

    NONE = 0
    PATROL = 1
    PUBLIC = 2
    RIVAL = 3


class PpkKind(IntEnum):
    """Who the regional head (PPK) is in a cycle."""

    INCUMBENT = 0  # the sitting head, on the ballot (candidate 0)
    SUCCESSOR = 1  # the sitting head, not running, backing a successor (candidate 0)
    ACTING = 2  # an acting head (Pj) appointed by the Home Ministry, backing candidate 0

    @property
    def label(self) -> str:
        return self.name.lower()


class Motive(IntEnum):
    """What pulled a civil servant to the side it took (ODD 7.2, Target 4)."""

    CAREER = 0  # career gain and fear of a purge
    KIN = 1  # a kin group tied to the candidate: the candidate's own network
    TEAM = 2  # the candidate's team: shared background and promises of a post
    SUPERIOR = 3  # the supervisor's side, the PPK's pressure and threats
    NORM = 4  # neighbours backing the side

    @property
    def label(self) -> str:
        return self.name.lower()


NO_MOTIVE = -1
"""``Campaign.motive`` of a civil servant who took no side this cycle."""

NO_PULL = len(Motive)
"""``Campaign.motive`` of one who took a side with no positive pull toward it (the
logit's noise)."""


@dataclass
class Race:
    """The ballot of one cycle and the regional head's (PPK's) stake in it."""

    popularity: np.ndarray  # base vote share of each candidate (sums to 1)
    candidate_of_group: np.ndarray  # candidate each kin group is tied to, or -1
    incumbent_runs: bool  # the PPK is candidate 0 itself
    leverage: float  # how hard the PPK can press and protect (1 when it runs)
    ppk_side: int = 0  # the candidate the PPK backs
    ppk_kind: PpkKind = PpkKind.INCUMBENT
    accountability: float = 1.0  # weight of the costs of inaction and threats to the PPK

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
    # the PPK's and the teams' part (sim.model.patron, sim.model.teams)
    worth: np.ndarray  # float32: what one's support is worth to the PPK (1 + one's unit)
    pressed_week: np.ndarray  # last week the PPK pressed the civil servant, or NOT_YET
    threatened_week: np.ndarray  # last week the PPK threatened its career, or NOT_YET
    times_pressed: np.ndarray  # weeks pressed this cycle
    times_threatened: np.ndarray  # weeks threatened this cycle
    protected: np.ndarray  # the PPK chose not to act on its recommendation
    taken_over: np.ndarray  # a binding body sanctions it, the PPK's deadline passed (ODD 7.13)
    promised: np.ndarray  # (C, N) candidate k's team has reached it and promised a post
    weeks_backing: np.ndarray  # (C, N) weeks backing each candidate this cycle
    motive: np.ndarray  # Motive that pulled most when it first took a side, or NO_MOTIVE
    motives: np.ndarray  # bit m: Motive m was at least a third of that side's pull
    acting: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))  # this week
    acts: np.ndarray = field(default_factory=lambda: np.zeros(len(Violation), dtype=np.int64))
    queue: np.ndarray = field(default_factory=lambda: np.empty(0, dtype=np.int64))
    queue_head: int = 0  # reports before it in ``queue`` have had their verdict
    bawaslu_load: int = 0  # reports found last week, taken on or not
    expired: int = 0  # reports still queued when the next cycle opened
    bawaslu: Any = None  # Bawaslu's capacity this cycle (sim.model.enforcement.Capacity)
    verifier: Any = None  # the region's share of the verifier's capacity
    first_violators: list[np.ndarray] = field(default_factory=list)  # by campaign week

    @classmethod
    def start(cls, civil_servants: int, candidates: int = 10) -> Campaign:
        """Everyone neutral, nothing reported; ``candidates`` on the ballot (at most 10)."""
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
            worth=np.ones(n, dtype=np.float32),
            pressed_week=np.full(n, NOT_YET, dtype=np.int8),  # campaign weeks: at most 104
            threatened_week=np.full(n, NOT_YET, dtype=np.int8),
            times_pressed=np.zeros(n, dtype=np.int16),
            times_threatened=np.zeros(n, dtype=np.int16),
            protected=np.zeros(n, dtype=bool),
            taken_over=np.zeros(n, dtype=bool),
            promised=np.zeros((candidates, n), dtype=bool),
            weeks_backing=np.zeros((candidates, n), dtype=np.int16),
            motive=np.full(n, NO_MOTIVE, dtype=np.int8),
            motives=np.zeros(n, dtype=np.uint8),
        )

    @property
    def awaiting_verification(self) -> int:
        """Reports in the verifier's queue, without a verdict yet."""
        return self.queue.size - self.queue_head

    @property
    def awaiting_sanction(self) -> int:
        """Proven cases whose sanction is decided (by the PPK, BKN or a binding body) and
        has not landed yet."""
        scheduled = self.sanction_week >= 0
        return int(np.count_nonzero(self.proven & ~self.sanctioned & scheduled))

    def backers_of(self, candidate: int) -> np.ndarray:
        """Mask of civil servants backing ``candidate`` now."""
        return self.choice == candidate + 1

    def counts(self, candidates: int) -> np.ndarray:
        """(C + 1,) civil servants making each choice now: neutral, then each candidate."""
        # one comparison a candidate: faster than np.bincount, which widens every entry
        backing = [np.count_nonzero(self.choice == k + 1) for k in range(candidates)]
        return np.array([self.choice.size - sum(backing), *backing])


def new_race(
    head_groups: np.ndarray, n_groups: int, params: Params, rng: np.random.Generator
) -> Race:
    """Draw a cycle's candidates: popularity, kin ties, and who the PPK is.

    Candidate 0 is the PPK's side: the PPK itself when the incumbent runs
    (Pilkada only), keeping the kin groups tied to it, or the successor (or
    national candidate) it backs, or the side an acting head (Pj) favours. The
    PPK's kind is drawn from ``region.ppk_kind`` with one uniform draw. Other kin
    groups are tied to a random candidate with probability ``kinship_density``.
    """
    region, election = params.region, params.election
    c = region.candidates
    popularity = rng.dirichlet(np.ones(c))
    pilkada = election.kind == "pilkada"
    kind = _ppk_kind(rng.random(), region.ppk_kind)
    runs = pilkada and kind == PpkKind.INCUMBENT
    if runs:
        popularity[0] += election.incumbency_advantage
        popularity /= popularity.sum()
    tied = rng.random(n_groups) < region.kinship_density
    candidate_of_group = np.where(tied, rng.integers(c, size=n_groups), NO_ONE).astype(np.int32)
    if runs:
        candidate_of_group[head_groups] = 0
    if not pilkada:
        leverage = election.pemilu_leverage
    elif kind == PpkKind.INCUMBENT:
        leverage = 1.0
    elif kind == PpkKind.SUCCESSOR:
        leverage = election.open_seat_leverage
    else:
        leverage = election.acting_leverage
    acting = kind == PpkKind.ACTING
    return Race(
        popularity=popularity,
        candidate_of_group=candidate_of_group,
        incumbent_runs=runs,
        leverage=leverage,
        ppk_kind=kind,
        accountability=params.patron.acting_accountability if acting else 1.0,
    )


def _ppk_kind(draw: float, shares) -> PpkKind:
    """The kind whose share the uniform ``draw`` falls in (incumbent, successor, acting)."""
    if draw < shares.incumbent:
        return PpkKind.INCUMBENT
    if draw < shares.incumbent + shares.successor:
        return PpkKind.SUCCESSOR
    return PpkKind.ACTING
