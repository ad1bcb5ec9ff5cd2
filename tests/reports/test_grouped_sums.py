"""Estimate accuracy, utilisation and win rate are summed by the database (issue 17): cases worked by
hand where the grouped sums could go wrong (operations on sub-assemblies, corrections, work done
outside, a booking or a completion near midnight in a shop far from UTC, across a change of the
clocks), the week of each booking in a far time zone against the per-booking rule over the demo
shop, and the statements each report sends, the same however many jobs and bookings there are."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from workshop.db.models import JobStatusChange
from workshop.reports.accuracy import accuracy
from workshop.reports.periods import monday_of
from workshop.reports.utilisation import utilisation
from workshop.reports.win_rate import win_rate
from workshop.services import bom, booking_corrections, bookings, jobs, routing, suppliers

from support.report_rows import END, START, put, utc
from support.statements import statements_of


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), dt.UTC)


def _completed(db, job_id: int, at: dt.datetime) -> None:
    put(db, JobStatusChange(job_id=job_id, at=at, from_status="in_progress", to_status="complete"))


def _cabinet_with_drawers(db, shop):
    """The shop's cabinet job (quantity 2) with its template, 4 drawers a cabinet (8), half a handle set a
    drawer (4), an operation on each, and a powder coat done outside."""
    job = shop.job
    routing.apply_template(db, job.id, shop.template.id)  # cut 15 + 20 × 2 = 55 (SAW), 10 + 45 × 2 = 100, 5 + 15 × 2 = 35
    drawer = bom.add_subassembly(db, job.id, description="Drawer", quantity="4")
    handles = bom.add_subassembly(db, job.id, description="Handle set", quantity="0.5", parent_id=drawer)
    fit = routing.add_operation(db, job.id, name="Fit drawers", workstation_id=shop.bench.id, setup_minutes="6",
                                run_minutes="2.5", subassembly_id=drawer)  # 6 + 2.5 × 8 = 26 min
    drill = routing.add_operation(db, job.id, name="Drill handles", workstation_id=shop.saw.id,
                                  run_minutes="1.25", subassembly_id=handles)  # 1.25 × 4 = 5 min
    coater = suppliers.create_supplier(db, name="Acme Powder Coating", lead_time_days="5")
    routing.add_operation(db, job.id, name="Powder coat", supplier_id=coater.id)
    return job, fit, drill


def test_accuracy_by_hand_sub_assemblies_corrections_and_a_far_time_zone(db, shop, zone):
    cabinet, fit, drill = _cabinet_with_drawers(db, shop)
    shelf = jobs.create_job(db, customer_id=shop.customer.id, title="Shelf", quantity=1,
                            due_date=db.today() + dt.timedelta(days=30))
    routing.apply_template(db, shelf.id, shop.template.id)  # cut 35 (SAW), assemble 55 and oil 20 (BENCH)
    for job in (cabinet, shelf):
        for action in ("release", "start"):
            jobs.change_status(db, job.id, action)
    cut, assemble = routing.list_operations(db, cabinet.id)[:2]
    bookings.log_time(db, cut.id, shop.anna.id, minutes="65")
    bookings.log_time(db, assemble.id, shop.tom.id, minutes="90")
    bookings.log_time(db, fit, shop.tom.id, minutes="30")
    bookings.log_time(db, drill, shop.anna.id, minutes="12")
    wrong = bookings.log_time(db, drill, shop.anna.id, minutes="20")
    booking_corrections.reverse_time_log(db, wrong.id, "Booked to the wrong job")  # -20: 12 min net
    zone("Pacific/Kiritimati")  # UTC+14 all year
    _completed(db, cabinet.id, _at(dt.date(2026, 3, 31), 10, 30))  # 00:30 on 1 April in the shop
    _completed(db, shelf.id, _at(dt.date(2026, 3, 31), 9, 30))  # 23:30 on 31 March in the shop

    april = accuracy(db, dt.date(2026, 4, 1), dt.date(2026, 4, 30))  # the cabinet only
    # SAW: cut 55 + drill 5 = 60 min = 1.00 h planned; booked 65 + 12 = 77 min = 1.28 h
    # BENCH: 100 + 35 + fit 26 = 161 min = 2.68 h planned; booked 90 + 30 = 120 min = 2.00 h
    # the powder coat is done outside: no row for the outside workstation
    assert [(r.name, r.jobs, r.planned_hours, r.booked_hours) for r in april.by_workstation] == [
        ("BENCH Assembly bench", 1, D("2.68"), D("2.00")), ("SAW Panel saw", 1, D("1.00"), D("1.28"))]
    # all: 221 min = 3.68 h planned, 197 min = 3.28 h booked: 0.40 h, 10.9 % under (0.40 / 3.68 = 10.87 %)
    assert (april.total.jobs, april.total.planned_hours, april.total.booked_hours) == (1, D("3.68"), D("3.28"))
    assert april.total.variance_pct == D("-10.9")
    assert [(r.name, r.jobs, r.planned_hours) for r in april.by_kind] == [("(not given)", 1, D("3.68"))]

    march = accuracy(db, dt.date(2026, 3, 1), dt.date(2026, 3, 31))  # the shelf only: 35 and 75 min, nothing booked
    assert [(r.name, r.jobs, r.planned_hours, r.booked_hours) for r in march.by_workstation] == [
        ("BENCH Assembly bench", 1, D("1.25"), D("0.00")), ("SAW Panel saw", 1, D("0.58"), D("0.00"))]


def test_utilisation_by_hand_across_the_change_of_the_clocks(db, shop, zone):
    job = shop.job
    routing.apply_template(db, job.id, shop.template.id)
    for action in ("release", "start"):
        jobs.change_status(db, job.id, action)
    cut = routing.list_operations(db, job.id)[0]
    zone("America/Los_Angeles")  # UTC−8, then UTC−7 from 2 am on Sunday 8 March 2026
    for start, end in (
        (_at(dt.date(2026, 3, 2), 7, 30), _at(dt.date(2026, 3, 2), 8, 30)),  # 23:30 Sun 1 March: before the range
        (_at(dt.date(2026, 3, 2), 8), _at(dt.date(2026, 3, 2), 10)),  # midnight Mon 2 March: week 1, 2 h
        (_at(dt.date(2026, 3, 9), 6, 30), _at(dt.date(2026, 3, 9), 7)),  # 23:30 Sun 8 March (PDT): week 1, 0.5 h
        (_at(dt.date(2026, 3, 9), 7), _at(dt.date(2026, 3, 9), 10)),  # midnight Mon 9 March: week 2, 3 h
        (_at(dt.date(2026, 3, 16), 6), _at(dt.date(2026, 3, 16), 6, 45)),  # 23:00 Sun 15 March: week 2, 0.75 h
        (_at(dt.date(2026, 3, 16), 7), _at(dt.date(2026, 3, 16), 8)),  # midnight Mon 16 March: after the range
    ):
        bookings.log_time(db, cut.id, shop.anna.id, started_at=start, ended_at=end)
    # no start: the day it was booked, noon on Wednesday 4 March in the shop: week 1, 1.5 h
    bookings.log_time(db, cut.id, shop.anna.id, minutes="90", booked_at=_at(dt.date(2026, 3, 4), 20))
    report = utilisation(db, dt.date(2026, 3, 2), dt.date(2026, 3, 15))
    saw = [(w.week, w.booked_hours, w.capacity_hours, w.percent) for w in report.weeks if w.workstation == "SAW"]
    # 8 h a day, five weekdays a week: 40 h; week 1 2 + 0.5 + 1.5 = 4 h = 10 %; week 2 3 + 0.75 = 3.75 h = 9.4 %
    assert saw == [(dt.date(2026, 3, 2), D("4.00"), D("40.00"), D("10.0")),
                   (dt.date(2026, 3, 9), D("3.75"), D("40.00"), D("9.4"))]
    # the range: 7.75 of 80 h = 9.69 %
    assert [(s.booked_hours, s.capacity_hours, s.percent) for s in report.stations if s.code == "SAW"] == [
        (D("7.75"), D("80.00"), D("9.7"))]
    # a range of one day, the Sunday the clocks changed: the 23:30 booking alone
    sunday = utilisation(db, dt.date(2026, 3, 8), dt.date(2026, 3, 8))
    assert [(w.week, w.booked_hours) for w in sunday.weeks if w.workstation == "SAW"] == [
        (dt.date(2026, 3, 2), D("0.50"))]


def test_utilisation_weeks_in_a_far_time_zone_agree_with_each_booking_placed_by_hand(demo, sql, zone):
    zone("Pacific/Auckland")  # UTC+13 in summer, +12 in winter: many bookings change day, some change week
    report = utilisation(demo, START, END)
    expected: dict[tuple[str, dt.date], D] = {}
    for code, moment, labour, machine in sql(
            "SELECT w.code, COALESCE(t.started_at, t.booked_at), t.labour_minutes, t.machine_minutes "
            "FROM time_logs t JOIN workstations w ON w.id = t.workstation_id WHERE w.kind <> 'outside'"):
        day = dt.datetime.fromisoformat(moment).replace(tzinfo=dt.UTC).astimezone().date()
        if START <= day <= END:
            key = (code, monday_of(day))
            expected[key] = expected.get(key, D(0)) + D(max(labour, machine))
    hours = {key: (minutes / 100 / 60).quantize(D("0.01")) for key, minutes in expected.items()}
    got = {(w.workstation, w.week): w.booked_hours for w in report.weeks if w.booked_hours}
    assert got == {key: h for key, h in hours.items() if h} and len(got) > 100


def test_the_reports_send_the_same_statements_however_many_jobs(db, shop):
    def counts() -> tuple[int, int, int]:
        today = db.today()
        return (statements_of(db, lambda: accuracy(db, today - dt.timedelta(days=30), today)),
                statements_of(db, lambda: utilisation(db, today - dt.timedelta(days=30), today)),
                statements_of(db, lambda: win_rate(db, today - dt.timedelta(days=30), today)))

    def completed_job(title: str) -> None:
        job = jobs.create_job(db, customer_id=shop.customer.id, title=title, quantity=1,
                              due_date=db.today() + dt.timedelta(days=30))
        routing.apply_template(db, job.id, shop.template.id)
        for action in ("release", "start"):
            jobs.change_status(db, job.id, action)
        for op in routing.list_operations(db, job.id):
            bookings.log_time(db, op.id, shop.anna.id, minutes="20")
        _completed(db, job.id, db.now())

    completed_job("Shelf")
    one = counts()
    for n in range(4):
        completed_job(f"Shelf {n}")
    assert counts() == one
    assert accuracy(db, db.today() - dt.timedelta(days=30), db.today()).total.jobs == 5
