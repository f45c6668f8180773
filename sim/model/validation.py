"""Checking a configuration against ``sim.model.parameters``: one line per bad setting.

``validate(mapping)`` turns a plain mapping (a composed configuration) into typed
``Params`` or raises ``ConfigError`` naming the first bad setting, its value and
what is allowed. ``settings_table()`` lists every setting for the documentation,
the command's help and "did you mean" suggestions.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any

from .parameters import ConfigError, Params

SWEEP_ONLY = ("hydra", "sensitivity")
"""Top-level blocks that plan a sweep (read by the sweeper) and never reach the model."""

LABELS = {"sample_point": {"low": 0, "high": 10**9, "choices": None}}
"""Labels a sweep may add to a job (``+sample_point=i``: which point of a sensitivity
sample it runs); they name the job and do not reach the model."""


@dataclasses.dataclass(frozen=True)
class Kind:
    """What a field's annotation says: its scalar type, or a group; and if per cycle."""

    scalar: type
    per_cycle: bool = False

    @property
    def is_group(self) -> bool:
        return dataclasses.is_dataclass(self.scalar)


UNIONS = (typing.Union, types.UnionType)


@functools.cache
def field_kinds(cls: type) -> dict[str, Kind]:
    """The kind of every field of a settings group, read from its annotations."""
    kinds = {}
    for name, hint in typing.get_type_hints(cls).items():
        arms = typing.get_args(hint) if typing.get_origin(hint) in UNIONS else ()
        if arms:  # PerCycle[T] is T | tuple[T, ...]; Optional[T] is T | None
            scalar = next(
                a for a in arms if typing.get_origin(a) is not tuple and a is not type(None)
            )
            per_cycle = any(typing.get_origin(a) is tuple for a in arms)
            kinds[name] = Kind(scalar, per_cycle)
        else:
            kinds[name] = Kind(hint)
    return kinds


def describe_range(meta: Mapping[str, Any], kind: type) -> str:
    """What a setting may be, in words (the end of every refusal)."""
    if meta.get("optional") and kind is str:
        return "null or a file path"
    if meta["choices"]:
        return "one of " + ", ".join(meta["choices"])
    if kind is bool:
        return "true or false"
    if kind is str:
        return "any name"
    word = "an integer" if kind is int else "a number"
    return f"{word} from {_fmt(meta['low'])} to {_fmt(meta['high'])}"


def _fmt(x: Any) -> str:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if isinstance(x, str):
        return repr(x)
    return str(x)


def check_scalar(key: str, value: Any, kind: type, meta: Mapping[str, Any]) -> Any:
    """``value`` as a ``kind`` within the range in ``meta``, or a one-line ``ConfigError``."""
    allowed = describe_range(meta, kind)
    bad = ConfigError(f"{key}={_fmt(value)} is not allowed: use {allowed}")
    if kind is bool:
        if not isinstance(value, bool):
            raise bad
        return value
    if kind is str:
        if not isinstance(value, str) or (meta["choices"] and value not in meta["choices"]):
            raise bad
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad
    if kind is int:
        if isinstance(value, float) and not value.is_integer():
            raise bad
        value = int(value)
    else:
        value = float(value)
    if value != value or not (meta["low"] <= value <= meta["high"]):  # value != value: NaN
        raise bad
    return value


def _build(cls: type, raw: Any, prefix: str) -> Any:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{prefix or 'config'} must be a group of settings, got {raw!r}")
    kinds = field_kinds(cls)
    for name in raw:
        if name not in kinds:
            raise ConfigError(
                f"{prefix}{name} is not a setting: use one of {', '.join(sorted(kinds))}"
            )
    values = {}
    for f in dataclasses.fields(cls):
        key = prefix + f.name
        if f.name not in raw:
            raise ConfigError(f"{key} is missing: every run needs it")
        value, kind = raw[f.name], kinds[f.name]
        if value is None and f.metadata.get("optional"):
            values[f.name] = None
        elif kind.is_group:
            values[f.name] = _build(kind.scalar, value, key + ".")
        elif isinstance(value, list | tuple) and kind.per_cycle:
            if not value:
                raise ConfigError(f"{key}=[] is not allowed: give one value or one per cycle")
            values[f.name] = tuple(
                check_scalar(f"{key}[{i}]", v, kind.scalar, f.metadata) for i, v in enumerate(value)
            )
        else:
            values[f.name] = check_scalar(key, value, kind.scalar, f.metadata)
    return cls(**values)


def timelines(obj: Any, prefix: str = "") -> Iterator[tuple[str, tuple]]:
    """(key, values) of every setting given as a timeline."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from timelines(value, prefix + f.name + ".")
        elif isinstance(value, tuple):
            yield prefix + f.name, value


def validate(raw: Mapping[str, Any]) -> Params:
    """Check a composed configuration and return it as typed ``Params``.

    Raises ``ConfigError`` with a one-line message at the first bad setting.
    ``raw`` is a plain mapping (``OmegaConf.to_container(cfg, resolve=True)``);
    Hydra's own ``hydra`` node and a ``sensitivity`` plan, if present, are ignored, and
    labels a sweep adds (``sample_point``) are checked and left out.
    """
    raw = {k: v for k, v in raw.items() if k not in SWEEP_ONLY}
    for label, meta in LABELS.items():
        if label in raw:
            check_scalar(label, raw.pop(label), int, meta)
    params = _build(Params, raw, "")
    check_consistency(params)
    return params


def check_consistency(params: Params) -> None:
    """What no single setting's range can say: timelines' lengths, shares adding up."""
    for key, timeline in timelines(params):
        if len(timeline) != params.cycles:
            raise ConfigError(
                f"{key} has {len(timeline)} values but cycles={params.cycles}: "
                f"give one value or exactly {params.cycles}"
            )
    region = params.region
    if region.civil_servants < 20 * region.regions:
        raise ConfigError(
            f"region.civil_servants={region.civil_servants} is too few for "
            f"region.regions={region.regions}: give at least 20 civil servants a region"
        )
    if region.regions > 1 and region.org_chart is not None:
        raise ConfigError(
            f"region.org_chart={region.org_chart} is for one region: set region.org_chart=null "
            f"or region.regions=1"
        )
    propensity = params.behaviour.violation_propensity
    if sum(propensity.weights()[:5]) <= 0:
        raise ConfigError(
            "behaviour.violation_propensity gives every type open to all civil servants "
            "weight 0: at least one of social_media .. party_approach must be above 0"
        )
    kind = region.ppk_kind
    total = kind.incumbent + kind.successor + kind.acting
    if abs(total - 1.0) > 1e-6:
        raise ConfigError(
            f"region.ppk_kind adds up to {total:g}: its three shares (incumbent, successor, "
            f"acting) must add up to 1"
        )
    mix = params.enforcement.sanction_mix
    total = mix.moral + mix.light + mix.medium + mix.heavy
    if abs(total - 1.0) > 1e-6:
        raise ConfigError(
            f"enforcement.sanction_mix adds up to {total:g}: its four shares must add up to 1"
        )

    ladder = params.enforcement.ladder
    levels = ("moral", "light", "medium", "heavy")
    values = ladder.disutilities()
    for lower, higher, low, high in zip(levels, levels[1:], values, values[1:], strict=False):
        if not low < high:
            raise ConfigError(
                f"enforcement.ladder.{higher}={_fmt(high)} is not allowed: the ladder must "
                f"rise, use a number above enforcement.ladder.{lower}={_fmt(low)}"
            )
    perception = params.perception
    if perception.kind == "learned" and perception.memory <= 0:
        raise ConfigError(
            f"perception.memory={_fmt(perception.memory)} is not allowed with "
            "perception=learned: use a number above 0 up to 1 (with no memory the counts "
            "would be empty)"
        )


def as_mapping(params: Params) -> dict[str, Any]:
    """``params`` as the plain mapping ``validate`` reads (timelines as lists)."""

    def plain(value: Any) -> Any:
        if isinstance(value, tuple):
            return list(value)
        return value

    def walk(obj: Any) -> dict[str, Any]:
        out = {}
        for f in dataclasses.fields(obj):
            value = getattr(obj, f.name)
            out[f.name] = walk(value) if dataclasses.is_dataclass(value) else plain(value)
        return out

    return walk(params)


def revalidate(params: Params) -> Params:
    """``params`` checked again (after ``Params.replace``); ``ConfigError`` if now bad."""
    return validate(as_mapping(params))


def settings_table() -> list[dict[str, Any]]:
    """Every setting with its key, type, range, meaning and source (for docs and tests)."""
    rows: list[dict[str, Any]] = []

    def walk(cls: type, prefix: str) -> None:
        kinds = field_kinds(cls)
        for f in dataclasses.fields(cls):
            kind = kinds[f.name]
            if kind.is_group:
                walk(kind.scalar, prefix + f.name + ".")
                continue
            rows.append(
                {
                    "key": prefix + f.name,
                    "type": kind.scalar.__name__,
                    "allowed": describe_range(f.metadata, kind.scalar),
                    "low": f.metadata["low"],
                    "high": f.metadata["high"],
                    "timeline": kind.per_cycle,
                    "optional": f.metadata["optional"],
                    "meaning": f.metadata["meaning"],
                    "source": f.metadata["source"],
                }
            )

    walk(Params, "")
    return rows
