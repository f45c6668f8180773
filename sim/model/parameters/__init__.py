"""The model's parameters: every setting, typed, with its range, meaning and source.

The YAML files under ``configs/`` hold the values; this module holds what a
value may be. Every setting is a dataclass field whose metadata gives its
allowed range, its meaning and where its default comes from, so validation
(``sim.model.validation``), the ODD parameter table and the tests read from one
place.

A setting typed ``PerCycle[...]`` may also be a *timeline*: a list with one value
per election cycle (``enforcement.enforcement_probability=[0.9,0.9,0.1,0.1]``), so a
user can ask what happens when enforcement collapses or surges for a while.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from .base import RANKS, ConfigError, PerCycle, setting
from .behaviour import Behaviour, ViolationPropensity
from .careers import Careers, CareerStakes
from .enforcement import Enforcement, SanctionLadder, SanctionMix
from .oversight import Oversight
from .patron import Patron, Teams
from .perception import KINDS as PERCEPTION_KINDS
from .perception import Perception
from .region import Election, PpkKindShares, RankWeights, Region
from .uncertainty import Uncertainty

__all__ = [
    "RANKS",
    "Behaviour",
    "CareerStakes",
    "Careers",
    "ConfigError",
    "Election",
    "Enforcement",
    "PERCEPTION_KINDS",
    "Oversight",
    "Params",
    "Patron",
    "PerCycle",
    "Perception",
    "PpkKindShares",
    "RankWeights",
    "Region",
    "SanctionLadder",
    "SanctionMix",
    "Teams",
    "Uncertainty",
    "ViolationPropensity",
    "setting",
]


@dataclass(frozen=True)
class Params:
    """Everything one run needs, validated."""

    seed: int = setting(
        low=0,
        high=2**32 - 1,
        meaning="seed of the run; replication r draws from SeedSequence(seed, spawn_key=(r,))",
    )
    replications: int = setting(
        low=1, high=100_000, meaning="independent replications run by this job"
    )
    first_replication: int = setting(
        low=0,
        high=10_000_000,
        meaning="number of the job's first replication (to split replications over jobs)",
    )
    cycles: int = setting(low=1, high=100, meaning="election cycles run one after another")
    campaign_weeks: int = setting(
        low=1,
        high=104,
        meaning="weekly steps in a campaign",
        source="PKPU 5/2020: Pilkada 2020 campaign 26 Sep - 5 Dec 2020, 71 days",
    )
    policy: str = setting(meaning="name of the policy the settings stand for")
    regime: str = setting(
        meaning="name of the oversight regime the settings stand for (configs/regime/)"
    )
    region: Region = field(default_factory=Region)
    election: Election = field(default_factory=Election)
    behaviour: Behaviour = field(default_factory=Behaviour)
    enforcement: Enforcement = field(default_factory=Enforcement)
    perception: Perception = field(default_factory=Perception)
    careers: Careers = field(default_factory=Careers)
    patron: Patron = field(default_factory=Patron)
    teams: Teams = field(default_factory=Teams)
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    oversight: Oversight = field(default_factory=Oversight)

    def at_cycle(self, cycle: int) -> Params:
        """These parameters with every timeline replaced by its value for ``cycle``."""
        return _resolve_timelines(self, cycle)

    def replace(self, **changes: Any) -> Params:
        """A copy with settings changed, by dotted key: ``params.replace(**{"enforcement.
        sanction_strength": 6})`` or top-level names (``replications=20``).

        The copy is not validated again; use ``sim.model.validation.validate`` on a
        mapping for that.
        """
        return _replace(self, changes)


def _replace(obj: Any, changes: dict[str, Any]) -> Any:
    nested: dict[str, dict[str, Any]] = {}
    direct: dict[str, Any] = {}
    for key, value in changes.items():
        head, _, rest = key.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, inner in nested.items():
        direct[head] = _replace(getattr(obj, head), inner)
    return dataclasses.replace(obj, **direct)


def _resolve_timelines(obj: Any, cycle: int) -> Any:
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            changes[f.name] = _resolve_timelines(value, cycle)
        elif isinstance(value, tuple):
            changes[f.name] = value[cycle]
    return dataclasses.replace(obj, **changes)
