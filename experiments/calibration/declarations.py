"""The calibration's declarations: parameters with their priors, and statistics with their targets.

``priors.yaml`` and ``targets.yaml`` (beside this file) say what is fitted and to what;
this module reads them and computes each statistic from a run's summary table. Adding a
parameter or a statistic is an edit of those files, not of code.
"""

from __future__ import annotations

import ast
import math
import operator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import yaml
from scipy import special

from sim.model.metrics import SUMMARY_COLUMNS
from sim.model.validation import settings_table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RECORD = ROOT / "data" / "calibration.md"
PRIORS = HERE / "priors.yaml"
TARGETS = HERE / "targets.yaml"

MISSING = -1.0
"""A ratio with nothing to divide by (no report in any replication): far from every target
share, so the particle is rejected without an infinite distance."""


@dataclass(frozen=True)
class Prior:
    """A fitted setting and its prior: flat on ``low..high``, or on their logarithms."""

    key: str
    kind: str  # uniform | loguniform
    low: float
    high: float
    why: str
    searched: bool = True  # False: acts on no statistic fitted; drawn from its prior

    @property
    def name(self) -> str:
        """The parameter's name in pyabc's history (no dots)."""
        return self.key.replace(".", "__")

    @property
    def log(self) -> bool:
        return self.kind == "loguniform"

    def to_unit(self, value: float) -> float:
        """Where ``value`` lies in the prior's range, 0 to 1 (on the log scale if log-uniform)."""
        scale = math.log10 if self.log else float
        return (scale(value) - scale(self.low)) / (scale(self.high) - scale(self.low))

    def from_unit(self, u: float) -> float:
        scale = math.log10 if self.log else float
        low, high = scale(self.low), scale(self.high)
        x = low + u * (high - low)
        return 10.0**x if self.log else x

    def to_search(self, value: float) -> float:
        """A setting value on the scale the search moves in: the normal quantile of ``to_unit``.

        A flat prior on the range becomes a standard normal on the whole line, which Gaussian
        proposals fit; on the bounded range (or on the logit, whose tails are too heavy for
        them) the importance weights collapse in twenty dimensions: the effective sample fell
        below 10 of 100 particles by the third generation.
        """
        u = min(max(self.to_unit(value), UNIT_EDGE), 1.0 - UNIT_EDGE)
        return float(special.ndtri(u))

    def to_setting(self, z: float) -> float:
        return self.from_unit(float(special.ndtr(z)))


UNIT_EDGE = 1e-12
"""A value at an end of its prior's range is searched just inside it."""


@dataclass(frozen=True)
class Statistic:
    """A figure of the record and how the model's summary table gives it."""

    name: str
    target: str  # T1 .. T6
    value: float
    sources: tuple[tuple[int, str], ...]
    numerator: tuple[str, ...]
    denominator: tuple[str, ...] | None
    scale: float
    scale_why: str
    identifies: str
    role: str  # fit | check
    weight: str | None = None  # the numerator is a share of this count (row by row)

    @property
    def fitted(self) -> bool:
        return self.role == "fit"

    @property
    def columns(self) -> tuple[str, ...]:
        return self.numerator + (self.denominator or ()) + ((self.weight,) if self.weight else ())

    @property
    def lines(self) -> str:
        lines = sorted({line for line, _ in self.sources})
        return (
            "data/calibration.md line"
            + ("s " if len(lines) > 1 else " ")
            + ", ".join(str(n) for n in lines)
        )


@dataclass
class Declarations:
    """Everything the calibration reads from its two files."""

    priors: list[Prior]
    fixed: dict[str, float]
    statistics: list[Statistic]  # those the model can compute
    pending: list[Statistic] = field(default_factory=list)  # columns not written yet
    overrides: list[str] = field(default_factory=list)
    replications: int = 5

    @property
    def fitted(self) -> list[Statistic]:
        return [s for s in self.statistics if s.fitted]

    @property
    def searched(self) -> list[Prior]:
        """The parameters the ABC searches (the others only carry their prior along)."""
        return [p for p in self.priors if p.searched]

    @property
    def carried(self) -> list[Prior]:
        return [p for p in self.priors if not p.searched]

    def subset(self, keys: list[str]) -> Declarations:
        """Only the priors of ``keys`` (the others stay at the configuration's values)."""
        chosen = [p for p in self.priors if p.key in keys]
        unknown = set(keys) - {p.key for p in chosen}
        if unknown:
            raise ValueError(f"not in priors.yaml: {', '.join(sorted(unknown))}")
        return Declarations(
            chosen, {}, self.statistics, self.pending, self.overrides, self.replications
        )


_OPERATORS = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Div: operator.truediv,
    ast.Mult: operator.mul,
}


def figure(text: str | float) -> float:
    """A target value: a number, or arithmetic on the record's figures ("1597 / 2034")."""
    if isinstance(text, int | float):
        return float(text)

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
            return float(node.value)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](walk(node.left), walk(node.right))
        raise ValueError(f"a target value must be a number or arithmetic on numbers: {text!r}")

    return walk(ast.parse(str(text), mode="eval"))


def load(priors: Path = PRIORS, targets: Path = TARGETS) -> Declarations:
    """Read and check both declaration files."""
    p = yaml.safe_load(priors.read_text(encoding="utf-8"))
    t = yaml.safe_load(targets.read_text(encoding="utf-8"))
    ranges = {row["key"]: row for row in settings_table()}
    prior_list = []
    for row in p["parameters"]:
        key = row["key"]
        if key not in ranges:
            raise ValueError(f"priors.yaml: {key} is not a setting")
        low, high = float(row["low"]), float(row["high"])
        allowed = ranges[key]
        if not (allowed["low"] <= low < high <= allowed["high"]):
            raise ValueError(f"priors.yaml: {key} prior {low}..{high} leaves the setting's range")
        if row["prior"] not in ("uniform", "loguniform") or (
            row["prior"] == "loguniform" and low <= 0
        ):
            raise ValueError(f"priors.yaml: {key} prior must be uniform or loguniform (low > 0)")
        why = " ".join(str(row["why"]).split())
        searched = bool(row.get("searched", True))
        prior_list.append(Prior(key, row["prior"], low, high, why, searched))
    statistics, pending = [], []
    for row in t["statistics"]:
        denominator = row.get("denominator")
        stat = Statistic(
            name=row["name"],
            target=row["target"],
            value=figure(row["value"]),
            sources=tuple((int(line), str(quote)) for line, quote in row["sources"]),
            numerator=tuple(row["numerator"]),
            denominator=tuple(denominator) if denominator else None,
            scale=float(row["scale"]),
            scale_why=" ".join(str(row["scale_why"]).split()),
            identifies=" ".join(str(row["identifies"]).split()),
            role=row["role"],
            weight=row.get("weight"),
        )
        if stat.role not in ("fit", "check") or stat.scale <= 0:
            raise ValueError(f"targets.yaml: {stat.name} needs role fit|check and a scale > 0")
        known = all(column in SUMMARY_COLUMNS for column in stat.columns)
        (statistics if known else pending).append(stat)
    simulation = p.get("simulation", {})
    return Declarations(
        priors=prior_list,
        fixed={k: float(v) for k, v in (p.get("fixed") or {}).items()},
        statistics=statistics,
        pending=pending,
        overrides=list(simulation.get("overrides", [])),
        replications=int(simulation.get("replications", 5)),
    )


def compute(summary: pd.DataFrame, statistics: list[Statistic]) -> dict[str, float]:
    """Each statistic of a summary table, pooled over its rows (replications).

    A ratio is the sum of its numerator columns over the sum of its denominator columns; a
    share of a count (``weight``) is pooled weighted by that count, rows where it is
    undefined left out; a statistic without either is the mean per row (region and cycle).
    """
    out = {}
    rows = max(len(summary), 1)
    for stat in statistics:
        if stat.weight:
            share = summary[list(stat.numerator)].to_numpy(float).sum(axis=1)
            count = summary[stat.weight].to_numpy(float)
            kept = ~np.isnan(share) & (count > 0)
            total = float(count[kept].sum())
            out[stat.name] = float((share * count)[kept].sum()) / total if total > 0 else MISSING
            continue
        top = float(summary[list(stat.numerator)].to_numpy(float).sum())
        if stat.denominator is None:
            out[stat.name] = top / rows
            continue
        bottom = float(summary[list(stat.denominator)].to_numpy(float).sum())
        out[stat.name] = top / bottom if bottom > 0 else MISSING
    return out


def distance(
    simulated: dict[str, float], observed: dict[str, float], statistics: list[Statistic]
) -> float:
    """Euclidean distance of the fitted statistics, each miss in units of its scale."""
    total = 0.0
    for stat in statistics:
        if stat.fitted:
            total += ((simulated[stat.name] - observed[stat.name]) / stat.scale) ** 2
    return math.sqrt(total)


def observed(statistics: list[Statistic]) -> dict[str, float]:
    """The record's values, by statistic name."""
    return {s.name: s.value for s in statistics}


def weighted_quantiles(values: np.ndarray, weights: np.ndarray, qs: list[float]) -> np.ndarray:
    """Quantiles of a weighted sample (the midpoint rule on the cumulative weights)."""
    order = np.argsort(values)
    v, w = np.asarray(values, float)[order], np.asarray(weights, float)[order]
    cumulative = (np.cumsum(w) - 0.5 * w) / w.sum()
    return np.interp(qs, cumulative, v)
