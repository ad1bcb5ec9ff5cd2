"""Opening a job of 60 operations and 150 BOM lines, with its costs, on ten years of a shop (issue 17).

The generator's big jobs (benchmarks/ten_year_shop.py): the newest live one (released or in progress)
and ten closed ones with ~190 time logs each; the closed one with the most time logs is costed here.
On a working copy of the kept ten-year shop (benchmarks/shops.py), its clock at the shop's today.

Figures:
- through the services, for each of the two jobs: everything Job Cards asks when the job is opened and
  each of its pages looked at, and the Routing tab's list of its operations (``open_calls``: the
  detail, plan and progress, the customer's orders, the bill of materials and its stock position, the
  cost sheet with the shop's currency, the operations), one after the other; budget 20 ms. Then the
  part asked when the job is chosen (``AT_OPEN``: its Job page; each other page asks its own when it
  is chosen), same budget. Each call is also reported alone, for the record;
- painted, for each of the two jobs: Job Cards alone at 1280×720, from the click on the job's row in
  the list (the list's ``job_chosen``, as a click sends it) to the tab painted (events processed, then
  the whole tab rendered: ``grab``), then each of its pages in turn, from the click on the page's
  button to the job's side of the tab painted (what a page changes; the list beside it is not
  painted again); budget 80 ms each. Each round starts on another job, on the Job page. A page that
  works its figures out off the GUI thread (``page.working``: Costs) is timed to its first paint
  ("Working out…"), then waited for, and reported again from the same click to its figures shown and
  painted (", figures shown": the GUI thread's CPU, and the process's with the worker's), before the
  next page is clicked (the worker no longer runs beside the next page's figure). And the Routing tab
  showing the job (its operations), to the tab painted;
- one job's actual cost (``job_costing.actual_job_cost``) on the full shop (20,000 jobs) and on the
  0.1 shop (2,000 jobs), interleaved, budget 5 ms each, and their ratio (flat: budget 1.3×); the
  cost sheet likewise, for the record (estimate, actual, the same work at the estimate's rates and
  the variance: four costs of the job), and its ratio;
- the statements the services send to open the job, for the record (a test pins them).
Run: .venv/bin/python benchmarks/bench_open_job.py [--rounds 9] [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

SERVICES_BUDGET_MS = 20.0
PAINTED_BUDGET_MS = 80.0
ACTUAL_BUDGET_MS = 5.0
FLAT_BUDGET = 1.3  # the actual cost at 20,000 jobs over the same at 2,000
NOW = dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC)  # the ten-year shop's today (ten_year_shop.TODAY), 4 pm


def big_jobs(path: Path) -> tuple[int, int, int]:
    """(the newest live big job, the closed big job with the most time logs, another job to start from)."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        big = [row[0] for row in con.execute("SELECT job_id FROM operations GROUP BY job_id HAVING COUNT(*) >= 60")]
        marks = ",".join("?" * len(big))
        live = con.execute(f"SELECT id FROM jobs WHERE id IN ({marks}) AND status IN ('released', 'in_progress') "
                           "ORDER BY created_at DESC, id DESC LIMIT 1", big).fetchone()[0]
        closed = con.execute(f"SELECT j.id FROM jobs j JOIN time_logs t ON t.job_id = j.id WHERE j.id IN ({marks}) "
                             "AND j.status = 'closed' GROUP BY j.id ORDER BY COUNT(*) DESC, j.id LIMIT 1",
                             big).fetchone()[0]
        other = con.execute(f"SELECT id FROM jobs WHERE id NOT IN ({marks}) AND status = 'in_progress' "
                            "ORDER BY id DESC LIMIT 1", big).fetchone()[0]
        return live, closed, other
    finally:
        con.close()


#: what Job Cards asks when a job is chosen (its Job page shows); the other pages ask theirs when chosen
AT_OPEN = ("the job", "its plan", "its progress", "the customer's orders")


def open_calls(db, job_id: int) -> list:
    """What opening ``job_id`` and looking at its pages asks of the services, by name."""
    from workshop.services import bom, floor_board, job_costing, job_orders, jobs, routing, settings, stock_needs

    customer_id = jobs.get_job(db, job_id).customer_id
    return [
        ("the job", lambda: jobs.get_job(db, job_id)),
        ("its plan", lambda: routing.job_plan(db, job_id)),
        ("its progress", lambda: floor_board.job_progress(db, job_id)),
        ("the customer's orders", lambda: job_orders.list_orders(db, customer_id=customer_id)),
        ("its bill of materials", lambda: bom.get_bom(db, job_id)),
        ("the bill's stock position", lambda: stock_needs.material_needs(db, job_id)),
        ("the shop's currency", lambda: settings.get_settings(db)),
        ("its cost sheet", lambda: job_costing.cost_sheet(db, job_id)),
        ("its operations", lambda: routing.list_operations(db, job_id)),
    ]


class Timed:
    """Wall-clock milliseconds (the figures) and the thread's CPU milliseconds beside them (in the
    notes: a machine busy with other programs disturbs them less)."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.process: list[float] = []  # the whole process's CPU (workers too), where it is measured

    def __call__(self, fn) -> float:
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn()
        self.cpu.append((time.thread_time() - start_cpu) * 1000)
        self.wall.append((time.perf_counter() - start) * 1000)
        return self.wall[-1]

    def add(self, wall: float, cpu: float) -> None:
        self.wall.append(wall)
        self.cpu.append(cpu)

    def note(self, text: str = "") -> str:
        process = f", process CPU {statistics.median(self.process):.3g} ms" if self.process else ""
        return f"{text}{'; ' if text else ''}CPU {statistics.median(self.cpu):.3g} ms{process}"


def measure_services(db, job_id: int, rounds: int) -> tuple[Timed, dict[str, Timed]]:
    calls = open_calls(db, job_id)
    for _, fn in calls:
        fn()  # statements compiled, mappers ready: the window has opened jobs before
    total, each = Timed(), {name: Timed() for name, _ in calls}
    for _ in range(rounds):
        wall = cpu = 0.0
        for name, fn in calls:
            wall += each[name](fn)
            cpu += each[name].cpu[-1]
        total.add(wall, cpu)
    return total, each


def count_statements(db, job_id: int) -> int:
    from sqlalchemy import event

    sent = []

    def count(*_args) -> None:
        sent.append(1)

    calls = open_calls(db, job_id)
    event.listen(db.engine, "before_cursor_execute", count)
    try:
        for _, fn in calls:
            fn()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(sent)


def measure_painted(db, job_id: int, other_id: int, rounds: int) -> dict[str, Timed]:
    """Job Cards at 1280×720: the job chosen in the list, then each page, to the tab painted."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from workshop.ui.context import AppContext
    from workshop.ui.tabs.job_cards import JobCardsTab

    app = QApplication.instance()
    ctx = AppContext(db)
    tab = JobCardsTab(ctx)
    tab.resize(1280, 720)
    tab.show()
    app.processEvents()
    pages = tab.detail.pages
    process_cpu: dict[str, list[float]] = {}  # the process's CPU (GUI thread and workers), per figure

    def painted(action, widget) -> tuple[float, float]:
        start, start_cpu = time.perf_counter(), time.thread_time()
        action()
        app.processEvents()
        widget.grab()
        return (time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000

    def settled(page) -> None:
        """Wait for a page that works its figures out off the GUI thread (the Costs page: ``working``)."""
        while getattr(page, "working", False):
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)  # until the worker's answer
        app.processEvents()

    figures: dict[str, Timed] = {}
    for r in range(rounds + 1):  # the first round warms up (the pages' first paint, statements compiled)
        pages.setCurrentIndex(0)
        tab.list.job_chosen.emit(other_id)
        app.processEvents()
        settled(pages.currentWidget())
        tab.grab()
        took = {"opened (Job page)": painted(lambda: tab.list.job_chosen.emit(job_id), tab)}
        assert tab.detail.job is not None and tab.detail.job.id == job_id
        for i in range(1, pages.count()):  # a page changes the job's side only: that side painted
            name = pages.tabText(i).replace("&&", "&")
            start, start_cpu, start_process = time.perf_counter(), time.thread_time(), time.process_time()
            took[name] = painted(pages.tabButton(i).click, tab.detail)
            assert pages.currentIndex() == i
            page = pages.currentWidget()
            if getattr(page, "working", False):  # its figures come from a worker: from the same click
                settled(page)  # to them shown and painted, before the next page is timed
                tab.detail.grab()
                took[f"{name}, figures shown"] = ((time.perf_counter() - start) * 1000,
                                                  (time.thread_time() - start_cpu) * 1000)
                if r:
                    process_cpu.setdefault(f"{name}, figures shown", []).append(
                        (time.process_time() - start_process) * 1000)
        if r:
            for name, (wall, cpu) in took.items():
                figures.setdefault(name, Timed()).add(wall, cpu)
    for name, process in process_cpu.items():
        figures[name].process = process
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return figures


def measure_routing_tab(db, job_id: int, other_id: int, rounds: int) -> Timed:
    """The Routing tab at 1280×720 following the job chosen (its operations, their path and
    progress), to the tab painted."""
    from PySide6.QtWidgets import QApplication

    from workshop.ui.context import AppContext
    from workshop.ui.tabs.routing import RoutingTab

    app = QApplication.instance()
    tab = RoutingTab(AppContext(db))
    tab.resize(1280, 720)
    tab.show()
    timed = Timed()
    for r in range(rounds + 1):
        tab.show_job(other_id)
        app.processEvents()
        tab.grab()
        start, start_cpu = time.perf_counter(), time.thread_time()
        tab.show_job(job_id)
        app.processEvents()
        tab.grab()
        if r:
            timed.add((time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000)
    tab.close()
    tab.deleteLater()
    app.processEvents()
    return timed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=9)
    parser.add_argument("--quick", action="store_true", help="fewer rounds (a smoke run)")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import shops
    from figures import Figure, exit_code, report, rounds

    from PySide6.QtWidgets import QApplication

    from workshop.db.engine import open_database
    from workshop.services import job_costing

    n = rounds(3 if args.quick else args.rounds)
    QApplication.instance() or QApplication([])  # the tab needs one
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "full").mkdir()
        (Path(folder) / "small").mkdir()
        full_path = shops.working_copy(Path(folder) / "full", 1.0)
        small_path = shops.working_copy(Path(folder) / "small", 0.1)
        live, closed, other = big_jobs(full_path)
        _, small_closed, _ = big_jobs(small_path)
        db = open_database(full_path, clock=lambda: NOW)
        small = open_database(small_path, clock=lambda: NOW)

        for label, job_id in (("live job", live), ("closed job", closed)):
            total, each = measure_services(db, job_id, max(n, 15))
            report(Figure.of(f"open a {label} and every page: services", total.wall, "ms", SERVICES_BUDGET_MS,
                             note=total.note(f"job {job_id}; {count_statements(db, job_id)} statements")))
            opened = Timed()
            for i in range(len(total.wall)):
                opened.add(sum(each[name].wall[i] for name in AT_OPEN), sum(each[name].cpu[i] for name in AT_OPEN))
            report(Figure.of(f"open a {label} (its Job page): services", opened.wall, "ms", SERVICES_BUDGET_MS,
                             note=opened.note(", ".join(AT_OPEN))))
            for name, timed in each.items():
                report(Figure.of(f"  {label}: {name}", timed.wall, "ms", note=timed.note()))

        for label, job_id in (("live job", live), ("closed job", closed)):
            for name, timed in measure_painted(db, job_id, other, n).items():
                report(Figure.of(f"{label} painted: {name}", timed.wall, "ms", PAINTED_BUDGET_MS, note=timed.note()))
            timed = measure_routing_tab(db, job_id, other, n)
            report(Figure.of(f"{label} painted: Routing tab", timed.wall, "ms", PAINTED_BUDGET_MS, note=timed.note()))

        for target, job_id in ((db, closed), (small, small_closed)):
            job_costing.actual_job_cost(target, job_id)  # warm: statements compiled
        full, tenth = Timed(), Timed()
        for _ in range(max(n, 15)):  # interleaved
            full(lambda: job_costing.actual_job_cost(db, closed))
            tenth(lambda: job_costing.actual_job_cost(small, small_closed))
        logs = sqlite3.connect(f"file:{full_path}?mode=ro", uri=True).execute(
            "SELECT COUNT(*) FROM time_logs WHERE job_id = ?", (closed,)).fetchone()[0]
        report(Figure.of("actual cost, 20,000 jobs", full.wall, "ms", ACTUAL_BUDGET_MS,
                         note=full.note(f"job {closed}: 60 operations, {logs} time logs")))
        report(Figure.of("actual cost, 2,000 jobs", tenth.wall, "ms", ACTUAL_BUDGET_MS,
                         note=tenth.note(f"job {small_closed}")))
        report(Figure.of("actual cost, 20,000 over 2,000 jobs", [a / b for a, b in zip(full.wall, tenth.wall)], "×",
                         FLAT_BUDGET, note="each run at 20,000 jobs over the run at 2,000 just after it; CPU "
                                           f"{statistics.median(full.cpu) / statistics.median(tenth.cpu):.3g}×"))
        sheet_full, sheet_tenth = Timed(), Timed()
        for _ in range(max(n, 15)):  # the cost sheet too, for the record: it holds the actual cost and three more
            sheet_full(lambda: job_costing.cost_sheet(db, closed))
            sheet_tenth(lambda: job_costing.cost_sheet(small, small_closed))
        report(Figure.of("cost sheet, 20,000 jobs", sheet_full.wall, "ms", note=sheet_full.note(f"job {closed}")))
        report(Figure.of("cost sheet, 2,000 jobs", sheet_tenth.wall, "ms", note=sheet_tenth.note(f"job {small_closed}")))
        report(Figure.of("cost sheet, 20,000 over 2,000 jobs", [a / b for a, b in zip(sheet_full.wall, sheet_tenth.wall)],
                         "×", FLAT_BUDGET, note="each run at 20,000 jobs over the run at 2,000 just after it"))
        db.close()
        small.close()
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
