"""The reform_2027 report: its numbers on hand-built tables, and both reports from a partial sweep.

The chance a design is best and the country's totals are checked on tables small enough
to work out by hand; a real (small) sweep with one job removed shows the English and the
Indonesian report build from what finished, name what did not, and print the numbers
recomputed here from the jobs' own tables.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from sim.sweeps.collect import collect
from sim.sweeps.reform import chance_best, compare_regimes, national_totals, per_replication
from sim.sweeps.report import build_report

from .conftest import patronage, read

# -- hand-built -------------------------------------------------------------------------


def test_the_chance_of_being_best_counts_draws_and_shares_ties():
    # draw 0: b lowest; draw 1: a and b tied lowest; draw 2: c lowest (its two replications
    # average 0.1, below a's 0.2 and b's 0.3): b gets 1 + 1/2, a 1/2, c 1 of 3 draws
    rows = [
        (0, 0, "a", 0.2), (0, 0, "b", 0.1), (0, 0, "c", 0.3),
        (1, 1, "a", 0.1), (1, 1, "b", 0.1), (1, 1, "c", 0.2),
        (2, 2, "a", 0.2), (2, 2, "b", 0.3), (2, 2, "c", 0.0),
        (3, 2, "a", 0.2), (3, 2, "b", 0.3), (3, 2, "c", 0.2),
    ]  # fmt: skip
    table = pd.DataFrame(rows, columns=["replication", "draw", "regime", "violation_rate"])
    chance = chance_best(table, "violation_rate")
    assert chance["a"] == pytest.approx(1 / 6)
    assert chance["b"] == pytest.approx(1 / 2)
    assert chance["c"] == pytest.approx(1 / 3)
    assert chance.sum() == pytest.approx(1)


def _summary(regime: str, replication: int, cycle: int, proven: int, ignored: int, rate: float):
    return {
        "regime": regime, "replication": replication, "cycle": cycle,
        "violation_rate": rate, "violation_rate_jpt": 2 * rate,
        "mean_weeks_to_sanction": 6.0, "jpt_loyalists": 0.5, "jpt_competence": 0.4,
        "violators": 100 * rate, "reported": proven + 2, "reports_expired": 1,
        "proven": proven, "sanctioned": proven - ignored, "recommendations_ignored": ignored,
    }  # fmt: skip


def test_regimes_are_compared_with_kasn_on_the_same_replications():
    # KASN leaves 2 of 10 proven unsanctioned over two cycles in replication 0 and 1 of 10
    # in replication 1; the binding body none. Violations lower by 0.01 and 0.03: mean 0.02.
    rows = [
        _summary("kasn_2020", 0, 1, 6, 1, 0.10), _summary("kasn_2020", 0, 2, 4, 1, 0.10),
        _summary("kasn_2020", 1, 1, 5, 1, 0.12), _summary("kasn_2020", 1, 2, 5, 0, 0.12),
        _summary("body_binding", 0, 1, 6, 0, 0.09), _summary("body_binding", 0, 2, 4, 0, 0.09),
        _summary("body_binding", 1, 1, 5, 0, 0.09), _summary("body_binding", 1, 2, 5, 0, 0.09),
    ]  # fmt: skip
    compared = compare_regimes(
        per_replication(pd.DataFrame(rows)), ["kasn_2020", "body_binding"]
    ).set_index("regime")
    assert compared.at["kasn_2020", "unsanctioned"] == pytest.approx((0.2 + 0.1) / 2)
    assert compared.at["body_binding", "unsanctioned"] == 0
    assert compared.at["body_binding", "change_pp"] == pytest.approx(-2.0)
    # paired: differences -1 and -3 points, sd sqrt(2), half-width 1.96 sqrt(2) / sqrt(2)
    assert compared.at["body_binding", "change_pp_95"] == pytest.approx(1.96)
    assert compared.at["body_binding", "unsanctioned_pp"] == pytest.approx(-15.0)
    # each replication is a unit without draws: binding is lowest in both
    assert compared.at["body_binding", "best_violations"] == 1
    assert compared.at["kasn_2020", "verified"] == pytest.approx((12 + 12) / 2 / 2 + 0.0)


def test_the_countrys_totals_add_up_the_regions_of_one_election():
    regions = pd.DataFrame(
        {
            "regime": ["kasn_2020"] * 2,
            "replication": [0, 0],
            "cycle": [1, 1],
            "civil_servants": [1000, 3000],
            "violators": [100, 200],
            "reported": [5, 7],
            "reports_expired": [1, 0],
            "proven": [4, 6],
            "sanctioned": [3, 6],
            "recommendations_ignored": [1, 0],
            "mean_weeks_to_sanction": [4.0, 8.0],
            "jpt_loyalists": [0.2, 0.6],
        }
    )
    row = national_totals(regions).iloc[0]
    assert row.violators == 300 and row.civil_servants == 4000
    assert row.violation_rate == pytest.approx(300 / 4000)
    assert row.verified == 11 and row.recommendations_ignored == 1
    assert row.weeks_to_sanction == pytest.approx((3 * 4 + 6 * 8) / 9)  # per sanction
    assert row.jpt_loyalists == pytest.approx((0.2 * 1000 + 0.6 * 3000) / 4000)


# -- a real sweep, cut short ----------------------------------------------------------------

NATIONAL = (
    "hydra.sweeper.also=[{region:national,region.regions:3,region.civil_servants:1500,"
    "uncertainty:none,replications:1,cycles:1}]"
)


@pytest.fixture(scope="module")
def partial(tmp_path_factory):
    """Three regimes on the small region and a three-region country; one job then undone."""
    folder = tmp_path_factory.mktemp("reform")
    done = patronage(
        "-m",
        "experiment=reform_2027",
        "region=small",
        "replications=4",
        "cycles=2",
        "regime=kasn_2020,transition_2024,body_binding",
        "perception=learned",
        "election.kind=pilkada",
        "careers.jpt_appointment=region",
        NATIONAL,
        f"hydra.sweep.dir={folder}",
        cwd=folder,
    )
    assert done.returncode == 0, done.stderr
    regency = [f for f in folder.glob("*regime=transition_2024*") if "national" not in f.name]
    (regency[0] / "done.json").unlink()
    return folder


def test_the_sweeper_runs_the_further_grid_with_its_own_settings(partial):
    folder = partial
    regions = collect(folder).regions
    # the national grid keeps replications=1 although the command line said 4
    assert sorted(regions.groupby("regime").replication.nunique()) == [1, 1, 1]
    assert regions.groupby(["regime", "replication", "cycle"]).size().tolist() == [3, 3, 3]


def test_both_reports_build_from_a_partial_sweep_and_name_what_is_missing(partial):
    folder = partial
    build_report(folder)
    report = (folder / "report.md").read_text()
    laporan = (folder / "laporan.md").read_text()
    assert "transition_2024" in report.split("## Not yet finished")[1]
    assert "## Not yet finished" in laporan  # the list of jobs is the same in both
    for text, words in ((report, "Designs ranked"), (laporan, "Peringkat desain")):
        assert words in text
    assert (folder / "reform_2027.png").stat().st_size > 10_000
    assert (folder / "reform_2027_id.png").stat().st_size > 10_000
    # the unsanctioned share printed for KASN is the jobs' own: sums over cycles and
    # replications of recommendations ignored over proven, as each report writes it
    runs = read(folder / "runs.csv")
    kasn = runs[runs.regime == "kasn_2020"].groupby("replication")
    shares = kasn.recommendations_ignored.sum() / kasn.proven.sum().replace(0, np.nan)
    expected = 100 * shares.mean()
    rate = 100 * runs[runs.regime == "kasn_2020"].violation_rate.mean()
    assert f"| KASN (2020) | {rate:.2f} ± " in report
    assert f"| {expected:.1f}% |" in report
    assert f"| {expected:.1f}% |".replace(".", ",") in laporan
    # the transition's arm did not finish: no row for it in the regency's ranking
    ranked = report.split("## Designs ranked")[1].split("##")[0]
    assert "Transition (2024)" not in ranked and "Independent body, binding" in ranked
    # the country: three regions, one election per design, totals of the regions' rows
    totals = pd.read_csv(folder / "national_totals.csv").set_index("regime")
    regions = collect(folder).regions.groupby("regime").violators.sum()
    assert totals.violators.to_dict() == pytest.approx(regions.to_dict())
