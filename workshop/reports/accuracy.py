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

from sqlalchemy import case, func, select, type_coerce

from ..db.base import Minutes
from ..db.engine import Database
from ..db.models import BomItem, Job, JobStatusChange, Operation, TimeLog, Workstation
from ..domain import planning
from ..domain.costing import money_of
from ..domain.statuses import JobStatus
from .output import ChartData, Column, ReportOutput, Table, cell_text
from .periods import checked_range, local_day, one_place

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


def _hours(minutes: Fraction | Decimal) -> Decimal:
    return Decimal(money_of(Fraction(minutes) / 60))


def _rows(groups: dict[str, list[tuple[int, Decimal, Decimal]]]) -> tuple[HoursRow, ...]:
    """(job id, planned minutes, booked minutes) per group -> a row each, by name."""
    return tuple(HoursRow(name, len({j for j, _, _ in items}), _hours(sum(p for _, p, _ in items)),
                          _hours(sum(b for _, _, b in items))) for name, items in sorted(groups.items()))


def accuracy(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> AccuracyReport:
    start, end = checked_range(start, end, db.today())
    worked = case((TimeLog.labour_minutes >= TimeLog.machine_minutes, TimeLog.labour_minutes),
                  else_=TimeLog.machine_minutes)
    with db.reader() as s:
        completed = {job_id: local_day(at) for job_id, at in s.execute(
            select(JobStatusChange.job_id, func.min(JobStatusChange.at))
            .where(JobStatusChange.to_status == JobStatus.COMPLETE.value).group_by(JobStatusChange.job_id))}
        ids = [job_id for job_id, day in completed.items() if start <= day <= end]
        jobs = {j.id: j for j in s.scalars(select(Job).where(Job.id.in_(ids)))}
        ops = s.execute(select(Operation, Workstation.code, Workstation.name)
                        .join(Workstation, Workstation.id == Operation.workstation_id)
                        .where(Operation.job_id.in_(ids), Operation.supplier_id.is_(None))).all()
        booked = {op_id: Decimal(m or 0) for op_id, m in s.execute(
            select(TimeLog.operation_id, type_coerce(func.sum(worked), Minutes()))
            .where(TimeLog.job_id.in_(ids)).group_by(TimeLog.operation_id))}
        effective = _effective(s, {op.job_id for op, _, _ in ops if op.subassembly_id}, jobs)
        by_station: dict[str, list] = {}
        by_kind: dict[str, list] = {}
        for op, code, name in ops:
            job = jobs[op.job_id]
            units = planning.operation_quantity(op.subassembly_id, effective.get(job.id, {}), job.quantity)
            item = (job.id, planning.planned_minutes(op.setup_minutes, op.run_minutes, units),
                    booked.get(op.id, Decimal(0)))
            by_station.setdefault(f"{code} {name}", []).append(item)
            by_kind.setdefault(job.kind.strip() or NOT_GIVEN, []).append(item)
    everything = [item for items in by_station.values() for item in items]
    return AccuracyReport(start, end, _rows(by_station), _rows(by_kind), _rows({"All": everything})[0]
                          if everything else HoursRow("All", 0, Decimal("0.00"), Decimal("0.00")))


def _effective(s, job_ids: Iterable[int], jobs: dict) -> dict[int, dict[int, Decimal]]:
    """Each BOM item's quantity for the whole job, for the jobs with sub-assembly operations."""
    items: dict[int, list] = {}
    for item in s.scalars(select(BomItem).where(BomItem.job_id.in_(list(job_ids)))):
        items.setdefault(item.job_id, []).append(
            planning.BomNodeInput(item.id, item.parent_id, item.quantity, item.unit_cost, item.is_assembly))
    return {job_id: planning.effective_quantities(nodes, jobs[job_id].quantity) for job_id, nodes in items.items()}


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
