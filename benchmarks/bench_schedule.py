"""The finite-capacity scheduler on a busy shop: 500 released jobs, about 5,000 operations.

Budget (issue 16, issue 17): ≤ 1 s to schedule it. Measured twice:
- the pure scheduler (``domain.scheduling.schedule``) on a shop made in memory: 500 jobs of 10 operations
  on 10 workstations (two of them with two machines), some work half done, some sent outside (``busy_shop``,
  which bench_gantt and bench_lateness share);
- the whole proposal through the service (``services.schedule.propose``: reading the calendar, the jobs,
  their open operations and the time booked on them, then scheduling) on a working copy of the ten-year
  shop (benchmarks/shops.py), so ten years of closed jobs, 600,000 time logs and 5,000 orders lie beside
  the work read. The generator keeps ~60 jobs on the floor; ``release_repeats`` brings them to 500 with
  repeat orders of older closed jobs (benchmarks/repeat_orders.py: their routings, every step pending),
  released today: a shop ``workshop check`` finds healthy (``--check`` runs it), rather than older jobs
  set back to released beside their invoices and time logs.
Run: .venv/bin/python benchmarks/bench_schedule.py [--rounds 5] [--check]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

BUDGET_MS = 1000.0
JOBS, OPS_PER_JOB, WORKSTATIONS = 500, 10, 10


def busy_shop():
    from workshop.domain.scheduling import JobInput, OperationInput, ShopCalendar, WorkstationInput
    from workshop.domain.statuses import OperationStatus, Priority

    rng = random.Random(16)
    today = dt.date(2026, 12, 7)
    calendar = ShopCalendar(holidays=frozenset({dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 1, 1)}))
    stations = [WorkstationInput(i + 1, f"WS{i}", Decimal(8 if i % 3 else 16), parallel=2 if i in (2, 5) else 1)
                for i in range(WORKSTATIONS)]
    priorities = [Priority.NORMAL] * 8 + [Priority.HIGH, Priority.URGENT]
    jobs = []
    for j in range(JOBS):
        ops = []
        for k in range(OPS_PER_JOB):
            started = j < 40 and k == 0  # the work on the floor now, half done
            outside = k == 7 and j % 10 == 0  # one job in ten sends a step out
            ops.append(OperationInput(
                j * OPS_PER_JOB + k + 1, k + 1, rng.randint(1, WORKSTATIONS), Decimal(rng.randint(30, 600)),
                OperationStatus.RUNNING if started else OperationStatus.PENDING,
                outside_days=rng.randint(3, 10) if outside else None))
        jobs.append(JobInput(j + 1, f"J-2026-{j + 1:04d}", today + dt.timedelta(days=rng.randint(10, 200)),
                             rng.choice(priorities), tuple(ops)))
    return calendar, stations, jobs, today


TODAY = dt.date(2026, 12, 1)  # the ten-year shop's today (ten_year_shop.TODAY)


def release_repeats(path: Path, live_wanted: int = JOBS) -> tuple[int, int]:
    """Bring the working copy of the ten-year shop to ``live_wanted`` released or in-progress jobs with
    repeat orders of the newest closed jobs (``repeat_orders``: their routings, every step pending),
    released today, due in 10 to 200 days. Returns (jobs added, open operations to schedule)."""
    from sqlalchemy import func, select

    from repeat_orders import repeat_jobs
    from workshop.db.engine import open_database
    from workshop.db.models import Job, Operation

    rng = random.Random(17)
    now = dt.datetime.combine(TODAY, dt.time(7, 0), dt.UTC)
    priorities = ["normal"] * 8 + ["high", "urgent"]
    db = open_database(path, clock=lambda: now)
    try:
        with db.session() as s:
            live = s.scalar(select(func.count()).select_from(Job).where(Job.status.in_(["released", "in_progress"])))
            sources = list(s.scalars(select(Job.id).where(Job.status == "closed", Job.id.in_(select(Operation.job_id)))
                                     .order_by(Job.id.desc()).limit(max(live_wanted - live, 0))))
            added = repeat_jobs(s, sources, now=now, due=lambda k: TODAY + dt.timedelta(days=rng.randint(10, 200)),
                                priority=lambda k: rng.choice(priorities))
            open_ops = s.scalar(select(func.count()).select_from(Operation).join(Job, Job.id == Operation.job_id)
                                .where(Job.status.in_(["released", "in_progress"]),
                                       Operation.status.in_(["pending", "running", "paused"])))
        return len(added), open_ops
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--check", action="store_true", help="run workshop check on the shop scheduled")
    args = parser.parse_args()
    from figures import Figure, exit_code, report
    from workshop.domain.scheduling import schedule

    calendar, stations, jobs, today = busy_shop()
    times, plan = [], None
    for _ in range(args.rounds):
        start = time.perf_counter()
        plan = schedule(calendar, stations, jobs, today)
        times.append((time.perf_counter() - start) * 1000)
    late = sum(1 for j in plan.jobs if j.late)
    last = max(j.finish for j in plan.jobs if j.finish is not None)
    print(f"scheduled {JOBS} jobs, {JOBS * OPS_PER_JOB:,} operations on {WORKSTATIONS} workstations: "
          f"{late} late, the last finishing {last}")
    report(Figure.of(f"schedule {JOBS} jobs ({JOBS * OPS_PER_JOB:,} operations), scheduler alone", times, "ms",
                     BUDGET_MS))

    import shops

    from workshop.db.check import check_database
    from workshop.db.engine import open_database
    from workshop.services.schedule import propose

    with tempfile.TemporaryDirectory() as folder:
        path = shops.working_copy(Path(folder))
        added, open_ops = release_repeats(path)
        if args.check:
            problems = check_database(path)
            assert not problems, problems
            print("workshop check: the shop with its repeat orders is healthy")
        db = open_database(path)
        whole, view = [], None
        for _ in range(args.rounds):
            start = time.perf_counter()
            view = propose(db, now=dt.datetime.combine(TODAY, dt.time(8, 0)))
            whole.append((time.perf_counter() - start) * 1000)
        db.close()
    placed = len(view.plan.operations)
    assert placed == open_ops, (placed, open_ops)
    print(f"the ten-year shop with {added} repeat orders released: {len(view.plan.jobs)} jobs, {placed:,} open "
          f"operations, {sum(1 for j in view.plan.jobs if j.late)} late")
    report(Figure.of(f"schedule {len(view.plan.jobs)} jobs ({placed:,} ops), ten-year shop, service", whole, "ms",
                     BUDGET_MS, note="services.schedule.propose on a working copy"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
