"""The Start page on ten years of a shop (issue 16: it opens in at most 100 ms).

The shop: a working copy of the ten-year shop (benchmarks/shops.py: 20,000 jobs, 20,000 briefs, 12,000
quotes with 25 still sent, 20,000 invoices with 166 unpaid, 5,000 purchase orders, 400 materials, 1,800
jobs held or at inspection), with the schedule the service proposes applied (``services.schedule``), so
the live jobs' operations are placed over the coming weeks as the owner's Apply leaves them. (The
generator writes no deliveries: the "delivered" jobs waiting for their invoice show no delivery date.)
Measured, median and worst of the rounds:
- the service call (``start_page.start_page``: every section from stored data);
- the tab's first paint: the Start tab built, shown and painted offscreen at 1280×720, which
  includes the service call (the live schedule is then worked out off the GUI thread);
- that live schedule (``start_page.live_forecast``), for the record: it has no budget of its own
  here (bench_schedule measures the scheduler) because nothing waits for it.
Budget: 100 ms for the service call and the first paint.
Run: .venv/bin/python benchmarks/bench_start_page.py [--rounds 20]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

BUDGET_MS = 100.0


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def start_shop(folder: Path) -> Path:
    """A working copy of the ten-year shop with the proposed schedule applied (on the shop's own today)."""
    import shops

    from workshop.db.engine import open_database
    from workshop.services import schedule

    path = shops.working_copy(folder)
    db = open_database(path)
    try:
        schedule.apply_schedule(db, schedule.propose(db))
    finally:
        db.close()
    return path


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

    ms, tab = timed(paint)
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
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from figures import Figure, exit_code, report
    from PySide6.QtWidgets import QApplication

    from workshop.db.engine import open_database
    from workshop.services import start_page

    app = QApplication.instance() or QApplication([])  # noqa: F841 - the tab needs one
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(start_shop(Path(folder)))
        page = start_page.start_page(db)  # once, so imports are not counted
        print("sections: " + ", ".join(f"{s.key} {s.count}" for s in page.sections))
        samples = {"start page service": [], "Start tab first paint": [], "live schedule (background)": []}
        for _ in range(args.rounds):
            samples["start page service"].append(timed(lambda: start_page.start_page(db))[0])
            samples["Start tab first paint"].append(first_paint(db))
            samples["live schedule (background)"].append(timed(lambda: start_page.live_forecast(db))[0])
        db.close()
    for name, times in samples.items():
        report(Figure.of(name, times, "ms", None if "background" in name else BUDGET_MS))
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
