"""The "This run" card: the run's state in words, one line per entry of ``STATUS``.

Each entry is a function of the model and the language that gives a line, or None
when it has nothing to say yet (no vote before the first election, say). Adding a
line (what the PPK did this week, say) is one function and one entry here, and its
words in ``sim.app.labels``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..model.campaign import NOT_YET, Campaign
from ..model.model import PatronageModel
from .labels import DEFAULT_LANGUAGE, text
from .settings import SLIDERS, SWITCHES, policy_label, regime_label, value_of

Line = Callable[[PatronageModel, str], "str | None"]


def week(model: PatronageModel, language: str) -> str:
    p = model.params
    if not model.running:
        return text("run_over", language, cycles=p.cycles)
    return text("week_of", language, cycle=model.cycle + 1, week=model.week, weeks=p.campaign_weeks)


def ppk(model: PatronageModel, language: str) -> str | None:
    if not model.running:
        return None
    key = "ppk_runs" if model.race.incumbent_runs else "ppk_backs"
    return text(key, language, candidate=model.race.ppk_side + 1)


def sides(model: PatronageModel, language: str) -> str | None:
    if not model.running or model.week == 0:
        return None
    choice = model.campaign.choice
    ppk_side = int(np.count_nonzero(choice == model.race.ppk_side + 1))
    rivals = int(np.count_nonzero(choice)) - ppk_side
    return text("sides_now", language, ppk=ppk_side, rivals=rivals)


def election(model: PatronageModel, language: str) -> str:
    if not model.cycle_rows:
        return text("no_election", language, weeks=model.params.campaign_weeks)
    last = model.cycle_rows[-1]
    return text(
        "election_result",
        language,
        cycle=last["cycle"],
        winner=last["winner"] + 1,
        outcome=text("won" if last["ppk_side_won"] else "lost", language),
        share=last["ppk_side_vote_share"],
    )


def reshuffle(model: PatronageModel, language: str) -> str | None:
    if not model.cycle_rows:
        return None
    last = model.cycle_rows[-1]
    promoted, demoted = int(last["promoted"]), int(last["demoted"])
    if not promoted:
        return text("reshuffle_none", language, demoted=demoted)
    loyal = round(last["promoted_loyalists"] * promoted)
    return text("reshuffle", language, promoted=promoted, demoted=demoted, loyal=loyal)


def closed_campaign(model: PatronageModel) -> Campaign | None:
    """The campaign the last vote closed, its queues since worked through: the model's own
    once the run is over; while it runs, the one the page's model kept (None before the
    first vote, or for a model that keeps none)."""
    if not model.running:
        return model.campaign
    return getattr(model, "closed_campaign", None) if model.cycle_rows else None


def backlog(model: PatronageModel, language: str) -> str | None:
    """The enforcement backlog: during a campaign, the cases waiting now; after a vote, what
    working the queues through brought (``sim.model.model.PatronageModel``)."""
    binding = model.cycle_params.oversight.binding
    if model.running and model.week > 0:
        c = model.campaign
        words = text(
            "backlog",
            language,
            queued=c.awaiting_verification,
            waiting=c.awaiting_sanction,
            left=int(np.count_nonzero(c.proven & (c.sanction_week == NOT_YET))),
        )
        body = int(np.count_nonzero(c.taken_over & c.sanctioned))
        return f"{words} {text('backlog_body', language, body=body)}" if binding else words
    c = closed_campaign(model)
    if c is None:
        return None
    weeks = model.params.campaign_weeks
    words = text(
        "backlog_after",
        language,
        verdicts=int(np.count_nonzero(c.verdict_week >= weeks)),
        sanctions=int(np.count_nonzero(c.sanctioned & (c.sanction_week >= weeks))),
        left=int(np.count_nonzero(c.proven & ~c.sanctioned)),
        expired=c.expired,
    )
    body = int(np.count_nonzero(c.taken_over & c.sanctioned))
    return f"{words} {text('backlog_after_body', language, body=body)}" if binding else words


STATUS: tuple[Line, ...] = (week, ppk, sides, election, reshuffle, backlog)
"""The card's lines, in order (this campaign's funnel is the funnel chart's last bar)."""


def status_lines(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The card's lines that have something to say now."""
    return [line for entry in STATUS if (line := entry(model, language)) is not None]


def settings_line(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> str:
    """The settings the model runs with now, read back from its parameters."""
    params = model.cycle_params
    parts = [
        f"{text('policy', language)}: {policy_label(params.policy, language)}",
        f"{text('regime', language)}: {regime_label(params.regime, language)}",
        f"{text('run_short', language)}: {model.replication}",
    ]
    for control in SLIDERS:
        parts.append(f"{control.label(language)}: {value_of(params, control):g}")
    for control in SWITCHES:
        answer = text("yes" if value_of(params, control) else "no", language)
        parts.append(f"{control.label(language)}: {answer}")
    return "; ".join(parts)
