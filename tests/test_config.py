"""Configuration: composed as users compose it, every setting typed and range-checked."""

from __future__ import annotations

import pytest
from omegaconf import OmegaConf

from sim.model.parameters import ConfigError
from sim.model.validation import settings_table, validate
from sim.runs.settings import compose_config, params_from

from .conftest import make_params


def test_every_setting_is_in_the_default_config_and_nothing_else():
    cfg = compose_config([])
    absent = object()
    for row in settings_table():
        value = OmegaConf.select(cfg, row["key"], default=absent)
        assert value is not absent, row["key"]
        assert value is not None or row["optional"], row["key"]  # null only where allowed
    params_from(cfg)  # the defaults themselves are valid


@pytest.mark.parametrize(
    "key",
    [
        "seed",
        "replications",
        "cycles",
        "campaign_weeks",
        "region.civil_servants",
        "region.candidates",
        "region.ppk_kind.incumbent",
        "region.kinship_density",
        "election.kind",
        "behaviour.career_dependence",
        "enforcement.detection_probability",
        "enforcement.report_probability",
        "enforcement.enforcement_probability",
        "enforcement.sanction_strength",
        "patron.inaction_penalty",
        "patron.pressure_budget",
        "teams.reach",
        "region.ppk_kind.acting",
        "enforcement.central_enforcement",
        "careers.merit_weight",
    ],
)
def test_the_keys_users_rely_on_exist(key):
    assert key in {row["key"] for row in settings_table()}


def test_region_presets_have_the_sizes_promised():
    assert 5000 <= make_params("region=regency").region.civil_servants <= 7000
    assert 100 <= make_params().region.civil_servants <= 999


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        (
            "enforcement.enforcement_probability=1.5",
            "enforcement.enforcement_probability=1.5 is not allowed: use a number from 0 to 1",
        ),
        ("replications=0", "replications=0 is not allowed: use an integer from 1 to 100000"),
        (
            "region.civil_servants=2.5",
            "region.civil_servants=2.5 is not allowed: use an integer from 20 to 100000000",
        ),
        ("election.kind=local", "election.kind='local' is not allowed: use one of pilkada, pemilu"),
        (
            "enforcement.central_enforcement=1",
            "enforcement.central_enforcement=1 is not allowed: use true or false",
        ),
        (
            "behaviour.knowledge=nan",
            "behaviour.knowledge=nan is not allowed: use a number from 0 to 1",
        ),
        ("region.candidates=1", "region.candidates=1 is not allowed: use an integer from 2 to 10"),
        ("cycles=abc", "cycles='abc' is not allowed: use an integer from 1 to 100"),
        (
            "region=atlantis",
            "region=atlantis is not a known region: use one of classroom, national, regency, small",
        ),
        ("nonsense=1", "nonsense is not a setting"),
        ("enforcement.sanction_mix.heavy=0.5", "enforcement.sanction_mix adds up to 1.49"),
    ],
)
def test_bad_values_are_refused_with_one_line_naming_key_value_and_range(override, expected):
    with pytest.raises(ConfigError) as error:
        make_params(override)
    message = str(error.value)
    assert expected in message
    assert "\n" not in message


def test_a_timeline_gives_one_value_per_cycle():
    params = make_params("cycles=4", "enforcement.enforcement_probability=[0.9,0.9,0.1,0.1]")
    values = [params.at_cycle(k).enforcement.enforcement_probability for k in range(4)]
    assert values == [0.9, 0.9, 0.1, 0.1]
    assert params.at_cycle(3).enforcement.sanction_strength == params.enforcement.sanction_strength


def test_a_timeline_of_the_wrong_length_is_refused():
    with pytest.raises(ConfigError, match="has 2 values but cycles=3"):
        make_params("cycles=3", "enforcement.enforcement_probability=[0.9,0.1]")


def test_a_timeline_is_refused_where_a_setting_is_fixed_for_the_run():
    with pytest.raises(ConfigError, match=r"region.civil_servants=\[300, 400\] is not allowed"):
        make_params("cycles=2", "region.civil_servants=[300,400]")


def test_validate_names_a_missing_setting():
    raw = OmegaConf.to_container(compose_config([]), resolve=True)
    del raw["patron"]["inaction_penalty"]
    with pytest.raises(ConfigError, match="patron.inaction_penalty is missing"):
        validate(raw)
