"""A user's organisation chart (networkx graph or GraphML file) as the region's chart."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import sim
from sim.model.model import PatronageModel
from sim.model.orgchart import (
    NO_ONE,
    OrgChart,
    Rank,
    chart_from_networkx,
    chart_to_networkx,
    load_org_chart,
)
from sim.model.parameters import RANKS, ConfigError

from .conftest import make_params, patronage

CHART = Path(__file__).parent / "data" / "small_chart.graphml"
"""A small regency: the PPK, the sekda, 2 heads of agencies, 4 administrators (one of
them under the sekda), 8 pengawas and 25 staff."""


def test_a_graphml_chart_is_read_with_its_ranks_and_tree():
    chart = load_org_chart(CHART)
    assert chart.size == 40  # the PPK is not a post
    counts = np.bincount(chart.rank, minlength=len(RANKS))
    assert counts.tolist() == [3, 4, 8, 16, 9]
    top = np.flatnonzero(chart.supervisor == NO_ONE)
    assert top.size == 1 and chart.rank[top[0]] == Rank.JPT  # the sekda
    staff = chart.rank >= Rank.FUNCTIONAL
    assert np.all(chart.rank[chart.supervisor[staff]] == Rank.PENGAWAS)


def test_without_ranks_they_come_from_depth():
    graph = nx.read_graphml(CHART)
    # the depth rule needs a regular chart: the sekda's own administrator moves a level down
    graph.remove_edge("sekda", "kepala bidang 0")
    graph.add_edge("kepala dinas 0", "kepala bidang 0")
    given = chart_from_networkx(graph)
    for node in graph:
        if node != "ppk":
            del graph.nodes[node]["rank"]
    inferred = chart_from_networkx(graph)
    structural = given.rank <= Rank.PENGAWAS
    assert np.array_equal(inferred.rank[structural], given.rank[structural])
    assert np.all(inferred.rank[~structural] == Rank.FUNCTIONAL)


def test_a_generated_chart_survives_the_round_trip_through_graphml(tmp_path):
    params = make_params()
    chart = OrgChart.generate(300, np.array([31, 165, 519, 3400, 1068.0]), np.random.default_rng(3))
    nx.write_graphml(chart_to_networkx(chart), tmp_path / "chart.graphml")
    back = load_org_chart(tmp_path / "chart.graphml")
    assert back.size == chart.size == params.region.civil_servants
    assert np.array_equal(np.bincount(back.rank), np.bincount(chart.rank))

    def ties_by_rank(c: OrgChart) -> list[tuple[int, int]]:
        has = c.supervisor != NO_ONE
        return sorted(zip(c.rank[has].tolist(), c.rank[c.supervisor[has]].tolist(), strict=True))

    assert ties_by_rank(back) == ties_by_rank(chart)


def test_a_run_uses_the_chart_file_and_takes_its_size():
    result = sim.run(["region=small", f"region.org_chart={CHART}", "replications=2", "cycles=1"])
    assert result.params.region.civil_servants == 40
    assert (result.summary["violators"] <= 40).all()
    assert len(result.summary) == 2


def test_a_networkx_graph_can_be_given_to_the_model():
    graph = nx.read_graphml(CHART)
    model = PatronageModel(make_params(), org_chart=graph)
    assert model.world.size == 40
    while model.running:
        model.step()
    assert nx.is_arborescence(model.org_chart())


def _bad(graph: nx.Graph) -> str:
    with pytest.raises(ConfigError) as caught:
        chart_from_networkx(graph, "chart.graphml")
    message = str(caught.value)
    assert "\n" not in message and message.startswith("region.org_chart=chart.graphml")
    return message


def test_a_chart_that_is_not_a_tree_is_refused():
    graph = nx.read_graphml(CHART)
    graph.add_edge("staf 0", "staf 1")
    assert "is not a tree" in _bad(graph)


def test_ties_in_both_directions_are_refused():
    graph = nx.read_graphml(CHART)
    graph.remove_edge("kepala seksi 0", "staf 0")
    graph.add_edge("staf 0", "kepala seksi 0")
    assert "both directions" in _bad(graph)


def test_an_unknown_rank_is_refused():
    graph = nx.read_graphml(CHART)
    graph.nodes["staf 3"]["rank"] = "boss"
    assert "post staf 3 has rank 'boss': use one of jpt" in _bad(graph)


def test_a_chart_without_administrators_is_refused():
    graph = nx.read_graphml(CHART)
    for _, data in graph.nodes(data=True):
        if data["rank"] == "administrator":
            data["rank"] = "jpt"
    assert "has no administrator post" in _bad(graph)


def test_a_missing_or_broken_file_is_refused(tmp_path):
    with pytest.raises(ConfigError, match=r"^region.org_chart=\S+ cannot be read"):
        load_org_chart(tmp_path / "none.graphml")
    broken = tmp_path / "broken.graphml"
    broken.write_text("not xml at all")
    with pytest.raises(ConfigError, match=r"^region.org_chart=\S+ is not a GraphML file"):
        load_org_chart(broken)


def test_the_command_refuses_a_bad_chart_and_writes_nothing(tmp_path):
    out = tmp_path / "out"
    done = patronage(
        f"region.org_chart={tmp_path / 'none.graphml'}",
        f"hydra.run.dir={out}",
        cwd=tmp_path,
        module=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("patronage: error: region.org_chart=")
    assert len(done.stderr.strip().splitlines()) == 1 and not out.exists()
