"""The patronage model: one region through election after election.

``PatronageModel.step()`` is one campaign week: solicit (the candidates' teams
recruit, the regional head presses and threatens), decide, act, detect (and rival
teams report), verify and recommend (the PPK decides whom to protect), sanction,
learn. After the last week of a campaign the same step holds the vote, works the
enforcement queues through, holds the winner's career round and opens the next
cycle, carrying over what every civil servant learned.
"""

from __future__ import annotations

from typing import Any

import mesa
import networkx as nx
import numpy as np

from .agents import Candidate, CivilServant, RegionalHead
from .behaviour import Choice, act
from .campaign import Campaign, new_race
from .careers import learn_loyalty
from .election import vote, win_chances
from .enforcement import (
    WEEKS_BETWEEN_ELECTIONS,
    admit,
    detect,
    expire,
    next_verdict_week,
    sanction,
    verify,
)
from .metrics import cycle_row, queue_row, week_row
from .orgchart import OrgChart, chart_to_networkx, resolve_org_chart
from .parameters import Params
from .patron import Pressing
from .perception import close_counts, forget, learn, refresh, set_prior
from .streams import Streams
from .world import build_world, to_networkx


def release(model: mesa.Model) -> None:
    """Let a finished Mesa model be freed.

    Mesa 3.3's ``Agent`` numbers agents with a counter per model kept in a
    class-level dictionary keyed by the model itself, which keeps every model
    (and all its arrays) alive for the life of the process; a job running many
    replications or regions would grow by a whole region each time.
    """
    mesa.Agent._ids.pop(model, None)


class PatronageModel(mesa.Model):
    """A region's civil servants (ASN), its regional head (PPK) and the candidates.

    Replication ``r`` draws from streams spawned from ``params.seed`` and ``r``
    (see ``sim.model.streams``), so a run is reproducible bit for bit; a region of a
    national run is given its own ``streams``. ``org_chart``: a networkx graph (or a
    chart already read) to use as the organisation chart (see ``sim.model.orgchart``),
    instead of the one ``region.org_chart`` names or a generated one.
    """

    def __init__(
        self,
        params: Params,
        replication: int = 0,
        streams: Streams | None = None,
        org_chart: nx.Graph | OrgChart | None = None,
    ) -> None:
        self.replication = replication
        self.streams = streams or Streams.for_replication(params.seed, replication)
        super().__init__(rng=self.streams.mesa)
        params, chart = resolve_org_chart(params, org_chart)
        self.params = params
        self.cycle = 0  # cycles completed
        self.week = 0  # weeks of the current campaign completed
        self.week_rows: list[dict[str, Any]] = []
        self.cycle_rows: list[dict[str, Any]] = []
        self.cycle_params = params.at_cycle(0)
        self.world = build_world(self.cycle_params, self.streams.world, chart)
        set_prior(self.world, self.cycle_params)
        self._n_groups = int(self.world.kin_group.max()) + 1
        self._head_groups = np.empty(0, dtype=np.int64)
        self._civil_servants: mesa.agent.AgentSet | None = None
        self._candidates: list[Candidate] = []
        self.regional_head = RegionalHead(self)
        self._open_cycle()

    # -- the readable face -------------------------------------------------

    @property
    def civil_servants(self) -> mesa.agent.AgentSet:
        """Civil servants as Mesa agents (made on first use: the engine does not need them)."""
        if self._civil_servants is None:
            agents = [CivilServant(self, i) for i in range(self.world.size)]
            self._civil_servants = mesa.agent.AgentSet(agents, random=self.random)
            self._by_index = agents
        return self._civil_servants

    @property
    def civil_servants_by_index(self) -> list[CivilServant]:
        self.civil_servants  # noqa: B018 (makes them on first use)
        return self._by_index

    @property
    def candidates(self) -> list[Candidate]:
        return self._candidates

    def graph(self):
        """The region as a networkx graph (hierarchy, kin and candidate-kin ties)."""
        return to_networkx(self.world, self.race.candidate_of_group)

    def org_chart(self) -> nx.DiGraph:
        """The organisation chart's posts as a networkx graph (``nx.write_graphml`` saves it)."""
        return chart_to_networkx(self.world.chart)

    # -- the step ---------------------------------------------------------

    def step(self) -> None:
        """One campaign week; the last one also holds the vote and the career round."""
        if not self.running:
            return
        self._campaign_week()
        self.week += 1
        if self.week == self.cycle_params.campaign_weeks:
            self._close_cycle()

    def _campaign_week(self) -> None:
        p, world, race, campaign = self.cycle_params, self.world, self.race, self.campaign
        # 1 solicit: the teams recruit, then the PPK reads the week and presses
        self.win_chance = win_chances(race, campaign, p)
        for candidate in self._candidates:
            candidate.step()
        self.choice.utilities(world, campaign, self.win_chance)
        self.regional_head.step()
        # 2 decide, 3 act, 4 detect (patrols, the public, rival teams)
        self.choice.draw(campaign, self.streams.behaviour)
        acts_before = int(campaign.acts.sum())
        new_violators = act(world, campaign, p, self.streams.behaviour, self.choice.backers)
        self._enforce(self.week, new_violators)  # 4 detect, 5 verify, 6 sanction, 7 learn
        head = self.regional_head
        row = week_row(
            world,
            race,
            campaign,
            int(campaign.acts.sum()) - acts_before,
            pressed=head.pressed.size,
            threatened=head.threatened.size,
        )
        self.week_rows.append(self._label(week=self.week + 1) | row)

    def _enforce(self, week: int, new_violators: np.ndarray) -> None:
        """Detect (campaign weeks), verify (the PPK's follow-up decision), sanction and learn."""
        p, world, campaign = self.cycle_params, self.world, self.campaign
        if week < p.campaign_weeks:  # patrols, the public, then rival teams
            detect(campaign, week, p, self.streams.enforcement)
            for candidate in self._candidates:
                candidate.report()
        decided = admit(campaign, week, p)
        verify(campaign, self.race, week, p, self.streams.enforcement)
        sanctioned = sanction(world, campaign, week, p, self.streams.enforcement)
        learn(world, self._adjacency, campaign, week, new_violators, decided, sanctioned, p)
        if week < p.campaign_weeks:  # after the vote no one chooses: refreshed once, at the end
            refresh(world, campaign, p, week + 1)  # for next week's choice

    def _settle_enforcement(self) -> None:
        """After the vote the queues are worked through at capacity, week after week, until
        nothing is pending; reports still queued when the next cycle opens are dropped."""
        p, campaign = self.cycle_params, self.campaign
        no_one = np.empty(0, dtype=np.int64)
        week, last = p.campaign_weeks, p.campaign_weeks + WEEKS_BETWEEN_ELECTIONS
        while True:
            pending = campaign.sanction_week[campaign.sanction_week >= week]
            verdict = next_verdict_week(campaign, week, p)
            due = [int(pending.min())] if pending.size else []
            due += [verdict] if verdict is not None and verdict < last else []
            if not due:
                break
            week = min(due)  # a verdict schedules its sanction later still: look again
            self._enforce(week, no_one)
            week += 1
        campaign.expired = expire(campaign)
        close_counts(self.world, self._adjacency, campaign, p)
        refresh(self.world, campaign, p, week)

    def _close_cycle(self) -> None:
        p, world, race, campaign = self.cycle_params, self.world, self.race, self.campaign
        result = vote(race, campaign, p, self.streams.race)
        self._settle_enforcement()
        rank_at_vote = world.rank
        pilkada = p.election.kind == "pilkada"
        # a Pilkada's winner becomes the PPK; in a Pemilu the sitting PPK stays
        patron = result.winner if pilkada else race.ppk_side
        careers = self.regional_head.reshuffle(patron)
        if careers.promoted:
            learn_loyalty(world, careers.loyalist_share, p.perception.memory)
        row = cycle_row(world, race, campaign, result, careers, rank_at_vote)
        row |= queue_row(world, campaign, p)
        self.cycle_rows.append(self._label() | row)
        if pilkada:
            self._head_groups = np.flatnonzero(race.candidate_of_group == result.winner)
        forget(world, p)
        self.cycle += 1
        if self.cycle == self.params.cycles:
            self.running = False
        else:
            self._open_cycle()

    def _open_cycle(self) -> None:
        self.cycle_params = self.params.at_cycle(self.cycle)
        self.week = 0
        self.race = new_race(
            self._head_groups, self._n_groups, self.cycle_params, self.streams.race
        )
        self.campaign = Campaign.start(self.world.size, self.race.candidates)
        self._adjacency = self.world.ties()
        self.pressing = Pressing.open(self.world, self.race, self.campaign, self.cycle_params)
        self.choice = Choice.open(
            self.world, self.race, self._adjacency, self.cycle_params, self.campaign.worth
        )
        refresh(self.world, self.campaign, self.cycle_params, 0)
        for old in self._candidates:
            old.remove()
        self._candidates = [Candidate(self, k) for k in range(self.race.candidates)]

    def release(self) -> None:
        """Let the model be freed once its run is over (see ``release``)."""
        release(self)

    def _label(self, **extra: Any) -> dict[str, Any]:
        return {
            "replication": self.replication,
            "seed": self.params.seed,
            "policy": self.params.policy,
            "cycle": self.cycle + 1,
            **extra,
        }
