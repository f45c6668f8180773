"""Files written whole or not at all, so an interrupted run leaves no half-written result."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

TEMPORARY = ".*.tmp"
"""Name pattern of a file being written: ``.<name>.<random>.tmp`` beside its target."""


def temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file (open descriptor, name) beside ``path``, named by ``TEMPORARY``."""
    return tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files a killed run left in ``folder`` (they never hold a result)."""
    for leftover in Path(folder).rglob(TEMPORARY):
        leftover.unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole or not at all (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = temporary_beside(path)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_csv_atomic(frame: pd.DataFrame, path: Path) -> None:
    write_text_atomic(path, frame.to_csv(index=False))
