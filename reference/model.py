"""The reference model: the rules written the plain Mesa way, one agent at a time.

Each civil servant is a ``mesa.Agent`` that steps itself: it looks up its
supervisor, kin and subordinates one by one, weighs each candidate, draws its
choice from Python's ``random``, acts, and is reported, proven and sanctioned
through its own attributes. Nothing is vectorised. It serves two purposes:
an oracle (on small regions the engine and the reference must agree in
distribution, ``tests/test_reference.py``) and the speed baseline
(``benchmarks/scale.py``).

What is shared with the engine is the starting point only: the region
(``build_world``) and each cycle's ballot (``new_race``) are drawn by the engine's
code from the same streams, so for a given seed the engine and the reference
start from the same organisation and the same first race. Everything else, the
weekly rules (the teams' recruiting, the PPK's pressure and threats, decide, act,
detect and rival reports, verify and the PPK's follow-up, sanction, learn), the mix
of violation types, the vote and the winner's reshuffle, is written here again from
its description in docs/ODD.md, section 7 (the PPK and the teams in
``reference/patron.py``), and shares no code with the engine, so a bug in either
shows as a disagreement.
"""

from __future__ import annotations

import bisect
import itertools
import math
from typing import Any

import mesa
import numpy as np

from sim.model.campaign import NEEDS_AUTHORITY, NEUTRAL, NOT_YET, VISIBILITY, Channel, new_race
from sim.model.orgchart import NO_ONE, Rank
from sim.model.parameters import Params
from sim.model.streams import Streams
from sim.model.world import build_world

from .beliefs import BETWEEN_ELECTIONS, NATIONAL, Office, RegionBeliefs, mean_severity
from .patron import (
    ReferenceHead,
    ReferenceTeam,
    career_stake,
    chance_to_dare,
    inaction_cost,
    unit_sizes,
)
from .rows import CycleRows

PROBIT_TO_LOGIT = 1.702
"""A logistic curve at this scale approximates the normal one (Bowling et al. 2009)."""


def release(model: mesa.Model) -> None:
    """Let a finished Mesa model be freed (Mesa 3.3 keeps a per-model agent counter)."""
    mesa.Agent._ids.pop(model, None)


def type_shares(params: Params, leads_a_unit: bool) -> list[float]:
    """Cumulative shares of the violation types a backer picks from (ODD 7.3).

    Types that need authority are open only to unit leaders; for others their
    weight is left out and the rest renormalised.
    """
    weights = list(params.behaviour.violation_propensity.weights())
    if not leads_a_unit:
        weights = [0.0 if needs else w for w, needs in zip(weights, NEEDS_AUTHORITY, strict=True)]
    total, running, shares = sum(weights), 0.0, []
    for weight in weights:
        running += weight / total
        shares.append(running)
    return shares


class ReferenceCivilServant(mesa.Agent):
    """One civil servant with its own traits, beliefs and funnel record."""

    def __init__(self, model: ReferenceModel, index: int) -> None:
        super().__init__(model)
        world = model.world
        self.index = index
        self.kin_group = int(world.kin_group[index])
        self.integrity_z = float(world.integrity_z[index])
        self.knowledge_rank = float(world.knowledge_rank[index])
        self.risk_attitude = float(world.risk_attitude[index])
        self.rank = Rank(int(world.rank[index]))
        self.belief = model.first_belief(self.rank <= Rank.PENGAWAS)
        self.supervisor: ReferenceCivilServant | None = None
        self.neighbours: list[ReferenceCivilServant] = []
        self.non_job = False  # sidelined by the last reshuffle: a post without its unit
        self.worth = 1.0  # what its support is worth to the PPK: 1 + those it leads

    def start_campaign(self) -> None:
        self.choice = NEUTRAL
        self.next_choice = NEUTRAL
        self.violated = False
        self.backed_ppk_side = False
        self.act = NOT_YET
        self.reported_week = NOT_YET
        self.channel = Channel.NONE
        self.verdict_week = NOT_YET
        self.proven = False
        self.sanction_week = NOT_YET
        self.sanctioned = False
        self.sanctioned_now = False
        self.newly_violating = False
        self.found = False
        self.violated_week = NOT_YET
        self.impunity_seen = False
        self.ended_now = False
        self.level = NOT_YET
        self.protected = False
        self.promised: set[int] = set()  # candidates whose teams promised it a post
        self.weeks_backing = [0] * self.model.race.candidates
        self.times_pressed = self.times_threatened = 0
        self.gain = 0.0  # what the PPK's pressure and threat add to its side this week
        self.motive: int | None = None  # what pulled it when it first took a side
        self.motives = 0

    @property
    def perceived_risk(self) -> float:
        """Perceived chance that a violation ends in a sanction (ODD 7.7)."""
        m = self.model
        kind = m.p.perception.kind
        if kind == "informed":
            return m.informed[self.rank <= Rank.PENGAWAS]
        if kind == "fixed":
            return self.belief.sanctioned / (self.belief.sanctioned + self.belief.unsanctioned)
        return self.belief.certainty(m.heard)

    @property
    def perceived_severity(self) -> float:
        """Expected disutility of a sanction, relative to a medium one (ODD 7.7)."""
        m = self.model
        kind = m.p.perception.kind
        if kind == "informed":
            return mean_severity(m.p)
        if kind == "fixed":
            return 1.0
        return self.belief.severity(m.heard, list(m.p.enforcement.ladder.disutilities()))

    # -- decide ---------------------------------------------------------------

    def pulls(self, candidate: int) -> tuple[list[float], float]:
        """The parts of the pull toward ``candidate`` (career, kin, team, superior, norm:
        the order of ``Motive``) and the sanction expected for backing it."""
        m = self.model
        b, e, c, race = m.p.behaviour, m.p.enforcement, m.p.careers, m.race
        stake = career_stake(m, self.rank)
        if m.p.election.kind == "pemilu":
            chances = race.leverage if candidate == race.ppk_side else 0.0
        else:
            chances = m.win_chance[candidate]
        purge = c.purge_severity if self.rank <= Rank.ADMINISTRATOR else 0.0
        career = (b.career_dependence + purge) * m.world.loyalty_payoff * stake * chances
        kin = b.kin_loyalty if race.candidate_of_group[self.kin_group] == candidate else 0.0
        team = m.p.teams.promise * stake * chances if candidate in self.promised else 0.0
        boss = self.supervisor
        superior = 0.0
        if boss is not None and not boss.non_job and boss.choice == candidate + 1:
            superior = b.supervisor_pressure
        backing = sum(1 for other in self.neighbours if other.choice == candidate + 1)
        norm = b.norm_weight * backing / max(len(self.neighbours), 1)
        knows = self.knowledge_rank < b.knowledge
        sanction = knows * self.risk_attitude * e.sanction_strength * self.expected
        if candidate == race.ppk_side and not (e.central_enforcement or m.p.oversight.binding):
            noise = m.p.patron.decision_noise
            sanction *= 1.0 - chance_to_dare(race.leverage * self.worth, inaction_cost(m), noise)
        return [career, kin, team, superior, norm], sanction

    def weigh(self) -> None:
        """This week's utility of each choice, over the temperature, before the PPK acts."""
        b = self.model.p.behaviour
        self.expected = self.perceived_risk * self.perceived_severity
        self.parts = [self.pulls(k) for k in range(self.model.race.candidates)]
        values = [b.integrity + b.integrity_spread * self.integrity_z]
        values += [sum(pull) - sanction for pull, sanction in self.parts]
        values[self.choice] += b.inertia
        self.values = [v / b.temperature for v in values]

    def decide(self) -> None:
        """Choose, from last week's state of everyone; the choice shows once all have chosen."""
        weights = [math.exp(v - max(self.values)) for v in self.values]
        draw = self.random.random() * sum(weights)
        choice, cumulative = 0, weights[0]
        while cumulative < draw and choice < len(weights) - 1:
            choice += 1
            cumulative += weights[choice]
        self.next_choice = choice

    def show_choice(self) -> None:
        if self.choice == NEUTRAL and self.next_choice != NEUTRAL and self.motive is None:
            self.remember_motive(self.next_choice - 1)
        self.choice = self.next_choice
        if self.choice != NEUTRAL:
            self.weeks_backing[self.choice - 1] += 1
        if self.choice == self.model.race.ppk_side + 1:
            self.backed_ppk_side = True

    def remember_motive(self, candidate: int) -> None:
        """The largest positive part of the pull toward the side first taken, and each part
        that is at least a third of their sum."""
        parts = [max(part, 0.0) for part in self.parts[candidate][0]]
        if candidate == self.model.race.ppk_side:
            parts[3] += self.gain * self.model.p.behaviour.temperature  # the PPK's pressure
        total = sum(parts)
        if total <= 0:
            self.motive = len(parts)  # no positive pull: the logit's noise
            return
        self.motive = max(range(len(parts)), key=lambda k: (parts[k], -k))
        self.motives = sum(1 << k for k, part in enumerate(parts) if part >= total / 3)

    # -- act, detect, verify, sanction, learn ------------------------------------

    def commit(self) -> None:
        self.act = NOT_YET
        self.newly_violating = False
        if self.choice == NEUTRAL or self.random.random() >= self.model.p.behaviour.activity:
            return
        kinds = self.model.type_shares[self.rank <= Rank.PENGAWAS and not self.non_job]
        kind = min(bisect.bisect_right(kinds, self.random.random()), len(kinds) - 1)
        self.act = kind
        self.model.acts[kind] += 1
        self.newly_violating = not self.violated
        if self.newly_violating:
            self.violated_week = self.model.week
        self.violated = True

    def be_seen(self) -> None:
        """Found by a patrol or the public this week (Bawaslu may not take it on)."""
        self.found = False
        if self.act == NOT_YET or self.reported_week != NOT_YET:
            return
        e, visibility = self.model.p.enforcement, VISIBILITY[self.act]
        if self.random.random() < e.detection_probability * visibility:
            self.channel = Channel.PATROL
        elif self.random.random() < e.report_probability * visibility:
            self.channel = Channel.PUBLIC
        else:
            return
        self.found = True

    def be_verified(self, week: int) -> None:
        self.ended_now = False
        if self.verdict_week != week:
            return
        e = self.model.p.enforcement
        if self.random.random() >= e.proof_probability:
            self.ended_now = True  # not proven: a case seen to end without a sanction
            return
        self.proven = True
        if e.central_enforcement:
            self.sanction_week = week + 1 + self.delay(e.central_delay_weeks)
            return
        draw = self.random.random()
        if draw >= e.enforcement_probability:
            pass  # not taken up at all
        elif draw >= e.enforcement_probability * (1.0 - self.model.head.protects(self)):
            self.protected = True  # the PPK chose to ignore it
        else:
            self.sanction_week = week + 1 + self.delay(e.followup_delay_weeks)
        deadline = week + e.followup_deadline_weeks
        in_time = self.sanction_week != NOT_YET and self.sanction_week <= deadline
        if self.model.p.oversight.binding and not in_time:
            self.sanction_week = deadline + 1  # a binding body's own sanction (ODD 7.13)

    def delay(self, mean_weeks: float) -> int:
        """Weeks of delay: each week the sanction may come, with chance 1 / (mean + 1)."""
        weeks = 0
        while self.random.random() >= 1.0 / (mean_weeks + 1.0):
            weeks += 1
        return weeks

    def be_sanctioned(self, week: int) -> None:
        self.sanctioned_now = self.sanction_week == week
        if self.sanctioned_now:
            self.sanctioned = True
            self.model.world.times_sanctioned[self.index] += 1
            self.level = min(bisect.bisect_right(self.model.mix, self.random.random()), 3)

    def see_impunity(self, week: int) -> None:
        """Learned: still unsanctioned ``impunity_weeks`` after its first violation (campaign)."""
        horizon = self.model.p.perception.impunity_weeks
        if self.violated and self.violated_week + horizon == week and not self.sanctioned:
            self.ended_now = True
        if self.impunity_seen:
            self.ended_now = False
        elif self.ended_now:
            self.impunity_seen = True

    def learn(self) -> None:
        p = self.model.p.perception
        if p.kind == "fixed":
            seen = sum(other.sanctioned_now for other in self.neighbours) + self.sanctioned_now
            self.belief.sanctioned += p.sanction_salience * seen
            self.belief.unsanctioned += sum(other.newly_violating for other in self.neighbours)
        elif p.kind == "learned":
            for source in [*self.neighbours, self]:
                if source.sanctioned_now:
                    self.belief.sanctioned += 1
                    self.belief.levels[source.level] += 1
                if source.ended_now:
                    self.belief.unsanctioned += 1


class ReferenceModel(CycleRows, RegionBeliefs, mesa.Model):
    """A region run by ``ReferenceCivilServant`` agents; ``cycle_rows`` as the engine's."""

    def __init__(self, params: Params, replication: int = 0) -> None:
        self.streams = Streams.for_replication(params.seed, replication)
        super().__init__(seed=int(self.streams.behaviour.integers(2**62)))
        self.params = params
        self.replication = replication
        self.cycle = 0
        self.week = 0
        self.cycle_rows: list[dict[str, Any]] = []
        self.p = params.at_cycle(0)
        self.world = build_world(self.p, self.streams.world)
        self.heard = [0.0] * 6  # cases heard of: sanctioned, unsanctioned, each level
        self.informed = [0.0, 0.0]
        self.head_groups = np.empty(0, dtype=np.int64)
        self.civil_servants = mesa.agent.AgentSet(
            [ReferenceCivilServant(self, i) for i in range(self.world.size)], random=self.random
        )
        self.by_index = list(self.civil_servants)
        self.head = ReferenceHead(self)
        self.teams: list[ReferenceTeam] = []
        self.open_cycle()

    def look_up_ties(self) -> None:
        """Each civil servant's rank, supervisor and neighbours (supervisor, subordinates, kin)."""
        world = self.world
        rank, boss = world.rank.tolist(), world.supervisor.tolist()
        kin: dict[int, list[ReferenceCivilServant]] = {}
        for agent in self.by_index:
            kin.setdefault(agent.kin_group, []).append(agent)
            agent.rank = Rank(rank[agent.index])
            agent.supervisor = (
                None if boss[agent.index] == NO_ONE else self.by_index[boss[agent.index]]
            )
        subordinates: dict[int, list[ReferenceCivilServant]] = {}
        for agent in self.by_index:
            if agent.supervisor is not None:
                subordinates.setdefault(agent.supervisor.index, []).append(agent)
        for agent in self.by_index:
            ties = {other.index: other for other in kin[agent.kin_group] if other is not agent}
            if agent.supervisor is not None:
                ties[agent.supervisor.index] = agent.supervisor
            ties.update((other.index, other) for other in subordinates.get(agent.index, []))
            agent.neighbours = list(ties.values())
        leads = unit_sizes(self.by_index)
        for agent in self.by_index:
            agent.worth = 1.0 if agent.non_job else 1.0 + leads[agent.index]

    def open_cycle(self) -> None:
        self.p = self.params.at_cycle(self.cycle)
        # cumulative shares of the violation types, for unit leaders (True) and staff
        self.type_shares = {leads: type_shares(self.p, leads) for leads in (True, False)}
        self.week = 0
        n_groups = int(self.world.kin_group.max()) + 1
        self.race = new_race(self.head_groups, n_groups, self.p, self.streams.race)
        self.acts = [0] * len(VISIBILITY)
        self.look_up_ties()
        self.civil_servants.do("start_campaign")
        n = len(self.by_index)
        self.bawaslu = Office(self.p.enforcement.bawaslu_capacity * n / 1000)
        self.verifier = Office(self.p.enforcement.verifier_capacity * n / NATIONAL)
        self.queue: list[ReferenceCivilServant] = []
        self.load = 0
        self.expired = 0
        mix = self.p.enforcement.sanction_mix
        self.mix = list(itertools.accumulate([mix.moral, mix.light, mix.medium, mix.heavy]))
        self.inform()
        for team in self.teams:
            team.remove()
        self.teams = [ReferenceTeam(self, k) for k in range(self.race.candidates)]

    def expected_shares(self) -> list[float]:
        """Each candidate's expected vote share: popularity plus the votes backers mobilise."""
        e = self.p.election
        voters = e.voters_per_civil_servant * len(self.by_index)
        backers = [0] * self.race.candidates
        for agent in self.by_index:
            if agent.choice != NEUTRAL:
                backers[agent.choice - 1] += 1
        votes = [
            popularity * voters + count * e.mobilised_votes
            for popularity, count in zip(self.race.popularity.tolist(), backers, strict=True)
        ]
        return [v / sum(votes) for v in votes]

    def win_chances(self) -> list[float]:
        """Each candidate's chance of winning as civil servants read the race this week."""
        e = self.p.election
        shares = self.expected_shares()
        scale = PROBIT_TO_LOGIT / (e.vote_noise * math.sqrt(2.0))
        weights = [math.exp(scale * (s - max(shares))) for s in shares]
        return [w / sum(weights) for w in weights]

    def step(self) -> None:
        """One campaign week; the last one also holds the vote and the career round."""
        if not self.running:
            return
        self.win_chance = self.win_chances()
        for team in self.teams:
            team.recruit()
        self.civil_servants.do("weigh")
        self.head.press()
        self.civil_servants.do("decide")
        self.civil_servants.do("show_choice")
        self.civil_servants.do("commit")
        self.report(self.week)  # patrols and the public, through Bawaslu
        for team in self.teams:
            team.report(self.week)
        self.enforce(self.week)
        self.week += 1
        self.inform()
        if self.week == self.p.campaign_weeks:
            self.close_cycle()

    def enforce(self, week: int) -> None:
        self.admit(week)
        self.civil_servants.do("be_verified", week)
        self.civil_servants.do("be_sanctioned", week)
        if self.p.perception.kind == "learned":
            for agent in self.by_index:
                if week < self.p.campaign_weeks:
                    agent.see_impunity(week)
                elif agent.impunity_seen and agent.ended_now:  # already counted at its horizon
                    agent.ended_now = False
                elif agent.ended_now:
                    agent.impunity_seen = True
            self.hear()
        self.civil_servants.do("learn")

    def vote(self) -> int:
        """The winner: expected shares plus noise, clipped at zero; the largest wins."""
        shares = self.expected_shares()
        noise = self.streams.race.normal(0.0, self.p.election.vote_noise, len(shares))
        noisy = [max(0.0, share + e) for share, e in zip(shares, noise.tolist(), strict=True)]
        if sum(noisy) > 0:
            self.vote_shares = [v / sum(noisy) for v in noisy]
        else:
            self.vote_shares = [1 / len(noisy)] * len(noisy)
        return max(range(len(noisy)), key=lambda k: (self.vote_shares[k], -k))

    def close_cycle(self) -> None:
        winner = self.vote()
        for agent in self.by_index:  # new violators are only seen in campaign weeks
            agent.newly_violating = False
        week, last = self.p.campaign_weeks, self.p.campaign_weeks + BETWEEN_ELECTIONS
        while (self.queue and week < last) or any(a.sanction_week >= week for a in self.by_index):
            self.enforce(week)
            week += 1
        self.expired, self.queue = len(self.queue), []
        self.count_late_impunity()
        self.inform()
        beliefs = self.beliefs()  # as the engine reports them: before the reshuffle
        pilkada = self.p.election.kind == "pilkada"
        careers = self.head.reshuffle(winner if pilkada else self.race.ppk_side)
        if careers["promoted"]:  # what loyalty was just seen to pay, against the old belief
            memory, world = self.p.perception.memory, self.world
            share = careers["loyalists"] / careers["promoted"]
            world.loyalty_payoff = memory * world.loyalty_payoff + (1 - memory) * share
        self.cycle_rows.append(self.cycle_row(winner, careers) | beliefs)
        if pilkada:
            self.head_groups = np.flatnonzero(self.race.candidate_of_group == winner)
        self.forget()
        self.cycle += 1
        if self.cycle == self.params.cycles:
            self.running = False
        else:
            self.open_cycle()


def run_reference(params: Params) -> list[dict[str, Any]]:
    """Every replication of ``params`` through the reference: one row per replication and cycle."""
    rows = []
    first = params.first_replication
    for replication in range(first, first + params.replications):
        model = ReferenceModel(params, replication)
        while model.running:
            model.step()
        rows.extend(model.cycle_rows)
        release(model)
    return rows
