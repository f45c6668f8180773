"""The organisation chart, kin ties and the networkx view."""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from sim.model.orgchart import NO_ONE, Rank, rank_counts
from sim.model.parameters import RANKS
from sim.model.perception import forget, set_prior
from sim.model.world import build_world, kin_edges, to_networkx

from .conftest import make_params

WAJO = np.array([31, 165, 519, 3400, 1068], dtype=float)  # data/calibration.md, 'The workforce'


@pytest.fixture(scope="module")
def regency_world():
    return build_world(make_params("region=regency"), np.random.default_rng(7))


def test_rank_counts_follow_the_wajo_shares_and_add_up():
    counts = rank_counts(6700, WAJO)
    assert counts.sum() == 6700
    # largest-remainder rounding: each rank within one head of its exact share
    assert np.all(np.abs(counts - 6700 * WAJO / WAJO.sum()) <= 1)
    assert counts[Rank.JPT] / 6700 == pytest.approx(0.006, abs=0.001)  # 'JPT about 0.6%'


def test_a_tiny_region_still_has_every_structural_rank():
    counts = rank_counts(20, WAJO)
    assert counts.sum() == 20 and np.all(counts[:3] >= 1)


def test_the_chart_is_a_tree_under_the_ppk_with_the_ranks_in_order(regency_world):
    world = regency_world
    supervisor, rank = world.supervisor, world.rank
    top = np.flatnonzero(supervisor == NO_ONE)
    assert top.size == 1 and rank[top[0]] == Rank.JPT  # the sekda
    others = supervisor != NO_ONE
    boss_rank = rank[supervisor[others]]
    own_rank = rank[others]
    expected_boss = np.where(
        own_rank >= Rank.FUNCTIONAL, Rank.PENGAWAS, np.maximum(own_rank - 1, 0)
    )
    assert np.array_equal(boss_rank, expected_boss)
    tree = nx.Graph()
    tree.add_edges_from(("ppk", int(s)) for s in top)
    tree.add_edges_from(map(tuple, world.hierarchy_edges().tolist()))
    assert nx.is_tree(tree) and tree.number_of_nodes() == world.size + 1


def test_spans_of_control_match_the_real_regency(regency_world):
    world = regency_world
    rank, supervisor = world.rank, world.supervisor
    # data/calibration.md: about 5 administrators per JPT, 3 pengawas per administrator,
    # 8 staff per pengawas. Spans are even by construction, so the mean is exact
    # and the spread at most one.
    for child, parent, span in ((1, 0, 165 / 31), (2, 1, 519 / 165), (3, 2, 4468 / 519)):
        child_ranks = (Rank.FUNCTIONAL, Rank.PELAKSANA) if child == 3 else (child,)
        kids = np.isin(rank, child_ranks)
        per_parent = np.bincount(supervisor[kids], minlength=world.size)[rank == parent]
        assert per_parent.mean() == pytest.approx(span, rel=0.05)
        assert per_parent.max() - per_parent.min() <= 1


def test_kin_ties_join_only_members_of_one_kin_group(regency_world):
    world = regency_world
    a, b = world.kin.T
    assert np.all(world.kin_group[a] == world.kin_group[b]) and np.all(a != b)
    sizes = np.bincount(world.kin_group)
    assert len(world.kin) == int((sizes * (sizes - 1) // 2).sum())  # every pair once
    assert sizes.mean() == pytest.approx(6, rel=0.05)


def test_kin_edges_of_a_hand_built_grouping():
    edges = {tuple(sorted(e)) for e in kin_edges(np.array([0, 1, 0, 0, 2, 1])).tolist()}
    assert edges == {(0, 2), (0, 3), (2, 3), (1, 5)}


def test_swapping_posts_moves_rank_and_subordinates_with_the_post(regency_world):
    world = build_world(make_params(), np.random.default_rng(3))
    jpt = int(np.flatnonzero(world.rank == Rank.ADMINISTRATOR)[0])
    staff = int(np.flatnonzero(world.rank == Rank.PELAKSANA)[0])
    subordinates = set(np.flatnonzero(world.supervisor == jpt).tolist())
    world.swap_posts(jpt, staff)
    assert world.rank[staff] == Rank.ADMINISTRATOR and world.rank[jpt] == Rank.PELAKSANA
    assert set(np.flatnonzero(world.supervisor == staff).tolist()) == subordinates


def test_networkx_view_has_every_tie_with_its_kind(tmp_path):
    world = build_world(make_params(), np.random.default_rng(5))
    groups = int(world.kin_group.max()) + 1
    candidate_of_group = np.where(np.arange(groups) % 4 == 0, np.arange(groups) % 3, NO_ONE)
    graph = to_networkx(world, candidate_of_group)
    kinds = nx.get_edge_attributes(graph, "kind")
    assert sum(k == "hierarchy" for k in kinds.values()) == world.size  # a tree: n + 1 nodes
    assert {"hierarchy", "kin", "candidate_kin"} == set(kinds.values())
    assert {graph.nodes[i]["rank"] for i in range(world.size)} == set(RANKS)
    nx.write_graphml(graph, tmp_path / "region.graphml")
    back = nx.read_graphml(tmp_path / "region.graphml")
    assert back.number_of_edges() == graph.number_of_edges()


def test_fixed_forgetting_fades_experience_towards_the_prior_and_keeps_the_prior():
    params = make_params(
        "perception=fixed", "perception.prior_risk=0.3", "perception.prior_weight=5"
    )
    world = build_world(params, np.random.default_rng(3))
    set_prior(world, params)
    world.punished_seen[:10] += 4.0  # sanctions seen by the first ten
    world.unpunished_seen[10:20] += 6.0  # impunity seen by the next ten
    half = build_world(params, np.random.default_rng(3))
    half.punished_seen, half.unpunished_seen = (
        world.punished_seen.copy(),
        world.unpunished_seen.copy(),
    )
    forget(half, params.replace(**{"perception.memory": 0.5}))
    assert np.allclose(half.punished_seen[:10], 1.5 + 2.0)  # prior 0.3 x 5 plus half of 4
    assert np.allclose(half.unpunished_seen[10:20], 3.5 + 3.0)
    forget(world, params.replace(**{"perception.memory": 0.0}))  # back at the prior, not 0/0
    assert np.allclose(world.perceived_risk, 0.3)
