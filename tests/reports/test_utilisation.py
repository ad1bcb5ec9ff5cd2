"""Workstation utilisation: booked hours against capacity per week, against hand-written SQL over
the demo shop and on a case worked by hand (a holiday and a day off)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from workshop.db.models import ShopHoliday, WorkstationDayOff
from workshop.reports.utilisation import utilisation
from workshop.services import bookings, jobs, routing

from support.report_rows import END, START, put, utc

BOOKED_BY_STATION = """
    SELECT w.code, SUM(MAX(t.labour_minutes, t.machine_minutes))
    FROM time_logs t JOIN workstations w ON w.id = t.workstation_id
    WHERE date(COALESCE(t.started_at, t.booked_at)) BETWEEN ? AND ? AND w.kind <> 'outside'
    GROUP BY w.code"""


def test_booked_hours_and_capacity_agree_with_sql(demo, sql):
    report = utilisation(demo, START, END)
    booked = {code: (D(m) / 100 / 60).quantize(D("0.01")) for code, m in sql(BOOKED_BY_STATION, START.isoformat(),
                                                                             END.isoformat())}
    got = {s.code: s.booked_hours for s in report.stations}
    assert {code: hours for code, hours in got.items() if hours} == booked and len(booked) >= 5
    # capacity: hours a day × machines × the working days in the range: Mon 1 Dec 2025 .. Sun 15 Nov 2026 is
    # 50 weeks (250 weekdays), then Mon 16 .. Fri 20 Nov (5) and Sat 21: 255 weekdays, less the shop's
    # holidays and each workstation's days off that fall on them
    weekdays = sum(1 for n in range((END - START).days + 1) if (START + dt.timedelta(days=n)).weekday() < 5)
    assert weekdays == 255
    days = {d for (d,) in sql("SELECT day FROM shop_holidays")}
    closed = {day for day in days if START.isoformat() <= day <= END.isoformat()
              and dt.date.fromisoformat(day).weekday() < 5}
    off: dict[str, set] = {}
    for code, day in sql("SELECT w.code, o.day FROM workstation_days_off o JOIN workstations w ON w.id = o.workstation_id"):
        if START.isoformat() <= day <= END.isoformat() and dt.date.fromisoformat(day).weekday() < 5 and day not in closed:
            off.setdefault(code, set()).add(day)
    capacity = {code: (D(c) / 100 * parallel * (weekdays - len(closed) - len(off.get(code, ())))).quantize(D("0.01"))
                for code, c, parallel in sql(
                    "SELECT code, capacity_hours_per_day, parallel FROM workstations WHERE kind <> 'outside'")}
    assert {s.code: s.capacity_hours for s in report.stations} == capacity


def test_a_case_worked_by_hand(db, shop):
    job = shop.job
    routing.apply_template(db, job.id, shop.template.id)
    for action in ("release", "start"):
        jobs.change_status(db, job.id, action)
    cut, assemble, _ = routing.list_operations(db, job.id)
    put(db, ShopHoliday(day=dt.date(2026, 3, 13), name="Founders' day"),  # Friday of the second week
        WorkstationDayOff(workstation_id=shop.saw.id, day=dt.date(2026, 3, 3), reason="Service"))  # Tuesday
    for op, day, start, end in ((cut, dt.date(2026, 3, 4), 9, 13), (cut, dt.date(2026, 3, 10), 8, 16),
                                (assemble, dt.date(2026, 3, 5), 10, 12), (cut, dt.date(2026, 3, 16), 9, 12)):
        bookings.log_time(db, op.id, shop.anna.id, started_at=utc(day, start), ended_at=utc(day, end))
    report = utilisation(db, dt.date(2026, 3, 2), dt.date(2026, 3, 15))  # two whole weeks, Monday to Sunday
    weeks = {(w.workstation, w.week.isoformat()): (w.booked_hours, w.capacity_hours, w.percent) for w in report.weeks}
    # SAW, 8 h a day: week 1 open Mon, Wed-Fri (Tuesday off) = 32 h, 4 h booked = 12.5 %;
    # week 2 open Mon-Thu (Friday a holiday) = 32 h, 8 h booked = 25 %. The 16 March booking is after the range.
    assert weeks[("SAW", "2026-03-02")] == (D("4.00"), D("32.00"), D("12.5"))
    assert weeks[("SAW", "2026-03-09")] == (D("8.00"), D("32.00"), D("25.0"))
    # BENCH, 16 h a day: week 1 5 days = 80 h, 2 h booked = 2.5 %; week 2 4 days = 64 h, nothing booked
    assert weeks[("BENCH", "2026-03-02")] == (D("2.00"), D("80.00"), D("2.5"))
    assert weeks[("BENCH", "2026-03-09")] == (D("0.00"), D("64.00"), D("0.0"))
    stations = {s.code: (s.booked_hours, s.capacity_hours, s.percent) for s in report.stations}
    assert stations == {"SAW": (D("12.00"), D("64.00"), D("18.8")),  # 12 / 64 = 18.75 % -> 18.8
                        "BENCH": (D("2.00"), D("144.00"), D("1.4"))}  # 2 / 144 = 1.39 %
    # all workstations: week 1 6 of 112 h = 5.36 %, week 2 8 of 96 h = 8.33 %
    assert [(w.booked_hours, w.capacity_hours, w.percent) for w in report.shop_weeks] == [
        (D("6.00"), D("112.00"), D("5.4")), (D("8.00"), D("96.00"), D("8.3"))]
