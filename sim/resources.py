"""What a run needs from the machine: memory for its region, a folder it may write to.

Both are checked before a run starts, so a run that cannot finish is refused with
one line instead of failing midway.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .config import ConfigError, Params

# Peak memory per civil servant of one replication: about 800 bytes measured with
# tracemalloc at 20,000 and 100,000 civil servants (arrays, CSR graph, campaign
# state); 1,200 leaves a margin for the interpreter and the tables.
BYTES_PER_CIVIL_SERVANT = 1_200


def available_memory() -> int | None:
    """Bytes of memory the machine can give a new process now (None if unknown)."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_memory(params: Params, available: int | None = None) -> None:
    """Refuse a region that would not fit in memory, with the estimate."""
    available = available_memory() if available is None else available
    need = params.region.civil_servants * BYTES_PER_CIVIL_SERVANT
    if available is None or need <= available:
        return
    fits = available // BYTES_PER_CIVIL_SERVANT
    raise ConfigError(
        f"region.civil_servants={params.region.civil_servants} needs about "
        f"{need / 2**30:.1f} GB of memory and this machine has {available / 2**30:.1f} GB "
        f"available: use at most {fits:,} civil servants"
    )


def check_writable(folder: str | Path, key: str) -> None:
    """Refuse an output folder that cannot be created or written, before writing anything."""
    folder = Path(folder).absolute()
    ancestor = folder
    while not ancestor.exists():
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise ConfigError(f"{key}={folder} cannot be made: {ancestor} is a file, not a folder")
    try:  # the only sure test is to try: permissions, read-only disks, /proc ...
        Path(tempfile.mkdtemp(prefix=".patronage-probe-", dir=ancestor)).rmdir()
    except OSError as error:
        raise ConfigError(
            f"{key}={folder} cannot be written ({error.strerror}): choose a folder you can write to"
        ) from None
