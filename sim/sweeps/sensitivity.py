"""Global sensitivity analysis: which lever moves violations most, and how sure is that.

A *design* names the levers (settings) to vary, the range of each, the method
(Sobol indices from a Saltelli sample, or Morris screening), the sample size and
the outputs to explain. The sample is drawn once with SALib from the design's
seed and saved in the sweep folder (``sample.csv``, ``sensitivity.json``), so a
resumed sweep reuses exactly the same points. Each sample point is one ordinary
job of the sweep: ``+sample_point=i`` plus one ``setting=value`` override per
lever, so a point's result depends on nothing but its own configuration and can
be re-run alone. When every point has finished, the outputs (each averaged over
the point's replications and cycles) are analysed in sample order.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..model.metrics import SUMMARY_COLUMNS
from ..model.parameters import ConfigError
from ..model.validation import settings_table
from ..runs.files import write_csv_atomic, write_text_atomic

DESIGN = "sensitivity.json"
SAMPLE = "sample.csv"
SOBOL_CSV = "sensitivity.csv"
MORRIS_CSV = "morris.csv"
POINT = "sample_point"
METHODS = ("sobol", "morris")
CONFIDENCE = 0.95
RESAMPLES = 1000  # bootstrap resamples behind each interval
MOST_SAMPLES = 1_000_000
KEYS = ("method", "samples", "seed", "levels", "outputs", "parameters")


@dataclass(frozen=True)
class Lever:
    """One setting varied by the analysis, uniformly between ``low`` and ``high``."""

    name: str
    low: float
    high: float


@dataclass(frozen=True)
class Design:
    """What a sensitivity analysis varies, how it samples, and what it explains.

    ``samples``: the base sample N of a Sobol analysis (it runs N x (levers + 2)
    points) or the number of Morris trajectories r (r x (levers + 1) points).
    ``levels``: the grid levels of Morris trajectories (unused by Sobol).
    """

    method: str
    samples: int
    seed: int
    levels: int
    outputs: tuple[str, ...]
    levers: tuple[Lever, ...]

    @property
    def names(self) -> list[str]:
        return [lever.name for lever in self.levers]

    def problem(self) -> dict[str, Any]:
        """The design as SALib's ``problem`` dictionary."""
        return {
            "num_vars": len(self.levers),
            "names": self.names,
            "bounds": [[lever.low, lever.high] for lever in self.levers],
        }

    def points(self) -> int:
        """How many sample points (jobs) the design runs."""
        per_sample = len(self.levers) + (2 if self.method == "sobol" else 1)
        return self.samples * per_sample

    def as_dict(self) -> dict[str, Any]:
        record = dataclasses.asdict(self)
        record["outputs"] = list(self.outputs)
        record["levers"] = [dataclasses.asdict(lever) for lever in self.levers]
        return record

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> Design:
        levers = tuple(Lever(**lever) for lever in record["levers"])
        fields = {k: v for k, v in record.items() if k not in ("levers", "outputs")}
        return cls(**fields, outputs=tuple(record["outputs"]), levers=levers)


# ----------------------------------------------------------------------------
# Reading a design from the configuration, checked
# ----------------------------------------------------------------------------


def _number_settings() -> dict[str, dict[str, Any]]:
    """Settings that can be sampled (real numbers), with their allowed range."""
    return {row["key"]: row for row in settings_table() if row["type"] == "float"}


def _bad(key: str, value: Any, allowed: str) -> ConfigError:
    return ConfigError(f"{key}={value} is not allowed: {allowed}")


def _integer(raw: Mapping[str, Any], name: str, low: int, high: int) -> int:
    value = raw.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _bad(f"sensitivity.{name}", value, f"use an integer from {low} to {high}")
    return value


def _lever(name: str, bounds: Any, allowed: dict[str, dict[str, Any]]) -> Lever:
    key = f"sensitivity.parameters.{name}"
    if name not in allowed:
        others = {row["key"] for row in settings_table()}
        why = "it is not a number setting" if name in others else "it is not a setting"
        raise ConfigError(
            f"{key} cannot be varied: {why}; use number settings such as "
            "behaviour.career_dependence (see docs/ODD.md)"
        )
    low, high = allowed[name]["low"], allowed[name]["high"]
    numbers = (
        isinstance(bounds, list | tuple)
        and len(bounds) == 2
        and all(isinstance(b, int | float) and not isinstance(b, bool) for b in bounds)
    )
    if not numbers or not (low <= bounds[0] < bounds[1] <= high):
        shown = list(bounds) if isinstance(bounds, list | tuple) else bounds
        raise _bad(key, shown, f"use [low, high] with {_fmt(low)} <= low < high <= {_fmt(high)}")
    return Lever(name, float(bounds[0]), float(bounds[1]))


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _flatten(tree: Any, prefix: str = "") -> dict[str, Any]:
    """``{behaviour: {career_dependence: [3, 8]}}`` as ``{behaviour.career_dependence: [3, 8]}``.

    Ranges are nested like the settings, so one can be changed on the command line
    (``sensitivity.parameters.behaviour.career_dependence=[2,9]``).
    """
    if not isinstance(tree, Mapping):
        return {prefix.rstrip("."): tree} if prefix else {}
    flat: dict[str, Any] = {}
    for name, value in tree.items():
        flat.update(_flatten(value, f"{prefix}{name}."))
    return flat


def read_design(raw: Mapping[str, Any]) -> Design:
    """Check a ``sensitivity`` block and return it as a ``Design``.

    Raises ``ConfigError`` with one line at the first bad entry: an unknown key or
    method, a sample size that is not a power of two (Sobol), a parameter that is
    not a number setting, a range outside the setting's allowed range, an output
    that runs do not report.
    """
    if not isinstance(raw, Mapping):
        raise ConfigError(f"sensitivity must be a group of settings, got {raw!r}")
    for name in raw:
        if name not in KEYS:
            raise ConfigError(f"sensitivity.{name} is not a setting: use one of {', '.join(KEYS)}")
    method = raw.get("method")
    if method not in METHODS:
        raise _bad("sensitivity.method", method, f"use one of {', '.join(METHODS)}")
    samples = _integer(raw, "samples", 2, MOST_SAMPLES)
    if method == "sobol" and samples & (samples - 1):
        # the Sobol' sequence keeps its balance properties only at powers of two
        raise _bad("sensitivity.samples", samples, "use a power of two (8, 16, 32, ...)")
    seed = _integer(raw, "seed", 0, 2**32 - 1)
    levels = _integer(raw, "levels", 2, 100)
    outputs = raw.get("outputs")
    if not isinstance(outputs, list | tuple) or not outputs:
        raise _bad("sensitivity.outputs", outputs, "give a list of summary columns")
    for output in outputs:
        if output not in SUMMARY_COLUMNS:
            raise ConfigError(
                f"sensitivity.outputs: {output} is not a column of summary.csv: use e.g. "
                "violation_rate, sanctioned, reported"
            )
    parameters = _flatten(raw.get("parameters"))
    if len(parameters) < 2:
        raise ConfigError("sensitivity.parameters must name two or more settings with ranges")
    allowed = _number_settings()
    levers = tuple(_lever(name, bounds, allowed) for name, bounds in parameters.items())
    return Design(method, samples, seed, levels, tuple(outputs), levers)


# ----------------------------------------------------------------------------
# The sample and its points
# ----------------------------------------------------------------------------


def draw_sample(design: Design) -> np.ndarray:
    """The design's sample points (one row per point), drawn with SALib from its seed."""
    if design.method == "sobol":
        from SALib.sample import sobol

        return sobol.sample(
            design.problem(), design.samples, calc_second_order=False, seed=design.seed
        )
    from SALib.sample import morris

    return morris.sample(
        design.problem(), design.samples, num_levels=design.levels, seed=design.seed
    )


def point_settings(design: Design, sample: np.ndarray, point: int) -> dict[str, float]:
    """The setting values of sample point ``point``."""
    return {name: float(v) for name, v in zip(design.names, sample[point], strict=True)}


def point_overrides(design: Design, sample: np.ndarray, point: int) -> list[str]:
    """The overrides that make a job run sample point ``point`` (values written exactly)."""
    values = point_settings(design, sample, point)
    return [f"+{POINT}={point}", *(f"{name}={value!r}" for name, value in values.items())]


def settings_of(overrides: list[str]) -> dict[str, float]:
    """The lever values a job's overrides set (the inverse of ``point_overrides``)."""
    pairs = (item.lstrip("+").split("=", 1) for item in overrides)
    return {key: float(value) for key, value in pairs if key != POINT}


def prepare(sweep_dir: Path, design: Design) -> np.ndarray:
    """The sample for ``design`` in ``sweep_dir``: the saved one if it is the same design.

    A resumed sweep reuses the saved points even if SALib would now draw others;
    a changed design draws (and saves) a new sample.
    """
    saved = load(sweep_dir)
    if saved is not None and saved[0] == design:
        return saved[1]
    sample = draw_sample(design)
    table = pd.DataFrame(sample, columns=design.names)
    table.insert(0, POINT, range(len(table)))
    write_csv_atomic(table, sweep_dir / SAMPLE)
    record = {"design": design.as_dict(), "salib": _salib_version()}
    write_text_atomic(sweep_dir / DESIGN, json.dumps(record, indent=2) + "\n")
    return sample


def load(sweep_dir: Path) -> tuple[Design, np.ndarray] | None:
    """The design and sample saved in a sweep folder, or None if it holds none."""
    if not (sweep_dir / DESIGN).exists() or not (sweep_dir / SAMPLE).exists():
        return None
    record = json.loads((sweep_dir / DESIGN).read_text(encoding="utf-8"))
    design = Design.from_dict(record["design"])
    table = pd.read_csv(sweep_dir / SAMPLE, float_precision="round_trip")
    return design, table[design.names].to_numpy(dtype=float)


def _salib_version() -> str:
    from importlib import metadata

    return metadata.version("SALib")


# ----------------------------------------------------------------------------
# Analysis
# ----------------------------------------------------------------------------


def point_outputs(runs: pd.DataFrame, output: str, points: int) -> np.ndarray | None:
    """Each point's mean of ``output`` over its replications and cycles, in sample order.

    None while any point is missing: the indices need every point.
    """
    means = runs.groupby(POINT)[output].mean().reindex(range(points))
    if means.isna().any():
        return None
    return means.to_numpy(dtype=float)


def analyse(design: Design, sample: np.ndarray, y: np.ndarray, output: str) -> pd.DataFrame:
    """Indices of one output: Sobol S1 and ST, or Morris mu* and sigma, with 95% intervals.

    Sobol rows also carry ``first_share``: the share of bootstrap resamples in which
    the lever has the largest ST (resamples are shared by all levers).
    """
    if design.method == "sobol":
        return _sobol(design, y, output)
    return _morris(design, sample, y, output)


def _sobol(design: Design, y: np.ndarray, output: str) -> pd.DataFrame:
    from SALib.analyze import sobol

    found = sobol.analyze(
        design.problem(),
        y,
        calc_second_order=False,
        num_resamples=RESAMPLES,
        conf_level=CONFIDENCE,
        keep_resamples=True,
        seed=design.seed,
    )
    resampled = np.asarray(found["ST_conf_all"])  # resamples x levers
    firsts = np.bincount(resampled.argmax(axis=1), minlength=len(design.levers))
    table = pd.DataFrame(
        {
            "output": output,
            "parameter": design.names,
            "S1": found["S1"],
            "S1_conf": found["S1_conf"],
            "ST": found["ST"],
            "ST_conf": found["ST_conf"],
            "first_share": firsts / resampled.shape[0],
        }
    )
    return table.sort_values("ST", ascending=False, ignore_index=True)


def _morris(design: Design, sample: np.ndarray, y: np.ndarray, output: str) -> pd.DataFrame:
    from SALib.analyze import morris

    found = morris.analyze(
        design.problem(),
        sample,
        y,
        num_resamples=RESAMPLES,
        conf_level=CONFIDENCE,
        num_levels=design.levels,
        seed=design.seed,
    )
    table = pd.DataFrame(
        {
            "output": output,
            "parameter": design.names,
            "mu_star": found["mu_star"],
            "mu_star_conf": found["mu_star_conf"],
            "sigma": found["sigma"],
            "mu": found["mu"],
        }
    )
    return table.sort_values("mu_star", ascending=False, ignore_index=True)


def indices(design: Design, sample: np.ndarray, runs: pd.DataFrame) -> pd.DataFrame | None:
    """Every output's indices in one table (an ``output`` column), or None if points are missing."""
    tables = []
    for output in design.outputs:
        y = point_outputs(runs, output, len(sample))
        if y is None:
            return None
        tables.append(analyse(design, sample, y, output))
    return pd.concat(tables, ignore_index=True)


def indices_file(design: Design) -> str:
    return SOBOL_CSV if design.method == "sobol" else MORRIS_CSV


def write_indices(table: pd.DataFrame, design: Design, sweep_dir: Path) -> Path:
    """Write the indices table (``sensitivity.csv`` or ``morris.csv``) whole or not at all."""
    path = Path(sweep_dir) / indices_file(design)
    write_csv_atomic(table, path)
    return path


# ----------------------------------------------------------------------------
# What the indices say
# ----------------------------------------------------------------------------


def _short(name: str) -> str:
    return name.rsplit(".", 1)[-1].replace("_", " ")


def _naming(intro: str, parameters: pd.Series) -> str:
    """``intro``, then the settings' short names listed: one sentence."""
    return f"{intro}: {', '.join(_short(p) for p in parameters)}."


def ranking_sentences(table: pd.DataFrame, design: Design, output: str) -> list[str]:
    """Which lever ranks first for ``output``, and how sure that ranking is."""
    rows = table[table["output"] == output].reset_index(drop=True)
    if design.method == "morris":
        return _morris_sentences(rows, output)
    first, second = rows.iloc[0], rows.iloc[1]
    gap_low = (first.ST - first.ST_conf) - (second.ST + second.ST_conf)
    says = [
        f"For {output}, {first.parameter} ranks first by total effect: ST = {first.ST:.2f} "
        f"(95% interval {first.ST - first.ST_conf:.2f} to {first.ST + first.ST_conf:.2f}), "
        f"first-order S1 = {first.S1:.2f} ± {first.S1_conf:.2f}; second is "
        f"{second.parameter} with ST = {second.ST:.2f} ± {second.ST_conf:.2f}."
    ]
    times = round(first.first_share * RESAMPLES)
    share = (
        f"it has the largest ST in {first.first_share:.0%} of bootstrap resamples, "
        f"{times:,} of {RESAMPLES:,}"
    )
    if gap_low > 0:
        says.append(f"The two intervals do not overlap, so the ranking is firm ({share}).")
    else:
        says.append(
            f"The two intervals overlap, so which of {_short(first.parameter)} and "
            f"{_short(second.parameter)} matters more is not settled at this sample size "
            f"({share}); a larger sample narrows the intervals."
        )
    clear = rows[rows["ST"] - rows["ST_conf"] > 0.05]  # total effect clearly above zero
    interacting = clear[clear["ST"] > 2 * clear["S1"].clip(lower=0)]
    if len(interacting):
        says.append(
            _naming(
                "More than half of the total effect through interactions with other settings "
                "(ST above twice S1, point estimates)",
                interacting["parameter"],
            )
        )
    negligible = rows[rows["ST"] + rows["ST_conf"] < 0.05]
    if len(negligible):
        says.append(
            _naming(
                "Negligible over these ranges (ST below 0.05 with its interval)",
                negligible["parameter"],
            )
        )
    return says


def _morris_sentences(rows: pd.DataFrame, output: str) -> list[str]:
    first, second = rows.iloc[0], rows.iloc[1]
    overlap = first.mu_star - first.mu_star_conf <= second.mu_star + second.mu_star_conf
    says = [
        f"For {output}, {first.parameter} has the largest mean absolute elementary effect: "
        f"mu* = {first.mu_star:.3g} ± {first.mu_star_conf:.2g} (sigma {first.sigma:.3g}); "
        f"second is {second.parameter} with mu* = {second.mu_star:.3g} ± "
        f"{second.mu_star_conf:.2g}.",
        "The two intervals overlap: the order of the first two is not settled."
        if overlap
        else "The two intervals do not overlap: the order of the first two is firm.",
    ]
    nonlinear = rows[rows["sigma"] > rows["mu_star"]]
    if len(nonlinear):
        says.append(
            _naming(
                "sigma above mu* (effect depends on the other levers or is non-linear)",
                nonlinear["parameter"],
            )
        )
    return says
