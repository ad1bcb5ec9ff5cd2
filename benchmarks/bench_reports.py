"""The reports over ten years of a shop (issue 17): WIP valuation, the 12-week load, the ten-year lead-time
report and aged debts, each through the program and against hand-written SQL for the same numbers, measured
in the same run, interleaved (service, SQL, service, SQL …); and the WIP tab on screen.

Budgets: each report ≤ 150 ms, and ≤ 3× its hand-written SQL (the ratio: the median of each round's
service ÷ SQL). Before timing, each floor's numbers are checked against the service's: a floor that
computes something else would measure nothing.

The floors, run with sqlite3 on the same file (read-only), rows fetched into Python:
- WIP: per job in WIP, each cost line rounded in integer arithmetic and summed by category (labour, machine,
  overhead by its basis, materials, other), planned minutes, minutes worked, billed net; and the jobs' list:
  the same arithmetic as the service's.
- Lead time, 1 Dec 2016 – 30 Nov 2026: per job its first delivery, release and completion as local days
  (``date(…, 'localtime')``, or plain ``date(…)`` on a machine whose local time is UTC all year, as here:
  SQLite's 'localtime' is slow) and the days between; per month the count, sum and median (window functions).
- Load: the remaining minutes of every open in-shop operation of the released and in-progress jobs, per
  workstation (planned less booked, whole minutes up). That is all SQL can say: the operations carry no
  applied schedule here, and SQL cannot place the work in days and weeks against each workstation's capacity,
  machines and calendar (the finite-capacity scheduler does, and the report adds the bottleneck). So the
  service does much more than its floor, and its ratio says how much more, not a slow query: its own reads
  take about 1.5 ms. Checked: the scheduler places exactly the floor's minutes at each workstation.
- Aged debts: per currency and bucket of days overdue (``julianday``), the unsettled invoices' balances
  (gross less payments less issued credit notes) and their count.

On screen, the WIP tab and the Reports tab (the load; lead time over ten years): from Refresh to the report
painted (worked out off the GUI thread, then shown), and the part on the GUI thread (rows handed to the table,
columns sized, the chart shown, painted): what a person waits through, and the longest the window is frozen;
and the aged-debts strip over the invoice list, reloaded and painted on the GUI thread.

Run: .venv/bin/python benchmarks/bench_reports.py [--rounds 15] [--only wip load lead aged tabs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import shops  # noqa: E402 - the kept ten-year shop

BUDGET_MS, BUDGET_RATIO = 150.0, 3.0
NOW = dt.datetime(2026, 12, 1, 16, 0, tzinfo=dt.UTC)  # the ten-year shop's today (ten_year_shop.TODAY), 4 pm
LEAD_START, LEAD_END = dt.date(2016, 12, 1), dt.date(2026, 11, 30)
WIP = "('released', 'in_progress', 'on_hold', 'inspection')"


def _rounded(x: str, d: int) -> str:
    """SQL: ``x / d`` to a whole number, half away from zero (integer division truncates)."""
    return f"((({x}) + CASE WHEN ({x}) < 0 THEN -{d // 2} ELSE {d // 2} END) / {d})"


WIP_SQL = {
    "jobs": f"""SELECT j.id, j.number, c.name, j.due_date FROM jobs j JOIN customers c ON c.id = j.customer_id
                WHERE j.status IN {WIP} ORDER BY j.due_date, j.number""",
    "time": f"""SELECT t.job_id,
                  SUM({_rounded('t.labour_minutes * t.labour_rate', 6000)}),
                  SUM(CASE WHEN t.machine_minutes = 0 THEN 0 ELSE {_rounded('t.machine_minutes * t.machine_rate', 6000)} END),
                  SUM(CASE t.overhead_basis
                      WHEN 'per_labour_hour' THEN {_rounded('t.labour_minutes * t.overhead_rate', 6000)}
                      WHEN 'per_machine_hour' THEN {_rounded('t.machine_minutes * t.overhead_rate', 6000)}
                      WHEN 'percent_of_labour' THEN {_rounded('t.labour_minutes * t.labour_rate * t.overhead_rate',
                                                              60_000_000)}
                      ELSE 0 END),
                  SUM(CASE WHEN t.labour_minutes >= t.machine_minutes THEN t.labour_minutes ELSE t.machine_minutes END)
                FROM jobs j JOIN time_logs t ON t.job_id = j.id WHERE j.status IN {WIP} GROUP BY t.job_id""",
    "materials": f"""SELECT i.job_id, SUM({_rounded('i.quantity * i.unit_cost', 1000)})
                     FROM jobs j JOIN material_issues i ON i.job_id = j.id WHERE j.status IN {WIP} GROUP BY i.job_id""",
    "others": f"""SELECT c.job_id, SUM(c.amount) FROM jobs j JOIN other_costs c ON c.job_id = j.id
                  WHERE j.status IN {WIP} GROUP BY c.job_id""",
    "planned": f"""SELECT o.job_id, SUM(o.setup_minutes + o.run_minutes * j.quantity)
                   FROM jobs j JOIN operations o ON o.job_id = j.id WHERE j.status IN {WIP} GROUP BY o.job_id""",
    "billed": f"""SELECT v.job_id, SUM(CASE v.kind WHEN 'credit_note' THEN -v.net ELSE v.net END)
                  FROM jobs j JOIN invoices v ON v.job_id = j.id WHERE j.status IN {WIP} AND v.status != 'draft'
                  GROUP BY v.job_id""",
}

def _utc_here() -> bool:
    """The machine's local time is UTC all year: a hand-writer would leave out SQLite's slow 'localtime'."""
    return all(time.localtime(time.mktime((year, month, 15, 12, 0, 0, 0, 0, -1))).tm_gmtoff == 0
               for year in range(LEAD_START.year, LEAD_END.year + 1) for month in (1, 7))


LOCAL = "" if _utc_here() else ", 'localtime'"
_FIRSTS = f"""
    WITH f AS (SELECT job_id, MIN(CASE WHEN to_status = 'released' THEN at END) AS released,
                      MIN(CASE WHEN to_status = 'complete' THEN at END) AS completed
               FROM job_status_history WHERE to_status IN ('released', 'complete') GROUP BY job_id),
         d AS (SELECT job_id, MIN(delivered_on) AS delivered_on FROM deliveries GROUP BY job_id),
         x AS (SELECT j.number, j.title, date(b.created_at{LOCAL}) AS brief_on, d.delivered_on,
                      date(f.released{LOCAL}) AS released_on, date(f.completed{LOCAL}) AS completed_on
               FROM jobs j LEFT JOIN briefs b ON b.id = j.brief_id LEFT JOIN d ON d.job_id = j.id
               LEFT JOIN f ON f.job_id = j.id),
         y AS (SELECT x.*,
                 CASE WHEN delivered_on BETWEEN :first AND :last
                      THEN CAST(julianday(delivered_on) - julianday(brief_on) AS INTEGER) END AS to_delivery,
                 CASE WHEN completed_on BETWEEN :first AND :last
                      THEN CAST(julianday(completed_on) - julianday(released_on) AS INTEGER) END AS to_complete
               FROM x)"""
LEAD_SQL = {
    "jobs": _FIRSTS + """
        SELECT number, title, brief_on, delivered_on, to_delivery, released_on, completed_on, to_complete FROM y
        WHERE to_delivery IS NOT NULL OR to_complete IS NOT NULL ORDER BY number""",
    "months": _FIRSTS + """,
         z AS (SELECT substr(delivered_on, 1, 7) AS month, 'delivery' AS what, to_delivery AS days FROM y
               WHERE to_delivery IS NOT NULL
               UNION ALL SELECT substr(completed_on, 1, 7), 'complete', to_complete FROM y WHERE to_complete IS NOT NULL),
         o AS (SELECT month, what, days, ROW_NUMBER() OVER (PARTITION BY month, what ORDER BY days) AS n,
                      COUNT(*) OVER (PARTITION BY month, what) AS k FROM z)
        SELECT month, what, MAX(k), SUM(days), AVG(CASE WHEN n IN ((k + 1) / 2, (k + 2) / 2) THEN days END)
        FROM o GROUP BY month, what ORDER BY month, what""",
}

LOAD_SQL = """
    SELECT workstation_id, SUM((CASE WHEN remaining > 0 THEN remaining ELSE 0 END + 99) / 100)
    FROM (SELECT o.workstation_id, o.setup_minutes + o.run_minutes * j.quantity
                 - COALESCE((SELECT SUM(CASE WHEN t.labour_minutes >= t.machine_minutes THEN t.labour_minutes
                                             ELSE t.machine_minutes END)
                             FROM time_logs t WHERE t.operation_id = o.id), 0) AS remaining
          FROM jobs j CROSS JOIN operations o  -- jobs first: else SQLite walks the supplier index over every operation
          WHERE o.job_id = j.id AND j.status IN ('released', 'in_progress')
            AND o.status IN ('pending', 'running', 'paused') AND o.supplier_id IS NULL)
    GROUP BY workstation_id"""

AGED_SQL = """
    SELECT currency, CASE WHEN days IS NULL OR days <= 0 THEN 0 WHEN days <= 30 THEN 1 WHEN days <= 60 THEN 2
                          WHEN days <= 90 THEN 3 ELSE 4 END AS bucket, SUM(balance), COUNT(*)
    FROM (SELECT i.currency, CAST(julianday(:today) - julianday(i.due_date) AS INTEGER) AS days,
                 CASE WHEN i.gross IS NULL THEN 0 ELSE i.gross
                      - COALESCE((SELECT SUM(p.amount) FROM payments p WHERE p.invoice_id = i.id), 0)
                      - COALESCE((SELECT SUM(c.gross) FROM invoices c WHERE c.credits_id = i.id AND c.status != 'draft'),
                                 0) END AS balance
          FROM invoices i WHERE i.status IN ('issued', 'part_paid') AND i.kind != 'credit_note')
    GROUP BY currency, bucket"""


# --- the floors: hand-written SQL, rows fetched ---------------------------------------------------


def wip_sql(con: sqlite3.Connection) -> dict:
    return {name: con.execute(sql).fetchall() for name, sql in WIP_SQL.items()}


def lead_sql(con: sqlite3.Connection) -> dict:
    params = {"first": LEAD_START.isoformat(), "last": LEAD_END.isoformat()}
    return {name: con.execute(sql, params).fetchall() for name, sql in LEAD_SQL.items()}


def load_sql(con: sqlite3.Connection) -> list:
    return con.execute(LOAD_SQL).fetchall()


def aged_sql(con: sqlite3.Connection) -> list:
    return con.execute(AGED_SQL, {"today": NOW.date().isoformat()}).fetchall()


# --- the checks: the floor's numbers are the service's ------------------------------------------------


def _cents(value) -> Decimal:
    return Decimal(int(value or 0)).scaleb(-2)


def _hours(minutes_hundredths: int) -> Decimal:
    """Hundredths of a minute as hours to 0.01, half up (services.job_costing.hours_of)."""
    return (Decimal(int(minutes_hundredths)) / 6000).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def check_wip(report, floor: dict) -> str:
    time_ = {row[0]: row[1:] for row in floor["time"]}
    materials, others = dict(floor["materials"]), dict(floor["others"])
    planned, billed = dict(floor["planned"]), dict(floor["billed"])
    assert [r.job_id for r in report.rows] == [row[0] for row in floor["jobs"]], "the jobs in WIP, in order"
    for r in report.rows:
        labour, machine, overhead, worked = time_.get(r.job_id, (0, 0, 0, 0))
        accrued = labour + machine + overhead + (materials.get(r.job_id) or 0) + (others.get(r.job_id) or 0)
        assert (r.accrued_cost.amount, r.billed_to_date, r.wip_value) == (
            _cents(accrued), _cents(billed.get(r.job_id)), _cents(accrued - (billed.get(r.job_id) or 0))), r.number
        assert (r.planned_hours, r.booked_hours) == (_hours(planned.get(r.job_id, 0)), _hours(worked)), r.number
    return f"{len(report.rows):,} jobs in WIP, {len(floor['time']):,} with time booked"


def check_lead(report, floor: dict) -> str:
    def day(text):
        return None if text is None else dt.date.fromisoformat(text)

    expected = [(n, t, day(b), day(d), td, day(r), day(c), tc) for n, t, b, d, td, r, c, tc in floor["jobs"]]
    got = [(j.number, j.title, j.brief_on, j.delivered_on, j.brief_to_delivery, j.released_on, j.completed_on,
            j.release_to_complete) for j in report.jobs]
    assert got == expected, "the jobs' lead times"
    months = {(m, what): (k, total, middle) for m, what, k, total, middle in floor["months"]}
    one = Decimal("0.1")
    for m in report.months:
        for what, count, med, mean in (("delivery", m.delivered, m.delivery_median, m.delivery_mean),
                                       ("complete", m.completed, m.complete_median, m.complete_mean)):
            k, total, middle = months.get((m.month.strftime("%Y-%m"), what), (0, None, None))
            assert count == k, (m.month, what)
            if k:
                assert med == Decimal(repr(middle)).quantize(one, rounding=ROUND_HALF_UP), (m.month, what)
                assert mean == (Decimal(total) / k).quantize(one, rounding=ROUND_HALF_UP), (m.month, what)
    return f"{len(report.jobs):,} jobs over {len(report.months)} months"


def check_load(view, floor: list) -> str:
    placed: dict[int, int] = {}
    for day in view.plan.load:
        placed[day.workstation_id] = placed.get(day.workstation_id, 0) + day.used_minutes
    assert placed == {ws: minutes for ws, minutes in floor if minutes}, "the minutes the scheduler places"
    return f"{len(view.plan.operations):,} operations, {sum(placed.values()):,} min to place"


def check_aged(summaries, floor: list) -> str:
    expected: dict[str, tuple[list, list]] = {}
    for currency, bucket, amount, count in floor:
        amounts, counts = expected.setdefault(currency, ([Decimal("0.00")] * 5, [0] * 5))
        amounts[bucket], counts[bucket] = _cents(amount), count
    assert {s.currency: (list(s.amounts), list(s.counts)) for s in summaries if sum(s.counts)} == expected
    return f"{sum(sum(s.counts) for s in summaries):,} unsettled invoices"


# --- timing ----------------------------------------------------------------------------------------------


def ms(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def interleaved(service, floor, rounds: int) -> tuple[list[float], list[float], list[float]]:
    """Service then floor, ``rounds`` times (after one of each unmeasured): the samples and each round's ratio.
    Garbage from the figures before is collected first, so no report pays for another's."""
    service(), floor()
    gc.collect()
    s_times, f_times, ratios = [], [], []
    for _ in range(rounds):
        s, _ = ms(service)
        f, _ = ms(floor)
        s_times.append(s)
        f_times.append(f)
        ratios.append(s / f)
    return s_times, f_times, ratios


def wip_tab(db, rounds: int) -> tuple[list[float], list[float]]:
    """From Refresh to the WIP tab painted, and the part of it on the GUI thread."""
    from PySide6.QtWidgets import QApplication

    from workshop.ui.context import AppContext
    from workshop.ui.tabs.wip import WipTab

    app = QApplication.instance() or QApplication([])
    tab = WipTab(AppContext(db))
    tab.resize(1280, 720)
    on_gui: list[float] = []
    shown = tab.show_report

    def timed_show(report) -> None:
        started = time.perf_counter()
        shown(report)
        tab.repaint()  # painted now, not at the next turn of the event loop
        on_gui.append((time.perf_counter() - started) * 1000)

    tab.show_report = timed_show
    tab.show()  # the first report (not measured)
    while tab.report is None:
        app.processEvents()
    whole = []
    del on_gui[:]
    for _ in range(rounds):
        tab.report = None
        started = time.perf_counter()
        tab.reload()
        while tab.report is None:
            app.processEvents()
            time.sleep(0.0005)
        whole.append((time.perf_counter() - started) * 1000)
    tab.close()
    return whole, on_gui


def reports_tab(db, key: str, start, end, rounds: int) -> tuple[list[float], list[float]]:
    """From Refresh to the report ``key`` painted in the Reports tab (worked out, with its charts as SVG, off
    the GUI thread), and the part on the GUI thread (summary, chart and table shown, painted)."""
    from PySide6.QtWidgets import QApplication

    from workshop.ui.context import AppContext
    from workshop.ui.tabs.reports import ReportsTab

    app = QApplication.instance() or QApplication([])
    tab = ReportsTab(AppContext(db))
    tab.resize(1280, 720)
    if start is not None:
        tab.start.set_date(start)
        tab.end.set_date(end)
    on_gui: list[float] = []
    shown = tab.show_report

    def timed_show(result) -> None:
        started = time.perf_counter()
        shown(result)
        tab.repaint()
        on_gui.append((time.perf_counter() - started) * 1000)

    tab.show_report = timed_show
    tab.show()
    tab.choose(key)
    while tab.report is None or tab.report.key != key or (tab.task is not None and tab.task.running):
        app.processEvents()
    whole = []
    del on_gui[:]
    for _ in range(rounds):
        tab.report = None
        started = time.perf_counter()
        tab.reload()
        while tab.report is None:
            app.processEvents()
            time.sleep(0.0005)
        whole.append((time.perf_counter() - started) * 1000)
    tab.close()
    return whole, on_gui


def aged_strip(db, rounds: int) -> tuple[list[float], list[float]]:
    """The aged-debts strip over the invoice list, reloaded and painted (all of it on the GUI thread)."""
    from PySide6.QtWidgets import QApplication

    from workshop.ui.context import AppContext
    from workshop.ui.widgets.aged_debts import AgedDebtsStrip

    app = QApplication.instance() or QApplication([])
    strip = AgedDebtsStrip(AppContext(db))
    strip.resize(1280, 60)
    strip.show()
    strip.reload()
    app.processEvents()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        strip.reload()
        strip.repaint()
        times.append((time.perf_counter() - started) * 1000)
        app.processEvents()  # the old labels go (deleteLater)
    strip.close()
    return times, times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--only", nargs="*", choices=["wip", "load", "lead", "aged", "tabs"],
                        help="just these figures (default: all)")
    args = parser.parse_args()
    only = set(args.only or ["wip", "load", "lead", "aged", "tabs"])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from figures import Figure, exit_code, report, rounds

    from workshop.db.engine import open_database
    from workshop.reports import lead_time, load
    from workshop.services import aged_debts, schedule, wip

    n = rounds(args.rounds)
    with tempfile.TemporaryDirectory() as folder:
        path = shops.working_copy(Path(folder))
        db = open_database(path, clock=lambda: NOW)
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        wall = NOW.astimezone().replace(tzinfo=None)  # the shop's wall clock, as the Reports tab asks
        cases = [
            ("wip", "WIP valuation", lambda: wip.work_in_progress(db), lambda: wip_sql(con), check_wip, None),
            ("load", "12-week load", lambda: load.load(db, now=wall), lambda: load_sql(con), check_load,
             lambda: schedule.propose(db, now=wall)),
            ("lead", "lead time, ten years", lambda: lead_time.lead_time(db, LEAD_START, LEAD_END), lambda: lead_sql(con),
             check_lead, None),
            ("aged", "aged debts", lambda: aged_debts.aged_debts(db), lambda: aged_sql(con), check_aged, None),
        ]
        for key, name, service, floor, check, checked in cases:
            if key not in only:
                continue
            what = check((checked or service)(), floor())
            s_times, f_times, ratios = interleaved(service, floor, n if "aged" not in name else max(n, 31))
            report(Figure.of(f"{name}: the service", s_times, "ms", BUDGET_MS, note=what))
            report(Figure.of(f"{name}: hand-written SQL (the floor)", f_times, "ms",
                             note="same numbers, checked; sqlite3, rows fetched"))
            report(Figure.of(f"{name}: service ÷ hand-written SQL", ratios, "×", BUDGET_RATIO,
                             note=f"median of each round's ratio; medians {statistics.median(s_times):.1f} / "
                                  f"{statistics.median(f_times):.1f} ms"))
        if "tabs" in only:
            on_screen = [("WIP tab", lambda: wip_tab(db, n)),
                         ("Reports tab, the load", lambda: reports_tab(db, "load", None, None, n)),
                         ("Reports tab, lead time over ten years",
                          lambda: reports_tab(db, "lead-time", LEAD_START, LEAD_END, n)),
                         ("Invoices tab, the aged-debts strip", lambda: aged_strip(db, max(n, 31)))]
            for name, measure in on_screen:
                whole, on_gui = measure()
                if whole is on_gui:  # all of it on the GUI thread
                    report(Figure.of(f"{name}: reloaded and painted (GUI thread)", on_gui, "ms", BUDGET_MS,
                                     judge_worst=True, note="the worst round judged"))
                    continue
                charts = name.startswith("Reports tab")  # the issue budgets the report, not drawing its charts
                report(Figure.of(f"{name}: Refresh to the report painted", whole, "ms", None if charts else BUDGET_MS,
                                 note="worked out off the GUI thread, then shown; 1280×720 offscreen"
                                      + ("; with its charts drawn as SVG (ReportLab), for the record" if charts else "")))
                report(Figure.of(f"{name}: on the GUI thread (shown, painted)", on_gui, "ms", BUDGET_MS,
                                 judge_worst=True, note="the longest the window cannot answer: the worst round"))
        con.close()
        db.close()
    return exit_code()


if __name__ == "__main__":
    sys.exit(main())
