"""Mesa agents: the readable face of the model.

The engine keeps state in numpy arrays (``sim.model.world``, ``sim.model.campaign``);
these agents are views over one row of those arrays, for inspection in a
notebook, the teaching page or a debugger. Reading an attribute always
shows the current state of the run.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import mesa

from .campaign import NEUTRAL, NOT_YET, SanctionLevel, Violation
from .orgchart import NO_ONE, Rank

PatronageModel = Any
"""The model the agents belong to (``sim.model.model.PatronageModel``): the agents read its
``world``, ``race``, ``campaign`` and ``cycle_params``. Named, not imported: the model
imports the agents."""


class CivilServantState(Enum):
    """What a civil servant shows this week, most serious first."""

    SANCTIONED = "sanctioned"
    REPORTED = "reported"
    BACKING_PPK_SIDE = "backing the PPK's side"
    BACKING_RIVAL = "backing a rival"
    NEUTRAL = "neutral"


class CivilServant(mesa.Agent):
    """A civil servant (ASN): a rank in the chart, a kin group, traits, beliefs, a record."""

    def __init__(self, model: PatronageModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def rank(self) -> Rank:
        return Rank(int(self.model.world.rank[self.index]))

    @property
    def supervisor(self) -> CivilServant | None:
        boss = int(self.model.world.supervisor[self.index])
        return None if boss == NO_ONE else self.model.civil_servants_by_index[boss]

    @property
    def kin_group(self) -> int:
        return int(self.model.world.kin_group[self.index])

    @property
    def kin_candidate(self) -> int | None:
        """Candidate this civil servant's kin group is tied to, if any."""
        tied = int(self.model.race.candidate_of_group[self.kin_group])
        return None if tied == NO_ONE else tied

    @property
    def integrity(self) -> float:
        b = self.model.cycle_params.behaviour
        return float(b.integrity + b.integrity_spread * self.model.world.integrity_z[self.index])

    @property
    def knows_rules(self) -> bool:
        return bool(
            self.model.world.knowledge_rank[self.index]
            < self.model.cycle_params.behaviour.knowledge
        )

    @property
    def risk_attitude(self) -> float:
        return float(self.model.world.risk_attitude[self.index])

    @property
    def career_stake(self) -> float:
        return self.model.cycle_params.careers.stakes.by_rank()[self.rank]

    @property
    def competence(self) -> float:
        return float(self.model.world.competence[self.index])

    @property
    def perceived_risk(self) -> float:
        return float(self.model.world.perceived_risk[self.index])

    @property
    def backing(self) -> int | None:
        """Candidate backed this week, or None when neutral."""
        choice = int(self.model.campaign.choice[self.index])
        return None if choice == NEUTRAL else choice - 1

    @property
    def violation(self) -> Violation | None:
        """Type of violation committed this week, if any."""
        act = int(self.model.campaign.act[self.index])
        return None if act == NOT_YET else Violation(act)

    @property
    def state(self) -> CivilServantState:
        campaign = self.model.campaign
        if campaign.sanctioned[self.index]:
            return CivilServantState.SANCTIONED
        if campaign.reported_week[self.index] != NOT_YET:
            return CivilServantState.REPORTED
        if self.backing is None:
            return CivilServantState.NEUTRAL
        if self.backing == self.model.race.ppk_side:
            return CivilServantState.BACKING_PPK_SIDE
        return CivilServantState.BACKING_RIVAL

    @property
    def record(self) -> dict[str, object]:
        """This cycle's funnel and the career so far."""
        world, campaign = self.model.world, self.model.campaign
        level = int(campaign.sanction_level[self.index])
        return {
            "violated": bool(campaign.violated[self.index]),
            "reported": bool(campaign.reported_week[self.index] != NOT_YET),
            "proven": bool(campaign.proven[self.index]),
            "sanctioned": bool(campaign.sanctioned[self.index]),
            "sanction_level": None if level == NOT_YET else SanctionLevel(level).label,
            "times_sanctioned": int(world.times_sanctioned[self.index]),
            "promoted": int(world.promoted[self.index]),
            "demoted": int(world.demoted[self.index]),
        }

    def __repr__(self) -> str:
        return f"<CivilServant {self.index} {self.rank.label} {self.state.value}>"


class Candidate(mesa.Agent):
    """A candidate (pair) in this cycle's election, with a kin network and a team."""

    def __init__(self, model: PatronageModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    @property
    def popularity(self) -> float:
        return float(self.model.race.popularity[self.index])

    @property
    def incumbent(self) -> bool:
        return self.index == self.model.race.ppk_side and self.model.race.incumbent_runs

    @property
    def backers(self) -> int:
        return int(self.model.campaign.backers_of(self.index).sum())

    @property
    def kin_groups(self) -> list[int]:
        return [int(g) for g in (self.model.race.candidate_of_group == self.index).nonzero()[0]]

    def __repr__(self) -> str:
        role = "incumbent" if self.incumbent else "challenger"
        return f"<Candidate {self.index} {role} popularity={self.popularity:.2f}>"


class RegionalHead(mesa.Agent):
    """The regional head, who is also the PPK: backs a side, presses, protects, rewards."""

    @property
    def backs(self) -> int:
        """Candidate the PPK backs (itself, candidate 0, when it runs)."""
        return self.model.race.ppk_side

    @property
    def is_candidate(self) -> bool:
        return self.model.race.incumbent_runs

    @property
    def leverage(self) -> float:
        """How hard it can press and protect: 1 when it runs, less otherwise."""
        return self.model.race.leverage

    def __repr__(self) -> str:
        return f"<RegionalHead backs candidate {self.backs} running={self.is_candidate}>"
