"""Calibrate the model to the Pilkada 2020 record by ABC-SMC (pyabc); see README.md.

    python experiments/calibration/calibrate.py                 # the full run (~30 min, 2 cores)
    python experiments/calibration/calibrate.py --resume        # continue a killed run
    python experiments/calibration/calibrate.py --apply         # ... and write the medians
    python experiments/calibration/calibrate.py --quick --out /tmp/c   # a small run
    python experiments/calibration/calibrate.py --sampler dask --scheduler tcp://host:8786

What is fitted and to what: priors.yaml and targets.yaml beside this file.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from experiments.calibration import declarations as decl  # noqa: E402
from experiments.calibration import engine, outputs, samplers  # noqa: E402
from experiments.calibration.simulator import Simulator, base_params  # noqa: E402

DATABASE = "history.db"
QUICK = {"population": 40, "generations": 3, "replications": 2, "predictive": 40}
FULL = {"population": 300, "generations": 8, "replications": None, "predictive": 200}


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--population", type=int, help=f"particles ({FULL['population']})")
    parser.add_argument("--generations", type=int, help=f"generations ({FULL['generations']})")
    parser.add_argument(
        "--replications", type=int, help="replications a particle pools (priors.yaml)"
    )
    parser.add_argument("--predictive", type=int, help="posterior draws the predictive check runs")
    parser.add_argument("--quick", action="store_true", help="a small run: " + str(QUICK))
    parser.add_argument("--seed", type=int, default=2020, help="the calibration's seed (2020)")
    parser.add_argument("--resume", action="store_true", help="continue the run in --out")
    parser.add_argument(
        "--apply",
        action="store_true",
        help="write the posterior medians into configs/ (with comments)",
    )
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (this folder)")
    parser.add_argument("--sampler", choices=("local", "dask"), default="local")
    parser.add_argument("--workers", type=int, default=2, help="local processes (2)")
    parser.add_argument("--scheduler", help="a Dask scheduler's address, tcp://host:8786")
    parser.add_argument("--region", help="another region for every particle (e.g. small)")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="SETTING",
        help="fit only these parameters of priors.yaml (the others: configs/)",
    )
    return parser.parse_args(argv)


def settings_for(args: argparse.Namespace) -> dict[str, int]:
    chosen = dict(QUICK if args.quick else FULL)
    for name in chosen:  # replications None: as priors.yaml says
        if getattr(args, name, None) is not None:
            chosen[name] = getattr(args, name)
    return chosen


def sampler_for(args: argparse.Namespace):
    if args.sampler == "dask":
        return samplers.dask(args.seed, args.scheduler, args.workers)
    return samplers.local(args.workers, args.seed)


def calibrate(args: argparse.Namespace, say=print) -> dict:
    """Run the calibration and write its outputs into ``args.out``; returns what it wrote."""
    size = settings_for(args)
    declarations = decl.load()
    declarations.replications = size.get("replications") or declarations.replications
    if args.only:
        declarations = declarations.subset(args.only)
    extra = [f"region={args.region}"] if args.region else []
    simulator = Simulator(
        base_params(declarations, extra),
        declarations.searched,
        declarations.statistics,
        declarations.carried,
    )
    for stat in declarations.pending:
        say(f"left out until the model writes {', '.join(stat.columns)}: {stat.name}")
    say(
        f"ABC-SMC: {len(declarations.searched)} parameters searched "
        f"({len(declarations.carried)} carried at their prior), {len(declarations.fitted)} fitted "
        f"statistics, population {size['population']}, {size['generations']} generations, "
        f"{declarations.replications} replications a particle, seed {args.seed}"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    sampler = sampler_for(args)
    try:
        abc = engine.build(declarations, simulator, sampler, size["population"])
        history = engine.run(
            abc, declarations, args.out / DATABASE, size["generations"], args.resume, say
        )
    finally:
        samplers.close(sampler)
    fitting = time.perf_counter() - started
    particles = engine.posterior(history, declarations, args.seed)
    draws = engine.equal_weight_sample(particles, size["population"], args.seed)
    for key, value in declarations.fixed.items():
        draws[key] = value
    draws.insert(0, "draw", range(len(draws)))
    table = outputs.summary(particles, declarations)
    outputs.write_tables(args.out, particles=particles, posterior=draws, posterior_summary=table)
    outputs.write_text(args.out / "posterior_summary.md", outputs.markdown_summary(table))
    outputs.pair_plot(particles, table, declarations, args.out / "pairs.png")
    predicted = outputs.predictive(
        simulator, draws.head(size["predictive"]), args.seed + 1, args.workers
    )
    fit = outputs.fit_table(predicted, declarations.statistics)
    outputs.write_tables(args.out, predictive=predicted, fit_table=fit)
    outputs.write_text(args.out / "fit_table.md", outputs.markdown_fit(fit))
    generations = engine.generations_done(history)
    last = generations[-1]
    note = (
        f"{size['predictive']} posterior draws x {declarations.replications} replications, "
        f"fresh seeds"
    )
    outputs.predictive_figure(predicted, fit, args.out / "predictive.png", note)
    outputs.write_tables(args.out, generations=_generations_table(generations))
    say(outputs.markdown_summary(table))
    say(outputs.markdown_fit(fit))
    covered = int(fit.loc[fit.role == "fit", "covered"].sum())
    fitted = int((fit.role == "fit").sum())
    say(
        f"{len(generations)} generations in {fitting:.0f} s; final epsilon {last.epsilon:.3g}, "
        f"acceptance {last.acceptance:.1%}, effective sample {last.ess:.0f}; "
        f"{covered}/{fitted} fitted "
        f"statistics inside their 90% predictive interval"
    )
    if args.apply:
        apply(table, declarations)
    return {
        "particles": particles,
        "posterior": draws,
        "summary": table,
        "fit": fit,
        "generations": generations,
        "seconds": fitting,
    }


def _generations_table(generations):
    import pandas as pd

    return pd.DataFrame(
        [
            {
                "generation": g.t + 1,
                "epsilon": g.epsilon,
                "particles": g.particles,
                "evaluations": g.evaluations,
                "acceptance": g.acceptance,
                "ess": g.ess,
                "seconds": g.seconds,
            }
            for g in generations
        ]
    )


def _set(text: str, name: str, value: float, comment: str, where: Path) -> str:
    pattern = rf"(?m)^(\s+{re.escape(name)}:[ \t]*)[^#\n]*?([ \t]*#.*)?$"
    new, n = re.subn(pattern, lambda m: f"{m.group(1)}{value!r}{comment}", text)
    if n != 1:
        raise SystemExit(f"calibrate: found {n} lines for {name} in {where}")
    return new


def apply(table, declarations: decl.Declarations, configs: Path = ROOT / "configs") -> None:
    """Write the posterior medians (3 significant figures) and fixed settings into configs/.

    Settings integrated out are left as they are: their posterior is their prior, and the
    default stays the value argued in configs/ (every posterior draw takes them from the prior).
    """
    config = configs / "config.yaml"
    text = config.read_text(encoding="utf-8")
    medians = {}
    searched = {p.key for p in declarations.searched}
    for row in table.itertuples():
        if row.setting not in searched:
            continue
        value = float(f"{row.median:.3g}")
        medians[row.setting] = value
        comment = f"  # posterior median, 90% {row.low90:.3g} to {row.high90:.3g}"
        text = _set(text, row.setting.rsplit(".", 1)[1], value, comment, config)
    for key, value in declarations.fixed.items():
        text = _set(text, key.rsplit(".", 1)[1], value, "  # fixed by the calibration", config)
    outputs.write_text(config, text)
    policies = configs / "policy"
    for file, key, factor in (
        ("more_patrols.yaml", "enforcement.detection_probability", 2),
        ("whistleblower_protection.yaml", "enforcement.report_probability", 3),
    ):
        if key in medians:
            path = policies / file
            value = float(f"{factor * medians[key]:.3g}")
            new, n = re.subn(
                rf"(?m)^(\s+{key.rsplit('.', 1)[1]}:[ \t]*)\S+",
                rf"\g<1>{value!r}",
                path.read_text(encoding="utf-8"),
            )
            if n != 1:
                raise SystemExit(f"calibrate: found {n} lines for {key} in {path}")
            outputs.write_text(path, new)
    print(f"wrote the posterior medians to {config} and the policies stated as multiples")


def main(argv: list[str] | None = None) -> int:
    calibrate(arguments(argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
