"""A scan at the bench on ten years of a shop: a badge, a clock-on, the "finished?" question, a clock-off.

Budget: each scan answers in ≤ 50 ms (the terminal shows its result at once), median and worst.
The shop: a working copy of the ten-year shop (benchmarks/shops.py: 20,000 jobs, ~200,000 operations,
600,000 time logs, 30 operators, 60 jobs on the floor) with ~100,000 past clock-ons (``scan_shop``: the
generator writes none); the scans go to the pending steps of the jobs on the floor. Before the first
scan the shop is rehearsed once (``clocking.rehearse``, rolled back), as the terminal does when it opens.
Run: .venv/bin/python benchmarks/bench_scan.py [--rounds 50] [--no-tidy]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MS = 50.0
OPERATORS = 30  # the ten-year shop's operators
SCANNED_EVERY = 6  # one time log in six was a scan's: ~100,000 past clock-ons


def scan_shop(folder: Path) -> Path:
    """A working copy of the ten-year shop (benchmarks/shops.py) with ten years of scans at the bench: the
    generator keys its 600,000 time logs in by hand and writes no clock-ons, so one log in six becomes a
    scan's (its clock-on, closed and finished when the log ended; the log its segment), as the clock-on
    history a terminal reads beside."""
    import shops
    from sqlalchemy import literal, select, update

    from workshop.db.engine import open_database
    from workshop.db.models import ClockOn, TimeLog

    path = shops.working_copy(folder)
    db = open_database(path)
    try:
        with db.session() as s:
            scanned = (TimeLog.id % SCANNED_EVERY == 0) & TimeLog.operator_id.is_not(None)
            s.execute(ClockOn.__table__.insert().from_select(
                ["id", "job_id", "operation_id", "operator_id", "started_at", "segment_started_at", "ended_at",
                 "finished", "ended_by"],
                select(TimeLog.id, TimeLog.job_id, TimeLog.operation_id, TimeLog.operator_id, TimeLog.started_at,
                       literal(None), TimeLog.ended_at, literal(True), literal("scan")).where(scanned)))
            s.execute(update(TimeLog).where(scanned).values(source="scan", clock_on_id=TimeLog.id))
    finally:
        db.close()
    return path


def live_operations(db) -> list[tuple[str, int]]:
    """(job number, op number) of every step waiting at the bench: pending, in the shop, on a job on the floor."""
    from sqlalchemy import select

    from workshop.db.models import Job, Operation

    with db.reader() as s:
        return s.execute(select(Job.number, Operation.op_number).join(Operation, Operation.job_id == Job.id)
                         .where(Job.status.in_(["released", "in_progress"]), Operation.status == "pending",
                                Operation.supplier_id.is_(None))
                         .order_by(Operation.id)).all()


def timed(fn, cpu: list[float] | None = None) -> tuple[float, object]:
    """Milliseconds the call took, and its result; ``cpu`` gets this process's CPU milliseconds for it."""
    start, start_cpu = time.perf_counter(), time.process_time()
    result = fn()
    if cpu is not None:
        cpu.append((time.process_time() - start_cpu) * 1000)
    return (time.perf_counter() - start) * 1000, result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--no-tidy", action="store_true",
                        help="leave out the terminal's checkpoint when the bench is quiet (SQLite then checkpoints "
                             "inside a scan's save now and then)")
    args = parser.parse_args()
    from figures import Figure, exit_code, report
    from workshop.db.connection import checkpoint_quietly
    from workshop.db.engine import open_database
    from workshop.domain.scan_codes import badge_code, operation_code, read_scan, typed_as
    from workshop.services import clocking

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(scan_shop(Path(folder)))
        live = live_operations(db)
        assert clocking.rehearse(db)  # as the terminal does when it opens (not timed: nobody is scanning yet)
        samples: dict[str, list[float]] = {"badge": [], "clock-on": [], "ask finished": [], "clock-off": []}
        cpu: dict[str, list[float]] = {"clock-on": [], "clock-off": []}
        base = db.now()
        for i in range(args.rounds):
            operator = i % OPERATORS + 1
            number, op_number = live[(i * 7) % len(live)]
            layout = ("en_US", "de_DE", "fr_FR", "en_GB")[i % 4]  # as the PC's layout types them
            at = base + dt.timedelta(minutes=5 * i)
            ms, _ = timed(lambda: clocking.scan(db, typed_as(badge_code(operator), layout), now=at))
            samples["badge"].append(ms)
            code = typed_as(operation_code(number, op_number), layout)
            ms, on = timed(lambda: clocking.scan(db, code, operator, now=at), cpu["clock-on"])
            samples["clock-on"].append(ms)
            assert on.kind in ("clock_on", "resume"), on
            ms, ask = timed(lambda: clocking.scan(db, code, operator, now=at + dt.timedelta(minutes=3)))
            samples["ask finished"].append(ms)
            assert ask.kind == "ask_finish", ask
            ms, _ = timed(lambda: clocking.clock_off(db, on.clock_on.id, finished=False,
                                                     now=at + dt.timedelta(minutes=4)), cpu["clock-off"])
            samples["clock-off"].append(ms)
            if not args.no_tidy:  # as the terminal does 2 s after its last answer (not timed: nobody waits)
                checkpoint_quietly(db.engine)
        db.close()
    # Reading a code alone (no database), through the slowest path: a French PC's old card.
    arrived = typed_as("J-2026-0042/030", "fr_FR")
    samples["read the code"] = [timed(lambda: read_scan(arrived))[0] for _ in range(args.rounds)]
    for name, values in samples.items():
        p95 = statistics.quantiles(values, n=20)[-1]
        note = f"95% {p95:.1f} ms"
        if name in cpu:  # the slowest run's CPU: the rest of it is waiting (for a core, for the disk's sync)
            slowest = max(range(len(values)), key=values.__getitem__)
            note += f"; CPU median {statistics.median(cpu[name]):.1f} ms, slowest run's {cpu[name][slowest]:.1f} ms"
        report(Figure.of(f"scan: {name}", values, "ms", BUDGET_MS, judge_worst=True, note=note))
    # Measured: without the terminal's tidying (--no-tidy) a lone slow write (~55 ms) is SQLite's WAL
    # checkpoint, every 1,000 pages written, synced (synchronous=FULL) inside a scan's save.
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
