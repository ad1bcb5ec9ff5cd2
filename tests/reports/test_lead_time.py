"""Lead time: brief to delivery and release to complete, checked against hand-written SQL over the
demo shop and on a small case worked by hand. (Days are shop-local; the tests run in UTC, where
SQLite's date() of a stored UTC moment is the same day.)"""

from __future__ import annotations

import datetime as dt
import statistics
from decimal import Decimal as D

from workshop.db.models import Brief, Delivery, Job, JobStatusChange
from workshop.reports.lead_time import lead_time

from support.report_rows import END, START, put, utc


def test_brief_to_delivery_per_job_agrees_with_sql(demo, sql):
    report = lead_time(demo, START, END)
    expected = dict(sql("""
        SELECT j.number, CAST(julianday(d.first_day) - julianday(date(b.created_at)) AS INTEGER)
        FROM jobs j JOIN briefs b ON b.id = j.brief_id
        JOIN (SELECT job_id, MIN(delivered_on) AS first_day FROM deliveries GROUP BY job_id) d ON d.job_id = j.id
        WHERE d.first_day BETWEEN ? AND ?""", START.isoformat(), END.isoformat()))
    got = {j.number: j.brief_to_delivery for j in report.jobs if j.brief_to_delivery is not None}
    assert got == expected and len(got) > 10


def test_release_to_complete_per_month_agrees_with_sql(demo, sql):
    report = lead_time(demo, START, END)
    rows = sql("""
        SELECT substr(c.done, 1, 7), CAST(julianday(date(c.done)) - julianday(date(r.began)) AS INTEGER)
        FROM (SELECT job_id, MIN(at) AS done FROM job_status_history WHERE to_status = 'complete' GROUP BY job_id) c
        JOIN (SELECT job_id, MIN(at) AS began FROM job_status_history WHERE to_status = 'released' GROUP BY job_id) r
          ON r.job_id = c.job_id
        WHERE date(c.done) BETWEEN ? AND ?""", START.isoformat(), END.isoformat())
    by_month: dict[str, list[int]] = {}
    for month, days in rows:
        by_month.setdefault(month, []).append(days)
    for m in report.months:
        days = by_month.get(m.month.strftime("%Y-%m"), [])
        assert m.completed == len(days)
        if days:
            assert m.complete_median == D(str(statistics.median(days))).quantize(D("0.1"))
            assert abs(m.complete_mean - D(sum(days)) / len(days)) <= D("0.05")
    assert sum(m.completed for m in report.months) == len(rows) > 10


def test_a_small_case_worked_by_hand(db, shop):
    c = shop.customer.id
    b1, b2 = put(db, Brief(number="B-1", customer_id=c, title="Table", created_at=utc(dt.date(2026, 3, 2)),
                           updated_at=utc(dt.date(2026, 3, 2))),
                 Brief(number="B-2", customer_id=c, title="Gates", created_at=utc(dt.date(2026, 3, 20)),
                       updated_at=utc(dt.date(2026, 3, 20))))
    j1, j2 = put(db, *(Job(number=n, brief_id=b, customer_id=c, title=n, due_date=dt.date(2026, 5, 1),
                           status="delivered", created_at=utc(dt.date(2026, 3, 25)), updated_at=utc(dt.date(2026, 3, 25)))
                       for n, b in (("J-1", b1), ("J-2", b2))))
    put(db, JobStatusChange(job_id=j1, at=utc(dt.date(2026, 4, 1)), to_status="released"),
        JobStatusChange(job_id=j1, at=utc(dt.date(2026, 4, 11)), to_status="complete"),
        JobStatusChange(job_id=j2, at=utc(dt.date(2026, 4, 6)), to_status="released"),
        JobStatusChange(job_id=j2, at=utc(dt.date(2026, 4, 21)), to_status="complete"),
        Delivery(job_id=j1, delivered_on=dt.date(2026, 4, 12), method="delivered", received_by="A",
                 recorded_at=utc(dt.date(2026, 4, 12))),
        Delivery(job_id=j1, delivered_on=dt.date(2026, 4, 30), method="delivered", received_by="A",
                 recorded_at=utc(dt.date(2026, 4, 30))),  # a second delivery: the first one counts
        Delivery(job_id=j2, delivered_on=dt.date(2026, 5, 4), method="installed", received_by="B",
                 recorded_at=utc(dt.date(2026, 5, 4))))
    report = lead_time(db, dt.date(2026, 1, 1), dt.date(2026, 5, 31))
    # J-1: 2 Mar -> 12 Apr = 29 + 12 = 41 days; J-2: 20 Mar -> 4 May = 11 + 30 + 4 = 45 days
    assert {j.number: j.brief_to_delivery for j in report.jobs} == {"J-1": 41, "J-2": 45}
    # release to complete: J-1 1 -> 11 Apr = 10 days, J-2 6 -> 21 Apr = 15 days, both completed in April
    assert {j.number: j.release_to_complete for j in report.jobs} == {"J-1": 10, "J-2": 15}
    april, may = report.months[3], report.months[4]
    assert (april.delivered, april.delivery_median, may.delivered, may.delivery_median) == (1, D("41.0"), 1, D("45.0"))
    assert (april.completed, april.complete_median, april.complete_mean) == (2, D("12.5"), D("12.5"))  # (10+15)/2
    assert (report.delivery_median, report.delivery_mean) == (D("43.0"), D("43.0"))  # (41+45)/2
    # a range that ends before May leaves J-2's delivery out
    assert [j.number for j in lead_time(db, dt.date(2026, 4, 1), dt.date(2026, 4, 30)).jobs
            if j.brief_to_delivery is not None] == ["J-1"]


def test_days_are_shop_local_at_the_edges_of_the_range(db, shop, zone):
    """Moments are stored in UTC; a day is the shop's. Far east, 12:00 UTC on 31 March is 1 April."""
    zone("Pacific/Kiritimati")  # UTC+14
    c = shop.customer.id
    j1, j2 = put(db, *(Job(number=n, customer_id=c, title=n, due_date=dt.date(2026, 5, 1), status="complete",
                           created_at=utc(dt.date(2026, 3, 1)), updated_at=utc(dt.date(2026, 3, 1)))
                       for n in ("J-1", "J-2")))
    put(db, JobStatusChange(job_id=j1, at=utc(dt.date(2026, 3, 20), 12), to_status="released"),  # 21 March there
        JobStatusChange(job_id=j1, at=utc(dt.date(2026, 3, 31), 12), to_status="complete"),  # 1 April there
        JobStatusChange(job_id=j2, at=utc(dt.date(2026, 4, 1), 8), to_status="released"),  # 1 April there
        JobStatusChange(job_id=j2, at=utc(dt.date(2026, 4, 30), 10), to_status="complete"))  # 1 May there
    report = lead_time(db, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert [(j.number, j.released_on, j.completed_on, j.release_to_complete) for j in report.jobs] == [
        ("J-1", dt.date(2026, 3, 21), dt.date(2026, 4, 1), 11)]  # J-2 was completed in May, there
    zone("America/Los_Angeles")  # UTC−7 in spring: J-1 done on 31 March, J-2 on 30 April
    report = lead_time(db, dt.date(2026, 4, 1), dt.date(2026, 4, 30))
    assert [(j.number, j.released_on, j.completed_on, j.release_to_complete) for j in report.jobs] == [
        ("J-2", dt.date(2026, 4, 1), dt.date(2026, 4, 30), 29)]


def test_one_statement_however_many_jobs(demo):
    from support.statements import statements_of

    read = statements_of(demo, lambda: lead_time(demo, START, END))
    assert read == 2  # BEGIN, and the jobs' first delivery, release and completion in one statement
