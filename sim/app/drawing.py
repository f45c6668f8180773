"""Drawing the teaching page's views: the organisation, the violations, the funnel, the words.

Each ``draw_*`` makes a matplotlib figure of a model's current state; the layout of
the organisation depends only on its chart, so it is computed once per chart and
cached. ``status_lines`` and ``settings_line`` say the run's state in words.
"""

from __future__ import annotations

import functools

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..model.agents import CivilServantState
from ..model.campaign import NEUTRAL, NOT_YET
from ..model.model import PatronageModel
from ..model.orgchart import NO_ONE, OrgChart, Rank
from .labels import DEFAULT_LANGUAGE, text
from .settings import SLIDERS, SWITCHES, value_of

PNG = {"format": "png", "pil_kwargs": {"compress_level": 1}}
"""How figures go to the browser: light compression, as encoding is a good part of a frame."""


# -- what each civil servant shows ------------------------------------------

STATES = (
    CivilServantState.NEUTRAL,
    CivilServantState.BACKING_PPK_SIDE,
    CivilServantState.BACKING_RIVAL,
    CivilServantState.REPORTED,
    CivilServantState.SANCTIONED,
)
"""States in drawing order; a civil servant's code is its index here."""

STATE_KEYS = (
    "state_neutral",
    "state_ppk_side",
    "state_rival",
    "state_reported",
    "state_sanctioned",
)
STATE_COLOURS = ("#d4d4d4", "#e66101", "#5e3c99", "#f5d000", "#111111")
RANK_SIZES = np.array([170.0, 80.0, 40.0, 13.0, 13.0])
"""Marker area by rank (JPT ... pelaksana), in points squared."""


def state_codes(model: PatronageModel) -> np.ndarray:
    """Each civil servant's state as an index into ``STATES``.

    The same rule as ``CivilServant.state``, over the arrays at once.
    """
    campaign, race = model.campaign, model.race
    code = np.zeros(model.world.size, dtype=np.int8)
    backing = campaign.choice != NEUTRAL
    ppk_side = campaign.choice == race.ppk_side + 1
    code[backing & ppk_side] = 1
    code[backing & ~ppk_side] = 2
    code[campaign.reported_week != NOT_YET] = 3
    code[campaign.sanctioned] = 4
    return code


# -- the organisation's layout (computed once per chart) ----------------------

RING = {Rank.JPT: 1.2, Rank.ADMINISTRATOR: 2.3, Rank.PENGAWAS: 3.4}
"""Radius of each structural rank's ring; the sekda sits inside, staff outside."""
SEKDA_RING = 0.75
STAFF_RINGS = (4.5, 5.1)  # staff alternate between two rings so neighbours do not overlap


def post_positions(chart: OrgChart) -> np.ndarray:
    """(posts, 2) positions of a radial hierarchy layout of ``chart`` (cached per chart)."""
    return _radial_layout(chart.supervisor.tobytes(), chart.rank.tobytes())


@functools.lru_cache(maxsize=32)
def _radial_layout(supervisor_bytes: bytes, rank_bytes: bytes) -> np.ndarray:
    """PPK at the centre, each unit a wedge as wide as the posts at its tips.

    Leaves of the tree get equal angles in depth-first order, so a unit's
    staff sit together under their pengawas; a post sits at the middle of
    its unit's wedge, on its rank's ring.
    """
    supervisor = np.frombuffer(supervisor_bytes, dtype=np.int32)
    rank = np.frombuffer(rank_bytes, dtype=np.int8)
    n = supervisor.size
    children: list[list[int]] = [[] for _ in range(n)]
    roots = []
    for post in np.lexsort((np.arange(n), rank)).tolist():  # units first, then staff by rank
        boss = int(supervisor[post])
        (roots if boss == NO_ONE else children[boss]).append(post)
    first_leaf = np.zeros(n)
    last_leaf = np.zeros(n)
    leaves = 0
    stack = [(post, False) for post in reversed(roots)]
    while stack:  # depth first; a post is finished after its children
        post, done = stack.pop()
        if done:
            first_leaf[post] = first_leaf[children[post][0]]
            last_leaf[post] = last_leaf[children[post][-1]]
            continue
        if not children[post]:
            first_leaf[post] = last_leaf[post] = leaves
            leaves += 1
            continue
        stack.append((post, True))
        stack.extend((child, False) for child in reversed(children[post]))
    angle = 2 * np.pi * (first_leaf + last_leaf) / 2 / max(leaves, 1) + np.pi / 2
    radius = np.empty(n)
    for r, ring in RING.items():
        radius[rank == r] = ring
    staff = np.flatnonzero(rank >= Rank.FUNCTIONAL)
    order = np.argsort(first_leaf[staff], kind="stable")
    radius[staff[order]] = np.resize(STAFF_RINGS, staff.size)
    radius[supervisor == NO_ONE] = SEKDA_RING
    return np.column_stack((radius * np.cos(angle), radius * np.sin(angle)))


# -- figures ---------------------------------------------------------------

HIERARCHY_COLOUR = (0.55, 0.55, 0.55, 0.55)
KIN_COLOUR = (0.40, 0.60, 0.85, 0.16)
SIDE_TIE = ((0.90, 0.38, 0.00, 0.85), (0.37, 0.24, 0.60, 0.85))  # PPK's side, a rival's


ORGANISATION_FIGURE = {"figsize": (6.4, 6.6), "dpi": 80}
ORGANISATION_AXES = (0.0, 0.12, 1.0, 0.88)
EXTENT = 5.5  # half the width drawn, in layout units


def _organisation_axes(fig: Figure):
    ax = fig.add_axes(ORGANISATION_AXES)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(-EXTENT, EXTENT)
    ax.set_ylim(-EXTENT, EXTENT)
    return ax


def _ties(world) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where everyone is (the PPK last, at the centre), kin ties, hierarchy ties."""
    where = post_positions(world.chart)[world.post_of]
    ties = world.hierarchy_edges()
    sekda = world.holder[np.flatnonzero(world.chart.supervisor == NO_ONE)]
    a = np.concatenate((ties[:, 0], sekda))
    b = np.concatenate((ties[:, 1], np.full(sekda.size, world.size)))  # sekda -> the PPK
    return np.vstack((where, [0.0, 0.0])), world.kin[:, 0], world.kin[:, 1], a, b


def _side_ties(choice: np.ndarray, a: np.ndarray, b: np.ndarray, ppk_side: int):
    """Ties whose two ends back the same candidate, and the colour of that side."""
    same = (choice[a] == choice[b]) & (choice[a] != NEUTRAL)
    colours = np.where((choice[a[same]] == ppk_side + 1)[:, None], SIDE_TIE[0], SIDE_TIE[1])
    return a[same], b[same], colours


def draw_organisation(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> Figure:
    """The region: hierarchy and kin ties, civil servants coloured by state, sized by rank.

    A tie is drawn in a side's colour when both its ends back that side (the
    PPK counts as backing its own side), so pressure down the hierarchy and
    kin following kin show as coloured paths.
    """
    world = model.world
    fig = Figure(**ORGANISATION_FIGURE)
    ax = _organisation_axes(fig)
    where, kin_a, kin_b, a, b = _ties(world)
    for ends, colour, width in (((kin_a, kin_b), KIN_COLOUR, 0.6), ((a, b), HIERARCHY_COLOUR, 0.9)):
        ax.add_collection(
            LineCollection(
                np.stack((where[ends[0]], where[ends[1]]), axis=1),
                colors=[colour],
                linewidths=width,
                zorder=1,
            )
        )
    ppk_side = model.race.ppk_side
    choice = np.append(model.campaign.choice.astype(np.int64), ppk_side + 1)  # the PPK, last
    for ends, width in (((kin_a, kin_b), 0.8), ((a, b), 1.1)):
        x, y, colours = _side_ties(choice, *ends, ppk_side)
        ax.add_collection(
            LineCollection(
                np.stack((where[x], where[y]), axis=1), colors=colours, linewidths=width, zorder=2
            )
        )
    code = state_codes(model)
    order = np.argsort(code, kind="stable")  # the rarer, more serious states on top
    ax.scatter(
        where[order, 0],
        where[order, 1],
        s=np.where(
            code[order] >= 3,
            np.maximum(RANK_SIZES[world.rank[order]], 45.0),
            RANK_SIZES[world.rank[order]],
        ),  # the reported and sanctioned stand out
        c=np.array(STATE_COLOURS)[code[order]],
        edgecolors="#333333",
        linewidths=0.4,
        zorder=3,
    )
    ax.scatter([0], [0], s=420, marker="*", c=STATE_COLOURS[1], edgecolors="#333333", zorder=4)
    ax.annotate("PPK", (0, 0), xytext=(0, -15), textcoords="offset points", ha="center", size=8)
    counts = np.bincount(code, minlength=len(STATES))
    handles = [
        Line2D([], [], marker="o", ls="", color=colour, markeredgecolor="#333333", markersize=8)
        for colour in STATE_COLOURS
    ]
    names = [
        f"{text(key, language)} ({count})" for key, count in zip(STATE_KEYS, counts, strict=True)
    ]
    fig.legend(handles, names, loc="lower center", ncol=3, frameon=False, fontsize=9)
    return fig


def draw_violations(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> Figure:
    """Share who violated this cycle, and who backs each side, week by week."""
    fig = Figure(figsize=(6.4, 3.4), dpi=80)
    ax = fig.add_axes((0.11, 0.15, 0.86, 0.82))
    rows = model.week_rows
    weeks = model.params.campaign_weeks
    n = model.world.size
    x = np.arange(1, len(rows) + 1, dtype=float)
    series = (
        ("violation_rate", np.array([r["violators"] / n for r in rows]), "#b2182b", 2.2),
        ("state_ppk_side", np.array([r["share_ppk_side"] for r in rows]), STATE_COLOURS[1], 1.2),
        ("state_rival", np.array([r["share_rivals"] for r in rows]), STATE_COLOURS[2], 1.2),
    )
    # a gap at each election: a new campaign starts from nothing
    gaps = np.arange(weeks, len(rows), weeks)
    for key, y, colour, width in series:
        ax.plot(
            np.insert(x, gaps, np.nan),
            np.insert(y, gaps, np.nan),
            color=colour,
            lw=width,
            marker="o",
            ms=2.5,
            label=text(key, language),
        )
    for cycle in range(1, model.cycle + 1):
        ax.axvline(cycle * weeks + 0.5, color="#777777", ls="--", lw=0.8)
        ax.text(
            cycle * weeks + 0.5,
            1.0,
            text("election", language),
            rotation=90,
            ha="right",
            va="top",
            size=7,
            color="#555555",
            transform=ax.get_xaxis_transform(),
        )
    ax.set_xlim(0.5, max(weeks, len(rows)) + 0.5)
    top = max([0.05] + [float(y.max()) for _, y, _, _ in series if y.size])
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:.0%}")
    ax.set_xlabel(text("week_axis", language), size=9)
    ax.set_ylabel(text("share_axis", language), size=9)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    ax.tick_params(labelsize=8)
    return fig


FUNNEL = ("violators", "reported", "proven", "sanctioned")
FUNNEL_KEYS = ("funnel_violated", "funnel_reported", "funnel_proven", "funnel_sanctioned")
FUNNEL_COLOURS = ("#b2182b", STATE_COLOURS[3], "#f4a582", STATE_COLOURS[4])
SHOWN_CYCLES = 4


def funnel_counts(model: PatronageModel) -> list[tuple[int, bool, list[int]]]:
    """(cycle, finished, [violators, reported, proven, sanctioned]) for the last cycles."""
    done = [(row["cycle"], True, [int(row[k]) for k in FUNNEL]) for row in model.cycle_rows]
    if model.running and model.week > 0:
        campaign = model.campaign
        now = [
            int(campaign.violated.sum()),
            int((campaign.reported_week != NOT_YET).sum()),
            int(campaign.proven.sum()),
            int(campaign.sanctioned.sum()),
        ]
        done.append((model.cycle + 1, False, now))
    return done[-SHOWN_CYCLES:]


def draw_funnel(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> Figure:
    """Violators, reported, proven and sanctioned, cycle by cycle."""
    fig = Figure(figsize=(6.4, 3.4), dpi=80)
    ax = fig.add_axes((0.11, 0.15, 0.86, 0.82))
    cycles = funnel_counts(model)
    width = 0.2
    for j, colour in enumerate(FUNNEL_COLOURS):
        heights = [counts[j] for _, _, counts in cycles]
        x = np.arange(len(cycles)) + (j - 1.5) * width
        bars = ax.bar(x, heights, width, color=colour, edgecolor="#333333", lw=0.4)
        ax.bar_label(bars, size=7, padding=1)
    ax.set_xticks(
        np.arange(len(cycles)),
        [
            text("cycle_label" if finished else "cycle_so_far", language, cycle=cycle)
            for cycle, finished, _ in cycles
        ],
    )
    highest = max([1] + [max(counts) for _, _, counts in cycles])
    ax.set_ylim(0, highest * 1.2)
    ax.set_xlim(-0.6, max(len(cycles), 1) - 0.4)
    ax.set_ylabel(text("civil_servants_axis", language), size=9)
    handles = [Patch(facecolor=c, edgecolor="#333333", lw=0.4) for c in FUNNEL_COLOURS]
    ax.legend(
        handles,
        [text(k, language) for k in FUNNEL_KEYS],
        loc="upper right",
        fontsize=8,
        frameon=False,
        ncol=2,
    )
    ax.tick_params(labelsize=8)
    return fig


# -- words -------------------------------------------------------------------


def status_lines(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> list[str]:
    """The week, the cycle, who the PPK backs and the last election, in ``language``."""
    p = model.params
    if model.running:
        lines = [
            text(
                "week_of", language, cycle=model.cycle + 1, week=model.week, weeks=p.campaign_weeks
            ),
            text(
                "ppk_runs" if model.race.incumbent_runs else "ppk_backs",
                language,
                candidate=model.race.ppk_side + 1,
            ),
        ]
    else:
        lines = [text("run_over", language, cycles=p.cycles)]
    if model.cycle_rows:
        last = model.cycle_rows[-1]
        lines.append(
            text(
                "election_result",
                language,
                cycle=last["cycle"],
                winner=last["winner"] + 1,
                outcome=text("won" if last["ppk_side_won"] else "lost", language),
                share=last["ppk_side_vote_share"],
            )
        )
    else:
        lines.append(text("no_election", language, weeks=p.campaign_weeks))
    return lines


def settings_line(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> str:
    """The settings the model runs with now, read back from its parameters."""
    params = model.cycle_params
    parts = [
        f"{text('policy', language)}: {params.policy}",
        f"{text('run_short', language)}: {model.replication}",
    ]
    for control in SLIDERS:
        parts.append(f"{text(control.name, language)}: {value_of(params, control):g}")
    for control in SWITCHES:
        parts.append(
            f"{text(control.name, language)}: "
            f"{text('yes' if value_of(params, control) else 'no', language)}"
        )
    return "; ".join(parts)
