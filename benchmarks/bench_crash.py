"""The SIGKILL crash test's cost (tests/crash/test_sigkill.py): how a child is started, and where a
kill's time goes.

1. Start: from ``Process.start()`` to the child dead as it was about to run its first SQL
   statement (it has opened the database), for each way of starting it: ``forkserver`` with the
   writer and the services preloaded (what the test uses), plain ``fork`` of this process, and
   ``spawn`` (a fresh interpreter per kill).
2. One kill of the test's loop, split: the child's run, ``workshop check`` (check_database), and
   the test's own checks.

Run: .venv/bin/python benchmarks/bench_crash.py [--runs 10]

Seen on the 2-core dev machine (others' tests running beside it), 1 Dec 2026: to the first
statement forkserver 42-56 ms, fork 30 ms, spawn 683-823 ms (a fresh interpreter per kill would
add ~2.5 minutes to 240 kills); one kill a few steps in: child 197 ms, check_database 68 ms, the
test's own checks 16 ms (its engine kept warm; ~100 ms with a new engine per check). The whole
test: 240 kills in 69-72 s (300 kills, seed 7: 86 s), the invoicing sweep (55 kills) ~15 s.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import tempfile
import time
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, (str(TESTS), os.environ.get("PYTHONPATH"))))

from figures import Figure, report  # noqa: E402
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
        for method in ("forkserver", "fork", "spawn"):
            ctx = multiprocessing.get_context(method)
            if method == "forkserver":
                ctx.set_forkserver_preload(["support.crash_writer", "sqlalchemy.dialects.sqlite.pysqlite"])
                _start_to_death(ctx, path, journal, shop, 1)  # the server's own start, once
            times = [_start_to_death(ctx, path, journal, shop, 1) for _ in range(runs)]
            report(Figure.of(f"start a child ({method}) to its first statement", [t * 1000 for t in times], "ms",
                             note=f"best {min(times) * 1000:.0f} ms"))

        ctx = multiprocessing.get_context("forkserver")
        kept = open_database(path, create=False)  # as the test does: one engine, connections closed after each check
        child, check, ours = [], [], []
        for i in range(runs):
            child.append(_start_to_death(ctx, path, journal, shop, 60 + 7 * i))  # a few steps in
            t = time.perf_counter()
            check_database(path)
            check.append(time.perf_counter() - t)
            t = time.perf_counter()
            cc.problems_after_kill(path, shop, None, None, kept)
            ours.append(time.perf_counter() - t - check[-1])
        kept.close()
        for what, times in (("child", child), ("check_database", check), ("the test's own checks", ours)):
            report(Figure.of(f"one kill a few steps in: {what}", [t * 1000 for t in times], "ms"))


if __name__ == "__main__":
    main()
