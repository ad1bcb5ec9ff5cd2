"""The ten-year shop the benchmarks measure on, built once and kept (issue 17).

``ten_year()`` gives the path of a ten-year shop (``ten_year_shop.build``), built on first use into
the cache folder (``WORKSHOP_BENCH_CACHE``, else ``<temp>/workshop-bench``) and reused while the
generator, the migrations and the arguments are unchanged: the file's name carries a digest of
them. Building takes ~50 s; every later benchmark starts at once.

A benchmark that writes (a scan, a backup) works on ``working_copy(folder)``, never on the kept
file: opening the kept file read-only is the rule, so each run starts from the same shop.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE_ENV = "WORKSHOP_BENCH_CACHE"
SCALE_ENV = "WORKSHOP_BENCH_SCALE"  # scripts/bench --quick sets 0.1: 2,000 jobs


def default_scale() -> float:
    return float(os.environ.get(SCALE_ENV) or 1.0)


def cache_folder() -> Path:
    folder = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "workshop-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _digest(scale: float, seed: int) -> str:
    """What the built file depends on: the generator, the models and migrations, and the arguments."""
    sha = hashlib.sha256(f"{scale}/{seed}".encode())
    sources = [HERE / "ten_year_shop.py", *sorted((ROOT / "migrations" / "versions").glob("*.py")),
               *sorted((ROOT / "workshop" / "db" / "models").glob("*.py"))]
    for source in sources:
        sha.update(source.name.encode())
        sha.update(source.read_bytes())
    return sha.hexdigest()[:12]


def ten_year(scale: float | None = None, seed: int = 17) -> Path:
    """The kept ten-year shop at this scale (``default_scale()`` unless given), built now if it isn't
    there yet."""
    scale = default_scale() if scale is None else scale
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    path = cache_folder() / f"ten-year-{scale:g}-{seed}-{_digest(scale, seed)}.db"
    if path.exists():
        return path
    with open(cache_folder() / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two benchmarks at once: one builds, the other waits for it
        if not path.exists():
            _build(path, scale, seed)
    return path


def _build(path: Path, scale: float, seed: int) -> None:
    import ten_year_shop  # noqa: PLC0415 - only when the file must be built

    partial = path.with_suffix(".part")
    for leftover in partial.parent.glob(partial.name + "*"):
        leftover.unlink()
    print(f"building the ten-year shop (scale {scale:g}) into {path} …", flush=True)
    begun = time.perf_counter()
    ten_year_shop.build(partial, scale=scale, seed=seed)
    for stale in cache_folder().glob(f"ten-year-{scale:g}-{seed}-*.db"):
        stale.unlink()  # an older generator's file: 300 MiB each
    partial.rename(path)  # whole or not at all: a build cut short is never taken for the shop
    print(f"built in {time.perf_counter() - begun:.0f} s", flush=True)


def working_copy(folder: Path, scale: float | None = None, seed: int = 17) -> Path:
    """A copy of the kept shop in ``folder``, for a benchmark that writes."""
    target = Path(folder) / "ten-year.db"
    shutil.copyfile(ten_year(scale, seed), target)
    return target
