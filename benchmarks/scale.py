"""Speed and scale: the engine against the plain per-agent Mesa reference, and the country.

Usage: python benchmarks/scale.py [--sizes 1000 10000 100000] [--repeat 5] [--no-national]

Prints, side by side, for each region size:

- build: time to build the engine's model (organisation, kin, traits, first cycle);
- engine and reference civil-servant-steps a second (campaign weeks x civil
  servants over the time to step them; three cycles for the engine, so career
  rounds and cycle changes are included; best of ``--repeat``), and their ratio;
- the reference's rate at large sizes comes from its first few weeks (say so in
  the output): it spends the same time every week, so that is an extrapolation
  of a flat rate, not of a trend;
- peak memory per civil servant: the peak of memory allocated (tracemalloc, which
  sees numpy's arrays and Python's objects) while a fresh process builds the model
  and runs it (the engine three cycles, the reference one week), over the number of
  civil servants;

and the memory a 10,000 model holds after 2 and after 20 cycles (does anything
grow with weeks or cycles?); then runs ``patronage region=national cycles=1
replications=1`` as a user would and reports its wall time and the peak resident
memory of its process tree
(sampled every 50 ms: the main process and all its workers together).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CYCLES = 3


def _params(civil_servants: int, cycles: int = CYCLES):
    from sim.runs.settings import compose_config, params_from

    return params_from(
        compose_config([f"region.civil_servants={civil_servants}", f"cycles={cycles}"])
    )


def engine_rate(civil_servants: int, repeat: int) -> tuple[float, float, float]:
    """(best build seconds, best stepping seconds, steps a second) of the engine."""
    from sim.model.model import PatronageModel

    params = _params(civil_servants)
    weeks = params.cycles * params.campaign_weeks
    best_build = best_steps = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        model = PatronageModel(params)
        built = time.perf_counter()
        while model.running:
            model.step()
        end = time.perf_counter()
        best_build = min(best_build, built - start)
        best_steps = min(best_steps, end - built)
    return best_build, best_steps, civil_servants * weeks / best_steps


def reference_rate(civil_servants: int, weeks: int) -> tuple[float, float]:
    """(build seconds, steps a second) of the reference over its first ``weeks`` weeks."""
    from reference import ReferenceModel

    params = _params(civil_servants)
    start = time.perf_counter()
    model = ReferenceModel(params)
    built = time.perf_counter()
    for _ in range(weeks):
        model.step()
    end = time.perf_counter()
    return built - start, civil_servants * weeks / (end - built)


def reference_weeks(civil_servants: int) -> int:
    """Weeks to time the reference for: all three cycles when that takes seconds, else a few."""
    full = CYCLES * 10
    return full if civil_servants <= 1_000 else max(2, min(full, 30_000 // civil_servants * 3))


def run_paths(repeat: int) -> tuple[float, float, float]:
    """Best seconds of one regency replication: the engine alone, ``sim.run(params)``,
    ``sim.run(overrides)`` (which composes the configuration with Hydra first)."""
    import sim
    from sim.model.model import PatronageModel

    overrides = ["replications=1"]
    params = sim.run(overrides).params  # once, so imports and caches are warm
    best = [float("inf")] * 3
    for _ in range(repeat):
        for k, work in enumerate(
            (
                lambda: _engine_alone(PatronageModel, params),
                lambda: sim.run(params),
                lambda: sim.run(overrides),
            )
        ):
            start = time.perf_counter()
            work()
            best[k] = min(best[k], time.perf_counter() - start)
    return best[0], best[1], best[2]


def _engine_alone(model_class, params) -> None:
    model = model_class(params)
    while model.running:
        model.step()
    model.release()


# -- memory: a fresh process per measurement ----------------------------------------


PROBE = """
import sys, tracemalloc
sys.path.insert(0, {root!r})
from benchmarks.scale import _params
from sim.model.model import PatronageModel
from reference import ReferenceModel

kind, n, weeks = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
params = _params(n)
Model = PatronageModel if kind == "engine" else ReferenceModel
small = Model(_params(100))  # first use loads what is loaded lazily
while small.running:
    small.step()
del small
tracemalloc.start()
model = Model(params)
for _ in range(weeks):
    model.step()
print(tracemalloc.get_traced_memory()[1] / n)
"""


def bytes_per_civil_servant(kind: str, civil_servants: int, weeks: int) -> float:
    """Peak memory allocated by a model, per civil servant, in a fresh process."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(root=str(ROOT)), kind, str(civil_servants), str(weeks)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    return float(done.stdout.strip().splitlines()[-1])


GROWTH = """
import sys, tracemalloc
sys.path.insert(0, {root!r})
from benchmarks.scale import _params
from sim.model.model import PatronageModel

n, cycles = int(sys.argv[1]), int(sys.argv[2])
params = _params(n, cycles)  # composed before tracing: Hydra's own imports are not the model's
tracemalloc.start()
model = PatronageModel(params)
held, rows, cycle = [], 0, 0
while model.running:
    model.step()
    if model.cycle != cycle:  # a cycle closed: hand its rows on, as a caller streaming them would
        cycle = model.cycle
        before = tracemalloc.get_traced_memory()[0]
        model.week_rows.clear()
        model.cycle_rows.clear()
        after = tracemalloc.get_traced_memory()[0]
        rows, held = rows + before - after, held + [after]
print(held[1], held[-1], rows / cycles)
"""


def memory_growth(civil_servants: int, cycles: int) -> tuple[int, int, float]:
    """(bytes held after cycle 2, after the last cycle, bytes of output rows a cycle)."""
    done = subprocess.run(
        [sys.executable, "-c", GROWTH.format(root=str(ROOT)), str(civil_servants), str(cycles)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    second, last, rows = done.stdout.split()
    return int(second), int(last), float(rows)


# -- the national scenario -------------------------------------------------------------


def _tree_rss_bytes(root_pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    parent_of, rss = {}, {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        parent_of[pid] = int(fields[1])
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1]) * 1024
    total = 0
    for pid, size in rss.items():
        p = pid
        while p in parent_of and p != root_pid:
            p = parent_of[p]
        if p == root_pid:
            total += size
    return total


def national_run() -> tuple[float, float, str]:
    """(wall seconds, peak resident bytes of the process tree, the run's summary line)."""
    with tempfile.TemporaryDirectory() as out:
        command = [sys.executable, "-m", "sim", "region=national", "cycles=1", "replications=1"]
        command.append(f"hydra.run.dir={out}")
        start = time.perf_counter()
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        peak = [0]

        def sample() -> None:
            while process.poll() is None:
                peak[0] = max(peak[0], _tree_rss_bytes(process.pid))
                time.sleep(0.05)

        sampler = threading.Thread(target=sample)
        sampler.start()
        stdout, stderr = process.communicate()
        wall = time.perf_counter() - start
        sampler.join()
        if process.returncode != 0:
            raise SystemExit(f"the national run failed: {stderr.strip().splitlines()[-1]}")
        line = next(s for s in stdout.splitlines() if s.strip().startswith("1 "))
        return wall, peak[0], line.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-national", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    print(
        f"{os.cpu_count()} core(s); engine: {CYCLES} cycles of 10 weeks, best of {args.repeat}; "
        "steps = civil servants x weeks; B/cs = peak bytes allocated per civil servant\n"
    )
    header = (
        f"{'civil servants':>14} {'build s':>8} {'engine steps/s':>15} {'reference steps/s':>18}"
        f" {'ratio':>7} {'engine B/cs':>12} {'reference B/cs':>15}  note"
    )
    print(header)
    for size in args.sizes:
        build, _, rate = engine_rate(size, args.repeat)
        weeks = reference_weeks(size)
        _, reference = reference_rate(size, weeks)
        engine_bytes = bytes_per_civil_servant("engine", size, CYCLES * 10)
        reference_bytes = bytes_per_civil_servant("reference", size, 1)
        note = "" if weeks == CYCLES * 10 else f"reference timed over its first {weeks} weeks"
        print(
            f"{size:>14,} {build:>8.4f} {rate:>15,.0f} {reference:>18,.0f} {rate / reference:>7.0f}"
            f" {engine_bytes:>12,.0f} {reference_bytes:>15,.0f}  {note}",
            flush=True,
        )
    regency = _params(6_700)
    build, steps, _ = engine_rate(regency.region.civil_servants, args.repeat)
    print(f"\ndefault regency (6,700), three cycles, build included: {build + steps:.3f} s")
    alone, from_params, from_overrides = run_paths(args.repeat)
    print(
        f"one regency replication: engine alone {alone:.3f} s; sim.run(params) {from_params:.3f} s "
        f"({from_params / alone:.2f}x the engine); sim.run(overrides) {from_overrides:.3f} s "
        f"({from_overrides / alone:.2f}x: Hydra composes the configuration first)"
    )
    second, last, rows = memory_growth(10_000, 20)
    print(
        f"memory held by a 10,000 model (tracemalloc, output rows handed on each cycle): "
        f"{second / 2**20:.2f} MB after cycle 2, {last / 2**20:.2f} MB after cycle 20 "
        f"({(last - second) / 18:+,.0f} bytes a cycle); the output rows kept by default "
        f"add {rows:,.0f} bytes a cycle"
    )
    if args.no_national:
        return
    wall, peak, line = national_run()
    print(
        f"national (545 regions, 3,651,500 civil servants, one cycle, `patronage "
        f"region=national cycles=1 replications=1`, start-up included): wall {wall:.1f} s, "
        f"peak memory {peak / 2**30:.2f} GB (all processes)"
    )
    print("  cycle  violating  reported  per region  proven  sanctioned  follow-up  incumbent ran")
    print(f"  {line}")


if __name__ == "__main__":
    main()
