"""Running configurations from Python: ``sim.run([...overrides])`` or ``sim.run(params)``.

The command line (``patronage``) and a notebook go through the same
compose -> validate -> ``simulate`` path, so both give the same tables. A run
from ``Params`` (the ``params`` of an earlier result, varied with
``params.replace(...)``) skips Hydra's composition, which costs more than a
small region's simulation: calibration and sweeps that vary settings in a loop
use that path.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from omegaconf import DictConfig

from ..model.model import PatronageModel
from ..model.orgchart import OrgChart, resolve_org_chart
from ..model.parameters import Params
from ..model.validation import revalidate
from .national import national_table, simulate_national
from .settings import checked, compose_config
from .uncertainty import label_draw, replication_params


@dataclass
class RunResult:
    """Tables of one configuration's replications.

    ``summary``: one row per replication and cycle. ``timeseries``: one row
    per replication, cycle and campaign week. ``params``: the validated
    settings. ``config``: the composed configuration (None for a run from
    ``Params``). A national run (``region.regions > 1``) has one ``summary`` row
    per replication, cycle and region, no ``timeseries``, and ``national``: one
    row per replication and cycle.
    """

    params: Params
    config: DictConfig | None
    summary: pd.DataFrame
    timeseries: pd.DataFrame
    national: pd.DataFrame | None = None


def simulate(params: Params, chart: OrgChart | None = None) -> RunResult:
    """Run every replication of ``params`` to the end and gather the tables.

    ``chart``: the user's organisation chart already read (``settings.checked``); by
    default the one ``region.org_chart`` names, if any.
    """
    if params.region.regions > 1:
        regions = simulate_national(params)
        return RunResult(
            params=params,
            config=None,
            summary=regions,
            timeseries=pd.DataFrame(),
            national=national_table(regions),
        )
    if chart is None:
        params, chart = resolve_org_chart(params)
    params_of = replication_params(params)  # uncertainty=posterior: each on its draw
    weeks, cycles = [], []
    first = params.first_replication
    for replication in range(first, first + params.replications):
        run_params, draw = params_of(replication)
        model = PatronageModel(run_params, replication, org_chart=chart)
        while model.running:
            model.step()
        weeks.extend(label_draw(model.week_rows, draw))
        cycles.extend(label_draw(model.cycle_rows, draw))
        model.release()
    return RunResult(
        params=params,
        config=None,
        summary=pd.DataFrame(cycles),
        timeseries=pd.DataFrame(weeks),
    )


def run(settings: list[str] | Params | None = None) -> RunResult:
    """Run a configuration, as ``patronage OVERRIDES`` would, and return its tables.

    ``settings``: Hydra overrides (composed and validated once), or ``Params``
    (checked again, not composed: the fast path for loops).

    >>> result = run(["region=small", "replications=2"])      # doctest: +SKIP
    >>> stronger = result.params.replace(**{"enforcement.sanction_strength": 6})
    >>> faster = run(stronger)  # doctest: +SKIP
    """
    if isinstance(settings, Params):
        return simulate(revalidate(settings))
    cfg = compose_config(settings)
    result = simulate(*checked(cfg))
    result.config = cfg
    return result
