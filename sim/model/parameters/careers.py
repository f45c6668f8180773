"""Careers: the stakes each rank has in the PPK, and the career round after the vote."""

from __future__ import annotations

from dataclasses import dataclass, field

from .base import RANKS, PerCycle, setting


@dataclass(frozen=True)
class CareerStakes:
    """How much each rank's next post depends on the PPK (0: not at all, 1: wholly)."""

    jpt: float = setting(
        low=0,
        high=1,
        meaning="career stake of a JPT (appointed by the PPK directly)",
        source="assumption",
    )
    administrator: float = setting(
        low=0, high=1, meaning="career stake of an administrator", source="assumption"
    )
    pengawas: float = setting(
        low=0, high=1, meaning="career stake of a pengawas", source="assumption"
    )
    functional: float = setting(
        low=0, high=1, meaning="career stake of functional staff", source="assumption"
    )
    pelaksana: float = setting(
        low=0, high=1, meaning="career stake of pelaksana staff", source="assumption"
    )

    def by_rank(self) -> tuple[float, ...]:
        """Career stake by rank, in the order of ``RANKS``."""
        return tuple(getattr(self, rank) for rank in RANKS)


@dataclass(frozen=True)
class Careers:
    """The career round after the vote: who fills senior posts, by loyalty or merit."""

    merit_weight: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="share of senior-post decisions made on merit rather than loyalty",
        source="assumption",
    )
    turnover: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="share of senior posts (JPT, administrator) reviewed after each election",
        source="assumption",
    )
    prior_loyalty_payoff: float = setting(
        low=0,
        high=1,
        meaning="how far civil servants believe loyalty decides promotions, "
        "before any career round",
        source="assumption",
    )
    loyalty_weight: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="weight the winner gives to loyalty shown (weeks backing it, less weeks "
        "backing a rival, over the campaign's weeks) against competence, for the posts it "
        "decides",
        source="assumption; placements follow involvement in the election (seed 000)",
    )
    purge_severity: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="career loss a JPT or administrator expects for not backing the winner "
        "(x stake x win chance x believed loyalty payoff): fear of a purge",
        source="assumption; fear of being cut off or sidelined (seed 002)",
    )
    shortlist: int = setting(
        low=1,
        high=100,
        meaning="civil servants of the rank below considered for a post",
        source="assumption",
    )
    jpt_appointment: str = setting(
        meaning="who appoints, moves and dismisses JPT: region (the regional head, as PPK; "
        "today) or president (the ASN law revision debated in 2025: in a Pilkada the regional "
        "head has no career lever over JPT; in a Pemilu the President's side has it)",
        source="data/calibration.md lines 118-121",
        choices=("region", "president"),
    )
    president_leverage: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="with jpt_appointment=president, in a Pemilu: the leverage over JPT careers of "
        "the national incumbent's side (the side the PPK backs), replacing "
        "election.pemilu_leverage for JPT",
        source="assumption: 1, the President's side holds JPT careers as directly as an "
        "incumbent PPK does in a Pilkada; the PPK's side in a Pemilu is taken to be the "
        "national incumbent's (most regional heads belong to the governing coalition)",
    )
    stakes: CareerStakes = field(default_factory=CareerStakes)
