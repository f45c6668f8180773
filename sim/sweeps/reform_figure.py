"""The oversight-regime figure, labelled in the reader's language.

A row per election kind; left, each design's change in the violation rate against
today's arrangement (KASN 2020, JPT appointed by the regional head), paired by
replication; right, the share of proven cases never sanctioned. A colour per JPT
appointment (Okabe-Ito). Perception: learned (the default).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.ticker import FuncFormatter

from ..runs import names
from .figures import OKABE_ITO, plt, save_figure, style
from .reform import DEFAULT_PERCEPTION, ELECTION, JPT, PERCEPTION, REGIME
from .reform_words import APPOINTED_BY, WORDS

COLOURS = {"region": OKABE_ITO[0], "president": OKABE_ITO[1]}
MARKERS = {"region": "o", "president": "s"}


def reform_chart(
    status_quo: pd.DataFrame, regimes: list[str], path: Path, language: str, caption: str
) -> Path | None:
    """Draw the figure into ``path``; None when the sweep has nothing to draw yet."""
    if status_quo.empty:
        return None
    table = status_quo
    if PERCEPTION in table.columns:
        table = table[table[PERCEPTION] == DEFAULT_PERCEPTION]
    kinds = [k for k in ("pilkada", "pemilu") if ELECTION not in table or k in set(table[ELECTION])]
    if table.empty or not kinds:
        return None
    w = WORDS[language]
    shown = [r for r in regimes if r in set(table[REGIME])]
    y = np.arange(len(shown))[::-1]
    with style():
        fig, axes = plt.subplots(
            len(kinds), 2, figsize=(11, 1.2 + 2.2 * len(kinds)), squeeze=False, sharey=True
        )
        for row, kind in enumerate(kinds):
            here = table[table[ELECTION] == kind] if ELECTION in table else table
            election = names.value_name(ELECTION, kind, language).split(" (")[0]
            for appointed, offset in (("region", 0.14), ("president", -0.14)):
                part = here[here[JPT] == appointed].set_index(REGIME).reindex(shown)
                label = w["fig_appointed"].format(appointed=APPOINTED_BY[language][appointed])
                style_ = dict(
                    color=COLOURS[appointed], marker=MARKERS[appointed], ls="none", capsize=3
                )
                axes[row, 0].errorbar(
                    part.change_pp, y + offset, xerr=part.change_pp_95, label=label, **style_
                )
                axes[row, 1].errorbar(
                    100 * part.unsanctioned, y + offset, xerr=100 * part.unsanctioned_95, **style_
                )
            axes[row, 0].axvline(0, color="black", lw=0.8)
            axes[row, 0].set_title(election, loc="left", fontweight="bold")
            axes[row, 0].set_yticks(y, [names.name("regime", r, language) for r in shown])
        axes[-1, 0].set_xlabel(w["fig_change"])
        axes[-1, 1].set_xlabel(w["fig_unsanctioned"])
        for ax in axes[:, 1]:
            ax.set_xlim(left=0)
        if language == "id":  # decimal comma on the axes too
            comma = FuncFormatter(lambda x, _: f"{x:g}".replace(".", ",").replace("-", "−"))
            for ax in axes.flat:
                ax.xaxis.set_major_formatter(comma)
        axes[0, 0].legend(loc="lower left", bbox_to_anchor=(0, 1.12), ncol=2, frameon=False)
        fig.suptitle(w["fig_title"], x=0.01, ha="left", fontsize=12)
        return save_figure(fig, path, caption)
