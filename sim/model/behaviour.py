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

from .campaign import (
    NEEDS_AUTHORITY,
    NEUTRAL,
    NO_MOTIVE,
    NO_PULL,
    NOT_YET,
    Campaign,
    Race,
    Violation,
)
from .careers import purge_fear, rank_stakes
from .orgchart import NO_ONE, Rank
from .parameters import Params, ViolationPropensity
from .patron import shielding_chance, unit_worth
from .teams import Teams
from .world import Ties, World, neighbours_of


@dataclass
class Choice:
    """The weekly logit choice of one campaign, as the engine runs it.

    What stays fixed through a campaign (integrity, the kin pull, career stakes and
    the fear of a purge, what a sanction would cost and the protection the PPK would
    give, how many neighbours one has, the promise a team would make) is computed
    when the cycle opens, already divided by the temperature. Each week adds what
    moves (win chances, supervisors' and neighbours' sides, the sanction expected,
    ``sanction_cost``, whom the teams reached) into preallocated buffers; the PPK then
    adds its pressure (``add_pressure``) before the draw. Rows are choice codes: row 0 is staying
    neutral, row k + 1 backing candidate k, as in ``Campaign.choice``.
    """

    neutral: np.ndarray  # (N,) integrity
    neutral_kept: np.ndarray  # (N,) integrity + inertia: staying neutral for the neutral
    pull: np.ndarray  # (C, N) the kin pull toward a candidate one's kin group is tied to
    stake: np.ndarray  # (N,) career dependence and purge fear x believed loyalty payoff x stake
    # (teams.career adds the promise of a post to it for those a team has reached)
    prospect: np.ndarray | None  # (C,) Pemilu: the PPK's side only; None: win chances
    sanction: np.ndarray  # (N,) knows the rules x risk attitude x sanction strength (medium)
    shield: np.ndarray  # (C,) 1, except the PPK's side (see shield_side)
    shield_side: np.ndarray  # (N,) 1 less the chance the PPK would protect one on its side
    norm: np.ndarray  # (N,) norm weight / number of neighbours
    pressure: float  # a supervisor's pull toward its side
    inertia: float  # keeping last week's choice
    ppk_side: int
    supervisor: np.ndarray  # (N,) supervising civil servant; the unled point at themselves
    unled: np.ndarray  # civil servants no supervisor presses (the sekda; under a non-job)
    adjacency: sp.csr_matrix | Ties
    teams: Teams  # the candidates' teams: whom they reached, what they promise
    backing: np.ndarray  # (C + 1, N) int32: neighbours making each choice, kept in step
    utility: np.ndarray  # (C + 1, N) float32 buffer
    scratch: np.ndarray  # (N,) float32 buffer
    cost: np.ndarray  # (N,) float32: the sanction expected (``sanction_cost``), kept
    cost_version: int  # ``World.beliefs_version`` the cost was computed from
    boss_choice: np.ndarray  # (N,) int8 buffer
    below: np.ndarray  # (C, N) bool buffer
    week_prospect: np.ndarray | None = None  # the prospect of this week's utilities
    pressed: np.ndarray | None = None  # whom the PPK pressed this week (by index)
    pressed_gain: np.ndarray | None = None  # what it added to their utility of its side
    backers: np.ndarray | None = None  # who backs a side after this week's draw (by index)

    @classmethod
    def open(
        cls,
        world: World,
        race: Race,
        adjacency: sp.csr_matrix | Ties,
        params: Params,
        worth: np.ndarray | None = None,
    ) -> Choice:
        """Prepare a campaign's choice: everyone starts neutral.

        ``worth``: what each civil servant's support is worth to the PPK
        (``sim.model.patron.unit_worth``, worked out here if not given).
        """
        b, e = params.behaviour, params.enforcement
        n, c = world.size, race.candidates
        scale = 1.0 / b.temperature
        f32 = np.float32
        pull = np.zeros((c, n), dtype=f32)
        tied = race.candidate_of_group[world.kin_group]
        kin = np.flatnonzero(tied != NO_ONE)
        pull[tied[kin], kin] += b.kin_loyalty * scale
        stake = rank_stakes(params, race)[world.rank]
        weight = b.career_dependence * world.loyalty_payoff * scale
        prospect = None
        if params.election.kind == "pemilu":
            prospect = np.zeros(c)
            prospect[race.ppk_side] = race.leverage
        knows = world.knowledge_rank < b.knowledge
        shield = np.ones(c)
        worth = unit_worth(world) if worth is None else worth
        protection = shielding_chance(worth, race, params)
        degree = adjacency.degree if isinstance(adjacency, Ties) else np.diff(adjacency.indptr)
        supervisor = world.supervisor.copy()
        led = supervisor != NO_ONE
        led[led] = ~world.non_job[supervisor[led]]  # a sidelined boss presses no one
        unled = np.flatnonzero(~led)
        supervisor[unled] = unled
        backing = np.zeros((c + 1, n), dtype=np.int32)
        backing[NEUTRAL] = degree
        neutral = (b.integrity + b.integrity_spread * world.integrity_z) * scale
        career = weight * stake + purge_fear(world, params, race) * scale
        return cls(
            neutral=neutral.astype(f32),
            neutral_kept=(neutral + b.inertia * scale).astype(f32),
            pull=pull,
            stake=career.astype(f32),
            prospect=prospect,
            sanction=(knows * world.risk_attitude * e.sanction_strength * scale).astype(f32),
            shield=shield,
            shield_side=(1.0 - protection).astype(f32),
            norm=(b.norm_weight * scale / np.maximum(degree, 1)).astype(f32),
            pressure=b.supervisor_pressure * scale,
            inertia=b.inertia * scale,
            ppk_side=race.ppk_side,
            supervisor=supervisor,
            unled=unled,
            adjacency=adjacency,
            teams=Teams.open(world, race, career, params),
            backing=backing,
            utility=np.empty((c + 1, n), dtype=f32),
            scratch=np.empty(n, dtype=f32),
            cost=np.empty(n, dtype=f32),
            cost_version=-1,
            boss_choice=np.empty(n, dtype=np.int8),
            below=np.empty((c, n), dtype=bool),
        )

    def utilities(self, world: World, campaign: Campaign, win_chance: np.ndarray) -> np.ndarray:
        """(C + 1, N) this week's utility of each choice, divided by the temperature.

        Returns the ``utility`` buffer, overwritten by the next call.
        """
        value, scratch = self.utility, self.scratch
        prospect = win_chance if self.prospect is None else self.prospect
        self.week_prospect, self.pressed, self.pressed_gain = prospect, None, None
        cost = self.sanction_cost(world)
        np.take(campaign.choice, self.supervisor, out=self.boss_choice)
        self.boss_choice[self.unled] = NEUTRAL
        # (Python floats and dtype=float32 keep every product in float32: numpy would
        # otherwise widen it to float64 and back)
        for k in range(1, value.shape[0]):
            row = value[k]
            # career gain, fear of a purge and any promise of its team, x its chances
            np.multiply(self.teams.career[k - 1], float(prospect[k - 1]), out=row)
            row += self.pull[k - 1]
            np.multiply(self.backing[k], self.norm, out=scratch, dtype=np.float32)
            row += scratch
            shield = self.shield_side if k - 1 == self.ppk_side else float(self.shield[k - 1])
            np.multiply(cost, shield, out=scratch)
            row -= scratch
        # the few who back a side (or whose supervisor does): looked up, not scanned (a
        # bool mask first: np.flatnonzero is several times slower on int8 than on bool)
        n, flat = scratch.size, value.reshape(-1)
        pressed = np.flatnonzero(self.boss_choice != NEUTRAL)
        flat[self.boss_choice[pressed].astype(np.intp) * n + pressed] += self.pressure
        value[NEUTRAL] = self.neutral_kept
        backers = np.flatnonzero(campaign.choice != NEUTRAL)
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

    def add_pressure(self, pressed: np.ndarray, gain: np.ndarray) -> None:
        """The PPK's pressure (and threats) on ``pressed``: ``gain`` added to its side."""
        self.utility[self.ppk_side + 1, pressed] += gain
        self.pressed, self.pressed_gain = pressed, gain

    def decide(
        self, world: World, campaign: Campaign, win_chance: np.ndarray, rng: np.random.Generator
    ) -> None:
        """Each civil servant stays neutral or backs a candidate, with softmax probabilities."""
        self.utilities(world, campaign, win_chance)
        self.draw(campaign, rng)

    def draw(self, campaign: Campaign, rng: np.random.Generator) -> None:
        """The logit draw from this week's utilities (``utilities``, then the PPK's pressure)."""
        n = campaign.choice.size
        draw = rng.random(n, dtype=np.float32)
        new = logit_draw(self.utility, draw, self.below, self.scratch)
        old = campaign.choice
        changed = np.flatnonzero(old != new)
        self._record_motives(campaign, new, changed[old[changed] == NEUTRAL])
        self._follow(old, new, changed)
        campaign.choice[:] = new
        backers = self.backers = np.flatnonzero(new != NEUTRAL)
        sides = new[backers].astype(np.intp) - 1
        campaign.weeks_backing.reshape(-1)[sides * new.size + backers] += 1
        campaign.backed_ppk_side[backers[sides == self.ppk_side]] = True

    def _record_motives(self, campaign: Campaign, new: np.ndarray, joined: np.ndarray) -> None:
        """For those taking a side for the first time this cycle (of ``joined``, those
        neutral last week who take a side now): what pulled them to it.

        The pull of the side chosen is split into its positive parts (career: gain and
        purge; kin; team; superior: supervisor, PPK pressure and threat; norm), from
        the state this week's choice was made on; ``motive`` keeps the largest,
        ``motives`` a bit for each part that is at least a third of their sum.
        """
        first = joined[campaign.motive[joined] == NO_MOTIVE]
        if not first.size:
            return
        side = new[first].astype(np.intp) - 1
        prospect = np.asarray(self.week_prospect, dtype=np.float32)
        superior = np.where(self.boss_choice[first] == side + 1, np.float32(self.pressure), 0)
        if self.pressed is not None and self.pressed.size:
            at = np.minimum(np.searchsorted(self.pressed, first), self.pressed.size - 1)
            by_ppk = (self.pressed[at] == first) & (side == self.ppk_side)
            superior += np.where(by_ppk, self.pressed_gain[at], 0)
        parts = (  # in the order of Motive
            self.stake[first] * prospect[side],
            self.pull[side, first],
            self.teams.heard(campaign, first, side, prospect),
            superior,
            self.backing[side + 1, first] * self.norm[first],
        )
        pulls = np.stack(parts)
        np.maximum(pulls, 0, out=pulls)
        total = pulls.sum(axis=0)
        campaign.motive[first] = np.where(total > 0, pulls.argmax(axis=0), NO_PULL)
        bits = (pulls >= total / 3) & (total > 0)
        campaign.motives[first] = np.packbits(bits, axis=0, bitorder="little")[0]

    def _follow(self, old: np.ndarray, new: np.ndarray, changed: np.ndarray | None = None) -> None:
        """Keep the neighbours' counts in step: only those who changed side are looked at."""
        if changed is None:
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


def act(
    world: World,
    campaign: Campaign,
    params: Params,
    rng: np.random.Generator,
    backers: np.ndarray | None = None,
) -> np.ndarray:
    """Backers commit violations of typed visibility; returns who became a violator.

    A backer acts in a given week with probability ``activity``; mobilising
    subordinates and using state facilities are open only to officials who
    lead a unit (JPT, administrator, pengawas) and have not been sidelined to a
    non-job. The week's actors are kept in ``campaign.acting``. ``backers``: who backs a
    side now, if already known (``Choice.backers``).
    """
    campaign.act[:] = NOT_YET
    if backers is None:
        backers = np.flatnonzero(campaign.choice != NEUTRAL)
    acting = backers[rng.random(backers.size) < params.behaviour.activity]
    draw = rng.random(acting.size)
    leads = (world.rank[acting] <= Rank.PENGAWAS) & ~world.non_job[acting]
    kinds = np.where(
        leads,
        np.searchsorted(type_cumulative(params, True), draw, side="right"),
        np.searchsorted(type_cumulative(params, False), draw, side="right"),
    )
    kinds = np.minimum(kinds, len(Violation) - 1)
    campaign.act[acting] = kinds
    campaign.acting = acting
    campaign.acts += np.bincount(kinds, minlength=len(Violation))
    first = acting[~campaign.violated[acting]]
    campaign.violated[acting] = True
    return first
