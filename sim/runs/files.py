"""Files written whole or not at all, so an interrupted run leaves no half-written result."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

TEMPORARY = ".*.tmp"
"""Name pattern of a file being written: ``.<name>.<random>.tmp`` beside its target."""


def usual_mode() -> int:
    """The mode a file created the ordinary way gets: 0o666 less the process umask."""
    mask = os.umask(0)
    os.umask(mask)  # reading the umask means setting it; put it back at once
    return 0o666 & ~mask


def temporary_beside(path: Path) -> tuple[int, str]:
    """A new temporary file (open descriptor, name) beside ``path``, named by ``TEMPORARY``.

    ``mkstemp`` makes it readable by its owner only (0600); it is given the usual
    mode at once, so the result a rename makes of it can be read by a colleague or a
    cluster job of the same group, as any file the process writes.
    """
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.fchmod(fd, usual_mode())
    return fd, name


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
