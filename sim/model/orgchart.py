"""The organisation chart: the tree of posts, generated or read from a user's chart.

``OrgChart`` holds each post's rank and supervising post as arrays;
``OrgChart.generate`` makes one from the rank head-counts. A user's chart is a
networkx graph or a GraphML file, checked and read into the same arrays
(``resolve_org_chart`` is the one place a run turns its settings into a chart).

A user's chart is a tree of posts under one root. The root is found from the edges'
direction (a directed graph points from supervisor to subordinate, or the other
way round throughout), or, in an undirected graph, from a node whose ``rank`` is
``ppk`` (or that is named ``ppk``). A root that is the PPK is the regional head,
not a civil servant: the posts under it are the sekda (or several top posts).
Ranks come from a ``rank`` attribute on every post (``jpt``, ``administrator``,
``pengawas``, ``functional``, ``pelaksana``, or 0 to 4), or, when no post has
one, from depth: the top two levels JPT, then administrator, pengawas, and
functional staff below.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

import networkx as nx
import numpy as np

from .parameters import RANKS, ConfigError, Params

NO_ONE = -1
"""Index used for 'no supervisor post' (the PPK sits above) and 'no candidate'."""


class Rank(IntEnum):
    """Ranks of the civil service, top (JPT, eselon II) to bottom."""

    JPT = 0
    ADMINISTRATOR = 1
    PENGAWAS = 2
    FUNCTIONAL = 3
    PELAKSANA = 4

    @property
    def label(self) -> str:
        return RANKS[self]


STRUCTURAL = (Rank.JPT, Rank.ADMINISTRATOR, Rank.PENGAWAS)
"""Ranks that lead a unit and so have subordinates."""


def rank_counts(civil_servants: int, weights: np.ndarray) -> np.ndarray:
    """Head-count per rank: ``weights`` scaled to ``civil_servants`` (largest remainder).

    Each structural rank keeps at least one post, so any region has a JPT, an
    administrator and a pengawas.
    """
    share = civil_servants * weights / weights.sum()
    counts = np.floor(share).astype(np.int64)
    order = np.argsort(-(share - counts), kind="stable")
    counts[order[: civil_servants - counts.sum()]] += 1
    for rank in STRUCTURAL:
        while counts[rank] < 1:
            counts[np.argmax(counts)] -= 1
            counts[rank] += 1
    return counts


def _spread_under(
    children: np.ndarray, parents: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Supervising post of each child post: parents take turns, so spans are even."""
    turn = rng.permutation(children.size) % parents.size
    return parents[rng.permutation(parents.size)][turn]


@dataclass
class OrgChart:
    """The tree of posts: PPK -> sekda -> JPT -> administrator -> pengawas -> staff.

    ``supervisor[p]`` is the post above post ``p``; the sekda's is ``NO_ONE``
    (the PPK itself). Spans of control follow from the rank head-counts.
    """

    rank: np.ndarray  # int8, per post
    supervisor: np.ndarray  # int32, per post

    @property
    def size(self) -> int:
        return self.rank.size

    @functools.cached_property
    def unit_size(self) -> np.ndarray:
        """Posts under each post, at every level below it (0 for staff). Read-only."""
        above = self.supervisor
        depth = np.zeros(self.size, dtype=np.int64)
        reach = above.copy()
        while (has := reach != NO_ONE).any():  # one level up a pass: as many passes as levels
            depth += has
            reach = np.where(has, above[np.maximum(reach, 0)], NO_ONE)
        size = np.zeros(self.size, dtype=np.int64)
        for level in range(int(depth.max(initial=0)), 0, -1):
            posts = np.flatnonzero(depth == level)
            np.add.at(size, above[posts], size[posts] + 1)
        size.flags.writeable = False
        return size

    @classmethod
    def generate(
        cls, civil_servants: int, weights: np.ndarray, rng: np.random.Generator
    ) -> OrgChart:
        counts = rank_counts(civil_servants, weights)
        rank = np.repeat(np.arange(len(RANKS), dtype=np.int8), counts)
        posts = np.arange(civil_servants)
        jpt, admin, pengawas = (posts[rank == r] for r in STRUCTURAL)
        staff = posts[rank >= Rank.FUNCTIONAL]
        supervisor = np.full(civil_servants, NO_ONE, dtype=np.int32)
        supervisor[jpt[1:]] = jpt[0]  # the first JPT post is the sekda
        supervisor[admin] = _spread_under(admin, jpt, rng)
        supervisor[pengawas] = _spread_under(pengawas, admin, rng)
        supervisor[staff] = _spread_under(staff, pengawas, rng)
        return cls(rank=rank, supervisor=supervisor)


KEY = "region.org_chart"
PPK = "ppk"


def chart_from_networkx(graph: nx.Graph, name: str = "the graph") -> OrgChart:
    """The posts of ``graph`` as an ``OrgChart``; a bad chart raises a one-line ``ConfigError``."""
    where = f"{KEY}={name}"
    if graph.number_of_nodes() == 0:
        raise ConfigError(f"{where} has no posts: give a tree of posts under one root")
    undirected = graph.to_undirected(as_view=True)
    if not nx.is_tree(undirected):
        parts = nx.number_connected_components(undirected)
        raise ConfigError(
            f"{where} is not a tree ({graph.number_of_nodes()} posts, "
            f"{undirected.number_of_edges()} ties, {parts} connected part(s)): give a tree of "
            "posts under one root"
        )
    root = _root(graph, where)
    order = list(nx.bfs_tree(undirected, root))
    parent = dict(nx.bfs_predecessors(undirected, root))
    ppk_on_top = _is_ppk(graph, root)
    posts = order[1:] if ppk_on_top else order
    if len(posts) < 20:
        raise ConfigError(f"{where} has {len(posts)} posts: a region needs at least 20")
    index = {node: i for i, node in enumerate(posts)}
    supervisor = np.array([index.get(parent.get(node), NO_ONE) for node in posts], dtype=np.int32)
    rank = _ranks(graph, posts, supervisor, where)
    for needed in STRUCTURAL:
        if not (rank == needed).any():
            raise ConfigError(
                f"{where} has no {RANKS[needed]} post: the career round needs at least one "
                "jpt, administrator and pengawas post"
            )
    return OrgChart(rank=rank, supervisor=supervisor)


def _is_ppk(graph: nx.Graph, node) -> bool:
    return str(graph.nodes[node].get("rank", "")).lower() == PPK or str(node).lower() == PPK


def _root(graph: nx.Graph, where: str):
    if graph.is_directed():
        tops = [n for n, d in graph.in_degree() if d == 0]
        if len(tops) == 1 and all(d <= 1 for _, d in graph.in_degree()):
            return tops[0]  # edges run from supervisor to subordinate
        bottoms = [n for n, d in graph.out_degree() if d == 0]
        if len(bottoms) == 1 and all(d <= 1 for _, d in graph.out_degree()):
            return bottoms[0]  # edges run from subordinate to supervisor
        raise ConfigError(
            f"{where} has ties in both directions: point every tie from supervisor to "
            "subordinate (or every tie the other way)"
        )
    marked = [n for n in graph if _is_ppk(graph, n)]
    if len(marked) != 1:
        raise ConfigError(
            f"{where} is undirected and has {len(marked)} node(s) marked as the PPK: mark "
            "exactly one root (rank 'ppk' or named 'ppk') or give a directed graph"
        )
    return marked[0]


def _ranks(graph: nx.Graph, posts: list, supervisor: np.ndarray, where: str) -> np.ndarray:
    given = [graph.nodes[node].get("rank") for node in posts]
    if all(value is None for value in given):
        return _ranks_from_depth(supervisor)
    rank = np.empty(len(posts), dtype=np.int8)
    for i, (node, value) in enumerate(zip(posts, given, strict=True)):
        rank[i] = _rank_of(node, value, where)
    return rank


def _rank_of(node, value, where: str) -> int:
    allowed = f"use one of {', '.join(RANKS)} (or 0 to {len(RANKS) - 1}) on every post"
    if value is None:
        raise ConfigError(f"{where}: post {node} has no rank while others have one: {allowed}")
    text = str(value).strip().lower()
    if text in RANKS:
        return RANKS.index(text)
    if text.isdigit() and int(text) < len(RANKS):
        return int(text)
    raise ConfigError(f"{where}: post {node} has rank {value!r}: {allowed}")


def _ranks_from_depth(supervisor: np.ndarray) -> np.ndarray:
    """Top two levels JPT (the sekda and the heads of agencies), then one rank a level."""
    depth = np.zeros(supervisor.size, dtype=np.int64)
    for post in range(supervisor.size):  # posts are in breadth-first order: parents first
        if supervisor[post] != NO_ONE:
            depth[post] = depth[supervisor[post]] + 1
    by_depth = np.array([Rank.JPT, Rank.JPT, Rank.ADMINISTRATOR, Rank.PENGAWAS, Rank.FUNCTIONAL])
    return by_depth[np.minimum(depth, by_depth.size - 1)].astype(np.int8)


def chart_to_networkx(chart: OrgChart) -> nx.DiGraph:
    """The chart as a directed graph of posts (supervisor -> subordinate) under ``"ppk"``."""
    graph = nx.DiGraph()
    graph.add_node(PPK, rank=PPK)
    graph.add_nodes_from((p, {"rank": RANKS[r]}) for p, r in enumerate(chart.rank.tolist()))
    graph.add_edges_from(
        (PPK if s == NO_ONE else s, p) for p, s in enumerate(chart.supervisor.tolist())
    )
    return graph


def load_org_chart(path: str | os.PathLike) -> OrgChart:
    """Read and check a GraphML organisation chart (cached while the file is unchanged)."""
    file = Path(path).expanduser()
    try:
        stat = file.stat()
    except OSError as error:
        raise ConfigError(
            f"{KEY}={path} cannot be read ({error.strerror}): give a .graphml file"
        ) from None
    return _load(str(file.resolve()), stat.st_mtime_ns, stat.st_size, str(path))


@functools.lru_cache(maxsize=8)
def _load(path: str, mtime_ns: int, size: int, shown: str) -> OrgChart:
    try:
        graph = nx.read_graphml(path)
    except Exception as error:  # networkx raises several kinds for a malformed file
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise ConfigError(f"{KEY}={shown} is not a GraphML file ({reason})") from None
    return chart_from_networkx(graph, shown)


def resolve_org_chart(
    params: Params, graph: nx.Graph | OrgChart | None = None
) -> tuple[Params, OrgChart | None]:
    """The user's organisation chart for a run, and ``params`` sized to it.

    ``graph`` if given (a networkx graph, or a chart already read), else the file
    ``region.org_chart`` names (checked here, so a bad file stops a run before anything
    is written); ``(params, None)`` when there is neither and the chart is generated.
    """
    if isinstance(graph, nx.Graph):
        chart = chart_from_networkx(graph)
    elif graph is not None:
        chart = graph
    elif params.region.org_chart is not None:
        chart = load_org_chart(params.region.org_chart)
    else:
        return params, None
    region = dataclasses.replace(params.region, civil_servants=chart.size)
    return dataclasses.replace(params, region=region), chart
