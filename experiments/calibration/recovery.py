"""Parameter recovery: does the calibration find parameters it was given?

For each of ``--datasets`` parameter vectors drawn from the priors, the simulator's
statistics at that vector (on a seed of its own) stand in for the record; the calibration is
run on them, and the known value of each parameter should fall inside its 90% posterior
interval about 90% of the time (more often means the posterior is wider than it need be,
less often that it is overconfident).

    python experiments/calibration/recovery.py                  # the experiment (README)
    python experiments/calibration/recovery.py --datasets 4 --region small   # smaller
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from experiments.calibration import declarations as decl  # noqa: E402
from experiments.calibration import engine, samplers  # noqa: E402
from experiments.calibration.outputs import summary, write_tables, write_text  # noqa: E402
from experiments.calibration.simulator import Simulator, base_params, settings_of  # noqa: E402

PARAMETERS = [
    "behaviour.career_dependence",
    "behaviour.kin_loyalty",
    "behaviour.integrity",
    "enforcement.detection_probability",
    "enforcement.proof_probability",
    "patron.inaction_penalty",
]
"""What the experiment recovers (the others stay at configs/): one of each kind of prior."""


def recover(
    declarations: decl.Declarations,
    simulator: Simulator,
    datasets: int,
    population: int,
    generations: int,
    seed: int,
    workers: int,
    folder: Path,
    say=print,
) -> pd.DataFrame:
    """One row per dataset and parameter: the known value, its 90% interval, covered or not."""
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(datasets):
        known = {}
        for p in declarations.searched:
            known[p.name] = p.to_search(p.from_unit(float(rng.uniform(0.0, 1.0))))
        truth = settings_of(known, declarations.searched)
        truth.update({p.key: p.from_unit(float(rng.uniform())) for p in declarations.carried})
        record = simulator.simulate(truth, int(rng.integers(2**31 - 1)))
        sampler = samplers.local(workers, seed + 1 + k)
        clock = time.perf_counter()
        try:
            abc = engine.build(declarations, simulator, sampler, population)
            history = engine.run(
                abc,
                declarations,
                folder / f"recovery_{k}.db",
                generations,
                False,
                lambda _: None,
                record=record,
            )
        finally:
            samplers.close(sampler)
        table = summary(engine.posterior(history, declarations), declarations)
        table = table[table.setting.isin(truth)]
        for row in table.itertuples():
            value = truth[row.setting]
            rows.append(
                {
                    "dataset": k,
                    "setting": row.setting,
                    "known": value,
                    "low90": row.low90,
                    "median": row.median,
                    "high90": row.high90,
                    "covered": bool(row.low90 <= value <= row.high90),
                    "interval_vs_prior": row.interval_vs_prior,
                }
            )
        (folder / f"recovery_{k}.db").unlink(missing_ok=True)
        done = pd.DataFrame(rows)
        say(
            f"dataset {k + 1}/{datasets}: {done[done.dataset == k].covered.mean():.0%} covered "
            f"({time.perf_counter() - clock:.0f} s); so far {done.covered.mean():.0%}"
        )
    return pd.DataFrame(rows)


def report(table: pd.DataFrame) -> str:
    """Coverage of the 90% intervals, by parameter and overall, with its binomial range."""
    lines = ["| setting | datasets | covered | mean interval / prior's |", "|---|---:|---:|---:|"]
    for setting, part in table.groupby("setting", sort=False):
        lines.append(
            f"| `{setting}` | {len(part)} | {part.covered.mean():.0%} | "
            f"{part.interval_vs_prior.mean():.2f} |"
        )
    n, hit = len(table), int(table.covered.sum())
    low, high = _binomial_range(n)
    lines.append(f"| all | {n} | {hit / n:.0%} ({hit}/{n}) | |")
    lines.append("")
    lines.append(
        f"A correct 90% interval covers between {low} and {high} of {n} known values "
        "95% of the time (binomial), if the datasets were independent."
    )
    return "\n".join(lines) + "\n"


def _binomial_range(n: int, p: float = 0.9) -> tuple[int, int]:
    from scipy import stats

    return int(stats.binom.ppf(0.025, n, p)), int(stats.binom.ppf(0.975, n, p))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--datasets", type=int, default=10)
    parser.add_argument("--population", type=int, default=150)
    parser.add_argument("--generations", type=int, default=6)
    parser.add_argument("--replications", type=int, help="a particle's (priors.yaml)")
    parser.add_argument("--region", help="e.g. small (default: the calibration's)")
    parser.add_argument("--only", nargs="+", default=PARAMETERS, metavar="SETTING")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    declarations = decl.load().subset(args.only)
    if args.replications:
        declarations.replications = args.replications
    extra = [f"region={args.region}"] if args.region else []
    simulator = Simulator(
        base_params(declarations, extra),
        declarations.searched,
        declarations.statistics,
        declarations.carried,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    table = recover(
        declarations,
        simulator,
        args.datasets,
        args.population,
        args.generations,
        args.seed,
        args.workers,
        args.out,
    )
    write_tables(args.out, recovery=table)
    text = report(table)
    write_text(args.out / "recovery.md", text)
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
