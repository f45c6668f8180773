"""A national Pilkada: every regional government electing at once (``region=national``).

Pilkada 2024 was held in 545 regions (data/calibration.md, 'The workforce'). Of the
38 provinces, 416 regencies and 98 cities listed there, the Special Region of
Yogyakarta does not elect its governor (UU 13/2012) and Jakarta's five cities and
one regency are administrative, without elected heads (UU 29/2007): 37 provinces,
415 regencies and 93 cities, 545 in all.

Regions are independent within a Pilkada, so they run in parallel on all cores;
region ``g`` of replication ``r`` draws from its own streams
(``Streams.for_region``), so the tables do not depend on how many workers
computed them or in which order.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy.special import ndtri

from ..model.model import PatronageModel
from ..model.parameters import Params
from ..model.streams import Streams, national_layout_stream

KINDS = (("province", 37), ("regency", 415), ("city", 93))
"""Regional governments that elected their head in Pilkada 2024, by kind (see above)."""

SUMMED = ("violators", "acts", "reported", "reported_by_patrol", "reported_by_public")
SUMMED += ("reported_by_rivals", "proven", "sanctioned", "recommendations_ignored", "protected")
SUMMED += ("pressed", "threatened", "promoted", "demoted", "promoted_by_loyalty")
SUMMED += ("moved_to_non_job",)


def region_kinds(count: int) -> list[str]:
    """Kind of each region: Pilkada 2024's mix, scaled to ``count`` regions."""
    total = sum(n for _, n in KINDS)
    kinds = [kind for kind, n in KINDS for _ in range(n)]
    if count == total:
        return kinds
    return [kinds[int(i * total / count)] for i in range(count)]


def region_sizes(params: Params) -> np.ndarray:
    """Civil servants of each region: a lognormal spread adding up to ``civil_servants``.

    The sizes are the lognormal's quantiles at (i + 0.5) / regions, rounded by largest
    remainder and dealt to the regions in an order drawn from the seed; an
    assumption, labelled so in ``configs/region/national.yaml``. Every region keeps
    at least 20 civil servants.
    """
    region = params.region
    count, total = region.regions, region.civil_servants
    quantiles = (np.arange(count) + 0.5) / count
    weight = np.exp(region.size_spread * ndtri(quantiles))
    share = 20 + (total - 20 * count) * weight / weight.sum()
    sizes = np.floor(share).astype(np.int64)
    order = np.argsort(-(share - sizes), kind="stable")
    sizes[order[: total - sizes.sum()]] += 1
    return sizes[national_layout_stream(params.seed).permutation(count)]


def region_params(params: Params, name: str, civil_servants: int) -> Params:
    """The settings of one region of a national run."""
    region = dataclasses.replace(
        params.region, name=name, civil_servants=int(civil_servants), regions=1
    )
    return dataclasses.replace(params, region=region)


def run_region(
    params: Params, replication: int, index: int, kind: str, civil_servants: int
) -> list[dict[str, Any]]:
    """All cycles of one region in one replication: its summary rows, labelled."""
    local = region_params(params, f"{kind} {index}", civil_servants)
    model = PatronageModel(local, replication, Streams.for_region(params.seed, replication, index))
    while model.running:
        model.step()
    model.release()
    label = {"region": index, "kind": kind, "civil_servants": int(civil_servants)}
    return [label | row for row in model.cycle_rows]


def simulate_national(params: Params, workers: int | None = None) -> pd.DataFrame:
    """Every region of every replication, in parallel: one row per replication, region, cycle.

    ``workers``: processes to use (default: all cores); the rows do not depend on it.
    """
    sizes = region_sizes(params)
    kinds = region_kinds(params.region.regions)
    first = params.first_replication
    jobs = [
        delayed(run_region)(params, replication, g, kinds[g], sizes[g])
        for replication in range(first, first + params.replications)
        # largest regions first, so no worker is left with a big one at the end
        for g in np.argsort(-sizes, kind="stable").tolist()
    ]
    n_jobs = workers or os.cpu_count() or 1
    results = Parallel(n_jobs=n_jobs, batch_size=1)(jobs) if n_jobs > 1 else _serial(jobs)
    rows = [row for region_rows in results for row in region_rows]
    table = pd.DataFrame(rows)
    leading = ["replication", "seed", "policy", "cycle", "region", "kind", "civil_servants"]
    table = table[leading + [c for c in table.columns if c not in leading]]
    return table.sort_values(["replication", "cycle", "region"], kind="stable").reset_index(
        drop=True
    )


def _serial(jobs: list) -> list:
    return [function(*args, **kwargs) for function, args, kwargs in jobs]


def national_table(regions: pd.DataFrame) -> pd.DataFrame:
    """One row per replication and cycle: the country's totals and shares."""
    rows = []
    for (replication, cycle), g in regions.groupby(["replication", "cycle"], sort=True):
        civil_servants = int(g["civil_servants"].sum())
        row: dict[str, Any] = {
            "replication": replication,
            "seed": g["seed"].iloc[0],
            "policy": g["policy"].iloc[0],
            "cycle": cycle,
            "regions": len(g),
            "civil_servants": civil_servants,
            "incumbent_ran": float(g["incumbent_ran"].mean()),
            "acting_head": float((g["ppk_kind"] == "acting").mean()),
            "ppk_side_won": float(g["ppk_side_won"].mean()),
        }
        row |= {column: int(g[column].sum()) for column in SUMMED}
        row["violation_rate"] = row["violators"] / civil_servants
        row["reported_per_region"] = row["reported"] / len(g)
        row["followup_rate"] = row["sanctioned"] / row["proven"] if row["proven"] else float("nan")
        row["mean_perceived_risk"] = float(
            np.average(g["mean_perceived_risk"], weights=g["civil_servants"])
        )
        rows.append(row)
    return pd.DataFrame(rows)


def largest_region(params: Params) -> int:
    """Civil servants of the largest region a run holds in memory at once."""
    return (
        int(region_sizes(params).max())
        if params.region.regions > 1
        else (params.region.civil_servants)
    )
