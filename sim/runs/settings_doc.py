"""Render the settings table of ``docs/ODD.md`` from ``sim/model/parameters.py``.

``python -m sim.runs.settings_doc`` rewrites the block between the markers in
place; the tests check the file is up to date, so the document cannot drift
from the code.
"""

from __future__ import annotations

import sys
from pathlib import Path

from omegaconf import OmegaConf

from ..model.validation import settings_table
from .settings import compose_config

START, END = "<!-- settings:start -->", "<!-- settings:end -->"
ODD = Path(__file__).resolve().parents[2] / "docs" / "ODD.md"


def _default(cfg, key: str) -> str:
    value = OmegaConf.select(cfg, key)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def render() -> str:
    """The Markdown table: key, default (baseline regency), allowed, per cycle, meaning, source."""
    cfg = compose_config([])
    lines = [
        "| setting | default | allowed | per cycle | meaning | source |",
        "|---|---|---|---|---|---|",
    ]
    for row in settings_table():
        per_cycle = "yes" if row["timeline"] else ""
        source = row["source"] or "run setting"
        lines.append(
            f"| `{row['key']}` | {_default(cfg, row['key'])} | {row['allowed']} | "
            f"{per_cycle} | {row['meaning']} | {source} |"
        )
    return "\n".join(lines)


def updated(text: str) -> str:
    """``text`` with the block between the markers replaced by the current table."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{render()}\n{END}{tail}"


def main() -> None:
    text = ODD.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        ODD.write_text(new, encoding="utf-8")
        print(f"updated the settings table in {ODD}")
    else:
        print(f"{ODD} is up to date")
    sys.exit(0)


if __name__ == "__main__":
    main()
