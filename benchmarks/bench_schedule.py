"""The finite-capacity scheduler on a busy shop: 500 released jobs of 10 operations (5,000) on 10
workstations (two of them with two machines), some work half done, some sent outside.

Budget (issue 16): ≤ 1 s to schedule it. Measured twice: the pure scheduler on that shop in memory, and
the whole proposal (services.schedule.propose: reading the jobs, operations and bookings from a database
of the same shape, then scheduling) on a SQLite file built once in the temporary folder.
Run: .venv/bin/python benchmarks/bench_schedule.py [--rounds 5] [--rebuild]
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


CACHED = Path(tempfile.gettempdir()) / f"workshop-bench-schedule-{JOBS}.db"


def build(path: Path) -> None:
    """The busy shop as database rows, inserted in bulk, with 45 minutes booked on each started step."""
    from sqlalchemy import insert

    from workshop.db.engine import open_database
    from workshop.db.models import Customer, Job, Operation, Supplier, TimeLog, Workstation

    calendar, stations, jobs, _today = busy_shop()
    now = dt.datetime.now(dt.UTC)
    db = open_database(path)
    with db.session() as s:
        s.execute(insert(Customer), [dict(id=1, name="Customer", created_at=now)])
        s.execute(insert(Supplier), [dict(id=1, name="Powder coater", lead_time_days=5)])
        s.execute(insert(Workstation), [dict(id=ws.id, code=ws.code, name=ws.code, capacity_hours_per_day=ws.capacity_hours,
                                             parallel=ws.parallel) for ws in stations])
        s.execute(insert(Workstation), [dict(id=WORKSTATIONS + 1, code="OUT", name="Outside work", kind="outside")])
        s.execute(insert(Job), [dict(id=j.id, number=j.number, customer_id=1, title=f"Job {j.id}", due_date=j.due,
                                     priority=j.priority.value, status="released", created_at=now, updated_at=now)
                                for j in jobs])
        s.execute(insert(Operation), [
            dict(id=op.id, job_id=j.id, sequence=op.sequence, op_number=op.sequence * 10, name=f"Step {op.sequence}",
                 workstation_id=WORKSTATIONS + 1 if op.outside_days is not None else op.workstation_id,
                 setup_minutes=Decimal(0), run_minutes=op.remaining_minutes, status=op.status.value,
                 days_away=op.outside_days, supplier_id=1 if op.outside_days is not None else None)
            for j in jobs for op in j.operations])
        s.execute(insert(TimeLog), [
            dict(job_id=j.id, operation_id=op.id, workstation_id=op.workstation_id, labour_minutes=Decimal(45),
                 machine_minutes=Decimal(0), labour_rate=Decimal("26.00"), booked_at=now)
            for j in jobs for op in j.operations if op.status.value == "running"])
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the database shop again")
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

    from bench_scan import ensure_built

    from workshop.db.engine import open_database
    from workshop.services.schedule import propose

    ensure_built(CACHED, build, args.rebuild, f"the database shop of {JOBS} released jobs")
    db = open_database(CACHED)
    whole = []
    for _ in range(args.rounds):
        start = time.perf_counter()
        view = propose(db, now=dt.datetime.combine(today, dt.time(8, 0)))
        whole.append((time.perf_counter() - start) * 1000)
    db.close()
    report(Figure.of(f"schedule {JOBS} jobs, the proposal from the database", whole, "ms", BUDGET_MS,
                     note=f"{len(view.plan.operations):,} operations placed"))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
