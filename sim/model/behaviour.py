"""How civil servants are drawn into a campaign: solicit, decide, act (ODD 7.1-7.3).

``Choice`` is the weekly logit choice (solicit and decide): what stays fixed
through a campaign is prepared when the cycle opens, and each week fills what
moves into preallocated buffers. ``act`` is the violations backers commit.
Every function works on whole arrays.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from .campaign import NEEDS_AUTHORITY, NEUTRAL, NOT_YET, Campaign, Race, Violation
from .orgchart import NO_ONE, Rank
from .parameters import Params, ViolationPropensity
from .world import Ties, World, neighbours_of


@dataclass
class Choice:
    """The weekly logit choice of one campaign, as the engine runs it.

    What stays fixed through a campaign (integrity, the PPK's and kin teams' pull,
    career stakes, what a sanction would cost, how many neighbours one has) is
    computed when the cycle opens, already divided by the temperature. Each week
    adds what moves (win chances, supervisors' and neighbours' sides, the sanction
    expected, ``sanction_cost``) into preallocated buffers. Rows are choice codes: row 0 is staying
    neutral, row k + 1 backing candidate k, as in ``Campaign.choice``.
    """

    neutral: np.ndarray  # (N,) integrity
    neutral_kept: np.ndarray  # (N,) integrity + inertia: staying neutral for the neutral
    pull: np.ndarray  # (C, N) the PPK's pressure on JPT and the kin teams' pull
    stake: np.ndarray  # (N,) career dependence x believed loyalty payoff x stake
    prospect: np.ndarray | None  # (C,) Pemilu: the PPK's side only; None: win chances
    sanction: np.ndarray  # (N,) knows the rules x risk attitude x sanction strength (medium)
    shield: np.ndarray  # (C,) 1, less the PPK's protection for its own side
    norm: np.ndarray  # (N,) norm weight / number of neighbours
    pressure: float  # a supervisor's pull toward its side
    inertia: float  # keeping last week's choice
    ppk_side: int
    supervisor: np.ndarray  # (N,) supervising civil servant; the sekda points at itself
    sekda: np.ndarray  # civil servants without a supervisor
    adjacency: sp.csr_matrix | Ties
    backing: np.ndarray  # (C + 1, N) int32: neighbours making each choice, kept in step
    utility: np.ndarray  # (C + 1, N) float32 buffer
    scratch: np.ndarray  # (N,) float32 buffer
    cost: np.ndarray  # (N,) float32: the sanction expected (``sanction_cost``), kept
    cost_version: int  # ``World.beliefs_version`` the cost was computed from
    mask: np.ndarray  # (N,) bool buffer
    boss_choice: np.ndarray  # (N,) int8 buffer
    below: np.ndarray  # (C, N) bool buffer

    @classmethod
    def open(
        cls, world: World, race: Race, adjacency: sp.csr_matrix | Ties, params: Params
    ) -> Choice:
        """Prepare a campaign's choice: everyone starts neutral."""
        b, e = params.behaviour, params.enforcement
        n, c = world.size, race.candidates
        scale = 1.0 / b.temperature
        f32 = np.float32
        pull = np.zeros((c, n), dtype=f32)
        jpt = world.rank == Rank.JPT
        pull[race.ppk_side, jpt] += b.ppk_pressure * race.leverage * scale
        tied = race.candidate_of_group[world.kin_group]
        kin = np.flatnonzero(tied != NO_ONE)
        pull[tied[kin], kin] += b.kin_loyalty * scale
        stake = np.asarray(params.careers.stakes.by_rank())[world.rank]
        weight = b.career_dependence * world.loyalty_payoff * scale
        prospect = None
        if params.election.kind == "pemilu":
            prospect = np.zeros(c)
            prospect[race.ppk_side] = race.leverage
        knows = world.knowledge_rank < b.knowledge
        shield = np.ones(c)
        if not e.central_enforcement:
            shield[race.ppk_side] = 1.0 - e.patron_protection * race.leverage
        degree = adjacency.degree if isinstance(adjacency, Ties) else np.diff(adjacency.indptr)
        supervisor = world.supervisor
        sekda = np.flatnonzero(supervisor == NO_ONE)
        supervisor = supervisor.copy()
        supervisor[sekda] = sekda
        backing = np.zeros((c + 1, n), dtype=np.int32)
        backing[NEUTRAL] = degree
        neutral = (b.integrity + b.integrity_spread * world.integrity_z) * scale
        return cls(
            neutral=neutral.astype(f32),
            neutral_kept=(neutral + b.inertia * scale).astype(f32),
            pull=pull,
            stake=(weight * stake).astype(f32),
            prospect=prospect,
            sanction=(knows * world.risk_attitude * e.sanction_strength * scale).astype(f32),
            shield=shield,
            norm=(b.norm_weight * scale / np.maximum(degree, 1)).astype(f32),
            pressure=b.supervisor_pressure * scale,
            inertia=b.inertia * scale,
            ppk_side=race.ppk_side,
            supervisor=supervisor,
            sekda=sekda,
            adjacency=adjacency,
            backing=backing,
            utility=np.empty((c + 1, n), dtype=f32),
            scratch=np.empty(n, dtype=f32),
            cost=np.empty(n, dtype=f32),
            cost_version=-1,
            mask=np.empty(n, dtype=bool),
            boss_choice=np.empty(n, dtype=np.int8),
            below=np.empty((c, n), dtype=bool),
        )

    def utilities(self, world: World, campaign: Campaign, win_chance: np.ndarray) -> np.ndarray:
        """(C + 1, N) this week's utility of each choice, divided by the temperature.

        Returns the ``utility`` buffer, overwritten by the next call.
        """
        value, scratch = self.utility, self.scratch
        prospect = win_chance if self.prospect is None else self.prospect
        cost = self.sanction_cost(world)
        np.take(campaign.choice, self.supervisor, out=self.boss_choice)
        self.boss_choice[self.sekda] = NEUTRAL
        for k in range(1, value.shape[0]):
            row = value[k]
            np.multiply(self.stake, prospect[k - 1], out=row, casting="same_kind")
            row += self.pull[k - 1]
            np.multiply(self.backing[k], self.norm, out=scratch)
            row += scratch
            np.multiply(cost, self.shield[k - 1], out=scratch, casting="same_kind")
            row -= scratch
        # the few who back a side (or whose supervisor does): looked up, not scanned
        n, flat = scratch.size, value.reshape(-1)
        pressed = np.flatnonzero(self.boss_choice)
        flat[self.boss_choice[pressed].astype(np.intp) * n + pressed] += self.pressure
        value[NEUTRAL] = self.neutral_kept
        backers = np.flatnonzero(campaign.choice)
        value[NEUTRAL, backers] = self.neutral[backers]
        flat[campaign.choice[backers].astype(np.intp) * n + backers] += self.inertia
        return value

    def sanction_cost(self, world: World) -> np.ndarray:
        """(N,) the sanction each expects for backing a side, before the PPK's protection.

        Knows the rules x risk attitude x sanction strength x perceived certainty x
        perceived severity (``World.sanction_belief``, kept by ``sim.model.perception``),
        recomputed only when beliefs changed.
        """
        if self.cost_version != world.beliefs_version:
            np.multiply(self.sanction, world.sanction_belief, out=self.cost, casting="same_kind")
            self.cost_version = world.beliefs_version
        return self.cost

    def decide(
        self, world: World, campaign: Campaign, win_chance: np.ndarray, rng: np.random.Generator
    ) -> None:
        """Each civil servant stays neutral or backs a candidate, with softmax probabilities."""
        value = self.utilities(world, campaign, win_chance)
        draw = rng.random(world.size, dtype=np.float32)
        new = logit_draw(value, draw, self.below, self.scratch)
        self._follow(campaign.choice, new)
        campaign.choice[:] = new
        np.equal(new, self.ppk_side + 1, out=self.mask)
        campaign.backed_ppk_side |= self.mask

    def _follow(self, old: np.ndarray, new: np.ndarray) -> None:
        """Keep the neighbours' counts in step: only those who changed side are looked at."""
        changed = np.flatnonzero(old != new)
        onlookers, whose = neighbours_of(self.adjacency, changed)
        counts = self.backing.reshape(-1)
        n = old.size
        one = np.int32(1)  # of the counts' own type: numpy's fast path for ufunc.at
        np.subtract.at(counts, old[changed].astype(np.intp)[whose] * n + onlookers, one)
        np.add.at(counts, new[changed].astype(np.intp)[whose] * n + onlookers, one)


def logit_draw(
    utility: np.ndarray, uniform: np.ndarray, below: np.ndarray, top: np.ndarray
) -> np.ndarray:
    """Row drawn in each column with probability softmax(column), from one uniform a column.

    ``utility`` (K, N) and ``uniform`` (N,) are overwritten; ``below`` is a (K - 1, N)
    bool buffer and ``top`` an (N,) buffer of the utility's type.
    """
    utility -= np.max(utility, axis=0, out=top)
    np.exp(utility, out=utility)
    for k in range(1, utility.shape[0]):  # cumulative sum down the rows (np.cumsum is slow here)
        utility[k] += utility[k - 1]
    uniform *= utility[-1]
    np.less(utility[:-1], uniform, out=below)
    return np.add.reduce(below, axis=0, dtype=np.int8)


def type_cumulative(params: Params, with_authority: bool) -> np.ndarray:
    """Cumulative shares of the violation types a backer commits (``violation_propensity``).

    Without authority (no unit to lead) the types that need it are left out.
    Read-only: the shares are worked out once per propensity setting, not every week.
    """
    return _type_cumulative(params.behaviour.violation_propensity, with_authority)


@functools.lru_cache(maxsize=32)
def _type_cumulative(propensity: ViolationPropensity, with_authority: bool) -> np.ndarray:
    weights = np.asarray(propensity.weights())
    if not with_authority:
        weights = np.where(NEEDS_AUTHORITY, 0.0, weights)
    cumulative = np.cumsum(weights / weights.sum())
    cumulative.flags.writeable = False  # shared by every caller through the cache
    return cumulative


def act(world: World, campaign: Campaign, params: Params, rng: np.random.Generator) -> np.ndarray:
    """Backers commit violations of typed visibility; returns who became a violator.

    A backer acts in a given week with probability ``activity``; mobilising
    subordinates and using state facilities are open only to officials who
    lead a unit (JPT, administrator, pengawas).
    """
    campaign.act[:] = NOT_YET
    backers = np.flatnonzero(campaign.choice)  # NEUTRAL is 0
    acting = backers[rng.random(backers.size) < params.behaviour.activity]
    draw = rng.random(acting.size)
    leads = world.rank[acting] <= Rank.PENGAWAS
    kinds = np.where(
        leads,
        np.searchsorted(type_cumulative(params, True), draw, side="right"),
        np.searchsorted(type_cumulative(params, False), draw, side="right"),
    )
    kinds = np.minimum(kinds, len(Violation) - 1)
    campaign.act[acting] = kinds
    campaign.acts += np.bincount(kinds, minlength=len(Violation))
    first = acting[~campaign.violated[acting]]
    campaign.violated[acting] = True
    return first
