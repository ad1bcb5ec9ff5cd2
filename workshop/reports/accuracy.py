"""Estimate accuracy: the hours planned for completed jobs against the hours booked, by
workstation and by kind of job (``jobs.kind``; "(not given)" where the shop gave none).

A job counts when it was first completed in the range (its status history). Planned hours are each
operation's setup plus run time for its units (the job's quantity, or its sub-assembly's); booked
hours are the time booked to it, a person's or an unattended machine's whichever is longer
(corrections included). Work done outside the shop is left out: it is bought, not booked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cache

from sqlalchemy import Integer, bindparam, case, func, select, type_coerce

from ..db.engine import Database
from ..db.local_days import LocalDays, as_stored
from ..db.models import BomItem, Job, JobStatusChange, Operation, TimeLog, Workstation
from ..domain import planning
from ..domain.costing import money_of
from ..domain.statuses import JobStatus
from .output import ChartData, Column, ReportOutput, Table, cell_text
from .periods import checked_range, one_place

KEY, TITLE = "accuracy", "Estimate accuracy"
NOT_GIVEN = "(not given)"


@dataclass(frozen=True)
class HoursRow:
    name: str  # the workstation ("BENCH Joinery bench") or the kind of job
    jobs: int
    planned_hours: Decimal
    booked_hours: Decimal

    @property
    def variance_hours(self) -> Decimal:
        """Booked − planned: positive took longer than planned."""
        return self.booked_hours - self.planned_hours

    @property
    def variance_pct(self) -> Decimal | None:
        return one_place(self.variance_hours * 100 / self.planned_hours) if self.planned_hours else None


@dataclass(frozen=True)
class AccuracyReport:
    start: dt.date
    end: dt.date
    by_workstation: tuple[HoursRow, ...]
    by_kind: tuple[HoursRow, ...]
    total: HoursRow


def _hours(hundredths: int) -> Decimal:
    """Minutes stored in hundredths → hours to 0.01, half up."""
    return Decimal(money_of(Fraction(hundredths, 6000)))


def _raw(column):
    """A sum of a column stored in hundredths (``Minutes``), read as the integer it is."""
    return type_coerce(func.sum(column), Integer)


@cache
def _queries():
    """The statements, built once. ``done``: each job first completed between ``after`` and ``before``
    (UTC moments a day either side of the range, wide enough for any time zone; the exact local day is
    checked on the jobs' rows). Every query joins it, so no list of ids is sent.

    - jobs: id, kind, quantity and the moment it was first completed (as stored, for ``LocalDays``);
    - planned: per job, workstation and sub-assembly, the in-shop operations' setup and run minutes
      summed (an operation on a sub-assembly alone in its row: its minutes are rounded each);
    - booked: per job and workstation of the operation, the minutes booked, a person's or a machine's
      whichever is longer (corrections included);
    - bom: the bills of the jobs with an operation on a sub-assembly (for the units it runs on)."""
    after, before = bindparam("after", type_=JobStatusChange.at.type), bindparam("before", type_=JobStatusChange.at.type)
    first = func.min(JobStatusChange.at)
    done = (select(JobStatusChange.job_id, first.label("at"))
            .where(JobStatusChange.to_status == JobStatus.COMPLETE.value)
            .group_by(JobStatusChange.job_id).having(first >= after, first < before).subquery("done"))
    jobs = select(Job.id, Job.kind, Job.quantity, as_stored(done.c.at)).join(done, done.c.job_id == Job.id)
    alone = case((Operation.subassembly_id.is_(None), 0), else_=Operation.id)
    planned = (select(Operation.job_id, Operation.workstation_id, Operation.subassembly_id,
                      _raw(Operation.setup_minutes), _raw(Operation.run_minutes))
               .select_from(done).join(Operation, Operation.job_id == done.c.job_id)
               .where(Operation.supplier_id.is_(None))
               .group_by(Operation.job_id, Operation.workstation_id, Operation.subassembly_id, alone))
    worked = case((TimeLog.labour_minutes >= TimeLog.machine_minutes, TimeLog.labour_minutes),
                  else_=TimeLog.machine_minutes)
    booked = (select(Operation.job_id, Operation.workstation_id, _raw(worked))
              .select_from(done).join(TimeLog, TimeLog.job_id == done.c.job_id)
              .join(Operation, Operation.id == TimeLog.operation_id)
              .where(Operation.supplier_id.is_(None))
              .group_by(Operation.job_id, Operation.workstation_id))
    bom = (select(BomItem.job_id, BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost,
                  BomItem.is_assembly)
           .select_from(done).join(BomItem, BomItem.job_id == done.c.job_id)
           .where(BomItem.job_id.in_(select(Operation.job_id).where(Operation.subassembly_id.is_not(None)))))
    return jobs, planned, booked, bom


def accuracy(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> AccuracyReport:
    """Summed by the database per job and workstation (a few rows a job, none per operation or
    booking); the jobs' completions made local days by ``LocalDays``; the groups added up here."""
    start, end = checked_range(start, end, db.today())
    params = {"after": dt.datetime.combine(start - dt.timedelta(days=1), dt.time(), dt.UTC),
              "before": dt.datetime.combine(end + dt.timedelta(days=2), dt.time(), dt.UTC)}
    jobs_q, planned_q, booked_q, bom_q = _queries()
    with db.reader() as s:
        c = s.connection()
        found = c.execute(jobs_q, params).all()
        planned_rows = c.execute(planned_q, params).all()
        booked_rows = c.execute(booked_q, params).all()
        bom_rows = c.execute(bom_q, params).all() if any(r[2] is not None for r in planned_rows) else []
        names = {ws_id: f"{code} {name}" for ws_id, code, name in
                 c.execute(select(Workstation.id, Workstation.code, Workstation.name))}
    jobs = {job_id: (kind, quantity) for (job_id, kind, quantity, _), day in
            zip(found, LocalDays().days_of([r[3] for r in found])) if start <= day <= end}
    effective = _effective(bom_rows, jobs)
    planned: dict[tuple[int, int], int] = {}  # (job, workstation) → planned minutes in hundredths
    for job_id, ws_id, sub_id, setup, run in planned_rows:
        if job_id not in jobs:
            continue
        quantity = jobs[job_id][1]
        if sub_id is None:
            minutes = int(setup) + int(run) * quantity
        else:
            units = planning.operation_quantity(sub_id, effective.get(job_id, {}), quantity)
            minutes = int(planning.planned_minutes(Decimal(int(setup)).scaleb(-2), Decimal(int(run)).scaleb(-2),
                                                   units).scaleb(2))
        planned[job_id, ws_id] = planned.get((job_id, ws_id), 0) + minutes
    booked = {(job_id, ws_id): int(minutes or 0) for job_id, ws_id, minutes in booked_rows}
    by_station: dict[str, list] = {}
    by_kind: dict[str, list] = {}
    everything = [set(), 0, 0]
    for (job_id, ws_id), minutes in planned.items():
        worked = booked.get((job_id, ws_id), 0)
        for group in (by_station.setdefault(names[ws_id], [set(), 0, 0]),
                      by_kind.setdefault(jobs[job_id][0].strip() or NOT_GIVEN, [set(), 0, 0]), everything):
            group[0].add(job_id)
            group[1] += minutes
            group[2] += worked
    return AccuracyReport(start, end, _rows(by_station), _rows(by_kind), _rows({"All": everything})[0])


def _rows(groups: dict[str, list]) -> tuple[HoursRow, ...]:
    """[jobs, planned, booked minutes in hundredths] per group -> a row each, by name."""
    return tuple(HoursRow(name, len(jobs), _hours(planned), _hours(booked))
                 for name, (jobs, planned, booked) in sorted(groups.items()))


def _effective(bom_rows: Iterable, jobs: dict) -> dict[int, dict[int, Decimal]]:
    """Each BOM item's quantity for the whole job, for the jobs with sub-assembly operations."""
    items: dict[int, list] = {}
    for job_id, item_id, parent_id, quantity, unit_cost, is_assembly in bom_rows:
        if job_id in jobs:
            items.setdefault(job_id, []).append(planning.BomNodeInput(item_id, parent_id, quantity, unit_cost,
                                                                      is_assembly))
    return {job_id: planning.effective_quantities(nodes, jobs[job_id][1]) for job_id, nodes in items.items()}


_COLUMNS = (Column("Jobs", "count"), Column("Planned h", "hours"), Column("Booked h", "hours"),
            Column("Variance h", "hours"), Column("Variance %", "percent"))


def _table_rows(rows: Iterable[HoursRow]) -> tuple:
    return tuple((r.name, r.jobs, r.planned_hours, r.booked_hours, r.variance_hours, r.variance_pct) for r in rows)


def output(report: AccuracyReport, *, currency: str = "GBP", locale: str = "en_GB") -> ReportOutput:
    t = report.total
    if t.jobs:
        way = "over" if t.variance_hours > 0 else "under"
        summary = (f"{t.jobs} jobs completed: {cell_text(t.planned_hours, 'hours', locale=locale)} h planned, "
                   f"{cell_text(t.booked_hours, 'hours', locale=locale)} h booked "
                   f"({cell_text(abs(t.variance_pct or 0), 'percent', locale=locale)} {way} the plan).",)
    else:
        summary = ("No job was completed in this range.",)
    charts = (ChartData("planned_actual", "Planned against booked hours, by workstation",
                        tuple(r.name.split(" ")[0] for r in report.by_workstation),
                        (("Planned", tuple(r.planned_hours for r in report.by_workstation)),
                         ("Booked", tuple(r.booked_hours for r in report.by_workstation))), value_label="hours"),
              ChartData("planned_actual", "Planned against booked hours, by kind of job",
                        tuple(r.name for r in report.by_kind),
                        (("Planned", tuple(r.planned_hours for r in report.by_kind)),
                         ("Booked", tuple(r.booked_hours for r in report.by_kind))), value_label="hours"))
    tables = (Table("By workstation", (Column("Workstation"), *_COLUMNS), _table_rows([*report.by_workstation, t])),
              Table("By kind of job", (Column("Kind"), *_COLUMNS), _table_rows([*report.by_kind, t]), name="kinds"))
    return ReportOutput(KEY, TITLE, report.start, report.end, summary, tables, charts, currency, locale,
                        notes=("Completed jobs, by the day they were first completed. Booked hours: a person's or "
                               "an unattended machine's, whichever is longer. Work done outside is left out.",))


__all__ = ["KEY", "TITLE", "NOT_GIVEN", "HoursRow", "AccuracyReport", "accuracy", "output"]
