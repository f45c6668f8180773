"""The national Pilkada: 545 regions of the right kinds and sizes, run in parallel."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.model.parameters import ConfigError
from sim.runs.national import national_table, region_kinds, region_sizes, simulate_national
from sim.runs.resources import check_memory
from sim.runs.settings import compose_config, params_from

from .conftest import patronage, read


def national(*overrides: str):
    return params_from(compose_config(["region=national", *overrides]))


def test_the_545_regions_of_pilkada_2024_by_kind():
    kinds = region_kinds(545)
    assert [kinds.count(k) for k in ("province", "regency", "city")] == [37, 415, 93]


def test_sizes_add_up_to_the_national_workforce_with_a_skew():
    params = national()
    sizes = region_sizes(params)
    assert sizes.size == 545 and sizes.sum() == params.region.civil_servants == 3_651_500
    assert sizes.min() >= 20
    # 'heavily skewed': the mean is above the median and the largest is tens of times
    # the smallest (lognormal, sd of the log 0.6: quantiles at +-3.1 sd, ratio e^3.7)
    assert sizes.mean() > np.median(sizes) and 20 < sizes.max() / sizes.min() < 60
    assert np.array_equal(sizes, region_sizes(national()))  # the same layout every time


@pytest.fixture(scope="module")
def small_country():
    # 545 regions of 20 to a few hundred civil servants: the whole pipeline, fast
    params = national("region.civil_servants=54500", "cycles=1", "replications=1")
    return params, simulate_national(params, workers=2)


def test_the_tables_do_not_depend_on_the_number_of_workers(small_country):
    params, regions = small_country
    pd.testing.assert_frame_equal(regions, simulate_national(params, workers=1))


def test_each_region_draws_its_ppk_from_pilkada_2024s_shares(small_country):
    _, regions = small_country
    # configs/region/national.yaml: 0.497 acting (271 of 545), 0.427 incumbent running;
    # 545 regions: binomial sd at most 0.0214; 0.07 is over 3 sd
    kinds = regions["ppk_kind"].value_counts(normalize=True)
    assert kinds["acting"] == pytest.approx(0.497, abs=0.07)
    assert regions["incumbent_ran"].mean() == pytest.approx(0.427, abs=0.07)
    assert national_table(regions)["acting_head"].iloc[0] == kinds["acting"]


def test_the_national_table_adds_up_the_regions(small_country):
    params, regions = small_country
    table = national_table(regions)
    assert len(table) == 1 and (table["regions"] == 545).all()
    assert (table["civil_servants"] == params.region.civil_servants).all()
    by_replication = regions.groupby("replication")[["violators", "reported", "sanctioned"]].sum()
    assert (table.set_index("replication")[by_replication.columns] == by_replication).all().all()
    assert (table["sanctioned"] <= table["proven"]).all()
    assert (table["proven"] <= table["reported"]).all()


def test_a_national_run_that_does_not_fit_is_refused_with_the_estimate():
    params = national()
    with pytest.raises(ConfigError, match=r"^region.regions=545 needs about .* GB"):
        check_memory(params, available=2**20)


def test_the_command_writes_the_national_and_the_region_tables(tmp_path):
    done = patronage(
        "region=national",
        "region.civil_servants=10900",
        "cycles=1",
        "replications=1",
        f"hydra.run.dir={tmp_path / 'out'}",
        cwd=tmp_path,
        module=True,
    )
    assert done.returncode == 0, done.stderr
    assert "National Pilkada: 545 regions" in done.stdout
    assert len(read(tmp_path / "out" / "regions.csv")) == 545
    assert len(read(tmp_path / "out" / "national.csv")) == 1
