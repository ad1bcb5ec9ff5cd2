"""On-time delivery: of the jobs delivered in the range, how many on or before their due date.

A job counts once, on its first delivery (``deliveries.delivered_on``), in that month; it is on
time when that day is no later than the job's due date. Per month and over the range, as a
percentage to one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Delivery, Job
from .kinds import ON_TIME
from .output import ChartData, Column, ReportOutput, Table, cell_text, month_label
from .periods import checked_range, month_of, months, percent

KEY, TITLE = ON_TIME.key, ON_TIME.title


@dataclass(frozen=True)
class JobDelivery:
    number: str
    title: str
    due: dt.date
    delivered_on: dt.date
    days_late: int  # 0 when on time

    @property
    def on_time(self) -> bool:
        return self.days_late == 0


@dataclass(frozen=True)
class MonthOnTime:
    month: dt.date
    delivered: int
    on_time: int
    percent: Decimal | None


@dataclass(frozen=True)
class OnTimeReport:
    start: dt.date
    end: dt.date
    jobs: tuple[JobDelivery, ...]
    months: tuple[MonthOnTime, ...]
    delivered: int
    on_time: int
    percent: Decimal | None


def on_time(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> OnTimeReport:
    start, end = checked_range(start, end, db.today())
    first = select(Delivery.job_id, func.min(Delivery.delivered_on).label("day")).group_by(Delivery.job_id).subquery()
    with db.reader() as s:
        rows = s.execute(select(Job.number, Job.title, Job.due_date, first.c.day)
                         .join(first, first.c.job_id == Job.id)
                         .where(first.c.day >= start, first.c.day <= end)
                         .order_by(first.c.day, Job.number)).all()
    jobs = tuple(JobDelivery(number, title, due, day, max((day - due).days, 0)) for number, title, due, day in rows)
    per_month = []
    for month in months(start, end):
        here = [j for j in jobs if month_of(j.delivered_on) == month]
        kept = sum(1 for j in here if j.on_time)
        per_month.append(MonthOnTime(month, len(here), kept, percent(kept, len(here))))
    kept = sum(1 for j in jobs if j.on_time)
    return OnTimeReport(start, end, jobs, tuple(per_month), len(jobs), kept, percent(kept, len(jobs)))


def output(report: OnTimeReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    summary = ((f"{report.on_time} of {report.delivered} jobs delivered on or before their due date: "
                f"{cell_text(report.percent, 'percent', currency, locale)}.",) if report.delivered
               else ("No job was delivered in this range.",))
    month_cols = (Column("Month", "month"), Column("Delivered", "count"), Column("On time", "count"),
                  Column("On time %", "percent"))
    job_cols = (Column("Job"), Column("Title"), Column("Due", "date"), Column("Delivered", "date"),
                Column("Days late", "count"))
    chart = ChartData("line", "On-time delivery per month", tuple(month_label(m.month, locale) for m in report.months),
                      (("On time %", tuple(m.percent for m in report.months)),), value_label="% of jobs delivered",
                      percent=True)
    return ReportOutput(
        KEY, TITLE, report.start, report.end, summary,
        (Table("By month", month_cols, tuple((m.month, m.delivered, m.on_time, m.percent) for m in report.months)),
         Table("Deliveries", job_cols, tuple((j.number, j.title, j.due, j.delivered_on, j.days_late)
                                             for j in report.jobs), name="jobs")),
        (chart,), currency, locale,
        notes=("A job counts once, on its first delivery; on time when delivered on or before its due date.",))


__all__ = ["KEY", "TITLE", "JobDelivery", "MonthOnTime", "OnTimeReport", "on_time", "output"]
