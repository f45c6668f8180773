"""How fast the model runs: build and run time, civil-servant-steps a second.

Usage: python benchmarks/model_speed.py [--sizes 1000 10000 100000] [--repeat 5]

Prints one line per region size: build time, time of three election cycles
(build included), weekly civil-servant-steps per second, and the ratio to the
smallest size's rate (how well the engine scales). Times are the best of
``--repeat`` runs, excluding interpreter start-up and configuration.
"""

from __future__ import annotations

import argparse
import time

from sim.model import PatronageModel
from sim.run import compose_config, params_from


def time_region(civil_servants: int, repeat: int) -> tuple[float, float, int]:
    params = params_from(compose_config([f"region.civil_servants={civil_servants}", "cycles=3"]))
    best_build = best_total = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        model = PatronageModel(params)
        built = time.perf_counter()
        while model.running:
            model.step()
        end = time.perf_counter()
        best_build = min(best_build, built - start)
        best_total = min(best_total, end - start)
    steps = civil_servants * params.cycles * params.campaign_weeks
    return best_build, best_total, steps


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"{'civil servants':>14} {'build s':>9} {'3 cycles s':>11} {'steps/s':>12} {'ratio':>7}")
    base_rate = None
    for size in args.sizes:
        build, total, steps = time_region(size, args.repeat)
        rate = steps / total
        base_rate = base_rate or rate
        print(f"{size:>14,} {build:>9.4f} {total:>11.4f} {rate:>12,.0f} {rate / base_rate:>7.2f}")


if __name__ == "__main__":
    main()
