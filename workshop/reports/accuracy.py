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

from sqlalchemy import Integer, bindparam, case, distinct, func, select, type_coerce

from ..db.engine import Database
from ..db.models import BomItem, Job, JobStatusChange, Operation, TimeLog, Workstation
from ..domain import planning
from ..domain.costing import money_of
from ..domain.statuses import JobStatus
from .kinds import ACCURACY
from .output import ChartData, Column, ReportOutput, Table, cell_text
from .periods import checked_range, local_range, one_place

KEY, TITLE = ACCURACY.key, ACCURACY.title
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
    """A column stored in hundredths (``Minutes``), read as the integer it is."""
    return type_coerce(column, Integer)


@cache
def _queries():
    """The statements, built once, each joined to ``done``: the jobs first completed from ``first`` up to
    ``after`` (the UTC moments the range's first day and the day after it begin in the shop, so the
    local day is exact with none worked out per job). Only in-shop operations count.

    - planned: per workstation and kind of job, the jobs and the planned minutes of the operations
      that run on the job's quantity (setup + run × quantity, exact in hundredths);
    - kinds: per kind of job, the jobs (a job has one kind: their sum is every job);
    - on_parts: each operation on a sub-assembly, whose units come from the bill (rounded each);
    - booked: per workstation and kind of job, the minutes booked to the operations, a person's or a
      machine's whichever is longer (corrections included);
    - bom: the bills of the jobs with an operation on a sub-assembly."""
    first_at, after = bindparam("first", type_=JobStatusChange.at.type), bindparam("after", type_=JobStatusChange.at.type)
    first = func.min(JobStatusChange.at)
    done = (select(JobStatusChange.job_id).where(JobStatusChange.to_status == JobStatus.COMPLETE.value)
            .group_by(JobStatusChange.job_id).having(first >= first_at, first < after).subquery("done"))

    def in_shop(*columns):
        return (select(*columns).select_from(done).join(Job, Job.id == done.c.job_id)
                .join(Operation, Operation.job_id == Job.id).where(Operation.supplier_id.is_(None)))

    on_quantity = case((Operation.subassembly_id.is_(None),
                        _raw(Operation.setup_minutes) + _raw(Operation.run_minutes) * Job.quantity), else_=0)
    jobs = func.count(distinct(Operation.job_id))
    planned = (in_shop(Operation.workstation_id, Job.kind, jobs, func.sum(on_quantity))
               .group_by(Operation.workstation_id, Job.kind))
    on_parts = in_shop(Operation.job_id, Operation.workstation_id, Job.kind, Job.quantity, Operation.subassembly_id,
                       _raw(Operation.setup_minutes), _raw(Operation.run_minutes)
                       ).where(Operation.subassembly_id.is_not(None))
    kinds = in_shop(Job.kind, jobs).group_by(Job.kind)
    worked = case((TimeLog.labour_minutes >= TimeLog.machine_minutes, TimeLog.labour_minutes),
                  else_=TimeLog.machine_minutes)
    done_kind = select(done.c.job_id, Job.kind).join(Job, Job.id == done.c.job_id).subquery("done_kind")
    booked = (select(Operation.workstation_id, done_kind.c.kind, func.sum(_raw(worked)))
              .select_from(done_kind).join(TimeLog, TimeLog.job_id == done_kind.c.job_id)
              .join(Operation, Operation.id == TimeLog.operation_id)
              .where(Operation.supplier_id.is_(None))
              .group_by(Operation.workstation_id, done_kind.c.kind))
    bom = (select(BomItem.job_id, BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost,
                  BomItem.is_assembly)
           .select_from(done).join(BomItem, BomItem.job_id == done.c.job_id)
           .where(BomItem.job_id.in_(select(Operation.job_id).where(Operation.subassembly_id.is_not(None)))))
    return planned, kinds, on_parts, booked, bom


def accuracy(db: Database, start: dt.date | None = None, end: dt.date | None = None) -> AccuracyReport:
    """Summed by the database per workstation and kind of job (a few dozen rows, none per job, operation
    or booking; one per operation on a sub-assembly); the rows added up here."""
    start, end = checked_range(start, end, db.today())
    first, after = local_range(start, end)
    params = {"first": first, "after": after}
    planned_q, kinds_q, on_parts_q, booked_q, bom_q = _queries()
    with db.reader() as s:
        c = s.connection()
        planned_rows = c.execute(planned_q, params).all()
        kind_rows = c.execute(kinds_q, params).all()
        part_rows = c.execute(on_parts_q, params).all()
        booked_rows = c.execute(booked_q, params).all()
        bom_rows = c.execute(bom_q, params).all() if part_rows else []
        names = {ws_id: f"{code} {name}" for ws_id, code, name in
                 c.execute(select(Workstation.id, Workstation.code, Workstation.name))}
    by_station: dict[str, list[int]] = {}  # name → [jobs, planned, booked minutes in hundredths]
    by_kind: dict[str, list[int]] = {}

    def add(ws_id: int, kind: str, planned: int = 0, booked: int = 0) -> None:
        for group in (by_station.setdefault(names[ws_id], [0, 0, 0]),
                      by_kind.setdefault(kind.strip() or NOT_GIVEN, [0, 0, 0])):
            group[1] += planned
            group[2] += booked

    for ws_id, kind, jobs, planned in planned_rows:
        add(ws_id, kind, int(planned or 0))
        by_station[names[ws_id]][0] += jobs  # a job has one kind: its count per kind adds up
    for kind, jobs in kind_rows:
        by_kind.setdefault(kind.strip() or NOT_GIVEN, [0, 0, 0])[0] += jobs
    if part_rows:
        effective = _effective(bom_rows, {job_id: quantity for job_id, _, _, quantity, *_ in part_rows})
        for job_id, ws_id, kind, quantity, sub_id, setup, run in part_rows:
            units = planning.operation_quantity(sub_id, effective.get(job_id, {}), quantity)
            add(ws_id, kind, int(planning.planned_minutes(Decimal(int(setup)).scaleb(-2), Decimal(int(run)).scaleb(-2),
                                                          units).scaleb(2)))
    for ws_id, kind, booked in booked_rows:
        add(ws_id, kind, booked=int(booked or 0))
    total = [sum(g[i] for g in by_kind.values()) for i in range(3)]
    return AccuracyReport(start, end, _rows(by_station), _rows(by_kind), _rows({"All": total})[0])


def _rows(groups: dict[str, list[int]]) -> tuple[HoursRow, ...]:
    """[jobs, planned, booked minutes in hundredths] per group -> a row each, by name."""
    return tuple(HoursRow(name, jobs, _hours(planned), _hours(booked))
                 for name, (jobs, planned, booked) in sorted(groups.items()))


def _effective(bom_rows: Iterable, quantities: dict[int, int]) -> dict[int, dict[int, Decimal]]:
    """Each BOM item's quantity for the whole job, for the jobs with sub-assembly operations."""
    items: dict[int, list] = {}
    for job_id, item_id, parent_id, quantity, unit_cost, is_assembly in bom_rows:
        items.setdefault(job_id, []).append(planning.BomNodeInput(item_id, parent_id, quantity, unit_cost,
                                                                  is_assembly))
    return {job_id: planning.effective_quantities(nodes, quantities[job_id]) for job_id, nodes in items.items()}


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
