"""What the teaching page's controls say, and the model it runs from them.

``Settings`` is a policy plus the controls moved away from it; ``TeachingModel``
is the model made from them (Mesa's Reset remakes it from its keyword arguments).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

import solara

from ..model.campaign import Campaign
from ..model.model import PatronageModel
from ..model.parameters import Params
from ..runs import names
from ..runs.settings import compose_config, options, params_from


def capitalised(words: str) -> str:
    return words[:1].upper() + words[1:]


REGION = "classroom"
"""Region preset the page runs (``configs/region/classroom.yaml``): a small city's 2,000
civil servants with every setting at its calibrated value, so Bawaslu's patrols report
someone in most campaigns (300 would see one report in three cycles), and few enough to
draw one by one."""

FIRST_RUN = 5
"""The run the page opens on: one whose first campaign shows reports and sanctions, as 8 runs
in 10 of the classroom preset do (runs 0-39; run 0 happens to show none until cycle 4). Any
other run is a click away."""

CYCLES = 6
"""Election cycles a run of the page lasts (60 campaign weeks)."""


def policy_names() -> list[str]:
    """Policies a user can pick: one per ``configs/policy/*.yaml``, baseline first."""
    return sorted(options("policy"), key=lambda name: name != "baseline")


def policy_label(policy: str, language: str = "en") -> str:
    """A policy's readable name (``sim.runs.names``)."""
    return names.name("policy", policy, language)


DEFAULT_REGIME = "kasn_2020"
"""The oversight regime the page opens on: KASN as in 2020, the calibrated baseline."""


def regime_names() -> list[str]:
    """Oversight regimes a user can pick: one per ``configs/regime/*.yaml``, in the order
    ``sim.runs.names.REGIMES`` tells them (2020, the 2024 transition, then the new body's
    designs from least to most power); any regime not named there last."""
    return names.in_order("regime", sorted(options("regime")))


def regime_label(regime: str, language: str = "en") -> str:
    """A regime's readable name (``sim.runs.names``)."""
    return names.name("regime", regime, language)


@dataclass(frozen=True)
class Control:
    """A slider or switch on the page: the setting it moves and the range it offers.

    The ranges are the teaching range, inside the range the setting allows; its name
    and one-line explanation come from ``sim.runs.names``.
    """

    name: str  # short name, used in CSS classes and the settings' changes
    key: str  # Hydra key of the setting
    low: float = 0.0
    high: float = 1.0
    step: float = 0.05

    def label(self, language: str = "en") -> str:
        return capitalised(names.setting_name(self.key, language))

    def about(self, language: str = "en") -> str:
        return names.about("setting", self.key, language)

    def on_grid(self, value: float) -> float:
        """Where the slider shows ``value``: the nearest step, written as the slider writes
        it (a fitted default lies between two steps; a position off the grid, even by float
        error such as 13 x 0.0005 = 0.006500000000000001, is snapped by the slider, which
        then reports a move and the model would run the snapped value)."""
        return round(round(value / self.step) * self.step, self.decimals)

    @property
    def decimals(self) -> int:
        """Decimals of the step (the slider rounds its value to them)."""
        written = repr(float(self.step))
        return len(written.split(".")[1].rstrip("0")) if "e" not in written else 12


# steps fine enough to land near the calibrated defaults (docs/ODD.md, section 10)
SLIDERS = (
    Control("career_dependence", "behaviour.career_dependence", 0, 10, 0.5),
    Control("sanction_strength", "enforcement.sanction_strength", 0, 20, 0.5),
    Control("enforcement_probability", "enforcement.enforcement_probability", 0, 1, 0.01),
    Control("detection_probability", "enforcement.detection_probability", 0, 0.1, 0.0005),
    # from no cost (the PPK shields every supporter) to certain_enforcement's 554, ten
    # times the calibrated 55.4 (configs/policy/certain_enforcement.yaml)
    Control("inaction_penalty", "patron.inaction_penalty", 0, 554, 0.2),
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
    """What the page's controls say: a policy, an oversight regime, and the controls
    moved away from them.

    A control the user has not moved keeps the policy's (and regime's) value, so a
    policy that changes a setting (or gives it a timeline) is run as written.
    """

    policy: str = "baseline"
    changes: tuple[tuple[str, float | bool], ...] = ()
    regime: str = DEFAULT_REGIME

    def with_policy(self, policy: str) -> Settings:
        """Another policy under the same regime, every control back at its values."""
        return Settings(policy=policy, regime=self.regime)

    def with_regime(self, regime: str) -> Settings:
        """Another regime with the same policy, every control back at their values (as a
        new policy puts them back)."""
        return Settings(policy=self.policy, regime=regime)

    def with_change(self, name: str, value: float | bool) -> Settings:
        kept = tuple((n, v) for n, v in self.changes if n != name)
        return replace(self, changes=(*kept, (name, value)))

    def overrides(self) -> list[str]:
        """Hydra overrides for these settings."""
        overrides = [f"region={REGION}", f"cycles={CYCLES}", f"policy={self.policy}"]
        overrides.append(f"regime={self.regime}")
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
        self.lock = threading.RLock()
        """Held while a week is stepped and while the page draws it: Play steps in a thread
        of its own, and a drawing must not see half a week."""
        self.closed_campaign: Campaign | None = None
        """The last campaign closed by a vote, its queues worked through (the model opens
        the next one at once): what the backlog line tells after the vote."""
        super().__init__(self.settings.params(), int(replication))

    def step(self) -> None:
        with self.lock:
            campaign = self.campaign
            super().step()
            if self.campaign is not campaign:
                self.closed_campaign = campaign
