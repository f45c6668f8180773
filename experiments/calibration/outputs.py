"""What a calibration writes: the posterior sample, its summary, pair plots, predictive checks.

- ``particles.csv``: the last generation's particles (setting values) and their weights;
- ``posterior.csv``: equally weighted draws resampled from them (``draw`` numbers the rows;
  ``uncertainty=posterior`` runs replication r on draw r mod draws), fixed settings included;
- ``posterior_summary.csv`` / ``.md``: median and 90% interval of each parameter, and how much
  of its prior range the data ruled out;
- ``pairs.png``: the parameters the data inform most, two by two;
- ``predictive.csv``, ``fit_table.csv`` / ``.md``, ``predictive.png``: each statistic
  simulated at posterior draws on fresh seeds, against its target.
"""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from sim.runs.files import write_csv_atomic, write_text_atomic  # noqa: E402

from .declarations import Declarations, Statistic, weighted_quantiles  # noqa: E402
from .simulator import Simulator  # noqa: E402

LEVEL = (0.05, 0.5, 0.95)


def summary(particles: pd.DataFrame, declarations: Declarations) -> pd.DataFrame:
    """Median and 90% interval of each parameter, and the share of its prior range left."""
    weights = particles["weight"].to_numpy(float)
    rows = []
    for p in declarations.priors:
        values = particles[p.key].to_numpy(float)
        low, median, high = weighted_quantiles(values, weights, list(LEVEL))
        unit = np.array([p.to_unit(v) for v in (low, high)])
        rows.append(
            {
                "setting": p.key,
                "prior": f"{p.kind} {p.low:g} to {p.high:g}",
                "median": median,
                "low90": low,
                "high90": high,
                # a flat prior's 90% interval spans 0.9 of its range: 1 means nothing learned
                "interval_vs_prior": float((unit[1] - unit[0]) / 0.9),
            }
        )
    return pd.DataFrame(rows)


def markdown_summary(table: pd.DataFrame) -> str:
    lines = [
        "| setting | prior | median | 90% interval | interval / prior's |",
        "|---|---|---:|---|---:|",
    ]
    for row in table.itertuples():
        lines.append(
            f"| `{row.setting}` | {row.prior} | {row.median:.3g} | {row.low90:.3g} to "
            f"{row.high90:.3g} | {row.interval_vs_prior:.2f} |"
        )
    return "\n".join(lines) + "\n"


def pair_plot(
    particles: pd.DataFrame,
    table: pd.DataFrame,
    declarations: Declarations,
    path: Path,
    most: int = 7,
) -> None:
    """The ``most`` best-informed searched parameters two by two (log axes for log priors)."""
    searched = {p.key: p for p in declarations.searched}
    ranked = table[table.setting.isin(searched)].sort_values("interval_vs_prior")
    chosen = ranked["setting"].head(most).tolist()
    k = len(chosen)
    weights = particles["weight"].to_numpy(float)
    fig, axes = plt.subplots(k, k, figsize=(1.9 * k, 1.9 * k), squeeze=False)
    for i, yk in enumerate(chosen):
        for j, xk in enumerate(chosen):
            ax = axes[i, j]
            x = particles[xk]
            if i == j:
                bins = np.geomspace(x.min(), x.max(), 21) if searched[xk].log else 20
                ax.hist(x, bins=bins, weights=weights, color="#4c72b0")
            elif i > j:
                ax.scatter(x, particles[yk], s=4, alpha=0.5, color="#4c72b0")
                if searched[yk].log:
                    ax.set_yscale("log")
            else:
                ax.axis("off")
                continue
            if searched[xk].log:
                ax.set_xscale("log")
            if i == k - 1:
                ax.set_xlabel(xk.rsplit(".", 1)[-1], fontsize=7)
            if j == 0 and i > 0:
                ax.set_ylabel(yk.rsplit(".", 1)[-1], fontsize=7)
            ax.tick_params(labelsize=6)
    fig.suptitle(
        "Posterior: the best-informed searched parameters, two by two (last generation;"
        " histograms weighted)"
    )
    fig.tight_layout()
    _save(fig, path)


def _simulate(args: tuple[Simulator, dict, int]) -> dict[str, float]:
    simulator, settings, seed = args
    return simulator.simulate(settings, seed)


def predictive(simulator: Simulator, draws: pd.DataFrame, seed: int, workers: int) -> pd.DataFrame:
    """Each statistic simulated at each draw (its settings), on fresh seeds."""
    seeds = np.random.default_rng(seed).integers(2**31 - 1, size=len(draws))
    keys = [p.key for p in simulator.priors + simulator.carried]
    jobs = [
        (simulator, {k: float(row[k]) for k in keys}, int(s))
        for (_, row), s in zip(draws.iterrows(), seeds, strict=True)
    ]
    if workers > 1:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            rows = list(pool.map(_simulate, jobs, chunksize=4))
    else:
        rows = [_simulate(job) for job in jobs]
    return pd.DataFrame(rows).assign(draw=np.arange(len(draws)))


def fit_table(predicted: pd.DataFrame, statistics: list[Statistic]) -> pd.DataFrame:
    """Each statistic's target against the 90% interval the posterior predicts."""
    rows = []
    for s in statistics:
        values = predicted[s.name].to_numpy(float)
        values = values[values >= 0]  # MISSING: nothing to divide by
        low, median, high = np.quantile(values, LEVEL) if values.size else (np.nan,) * 3
        rows.append(
            {
                "statistic": s.name,
                "target": s.target,
                "source": s.lines,
                "figure": "; ".join(q for _, q in s.sources),
                "value": s.value,
                "scale": s.scale,
                "role": s.role,
                "median": median,
                "low90": low,
                "high90": high,
                "covered": bool(low <= s.value <= high),
            }
        )
    return pd.DataFrame(rows)


def markdown_fit(table: pd.DataFrame) -> str:
    lines = [
        "| statistic | source (figure) | role | target | predicted median | 90% predictive "
        "interval | covered |",
        "|---|---|---|---:|---:|---|---|",
    ]
    for r in table.itertuples():
        count = r.value >= 1  # a count per region, else a share
        lines.append(
            f"| {r.target} {r.statistic} | {r.source} ({r.figure}) | {r.role} "
            f"| {_v(r.value, count)} | {_v(r.median, count)} | {_v(r.low90, count)} to "
            f"{_v(r.high90, count)} | {'yes' if r.covered else 'NO'} |"
        )
    return "\n".join(lines) + "\n"


def _v(x: float, count: bool) -> str:
    return f"{x:.3g}" if count else f"{x:.1%}"


def predictive_figure(predicted: pd.DataFrame, table: pd.DataFrame, path: Path, note: str) -> None:
    """Each statistic's predictive distribution (box: 50%, whiskers: 90%) and its target."""
    counts = table[table["value"] >= 1]
    shares = table[table["value"] < 1]
    fig, axes = plt.subplots(
        2,
        1,
        figsize=(8, 1.2 + 0.32 * len(table)),
        gridspec_kw={"height_ratios": [max(1, len(counts)), max(1, len(shares))]},
    )
    for ax, part in zip(axes, (counts, shares), strict=True):
        data = [
            predicted[s].to_numpy(float)[predicted[s].to_numpy(float) >= 0]
            for s in part["statistic"]
        ]
        y = np.arange(len(part))
        ax.boxplot(data, positions=y, vert=False, whis=(5, 95), showfliers=False, widths=0.5)
        ax.scatter(part["value"], y, color="#c0392b", marker="D", zorder=3, label="record")
        colours = ["black" if r.role == "fit" else "grey" for r in part.itertuples()]
        ax.set_yticks(y, [f"{r.target} {r.statistic}" for r in part.itertuples()], fontsize=7)
        for tick, colour in zip(ax.get_yticklabels(), colours, strict=True):
            tick.set_color(colour)
        ax.grid(axis="x", alpha=0.3)
    axes[0].set_xlabel("civil servants reported per region")
    axes[1].set_xlabel("share")
    axes[1].legend(loc="lower right", fontsize=8)
    axes[0].set_title(f"Posterior predictive check against the 2020 record\n{note}", fontsize=9)
    fig.tight_layout()
    _save(fig, path)


def _save(fig, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.png")
    fig.savefig(tmp, dpi=110)
    plt.close(fig)
    tmp.replace(path)


def write_tables(out: Path, **tables: pd.DataFrame) -> None:
    for name, table in tables.items():
        write_csv_atomic(table, out / f"{name}.csv")


def write_text(path: Path, text: str) -> None:
    write_text_atomic(path, text)
