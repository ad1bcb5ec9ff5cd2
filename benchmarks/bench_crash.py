"""The SIGKILL crash test's cost (tests/crash/test_sigkill.py): how a child is started, and where a
kill's time goes.

1. Start: from ``Process.start()`` to the child dead as it was about to run its first SQL
   statement (it has opened the database), for each way of starting it: ``forkserver`` with the
   writer and the services preloaded (what the test uses), plain ``fork`` of this process, and
   ``spawn`` (a fresh interpreter per kill).
2. One kill of the test's loop, split: the child's run, ``workshop check`` (check_database), and
   the test's own checks.

Run: .venv/bin/python benchmarks/bench_crash.py [--runs 10]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(TESTS), os.environ.get("PYTHONPATH"))))

from support import crash_checks as cc  # noqa: E402
from support import crash_writer as cw  # noqa: E402
from workshop.db.check import check_database  # noqa: E402
from workshop.db.engine import open_database  # noqa: E402


def _start_to_death(ctx, path: Path, journal: Path, shop: dict, kill_at: int) -> float:
    receive, send = ctx.Pipe(duplex=False)
    started = time.perf_counter()
    child = ctx.Process(target=cw.writer, args=(str(path), str(journal), shop, send, kill_at, None))
    child.start()
    send.close()
    child.join()
    receive.close()
    assert child.exitcode == -9, child.exitcode
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        path, journal = Path(folder) / "shop.db", Path(folder) / "journal.txt"
        db = open_database(path)
        shop = cw.build_shop(db)
        for _ in range(40):  # a few cycles' worth of data, as the test has after some kills
            cycle, step = cw.next_step(db)
            cw.run_step(db, shop, cycle, step)
        db.close()
        print(f"{'start':12s} {'median':>8s} {'min':>8s}   (to the first statement, {runs} runs)")
        for method in ("forkserver", "fork", "spawn"):
            ctx = multiprocessing.get_context(method)
            if method == "forkserver":
                ctx.set_forkserver_preload(["support.crash_writer", "sqlalchemy.dialects.sqlite.pysqlite"])
                _start_to_death(ctx, path, journal, shop, 1)  # the server's own start, once
            times = [_start_to_death(ctx, path, journal, shop, 1) for _ in range(runs)]
            print(f"{method:12s} {statistics.median(times) * 1000:7.0f}ms {min(times) * 1000:7.0f}ms")

        ctx = multiprocessing.get_context("forkserver")
        child, check, ours = [], [], []
        for i in range(runs):
            child.append(_start_to_death(ctx, path, journal, shop, 60 + 7 * i))  # a few steps in
            t = time.perf_counter()
            check_database(path)
            check.append(time.perf_counter() - t)
            t = time.perf_counter()
            cc.problems_after_kill(path, shop, None, None)
            ours.append(time.perf_counter() - t - check[-1])
        print(f"\none kill (median of {runs}): child {statistics.median(child) * 1000:.0f} ms, "
              f"check_database {statistics.median(check) * 1000:.0f} ms, "
              f"the test's own checks {statistics.median(ours) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
