"""The world: a region's organisation chart, kinship ties and civil servants.

Posts and people are kept apart. A *post* has a rank and a supervising post
(the organisation chart, a tree under the PPK); a *civil servant* has traits
(integrity, competence, knowledge, kin group) and learned beliefs, and holds
one post. The career round moves people between posts; the chart stays.

Everything is held in numpy arrays indexed by civil servant, and the social
graph (hierarchy plus kinship) as a scipy CSR matrix. A networkx graph is
built only on request (``to_networkx``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx
import numpy as np
import scipy.sparse as sp

from .orgchart import NO_ONE, OrgChart
from .parameters import RANKS, Params


def kin_groups(civil_servants: int, mean_size: float, rng: np.random.Generator) -> np.ndarray:
    """Kin group of each civil servant: clusters of about ``mean_size`` people."""
    n_groups = max(1, int(round(civil_servants / mean_size)))
    return rng.integers(n_groups, size=civil_servants).astype(np.int32)


def kin_edges(group: np.ndarray) -> np.ndarray:
    """Every pair of civil servants in the same kin group, as an (E, 2) array."""
    order = np.argsort(group, kind="stable")
    sorted_group = group[order]
    pairs = []
    offset = 1
    while True:
        same = sorted_group[offset:] == sorted_group[:-offset]
        if not same.any():
            break
        idx = np.flatnonzero(same)
        pairs.append(np.column_stack((order[idx], order[idx + offset])))
        offset += 1
    if not pairs:
        return np.empty((0, 2), dtype=np.int64)
    return np.concatenate(pairs)


def symmetric_csr(edges: np.ndarray, n: int, distinct: bool = False) -> sp.csr_matrix:
    """Unweighted undirected adjacency of ``edges`` (duplicates merged), int32 indices.

    ``distinct``: no tie is given twice (in either direction), so there is nothing to
    merge and the columns of a row are left in the order given (faster).
    """
    rows = np.concatenate((edges[:, 0], edges[:, 1])).astype(np.int32)
    cols = np.concatenate((edges[:, 1], edges[:, 0])).astype(np.int32)
    ones = np.ones(rows.size, dtype=np.float32)
    coo = sp.coo_matrix((ones, (rows, cols)), shape=(n, n))
    coo.has_canonical_format = distinct  # tells scipy there are no duplicates to sum
    adjacency = coo.tocsr()
    adjacency.data[:] = 1.0
    return adjacency


def neighbours_of(
    adjacency: sp.csr_matrix | Ties, who: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Everyone tied to each of ``who``: (neighbour, position in ``who``) for every tie.

    The rows of ``who`` in the adjacency, end to end: ``adjacency @ x`` for an ``x``
    that is zero outside ``who``, without touching the other rows.
    """
    if isinstance(adjacency, Ties):
        return adjacency.neighbours_of(who)
    start = adjacency.indptr[who]
    count = adjacency.indptr[who + 1] - start
    ends = np.cumsum(count)
    position = np.arange(ends[-1] if ends.size else 0) + np.repeat(start - ends + count, count)
    return adjacency.indices[position], np.repeat(np.arange(who.size), count)


@dataclass
class Ties:
    """Everyone each civil servant sees, in two parts that add up to ``World.adjacency()``.

    ``kin`` (cliques of kin groups) is made once, since kin groups never change;
    ``hierarchy`` (supervisor and subordinates not already kin) is made each cycle,
    since the career round moves people. No tie is in both.
    """

    kin: sp.csr_matrix
    hierarchy: sp.csr_matrix

    @property
    def degree(self) -> np.ndarray:
        """Number of neighbours of each civil servant."""
        return np.diff(self.kin.indptr) + np.diff(self.hierarchy.indptr)

    def neighbours_of(self, who: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """``neighbours_of`` over both parts."""
        kin, kin_whose = neighbours_of(self.kin, who)
        boss, boss_whose = neighbours_of(self.hierarchy, who)
        return np.concatenate((kin, boss)), np.concatenate((kin_whose, boss_whose))

    def matrix(self) -> sp.csr_matrix:
        """The 0/1 adjacency as one CSR matrix."""
        return self.kin + self.hierarchy


@dataclass
class World:
    """A region: posts, the civil servants who hold them, and their ties.

    Traits are fixed for a civil servant's life; beliefs (perceived risk)
    and the career record change as cycles go by.
    """

    chart: OrgChart
    holder: np.ndarray  # civil servant holding each post
    post_of: np.ndarray  # post held by each civil servant
    kin_group: np.ndarray  # kin group of each civil servant
    kin: np.ndarray  # (E, 2) kin ties among civil servants
    integrity_z: np.ndarray  # standardised integrity (mean and spread come from params)
    knowledge_rank: np.ndarray  # uniform(0, 1): who knows the rules when a share does
    risk_attitude: np.ndarray  # multiplier on the expected sanction
    competence: np.ndarray  # standard normal; merit promotion looks at it
    punished_seen: np.ndarray  # learned: cases seen end in a sanction (beta pseudo-count)
    unpunished_seen: np.ndarray  # learned: cases seen end without one
    promoted: np.ndarray  # career record: times promoted
    demoted: np.ndarray  # career record: times demoted
    times_sanctioned: np.ndarray  # career record: sanctions received
    loyalty_payoff: float  # learned: share of promotions believed to reward loyalty
    # learned: (4, N) sanctions seen at each level of the ladder (Dirichlet pseudo-counts)
    levels_seen: np.ndarray | None = None
    severity_seen: np.ndarray | None = None  # sum over levels of counts x disutility, kept
    levels_total: np.ndarray | None = None  # sum over levels of counts, kept
    # learned: cases heard of in the news, the same for everyone: sanctioned, unsanctioned,
    # and sanctions at each level (sim.model.perception.SANCTIONED, UNSANCTIONED)
    heard: np.ndarray = field(default_factory=lambda: np.zeros(6))
    # what each believes now (sim.model.perception.refresh): chance a violation ends in a
    # sanction, its expected disutility relative to a medium one, and their product
    certainty: np.ndarray | None = None
    severity: np.ndarray | None = None
    sanction_belief: np.ndarray | None = None
    beliefs_changed: bool = True  # something was learned since the last refresh
    beliefs_version: int = 0  # refreshes so far (the choice recomputes its cost on a change)
    # set by the winner's reshuffle (sim.model.careers): sidelined, a post without its unit
    non_job: np.ndarray | None = None
    # per post: how its holder was last placed (sim.model.careers.PLACED_BY_MERIT ...)
    placed_by: np.ndarray | None = None
    # rank and supervisor of each civil servant follow from the posts; kept until a swap
    _derived: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _lasting: dict[str, sp.csr_matrix] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.non_job is None:
            self.non_job = np.zeros(self.holder.size, dtype=bool)
        if self.placed_by is None:
            self.placed_by = np.zeros(self.holder.size, dtype=np.int8)

    @property
    def size(self) -> int:
        return self.holder.size

    @property
    def rank(self) -> np.ndarray:
        """Rank of each civil servant (of the post they hold). Read-only."""
        if "rank" not in self._derived:
            rank = self.chart.rank[self.post_of]
            rank.flags.writeable = False
            self._derived["rank"] = rank
        return self._derived["rank"]

    @property
    def supervisor(self) -> np.ndarray:
        """Supervising civil servant of each civil servant (``NO_ONE`` for the sekda). Read-only."""
        if "supervisor" not in self._derived:
            post = self.chart.supervisor[self.post_of]
            boss = np.where(post == NO_ONE, NO_ONE, self.holder[np.maximum(post, 0)])
            boss.flags.writeable = False
            self._derived["supervisor"] = boss
        return self._derived["supervisor"]

    @property
    def perceived_risk(self) -> np.ndarray:
        """Perceived chance that a violation ends in a sanction."""
        if self.certainty is not None:
            return self.certainty
        return self.punished_seen / (self.punished_seen + self.unpunished_seen)

    def hierarchy_edges(self) -> np.ndarray:
        """(E, 2) ties from each civil servant to their supervisor."""
        supervisor = self.supervisor
        has = supervisor != NO_ONE
        return np.column_stack((np.flatnonzero(has), supervisor[has]))

    def adjacency(self) -> sp.csr_matrix:
        """Everyone one sees: supervisor, subordinates and kin (0/1, ties counted once)."""
        return self.ties().matrix()

    def ties(self) -> Ties:
        """The adjacency in its two parts, kin (made once) and hierarchy (made now)."""
        if "kin" not in self._lasting:
            self._lasting["kin"] = symmetric_csr(self.kin, self.size, distinct=True)
        boss = self.hierarchy_edges()
        # kin are cliques: a supervisor of one's own kin group is already a neighbour
        across = boss[self.kin_group[boss[:, 0]] != self.kin_group[boss[:, 1]]]
        hierarchy = symmetric_csr(across, self.size, distinct=True)
        return Ties(kin=self._lasting["kin"], hierarchy=hierarchy)

    def swap_posts(self, a: int, b: int) -> None:
        """Civil servants ``a`` and ``b`` exchange posts."""
        pa, pb = self.post_of[a], self.post_of[b]
        self.post_of[a], self.post_of[b] = pb, pa
        self.holder[pa], self.holder[pb] = b, a
        self._derived.clear()


def build_world(params: Params, rng: np.random.Generator, chart: OrgChart | None = None) -> World:
    """A region's organisation chart, kin groups and civil servants.

    Beliefs about sanctions start empty: ``sim.model.perception.set_prior`` sets the
    first one (the model calls it), which needs the ranks the chart gives.

    The chart is ``chart`` if given (a user's, see ``sim.model.orgchart``), else one
    generated from the rank weights.
    """
    region = params.region
    if chart is None:
        weights = np.array([getattr(region.rank_weights, r) for r in RANKS], dtype=float)
        chart = OrgChart.generate(region.civil_servants, weights, rng)
    n = chart.size
    group = kin_groups(n, region.kin_group_size, rng)
    people = np.arange(n, dtype=np.int64)
    # who holds which post is random: traits are independent of rank at the start
    holder = rng.permutation(n).astype(np.int64)
    post_of = np.empty(n, dtype=np.int64)
    post_of[holder] = people
    world = World(
        chart=chart,
        holder=holder,
        post_of=post_of,
        kin_group=group,
        kin=kin_edges(group),
        integrity_z=rng.standard_normal(n),
        knowledge_rank=rng.random(n),
        risk_attitude=rng.lognormal(0.0, 0.25, n),
        competence=rng.standard_normal(n),
        punished_seen=np.zeros(n),
        unpunished_seen=np.zeros(n),
        promoted=np.zeros(n, dtype=np.int32),
        demoted=np.zeros(n, dtype=np.int32),
        times_sanctioned=np.zeros(n, dtype=np.int32),
        loyalty_payoff=params.careers.prior_loyalty_payoff,
    )
    return world


def to_networkx(world: World, candidate_of_group: np.ndarray | None = None) -> nx.Graph:
    """The region as a networkx graph whose edges carry a ``kind``.

    Nodes are civil servants (integers, with ``rank``, ``kin_group`` and
    ``post``), ``"ppk"`` and, when ``candidate_of_group`` is given, one
    ``"candidate <k>"`` node per candidate with ``candidate_kin`` ties to the
    civil servants of the kin groups tied to it.
    """
    graph = nx.Graph()
    rank = world.rank
    graph.add_node("ppk", kind="regional_head")
    for i in range(world.size):
        graph.add_node(
            i,
            kind="civil_servant",
            rank=RANKS[rank[i]],
            kin_group=int(world.kin_group[i]),
            post=int(world.post_of[i]),
        )
    sekda = world.holder[np.flatnonzero(world.chart.supervisor == NO_ONE)]
    graph.add_edges_from((("ppk", int(s)) for s in sekda), kind="hierarchy")
    graph.add_edges_from(map(tuple, world.hierarchy_edges().tolist()), kind="hierarchy")
    for a, b in world.kin.tolist():
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, kind="kin")
    if candidate_of_group is not None:
        tied = candidate_of_group[world.kin_group]
        for k in range(int(candidate_of_group.max(initial=-1)) + 1):
            graph.add_node(f"candidate {k}", kind="candidate")
        for i in np.flatnonzero(tied != NO_ONE).tolist():
            graph.add_edge(i, f"candidate {tied[i]}", kind="candidate_kin")
    return graph
