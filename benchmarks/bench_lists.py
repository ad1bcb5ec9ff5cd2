"""Lists over ten years of jobs: the first page, a search keystroke, filters, counts.

Budget: anything a keystroke triggers (first page + count) ≤ 50 ms, so typing never stalls.
Run: .venv/bin/python benchmarks/bench_lists.py [--jobs 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

BUDGET_MS = 50.0


def build(db, count: int) -> None:
    """Ten years of jobs, inserted in bulk (the services would take minutes for this many)."""
    from workshop.db.models import Customer, Job, JobStatusChange, Operation, Workstation

    rng = random.Random(7)
    now = dt.datetime.now(dt.UTC)
    words = ["oak", "walnut", "table", "handrail", "stainless", "cabinet", "gate", "desk", "Łódź", "bench"]
    statuses = ["closed"] * 8 + ["invoiced", "delivered", "in_progress", "released", "planned", "on_hold"]
    with db.session() as s:
        customers = [Customer(name=f"Customer {i} {rng.choice(words)}", created_at=now) for i in range(400)]
        s.add_all(customers)
        ws = Workstation(code="SAW", name="Saw")
        s.add(ws)
        s.flush()
        for i in range(count):
            created = now - dt.timedelta(days=3650 * (count - i) / count)
            job = Job(number=f"J-{created.year}-{i:05d}", customer_id=rng.choice(customers).id,
                      title=f"{rng.choice(words).title()} {rng.choice(words)} {i}",
                      specification=" ".join(rng.choice(words) for _ in range(60)), quantity=1,
                      due_date=(created + dt.timedelta(days=40)).date(), priority="normal",
                      status=rng.choice(statuses), created_at=created, updated_at=created)
            job.history.append(JobStatusChange(at=created, to_status="planned", reason="Created"))
            s.add(job)
            if i % 500 == 0:
                s.flush()
        s.flush()
        for job_id in range(1, count + 1, 3):
            s.add(Operation(job_id=job_id, sequence=1, op_number=10, name="Cut", workstation_id=ws.id,
                            status="done"))


def timed(fn, repeat: int = 15) -> list[float]:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=20_000)
    args = parser.parse_args()
    from figures import Figure, exit_code, report
    from workshop.db.engine import open_database
    from workshop.services import jobs

    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "bench.db")
        start = time.perf_counter()
        build(db, args.jobs)
        print(f"built {args.jobs:,} jobs in {time.perf_counter() - start:.1f} s")
        cases = {
            "first page (100), open jobs": lambda: jobs.list_jobs(db, jobs.JobFilter(open_only=True), limit=100),
            "first page (100), all jobs": lambda: jobs.list_jobs(db, limit=100),
            "page 150 (offset 15,000)": lambda: jobs.list_jobs(db, limit=100, offset=15_000),
            "search keystroke 'wal' (page + count)": lambda: (
                jobs.list_jobs(db, jobs.JobFilter(search="wal"), limit=100),
                jobs.count_jobs(db, jobs.JobFilter(search="wal"))),
            "search 'łódź' (page + count)": lambda: (
                jobs.list_jobs(db, jobs.JobFilter(search="łódź"), limit=100),
                jobs.count_jobs(db, jobs.JobFilter(search="łódź"))),
            "late filter (page + count)": lambda: (
                jobs.list_jobs(db, jobs.JobFilter(late_only=True), limit=100),
                jobs.count_jobs(db, jobs.JobFilter(late_only=True))),
            "status counts (status bar)": lambda: jobs.status_counts(db),
        }
        for name, fn in cases.items():
            report(Figure.of(f"{args.jobs:,} jobs: {name}", timed(fn), "ms", BUDGET_MS))
        db.close()
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
