"""The teaching page's pieces without a browser: settings, states, layout, figures, words.

The page itself, in Chromium, is tested in ``test_app_browser.py``.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from matplotlib.collections import PathCollection
from matplotlib.text import Text

from sim.app import drawing, labels, serve, states, status
from sim.app import settings as page_settings
from sim.model.agents import CivilServantState
from sim.model.campaign import NOT_YET
from sim.model.orgchart import NO_ONE, Rank
from sim.model.parameters import ConfigError
from sim.runs import names
from sim.runs.settings import CONFIG_DIR, compose_config, params_from


def _model(*changes: tuple[str, float | bool], replication: int = 0):
    settings = page_settings.Settings()
    for name, value in changes:
        settings = settings.with_change(name, value)
    return page_settings.TeachingModel(settings, replication)


@pytest.fixture(scope="module")
def busy():
    """Many patrols and quick central sanctions: every state occurs; 17 weeks in."""
    model = _model(("detection_probability", 0.1), ("central_enforcement", True))
    for _ in range(17):
        model.step()
    return model


def test_importing_the_page_starts_no_server():
    # the page modules were imported above; a server would have bound the default port
    import socket

    with socket.socket() as sock:
        assert sock.connect_ex(("localhost", serve.DEFAULT_PORT)) != 0


def test_policy_menu_reads_the_policy_folder_and_names_each_policy_in_both_languages():
    files = {path.stem for path in (CONFIG_DIR / "policy").glob("*.yaml")}
    policies = page_settings.policy_names()
    assert set(policies) == files and len(policies) == len(files)
    assert policies[0] == "baseline"
    for language in labels.LANGUAGES:
        shown = [page_settings.policy_label(p, language) for p in policies]
        assert len(set(shown)) == len(shown) and not any("_" in s for s in shown)


def test_regime_menu_lists_the_five_regimes_in_order_named_in_both_languages():
    files = {path.stem for path in (CONFIG_DIR / "regime").glob("*.yaml")}
    regimes = page_settings.regime_names()
    assert regimes == [
        "kasn_2020",
        "transition_2024",
        "body_advisory",
        "body_binding",
        "body_binding_ppk",
    ]
    assert set(regimes) == files
    assert page_settings.regime_label("body_binding", "id") == "Lembaga independen, mengikat"
    for language in labels.LANGUAGES:
        shown = [page_settings.regime_label(r, language) for r in regimes]
        assert len(set(shown)) == len(shown) and not any("_" in s for s in shown)
        assert all(names.about("regime", r, language) for r in regimes)


@pytest.mark.parametrize(
    ("regime", "binding", "sanctions_ppk", "capacity"),
    [
        ("kasn_2020", False, False, 1000),
        ("transition_2024", False, False, 300),
        ("body_binding", True, False, 1000),
        ("body_binding_ppk", True, True, 1000),
    ],
)
def test_the_chosen_regime_is_the_one_the_model_runs(regime, binding, sanctions_ppk, capacity):
    model = page_settings.TeachingModel(page_settings.Settings(regime=regime))
    p = model.params
    assert p.regime == regime and p.policy == "baseline"
    assert p.oversight.binding is binding and p.oversight.sanctions_ppk is sanctions_ppk
    assert p.enforcement.verifier_capacity == capacity
    assert f"Oversight regime: {page_settings.regime_label(regime)};" in status.settings_line(model)


def test_a_new_regime_keeps_the_policy_and_a_new_policy_keeps_the_regime():
    moved = page_settings.Settings("merit_system").with_change("sanction_strength", 12.5)
    assert page_settings.Settings().regime == "kasn_2020"
    binding = moved.with_regime("body_binding")
    # like a new policy, a new regime puts every control back
    assert binding == page_settings.Settings("merit_system", regime="body_binding")
    assert "regime=body_binding" in binding.overrides()
    assert binding.with_policy("baseline").regime == "body_binding"
    assert binding.params().careers.merit_weight == moved.params().careers.merit_weight


def test_the_page_runs_the_classroom_region_at_its_calibrated_settings():
    plain = page_settings.TeachingModel()
    assert plain.params.region.name == page_settings.REGION == "classroom"
    assert plain.params.cycles == page_settings.CYCLES
    assert plain.world.size == 2000
    # only the size differs from the default regency: behaviour and enforcement as calibrated
    default = params_from(compose_config([]))
    for group in ("behaviour", "enforcement", "careers", "election"):
        assert getattr(plain.params, group) == getattr(default, group), group
    assert plain.params.region.kinship_density == default.region.kinship_density
    assert plain.params.region.rank_weights == default.region.rank_weights


def test_settings_become_the_models_parameters():
    plain = page_settings.TeachingModel()
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


def test_each_control_shows_the_models_value_and_says_what_it_does_in_both_languages():
    params = page_settings.TeachingModel().cycle_params
    for control in page_settings.SLIDERS + page_settings.SWITCHES:
        value = page_settings.value_of(params, control)
        assert control.low <= value <= control.high, control.name
        for language in labels.LANGUAGES:
            assert control.label(language) and "_" not in control.label(language)
            assert control.about(language).endswith("."), (control.name, language)
        assert control.label("en") != control.label("id")
        assert control.key in names.SETTINGS


def test_a_slider_shows_the_models_value_on_its_grid_exactly_so_it_reports_no_move():
    # the slider rounds its value to the step's decimals and reports a move when that
    # differs: 13 x 0.0005 = 0.006500000000000001 did, and the page ran 0.0065 for the
    # calibrated 0.00634
    params = page_settings.TeachingModel().cycle_params
    for control in page_settings.SLIDERS:
        shown = control.on_grid(page_settings.value_of(params, control))
        assert shown == round(shown, control.decimals), (control.name, shown)
        assert abs(shown - page_settings.value_of(params, control)) <= control.step / 2
    detection = page_settings.CONTROLS["detection_probability"]
    assert detection.on_grid(0.00634) == 0.0065 and detection.decimals == 4


def test_each_state_follows_its_rule_and_the_last_that_holds_wins():
    """A hand-set region: one civil servant put in each state, the rest neutral."""
    model = _model()
    model.step()
    c, world = model.campaign, model.world
    c.choice[:] = 0
    c.violated[:] = False
    c.reported_week[:] = NOT_YET
    c.proven[:] = False
    c.sanctioned[:] = False
    world.times_sanctioned[:] = 0
    ppk = model.race.ppk_side + 1
    rival = 1 if ppk != 1 else 2
    c.choice[[1, 4, 5]] = ppk  # 1 backs the PPK; 4, 5 back it and go further
    c.choice[2] = rival
    world.times_sanctioned[[3, 5]] = 1  # sanctioned in an earlier cycle; 5 violates again
    c.violated[[4, 5, 6, 7, 8]] = True
    c.reported_week[[6, 7, 8]] = 2
    c.proven[[7, 8]] = True
    c.sanctioned[8] = True
    world.times_sanctioned[8] = 1  # counted in its career record too: not "earlier"
    keys = [states.STATES[code].key for code in states.state_codes(model)[:10]]
    assert keys == [
        "state_neutral",
        "state_ppk_side",
        "state_rival",
        "state_neutral",
        "state_violated",
        "state_violated",
        "state_reported",
        "state_proven",
        "state_sanctioned",
        "state_neutral",
    ]
    counts = states.state_counts(model)
    assert counts.sum() == world.size and counts[0] == world.size - 7
    (ring,) = states.MARKS  # sanctioned before: a ring over whatever they show now
    assert np.flatnonzero(ring.who(model)).tolist() == [3, 5]


def test_state_codes_agree_with_the_agents_states(busy):
    agree = {
        "state_neutral": CivilServantState.NEUTRAL,
        "state_ppk_side": CivilServantState.BACKING_PPK_SIDE,
        "state_rival": CivilServantState.BACKING_RIVAL,
        "state_reported": CivilServantState.REPORTED,
        "state_proven": CivilServantState.REPORTED,  # the agents do not tell proven apart
        "state_sanctioned": CivilServantState.SANCTIONED,
    }
    codes = states.state_codes(busy)
    agents = busy.civil_servants_by_index
    seen = set()
    for code, agent in zip(codes, agents, strict=True):
        key = states.STATES[code].key
        seen.add(key)
        if key in agree:
            assert agent.state == agree[key], (key, agent)
        else:  # violated: the agent shows its side (or neutral)
            assert agent.state not in (CivilServantState.REPORTED, CivilServantState.SANCTIONED)
    assert {"state_violated", "state_reported", "state_proven", "state_sanctioned"} <= seen


def test_sanctions_landing_after_the_vote_stay_on_the_graph():
    """Most sanctions land after the campaign; the next cycle still shows who got one."""
    model = _model(("detection_probability", 0.1), ("central_enforcement", True))
    for _ in range(model.params.campaign_weeks):
        model.step()
    sanctioned = model.cycle_rows[0]["sanctioned"]
    assert model.week == 0 and sanctioned > 0
    counts = {e["key"]: e["count"] for e in drawing.legend(model)}
    assert counts["state_sanctioned_before"] == np.count_nonzero(model.world.times_sanctioned)
    assert counts["state_sanctioned_before"] == sanctioned  # no one was sanctioned twice yet
    rings = drawing.draw_organisation(model).axes[0].collections[-2]  # the marks, before the PPK
    assert len(rings.get_offsets()) == sanctioned


def test_legend_lists_every_state_with_its_count_in_both_languages(busy):
    for language in labels.LANGUAGES:
        entries = drawing.legend(busy, language)
        keys = [s.key for s in states.STATES]
        assert [e["key"] for e in entries] == keys + [m.key for m in states.MARKS]
        assert sum(e["count"] for e in entries[: len(keys)]) == busy.world.size
        assert all(e["words"] == labels.text(e["key"], language) for e in entries)


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
    rings = drawing.staff_rings(int(staff.sum()))
    assert np.all(np.bincount(np.searchsorted(rings, radius[staff])) <= drawing.STAFF_PER_RING)
    assert radius.max() + 0.1 < drawing.EXTENT  # everyone inside the picture
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


def test_the_organisation_draws_everyone_in_their_states_colour(busy):
    fig = drawing.draw_organisation(busy)
    dots = [c for c in fig.axes[0].collections if isinstance(c, PathCollection)]
    codes = states.state_codes(busy)
    for index, state in enumerate(states.STATES):
        drawn = dots[index]
        assert len(drawn.get_offsets()) == np.count_nonzero(codes == index), state.key
        if len(drawn.get_offsets()):
            assert np.allclose(drawn.get_facecolor()[0], drawing.mpl.colors.to_rgba(state.colour))
    assert sum(len(d.get_offsets()) for d in dots[: len(states.STATES)]) == busy.world.size
    for mark, rings in zip(states.MARKS, dots[len(states.STATES) :], strict=False):
        assert len(rings.get_offsets()) == np.count_nonzero(mark.who(busy))
        assert len(rings.get_facecolor()) == 0  # hollow: the state shows through
    picture = drawing.organisation_image(busy)
    assert picture[:2] == b"\xff\xd8"  # a JPEG, about as large as it is shown
    assert 20_000 < len(picture) < 400_000


def _chart_texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def test_charts_show_the_model_in_legible_type(busy):
    violations = drawing.draw_violations(busy, "id")
    rate = violations.axes[0].lines[0].get_ydata()
    expected = [100 * row["violators"] / busy.world.size for row in busy.week_rows]
    assert np.allclose(rate[~np.isnan(rate)], expected)
    funnel = drawing.draw_funnel(busy)
    counts = drawing.funnel_counts(busy)
    assert [c for c, _, _ in counts] == [1, 2]
    assert counts[0][2] == [busy.cycle_rows[0][k] for k in drawing.FUNNEL]
    assert all(row == sorted(row, reverse=True) for _, _, row in counts)  # a funnel
    for ax, column in zip(funnel.axes, drawing.FUNNEL, strict=True):
        assert [b.get_height() for b in ax.patches] == [
            row[drawing.FUNNEL.index(column)] for _, _, row in counts
        ]
        assert ax.get_yscale() == "linear"
    for fig in (violations, funnel):
        sizes = [t.get_fontsize() for t in _chart_texts(fig)]
        assert sizes and min(sizes) >= drawing.SMALLEST_TEXT


def test_charts_go_to_the_page_as_inline_svg_with_real_text(busy):
    markup = drawing.svg(drawing.draw_funnel(busy))
    assert markup.startswith("<svg") and 'width="100%"' in markup
    assert "*{" not in markup and "<metadata" not in markup  # nothing that leaks into the page
    sanctioned = busy.cycle_rows[0]["sanctioned"]
    found = re.search(r'<g id="funnel-sanctioned-1">\s*<text[^>]*>(\d+)</text>', markup)
    assert found and int(found.group(1)) == sanctioned
    sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", markup)]
    assert sizes and min(sizes) >= drawing.SMALLEST_TEXT  # SVG user units are points


def test_status_tells_the_week_sides_funnel_vote_and_reshuffle():
    model = page_settings.TeachingModel()
    assert status.status_lines(model)[0] == "Cycle 1, week 0 of 10"
    for _ in range(10):
        model.step()
    model.step()
    lines = status.status_lines(model, "id")
    assert lines[0] == "Siklus 2, minggu 1 dari 10"
    last = model.cycle_rows[0]
    assert f"calon {last['winner'] + 1} menang" in " ".join(lines)
    promoted = int(last["promoted"])
    loyal = round(last["promoted_loyalists"] * promoted)
    assert lines[-2].startswith(f"Mutasi sesudahnya: {promoted} dipromosikan")
    assert f"{loyal} dari {promoted} promosi" in lines[-2]
    assert lines[-1].startswith("Antrean: ")  # the backlog, last
    backing = model.campaign.choice
    ppk = int((backing == model.race.ppk_side + 1).sum())
    assert (
        lines[2] == f"Kini {ppk} mendukung pihak PPK dan {int((backing > 0).sum()) - ppk} "
        "mendukung pesaing."
    )
    assert "Sanction strength: 3;" in status.settings_line(model)
    assert "Kebijakan: Kondisi dasar" in status.settings_line(model, "id")
    assert "; Rezim pengawasan: KASN (2020);" in status.settings_line(model, "id")


def test_status_lines_come_from_a_list_of_entries():
    model = page_settings.TeachingModel()
    before = status.status_lines(model)
    extra = status.STATUS + (lambda m, language: "The PPK pressed no one this week.",)
    try:
        status.STATUS = extra
        assert status.status_lines(model) == [*before, "The PPK pressed no one this week."]
    finally:
        status.STATUS = extra[:-1]


def test_every_label_exists_in_both_languages_with_the_same_placeholders():
    english, indonesian = labels.TEXT["en"], labels.TEXT["id"]
    assert english.keys() == indonesian.keys()
    for key in english:
        fields = re.compile(r"\{(\w+)")
        assert set(fields.findall(english[key])) == set(fields.findall(indonesian[key])), key
    translated = [k for k in english if english[k] != indonesian[k]]
    assert len(translated) > 0.9 * len(english)
    assert [s.key for s in states.STATES if s.key not in english] == []
    assert labels.count(2000, "id") == "2.000" and labels.count(2000) == "2,000"


def test_the_command_refuses_a_bad_port(capsys):
    with pytest.raises(SystemExit) as stop:
        serve.main(["--port", "0"])
    assert stop.value.code == 2
    assert "--port=0 is not allowed: use a port from 1 to 65535" in capsys.readouterr().err


def test_the_command_serves_the_page_module_offline_without_the_badge():
    command = serve.server_command("localhost", 9999)
    assert command[1:5] == ["-m", "solara", "run", "sim.app.page"]
    assert "--production" in command and "9999" in command
    env = serve.server_environment()
    assert env["SOLARA_TELEMETRY_MIXPANEL_ENABLE"] == "False"
    assert env["SOLARA_THEME_SHOW_BANNER"] == "False"


def _clear_enforcement(campaign) -> None:
    campaign.queue = np.empty(0, dtype=np.int64)
    campaign.queue_head = 0
    campaign.proven[:] = False
    campaign.sanctioned[:] = False
    campaign.sanction_week[:] = NOT_YET
    campaign.verdict_week[:] = NOT_YET
    campaign.taken_over[:] = False
    campaign.expired = 0


def test_backlog_line_counts_the_cases_waiting_now_on_a_hand_set_campaign():
    model = page_settings.TeachingModel(page_settings.Settings(regime="body_binding"))
    model.step()
    c = model.campaign
    _clear_enforcement(c)
    c.queue = np.array([20, 21, 22, 23])
    c.queue_head = 1  # 20 decided; 21, 22, 23 wait for a verdict
    c.proven[[30, 31, 32, 33, 34]] = True
    c.sanction_week[[30, 31]] = 5  # decided, not landed: waiting
    c.sanction_week[33] = 1  # landed: the PPK's own
    c.sanctioned[33] = True
    c.sanction_week[34] = 1  # landed: the body's, past the deadline
    c.sanctioned[34] = c.taken_over[34] = True
    # 32: proven, no sanction decided
    assert status.backlog(model, "en") == (
        "Backlog: 3 to verify, 2 proven awaiting sanction, 1 let off by the PPK. The body has "
        "sanctioned 1 itself, past the PPK's deadline."
    )
    assert status.backlog(model, "id") == (
        "Antrean: 3 belum diputus, 2 terbukti belum disanksi, 1 dibiarkan PPK. Lembaga telah "
        "menyanksi 1 sendiri, setelah tenggat PPK lewat."
    )
    assert status.status_lines(model)[-1] == status.backlog(model, "en")
    advisory = page_settings.TeachingModel()  # no body: no word of one
    advisory.step()
    assert "body" not in status.backlog(advisory, "en")
    assert status.backlog(page_settings.TeachingModel(), "en") is None  # week 0, no vote yet


def test_backlog_line_agrees_with_the_models_own_counts_week_by_week():
    model = _model(("detection_probability", 0.1), ("central_enforcement", True))
    most = [0, 0]
    for _ in range(9):
        model.step()
        row = model.week_rows[-1]
        queued, waiting = row["awaiting_verification"], row["awaiting_followup"]
        most = [max(most[0], queued), max(most[1], waiting)]
        assert status.backlog(model, "en").startswith(
            f"Backlog: {queued} to verify, {waiting} proven awaiting sanction, 0 let off "
        )  # central enforcement: BKN acts on every proven case
    assert min(most) > 0  # both queues held someone at some point: real counts, not zeros


def test_after_the_vote_the_backlog_line_tells_what_the_queues_brought():
    model = page_settings.TeachingModel(page_settings.Settings(regime="body_binding"))
    for _ in range(model.params.campaign_weeks):
        model.step()
    closed, row = model.closed_campaign, model.cycle_rows[0]
    assert model.week == 0 and closed is not None and closed is not model.campaign
    assert int(closed.sanctioned.sum()) == row["sanctioned"]  # the cycle the vote closed
    assert closed.expired == row["reports_expired"]
    _clear_enforcement(closed)
    closed.verdict_week[[1, 2, 3]] = [4, 10, 12]  # two verdicts after the vote (week 10 on)
    closed.proven[[2, 3, 4]] = True
    closed.sanctioned[[2, 4]] = True
    closed.sanction_week[[2, 4]] = [16, 8]  # one sanction after the vote
    closed.taken_over[2] = True
    closed.expired = 5
    assert status.backlog(model, "en") == (
        "After the vote the backlog was worked through: 2 decided, 1 sanctioned; 1 proven left "
        "unsanctioned, 5 expired unheard. The body sanctioned 1 of the cycle's cases itself, "
        "past the PPK's deadline."
    )
    assert status.backlog(model, "id") == (
        "Setelah pemungutan suara antrean diselesaikan: 2 diputus, 1 disanksi; 1 terbukti tanpa "
        "sanksi, 5 kedaluwarsa tanpa diperiksa. Lembaga sendiri menyanksi 1 kasus siklus itu, "
        "setelah tenggat PPK lewat."
    )
