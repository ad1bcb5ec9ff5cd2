"""On-time delivery %, checked against hand-written SQL over the demo shop and on a case worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.db.models import Delivery, Job
from workshop.domain.errors import ValidationError
from workshop.reports.on_time import on_time

from support.report_rows import END, START, put, utc

FIRST_DELIVERIES = """
    SELECT substr(d.first_day, 1, 7), COUNT(*), SUM(d.first_day <= j.due_date)
    FROM jobs j JOIN (SELECT job_id, MIN(delivered_on) AS first_day FROM deliveries GROUP BY job_id) d ON d.job_id = j.id
    WHERE d.first_day BETWEEN ? AND ? GROUP BY 1 ORDER BY 1"""


def test_each_month_agrees_with_sql(demo, sql):
    report = on_time(demo, START, END)
    expected = {month: (count, kept) for month, count, kept in sql(FIRST_DELIVERIES, START.isoformat(), END.isoformat())}
    got = {m.month.strftime("%Y-%m"): (m.delivered, m.on_time) for m in report.months if m.delivered}
    assert got == expected
    delivered = sum(c for c, _ in expected.values())
    kept = sum(k for _, k in expected.values())
    assert (report.delivered, report.on_time) == (delivered, kept) and delivered > 10
    assert report.percent == (D(kept) * 100 / delivered).quantize(D("0.1"))


def test_a_case_worked_by_hand(db, shop):
    c = shop.customer.id
    ids = put(db, *(Job(number=f"J-{n}", customer_id=c, title="x", due_date=due, status="delivered",
                        created_at=utc(dt.date(2026, 1, 5)), updated_at=utc(dt.date(2026, 1, 5)))
                    for n, due in ((1, dt.date(2026, 2, 10)), (2, dt.date(2026, 2, 10)), (3, dt.date(2026, 3, 1)))))
    put(db, *(Delivery(job_id=j, delivered_on=on, method="collected", received_by="R", recorded_at=utc(on))
              for j, on in zip(ids, (dt.date(2026, 2, 10), dt.date(2026, 2, 13), dt.date(2026, 3, 2)))))
    report = on_time(db, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    # J-1 on its due day (on time), J-2 three days late, J-3 one day late
    assert [(j.number, j.days_late) for j in report.jobs] == [("J-1", 0), ("J-2", 3), ("J-3", 1)]
    feb, march = report.months[1], report.months[2]
    assert (feb.delivered, feb.on_time, feb.percent) == (2, 1, D("50.0"))
    assert (march.delivered, march.on_time, march.percent) == (1, 0, D("0.0"))
    assert report.months[0].percent is None  # nothing delivered in January: no figure, not 0 %
    assert (report.delivered, report.on_time, report.percent) == (3, 1, D("33.3"))  # 1/3 = 33.33 %


def test_a_range_that_ends_before_it_starts_is_refused(db):
    with pytest.raises(ValidationError, match="end on or after"):
        on_time(db, dt.date(2026, 3, 1), dt.date(2026, 2, 1))
