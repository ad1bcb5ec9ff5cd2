"""The finite-capacity scheduler on a busy shop: 500 released jobs of 10 operations (5,000) on 10
workstations (two of them with two machines), some work half done, some sent outside.

Budget (issue 16): ≤ 1 s to schedule it. Pure domain code: what the service adds (gathering the jobs
from the database) is measured once that service exists.
Run: .venv/bin/python benchmarks/bench_schedule.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from decimal import Decimal

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


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    from workshop.domain.scheduling import schedule

    calendar, stations, jobs, today = busy_shop()
    times, plan = [], None
    for _ in range(args.rounds):
        start = time.perf_counter()
        plan = schedule(calendar, stations, jobs, today)
        times.append((time.perf_counter() - start) * 1000)
    late = sum(1 for j in plan.jobs if j.late)
    last = max(j.finish for j in plan.jobs if j.finish is not None)
    median, worst = statistics.median(times), max(times)
    print(f"scheduled {JOBS} jobs, {JOBS * OPS_PER_JOB:,} operations on {WORKSTATIONS} workstations: "
          f"{late} late, the last finishing {last}")
    print(f"median {median:.0f} ms, worst {worst:.0f} ms (budget {BUDGET_MS:.0f} ms): "
          f"{'ok' if median <= BUDGET_MS else 'OVER'}")
    return 0 if median <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
