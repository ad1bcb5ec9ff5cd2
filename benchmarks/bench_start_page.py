"""The Start page on ten years of a shop (issue 16: it opens in at most 100 ms).

The shop: bench_stock's (bench_scan's 5,000 jobs with 40,000 operations and 300,000 time logs, 400
materials, 60,000 BOM lines, 5,000 purchase orders, 150,000 stock movements), plus ten years of
briefs and quotes (5,000 of each, 30 quotes still sent), 5,000 issued invoices (20 of them unpaid
and overdue), a delivery for each finished job, 15 jobs complete and 15 delivered waiting for their
invoice, and the live jobs' operations placed by an applied schedule over the coming weeks.
Measured, median and worst of the rounds:
- the service call (``start_page.start_page``: every section from stored data);
- the tab's first paint: the Start tab built, shown and painted offscreen at 1280×720, which
  includes the service call (the live schedule is then worked out off the GUI thread);
- that live schedule (``start_page.live_forecast``), for the record: it has no budget of its own
  here (bench_schedule measures the scheduler) because nothing waits for it.
Budget: 100 ms for the service call and the first paint.
Run: .venv/bin/python benchmarks/bench_start_page.py [--rounds 20] [--rebuild]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import bench_scan  # noqa: E402 - the ten-year shop's build-once and timer
import bench_stock  # noqa: E402 - its materials, orders and movements

BUDGET_MS = 100.0
BRIEFS, INVOICES = 5_000, 5_000
CACHED = Path(tempfile.gettempdir()) / f"workshop-bench-start-{BRIEFS}-{INVOICES}.db"


def build(path: Path) -> None:
    """bench_stock's shop, then the sales side and an applied schedule, in bulk."""
    from sqlalchemy import insert, select, text, update

    from workshop.db.engine import open_database
    from workshop.db.models import Brief, Delivery, Invoice, Job, Operation, Quote

    bench_scan.ensure_built(bench_stock.CACHED, bench_stock.build, False, "bench_stock's shop")
    shutil.copyfile(bench_stock.CACHED, path)
    rng = random.Random(16)
    now = dt.datetime.now(dt.UTC)
    today = now.astimezone().date()
    db = open_database(path)
    with db.session() as s:
        jobs = s.execute(select(Job.id, Job.created_at, Job.status, Job.customer_id).order_by(Job.id)).all()
        closed = [j for j in jobs if j.status == "closed"]
        briefs, quotes = [], []
        for i in range(BRIEFS):
            created = now - dt.timedelta(days=3650 * (BRIEFS - i) / BRIEFS)
            live = i >= BRIEFS - 30
            briefs.append(dict(id=i + 1, number=f"B-{created.year}-{i + 1:05d}", customer_id=rng.randint(1, 300),
                               title=f"Brief {i}", status="quoted" if live else "won", created_at=created,
                               updated_at=created))
            quotes.append(dict(id=i + 1, number=f"Q-{created.year}-{i + 1:05d}", revision=1, brief_id=i + 1,
                               status="sent" if live else "accepted", title=f"Brief {i}",
                               valid_until=today + dt.timedelta(days=(i % 30) - 10) if live
                               else created.date() + dt.timedelta(days=30),
                               price=Decimal("2400.00"), cost=Decimal("1800.00"), created_at=created,
                               sent_at=created))
        s.execute(insert(Brief), briefs)
        s.execute(insert(Quote), quotes)
        invoices = []
        for i in range(INVOICES):
            job = closed[i % len(closed)]
            issued = (job.created_at + dt.timedelta(days=45)).date() if i < len(closed) else \
                today - dt.timedelta(days=rng.randint(40, 3650))
            unpaid = i >= INVOICES - 20
            if unpaid:
                issued = today - dt.timedelta(days=35 + i % 60)
            invoices.append(dict(number=f"INV-{issued.year}-{i + 1:05d}", kind="final", status="issued" if unpaid
                                 else "paid", job_id=job.id, customer_id=job.customer_id, currency="GBP",
                                 issue_date=issued, tax_point_date=issued, due_date=issued + dt.timedelta(days=30),
                                 net=Decimal("2000.00"), tax=Decimal("400.00"), gross=Decimal("2400.00"),
                                 created_at=now))
        s.execute(insert(Invoice), invoices)
        finished = closed[-30:]
        s.execute(update(Job).where(Job.id.in_([j.id for j in finished[:15]])).values(status="complete",
                                                                                    completed_at=now))
        s.execute(update(Job).where(Job.id.in_([j.id for j in finished[15:]])).values(status="delivered",
                                                                                    completed_at=now))
        s.execute(insert(Delivery), [dict(job_id=j.id, delivered_on=(j.created_at + dt.timedelta(days=40)).date(),
                                          method="delivered", received_by="Site", recorded_at=now)
                                     for j in closed])
        # the live jobs' open operations as an applied schedule placed them: one a working day each
        live_ops = s.execute(text("SELECT o.id, o.workstation_id FROM operations o JOIN jobs j ON j.id = o.job_id "
                                  "WHERE j.status IN ('released', 'in_progress') ORDER BY o.id")).all()
        day = today
        for n, (op_id, _ws) in enumerate(live_ops):
            if n % 8 == 0:
                day += dt.timedelta(days=1 if day.weekday() < 4 else 3)
            start = dt.datetime.combine(day, dt.time(8, 0)) + dt.timedelta(minutes=30 * (n % 8))
            s.execute(update(Operation).where(Operation.id == op_id)
                      .values(planned_start=start, planned_end=start + dt.timedelta(minutes=135)))
        s.execute(update(Job).where(Job.status.in_(["released", "in_progress"])).values(planned_finish=day))
    db.close()


def first_paint(db) -> float:
    """Build the Start tab, show it at 1280×720 and paint it once: what opening the window costs it."""
    from PySide6.QtWidgets import QApplication

    from workshop.ui.context import AppContext
    from workshop.ui.tabs.start import StartTab

    app = QApplication.instance()
    ctx = AppContext(db)

    def paint():
        tab = StartTab(ctx)
        tab.resize(1280, 720)
        tab.show()
        tab.grab()
        return tab

    ms, tab = bench_scan.timed(paint)
    from workshop.ui.tasks import wait_for_tasks

    wait_for_tasks()  # the live schedule it started, before the next round
    app.processEvents()
    tab.close()
    tab.deleteLater()
    ctx.deleteLater()
    app.processEvents()
    return ms


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--rebuild", action="store_true", help="build the ten-year shop again")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from figures import Figure, exit_code, report
    from PySide6.QtWidgets import QApplication

    from workshop.db.engine import open_database
    from workshop.services import start_page

    bench_scan.ensure_built(CACHED, build, args.rebuild,
                            f"the shop with {BRIEFS:,} briefs and quotes and {INVOICES:,} invoices")
    app = QApplication.instance() or QApplication([])  # noqa: F841 - the tab needs one
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "start.db"
        shutil.copyfile(CACHED, path)
        db = open_database(path)
        page = start_page.start_page(db)  # once, so imports are not counted
        print("sections: " + ", ".join(f"{s.key} {s.count}" for s in page.sections))
        samples = {"start page service": [], "Start tab first paint": [], "live schedule (background)": []}
        for _ in range(args.rounds):
            samples["start page service"].append(bench_scan.timed(lambda: start_page.start_page(db))[0])
            samples["Start tab first paint"].append(first_paint(db))
            samples["live schedule (background)"].append(bench_scan.timed(lambda: start_page.live_forecast(db))[0])
        db.close()
    for name, times in samples.items():
        report(Figure.of(name, times, "ms", None if "background" in name else BUDGET_MS))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
