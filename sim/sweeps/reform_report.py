"""The policymaker's report of a sweep over oversight regimes, in English and Bahasa Indonesia.

``report.md`` and ``laporan.md`` (and a figure in each language) are built from whatever
jobs of ``experiment=reform_2027`` have finished: the regency's arms give the ranked
designs with intervals and the chance each is best, the national arms the country's totals.
Numbers come from ``sim.sweeps.reform``; words from ``sim.sweeps.reform_words``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from omegaconf import DictConfig, OmegaConf

from ..runs import names
from ..runs.files import write_csv_atomic, write_text_atomic
from ..runs.jobs import SUMMARY
from ..runs.uncertainty import DRAW
from .collect import Collected, missing_lines
from .reform import (
    BASELINE,
    DEFAULT_PERCEPTION,
    ELECTION,
    JPT,
    PERCEPTION,
    REGIME,
    against_status_quo,
    compare_regimes,
    national_totals,
    per_replication,
    rankings,
)
from .reform_figure import reform_chart
from .reform_words import APPOINTED_BY, FIGURES, REPORTS, WORDS

COMPARED = "regimes.csv"
NATIONAL = "national_totals.csv"
ELECTIONS = ("pilkada", "pemilu")


def _local(text: str, language: str) -> str:
    """Numbers as the language writes them: 1,234.5 in English, 1.234,5 in Indonesian."""
    if language != "id":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _pct(x: float, language: str, digits: int = 1) -> str:
    return "-" if x != x else _local(f"{100 * x:.{digits}f}%", language)


def _pp(x: float, language: str) -> str:
    if x != x:
        return "-"
    x = x if round(x, 2) != 0 else 0.0  # no "-0.00"
    return _local(f"{x:+.2f}", language).replace("-", "−")


def _num(x: float, language: str, digits: int = 1) -> str:
    return "-" if x != x else _local(f"{x:,.{digits}f}", language)


def _regime(regime: str, language: str) -> str:
    return names.name("regime", regime, language)


def _election(kind: str, language: str) -> str:
    return names.value_name(ELECTION, kind, language).split(" (")[0]


def _pick(table: pd.DataFrame, **where: str) -> pd.DataFrame:
    """Rows of ``table`` matching ``where`` (a key the table lacks is not a condition)."""
    mask = pd.Series(True, index=table.index)
    for key, value in where.items():
        column = {"election": ELECTION, "jpt": JPT}.get(key, key)
        if column in table.columns:
            mask &= table[column] == value
    return table[mask]


def _short(compared: pd.DataFrame, status_quo: pd.DataFrame, language: str) -> list[str]:
    """The answer in a few sentences: sanctions, violations, JPT, perception."""
    w = WORDS[language]
    says = []
    learned = _pick(compared, perception=DEFAULT_PERCEPTION)
    for kind in ELECTIONS:
        here = _pick(learned, election=kind, jpt="region")
        if here.empty:
            continue
        election = _election(kind, language)
        base = here[here[REGIME] == BASELINE].iloc[0]
        lowest = _pct(here.unsanctioned.min(), language)
        tied = here[[_pct(v, language) == lowest for v in here.unsanctioned]]
        best = [
            f"{_regime(r[REGIME], language)} ({_pct(r.best_unsanctioned, language, 0)})"
            for _, r in tied.iterrows()
        ]
        says.append(
            w["short_unsanctioned"].format(
                election=election,
                best=f" {w['and']} ".join(best),
                value=lowest,
                base=_pct(base.unsanctioned, language),
            )
        )
        others = here[here[REGIME] != BASELINE]
        if others.empty:
            continue
        top = others.loc[others.change_pp.abs().idxmax()]
        low, high = top.change_pp - top.change_pp_95, top.change_pp + top.change_pp_95
        values = dict(
            election=election,
            regime=_regime(top[REGIME], language),
            change=_pp(top.change_pp, language),
            low=_pp(low, language),
            high=_pp(high, language),
            base=_pct(base.violation_rate, language, 2),
            chance=_pct(top.best_violations, language, 0),
        )
        detectable = low > 0 or high < 0
        says.append(
            w["short_violations" if detectable else "short_violations_none"].format(**values)
        )
    for kind in ELECTIONS:
        moved = _pick(status_quo, election=kind, perception=DEFAULT_PERCEPTION)
        moved = moved[(moved[REGIME] == BASELINE) & (moved[JPT] == "president")]
        if moved.empty:
            continue
        row = moved.iloc[0]
        says.append(
            w["short_jpt"].format(
                change=_pp(row.change_pp, language),
                election=_election(kind, language),
                low=_pp(row.change_pp - row.change_pp_95, language),
                high=_pp(row.change_pp + row.change_pp_95, language),
            )
        )
    if PERCEPTION in compared.columns and compared[PERCEPTION].nunique() > 1:
        says.append(_perception_verdicts(compared, language))
    return says


def verdict(row: pd.Series) -> int:
    """-1: fewer violations than KASN beyond the paired 95% interval; +1: more; 0: neither."""
    if row.change_pp + row.change_pp_95 < 0:
        return -1
    return 1 if row.change_pp - row.change_pp_95 > 0 else 0


def _perception_verdicts(compared: pd.DataFrame, language: str) -> str:
    """For how many designs and settings the verdict against KASN holds under every perception."""
    w = WORDS[language]
    others = compared[compared[REGIME] != BASELINE]
    others = others.assign(verdict=others.apply(verdict, axis=1))
    keys = [k for k in (ELECTION, JPT) if k in others.columns] + [REGIME]
    agree = others.groupby(keys, sort=False).verdict.nunique() == 1
    return w["short_perception"].format(same=int(agree.sum()), total=len(agree))


def _verdicts(compared: pd.DataFrame, language: str) -> list[str]:
    """Each design's change against KASN under each perception, bold where detectable."""
    w = WORDS[language]
    perceptions = list(dict.fromkeys(compared[PERCEPTION]))
    head = w["verdict_head"] + "".join(
        f" {names.value_name('perception', p, language)} |" for p in perceptions
    )
    lines = [w["verdict_note"], "", head, "|---|---|---|" + "---:|" * len(perceptions)]
    others = compared[compared[REGIME] != BASELINE]
    keys = [k for k in (ELECTION, JPT) if k in others.columns] + [REGIME]
    for key, group in others.groupby(keys, sort=False):
        key = dict(zip(keys, key if isinstance(key, tuple) else (key,), strict=True))
        cells = []
        for perception in perceptions:
            row = group[group[PERCEPTION] == perception]
            if row.empty:
                cells.append("")
                continue
            row = row.iloc[0]
            cell = f"{_pp(row.change_pp, language)} ± {_num(row.change_pp_95, language, 2)}"
            cells.append(f"**{cell}**" if verdict(row) else cell)
        appointed = APPOINTED_BY[language][key.get(JPT, "region")]
        election = _election(key.get(ELECTION, "pilkada"), language)
        regime = _regime(key[REGIME], language)
        lines.append(f"| {election} | {appointed} | {regime} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _ranked(compared: pd.DataFrame, language: str) -> list[str]:
    """A table per election and JPT appointment, designs by violation rate (learned perception)."""
    w = WORDS[language]
    lines = []
    learned = _pick(compared, perception=DEFAULT_PERCEPTION)
    for kind in ELECTIONS:
        for appointed in ("region", "president"):
            here = _pick(learned, election=kind, jpt=appointed)
            if here.empty:
                continue
            here = here.sort_values("violation_rate", kind="stable")
            by = APPOINTED_BY[language][appointed]
            lines += [w["ranked"].format(appointed=by, election=_election(kind, language)), ""]
            lines += [w["ranked_note"], "", w["head"], "|---:|---|" + "---:|" * 12]
            printed = [_pct(r, language, 2) for r in here.violation_rate]
            for i, row in enumerate(here.itertuples()):
                first = printed.index(printed[i]) + 1  # rates printed alike share a rank
                rank = f"{first}=" if printed.count(printed[i]) > 1 else str(first)
                change = (
                    ""
                    if row.regime == BASELINE
                    else (f"{_pp(row.change_pp, language)} ± {_num(row.change_pp_95, language, 2)}")
                )
                rate = _pct(row.violation_rate, language, 2).rstrip("%") + " ± "
                rate += _pct(row.violation_rate_95, language, 2)
                lines.append(
                    f"| {rank} | {_regime(row.regime, language)} | {rate} | {change} "
                    f"| {_pct(row.best_violations, language, 0)} "
                    f"| {_pct(row.unsanctioned, language)} "
                    f"| {_pct(row.best_unsanctioned, language, 0)} "
                    f"| {_num(row.mean_weeks_to_sanction, language)} "
                    f"| {_pct(row.violation_rate_jpt, language)} "
                    f"| {_pct(row.jpt_loyalists, language)} "
                    f"| {_num(row.jpt_competence, language, 2)} | {_num(row.proven, language)} "
                    f"| {_num(row.verified, language)} "
                    f"| {_num(row.expired, language)} |"
                )
            lines.append("")
    return lines


def _by_perception(compared: pd.DataFrame, regimes: list[str], language: str) -> list[str]:
    w = WORDS[language]
    if PERCEPTION not in compared.columns:
        return []
    lines = [w["perception_head"], "", w["perception_note"], "", w["perception_table"]]
    lines.append("|---|---|---|---|")
    for row in rankings(compared, regimes).to_dict("records"):
        order = " < ".join(
            " = ".join(_regime(r, language) for r in step.split("="))
            for step in row["order"].split(" < ")
        )
        election = _election(row[ELECTION], language)
        appointed = APPOINTED_BY[language][row[JPT]]
        perception = names.value_name("perception", row[PERCEPTION], language)
        lines.append(f"| {election} | {appointed} | {perception} | {order} |")
    return [*lines, "", *_verdicts(compared, language)]


def _country(
    totals: pd.DataFrame, regions: pd.DataFrame, regimes: list[str], language: str
) -> list[str]:
    w = WORDS[language]
    if totals.empty:
        return []
    arm = [k for k in (ELECTION, JPT, REGIME) if k in regions.columns]
    elections = regions.groupby([*arm, "replication", "cycle"])
    count = int(elections.size().iloc[0])
    civil_servants = _num(elections.civil_servants.sum().iloc[0], language, 0)
    note = w["country_note"].format(regions=count, civil_servants=civil_servants)
    lines = [w["country"], "", note, ""]
    lines += [w["country_head"], "|---|---|---|" + "---:|" * 8]
    order = {k: i for i, k in enumerate([*ELECTIONS, "region", "president", *regimes])}
    keys = [k for k in (ELECTION, JPT, REGIME) if k in totals.columns]
    totals = totals.sort_values(keys, key=lambda column: column.map(order))
    for row in totals.to_dict("records"):
        election = _election(row.get(ELECTION, "pilkada"), language)
        appointed = APPOINTED_BY[language][row.get(JPT, "region")]
        counts = [row[c] for c in ("reported", "verified", "reports_expired", "proven")]
        counts += [row["sanctioned"], row["recommendations_ignored"]]
        lines.append(
            f"| {election} | {appointed} | {_regime(row[REGIME], language)} "
            f"| {_num(row['violators'], language, 0)} ({_pct(row['violation_rate'], language)}) | "
            + " | ".join(_num(c, language, 0) for c in counts)
            + f" | {_num(row['weeks_to_sanction'], language)} |"
        )
    return [*lines, ""]


def _drivers(compared: pd.DataFrame, language: str) -> list[str]:
    """What makes the designs differ, in numbers taken from the comparison."""
    w = WORDS[language]
    says = []
    here = _pick(compared, perception=DEFAULT_PERCEPTION, election="pilkada", jpt="region")
    rows = here.set_index(REGIME) if not here.empty else pd.DataFrame()
    if BASELINE in rows.index and "body_binding" in rows.index:
        base, binding = rows.loc[BASELINE], rows.loc["body_binding"]
        says.append(
            w["driver_binding"].format(
                election=_election("pilkada", language),
                base=_pct(base.unsanctioned, language),
                binding=_pct(binding.unsanctioned, language),
                weeks_binding=_num(binding.mean_weeks_to_sanction, language),
                weeks_base=_num(base.mean_weeks_to_sanction, language),
            )
        )
    if BASELINE in rows.index and "transition_2024" in rows.index:
        base, transition = rows.loc[BASELINE], rows.loc["transition_2024"]
        binds = transition.expired >= 0.05  # at least one report expired in 20 elections
        says.append(
            w["driver_transition_capacity" if binds else "driver_transition"].format(
                verified=_num(transition.verified, language),
                verified_base=_num(base.verified, language),
                expired=_num(transition.expired, language),
                expired_base=_num(base.expired, language),
                unsanctioned=_pct(transition.unsanctioned, language),
                base=_pct(base.unsanctioned, language),
                weeks=_num(transition.mean_weeks_to_sanction, language),
                weeks_base=_num(base.mean_weeks_to_sanction, language),
            )
        )
    for perception, key in ((DEFAULT_PERCEPTION, "driver_violations"), ("fixed", "driver_fixed")):
        chosen = _pick(compared, perception=perception)
        if chosen.empty or chosen[REGIME].nunique() < 2:
            continue
        keys = [k for k in (ELECTION, JPT) if k in chosen.columns]
        rates = chosen.assign(arm="all").groupby(keys or ["arm"]).violation_rate
        value = _num(100 * (rates.max() - rates.min()).max(), language, 2)
        says.append(w[key].format(spread=value, spread_fixed=value))
    jpt = _pick(compared, perception=DEFAULT_PERCEPTION)
    jpt = jpt[jpt[REGIME] == BASELINE] if not jpt.empty else jpt
    if {ELECTION, JPT} <= set(jpt.columns) and len(jpt) == 4:
        rate = jpt.set_index([ELECTION, JPT]).violation_rate_jpt
        says.append(
            w["driver_jpt"].format(
                **{
                    f"{kind}_{appointed}": _pct(rate[(kind, appointed)], language)
                    for kind in ELECTIONS
                    for appointed in ("region", "president")
                }
            )
        )
    return says


def _shape(runs: pd.DataFrame) -> dict[str, int]:
    """What the regency's arms ran: replications, elections (cycles) and posterior draws."""
    return {
        "replications": int(runs.groupby(REGIME)["replication"].nunique().max()),
        "cycles": int(runs["cycle"].nunique()),
        "draws": int(runs[DRAW].nunique()) if DRAW in runs.columns else 0,
    }


def _context(shape: dict[str, int], civil_servants: int, language: str) -> str:
    w = WORDS[language]
    draws = shape["draws"]
    return w["what"].format(
        civil_servants=_num(civil_servants, language, 0),
        cycles=shape["cycles"],
        replications=shape["replications"],
        draws=w["draws"].format(draws=draws) if draws > 1 else "",
    )


def regency_config(sweep_dir: Path, collected: Collected) -> DictConfig | None:
    """The configuration of a finished regional (not national) job; None if none finished."""
    for job in collected.finished:
        folder = sweep_dir / job.folder
        if (folder / SUMMARY).exists():
            return OmegaConf.load(folder / ".hydra" / "config.yaml")
    return None


def with_unswept(table: pd.DataFrame, cfg: DictConfig | None) -> pd.DataFrame:
    """``table`` with a column for each arm setting the sweep kept at one value.

    A setting not swept has no column in a sweep's tables; its value is read from a
    finished job's configuration ``cfg``, so a Pemilu-only sweep is not reported as a
    Pilkada.
    """
    absent = [key for key in (ELECTION, JPT, PERCEPTION) if key not in table.columns]
    if table.empty or not absent or cfg is None:
        return table
    values = {key: OmegaConf.select(cfg, key) for key in absent}
    if isinstance(values.get(PERCEPTION), DictConfig):
        values[PERCEPTION] = values[PERCEPTION].get("kind")
    return table.assign(**{k: v for k, v in values.items() if v is not None})


def build_reform_report(sweep_dir: Path, collected: Collected, status: str) -> tuple[str, list]:
    """Write ``regimes.csv``, ``national_totals.csv``, the figures and both reports."""
    cfg = regency_config(sweep_dir, collected)
    runs = with_unswept(collected.runs, cfg)
    regions = with_unswept(collected.regions, cfg)
    size = int(cfg.region.civil_servants) if cfg is not None else 0
    shape = _shape(runs)
    regimes = names.in_order("regime", runs[REGIME])
    table = per_replication(runs)
    compared = compare_regimes(table, regimes)
    status_quo = against_status_quo(table)
    totals = national_totals(regions)
    files = [sweep_dir / COMPARED]
    write_csv_atomic(compared, files[0])
    if not totals.empty:
        files.append(sweep_dir / NATIONAL)
        write_csv_atomic(totals, files[-1])
    texts = {}
    for language in ("en", "id"):
        w = WORDS[language]
        caption = w["fig_caption"].format(
            replications=shape["replications"],
            cycles=shape["cycles"],
            draws=w["fig_draws"].format(draws=shape["draws"]) if shape["draws"] > 1 else "",
        )
        figure = reform_chart(status_quo, regimes, sweep_dir / FIGURES[language], language, caption)
        if figure is not None:
            files.append(figure)
        short = _short(compared, status_quo, language)
        lines = [
            w["title"],
            "",
            w["other_language"],
            "",
            w["status"].format(folder=sweep_dir, status=status)
            + " "
            + _context(shape, size, language),
            "",
            w["short"],
            "",
            *[f"- {s}" for s in short],
            "",
            *_ranked(compared, language),
            *_by_perception(compared, regimes, language),
            *_country(totals, regions, regimes, language),
            w["drivers"],
            "",
            *[f"- {s}" for s in _drivers(compared, language)],
            "",
            w["cannot"],
            "",
            *[f"- {s}" for s in w["cannot_list"]],
            "",
            w["figures"],
            "",
            *([f"![{FIGURES[language]}]({FIGURES[language]})"] if figure is not None else []),
        ]
        if collected.missing:
            lines += ["", w["missing"], *missing_lines(collected)]
        path = sweep_dir / REPORTS[language]
        write_text_atomic(path, "\n".join(lines) + "\n")
        files.append(path)
        texts[language] = short
    text = "\n".join(["", f"{status}.", "", *texts["en"], "", *[f"Wrote {p}" for p in files]])
    return text, files
