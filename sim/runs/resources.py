"""What a run needs from the machine: memory for its region, a folder it may write to.

Both are checked before a run starts, so a run that cannot finish is refused with
one line instead of failing midway.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..model.parameters import ConfigError, Params
from .national import largest_region

# Peak memory per civil servant of one replication: about 500 bytes measured with
# tracemalloc at 10,000 and 100,000 civil servants by benchmarks/scale.py (arrays,
# the ties, campaign state, the weekly buffers); 1,200 leaves a margin for the
# interpreter and the tables.
BYTES_PER_CIVIL_SERVANT = 1_200

# A national run's worker is a Python process with numpy, scipy, pandas and Mesa
# loaded: about 150 MB resident running regions one after another (measured, the
# largest region included); 250 MB leaves a margin.
BYTES_PER_WORKER = 250 * 2**20

# One row of regions.csv held as a DataFrame (about 50 columns): about 1 KB.
BYTES_PER_TABLE_ROW = 2_000


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


def workers_for(params: Params) -> int:
    """Processes a run uses: one, or for a national run one per core (at most one a region)."""
    if params.region.regions == 1:
        return 1
    return max(1, min(os.cpu_count() or 1, params.region.regions))


def memory_needed(params: Params) -> int:
    """Bytes a run needs at its peak.

    A national run holds one region per worker at a time (the largest, at worst),
    plus a Python interpreter per worker and the table of every region's cycles.
    """
    if params.region.regions == 1:
        return params.region.civil_servants * BYTES_PER_CIVIL_SERVANT
    workers = workers_for(params)
    rows = params.region.regions * params.replications * params.cycles
    return (
        workers * (largest_region(params) * BYTES_PER_CIVIL_SERVANT + BYTES_PER_WORKER)
        + rows * BYTES_PER_TABLE_ROW
    )


def check_memory(params: Params, available: int | None = None) -> None:
    """Refuse a region that would not fit in memory, with the estimate."""
    available = available_memory() if available is None else available
    need = memory_needed(params)
    if available is None or need <= available:
        return
    if params.region.regions > 1:
        raise ConfigError(
            f"region.regions={params.region.regions} needs about {need / 2**30:.1f} GB of "
            f"memory ({workers_for(params)} worker(s), largest region "
            f"{largest_region(params):,} civil servants) and this machine "
            f"has {available / 2**30:.1f} GB available: use fewer replications or regions"
        )
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
