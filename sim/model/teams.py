"""The candidates' campaign teams: whom they reach, what they promise, whom they report.

A team reaches the kin groups tied to its candidate (the kin pull of the weekly
choice, ODD 7.1) and, each week, through shared background (school, ethnicity,
origin), a random share ``teams.reach`` of all civil servants, to whom it promises
a post: a pull of ``teams.promise`` x stake x the candidate's win chance, a promise
worth as much as the candidate is likely to win. A promise once made stands for the
rest of the campaign, so the circle a team has reached grows week by week. A
challenger's team also reports the acts of the PPK side's backers it sees to Bawaslu
(``teams.rival_reports``).
The incumbent's team has the hierarchy and state facilities besides: that is the
PPK's own pressure (``sim.model.patron``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .campaign import NOT_YET, VISIBILITY, Campaign, Channel, Race
from .careers import rank_stakes
from .enforcement import bawaslu
from .parameters import Params
from .world import World


@dataclass
class Teams:
    """The teams of one campaign: the promise each civil servant would hear, and whom each
    team has reached so far (``Campaign.promised``).

    ``career`` is the weight of each candidate's win chance in the utility of backing
    it: the career stake (gain and fear of a purge) for everyone, plus the team's
    promise for those its team has reached. The weekly choice multiplies it by the
    win chances, so a promise costs nothing a week once made.
    """

    reach: float
    promise: np.ndarray  # (N,) float32: promise x stake / temperature
    stake: np.ndarray  # (N,) float32: the career weight without any promise
    promised: np.ndarray  # (N,) float32: the career weight with a promise
    career: np.ndarray  # (C, N) float32: stake, plus the promise where made
    ppk_side: int
    reached: list[np.ndarray] = field(default_factory=list)  # this week's new contacts

    @classmethod
    def open(cls, world: World, race: Race, stake: np.ndarray, params: Params) -> Teams:
        """``stake``: the career weight of the weekly choice (over the temperature)."""
        t = params.teams
        rank_stake = rank_stakes(params, race).astype(np.float32)[world.rank]
        promise = t.promise / params.behaviour.temperature * rank_stake
        stake = stake.astype(np.float32)
        return cls(
            reach=t.reach,
            promise=promise.astype(np.float32),
            stake=stake,
            promised=stake + promise.astype(np.float32),
            career=np.tile(stake, (race.candidates, 1)),
            ppk_side=race.ppk_side,
            reached=[np.empty(0, dtype=np.int64) for _ in range(race.candidates)],
        )

    def recruit(self, candidate: int, campaign: Campaign, rng: np.random.Generator) -> None:
        """Candidate ``candidate``'s team makes this week's contacts (``contacts``) and
        promises those it reaches a post."""
        who = contacts(campaign.choice.size, self.reach, rng)
        self.reached[candidate] = who
        campaign.promised[candidate][who] = True  # (row views: faster than 2-D indexing)
        self.career[candidate][who] = self.promised[who]

    def heard(
        self, campaign: Campaign, who: np.ndarray, candidate: np.ndarray, prospect: np.ndarray
    ) -> np.ndarray:
        """The promise each of ``who`` has from the team of its ``candidate``, x its prospect."""
        return self.promise[who] * prospect[candidate] * campaign.promised[candidate, who]

    def report(
        self,
        candidate: int,
        campaign: Campaign,
        week: int,
        params: Params,
        rng: np.random.Generator,
    ) -> None:
        """A challenger's team reports this week's acts by the PPK side's backers.

        Each act not yet reported is reported with ``rival_reports`` x its visibility,
        through Bawaslu (within what it can still take on this week) into the verifier's
        queue, as any report.
        """
        chance = params.teams.rival_reports
        if candidate == self.ppk_side or chance <= 0:
            return
        acting = campaign.acting  # this week's acts (sim.model.behaviour.act)
        acting = acting[
            (campaign.choice[acting] == self.ppk_side + 1)
            & (campaign.reported_week[acting] == NOT_YET)
        ]
        if not acting.size:
            return
        seen = acting[rng.random(acting.size) < chance * VISIBILITY[campaign.act[acting]]]
        # a rival's report goes to Bawaslu like anyone's: within what it can still take on
        office = bawaslu(campaign, params)
        seen = seen[: office.room(week)]
        office.use(seen.size)
        campaign.reported_week[seen] = week
        campaign.reported_type[seen] = campaign.act[seen]
        campaign.channel[seen] = Channel.RIVAL
        campaign.queue = np.concatenate((campaign.queue, seen))


def contacts(n: int, reach: float, rng: np.random.Generator) -> np.ndarray:
    """A week's contacts of a team among ``n`` civil servants: Binomial(n, ``reach``) of them,
    each with a civil servant drawn uniformly (repeats possible), so each civil servant is
    reached with chance 1 - (1 - reach / n)^n, about 1 - e^-reach."""
    if reach <= 0 or n == 0:
        return np.empty(0, dtype=np.int64)
    return rng.integers(n, size=rng.binomial(n, min(reach, 1.0)))
