"""The teaching page: pressure, violations and sanctions spreading through a region.

``patronage-app`` starts it on this computer and prints its address. The page
is Mesa's browser front end (``mesa.visualization.SolaraViz``) around a small
region (``region=small``, a few hundred civil servants): the organisation drawn
as a radial hierarchy with its kin ties, each civil servant coloured by state
and sized by rank; controls for the settings a teacher moves; charts of the
violation rate and the enforcement funnel; the week, the cycle and the last
election. Labels come in English and Bahasa Indonesia (``sim.labels``).

Each visitor gets a model of their own (it is made inside ``Page``). The
drawing's layout depends only on the organisation chart, so it is computed
once per chart and cached. Importing this module starts nothing.
"""

from __future__ import annotations

import functools
import logging
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import solara
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .agents import CivilServantState
from .campaign import NEUTRAL, NOT_YET
from .config import ConfigError, Params
from .labels import DEFAULT_LANGUAGE, LANGUAGES, text
from .model import PatronageModel
from .run import CONFIG_DIR, compose_config, params_from
from .world import NO_ONE, OrgChart, Rank

with warnings.catch_warnings():
    # Solara's hook checker flags a harmless early return inside Mesa 3.3.1's SolaraViz
    warnings.filterwarnings("ignore", message=r".*ComponentsView: `use_state` found despite")
    from mesa.visualization import SolaraViz
    from mesa.visualization.utils import update_counter

logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO

REGION = "small"
"""Region preset the page runs: a few hundred civil servants, drawable one by one."""

CYCLES = 6
"""Election cycles a run of the page lasts (60 campaign weeks)."""


# -- settings --------------------------------------------------------------


def policy_names() -> list[str]:
    """Policies a user can pick: one per ``configs/policy/*.yaml``, baseline first."""
    names = sorted(path.stem for path in (CONFIG_DIR / "policy").glob("*.yaml"))
    return sorted(names, key=lambda name: name != "baseline")


@dataclass(frozen=True)
class Control:
    """A slider or switch on the page: the setting it moves and the range it offers.

    The ranges are the teaching range, inside the range ``sim.config`` allows.
    """

    name: str  # field name and label key
    key: str  # Hydra key of the setting
    low: float = 0.0
    high: float = 1.0
    step: float = 0.05


# steps fine enough to land near the calibrated defaults (docs/ODD.md, section 10)
SLIDERS = (
    Control("career_dependence", "behaviour.career_dependence", 0, 10, 0.5),
    Control("sanction_strength", "enforcement.sanction_strength", 0, 20, 0.5),
    Control("enforcement_probability", "enforcement.enforcement_probability", 0, 1, 0.01),
    Control("detection_probability", "enforcement.detection_probability", 0, 0.1, 0.0005),
    Control("patron_protection", "enforcement.patron_protection", 0, 1, 0.01),
    Control("merit_weight", "careers.merit_weight", 0, 1, 0.05),
)
SWITCHES = (Control("central_enforcement", "enforcement.central_enforcement"),)
CONTROLS = {control.name: control for control in SLIDERS + SWITCHES}


def value_of(params: Params, control: Control) -> Any:
    """The value of ``control``'s setting in ``params`` (a cycle's params: no timelines)."""
    group, name = control.key.split(".")
    return getattr(getattr(params, group), name)


_COMPOSE_LOCK = threading.Lock()
"""Hydra's compose API keeps global state; visitors' sessions run in threads."""


@dataclass(frozen=True)
class Settings:
    """What the page's controls say: a policy, and the controls moved away from it.

    A control the user has not moved keeps the policy's value, so a policy
    that changes a setting (or gives it a timeline) is run as written.
    """

    policy: str = "baseline"
    changes: tuple[tuple[str, float | bool], ...] = ()

    def with_policy(self, policy: str) -> Settings:
        """Another policy, every control back at that policy's values."""
        return Settings(policy=policy)

    def with_change(self, name: str, value: float | bool) -> Settings:
        kept = tuple((n, v) for n, v in self.changes if n != name)
        return replace(self, changes=(*kept, (name, value)))

    def overrides(self) -> list[str]:
        """Hydra overrides for these settings."""
        overrides = [f"region={REGION}", f"cycles={CYCLES}", f"policy={self.policy}"]
        for name, value in self.changes:
            shown = str(value).lower() if isinstance(value, bool) else repr(float(value))
            overrides.append(f"{CONTROLS[name].key}={shown}")
        return overrides

    def params(self) -> Params:
        """Validated parameters (``ConfigError`` when a value is not allowed)."""
        with _COMPOSE_LOCK:
            return params_from(compose_config(self.overrides()))


class TeachingModel(PatronageModel):
    """The model as the page runs it, made from the page's ``Settings``.

    Mesa's Reset button remakes the model from its keyword arguments; the page
    passes its settings as a reactive variable, so Reset uses the current ones.
    """

    def __init__(
        self, settings: Settings | solara.Reactive[Settings] | None = None, replication: int = 0
    ) -> None:
        if isinstance(settings, solara.Reactive):
            settings = settings.value
        self.settings = settings or Settings()
        super().__init__(self.settings.params(), int(replication))


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


# -- the page ----------------------------------------------------------------

PNG = {"format": "png", "pil_kwargs": {"compress_level": 1}}
"""How figures go to the browser: light compression, as encoding is a good part of a frame."""


def _figure(draw: Callable[[], Figure], dependencies: list) -> None:
    """A matplotlib figure drawn again only when ``dependencies`` change."""
    figure = solara.use_memo(draw, dependencies)
    solara.FigureMatplotlib(figure, dependencies=dependencies, **PNG)


@solara.component
def Views(model: PatronageModel, language: str) -> None:
    """The organisation, the run's state and the two charts, redrawn after every step."""
    update_counter.get()  # Mesa's step, play and reset bump it
    deps = [id(model), model.steps, language]
    with solara.Columns([1, 1]):
        with solara.Column():
            with solara.Card(text("organisation", language)):
                _figure(lambda: draw_organisation(model, language), deps)
            with solara.Card(text("status", language)):
                for i, line in enumerate(status_lines(model, language)):
                    solara.Text(line, classes=[f"patronage-status-{i}"], style={"display": "block"})
                solara.Text(
                    text("civil_servants_count", language, n=model.world.size),
                    style={"display": "block"},
                )
                solara.Text(
                    f"{text('in_force', language)}: {settings_line(model, language)}",
                    classes=["patronage-in-force"],
                    style={"display": "block", "font-size": "0.85em", "margin-top": "0.6em"},
                )
                solara.Text(
                    text("organisation_note", language),
                    style={"display": "block", "font-size": "0.85em", "margin-top": "0.6em"},
                )
        with solara.Column():
            with solara.Card(text("violations_title", language)):
                _figure(lambda: draw_violations(model, language), deps)
            with solara.Card(text("funnel_title", language)):
                _figure(lambda: draw_funnel(model, language), deps)


@solara.component
def Controls(
    model: solara.Reactive[TeachingModel], settings: solara.Reactive[Settings], language: str
) -> None:
    """The settings a teacher moves; each change starts the run again from week 0."""
    error = solara.use_reactive("")
    params = model.value.cycle_params

    def apply(new: Settings) -> None:
        try:
            rebuilt = TeachingModel(new, model.value.replication)
        except ConfigError as bad:
            error.value = str(bad)
            return
        error.value = ""
        settings.value = new
        model.value = rebuilt

    def change(name: str, value: float | bool) -> None:
        apply(settings.value.with_change(name, value))

    with solara.Card(text("settings", language)):
        solara.Select(
            text("policy", language),
            value=settings.value.policy,
            values=policy_names(),
            on_value=lambda name: apply(settings.value.with_policy(name)),
            classes=["patronage-policy"],
        )
        for control in SLIDERS:
            value = float(value_of(params, control))
            solara.Text(
                f"{text(control.name, language)}: {value:g}",
                classes=[f"patronage-label-{control.name}"],
                style={"display": "block", "margin-top": "0.5em", "font-size": "0.9em"},
            )
            with solara.Div(classes=[f"patronage-slider-{control.name}"]):
                solara.SliderFloat(
                    "",
                    value=value,
                    min=control.low,
                    max=max(control.high, value),
                    step=control.step,
                    thumb_label=False,
                    on_value=lambda v, name=control.name: change(name, v),
                )
        for control in SWITCHES:
            with solara.Div(classes=[f"patronage-switch-{control.name}"]):
                solara.Checkbox(
                    label=text(control.name, language),
                    value=bool(value_of(params, control)),
                    on_value=lambda v, name=control.name: change(name, v),
                )
        if error.value:
            solara.Error(error.value)
        solara.Text(text("settings_hint", language), style={"font-size": "0.8em"})


@solara.component
def _SidebarSettings(
    model: solara.Reactive[TeachingModel], settings: solara.Reactive[Settings], language: str
) -> None:
    with solara.Sidebar():
        Controls(model, settings, language)


@solara.component
def SettingsPanel(
    model: solara.Reactive[TeachingModel], settings: solara.Reactive[Settings], language: str
) -> None:
    """The settings card, in the sidebar below Mesa's own controls.

    The sidebar orders its parts by how deep in the page they are declared;
    one level below Page would tie with Mesa's, two comes after.
    """
    _SidebarSettings(model, settings, language)


@solara.component
def LanguageSwitch(language: solara.Reactive[str]) -> None:
    with solara.ToggleButtonsSingle(value=language, classes=["patronage-language"]):
        for code, name in LANGUAGES.items():
            solara.Button(name, value=code, text=True)


@solara.component
def Page() -> None:
    """One visitor's page: their own model, settings and language.

    Mesa's SolaraViz gives the frame: title bar, step, play and reset, and the
    run number (applied by Reset, Mesa's way). The settings card applies a
    change at once; the views below are redrawn after every step.
    """
    language = solara.use_reactive(DEFAULT_LANGUAGE)
    settings = solara.use_reactive(Settings())
    first = solara.use_memo(lambda: TeachingModel(settings.value), [])
    model = solara.use_reactive(first)
    lang = language.value
    with solara.Column(style={"padding": "0"}) as main:
        with solara.AppBar():
            LanguageSwitch(language)
        SolaraViz(
            model,
            components=[],
            model_params={
                "settings": settings,
                "replication": {
                    "type": "SliderInt",
                    "label": text("replication", lang),
                    "value": 0,
                    "min": 0,
                    "max": 99,
                    "step": 1,
                },
            },
            name=text("title", lang),
            play_interval=150,
        )
        SettingsPanel(model, settings, lang)
        Views(model.value, lang)
    return main
