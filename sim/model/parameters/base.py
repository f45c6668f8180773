"""What a setting is: its type (``PerCycle`` when it may change from cycle to cycle),
range, meaning and source, and the error a bad value raises."""

from __future__ import annotations

from dataclasses import field
from typing import Any, TypeVar, Union

T = TypeVar("T")

PerCycle = Union[T, tuple[T, ...]]  # noqa: UP007 (a generic alias: PerCycle[float])
"""A setting that may be one value for the whole run or a timeline, one value per cycle."""


class ConfigError(ValueError):
    """A setting is missing, of the wrong type or out of its range.

    The message is one line: the key, the value given and what is allowed.
    """


def setting(
    *,
    low: float | None = None,
    high: float | None = None,
    meaning: str = "",
    source: str = "",
    choices: tuple[str, ...] | None = None,
    optional: bool = False,
) -> Any:
    """A dataclass field carrying the range, meaning and source of a setting.

    ``low`` and ``high`` bound a number; ``choices`` lists the names a text setting
    may take; ``optional``: the setting may also be null (``None``).
    """
    return field(
        metadata={
            "low": low,
            "high": high,
            "meaning": meaning,
            "source": source,
            "choices": choices,
            "optional": optional,
        }
    )


RANKS = ("jpt", "administrator", "pengawas", "functional", "pelaksana")
"""Ranks of the civil service, from the top (JPT, eselon II) down."""
