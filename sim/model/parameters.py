"""The model's parameters: every setting, typed, with its range, meaning and source.

The YAML files under ``configs/`` hold the values; this module holds what a
value may be. Every setting is a dataclass field whose metadata gives its
allowed range, its meaning and where its default comes from, so validation
(``sim.model.validation``), the ODD parameter table and the tests read from one
place.

A setting typed ``PerCycle[...]`` may also be a *timeline*: a list with one value
per election cycle (``enforcement.enforcement_probability=[0.9,0.9,0.1,0.1]``), so a
user can ask what happens when enforcement collapses or surges for a while.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union

T = TypeVar("T")

PerCycle = Union[T, tuple[T, ...]]  # noqa: UP007 (a generic alias: PerCycle[float])
"""A setting that may be one value for the whole run or a timeline, one value per cycle."""


class ConfigError(ValueError):
    """A setting is missing, of the wrong type or out of its range.

    The message is one line: the key, the value given and what is allowed.
    """


def setting(
    *,
    low: float | None = None,
    high: float | None = None,
    meaning: str = "",
    source: str = "",
    choices: tuple[str, ...] | None = None,
    optional: bool = False,
) -> Any:
    """A dataclass field carrying the range, meaning and source of a setting.

    ``low`` and ``high`` bound a number; ``choices`` lists the names a text setting
    may take; ``optional``: the setting may also be null (``None``).
    """
    return field(
        metadata={
            "low": low,
            "high": high,
            "meaning": meaning,
            "source": source,
            "choices": choices,
            "optional": optional,
        }
    )


# ----------------------------------------------------------------------------
# The groups of settings
# ----------------------------------------------------------------------------

RANKS = ("jpt", "administrator", "pengawas", "functional", "pelaksana")
"""Ranks of the civil service, from the top (JPT, eselon II) down."""

WAJO = "calibration.md, 'The workforce': Wajo regency 2025"
CALIBRATED = "fitted to calibration.md, Target 3 (experiments/calibration)"


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
class Region:
    """One regional government: its civil servants and its election."""

    name: str = setting(meaning="label of the region preset", source="region preset")
    # the high bound is a sanity bound; what fits in memory is checked before a run
    civil_servants: int = setting(
        low=20,
        high=100_000_000,
        meaning="number of civil servants (ASN) in the region "
        "(all regions together when regions > 1)",
        source="calibration.md, 'The workforce': about 6,700 per regional government",
    )
    regions: int = setting(
        low=1,
        high=1000,
        meaning="regional governments electing at once "
        "(1: one region; 545: Pilkada 2024, region=national)",
        source="calibration.md, 'The workforce': Pilkada 2024 was held in 545 regions",
    )
    size_spread: float = setting(
        low=0,
        high=3,
        meaning="when regions > 1: standard deviation of the log of a region's civil servants",
        source="assumption (calibration.md: 'heavily skewed', no size table)",
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
        source="calibration.md, 'The workforce': 741 pairs in 270 regions, 2.7 a region",
    )
    incumbent_runs: float = setting(
        low=0,
        high=1,
        meaning="chance that the sitting regional head runs again in a cycle",
        source="calibration.md, 'The workforce': about 85% of regions had an eligible incumbent",
    )
    kinship_density: float = setting(
        low=0,
        high=1,
        meaning="share of kin groups with a kin or ethnic tie to a candidate",
        source="assumption; KASN survey (calibration.md, Target 4): kinship named by 50.8%",
    )
    kin_group_size: float = setting(
        low=2,
        high=50,
        meaning="mean size of a kin cluster among civil servants",
        source="assumption",
    )
    rank_weights: RankWeights = field(default_factory=RankWeights)


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
        source="KPU DPT Pemilu 2024 (204.8 million voters) over 4.3 million ASN (calibration.md)",
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


@dataclass(frozen=True)
class ViolationPropensity:
    """Relative weights of the violation types a backer commits (the mix of acts).

    Fitted so that the mix of *proven* cases reproduces calibration.md, Target 3
    (see experiments/calibration). Types needing authority (mobilising subordinates,
    state facilities) are open only to unit leaders; for others they are left out
    and the rest renormalised.
    """

    social_media: float = setting(
        low=0, high=100, meaning="relative weight of social-media campaigning", source=CALIBRATED
    )
    partisan_activity: float = setting(
        low=0, high=100, meaning="relative weight of partisan activity", source=CALIBRATED
    )
    candidate_photo: float = setting(
        low=0, high=100, meaning="relative weight of photos with a candidate", source=CALIBRATED
    )
    declaration: float = setting(
        low=0, high=100, meaning="relative weight of attending a declaration", source=CALIBRATED
    )
    party_approach: float = setting(
        low=0, high=100, meaning="relative weight of approaching a party", source=CALIBRATED
    )
    mobilising_subordinates: float = setting(
        low=0,
        high=100,
        meaning="relative weight of mobilising subordinates (unit leaders only)",
        source=CALIBRATED,
    )
    state_facilities: float = setting(
        low=0,
        high=100,
        meaning="relative weight of using state facilities (unit leaders only)",
        source=CALIBRATED,
    )

    def weights(self) -> tuple[float, ...]:
        """Weights in the order of ``sim.campaign.Violation``."""
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))


@dataclass(frozen=True)
class Behaviour:
    """What moves a civil servant to take sides: the logit choice's weights."""

    career_dependence: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="weight of career gain from backing the likely winner (x stake x chance)",
        source="assumption; KASN survey: career interest named by 49.7% (calibration.md, Target 4)",
    )
    kin_loyalty: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull toward a candidate the civil servant's kin group is tied to",
        source="assumption; KASN survey: kinship named by 50.8% (calibration.md, Target 4)",
    )
    supervisor_pressure: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull toward the candidate one's supervisor backs",
        source="assumption; superiors push in 28% of cases (calibration.md, Target 4)",
    )
    ppk_pressure: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull the PPK exerts on JPT toward its own side",
        source="assumption",
    )
    norm_weight: PerCycle[float] = setting(
        low=0,
        high=10,
        meaning="pull toward a side as the share of one's neighbours backing it grows",
        source="assumption ('everyone does it')",
    )
    integrity: PerCycle[float] = setting(
        low=0,
        high=20,
        meaning="mean utility of staying neutral (civil servants vary around it)",
        source="assumption",
    )
    integrity_spread: float = setting(
        low=0,
        high=10,
        meaning="standard deviation of integrity among civil servants",
        source="assumption",
    )
    knowledge: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="share of civil servants who know the neutrality rules and their sanctions",
        source="calibration.md, Target 4: 96.5% had had neutrality briefings",
    )
    inertia: PerCycle[float] = setting(
        low=0, high=10, meaning="utility of keeping last week's choice", source="assumption"
    )
    temperature: PerCycle[float] = setting(
        low=0.01,
        high=10,
        meaning="noise of the logit choice (higher: choices less driven by utility)",
        source="assumption",
    )
    activity: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a backer commits a visible violation in a campaign week",
        source="assumption",
    )
    prior_risk: float = setting(
        low=0,
        high=1,
        meaning="perceived chance of sanction before any experience",
        source="assumption; before 2020 PPK follow-up was below 30% (calibration.md, Target 1)",
    )
    prior_weight: float = setting(
        low=0.1,
        high=1000,
        meaning="how many observed cases the prior perceived risk is worth",
        source="assumption",
    )
    sanction_salience: float = setting(
        low=0,
        high=100,
        meaning="how many unpunished violations one sanction seen nearby outweighs",
        source="assumption",
    )
    memory: float = setting(
        low=0,
        high=1,
        meaning="share of what was learned about risk that carries into the next cycle",
        source="assumption",
    )
    violation_propensity: ViolationPropensity = field(default_factory=ViolationPropensity)


@dataclass(frozen=True)
class SanctionMix:
    """Shares of the PP 94/2021 (and PP 42/2004 moral) sanction levels given."""

    moral: float = setting(
        low=0,
        high=1,
        meaning="share of moral sanctions (open statement)",
        source="calibration.md, Target 5: 61%",
    )
    light: float = setting(
        low=0, high=1, meaning="share of light discipline", source="calibration.md, Target 5: 1%"
    )
    medium: float = setting(
        low=0, high=1, meaning="share of medium discipline", source="calibration.md, Target 5: 37%"
    )
    heavy: float = setting(
        low=0,
        high=1,
        meaning="share of heavy discipline",
        source="calibration.md, Target 5: rare (1%)",
    )


@dataclass(frozen=True)
class Enforcement:
    """The chain from a violation to a sanction: Bawaslu, KASN/BKN, the PPK."""

    detection_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a Bawaslu patrol finds a fully visible violation in its week",
        source="assumption; patrols find 86-92% of cases (calibration.md, Target 2)",
    )
    report_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance the public or a rival reports a fully visible violation in its week",
        source="assumption; public reports are 8-14% of cases (calibration.md, Target 2)",
    )
    proof_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance a report is proven and a recommendation issued",
        source="calibration.md, Target 1: 1,597 of 2,034 reported (78.5%)",
    )
    enforcement_probability: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="chance the PPK follows up a recommendation with a sanction",
        source="calibration.md, Target 1: 90.8% of proven sanctioned in 2020",
    )
    patron_protection: PerCycle[float] = setting(
        low=0,
        high=1,
        meaning="share of follow-ups the PPK drops for its own side's supporters",
        source="assumption",
    )
    central_enforcement: PerCycle[bool] = setting(
        meaning="true: BKN applies the sanction without the PPK (no protection, no PPK delay)",
        source="policy option (calibration.md, 'The sanction ladder': BKN record blocking)",
    )
    sanction_strength: PerCycle[float] = setting(
        low=0,
        high=20,
        meaning="disutility of a sanction, in the units of the choice's utility",
        source="assumption",
    )
    verification_weeks: int = setting(
        low=0, high=52, meaning="weeks from a report to KASN/BKN's verdict", source="assumption"
    )
    followup_delay_weeks: float = setting(
        low=0,
        high=104,
        meaning="mean weeks from a recommendation to the PPK's sanction",
        source="assumption",
    )
    central_delay_weeks: float = setting(
        low=0,
        high=104,
        meaning="mean weeks from a recommendation to a centrally applied sanction",
        source="assumption",
    )
    sanction_mix: SanctionMix = field(default_factory=SanctionMix)


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
    shortlist: int = setting(
        low=1,
        high=100,
        meaning="civil servants of the rank below considered for a post",
        source="assumption",
    )
    stakes: CareerStakes = field(default_factory=CareerStakes)


@dataclass(frozen=True)
class Params:
    """Everything one run needs, validated."""

    seed: int = setting(
        low=0,
        high=2**32 - 1,
        meaning="seed of the run; replication r draws from SeedSequence(seed, spawn_key=(r,))",
    )
    replications: int = setting(
        low=1, high=100_000, meaning="independent replications run by this job"
    )
    first_replication: int = setting(
        low=0,
        high=10_000_000,
        meaning="number of the job's first replication (to split replications over jobs)",
    )
    cycles: int = setting(low=1, high=100, meaning="election cycles run one after another")
    campaign_weeks: int = setting(
        low=1,
        high=104,
        meaning="weekly steps in a campaign",
        source="PKPU 5/2020: Pilkada 2020 campaign 26 Sep - 5 Dec 2020, 71 days",
    )
    policy: str = setting(meaning="name of the policy the settings stand for")
    region: Region = field(default_factory=Region)
    election: Election = field(default_factory=Election)
    behaviour: Behaviour = field(default_factory=Behaviour)
    enforcement: Enforcement = field(default_factory=Enforcement)
    careers: Careers = field(default_factory=Careers)

    def at_cycle(self, cycle: int) -> Params:
        """These parameters with every timeline replaced by its value for ``cycle``."""
        return _resolve_timelines(self, cycle)

    def replace(self, **changes: Any) -> Params:
        """A copy with settings changed, by dotted key: ``params.replace(**{"enforcement.
        sanction_strength": 6})`` or top-level names (``replications=20``).

        The copy is not validated again; use ``sim.model.validation.validate`` on a
        mapping for that.
        """
        return _replace(self, changes)


def _replace(obj: Any, changes: dict[str, Any]) -> Any:
    nested: dict[str, dict[str, Any]] = {}
    direct: dict[str, Any] = {}
    for key, value in changes.items():
        head, _, rest = key.partition(".")
        if rest:
            nested.setdefault(head, {})[rest] = value
        else:
            direct[head] = value
    for head, inner in nested.items():
        direct[head] = _replace(getattr(obj, head), inner)
    return dataclasses.replace(obj, **direct)


def _resolve_timelines(obj: Any, cycle: int) -> Any:
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            changes[f.name] = _resolve_timelines(value, cycle)
        elif isinstance(value, tuple):
            changes[f.name] = value[cycle]
    return dataclasses.replace(obj, **changes)
