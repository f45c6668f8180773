"""The teaching page: pressure, violations and sanctions spreading through a region.

``patronage-app`` starts it on this computer and prints its address. The page runs
the model (a Mesa model) in the classroom region (``region=classroom``: 2,000 civil
servants, calibrated) and shows the organisation as a radial hierarchy with its kin
ties, each civil servant coloured by state and sized by rank; the run's state in
words, the enforcement backlog included; charts of violations and of the enforcement
funnel; the controls a teacher moves (the policy, the oversight regime, the sliders),
each with a line saying what it does. Every word comes in English and Bahasa
Indonesia (``sim.app.labels``, ``sim.runs.names``).

The page draws its own controls (Play, Step, Reset, speed, run number) instead of
Mesa's SolaraViz sidebar, whose labels cannot be translated and whose threading and
render-interval options mean nothing to a class. Each visitor gets a model of their
own (it is made inside ``Page``). Importing this module starts nothing.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable

import solara
import solara.lab

from ..model.parameters import ConfigError
from ..runs import names
from .drawing import (
    draw_funnel,
    draw_violations,
    legend,
    organisation_image,
    series_legend,
    svg,
)
from .labels import DEFAULT_LANGUAGE, LANGUAGES, count, text
from .settings import (
    FIRST_RUN,
    REGION,
    SLIDERS,
    SWITCHES,
    Settings,
    TeachingModel,
    capitalised,
    policy_label,
    policy_names,
    regime_label,
    regime_names,
    value_of,
)
from .status import settings_line, status_lines

logging.getLogger("MESA").setLevel(logging.WARNING)  # Mesa logs every step at INFO

SPEEDS = {"slow": 1.0, "normal": 0.25, "fast": 0.0}
"""Seconds between weeks while playing (drawing a week takes about half a second more)."""
DEFAULT_SPEED = "normal"
RUNS = 100  # run numbers offered: 0 .. RUNS - 1

CSS = """
.patronage-layout { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start;
  padding: 8px 10px; font-size: 16px; line-height: 1.35; }
.patronage-controls { flex: 0 0 290px; display: flex; flex-direction: column; gap: 10px;
  min-width: 0; }
.patronage-views { flex: 1 1 600px; min-width: 0; display: flex; flex-direction: column;
  gap: 10px; }
.patronage-panels { display: flex; flex-wrap: wrap; gap: 10px; align-items: flex-start; }
.patronage-left { flex: 1 1 400px; min-width: 0; }
.patronage-right { flex: 1 1 400px; min-width: 0; display: flex; flex-direction: column;
  gap: 10px; }
.patronage-card { background: white; border-radius: 6px; padding: 6px 12px 8px 12px;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.25); }
.patronage-card h2 { font-size: 17px; font-weight: 600; margin: 0 0 4px 0; }
.patronage-help { display: block; font-size: 14px; color: #444; margin: 0 0 6px 0; }
.patronage-label { display: block; font-weight: 500; margin-top: 8px; }
.patronage-guide { display: block; font-size: 15px; margin: 6px 0; }
.patronage-status-line { display: block; font-size: 15px; line-height: 1.28; }
.patronage-status-0 { font-weight: 600; }
.patronage-in-force { display: block; font-size: 13px; color: #444; margin-top: 4px; }
.patronage-organisation img { display: block; width: 100%; height: auto; margin: 0 auto;
  max-width: min(calc(100vh - 290px), 680px); min-width: 280px; }
.patronage-legend { display: grid; grid-template-columns: repeat(auto-fill, minmax(210px, 1fr));
  gap: 1px 12px; font-size: 14px; margin-top: 4px; }
.patronage-swatch { display: inline-block; width: 13px; height: 13px; border-radius: 50%;
  margin-right: 5px; vertical-align: -1px; }
.patronage-series { display: flex; flex-wrap: wrap; gap: 0 14px; }
.patronage-series > span { white-space: nowrap; }
.patronage-line { display: inline-block; width: 18px; height: 4px; margin-right: 5px;
  vertical-align: 3px; }
.patronage-note { display: block; font-size: 13px; color: #444; margin-top: 4px; }
.patronage-buttons { display: flex; gap: 8px; flex-wrap: wrap; }
.patronage-buttons .v-btn { font-size: 15px; text-transform: none; letter-spacing: 0; }
.patronage-language .v-btn { text-transform: none; letter-spacing: 0; font-size: 15px; }
.patronage-policy .v-select__selection, .patronage-regime .v-select__selection {
  white-space: normal; overflow: visible; text-overflow: clip; max-width: 100%;
  line-height: 1.3; margin: 4px 4px 4px 0; }
.patronage-policy .v-text-field__details, .patronage-regime .v-text-field__details {
  display: none; }
@media (max-width: 960px) {
  .patronage-controls { display: contents; }
  .patronage-run { order: 1; flex: 1 1 100%; }
  .patronage-views { order: 2; flex: 1 1 100%; }
  .patronage-settings { order: 3; flex: 1 1 100%; }
  .patronage-organisation img { max-width: 100%; }
}
"""
"""The page's layout: controls in a column on the left; in a narrow window, Play and
the views first, the settings below them."""


# -- the views -----------------------------------------------------------------


@solara.component
def Card(title: str, classes: list[str] | None = None, children: list | None = None) -> None:
    """A titled box (lighter than Vuetify's card: more room for the views)."""
    with solara.Div(classes=["patronage-card", *(classes or [])]):
        solara.HTML(tag="h2", unsafe_innerHTML=html.escape(title))
        for child in children or []:
            solara.display(child)


def _swatches(entries: list[tuple[str, str]]) -> str:
    """A legend of lines: a short bar of each colour and its words."""
    return "".join(
        f'<span><span class="patronage-line" style="background:{colour}"></span>'
        f"{html.escape(words)}</span>"
        for words, colour in entries
    )


def _legend_markup(model: TeachingModel, language: str) -> str:
    items = []
    for entry in legend(model, language):
        swatch = (
            f'<span class="patronage-swatch" style="background:{entry["colour"]};'
            f'border:1.5px solid {entry["edge"]}"></span>'
        )
        items.append(
            f'<span class="patronage-legend-item" data-state="{entry["key"]}">{swatch}'
            f'{html.escape(str(entry["words"]))} (<b class="patronage-count">'
            f"{count(int(entry['count']), language)}</b>)</span>"
        )
    return "".join(items)


@solara.component
def Views(model: TeachingModel, language: str, tick: int) -> None:
    """The run's state, the organisation and the two charts, redrawn after every week."""
    with model.lock:  # a whole week, not half of one being stepped by Play
        drawn = [id(model), model.steps]
        organisation = solara.use_memo(lambda: organisation_image(model), drawn)
        words = [*drawn, language]
        violations = solara.use_memo(lambda: svg(draw_violations(model, language)), words)
        funnel = solara.use_memo(lambda: svg(draw_funnel(model, language)), words)
        key = _legend_markup(model, language)
        lines = status_lines(model, language)
        in_force = settings_line(model, language)
    with solara.Div(classes=["patronage-panels"]):
        with (
            solara.Div(classes=["patronage-left"]),
            Card(text("organisation", language), ["patronage-organisation"]),
        ):
            solara.Image(organisation)
            solara.HTML(unsafe_innerHTML=key, classes=["patronage-legend"])
            solara.Text(text("organisation_note", language), classes=["patronage-note"])
        with solara.Div(classes=["patronage-right"]):
            with Card(text("status", language), ["patronage-status"]):
                for i, line in enumerate(lines):
                    solara.Text(line, classes=["patronage-status-line", f"patronage-status-{i}"])
            with Card(text("violations_title", language)):
                solara.HTML(
                    unsafe_innerHTML=_swatches(series_legend(language)),
                    classes=["patronage-legend", "patronage-series"],
                )
                solara.HTML(unsafe_innerHTML=violations, classes=["patronage-chart"])
            with Card(text("funnel_title", language)):
                solara.HTML(unsafe_innerHTML=funnel, classes=["patronage-chart"])
    solara.Text(f"{text('in_force', language)}: {in_force}", classes=["patronage-in-force"])


# -- the controls ------------------------------------------------------------------


@solara.component
def RunCard(
    model: solara.Reactive[TeachingModel],
    playing: solara.Reactive[bool],
    tick: solara.Reactive[int],
    speed: solara.Reactive[str],
    replication: solara.Reactive[int],
    settings: solara.Reactive[Settings],
    language: str,
) -> None:
    """Play, Step, Reset, the speed and the run number, with a line on each."""
    running = model.value.running

    def step() -> None:
        model.value.step()
        tick.value += 1

    def reset() -> None:
        playing.value = False
        model.value = TeachingModel(settings.value, replication.value)
        tick.value += 1

    def another_run(number: int) -> None:
        playing.value = False
        replication.value = number
        model.value = TeachingModel(settings.value, number)

    region = names.name("region", REGION, language)
    with Card(text("run", language), ["patronage-run"]):
        solara.Text(text("guide", language), classes=["patronage-guide"])
        with solara.Div(classes=["patronage-buttons"]):
            solara.Button(
                f"❚❚ {text('pause', language)}" if playing.value else f"▶ {text('play', language)}",
                color="primary",
                on_click=lambda: playing.set(not playing.value),
                disabled=not running,
                classes=["patronage-play"],
            )
            solara.Button(
                text("step", language),
                color="primary",
                outlined=True,
                on_click=step,
                disabled=playing.value or not running,
                classes=["patronage-step"],
            )
            solara.Button(
                text("reset", language), outlined=True, on_click=reset, classes=["patronage-reset"]
            )
        solara.Text(text("speed", language), classes=["patronage-label"])
        with solara.ToggleButtonsSingle(value=speed, classes=["patronage-speed"]):
            for name in SPEEDS:
                solara.Button(text(f"speed_{name}", language), value=name, text=True)
        solara.Text(text("speed_help", language), classes=["patronage-help"])
        solara.Text(
            f"{text('replication', language)}: {replication.value}",
            classes=["patronage-label", "patronage-label-replication"],
        )
        with solara.Div(classes=["patronage-slider-replication"]):
            solara.SliderInt(
                "",
                value=replication.value,
                min=0,
                max=RUNS - 1,
                on_value=another_run,
                thumb_label=False,
            )
        solara.Text(text("replication_help", language), classes=["patronage-help"])
        size = count(model.value.world.size, language)
        solara.Text(
            text("scenario", language, region=capitalised(region), n=size),
            classes=["patronage-help", "patronage-scenario"],
        )


def _menu(
    kind: str, chosen: str, labels: dict[str, str], choose: Callable[[str], None], language: str
) -> None:
    """A menu of ``kind`` (policy, regime) by readable name, and a line on the chosen one.

    ``labels`` maps each name shown to its config option; ``choose`` gets the option picked.
    """
    shown = {option: label for label, option in labels.items()}.get(chosen, chosen)
    solara.Select(
        text(kind, language),
        value=shown,
        values=list(labels),
        on_value=lambda label: choose(labels[label]),
        classes=[f"patronage-{kind}"],
    )
    about = names.about(kind, chosen, language)
    solara.Text(capitalised(about) + ".", classes=["patronage-help", f"patronage-{kind}-help"])


@solara.component
def SettingsCard(
    model: solara.Reactive[TeachingModel],
    playing: solara.Reactive[bool],
    settings: solara.Reactive[Settings],
    replication: solara.Reactive[int],
    language: str,
) -> None:
    """The settings a teacher moves, each with its explanation; a change restarts the run."""
    error = solara.use_reactive("")
    params = model.value.cycle_params

    def apply(new: Settings) -> None:
        try:
            rebuilt = TeachingModel(new, replication.value)
        except ConfigError as bad:
            error.value = str(bad)
            return
        error.value = ""
        playing.value = False
        settings.value = new
        model.value = rebuilt

    def change(name: str, value: float | bool) -> None:
        apply(settings.value.with_change(name, value))

    policies = {policy_label(p, language): p for p in policy_names()}
    regimes = {regime_label(r, language): r for r in regime_names()}
    with Card(text("settings", language), ["patronage-settings"]):
        current = settings.value
        _menu("policy", current.policy, policies, lambda p: apply(current.with_policy(p)), language)
        _menu("regime", current.regime, regimes, lambda r: apply(current.with_regime(r)), language)
        for control in SLIDERS:
            value = float(value_of(params, control))
            solara.Text(
                f"{control.label(language)}: {value:g}",
                classes=["patronage-label", f"patronage-label-{control.name}"],
            )
            with solara.Div(classes=[f"patronage-slider-{control.name}"]):
                solara.SliderFloat(
                    "",
                    # on the slider's grid: a value off it would be snapped by the
                    # slider, which then reports a change (Control.on_grid)
                    value=control.on_grid(value),
                    min=control.low,
                    max=max(control.high, value),
                    step=control.step,
                    thumb_label=False,
                    on_value=lambda v, name=control.name: change(name, v),
                )
            solara.Text(control.about(language), classes=["patronage-help"])
        for control in SWITCHES:
            with solara.Div(classes=[f"patronage-switch-{control.name}"]):
                solara.Checkbox(
                    label=control.label(language),
                    value=bool(value_of(params, control)),
                    on_value=lambda v, name=control.name: change(name, v),
                )
            solara.Text(control.about(language), classes=["patronage-help"])
        if error.value:
            solara.Error(error.value)
        solara.Text(text("settings_hint", language), classes=["patronage-help"])


@solara.component
def LanguageSwitch(language: solara.Reactive[str]) -> None:
    with solara.ToggleButtonsSingle(value=language, classes=["patronage-language"]):
        for code, name in LANGUAGES.items():
            solara.Button(name, value=code, text=True)


# -- the page ------------------------------------------------------------------------


@solara.component
def Page() -> None:
    """One visitor's page: their own model, settings, language and play loop.

    While playing, a worker thread steps the model a week at a time and bumps
    ``tick``, which redraws the views (in that thread, so a slow drawing slows the
    play rather than piling up weeks), then waits the speed's pause.
    """
    language = solara.use_reactive(DEFAULT_LANGUAGE)
    settings = solara.use_reactive(Settings())
    replication = solara.use_reactive(FIRST_RUN)
    first = solara.use_memo(lambda: TeachingModel(settings.value, FIRST_RUN), [])
    model = solara.use_reactive(first)
    playing = solara.use_reactive(False)
    tick = solara.use_reactive(0)
    speed = solara.use_reactive(DEFAULT_SPEED)

    plays = solara.use_ref(0)  # which Play press the running loop belongs to

    def play() -> None:
        plays.current += 1
        mine = plays.current  # Pause then Play at once: the older loop stops, not doubles
        while playing.value and model.value.running and plays.current == mine:
            model.value.step()
            tick.value += 1
            time.sleep(SPEEDS[speed.value])
        if plays.current == mine:
            playing.value = False

    solara.lab.use_task(play, dependencies=[playing.value], prefer_threaded=True)
    lang = language.value
    with solara.Div(classes=["patronage-layout"]) as main:
        solara.Style(CSS)
        solara.Title(text("title", lang))
        with solara.AppBar():
            solara.AppBarTitle(text("title", lang))
            LanguageSwitch(language)
        with solara.Div(classes=["patronage-controls"]):
            RunCard(model, playing, tick, speed, replication, settings, lang)
            SettingsCard(model, playing, settings, replication, lang)
        with solara.Div(classes=["patronage-views"]):
            Views(model.value, lang, tick.value)
    return main
