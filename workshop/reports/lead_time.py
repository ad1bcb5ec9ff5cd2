"""Lead time: how long jobs take, in calendar days, month by month.

- Brief to delivery: from the day the brief was taken (``briefs.created_at``, shop-local) to the
  job's first delivery (``deliveries.delivered_on``); counted in the month of that delivery.
- Release to complete: from the job's first change to "released" to its first change to
  "complete" (its status history); counted in the month it was completed.

A job is in the range when its delivery (or its completion) falls in it; per month the median and
the mean number of days, to one place.

Over ten years (20,000 jobs, 170,000 status changes) the database groups: one statement gives each job's
first delivery, release and completion; the moments come back as stored and are made shop-local days
by ``db.local_days.LocalDays`` (a parse and a time-zone conversion per moment cost more than the query);
the months are filled in one pass over the jobs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import NamedTuple

from sqlalchemy import Date, and_, bindparam, case, func, or_, select

from ..db.engine import Database
from ..db.local_days import LocalDays, as_stored
from ..db.models import Brief, Delivery, Job, JobStatusChange
from ..domain.statuses import JobStatus
from .kinds import LEAD_TIME
from .output import ChartData, Column, cell_text, ReportOutput, Table, month_label
from .periods import checked_range, mean, median, months

KEY, TITLE = LEAD_TIME.key, LEAD_TIME.title


class JobLeadTime(NamedTuple):  # plain frozen data, made 20,000 times over ten years: a tuple is a third of the cost
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


@cache
def _jobs_query():
    """Per job that may have a lead time in the range: its number, title, the moment its brief was
    taken, its first delivery, its first release and its first completion (moments as stored, for
    ``LocalDays``). Grouped in the database: one row per job, none per status change. Parameters:
    ``first``, ``last`` (the range's days) and ``after``, ``before`` (UTC moments a day either side of
    it, wide enough for any time zone; the exact local day is checked afterwards)."""
    first_moment = case((JobStatusChange.to_status == JobStatus.RELEASED.value, JobStatusChange.at))
    done_moment = case((JobStatusChange.to_status == JobStatus.COMPLETE.value, JobStatusChange.at))
    changes = (select(JobStatusChange.job_id, func.min(first_moment).label("released"),
                      func.min(done_moment).label("completed"))
               .where(JobStatusChange.to_status.in_([JobStatus.RELEASED.value, JobStatus.COMPLETE.value]))
               .group_by(JobStatusChange.job_id).subquery())
    delivered = (select(Delivery.job_id, func.min(Delivery.delivered_on).label("on"))
                 .group_by(Delivery.job_id).subquery())
    after, before = bindparam("after", type_=JobStatusChange.at.type), bindparam("before", type_=JobStatusChange.at.type)
    return (select(Job.number, Job.title, as_stored(Brief.created_at), as_stored(delivered.c.on),
                   as_stored(changes.c.released), as_stored(changes.c.completed))
            .select_from(Job).outerjoin(Brief, Brief.id == Job.brief_id)
            .outerjoin(delivered, delivered.c.job_id == Job.id).outerjoin(changes, changes.c.job_id == Job.id)
            .where(or_(and_(Job.brief_id.is_not(None), delivered.c.on.between(bindparam("first", type_=Date),
                                                                                 bindparam("last", type_=Date))),
                       and_(changes.c.released.is_not(None), changes.c.completed >= after,
                            changes.c.completed < before)))
            .order_by(Job.number))


def lead_time(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> LeadTimeReport:
    start, end = checked_range(start, end, db.today())
    params = {"first": start, "last": end,
              "after": dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), dt.UTC),
              "before": dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), dt.UTC)}
    with db.reader() as s:
        found = s.connection().execute(_jobs_query(), params).all()
    days = LocalDays()
    stored_date = days.date_of
    rows = []
    delivered: dict[tuple[int, int], list[int]] = {}  # (year, month) → days brief to delivery
    completed: dict[tuple[int, int], list[int]] = {}  # (year, month) → days release to complete
    columns = zip(found, days.days_of([r[2] for r in found]), days.days_of([r[4] for r in found]),
                  days.days_of([r[5] for r in found]))
    for (number, title, _, delivered_on, _, _), brief_on, began, done in columns:
        on = stored_date(delivered_on)
        to_delivery = (on - brief_on).days if on and brief_on and start <= on <= end else None
        to_complete = (done - began).days if done and began and start <= done <= end else None
        if to_delivery is None and to_complete is None:
            continue
        rows.append(JobLeadTime(number, title, brief_on, on, to_delivery, began, done, to_complete))
        if to_delivery is not None:
            delivered.setdefault((on.year, on.month), []).append(to_delivery)
        if to_complete is not None:
            completed.setdefault((done.year, done.month), []).append(to_complete)
    per_month = []
    for month in months(start, end):
        d, c = delivered.get((month.year, month.month), []), completed.get((month.year, month.month), [])
        per_month.append(MonthLeadTime(month, len(d), median(d), mean(d), len(c), median(c), mean(c)))
    all_d = [n for d in delivered.values() for n in d]
    all_c = [n for c in completed.values() for n in c]
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
    job_rows = report.jobs  # each a tuple already, in the columns' order
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
