"""Typed, range-checked parameters of the patronage model.

The YAML files under ``configs/`` hold the values; this module holds what a
value may be. Every setting is a dataclass field whose metadata gives its
allowed range, its meaning and where its default comes from, so validation,
the ODD parameter table and the tests read from one place.

A numeric behaviour, enforcement or careers setting may also be a *timeline*:
a list with one value per election cycle (``enforcement.enforcement_probability
=[0.9,0.9,0.1,0.1]``), so a user can ask what happens when enforcement
collapses or surges for a while.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


class ConfigError(ValueError):
    """A setting is missing, of the wrong type or out of its range.

    The message is one line: the key, the value given and what is allowed.
    """


def setting(
    low: float | None = None,
    high: float | None = None,
    meaning: str = "",
    source: str = "",
    *,
    choices: tuple[str, ...] | None = None,
    timeline: bool = False,
    optional: bool = False,
) -> Any:
    """A dataclass field carrying the range, meaning and source of a setting.

    ``optional``: the setting may also be null (``None``).
    """
    return field(
        metadata={
            "low": low,
            "high": high,
            "meaning": meaning,
            "source": source,
            "choices": choices,
            "timeline": timeline,
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

    jpt: float = setting(0.001, 1e9, "relative number of JPT (eselon II) posts", WAJO + " (31 JPT)")
    administrator: float = setting(
        0.001, 1e9, "relative number of administrator (eselon III) posts", WAJO + " (165)"
    )
    pengawas: float = setting(
        0.001, 1e9, "relative number of pengawas (eselon IV) posts", WAJO + " (519)"
    )
    functional: float = setting(0, 1e9, "relative number of functional staff", WAJO + " (~3,400)")
    pelaksana: float = setting(
        0, 1e9, "relative number of pelaksana staff", WAJO + " (the rest: 5,183 - 4,115)"
    )


@dataclass(frozen=True)
class Region:
    """One regional government: its civil servants and its election."""

    name: str = setting(meaning="label of the region preset", source="region preset")
    civil_servants: int = setting(
        20,
        100_000_000,  # a sanity bound; what fits in memory is checked before a run
        "number of civil servants (ASN) in the region (all regions together when regions > 1)",
        "calibration.md, 'The workforce': about 6,700 per regional government",
    )
    regions: int = setting(
        1,
        1000,
        "regional governments electing at once (1: one region; 545: Pilkada 2024, region=national)",
        "calibration.md, 'The workforce': Pilkada 2024 was held in 545 regions",
    )
    size_spread: float = setting(
        0,
        3,
        "when regions > 1: standard deviation of the log of a region's civil servants",
        "assumption (calibration.md: 'heavily skewed', no size table)",
    )
    org_chart: str = setting(
        meaning="organisation chart: null generates one from the rank weights; a path to a "
        ".graphml file uses that chart (a tree under one root; ranks from a 'rank' "
        "attribute or from depth)",
        source="user's data",
        optional=True,
    )
    candidates: int = setting(
        2,
        10,
        "candidates (pairs) on the ballot",
        "calibration.md, 'The workforce': 741 pairs in 270 regions, 2.7 a region",
    )
    incumbent_runs: float = setting(
        0,
        1,
        "chance that the sitting regional head runs again in a cycle",
        "calibration.md, 'The workforce': about 85% of regions had an eligible incumbent",
    )
    kinship_density: float = setting(
        0,
        1,
        "share of kin groups with a kin or ethnic tie to a candidate",
        "assumption; KASN survey (calibration.md, Target 4): kinship named by 50.8%",
    )
    kin_group_size: float = setting(
        2, 50, "mean size of a kin cluster among civil servants", "assumption"
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
        0, 1, "PPK's career leverage in a pemilu relative to a pilkada it contests", "assumption"
    )
    open_seat_leverage: float = setting(
        0, 1, "PPK's leverage when it backs a successor instead of running itself", "assumption"
    )
    incumbency_advantage: float = setting(
        0, 1, "popularity share added to the incumbent's base popularity", "assumption"
    )
    voters_per_civil_servant: float = setting(
        1,
        1000,
        "voters in the region per civil servant",
        "KPU DPT Pemilu 2024 (204.8 million voters) over 4.3 million ASN (calibration.md)",
    )
    mobilised_votes: float = setting(
        0,
        1000,
        "votes a backing civil servant brings (family, subordinates, clients)",
        "assumption",
    )
    vote_noise: float = setting(
        0.001,
        1,
        "standard deviation of a candidate's vote share around its expectation",
        "assumption",
    )


@dataclass(frozen=True)
class ViolationPropensity:
    """Relative weights of the violation types a backer commits (the mix of acts).

    Fitted so that the mix of *proven* cases reproduces calibration.md, Target 3
    (see experiments/calibration). Types needing authority (mobilising subordinates,
    state facilities) are open only to unit leaders; for others they are left out
    and the rest renormalised.
    """

    social_media: float = setting(0, 100, "relative weight of social-media campaigning", CALIBRATED)
    partisan_activity: float = setting(0, 100, "relative weight of partisan activity", CALIBRATED)
    candidate_photo: float = setting(
        0, 100, "relative weight of photos with a candidate", CALIBRATED
    )
    declaration: float = setting(0, 100, "relative weight of attending a declaration", CALIBRATED)
    party_approach: float = setting(0, 100, "relative weight of approaching a party", CALIBRATED)
    mobilising_subordinates: float = setting(
        0, 100, "relative weight of mobilising subordinates (unit leaders only)", CALIBRATED
    )
    state_facilities: float = setting(
        0, 100, "relative weight of using state facilities (unit leaders only)", CALIBRATED
    )

    def weights(self) -> tuple[float, ...]:
        """Weights in the order of ``sim.campaign.Violation``."""
        return tuple(getattr(self, f.name) for f in dataclasses.fields(self))


@dataclass(frozen=True)
class Behaviour:
    """What moves a civil servant to take sides: the logit choice's weights."""

    career_dependence: float = setting(
        0,
        10,
        "weight of career gain from backing the likely winner (x stake x chance)",
        "assumption; KASN survey: career interest named by 49.7% (calibration.md, Target 4)",
        timeline=True,
    )
    kin_loyalty: float = setting(
        0,
        10,
        "pull toward a candidate the civil servant's kin group is tied to",
        "assumption; KASN survey: kinship named by 50.8% (calibration.md, Target 4)",
        timeline=True,
    )
    supervisor_pressure: float = setting(
        0,
        10,
        "pull toward the candidate one's supervisor backs",
        "assumption; superiors push in 28% of cases (calibration.md, Target 4)",
        timeline=True,
    )
    ppk_pressure: float = setting(
        0, 10, "pull the PPK exerts on JPT toward its own side", "assumption", timeline=True
    )
    norm_weight: float = setting(
        0,
        10,
        "pull toward a side as the share of one's neighbours backing it grows",
        "assumption ('everyone does it')",
        timeline=True,
    )
    integrity: float = setting(
        0,
        20,
        "mean utility of staying neutral (civil servants vary around it)",
        "assumption",
        timeline=True,
    )
    integrity_spread: float = setting(
        0, 10, "standard deviation of integrity among civil servants", "assumption"
    )
    knowledge: float = setting(
        0,
        1,
        "share of civil servants who know the neutrality rules and their sanctions",
        "calibration.md, Target 4: 96.5% had had neutrality briefings",
        timeline=True,
    )
    inertia: float = setting(
        0, 10, "utility of keeping last week's choice", "assumption", timeline=True
    )
    temperature: float = setting(
        0.01,
        10,
        "noise of the logit choice (higher: choices less driven by utility)",
        "assumption",
        timeline=True,
    )
    activity: float = setting(
        0,
        1,
        "chance a backer commits a visible violation in a campaign week",
        "assumption",
        timeline=True,
    )
    prior_risk: float = setting(
        0,
        1,
        "perceived chance of sanction before any experience",
        "assumption; before 2020 PPK follow-up was below 30% (calibration.md, Target 1)",
    )
    prior_weight: float = setting(
        0.1, 1000, "how many observed cases the prior perceived risk is worth", "assumption"
    )
    sanction_salience: float = setting(
        0,
        100,
        "how many unpunished violations one sanction seen nearby outweighs",
        "assumption",
    )
    memory: float = setting(
        0,
        1,
        "share of what was learned about risk that carries into the next cycle",
        "assumption",
    )
    violation_propensity: ViolationPropensity = field(default_factory=ViolationPropensity)


@dataclass(frozen=True)
class SanctionMix:
    """Shares of the PP 94/2021 (and PP 42/2004 moral) sanction levels given."""

    moral: float = setting(
        0, 1, "share of moral sanctions (open statement)", "calibration.md, Target 5: 61%"
    )
    light: float = setting(0, 1, "share of light discipline", "calibration.md, Target 5: 1%")
    medium: float = setting(0, 1, "share of medium discipline", "calibration.md, Target 5: 37%")
    heavy: float = setting(0, 1, "share of heavy discipline", "calibration.md, Target 5: rare (1%)")


@dataclass(frozen=True)
class Enforcement:
    """The chain from a violation to a sanction: Bawaslu, KASN/BKN, the PPK."""

    detection_probability: float = setting(
        0,
        1,
        "chance a Bawaslu patrol finds a fully visible violation in its week",
        "assumption; patrols find 86-92% of cases (calibration.md, Target 2)",
        timeline=True,
    )
    report_probability: float = setting(
        0,
        1,
        "chance the public or a rival reports a fully visible violation in its week",
        "assumption; public reports are 8-14% of cases (calibration.md, Target 2)",
        timeline=True,
    )
    proof_probability: float = setting(
        0,
        1,
        "chance a report is proven and a recommendation issued",
        "calibration.md, Target 1: 1,597 of 2,034 reported (78.5%)",
        timeline=True,
    )
    enforcement_probability: float = setting(
        0,
        1,
        "chance the PPK follows up a recommendation with a sanction",
        "calibration.md, Target 1: 90.8% of proven sanctioned in 2020",
        timeline=True,
    )
    patron_protection: float = setting(
        0,
        1,
        "share of follow-ups the PPK drops for its own side's supporters",
        "assumption",
        timeline=True,
    )
    central_enforcement: bool = setting(
        meaning="true: BKN applies the sanction without the PPK (no protection, no PPK delay)",
        source="policy option (calibration.md, 'The sanction ladder': BKN record blocking)",
        timeline=True,
    )
    sanction_strength: float = setting(
        0,
        20,
        "disutility of a sanction, in the units of the choice's utility",
        "assumption",
        timeline=True,
    )
    verification_weeks: int = setting(
        0, 52, "weeks from a report to KASN/BKN's verdict", "assumption"
    )
    followup_delay_weeks: float = setting(
        0, 104, "mean weeks from a recommendation to the PPK's sanction", "assumption"
    )
    central_delay_weeks: float = setting(
        0,
        104,
        "mean weeks from a recommendation to a centrally applied sanction",
        "assumption",
    )
    sanction_mix: SanctionMix = field(default_factory=SanctionMix)


@dataclass(frozen=True)
class Careers:
    """The career round after the vote: who fills senior posts, by loyalty or merit."""

    merit_weight: float = setting(
        0,
        1,
        "share of senior-post decisions made on merit rather than loyalty",
        "assumption",
        timeline=True,
    )
    turnover: float = setting(
        0,
        1,
        "share of senior posts (JPT, administrator) reviewed after each election",
        "assumption",
        timeline=True,
    )
    prior_loyalty_payoff: float = setting(
        0,
        1,
        "how far civil servants believe loyalty decides promotions, before any career round",
        "assumption",
    )
    shortlist: int = setting(
        1, 100, "civil servants of the rank below considered for a post", "assumption"
    )
    stake_jpt: float = setting(
        0, 1, "career stake of a JPT (appointed by the PPK directly)", "assumption"
    )
    stake_administrator: float = setting(0, 1, "career stake of an administrator", "assumption")
    stake_pengawas: float = setting(0, 1, "career stake of a pengawas", "assumption")
    stake_functional: float = setting(0, 1, "career stake of functional staff", "assumption")
    stake_pelaksana: float = setting(0, 1, "career stake of pelaksana staff", "assumption")

    def stakes(self) -> tuple[float, ...]:
        """Career stake by rank, in the order of ``RANKS``."""
        return tuple(getattr(self, f"stake_{rank}") for rank in RANKS)


@dataclass(frozen=True)
class Params:
    """Everything one run needs, validated."""

    seed: int = setting(
        0, 2**32 - 1, "seed of the run; replication r draws from SeedSequence(seed, spawn_key=(r,))"
    )
    replications: int = setting(1, 100_000, "independent replications run by this job")
    first_replication: int = setting(
        0, 10_000_000, "number of the job's first replication (to split replications over jobs)"
    )
    cycles: int = setting(1, 100, "election cycles run one after another")
    campaign_weeks: int = setting(
        1,
        104,
        "weekly steps in a campaign",
        "PKPU 5/2020: Pilkada 2020 campaign 26 Sep - 5 Dec 2020, 71 days",
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


# ----------------------------------------------------------------------------
# Validation
# ----------------------------------------------------------------------------


def _describe_range(meta: Mapping[str, Any], kind: type) -> str:
    if meta.get("optional") and kind is str:
        return "null or a file path"
    if meta["choices"]:
        return "one of " + ", ".join(meta["choices"])
    if kind is bool:
        return "true or false"
    if kind is str:
        return "any name"
    word = "an integer" if kind is int else "a number"
    return f"{word} from {_fmt(meta['low'])} to {_fmt(meta['high'])}"


def _fmt(x: Any) -> str:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    if isinstance(x, str):
        return repr(x)
    return str(x)


def _check_scalar(key: str, value: Any, kind: type, meta: Mapping[str, Any]) -> Any:
    allowed = _describe_range(meta, kind)
    bad = ConfigError(f"{key}={_fmt(value)} is not allowed: use {allowed}")
    if kind is bool:
        if not isinstance(value, bool):
            raise bad
        return value
    if kind is str:
        if not isinstance(value, str) or (meta["choices"] and value not in meta["choices"]):
            raise bad
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise bad
    if kind is int:
        if isinstance(value, float) and not value.is_integer():
            raise bad
        value = int(value)
    else:
        value = float(value)
    if value != value or not (meta["low"] <= value <= meta["high"]):  # value != value: NaN
        raise bad
    return value


def _build(cls: type, raw: Any, prefix: str) -> Any:
    if not isinstance(raw, Mapping):
        raise ConfigError(f"{prefix or 'config'} must be a group of settings, got {raw!r}")
    known = {f.name for f in dataclasses.fields(cls)}
    for name in raw:
        if name not in known:
            raise ConfigError(
                f"{prefix}{name} is not a setting: use one of {', '.join(sorted(known))}"
            )
    values = {}
    for f in dataclasses.fields(cls):
        key = prefix + f.name
        if f.name not in raw:
            raise ConfigError(f"{key} is missing: every run needs it")
        value = raw[f.name]
        kind = _TYPES[f.type]  # annotations are strings (from __future__ import annotations)
        if value is None and f.metadata.get("optional"):
            values[f.name] = None
            continue
        if dataclasses.is_dataclass(kind):
            values[f.name] = _build(kind, value, key + ".")
            continue
        if isinstance(value, list | tuple) and f.metadata["timeline"]:
            if not value:
                raise ConfigError(f"{key}=[] is not allowed: give one value or one per cycle")
            values[f.name] = tuple(
                _check_scalar(f"{key}[{i}]", v, kind, f.metadata) for i, v in enumerate(value)
            )
        else:
            values[f.name] = _check_scalar(key, value, kind, f.metadata)
    return cls(**values)


_TYPES: dict[str, type] = {
    "int": int,
    "float": float,
    "bool": bool,
    "str": str,
    "RankWeights": RankWeights,
    "Region": Region,
    "Election": Election,
    "Behaviour": Behaviour,
    "ViolationPropensity": ViolationPropensity,
    "SanctionMix": SanctionMix,
    "Enforcement": Enforcement,
    "Careers": Careers,
}


def _timeline_fields(obj: Any, prefix: str = ""):
    """Yield (key, value) of every timeline (tuple-valued) setting."""
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from _timeline_fields(value, prefix + f.name + ".")
        elif isinstance(value, tuple):
            yield prefix + f.name, value


def _resolve_timelines(obj: Any, cycle: int) -> Any:
    changes = {}
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            changes[f.name] = _resolve_timelines(value, cycle)
        elif isinstance(value, tuple):
            changes[f.name] = value[cycle]
    return dataclasses.replace(obj, **changes)


SWEEP_ONLY = ("hydra", "sensitivity")
"""Top-level blocks that plan a sweep (read by the sweeper) and never reach the model."""

SAMPLE_POINT = {"low": 0, "high": 10**9, "choices": None}
"""``sample_point``: which point of a sensitivity sample a job runs; a label only, since
the job's overrides also set the point's values (sim/sensitivity.py)."""


def validate(raw: Mapping[str, Any]) -> Params:
    """Check a composed configuration and return it as typed ``Params``.

    Raises ``ConfigError`` with a one-line message at the first bad setting.
    ``raw`` is a plain mapping (``OmegaConf.to_container(cfg, resolve=True)``);
    Hydra's own ``hydra`` node and a ``sensitivity`` plan, if present, are ignored, and
    an optional ``sample_point`` label must be a non-negative integer.
    """
    raw = {k: v for k, v in raw.items() if k not in SWEEP_ONLY}
    if "sample_point" in raw:
        _check_scalar("sample_point", raw.pop("sample_point"), int, SAMPLE_POINT)
    params = _build(Params, raw, "")
    for key, timeline in _timeline_fields(params):
        if len(timeline) != params.cycles:
            raise ConfigError(
                f"{key} has {len(timeline)} values but cycles={params.cycles}: "
                f"give one value or exactly {params.cycles}"
            )
    region = params.region
    if region.civil_servants < 20 * region.regions:
        raise ConfigError(
            f"region.civil_servants={region.civil_servants} is too few for "
            f"region.regions={region.regions}: give at least 20 civil servants a region"
        )
    if region.regions > 1 and region.org_chart is not None:
        raise ConfigError(
            f"region.org_chart={region.org_chart} is for one region: set region.org_chart=null "
            f"or region.regions=1"
        )
    propensity = params.behaviour.violation_propensity
    if sum(propensity.weights()[:5]) <= 0:
        raise ConfigError(
            "behaviour.violation_propensity gives every type open to all civil servants "
            "weight 0: at least one of social_media .. party_approach must be above 0"
        )
    mix = params.enforcement.sanction_mix
    total = mix.moral + mix.light + mix.medium + mix.heavy
    if abs(total - 1.0) > 1e-6:
        raise ConfigError(
            f"enforcement.sanction_mix adds up to {total:g}: its four shares must add up to 1"
        )
    return params


def settings_table() -> list[dict[str, Any]]:
    """Every setting with its key, type, range, meaning and source (for docs and tests)."""
    rows: list[dict[str, Any]] = []

    def walk(cls: type, prefix: str) -> None:
        for f in dataclasses.fields(cls):
            kind = _TYPES[f.type]
            if dataclasses.is_dataclass(kind):
                walk(kind, prefix + f.name + ".")
                continue
            rows.append(
                {
                    "key": prefix + f.name,
                    "type": kind.__name__,
                    "allowed": _describe_range(f.metadata, kind),
                    "low": f.metadata["low"],
                    "high": f.metadata["high"],
                    "timeline": f.metadata["timeline"],
                    "optional": f.metadata["optional"],
                    "meaning": f.metadata["meaning"],
                    "source": f.metadata["source"],
                }
            )

    walk(Params, "")
    return rows
