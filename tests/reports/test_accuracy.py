"""Estimate accuracy: planned against booked hours of completed jobs, by workstation and by kind,
against hand-written SQL over the demo shop and on a case worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from sqlalchemy import update

from workshop.db.models import Job, JobStatusChange
from workshop.reports.accuracy import NOT_GIVEN, accuracy
from workshop.services import bookings, jobs, routing

from support.report_rows import END, START, put, utc

BY_STATION = """
    SELECT w.code, SUM(o.setup_minutes + o.run_minutes * j.quantity), SUM(IFNULL(t.worked, 0)), COUNT(DISTINCT j.id)
    FROM operations o JOIN jobs j ON j.id = o.job_id JOIN workstations w ON w.id = o.workstation_id
    JOIN (SELECT job_id, MIN(at) AS done FROM job_status_history WHERE to_status = 'complete' GROUP BY job_id) c
      ON c.job_id = j.id
    LEFT JOIN (SELECT operation_id, SUM(MAX(labour_minutes, machine_minutes)) AS worked FROM time_logs
               GROUP BY operation_id) t ON t.operation_id = o.id
    WHERE o.supplier_id IS NULL AND date(c.done) BETWEEN ? AND ?
    GROUP BY w.code ORDER BY w.code"""


def _hours(scaled_minutes) -> D:
    """Minutes are stored in hundredths; as hours to 0.01, half up."""
    return (D(scaled_minutes) / 100 / 60).quantize(D("0.01"))


def test_by_workstation_agrees_with_sql(demo, sql):
    report = accuracy(demo, START, END)
    expected = {code: (_hours(planned), _hours(booked), count)
                for code, planned, booked, count in sql(BY_STATION, START.isoformat(), END.isoformat())}
    got = {r.name.split(" ")[0]: (r.planned_hours, r.booked_hours, r.jobs) for r in report.by_workstation}
    assert got == expected and len(got) >= 5
    # by kind of job: the same sums grouped by jobs.kind, "" shown as "(not given)"
    by_kind = {kind or NOT_GIVEN: (_hours(planned), _hours(booked)) for kind, planned, booked in sql(
        BY_STATION.replace("w.code, SUM", "j.kind, SUM").replace(", COUNT(DISTINCT j.id)", "")
        .replace("GROUP BY w.code ORDER BY w.code", "GROUP BY j.kind"), START.isoformat(), END.isoformat())}
    assert {r.name: (r.planned_hours, r.booked_hours) for r in report.by_kind} == by_kind


def _completed(db, job_id: int, day: dt.date) -> None:
    put(db, JobStatusChange(job_id=job_id, at=utc(day), from_status="in_progress", to_status="complete"))


def test_a_case_worked_by_hand(db, shop):
    cabinet = shop.job  # quantity 2: cut 15 + 20 × 2 = 55 min (SAW), assemble 10 + 45 × 2 = 100, oil 5 + 15 × 2 = 35
    shelf = jobs.create_job(db, customer_id=shop.customer.id, title="Shelf", quantity=1,
                            due_date=db.today() + dt.timedelta(days=30))  # cut 35, assemble 55, oil 20
    for job in (cabinet, shelf):
        routing.apply_template(db, job.id, shop.template.id)
        for action in ("release", "start"):
            jobs.change_status(db, job.id, action)
    cut, assemble, oil = routing.list_operations(db, cabinet.id)
    bookings.log_time(db, cut.id, shop.anna.id, minutes="65")
    bookings.log_time(db, assemble.id, shop.tom.id, minutes="90")
    bookings.log_time(db, oil.id, shop.anna.id, minutes="40")
    bookings.log_time(db, routing.list_operations(db, shelf.id)[0].id, shop.anna.id, minutes="30")
    with db.session() as s:
        s.execute(update(Job).where(Job.id == cabinet.id).values(kind="Cabinets"))
    today = db.today()
    _completed(db, cabinet.id, today)
    _completed(db, shelf.id, today)
    report = accuracy(db, today - dt.timedelta(days=30), today)
    # SAW: planned 55 + 35 = 90 min = 1.50 h, booked 65 + 30 = 95 min = 1.58 h
    # BENCH: planned 100 + 35 + 55 + 20 = 210 min = 3.50 h, booked 90 + 40 = 130 min = 2.17 h
    assert [(r.name, r.jobs, r.planned_hours, r.booked_hours) for r in report.by_workstation] == [
        ("BENCH Assembly bench", 2, D("3.50"), D("2.17")), ("SAW Panel saw", 2, D("1.50"), D("1.58"))]
    # Cabinets: 55 + 100 + 35 = 190 min = 3.17 h planned, 65 + 90 + 40 = 195 min = 3.25 h booked
    # the shelf has no kind: 35 + 55 + 20 = 110 min = 1.83 h planned, 30 min = 0.50 h booked
    assert [(r.name, r.planned_hours, r.booked_hours) for r in report.by_kind] == [
        (NOT_GIVEN, D("1.83"), D("0.50")), ("Cabinets", D("3.17"), D("3.25"))]
    # all: 300 min = 5.00 h planned, 225 min = 3.75 h booked: 1.25 h, 25 % under
    assert (report.total.planned_hours, report.total.booked_hours) == (D("5.00"), D("3.75"))
    assert (report.total.variance_hours, report.total.variance_pct) == (D("-1.25"), D("-25.0"))
    # completed before the range: not counted
    assert accuracy(db, today + dt.timedelta(days=1), today + dt.timedelta(days=2)).total.jobs == 0
