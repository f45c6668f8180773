"""The regional head (PPK) as an agent with a goal: whom to press, threaten and protect.

Each week the PPK pursues its side's chance of winning against the risk of being
called to account itself (ODD 7.1, 7.5). Its currency is *supporters' worth*: a
civil servant's support is worth ``1 +`` the civil servants in its unit (a unit
leader can mobilise its subordinates and the unit's state facilities). Each
decision compares a value with a cost in that currency, with noise:

- **press**: the PPK has ``pressure_budget`` x (its JPT posts) officials it can press a
  week, among its JPT and administrators, and presses those worth most: worth x the
  chance pressing turns them to its side;
- **threaten**: a pressed civil servant is also told its career is at stake when the
  votes the threat adds are worth more than the threat's expected cost to the PPK;
- **follow up**: a recommendation against its own supporter is ignored when the
  supporter's worth exceeds the expected cost of inaction under the regime.

A choice of value v against cost k is made with probability 1 / (1 + (k / v) ^ (1 /
``decision_noise``)): a logit on log(v / k), so the share protected or threatened
changes smoothly with the regime.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .campaign import Campaign, Race
from .careers import rank_stakes
from .orgchart import Rank
from .oversight import called_to_account
from .parameters import Params
from .world import World


def unit_worth(world: World) -> np.ndarray:
    """(N,) float32: 1 + the civil servants one leads, what one's support is worth to the PPK.

    A civil servant moved to a non-job has no unit: its support is its own.
    """
    worth = (world.chart.unit_size + 1).astype(np.float32)[world.post_of]
    worth[world.non_job] = 1.0
    return worth


def dares(value: np.ndarray, cost: float, noise: float) -> np.ndarray:
    """Chance the PPK takes a step worth ``value`` that costs it ``cost``.

    1 / (1 + (cost / value) ^ (1 / noise)): even odds when value equals cost; never
    for nothing, always when it costs nothing.
    """
    value = np.asarray(value, dtype=np.float64)
    if cost <= 0:
        return (value > 0).astype(np.float64)
    ratio = np.divide(cost, value, out=np.full(value.shape, np.inf), where=value > 0)
    return 1.0 / (1.0 + ratio ** (1.0 / noise))


def inaction_cost(race: Race, params: Params) -> float:
    """Expected cost to the PPK of ignoring one recommendation under the regime.

    The chance the inaction is noticed (warning letters, record blocking) times what
    being called to account costs it (``sim.model.oversight.called_to_account``: more
    under a body that sanctions the PPK); an acting head (Pj) answers to the Home
    Ministry and weighs it ``acting_accountability`` times.
    """
    noticed, penalty = called_to_account(params)
    return noticed * penalty * race.accountability


def protection_chance(worth: np.ndarray, race: Race, params: Params) -> np.ndarray:
    """Chance the PPK ignores a recommendation against a supporter of this worth.

    Its value to the PPK is its worth x the PPK's leverage (what its side is to it);
    the cost, ``inaction_cost``. Nobody is protected under central enforcement.
    """
    if params.enforcement.central_enforcement:
        return np.zeros(np.shape(worth))
    cost, noise = inaction_cost(race, params), params.patron.decision_noise
    worth = np.asarray(worth)
    # most civil servants lead no one (worth 1): one chance for all of them
    chance = np.full(worth.shape, dares(np.array([race.leverage]), cost, noise)[0])
    leads = np.flatnonzero(worth > 1)
    chance[leads] = dares(race.leverage * worth[leads], cost, noise)
    return chance


def shielding_chance(worth: np.ndarray, race: Race, params: Params) -> np.ndarray:
    """Chance the PPK's protection spares a supporter of this worth the sanction.

    ``protection_chance``, except under a binding body (``oversight.binding``), whose
    sanction comes after the deadline whatever the PPK does: protection then only delays.
    """
    if params.oversight.binding:
        return np.zeros(np.shape(worth))
    return protection_chance(worth, race, params)


def follow_up(
    campaign: Campaign,
    race: Race,
    proven: np.ndarray,
    params: Params,
    rng: np.random.Generator,
) -> np.ndarray:
    """Which recommendations the PPK acts on (a mask over ``proven``); the rest it ignores.

    Its office takes a case up with ``enforcement_probability`` (slack, whatever the
    side). It acts on a non-supporter's case at once; a supporter's (who backed its
    side in some week of this cycle) it ignores with ``protection_chance``: the
    civil servants so shielded are marked ``protected``. One uniform draw a case.
    """
    if not proven.size:
        return np.zeros(0, dtype=bool)
    draw = rng.random(proven.size)
    taken = draw < params.enforcement.enforcement_probability
    supporter = campaign.backed_ppk_side[proven]
    shield = np.zeros(proven.size)
    shield[supporter] = protection_chance(campaign.worth[proven[supporter]], race, params)
    acts = draw < params.enforcement.enforcement_probability * (1.0 - shield)
    campaign.protected[proven[taken & ~acts]] = True
    return acts


@dataclass
class Pressing:
    """The PPK's weekly pressure in one campaign: what is fixed is prepared when it opens.

    ``prospects`` are the officials the PPK presses directly: JPT and administrators
    (heads of agencies, their divisions and districts: the posts it fills), not moved
    to a non-job; pengawas and staff it reaches through them, down the hierarchy.
    ``threat`` is
    each civil servant's career stake x ``patron.threat`` x leverage, divided by the
    temperature (the PPK side's win chance multiplies it each week).
    """

    side: int
    budget: int
    push: float  # ppk_pressure x leverage / temperature
    threat: np.ndarray  # (N,) float32
    worth: np.ndarray  # (N,) float32: unit_worth
    prospects: np.ndarray  # civil servants worth more than one vote
    threat_cost: float
    noise: float
    pemilu: bool

    @classmethod
    def open(cls, world: World, race: Race, campaign: Campaign, params: Params) -> Pressing:
        """Prepare the PPK's campaign; writes what everyone is worth into ``campaign.worth``."""
        b, p = params.behaviour, params.patron
        scale = 1.0 / b.temperature
        worth = unit_worth(world)
        campaign.worth[:] = worth
        stake = rank_stakes(params, race).astype(np.float32)[world.rank]
        jpt_posts = int(np.count_nonzero(world.chart.rank == Rank.JPT))
        return cls(
            side=race.ppk_side,
            budget=int(round(p.pressure_budget * jpt_posts)),
            push=b.ppk_pressure * race.leverage * scale,
            threat=(p.threat * race.leverage * scale * stake).astype(np.float32),
            worth=worth,
            prospects=np.flatnonzero((world.rank <= Rank.ADMINISTRATOR) & ~world.non_job),
            threat_cost=p.threat_cost * race.accountability,
            noise=p.decision_noise,
            pemilu=params.election.kind == "pemilu",
        )

    def press(
        self,
        utility: np.ndarray,
        choice: np.ndarray,
        win_chance: np.ndarray,
        rng: np.random.Generator,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The PPK's week: whom it presses, and whom of them it threatens.

        ``utility`` is this week's (C + 1, N) utility of each choice over the temperature,
        before the PPK acts; ``choice`` last week's choices. Returns the pressed civil
        servants (ordered by index), the utility the PPK adds to its side for each of
        them (pressure, plus the threat where made), and which of them were threatened.
        The caller adds the utility.
        """
        row = self.side + 1
        none = np.empty(0, dtype=np.int64)
        if self.budget <= 0:
            return none, np.empty(0, dtype=np.float32), np.empty(0, dtype=bool)
        # value of pressing: worth x the chance pressing turns one to its side; those on
        # its side already are not pressed
        who = self.prospects[choice[self.prospects] != row]
        value, base = self._turned(utility, who, self.push)
        pick = _top(value, self.budget, rng)
        pick = pick[value[pick] > 0]
        pick.sort()
        pressed = who[pick]
        # a threat: the career loss of not backing its side, as credible as its side's
        # chance of winning (in a Pemilu the PPK stays in office whoever wins)
        credible = 1.0 if self.pemilu else float(win_chance[self.side])
        loss = self.threat[pressed] * credible
        gained = _turned_more(base[:, pick], self.push, self.push + loss)
        dared = dares(self.worth[pressed] * gained, self.threat_cost, self.noise)
        threatened = rng.random(pressed.size) < dared
        gain = (self.push + np.where(threatened, loss, 0.0)).astype(np.float32)
        return pressed, gain, threatened

    def _turned(
        self, utility: np.ndarray, who: np.ndarray, push: float
    ) -> tuple[np.ndarray, np.ndarray]:
        """Worth x the chance ``push`` turns each of ``who`` to the PPK's side, and the
        (2, len) side weight and total weight of its logit before the push."""
        u = utility[:, who]
        top = u[0].copy()
        for row in u[1:]:  # row by row: faster than reducing along the short axis
            np.maximum(top, row, out=top)
        u -= top
        np.exp(u, out=u)
        total = u[0].copy()
        for row in u[1:]:
            total += row
        base = np.stack((u[self.side + 1], total))
        turned = _turned_more(base, 0.0, push)
        return self.worth[who] * turned, base


def _turned_more(base: np.ndarray, before: float | np.ndarray, after: float | np.ndarray):
    """Rise in the chance of choosing the PPK's side when its utility rises from
    ``before`` to ``after`` (over its current utility); ``base`` as ``Pressing._turned``."""
    side, total = base
    rest = total - side

    def chance(extra):
        grown = side * np.exp(extra)
        return grown / (rest + grown)

    return chance(after) - chance(before)


def _top(value: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Positions of the ``count`` largest values; ties at the cut broken by ``rng``."""
    if count >= value.size:
        return np.arange(value.size)
    cut = np.partition(value, value.size - count)[value.size - count]
    above = np.flatnonzero(value > cut)
    level = np.flatnonzero(value == cut)
    if above.size + level.size > count:
        level = rng.permutation(level)[: count - above.size]
    return np.concatenate((above, level))
