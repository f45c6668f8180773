"""The reference's regional head (PPK) and candidates' teams, one agent at a time.

Written again from docs/ODD.md, sections 7.1, 7.5 and 7.9, sharing no code with
``sim.model.patron``, ``sim.model.teams`` or ``sim.model.careers``: the head looks at
its JPT and administrators one by one, works out what pressing each would gain,
sorts them, and decides threats, protection and the reshuffle case by case.
"""

from __future__ import annotations

import math
from typing import Any

import mesa

from sim.model.campaign import NOT_YET, VISIBILITY, Channel
from sim.model.orgchart import Rank

Model = Any
"""The ``ReferenceModel`` these agents belong to (named, not imported: it imports them)."""

PLACED_ON_MERIT, PLACED_BY_WINNER = 1, 2


def chance_to_dare(value: float, cost: float, noise: float) -> float:
    """Chance the PPK takes a step worth ``value`` that costs it ``cost``."""
    if value <= 0:
        return 0.0
    if cost <= 0:
        return 1.0
    return 1.0 / (1.0 + (cost / value) ** (1.0 / noise))


def inaction_cost(m: Model) -> float:
    """What ignoring one recommendation is expected to cost the PPK (ODD 7.5, 7.13): a body
    that sanctions the PPK notices every one and adds its own penalty."""
    p, o = m.p.patron, m.p.oversight
    if o.sanctions_ppk:
        return (p.inaction_penalty + o.ppk_penalty) * m.race.accountability
    return p.inaction_noticed * p.inaction_penalty * m.race.accountability


def career_stake(m: Model, rank: int) -> float:
    """A rank's career stake in the PPK's side (ODD 7.14): a JPT's depends on who appoints."""
    stake = m.p.careers.stakes.by_rank()[rank]
    c = m.p.careers
    if rank != Rank.JPT or c.jpt_appointment == "region":
        return stake
    if m.p.election.kind == "pilkada":
        return 0.0  # the President, not the regional race, decides a JPT's career
    leverage = m.race.leverage
    return stake * c.president_leverage / leverage if leverage > 0 else 0.0


def choice_chance(values: list[float], row: int, extra: float) -> float:
    """Chance of choosing ``row`` when its utility rises by ``extra`` (a logit)."""
    top = max(values)
    weights = [math.exp(v - top) for v in values]
    grown = weights[row] * math.exp(extra)
    return grown / (sum(weights) - weights[row] + grown)


class ReferenceTeam(mesa.Agent):
    """A candidate's campaign team: it reaches civil servants and reports rivals."""

    def __init__(self, model: Model, candidate: int) -> None:
        super().__init__(model)
        self.candidate = candidate

    def recruit(self) -> None:
        """This week's contacts: one for each civil servant with chance ``teams.reach``, each
        with a civil servant picked at random; the promise of a post, once made, stands for
        the rest of the campaign."""
        agents = self.model.by_index
        reach = self.model.p.teams.reach
        for _ in agents:
            if self.random.random() < reach:
                self.random.choice(agents).promised.add(self.candidate)

    def report(self, week: int) -> None:
        """A challenger's team reports the PPK side's backers it sees acting."""
        m = self.model
        chance = m.p.teams.rival_reports
        if self.candidate == m.race.ppk_side or chance <= 0:
            return
        for agent in m.by_index:
            if agent.act == NOT_YET or agent.reported_week != NOT_YET:
                continue
            if agent.choice != m.race.ppk_side + 1:
                continue
            # a rival's report goes to Bawaslu like anyone's: while it can take one on
            if self.random.random() < chance * VISIBILITY[agent.act] and m.bawaslu.free(week):
                m.bawaslu.take(1)
                agent.channel = Channel.RIVAL
                agent.reported_week = week
                m.queue.append(agent)


class ReferenceHead(mesa.Agent):
    """The regional head: presses, threatens, protects, and (as the winner) reshuffles."""

    def press(self) -> None:
        """Press the JPT and administrators whose support is worth most, worth x the chance
        pressing turns them; threaten those of them where it dares."""
        m = self.model
        b, p, race = m.p.behaviour, m.p.patron, m.race
        side = race.ppk_side
        row = side + 1
        jpt_posts = sum(1 for r in m.world.chart.rank.tolist() if r == Rank.JPT)
        budget = int(round(p.pressure_budget * jpt_posts))
        push = b.ppk_pressure * race.leverage / b.temperature
        scored = []
        for agent in m.by_index:
            agent.gain = 0.0
            if agent.rank > Rank.ADMINISTRATOR or agent.non_job or agent.choice == row:
                continue
            values = agent.values
            turned = choice_chance(values, row, push) - choice_chance(values, row, 0.0)
            scored.append((agent.worth * turned, self.random.random(), agent))
        scored.sort(key=lambda item: (-item[0], item[1]))  # ties: by a random key
        pressed = [agent for value, _, agent in scored[:budget] if value > 0]
        credible = 1.0 if m.p.election.kind == "pemilu" else m.win_chance[side]
        cost = p.threat_cost * race.accountability
        for agent in sorted(pressed, key=lambda a: a.index):
            stake = career_stake(m, agent.rank)
            loss = p.threat * race.leverage * stake * credible / b.temperature
            values = agent.values
            gained = choice_chance(values, row, push + loss) - choice_chance(values, row, push)
            threatened = self.random.random() < chance_to_dare(
                agent.worth * gained, cost, p.decision_noise
            )
            agent.gain = push + (loss if threatened else 0.0)
            agent.times_pressed += 1
            agent.times_threatened += threatened
            agent.values[row] += agent.gain
        self.pressed_count = len(pressed)
        self.threatened_count = sum(1 for a in pressed if a.gain > push)

    def protects(self, agent) -> float:
        """Chance it ignores a recommendation against ``agent``: only its supporters, when
        their worth to it outweighs the cost of inaction."""
        m = self.model
        if not agent.backed_ppk_side or m.p.enforcement.central_enforcement:
            return 0.0
        return chance_to_dare(
            m.race.leverage * agent.worth, inaction_cost(m), m.p.patron.decision_noise
        )

    def reshuffle(self, patron: int) -> dict[str, float]:
        """JPT, then administrator posts, decided one after another.

        A post is reviewed with chance ``turnover``, a shortlist drawn from the posts of the
        rank below. With chance ``merit_weight`` the merit system decides: the most competent
        on it, if more competent than the holder. Otherwise the patron scores each by
        ``loyalty_weight`` x loyalty shown + (1 - ``loyalty_weight``) x competence and puts
        the best in if it beats the holder; an opponent it moves out goes to a non-job.
        """
        m = self.model
        c, world, rng = m.p.careers, m.world, m.streams.careers
        weeks = max(m.p.campaign_weeks, 1)
        loyalty = {}
        for agent in m.by_index:
            agent.non_job = False
            mine = agent.weeks_backing[patron]
            loyalty[agent.index] = (2 * mine - sum(agent.weeks_backing)) / weeks
        competence = world.competence.tolist()

        def score(i: int) -> float:
            return c.loyalty_weight * loyalty[i] + (1 - c.loyalty_weight) * competence[i]

        pilkada = m.p.election.kind == "pilkada"
        counts = {"promoted": 0, "loyalists": 0, "on_merit": 0, "by_loyalty": 0, "to_non_job": 0}
        for rank in (Rank.JPT, Rank.ADMINISTRATOR):
            posts = [p for p in range(world.chart.size) if world.chart.rank[p] == rank]
            pool = [p for p in range(world.chart.size) if world.chart.rank[p] == rank + 1]
            for post in posts:
                if rng.random() >= c.turnover:
                    continue
                shortlist = rng.choice(pool, size=min(c.shortlist, len(pool)), replace=False)
                holder = int(world.holder[post])
                people = [int(world.holder[q]) for q in shortlist.tolist()]
                on_merit = rng.random() < c.merit_weight
                if rank == Rank.JPT and c.jpt_appointment == "president" and pilkada:
                    on_merit = True  # the President fills it, outside the regional race
                measure = competence.__getitem__ if on_merit else score
                best = max(people, key=measure)
                if measure(best) <= measure(holder):
                    continue
                world.swap_posts(holder, best)
                world.placed_by[post] = PLACED_ON_MERIT if on_merit else PLACED_BY_WINNER
                world.promoted[best] += 1
                world.demoted[holder] += 1
                counts["promoted"] += 1
                counts["loyalists"] += m.by_index[best].choice == patron + 1
                counts["on_merit" if on_merit else "by_loyalty"] += 1
                if not on_merit and loyalty[holder] < 0:
                    m.by_index[holder].non_job = True
                    counts["to_non_job"] += 1
        return counts


def unit_sizes(agents: list) -> dict[int, int]:
    """How many civil servants each leads, at every level below it (by walking down)."""
    below: dict[int, list] = {}
    for agent in agents:
        if agent.supervisor is not None:
            below.setdefault(agent.supervisor.index, []).append(agent)
    sizes: dict[int, int] = {}

    def size(agent) -> int:
        if agent.index not in sizes:
            stack, total = list(below.get(agent.index, [])), 0
            while stack:
                other = stack.pop()
                total += 1
                stack.extend(below.get(other.index, []))
            sizes[agent.index] = total
        return sizes[agent.index]

    for agent in agents:
        size(agent)
    return sizes
