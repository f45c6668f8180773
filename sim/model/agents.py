"""Mesa agents: the deciding regional head and candidates, and views of civil servants.

The engine keeps state in numpy arrays (``sim.model.world``, ``sim.model.campaign``).
The regional head (PPK) and the candidates' teams are agents whose ``step`` makes
their week's decisions through the vectorised functions of ``sim.model.patron`` and
``sim.model.teams``; civil servants are views over one row of the arrays, for
inspection in a notebook, the teaching page or a debugger. Reading an attribute
always shows the current state of the run.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import mesa
import numpy as np

from .campaign import NEUTRAL, NOT_YET, Motive, PpkKind, SanctionLevel, Violation
from .careers import CareerOutcome, Moves, career_round, rank_stakes
from .orgchart import NO_ONE, Rank

PatronageModel = Any
"""The model the agents belong to (``sim.model.model.PatronageModel``): the agents read its
``world``, ``race``, ``campaign``, ``cycle_params``, ``choice``, ``pressing``, ``win_chance``
and ``streams``. Named, not imported: the model imports the agents."""


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
        m = self.model
        return float(rank_stakes(m.cycle_params, m.race)[self.rank])

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
    def pressed_this_week(self) -> bool:
        """The PPK pressed it in the week just run (``threatened_this_week``: and threatened)."""
        return self._in_last_week(self.model.campaign.pressed_week)

    @property
    def threatened_this_week(self) -> bool:
        return self._in_last_week(self.model.campaign.threatened_week)

    def _in_last_week(self, weeks) -> bool:
        week = int(weeks[self.index])
        return week != NOT_YET and week == self.model.week - 1

    @property
    def protected(self) -> bool:
        """The PPK chose to ignore the recommendation against it this cycle."""
        return bool(self.model.campaign.protected[self.index])

    @property
    def non_job(self) -> bool:
        """Sidelined by the last reshuffle: it holds its post without its unit."""
        return bool(self.model.world.non_job[self.index])

    @property
    def worth_to_ppk(self) -> float:
        """What its support is worth to the PPK: 1 + the civil servants it leads."""
        return float(self.model.campaign.worth[self.index])

    @property
    def motive(self) -> Motive | None:
        """What pulled it most when it first took a side this cycle (None: no side yet)."""
        code = int(self.model.campaign.motive[self.index])
        return Motive(code) if 0 <= code < len(Motive) else None

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
    """A candidate (pair) in this cycle's election, with a kin network and a campaign team.

    ``step`` is its team's week before the choice: it reaches a random share of civil
    servants through shared background and promises them a post; ``report`` is its
    team's week after the acts: a challenger reports the PPK side's backers it sees
    (``sim.model.teams``).
    """

    def __init__(self, model: PatronageModel, index: int) -> None:
        super().__init__(model)
        self.index = index

    def step(self) -> None:
        """Its team recruits this week."""
        m = self.model
        m.choice.teams.recruit(self.index, m.campaign, m.streams.teams)

    def report(self) -> None:
        """A challenger's team reports the acts of the PPK side's backers it saw this week."""
        m = self.model
        m.choice.teams.report(self.index, m.campaign, m.week, m.cycle_params, m.streams.teams)

    @property
    def reached(self) -> np.ndarray:
        """Civil servants its team has reached so far through shared background (indices)."""
        return np.flatnonzero(self.model.campaign.promised[self.index])

    @property
    def reached_this_week(self) -> np.ndarray:
        """Those its team reached this week (indices)."""
        return np.unique(self.model.choice.teams.reached[self.index])

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
    """The regional head, who is also the PPK: backs a side, presses, threatens, protects,
    and after the vote (as the winner) reshuffles.

    ``step`` is its week before the choice (``sim.model.patron.Pressing.press``): it reads
    how each civil servant leans this week, presses those worth most to its side and
    threatens where it dares. Its follow-up decision is taken as recommendations reach
    it (``sim.model.patron.follow_up``), and ``reshuffle`` is the career round.
    """

    def __init__(self, model: PatronageModel) -> None:
        super().__init__(model)
        self.pressed = np.empty(0, dtype=np.int64)  # this week, by index
        self.threatened = np.empty(0, dtype=np.int64)
        self.last_reshuffle: Moves | None = None

    def step(self) -> None:
        """Press and threaten this week (on the utilities the choice has just weighed)."""
        m = self.model
        campaign, week = m.campaign, m.week
        pressed, gain, threatened = m.pressing.press(
            m.choice.utility, campaign.choice, m.win_chance, m.streams.patron
        )
        m.choice.add_pressure(pressed, gain)
        campaign.pressed_week[pressed] = week
        campaign.times_pressed[pressed] += 1
        self.pressed, self.threatened = pressed, pressed[threatened]
        campaign.threatened_week[self.threatened] = week
        campaign.times_threatened[self.threatened] += 1

    def reshuffle(self, patron: int) -> CareerOutcome:
        """The career round, with ``patron``'s side rewarded (the winner, as the new PPK)."""
        m = self.model
        outcome = career_round(m.world, m.campaign, patron, m.cycle_params, m.streams.careers)
        self.last_reshuffle = outcome.moves
        return outcome

    @property
    def backs(self) -> int:
        """Candidate the PPK backs (itself, candidate 0, when it runs)."""
        return self.model.race.ppk_side

    @property
    def kind(self) -> PpkKind:
        """Incumbent on the ballot, sitting head backing a successor, or acting head (Pj)."""
        return PpkKind(self.model.race.ppk_kind)

    @property
    def is_candidate(self) -> bool:
        return self.model.race.incumbent_runs

    @property
    def leverage(self) -> float:
        """How hard it can press and protect: 1 when it runs, less otherwise."""
        return self.model.race.leverage

    @property
    def protected(self) -> np.ndarray:
        """Civil servants whose recommendation it chose to ignore this cycle (indices)."""
        return np.flatnonzero(self.model.campaign.protected)

    def __repr__(self) -> str:
        return (
            f"<RegionalHead {self.kind.label} backs candidate {self.backs} "
            f"running={self.is_candidate}>"
        )
