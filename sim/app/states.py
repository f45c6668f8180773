"""What each civil servant shows on the organisation graph, and what the legend lists.

``STATES`` is the list the graph and its legend are drawn from: each entry says who is
in that state (a rule over the model's arrays), its colour and how large it is drawn.
A civil servant's dot shows the *last* state in the list that holds for them, so a
sanction outranks a report, which outranks a violation, which outranks the side taken.
``MARKS`` are rings drawn around the dots of those a rule picks, whatever their state
(a sanction in an earlier cycle). Adding what the page should show (say, whom the PPK
pressed this week) is one entry in either list and its label in ``sim.app.labels``.

Colours are Okabe and Ito's colour-blind-safe palette; the sides keep their colour on
the ties between backers and in the charts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ..model.campaign import NEUTRAL, NOT_YET
from ..model.model import PatronageModel

PPK_SIDE_COLOUR = "#E69F00"  # orange
RIVAL_COLOUR = "#56B4E9"  # sky blue
VIOLATED_COLOUR = "#CC79A7"  # reddish purple: apart from both sides' colours
REPORTED_COLOUR = "#F0E442"  # yellow
PROVEN_COLOUR = "#009E73"  # bluish green
SANCTIONED_COLOUR = "#000000"


@dataclass(frozen=True)
class State:
    """One state a civil servant can show: who is in it, and how it is drawn."""

    key: str  # its label in sim.app.labels
    colour: str
    who: Callable[[PatronageModel], np.ndarray]  # mask over civil servants
    edge: str = "#444444"
    edge_width: float = 0.4
    least_size: float = 0.0  # points squared: small ranks drawn larger in this state


def _everyone(model: PatronageModel) -> np.ndarray:
    return np.ones(model.world.size, dtype=bool)


def _ppk_side(model: PatronageModel) -> np.ndarray:
    return model.campaign.choice == model.race.ppk_side + 1


def _rival(model: PatronageModel) -> np.ndarray:
    choice = model.campaign.choice
    return (choice != NEUTRAL) & (choice != model.race.ppk_side + 1)


def _sanctioned_before(model: PatronageModel) -> np.ndarray:
    # sanctions of this campaign are counted in times_sanctioned too; those of earlier
    # cycles (most land after the vote, once the campaign has closed) are the rest
    return model.world.times_sanctioned > model.campaign.sanctioned


STATES = (
    State("state_neutral", "#d9d9d9", _everyone),
    State("state_ppk_side", PPK_SIDE_COLOUR, _ppk_side, least_size=18.0),
    State("state_rival", RIVAL_COLOUR, _rival, least_size=18.0),
    State("state_violated", VIOLATED_COLOUR, lambda m: m.campaign.violated, least_size=30.0),
    State(
        "state_reported",
        REPORTED_COLOUR,
        lambda m: m.campaign.reported_week != NOT_YET,
        "#000000",
        0.8,
        60.0,
    ),
    State("state_proven", PROVEN_COLOUR, lambda m: m.campaign.proven, "#000000", 0.8, 70.0),
    State("state_sanctioned", SANCTIONED_COLOUR, lambda m: m.campaign.sanctioned, least_size=90.0),
)
"""Drawing order: a later state outranks an earlier one."""


@dataclass(frozen=True)
class Mark:
    """A ring around the dots of civil servants a rule picks, over whatever state they show."""

    key: str  # its label in sim.app.labels
    colour: str
    who: Callable[[PatronageModel], np.ndarray]
    width: float = 1.8
    size: float = 130.0  # points squared: the ring's size, larger than most dots


MARKS = (Mark("state_sanctioned_before", SANCTIONED_COLOUR, _sanctioned_before),)
"""Rings drawn over the dots, in order."""


def state_codes(model: PatronageModel) -> np.ndarray:
    """Each civil servant's state as an index into ``STATES`` (the last that holds)."""
    code = np.zeros(model.world.size, dtype=np.int8)
    for index, state in enumerate(STATES):
        code[state.who(model)] = index
    return code


def state_counts(model: PatronageModel) -> np.ndarray:
    """How many civil servants show each state now."""
    return np.bincount(state_codes(model), minlength=len(STATES))
