"""The region: its civil servants, their ranks, and its election."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import setting

WAJO = "data/calibration.md, 'The workforce': Wajo regency 2025"


@dataclass(frozen=True)
class RankWeights:
    """Relative head-counts of the ranks; the org chart is scaled from them."""

    jpt: float = setting(
        low=0.001,
        high=1e9,
        meaning="relative number of JPT (eselon II) posts",
        source=WAJO + " (31 JPT)",
    )
    administrator: float = setting(
        low=0.001,
        high=1e9,
        meaning="relative number of administrator (eselon III) posts",
        source=WAJO + " (165)",
    )
    pengawas: float = setting(
        low=0.001,
        high=1e9,
        meaning="relative number of pengawas (eselon IV) posts",
        source=WAJO + " (519)",
    )
    functional: float = setting(
        low=0, high=1e9, meaning="relative number of functional staff", source=WAJO + " (~3,400)"
    )
    pelaksana: float = setting(
        low=0,
        high=1e9,
        meaning="relative number of pelaksana staff",
        source=WAJO + " (the rest: 5,183 - 4,115)",
    )


@dataclass(frozen=True)
class PpkKindShares:
    """Who the regional head (PPK) is in a cycle: shares of regions, drawn every cycle."""

    incumbent: float = setting(
        low=0,
        high=1,
        meaning="share of cycles in which the sitting regional head runs again (on the ballot)",
        source="data/calibration.md line 85: about 85% of regions in Pilkada 2020 had an "
        "eligible incumbent (taken as running)",
    )
    successor: float = setting(
        low=0,
        high=1,
        meaning="share of cycles in which the sitting head does not run and backs a successor",
        source="the rest of data/calibration.md line 85 (15%), less acting heads",
    )
    acting: float = setting(
        low=0,
        high=1,
        meaning="share of cycles in which an acting head (Pj, appointed by the Home Ministry) "
        "is the PPK: not on the ballot, backing a side",
        source="assumption for Pilkada 2020 (heads elected in 2015 served until 2021); Pilkada "
        "2024: 271 of 545 regions (data/calibration.md line 110)",
    )


@dataclass(frozen=True)
class Region:
    """One regional government: its civil servants and its election."""

    name: str = setting(meaning="label of the region preset", source="region preset")
    # the high bound is a sanity bound; what fits in memory is checked before a run
    civil_servants: int = setting(
        low=20,
        high=100_000_000,
        meaning="number of civil servants (ASN) in the region "
        "(all regions together when regions > 1)",
        source="data/calibration.md, 'The workforce': about 6,700 per regional government",
    )
    regions: int = setting(
        low=1,
        high=1000,
        meaning="regional governments electing at once "
        "(1: one region; 545: Pilkada 2024, region=national)",
        source="data/calibration.md, 'The workforce': Pilkada 2024 was held in 545 regions",
    )
    size_spread: float = setting(
        low=0,
        high=3,
        meaning="when regions > 1: standard deviation of the log of a region's civil servants",
        source="assumption (data/calibration.md: 'heavily skewed', no size table)",
    )
    org_chart: str | None = setting(
        meaning="organisation chart: null generates one from the rank weights; a path to a "
        ".graphml file uses that chart (a tree under one root; ranks from a 'rank' "
        "attribute or from depth)",
        source="user's data",
        optional=True,
    )
    candidates: int = setting(
        low=2,
        high=10,
        meaning="candidates (pairs) on the ballot",
        source="data/calibration.md, 'The workforce': 741 pairs in 270 regions, 2.7 a region",
    )
    kinship_density: float = setting(
        low=0,
        high=1,
        meaning="share of kin groups with a kin or ethnic tie to a candidate",
        source="assumption; KASN survey (data/calibration.md, Target 4): kinship named by 50.8%",
    )
    kin_group_size: float = setting(
        low=2,
        high=50,
        meaning="mean size of a kin cluster among civil servants",
        source="assumption",
    )
    rank_weights: RankWeights = field(default_factory=RankWeights)
    ppk_kind: PpkKindShares = field(default_factory=PpkKindShares)


@dataclass(frozen=True)
class Election:
    """The vote, and how much the PPK's leverage depends on the kind of election."""

    kind: str = setting(
        meaning="pilkada: the PPK's seat is on the ballot; pemilu: national election, "
        "the PPK is not on the ballot",
        choices=("pilkada", "pemilu"),
    )
    pemilu_leverage: float = setting(
        low=0,
        high=1,
        meaning="PPK's career leverage in a pemilu relative to a pilkada it contests",
        source="assumption",
    )
    open_seat_leverage: float = setting(
        low=0,
        high=1,
        meaning="PPK's leverage when it backs a successor instead of running itself",
        source="assumption",
    )
    acting_leverage: float = setting(
        low=0,
        high=1,
        meaning="leverage of an acting head (Pj): it controls careers until the new head "
        "takes office, but is not on the ballot",
        source="assumption",
    )
    incumbency_advantage: float = setting(
        low=0,
        high=1,
        meaning="popularity share added to the incumbent's base popularity",
        source="assumption",
    )
    voters_per_civil_servant: float = setting(
        low=1,
        high=1000,
        meaning="voters in the region per civil servant",
        source="KPU DPT Pemilu 2024 (204.8 million voters) over 4.3 million ASN "
        "(data/calibration.md)",
    )
    mobilised_votes: float = setting(
        low=0,
        high=1000,
        meaning="votes a backing civil servant brings (family, subordinates, clients)",
        source="assumption",
    )
    vote_noise: float = setting(
        low=0.001,
        high=1,
        meaning="standard deviation of a candidate's vote share around its expectation",
        source="assumption",
    )
