"""The coming load against capacity (from the proposal, which saves nothing), against hand-written
SQL over the demo shop and on a case worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from workshop.reports.load import load, schedule
from workshop.services import jobs, routing

# The remaining work of the open operations of released and in-progress jobs: planned less booked, never below 0
REMAINING = """
    SELECT w.code, SUM(MAX(o.setup_minutes + o.run_minutes * j.quantity - IFNULL(t.worked, 0), 0))
    FROM operations o JOIN jobs j ON j.id = o.job_id JOIN workstations w ON w.id = o.workstation_id
    LEFT JOIN (SELECT operation_id, SUM(MAX(labour_minutes, machine_minutes)) AS worked FROM time_logs
               GROUP BY operation_id) t ON t.operation_id = o.id
    WHERE j.status IN ('released', 'in_progress') AND o.status IN ('pending', 'running', 'paused')
      AND o.supplier_id IS NULL
    GROUP BY w.code"""
MONDAY = dt.datetime(2026, 11, 23, 8, 0)


def test_the_load_of_the_coming_weeks_is_the_remaining_work(demo, sql):
    report = load(demo, now=MONDAY)
    remaining = {code: D(m) / 100 / 60 for code, m in sql(REMAINING) if m}
    got: dict[str, D] = {}
    for w in report.weeks:
        got[w.code] = got.get(w.code, D(0)) + w.load_hours
    # all of it fits in the 12 weeks; each operation is rounded up to the minute and each week's hours to
    # 0.01 h, so the two agree to within a few hundredths of an hour
    assert {c for c, h in got.items() if h} == set(remaining)
    for code, hours in remaining.items():
        assert abs(got[code] - hours) < D("0.1"), code
    assert report.first_week == dt.date(2026, 11, 23) and len({w.week for w in report.weeks}) == 12


def test_the_schedule_names_every_released_and_in_progress_job(demo, sql):
    report = schedule(demo, now=MONDAY)
    expected = {n: due for n, due in sql("SELECT number, due_date FROM jobs WHERE status IN ('released', 'in_progress')")}
    assert {j.number: j.due.isoformat() for j in report.jobs} == expected
    assert all(j.late == (j.finish > j.due) for j in report.jobs)
    assert all(j.why for j in report.jobs if j.late)  # each late job says why


def test_a_case_worked_by_hand(db, shop):
    job = shop.job  # quantity 2: cut 15 + 20 × 2 = 55 min on SAW, then 10 + 45 × 2 = 100 and 5 + 15 × 2 = 35 on BENCH
    routing.apply_template(db, job.id, shop.template.id)
    jobs.change_status(db, job.id, "release")
    report = load(db, now=dt.datetime(2026, 3, 2, 8, 0))  # a Monday morning
    weeks = {(w.code, w.week): (w.load_hours, w.capacity_hours) for w in report.weeks}
    # SAW: 55 min = 0.92 h of 8 h × 5 days = 40 h; BENCH: 135 min = 2.25 h of 16 h × 5 = 80 h
    assert weeks[("SAW", dt.date(2026, 3, 2))] == (D("0.92"), D("40.00"))
    assert weeks[("BENCH", dt.date(2026, 3, 2))] == (D("2.25"), D("80.00"))
    assert all(hours == 0 for (code, week), (hours, _) in weeks.items() if week > dt.date(2026, 3, 2))
