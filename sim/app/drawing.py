"""Drawing the teaching page's views: the organisation, the violations and the funnel.

The organisation (thousands of dots and ties) goes to the browser as an image drawn
at about the size it is shown; its legend is HTML (``legend``), read from
``sim.app.states``. The two charts go as inline SVG with real text, so they stay
sharp on a projector and their type can be measured in the browser; no chart text is
smaller than ``SMALLEST_TEXT`` points. The layout of the organisation depends only
on its chart, so it is computed once per chart and cached.
"""

from __future__ import annotations

import functools
import io
import math
import re

import matplotlib as mpl
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from ..model.campaign import NEUTRAL, NOT_YET
from ..model.model import PatronageModel
from ..model.orgchart import NO_ONE, OrgChart, Rank
from ..runs import names
from .labels import DEFAULT_LANGUAGE, text
from .states import (
    MARKS,
    PPK_SIDE_COLOUR,
    PROVEN_COLOUR,
    REPORTED_COLOUR,
    RIVAL_COLOUR,
    SANCTIONED_COLOUR,
    STATES,
    VIOLATED_COLOUR,
    state_codes,
)

IMAGE_FORMAT = "jpeg"
IMAGE_QUALITY = 90
"""How the organisation goes to the browser: JPEG encodes in 2 ms where PNG takes 60 and
is a quarter of its size; at this quality dots and lines show no visible loss."""
SMALLEST_TEXT = 10.0
"""Points: no chart text is smaller (axes, ticks, legends, labels on bars)."""
CHART_WIDTH = 5.6  # inches: about the width a chart is shown at on a 1366-pixel screen
RANK_SIZES = np.array([150.0, 60.0, 24.0, 7.0, 7.0])
"""Marker area by rank (JPT ... pelaksana), in points squared."""


def svg(figure: Figure) -> str:
    """The figure as inline SVG: text kept as text, as wide as its box, nothing global.

    Matplotlib's document header and its ``*`` style rule (which would apply to the
    whole page once inline) are left out.
    """
    buffer = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    markup = buffer.getvalue()
    markup = markup[markup.index("<svg") :]
    markup = re.sub(r"<metadata>.*?</metadata>", "", markup, count=1, flags=re.S)
    markup = re.sub(r"<style[^>]*>\*\{[^}]*\}</style>", "", markup, count=1)
    return re.sub(
        r'<svg([^>]*?) width="[\d.]+pt" height="[\d.]+pt"',
        r'<svg\1 width="100%" style="height:auto;display:block"',
        markup,
        count=1,
    )


# -- the organisation's layout (computed once per chart) ----------------------

RING = {Rank.JPT: 1.2, Rank.ADMINISTRATOR: 2.3, Rank.PENGAWAS: 3.4}
"""Radius of each structural rank's ring; the sekda sits inside, staff outside."""
SEKDA_RING = 0.75
STAFF_RING = (4.4, 5.9)  # staff spread over rings between these radii
STAFF_PER_RING = 360  # so neighbours on a ring do not overlap at the size drawn


def staff_rings(staff: int) -> np.ndarray:
    """Radii of the staff rings: enough rings that no ring holds more than ``STAFF_PER_RING``."""
    count = max(2, math.ceil(staff / STAFF_PER_RING))
    return np.linspace(*STAFF_RING, count)


def post_positions(chart: OrgChart) -> np.ndarray:
    """(posts, 2) positions of a radial hierarchy layout of ``chart`` (cached per chart)."""
    return _radial_layout(chart.supervisor.tobytes(), chart.rank.tobytes())


@functools.lru_cache(maxsize=32)
def _radial_layout(supervisor_bytes: bytes, rank_bytes: bytes) -> np.ndarray:
    """PPK at the centre, each unit a wedge as wide as the posts at its tips.

    Leaves of the tree get equal angles in depth-first order, so a unit's
    staff sit together under their pengawas; a post sits at the middle of
    its unit's wedge, on its rank's ring; staff take the rings in turn.
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
    radius[staff[order]] = np.resize(staff_rings(staff.size), staff.size)
    radius[supervisor == NO_ONE] = SEKDA_RING
    return np.column_stack((radius * np.cos(angle), radius * np.sin(angle)))


# -- the organisation ------------------------------------------------------------

HIERARCHY_COLOUR = (0.5, 0.5, 0.5, 0.35)
KIN_COLOUR = (0.35, 0.35, 0.65, 0.06)  # faint blue-grey: there are thousands
SIDE_TIE = (mpl.colors.to_rgba(PPK_SIDE_COLOUR, 0.9), mpl.colors.to_rgba(RIVAL_COLOUR, 0.9))
ORGANISATION_FIGURE = {"figsize": (6.4, 6.4), "dpi": 100}  # 640 pixels: about as shown
EXTENT = 6.1  # half the width drawn, in layout units


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


def _axes(fig: Figure):
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_xlim(-EXTENT, EXTENT)
    ax.set_ylim(-EXTENT, EXTENT)
    return ax


def _segments(where: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.stack((where[a], where[b]), axis=1)


@functools.lru_cache(maxsize=8)
def _background(where_bytes: bytes, kin_bytes: bytes, ties_bytes: bytes) -> np.ndarray:
    """The plain ties (kin, hierarchy) as an RGBA image, drawn once while they stand still.

    Thousands of faint lines cost most of a frame; they move only when people change
    posts (once a cycle), so a frame lays this image under the week's colours.
    """
    where = np.frombuffer(where_bytes).reshape(-1, 2)
    kin = np.frombuffer(kin_bytes, dtype=np.int64).reshape(-1, 2)
    ties = np.frombuffer(ties_bytes, dtype=np.int64).reshape(-1, 2)
    fig = Figure(**ORGANISATION_FIGURE)
    ax = _axes(fig)
    for edges, colour, width in ((kin, KIN_COLOUR, 0.5), (ties, HIERARCHY_COLOUR, 0.6)):
        segments = _segments(where, edges[:, 0], edges[:, 1])
        ax.add_collection(LineCollection(segments, colors=[colour], linewidths=width))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba()).copy()


def draw_organisation(model: PatronageModel) -> Figure:
    """This week's layer of the region: ties between backers of a side, and everyone's dot.

    Civil servants are coloured by state and sized by rank; a tie is drawn in a side's
    colour when both its ends back that side (the PPK counts as backing its own side),
    so pressure down the hierarchy and kin following kin show as coloured paths. The
    background is transparent: ``organisation_image`` lays the layer over the plain ties,
    and the words are the page's (``legend``), not the figure's.
    """
    world = model.world
    where, kin_a, kin_b, a, b = _ties(world)
    fig = Figure(**ORGANISATION_FIGURE)
    fig.patch.set_visible(False)
    ax = _axes(fig)
    ppk_side = model.race.ppk_side
    choice = np.append(model.campaign.choice.astype(np.int64), ppk_side + 1)  # the PPK, last
    for ends, width in (((kin_a, kin_b), 0.8), ((a, b), 1.2)):
        x, y, colours = _side_ties(choice, *ends, ppk_side)
        ax.add_collection(
            LineCollection(_segments(where, x, y), colors=colours, linewidths=width, zorder=2)
        )
    code = state_codes(model)
    for index, state in enumerate(STATES):  # in order: the rarer, more serious states on top
        who = np.flatnonzero(code == index)
        ax.scatter(
            where[who, 0],
            where[who, 1],
            s=np.maximum(RANK_SIZES[world.rank[who]], state.least_size),
            c=state.colour,
            edgecolors=state.edge,
            linewidths=state.edge_width,
            zorder=3 + index / len(STATES),
        )
    for index, mark in enumerate(MARKS):
        who = np.flatnonzero(mark.who(model))
        ax.scatter(
            where[who, 0],
            where[who, 1],
            s=np.maximum(RANK_SIZES[world.rank[who]] * 2.2, mark.size),
            facecolors="none",
            edgecolors=mark.colour,
            linewidths=mark.width,
            zorder=4 + index / max(len(MARKS), 1),
        )
    ax.scatter([0], [0], s=520, marker="*", c=PPK_SIDE_COLOUR, edgecolors="#222222", zorder=5)
    return fig


def organisation_image(model: PatronageModel) -> bytes:
    """The organisation as the page shows it: this week's layer over the plain ties.

    Laid over with PIL rather than inside matplotlib, which would resample the image.
    """
    where, kin_a, kin_b, a, b = _ties(model.world)
    kin = np.column_stack((kin_a, kin_b)).astype(np.int64)
    ties = np.column_stack((a, b)).astype(np.int64)
    plain = _background(where.tobytes(), kin.tobytes(), ties.tobytes())
    canvas = FigureCanvasAgg(draw_organisation(model))
    canvas.draw()
    layer = PIL.Image.fromarray(np.asarray(canvas.buffer_rgba()))
    whole = PIL.Image.alpha_composite(PIL.Image.fromarray(plain), layer).convert("RGB")
    buffer = io.BytesIO()
    whole.save(buffer, format=IMAGE_FORMAT, quality=IMAGE_QUALITY)
    return buffer.getvalue()


def legend(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> list[dict[str, object]]:
    """The graph's legend: each state's and mark's words, looks and how many show it now.

    The states' counts add up to everyone; a mark counts those it rings.
    """
    counts = np.bincount(state_codes(model), minlength=len(STATES))
    entries = [
        {
            "key": state.key,
            "words": text(state.key, language),
            "colour": state.colour,
            "edge": state.edge,
            "count": int(count),
        }
        for state, count in zip(STATES, counts, strict=True)
    ]
    entries += [
        {
            "key": mark.key,
            "words": text(mark.key, language),
            "colour": "transparent",
            "edge": mark.colour,
            "count": int(np.count_nonzero(mark.who(model))),
        }
        for mark in MARKS
    ]
    return entries


# -- the charts -----------------------------------------------------------------

CHART_STYLE = {
    "font.size": 11,
    "axes.labelsize": 11,
    "xtick.labelsize": SMALLEST_TEXT + 0.5,
    "ytick.labelsize": SMALLEST_TEXT + 0.5,
    "legend.fontsize": SMALLEST_TEXT + 0.5,
    "axes.titlesize": 11,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


SERIES = (
    ("violation_rate", VIOLATED_COLOUR, 2.4),
    ("state_ppk_side", PPK_SIDE_COLOUR, 1.6),
    ("state_rival", RIVAL_COLOUR, 1.6),
)
"""The violations chart's lines: their label, colour and width (its legend is the page's)."""


def series_legend(language: str = DEFAULT_LANGUAGE) -> list[tuple[str, str]]:
    """(words, colour) of each line of the violations chart."""
    return [(text(key, language), colour) for key, colour, _ in SERIES]


def draw_violations(model: PatronageModel, language: str = DEFAULT_LANGUAGE) -> Figure:
    """Share who violated this campaign, and who backs each side, week by week (percent)."""
    with mpl.rc_context(CHART_STYLE):
        fig = Figure(figsize=(CHART_WIDTH, 2.3))
        ax = fig.add_axes((0.12, 0.22, 0.86, 0.75))
        rows = model.week_rows
        weeks = model.params.campaign_weeks
        n = model.world.size
        x = np.arange(1, len(rows) + 1, dtype=float)
        values = {
            "violation_rate": [100 * r["violators"] / n for r in rows],
            "state_ppk_side": [100 * r["share_ppk_side"] for r in rows],
            "state_rival": [100 * r["share_rivals"] for r in rows],
        }
        series = [(key, values[key], colour, width) for key, colour, width in SERIES]
        gaps = np.arange(weeks, len(rows), weeks)  # a campaign starts from nothing
        for key, y, colour, width in series:
            ax.plot(
                np.insert(x, gaps, np.nan),
                np.insert(np.asarray(y, dtype=float), gaps, np.nan),
                color=colour,
                lw=width,
                label=text(key, language),
            )
        for cycle in range(1, model.cycle + 1):  # each vote: a line, named at its top
            ax.axvline(cycle * weeks + 0.5, color="#777777", ls="--", lw=0.9)
            ax.text(  # right of the line, where the next campaign starts from nothing
                cycle * weeks + 0.7,
                0.97,
                text("election", language),
                rotation=90,
                ha="left",
                va="top",
                color="#444444",
                transform=ax.get_xaxis_transform(),
            )
        ax.set_xlim(0.5, max(weeks, len(rows) + 1) + 0.5)
        top = max([5.0] + [max(y) for _, y, _, _ in series if len(y)])  # percent
        ax.set_ylim(0, top * 1.25)
        ax.yaxis.set_major_locator(MaxNLocator(5, integer=True))
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}%")
        ax.set_xlabel(text("week_axis", language))
        ax.set_ylabel(text("share_axis", language))
        ax.xaxis.set_major_locator(MaxNLocator(6, integer=True))
        return fig


FUNNEL = ("violators", "reported", "proven", "sanctioned")
FUNNEL_COLOURS = (VIOLATED_COLOUR, REPORTED_COLOUR, PROVEN_COLOUR, SANCTIONED_COLOUR)
SHOWN_CYCLES = 4  # the last cycles drawn: four bars fit a panel at a legible size


def funnel_counts(model: PatronageModel) -> list[tuple[int, bool, list[int]]]:
    """(cycle, finished, [violators, reported, proven, sanctioned]) of the last cycles."""
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
    """Violated, reported, proven and sanctioned cycle by cycle: a panel per stage.

    Hundreds violate and a handful are caught, so each stage has its own linear scale;
    each bar carries its count (the SVG names them ``funnel-<stage>-<cycle>``).
    """
    cycles = funnel_counts(model)
    with mpl.rc_context(CHART_STYLE):
        fig = Figure(figsize=(CHART_WIDTH, 2.1))
        axes = fig.subplots(1, len(FUNNEL))
        fig.subplots_adjust(left=0.03, right=0.99, top=0.86, bottom=0.15, wspace=0.3)
        ticks = [str(c) if finished else text("now", language) for c, finished, _ in cycles]
        for j, (ax, column, colour) in enumerate(zip(axes, FUNNEL, FUNNEL_COLOURS, strict=True)):
            heights = [counts[j] for _, _, counts in cycles]
            bars = ax.bar(
                range(len(cycles)), heights, 0.7, color=colour, edgecolor="#333333", lw=0.6
            )
            for (cycle, _, _), bar, height in zip(cycles, bars, heights, strict=True):
                ax.text(
                    bar.get_x() + bar.get_width() / 2,
                    height,
                    f"{height}",
                    ha="center",
                    va="bottom",
                    gid=f"funnel-{column}-{cycle}",
                )
            ax.set_ylim(0, max([1, *heights]) * 1.3)
            ax.set_xlim(-0.6, max(len(cycles), SHOWN_CYCLES) - 0.4)
            ax.set_xticks(range(len(cycles)), ticks)
            ax.set_yticks([])
            ax.spines["left"].set_visible(False)
            title = names.name("output", column, language)
            ax.set_title(title[:1].upper() + title[1:], pad=4)
        return fig
