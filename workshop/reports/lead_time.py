"""Lead time: how long jobs take, in calendar days, month by month.

- Brief to delivery: from the day the brief was taken (``briefs.created_at``, shop-local) to the
  job's first delivery (``deliveries.delivered_on``); counted in the month of that delivery.
- Release to complete: from the job's first change to "released" to its first change to
  "complete" (its status history); counted in the month it was completed.

A job is in the range when its delivery (or its completion) falls in it; per month the median and
the mean number of days, to one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Brief, Delivery, Job, JobStatusChange
from ..domain.statuses import JobStatus
from .output import ChartData, Column, cell_text, ReportOutput, Table, month_label
from .periods import checked_range, local_day, mean, median, months

KEY, TITLE = "lead-time", "Lead time"


@dataclass(frozen=True)
class JobLeadTime:
    number: str
    title: str
    brief_on: dt.date | None
    delivered_on: dt.date | None
    brief_to_delivery: int | None  # days, when delivered in the range
    released_on: dt.date | None
    completed_on: dt.date | None
    release_to_complete: int | None  # days, when completed in the range


@dataclass(frozen=True)
class MonthLeadTime:
    month: dt.date  # its first day
    delivered: int
    delivery_median: Decimal | None
    delivery_mean: Decimal | None
    completed: int
    complete_median: Decimal | None
    complete_mean: Decimal | None


@dataclass(frozen=True)
class LeadTimeReport:
    start: dt.date
    end: dt.date
    jobs: tuple[JobLeadTime, ...]
    months: tuple[MonthLeadTime, ...]
    delivery_median: Decimal | None  # over the whole range
    delivery_mean: Decimal | None
    complete_median: Decimal | None
    complete_mean: Decimal | None


def _first_changes(s, status: JobStatus) -> dict[int, dt.date]:
    rows = s.execute(select(JobStatusChange.job_id, func.min(JobStatusChange.at))
                     .where(JobStatusChange.to_status == status.value).group_by(JobStatusChange.job_id))
    return {job_id: local_day(at) for job_id, at in rows}


def lead_time(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> LeadTimeReport:
    start, end = checked_range(start, end, db.today())
    with db.reader() as s:
        delivered = {job_id: day for job_id, day in s.execute(
            select(Delivery.job_id, func.min(Delivery.delivered_on)).group_by(Delivery.job_id))}
        released = _first_changes(s, JobStatus.RELEASED)
        completed = _first_changes(s, JobStatus.COMPLETE)
        jobs = s.execute(select(Job.id, Job.number, Job.title, Brief.created_at)
                         .outerjoin(Brief, Brief.id == Job.brief_id).order_by(Job.number)).all()
    rows = []
    for job_id, number, title, brief_at in jobs:
        brief_on = local_day(brief_at) if brief_at else None
        on, done, began = delivered.get(job_id), completed.get(job_id), released.get(job_id)
        to_delivery = (on - brief_on).days if on and brief_on and start <= on <= end else None
        to_complete = (done - began).days if done and began and start <= done <= end else None
        if to_delivery is not None or to_complete is not None:
            rows.append(JobLeadTime(number, title, brief_on, on, to_delivery, began, done, to_complete))
    per_month = []
    for month in months(start, end):
        d = [r.brief_to_delivery for r in rows if r.brief_to_delivery is not None and r.delivered_on.replace(day=1) == month]
        c = [r.release_to_complete for r in rows
             if r.release_to_complete is not None and r.completed_on.replace(day=1) == month]
        per_month.append(MonthLeadTime(month, len(d), median(d), mean(d), len(c), median(c), mean(c)))
    all_d = [r.brief_to_delivery for r in rows if r.brief_to_delivery is not None]
    all_c = [r.release_to_complete for r in rows if r.release_to_complete is not None]
    return LeadTimeReport(start, end, tuple(rows), tuple(per_month), median(all_d), mean(all_d), median(all_c),
                          mean(all_c))


def output(report: LeadTimeReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    delivered = sum(m.delivered for m in report.months)
    completed = sum(m.completed for m in report.months)

    def days(value: Decimal | None) -> str:
        return cell_text(value, "days", currency, locale)

    summary = (f"Brief to delivery: {delivered} jobs delivered, median {days(report.delivery_median)} days, "
               f"mean {days(report.delivery_mean)}." if delivered else "No job was delivered in this range.",
               f"Release to complete: {completed} jobs completed, median {days(report.complete_median)} days, "
               f"mean {days(report.complete_mean)}." if completed else "No job was completed in this range.")
    month_cols = (Column("Month", "month"), Column("Delivered", "count"), Column("Brief to delivery, median", "days"),
                  Column("Brief to delivery, mean", "days"), Column("Completed", "count"),
                  Column("Release to complete, median", "days"), Column("Release to complete, mean", "days"))
    month_rows = tuple((m.month, m.delivered, m.delivery_median, m.delivery_mean, m.completed, m.complete_median,
                        m.complete_mean) for m in report.months)
    job_cols = (Column("Job"), Column("Title"), Column("Brief", "date"), Column("Delivered", "date"),
                Column("Brief to delivery, days", "count"), Column("Released", "date"), Column("Completed", "date"),
                Column("Release to complete, days", "count"))
    job_rows = tuple((j.number, j.title, j.brief_on, j.delivered_on, j.brief_to_delivery, j.released_on,
                      j.completed_on, j.release_to_complete) for j in report.jobs)
    chart = ChartData("line", "Lead time, median days per month", tuple(month_label(m.month, locale)
                                                                          for m in report.months),
                      (("Brief to delivery", tuple(m.delivery_median for m in report.months)),
                       ("Release to complete", tuple(m.complete_median for m in report.months))),
                      value_label="days")
    return ReportOutput(KEY, TITLE, report.start, report.end, summary,
                        (Table("By month", month_cols, month_rows), Table("By job", job_cols, job_rows, name="jobs")),
                        (chart,), currency, locale,
                        notes=("Calendar days. Brief to delivery counts in the month of the first delivery; release "
                               "to complete in the month the job was first completed.",))


__all__ = ["KEY", "TITLE", "JobLeadTime", "MonthLeadTime", "LeadTimeReport", "lead_time", "output"]
