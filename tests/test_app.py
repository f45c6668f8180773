"""The teaching page's pieces without a browser: settings, states, layout, figures, words.

The page itself, in Chromium, is tested in ``test_app_browser.py``.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.collections import PathCollection

from sim.app import drawing, labels, serve
from sim.app import settings as page_settings
from sim.model.agents import CivilServantState
from sim.model.orgchart import NO_ONE, Rank
from sim.model.parameters import ConfigError
from sim.runs.settings import CONFIG_DIR


def test_importing_the_page_starts_no_server():
    # the page modules were imported above; a server would have bound the default port
    import socket

    with socket.socket() as sock:
        assert sock.connect_ex(("localhost", serve.DEFAULT_PORT)) != 0


def test_policy_menu_reads_the_policy_folder():
    files = {path.stem for path in (CONFIG_DIR / "policy").glob("*.yaml")}
    names = page_settings.policy_names()
    assert set(names) == files and len(names) == len(files)
    assert names[0] == "baseline"


def test_settings_become_the_models_parameters():
    plain = page_settings.TeachingModel()
    assert (
        plain.params.region.name == page_settings.REGION
        and plain.params.cycles == page_settings.CYCLES
    )
    moved = (
        page_settings.Settings()
        .with_change("sanction_strength", 12.5)
        .with_change("central_enforcement", True)
    )
    model = page_settings.TeachingModel(moved, replication=3)
    e = model.params.enforcement
    assert e.sanction_strength == 12.5 and e.central_enforcement is True
    assert model.replication == 3
    # controls not moved keep the policy's values
    assert e.detection_probability == plain.params.enforcement.detection_probability
    # moving a control twice keeps the last value only
    again = moved.with_change("sanction_strength", 1.0)
    assert dict(again.changes) == {"sanction_strength": 1.0, "central_enforcement": True}
    # a new policy puts every control back to that policy's values
    assert moved.with_policy("baseline") == page_settings.Settings("baseline")


def test_a_value_out_of_range_is_refused_with_the_setting_named():
    bad = page_settings.Settings().with_change("detection_probability", 1.5)
    with pytest.raises(ConfigError, match=r"enforcement\.detection_probability=1\.5"):
        bad.params()


def test_each_control_shows_the_models_value_within_its_range():
    params = page_settings.TeachingModel().cycle_params
    for control in page_settings.SLIDERS:
        value = page_settings.value_of(params, control)
        assert control.low <= value <= control.high, control.name
        assert labels.text(control.name)  # every control has a label


def test_state_codes_match_the_agents_states():
    # many patrols and quick central sanctions: every state occurs within three cycles
    settings = page_settings.Settings().with_change("detection_probability", 0.1)
    model = page_settings.TeachingModel(settings.with_change("central_enforcement", True))
    seen = set()
    for _ in range(30):
        model.step()
        codes = drawing.state_codes(model)
        states = [agent.state for agent in model.civil_servants_by_index]
        assert [drawing.STATES[c] for c in codes] == states
        seen.update(states)
    assert seen == set(CivilServantState)


def test_layout_is_a_radial_hierarchy_computed_once_per_chart():
    model = page_settings.TeachingModel()
    chart = model.world.chart
    first = drawing.post_positions(chart)
    assert drawing.post_positions(chart) is first  # cached
    radius = np.hypot(first[:, 0], first[:, 1])
    sekda = chart.supervisor == NO_ONE
    assert np.allclose(radius[sekda], drawing.SEKDA_RING)
    for rank, ring in drawing.RING.items():
        assert np.allclose(radius[(chart.rank == rank) & ~sekda], ring)
    staff = chart.rank >= Rank.FUNCTIONAL
    assert np.all(radius[staff] > max(drawing.RING.values()))
    # no two posts drawn on the same spot
    assert len({(round(x, 6), round(y, 6)) for x, y in first}) == chart.size


def test_a_unit_sits_inside_its_supervisors_wedge():
    chart = page_settings.TeachingModel().world.chart
    angle = np.arctan2(*drawing.post_positions(chart)[:, ::-1].T)
    boss = chart.supervisor
    has = (boss != NO_ONE) & (chart.rank >= Rank.PENGAWAS)
    # staff and pengawas lie within a quarter turn of their supervisor's angle
    gap = np.angle(np.exp(1j * (angle[has] - angle[boss[has]])))
    assert np.all(np.abs(gap) < np.pi / 2)


def test_figures_show_the_model():
    model = page_settings.TeachingModel(
        page_settings.Settings().with_change("detection_probability", 0.1)
    )
    for _ in range(13):
        model.step()
    organisation = drawing.draw_organisation(model, "id")
    dots = next(c for c in organisation.axes[0].collections if isinstance(c, PathCollection))
    assert len(dots.get_offsets()) == model.world.size
    legend = [t.get_text() for t in organisation.legends[0].get_texts()]
    counts = np.bincount(drawing.state_codes(model), minlength=len(drawing.STATES))
    for key, count in zip(drawing.STATE_KEYS, counts, strict=True):
        assert f"{labels.text(key, 'id')} ({count})" in legend
    violations = drawing.draw_violations(model).axes[0]
    rate = violations.lines[0].get_ydata()
    expected = [row["violators"] / model.world.size for row in model.week_rows]
    assert np.allclose(rate[~np.isnan(rate)], expected)
    counts = drawing.funnel_counts(model)
    assert [c for c, _, _ in counts] == [1, 2]
    assert counts[0][2] == [model.cycle_rows[0][k] for k in drawing.FUNNEL]
    assert all(row == sorted(row, reverse=True) for _, _, row in counts)  # a funnel


def test_status_tells_the_week_and_the_election():
    model = page_settings.TeachingModel()
    assert drawing.status_lines(model)[0] == "Cycle 1, week 0 of 10"
    for _ in range(10):
        model.step()
    lines = drawing.status_lines(model, "id")
    assert lines[0] == "Siklus 2, minggu 0 dari 10"
    winner = model.cycle_rows[0]["winner"] + 1
    assert f"calon {winner} menang" in lines[-1]
    assert "Sanction strength: 3;" in drawing.settings_line(model)


def test_every_label_exists_in_both_languages_with_the_same_placeholders():
    english, indonesian = labels.TEXT["en"], labels.TEXT["id"]
    assert english.keys() == indonesian.keys()
    for key in english:
        fields = re.compile(r"\{(\w+)")
        assert set(fields.findall(english[key])) == set(fields.findall(indonesian[key])), key
    translated = [k for k in english if english[k] != indonesian[k]]
    assert len(translated) > 0.8 * len(english)  # JPT, administrator... stay as they are


def test_the_command_refuses_a_bad_port(capsys):
    with pytest.raises(SystemExit) as stop:
        serve.main(["--port", "0"])
    assert stop.value.code == 2
    assert "--port=0 is not allowed: use a port from 1 to 65535" in capsys.readouterr().err


def test_the_command_serves_the_page_module_offline():
    command = serve.server_command("localhost", 9999)
    assert command[1:5] == ["-m", "solara", "run", "sim.app.page"]
    assert "--production" in command and "9999" in command
    assert serve.server_environment()["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
