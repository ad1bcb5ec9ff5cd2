"""Backup benchmark (a plain script, not a test): ``python benchmarks/bench_backup.py [--big-mb 100]``.

Times ``make_backup`` (online backup API, integrity_check, fsync, rename), ``check_backup_file`` (what
Restore does first) and ``restore_backup`` (a before-restore backup, then the copy back) on the demo
shop, and on the demo grown to about ``--big-mb`` megabytes (half of it attachment bytes, half time
logs with their indexes). Median of a few runs after a warm-up. Prints the figures and exits 1 if the
demo backup's median is over its budget (the window's Back up now should feel instant there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from figures import Figure, exit_code, report  # noqa: E402
from workshop.cli import main as workshop  # noqa: E402
from workshop.db import backup as b  # noqa: E402

BUDGET_S = 1.0  # the demo shop's backup
RUNS = 5


def median_seconds(fn, runs: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def grow(path: Path, megabytes: int) -> None:
    """Half attachment bytes (random, so nothing compresses), half time logs copied over and over."""
    conn = sqlite3.connect(path)
    with conn:
        for n in range(megabytes * 2):  # 256 KiB each
            data = os.urandom(256 * 1024)
            conn.execute("INSERT INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?)",
                         (f"{n:064x}", len(data), data))
    columns = [r[1] for r in conn.execute("PRAGMA table_info(time_logs)") if r[1] not in ("id", "reverses_id")]
    names = ", ".join(columns)
    while path.stat().st_size < megabytes * 1024 * 1024:
        with conn:
            conn.execute(f"INSERT INTO time_logs ({names}) SELECT {names} FROM time_logs")
    conn.close()


def measure(label: str, path: Path, runs: int, budget_s: float | None = None) -> None:
    size = path.stat().st_size
    out = Path(tempfile.mkdtemp(prefix="bench-backup-out-"))
    counter = iter(range(10_000))
    backup = median_seconds(lambda: b.make_backup(path, out / f"copy-{next(counter)}.db"), runs)
    copy = out / "copy-0.db"
    check = median_seconds(lambda: b.check_backup_file(copy), runs)
    restore = median_seconds(lambda: b.restore_backup(path, copy), runs)
    print(f"{label}: {size / 1e6:.1f} MB  backup {backup * 1000:.0f} ms ({size / 1e6 / backup:.0f} MB/s), "
          f"check {check * 1000:.0f} ms, restore (with its before-restore backup) {restore * 1000:.0f} ms")
    shutil.rmtree(out)
    budget_ms = None if budget_s is None else budget_s * 1000
    report(Figure(f"{label}: backup", backup * 1000, "ms", budget_ms,
                  None if budget_s is None else backup <= budget_s, runs, note=f"{size / 1e6:.1f} MB"))
    report(Figure(f"{label}: check a backup", check * 1000, "ms", None, None, runs))
    report(Figure(f"{label}: restore (with its before-restore backup)", restore * 1000, "ms", None, None, runs))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--big-mb", type=int, default=100, help="size of the big shop in MB (0: skip it)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    try:
        demo = folder / "demo.db"
        assert workshop(["demo", "--db", str(demo), "--today", dt.date(2026, 11, 21).isoformat()]) == 0
        measure("demo shop", demo, RUNS, BUDGET_S)
        if args.big_mb:
            big = folder / "big.db"
            shutil.copyfile(demo, big)
            grow(big, args.big_mb)
            measure(f"grown shop (~{args.big_mb} MB)", big, RUNS)
    finally:
        shutil.rmtree(folder)
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
