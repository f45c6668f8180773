"""The teaching page: pressure, violations and sanctions spreading through a region.

``patronage-app`` starts it on this computer and prints its address. The page
is Mesa's browser front end (``mesa.visualization.SolaraViz``) around a small
region (``region=small``, a few hundred civil servants): the organisation drawn
as a radial hierarchy with its kin ties, each civil servant coloured by state
and sized by rank; controls for the settings a teacher moves; charts of the
violation rate and the enforcement funnel; the week, the cycle and the last
election. Labels come in English and Bahasa Indonesia (``sim.app.labels``).

Each visitor gets a model of their own (it is made inside ``Page``). Importing
this module starts nothing.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable

import solara
from matplotlib.figure import Figure

from ..model.model import PatronageModel
from ..model.parameters import ConfigError
from .drawing import (
    PNG,
    draw_funnel,
    draw_organisation,
    draw_violations,
    settings_line,
    status_lines,
)
from .labels import DEFAULT_LANGUAGE, LANGUAGES, text
from .settings import SLIDERS, SWITCHES, Settings, TeachingModel, policy_names, value_of

with warnings.catch_warnings():
    # Solara's hook checker flags a harmless early return inside Mesa 3.3.1's SolaraViz
    warnings.filterwarnings("ignore", message=r".*ComponentsView: `use_state` found despite")
    from mesa.visualization import SolaraViz
    from mesa.visualization.utils import update_counter

logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO


# -- the page ----------------------------------------------------------------


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
                    # on the slider's grid: a value between two steps (a fitted default)
                    # would be snapped by the slider, which then reports a change
                    value=round(value / control.step) * control.step,
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
