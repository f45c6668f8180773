"""The table of names (``sim.runs.names``): everything people read has a name in both languages.

A setting, policy, experiment, region, uncertainty option or output column added without a
name here fails these tests, which say what to add; a name left behind for something removed
fails too.
"""

from __future__ import annotations

import pytest

from sim.model.metrics import SUMMARY_COLUMNS, TIMESERIES_COLUMNS
from sim.model.validation import settings_table
from sim.runs import names
from sim.runs.settings import options

GROUP_TABLES = {
    "policy": names.POLICIES,
    "experiment": names.EXPERIMENTS,
    "region": names.REGIONS,
    "uncertainty": names.UNCERTAINTIES,
    "perception": names.PERCEPTIONS,
    "regime": names.REGIMES,
}


def _both_languages(table: dict[str, names.Name], keys: list[str], what: str) -> None:
    missing = [k for k in keys if k not in table]
    assert not missing, f"add these {what} to sim/runs/names.py: {missing}"
    for key in keys:
        name = table[key]
        assert name.en.strip() and name.id.strip(), (what, key)
        assert bool(name.about_en) == bool(name.about_id), f"{what} {key}: explain in both"


def test_every_setting_has_a_name_in_both_languages():
    keys = [row["key"] for row in settings_table()]
    _both_languages(names.SETTINGS, keys, "settings")
    assert set(names.SETTINGS) == set(keys), "names of settings that no longer exist"
    # an Indonesian name is a translation, not a copy (JPT, seed... may stay as they are)
    same = [k for k in keys if names.SETTINGS[k].en == names.SETTINGS[k].id]
    assert len(same) < 0.1 * len(keys), same


@pytest.mark.parametrize("group", sorted(GROUP_TABLES))
def test_every_option_of_a_group_has_a_name_and_an_explanation(group):
    table = GROUP_TABLES[group]
    found = options(group)
    _both_languages(table, found, group)
    assert set(table) == set(found), f"names of {group} files that no longer exist"
    assert all(table[k].about_en for k in found), "each says in a line what it is"
    assert names.GROUPS[group].about_en and names.GROUPS[group].about_id


def test_every_output_column_has_a_name_in_both_languages():
    columns = list(dict.fromkeys(SUMMARY_COLUMNS + TIMESERIES_COLUMNS))
    _both_languages(names.OUTPUTS, columns, "output columns")


def test_a_name_is_looked_up_by_table_and_language():
    assert names.name("policy", "heavier_sanctions") == "Heavier sanctions"
    assert names.name("policy", "heavier_sanctions", "id") == "Sanksi lebih berat"
    assert names.setting_name("enforcement.sanction_strength", "id") == "beratnya sanksi"
    assert names.setting_name("policy") == "policy"
    assert names.value_name("policy", "merit_system", "id") == "Sistem merit"
    assert names.value_name("enforcement.sanction_strength", 4.5) == "4.5"
    # a key not in the table yet is said from the key, not a crash
    assert names.name("setting", "perception.new_thing") == "new thing"
