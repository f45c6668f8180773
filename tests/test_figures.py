"""A sweep's figures and report wording, on small tables made by hand.

Each figure is caught before it is saved (``save_figure`` replaced), so the tests read
what it draws: linear funnel panels with the means worked out here, intervals beside
every mean, colour-blind-safe maps, readable names, the caption, legible type.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.container import ErrorbarContainer
from matplotlib.text import Text

from sim.sweeps import figures, panels, report
from sim.sweeps.compare import FUNNEL, compare
from sim.sweeps.wording import Context, arm_names, caption, listing

CAPTION = "Simulated: test region."
LEGIBLE = 9.0  # points: the smallest type a figure may use (cells of a heat map, the caption)


@pytest.fixture
def caught(monkeypatch):
    """Figures as drawn, instead of files: (figure, caption) in order."""
    drawn = []

    def keep(fig, path, caption=""):
        drawn.append((fig, caption))
        return path

    for module in (figures, panels):
        monkeypatch.setattr(module, "save_figure", keep)
    return drawn


def _runs(arms: dict[str, float], replications: int = 6, cycles: int = 2) -> pd.DataFrame:
    """A policy sweep whose arm ``a`` violates at ``arms[a]`` (plus noise), same seeds."""
    rng = np.random.default_rng(4)
    rows = []
    for policy, rate in arms.items():
        for r in range(replications):
            for cycle in range(1, cycles + 1):
                violators = 1000 * rate + rng.normal(0, 5)
                rows.append(
                    {
                        "policy": policy,
                        "seed": 1,
                        "replication": r,
                        "cycle": cycle,
                        "violation_rate": violators / 1000,
                        "violators": violators,
                        "reported": violators / 50,
                        "proven": violators / 60,
                        "sanctioned": violators / 70,
                    }
                )
    return pd.DataFrame(rows)


def _weeks(runs: pd.DataFrame, weeks: int = 4) -> pd.DataFrame:
    rows = [
        {**row, "week": w, "violation_rate": row["violation_rate"] * w / weeks}
        for row in runs.to_dict("records")
        for w in range(1, weeks + 1)
    ]
    return pd.DataFrame(rows)


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()]


def test_the_funnel_is_one_linear_panel_per_stage_with_intervals(caught, tmp_path):
    runs = _runs({"baseline": 0.10, "merit_system": 0.08, "heavier_sanctions": 0.05})
    c = compare(runs, ["policy"])
    order = list(c.table["arm"])
    panels.funnel_bars(
        runs, ["policy"], order, arm_names(runs, ["policy"]), tmp_path / "f.png", CAPTION
    )
    fig, shown = caught[0]
    assert shown == CAPTION
    axes = [ax for ax in fig.axes if ax.get_visible()]
    assert len(axes) == len(FUNNEL)
    for ax, column in zip(axes, FUNNEL, strict=True):
        assert ax.get_xscale() == "linear" and ax.get_xlim()[0] == 0
        widths = [bar.get_width() for bar in ax.patches]
        # the bar of each arm is its mean over replications of the mean over cycles
        expected = runs.groupby(["policy", "replication"])[column].mean().groupby("policy").mean()
        assert np.allclose(widths, expected[order].to_numpy())
        assert any(isinstance(c, ErrorbarContainer) for c in ax.containers)  # intervals
    ticks = [t.get_text() for t in axes[0].get_yticklabels()]
    assert ticks == ["Heavier sanctions", "Merit system", "Baseline (2020 enforcement)"]
    assert min(t.get_fontsize() for t in _texts(fig)) >= LEGIBLE


def test_the_surface_writes_each_cells_interval_on_a_colour_blind_safe_map(caught, tmp_path):
    rng = np.random.default_rng(1)
    rows = [
        {
            "enforcement.sanction_strength": s,
            "enforcement.enforcement_probability": e,
            "seed": 1,
            "replication": r,
            "cycle": 1,
            "violation_rate": 0.2 - 0.02 * s + rng.normal(0, 0.002),
        }
        for s in (0, 3, 6)
        for e in (0.0, 1.0)
        for r in range(5)
    ]
    runs = pd.DataFrame(rows)
    keys = ["enforcement.sanction_strength", "enforcement.enforcement_probability"]
    figures.surface_chart(runs, keys, *keys, tmp_path / "s.png", CAPTION, default=(3.0, 1.0))
    fig, shown = caught[0]
    ax = fig.axes[0]
    assert ax.images[0].get_cmap().name == "cividis"
    cells = [t.get_text() for t in ax.texts]
    assert len(cells) == 6 and all("\n±" in cell for cell in cells)
    top_left = runs[(runs.iloc[:, 0] == 0) & (runs.iloc[:, 1] == 1.0)]["violation_rate"].mean()
    assert cells[0].startswith(f"{top_left * 100:.1f}")  # larger follow-up on top, strength 0
    assert ax.get_xlabel() == "Sanction strength" and ax.get_ylabel() == "PPK follow-up"
    assert "default settings" in shown  # the framed cell is said in the caption
    assert min(t.get_fontsize() for t in _texts(fig)) >= LEGIBLE


def test_violations_over_time_draw_a_band_per_arm_and_the_reference_dashed(caught, tmp_path):
    runs = _runs({"baseline": 0.10, "merit_system": 0.08})
    weeks = _weeks(runs)
    lines = [
        (
            "Merit system",
            [
                panels.Line("merit_system", "Merit system"),
                panels.Line("baseline", "Baseline", dashed=True),
            ],
        ),
        ("Baseline", [panels.Line("baseline", "Baseline")]),
    ]
    panels.over_time_chart(weeks, ["policy"], lines, "title", tmp_path / "t.png", CAPTION)
    fig, _ = caught[0]
    first, second = fig.axes[:2]
    bands = [c for c in first.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 2  # the arm's band in each of its two cycles; none for the reference
    assert {line.get_linestyle() for line in first.lines} >= {"--", "-"}
    assert first.get_ylim() == second.get_ylim() and first.get_ylim()[0] == 0


def test_the_report_names_every_arm_tied_at_the_top_and_no_missing_baseline():
    # strength 0 makes follow-up irrelevant: identical arms, as in the deterrence grid
    runs = _runs({"a": 0.05, "b": 0.05, "c": 0.09})
    runs["enforcement.enforcement_probability"] = runs["policy"].map({"a": 0, "b": 1, "c": 0.5})
    runs.loc[runs["policy"] == "b", "violation_rate"] = runs.loc[
        runs["policy"] == "a", "violation_rate"
    ].to_numpy()
    swept = ["enforcement.enforcement_probability"]
    c = compare(runs, swept)
    named = arm_names(runs, swept)
    assert report._ranks(c) == ["1=", "1=", "3"]
    says = " ".join(report._findings(c, named, runs, swept))
    assert "Fewest violations (5.0%), 2 arms tied: PPK follow-up 0 and PPK follow-up 1" in says
    assert re.search(r"Most violations \(\d\.\d%\): PPK follow-up 0\.5\.", says)
    words = says + " ".join(report._caveats(c, policies_swept=False))
    assert "baseline" not in words.lower()


def test_the_funnel_table_shows_follow_up_with_its_counts():
    runs = _runs({"baseline": 0.10, "merit_system": 0.08})
    c = compare(runs, ["policy"])
    table = report._funnel_table(c, arm_names(runs, ["policy"]))
    row = next(line for line in table if line.startswith("| Merit system"))
    proven, sanctioned = c.table.set_index("arm").loc["merit_system", ["proven", "sanctioned"]]
    assert row.endswith(f"| {sanctioned / proven:.0%} ({sanctioned:.1f} of {proven:.1f}) |")


def test_the_caption_says_region_election_cycles_replications_and_seed():
    ctx = Context("regency", "6,700", "pilkada", "3", "10", (40, 40), (2020,))
    assert caption(ctx) == (
        "Simulated: regency (6,700 civil servants), Pilkada, 3 cycles of 10 campaign weeks, "
        "40 replications per arm, seed 2020."
    )
    varied = Context("", "", "pemilu", "1", "10", (4, 6), (1, 2))
    assert caption(varied, "id") == (
        "Simulasi: berbeda-beda, Pemilu, 1 siklus, masing-masing 10 minggu kampanye, "
        "4 sampai 6 ulangan per kelompok, 2 seed."
    )
    assert listing(["a", "b", "c"]) == "a, b and c"
    assert listing(["x 1, y 2", "x 3, y 4"]) == "x 1, y 2; and x 3, y 4"  # arms of a grid
