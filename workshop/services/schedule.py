"""The shop's schedule (issue 16): gathers the calendar, the workstations and the open work, runs the
scheduler (``workshop.domain.scheduling``) and keeps what the owner applies.

The schedule is a proposal: ``propose`` only reads. ``apply_schedule`` writes the proposal's times
on the operations and each job's planned finish; ``pin_job`` and priorities change what the next
proposal makes. Remaining work is the planned time less the time booked, never below zero; an
outside operation is away its days instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import bindparam, case, func, select, type_coerce, update
from sqlalchemy.orm import Session

from ..db.base import Minutes
from ..db.engine import Database
from ..db.models import BomItem, Customer, Job, Operation, ShopHoliday, TimeLog, Workstation
from ..db.models import PurchaseOrder, PurchaseOrderLine, WorkstationDayOff
from ..domain import planning
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.scheduling import JobInput, OperationInput, Plan, ShopCalendar, WorkstationInput, schedule
from ..domain.statuses import JobStatus, OperationStatus, Priority
from .calendar import stored_week
from .common import get_or_fail

#: The jobs whose remaining work is scheduled.
SCHEDULED_JOB_STATUSES = (JobStatus.RELEASED.value, JobStatus.IN_PROGRESS.value)
_OPEN_OPERATION_STATUSES = (OperationStatus.PENDING.value, OperationStatus.RUNNING.value,
                            OperationStatus.PAUSED.value)
_OUTSIDE_KIND = "outside"  # services.outside_operations.OUTSIDE_KIND (that module imports much more)


@dataclass(frozen=True)
class JobInfo:
    """What a schedule shows of a job besides its plan."""

    id: int
    number: str
    title: str
    customer: str
    status: str
    priority: str
    due: dt.date | None
    pinned_start: dt.date | None
    job_order_id: int | None


@dataclass(frozen=True)
class OperationInfo:
    id: int
    job_id: int
    op_number: int
    name: str
    workstation_id: int
    workstation_code: str
    remaining_minutes: Decimal
    outside: bool


@dataclass(frozen=True)
class WorkstationInfo:
    id: int
    code: str
    name: str
    outside: bool  # the one row outside work sits at: no Gantt row, no load


@dataclass(frozen=True)
class ScheduleView:
    """A proposal and everything needed to show it."""

    plan: Plan
    calendar: ShopCalendar
    start: dt.date
    start_minute: int
    stations: tuple[WorkstationInput, ...]  # what was scheduled on
    workstations: dict[int, WorkstationInfo]
    jobs: dict[int, JobInfo]
    operations: dict[int, OperationInfo]
    inputs: tuple[JobInput, ...]  # the scheduler's input, for what-if runs (promise dates, why late)

    @property
    def shop_stations(self) -> tuple[WorkstationInput, ...]:
        """The workstations in the shop (not the outside one), for the Gantt and the load chart."""
        return tuple(ws for ws in self.stations if not self.workstations[ws.id].outside)


# --- reading the shop --------------------------------------------------------------------------


def shop_calendar_in_session(s: Session) -> ShopCalendar:
    weekdays, day_start, day_end = stored_week(s)
    return ShopCalendar(frozenset(weekdays), day_start, day_end, frozenset(s.scalars(select(ShopHoliday.day))))


def workstation_inputs_in_session(s: Session) -> tuple[list[WorkstationInput], dict[int, WorkstationInfo]]:
    """Every workstation (inactive ones too: open work may still sit at one)."""
    days_off: dict[int, set[dt.date]] = {}
    for ws_id, day in s.execute(select(WorkstationDayOff.workstation_id, WorkstationDayOff.day)):
        days_off.setdefault(ws_id, set()).add(day)
    stations, infos = [], {}
    for ws in s.scalars(select(Workstation).order_by(Workstation.code)):
        capacity = ws.capacity_hours_per_day if ws.capacity_hours_per_day > 0 else Decimal(8)
        stations.append(WorkstationInput(ws.id, ws.code, capacity, max(ws.parallel or 1, 1),
                                         frozenset(days_off.get(ws.id, ()))))
        infos[ws.id] = WorkstationInfo(ws.id, ws.code, ws.name, ws.kind == _OUTSIDE_KIND)
    return stations, infos


def _booked_minutes(s: Session, job_ids: list[int]) -> dict[int, Decimal]:
    """Time booked per operation: a person's or an unattended machine's, whichever is longer."""
    worked = case((TimeLog.labour_minutes >= TimeLog.machine_minutes, TimeLog.labour_minutes),
                  else_=TimeLog.machine_minutes)
    rows = s.execute(select(TimeLog.operation_id, type_coerce(func.sum(worked), Minutes()))
                     .where(TimeLog.job_id.in_(job_ids)).group_by(TimeLog.operation_id))
    return {op_id: Decimal(minutes or 0) for op_id, minutes in rows}


def _effective_quantities(s: Session, job_ids: list[int], quantities: dict[int, int]) -> dict[int, dict[int, Decimal]]:
    """Per job, each BOM item's quantity for the whole job (only jobs with sub-assembly operations)."""
    items: dict[int, list] = {}
    rows = s.execute(select(BomItem.job_id, BomItem.id, BomItem.parent_id, BomItem.quantity, BomItem.unit_cost,
                            BomItem.is_assembly).where(BomItem.job_id.in_(job_ids)).order_by(BomItem.id))
    for job_id, item_id, parent_id, quantity, unit_cost, is_assembly in rows:
        items.setdefault(job_id, []).append(planning.BomNodeInput(item_id, parent_id, quantity, unit_cost, is_assembly))
    return {job_id: planning.effective_quantities(nodes, quantities[job_id]) for job_id, nodes in items.items()}


def _sent_days(s: Session, op_ids: list[int]) -> dict[int, dt.date]:
    """The day each outside operation's purchase order was sent (its days away count from then)."""
    rows = s.execute(select(PurchaseOrderLine.operation_id, func.min(PurchaseOrder.sent_at))
                     .join(PurchaseOrder, PurchaseOrder.id == PurchaseOrderLine.purchase_order_id)
                     .where(PurchaseOrderLine.operation_id.in_(op_ids), PurchaseOrder.sent_at.is_not(None))
                     .group_by(PurchaseOrderLine.operation_id))
    return {op_id: sent.astimezone().date() for op_id, sent in rows if sent is not None}


def open_work_in_session(s: Session, job_ids: Sequence[int] | None = None
                         ) -> tuple[list[JobInput], dict[int, JobInfo], dict[int, OperationInfo]]:
    """The released and in-progress jobs (or just ``job_ids``, whatever their status) and the
    remaining work of their open operations. Read as plain columns, not ORM objects: at 500 jobs and
    5,000 operations the objects were a third of the proposal's time."""
    query = (select(Job.id, Job.number, Job.title, Customer.name, Job.status, Job.priority, Job.due_date,
                    Job.pinned_start, Job.job_order_id, Job.quantity)
             .join(Customer, Customer.id == Job.customer_id))
    query = query.where(Job.id.in_(list(job_ids))) if job_ids is not None else query.where(
        Job.status.in_(SCHEDULED_JOB_STATUSES))
    found = s.execute(query.order_by(Job.id)).all()
    infos = {row.id: JobInfo(*row[:9]) for row in found}
    quantities = {row.id: row.quantity for row in found}
    ids = list(infos)
    if not ids:
        return [], infos, {}
    ops = s.execute(select(Operation.id, Operation.job_id, Operation.sequence, Operation.op_number, Operation.name,
                           Operation.workstation_id, Operation.setup_minutes, Operation.run_minutes,
                           Operation.status, Operation.subassembly_id, Operation.supplier_id, Operation.days_away,
                           Workstation.code)
                    .join(Workstation, Workstation.id == Operation.workstation_id)
                    .where(Operation.job_id.in_(ids), Operation.status.in_(_OPEN_OPERATION_STATUSES))
                    .order_by(Operation.job_id, Operation.sequence)).all()
    booked = _booked_minutes(s, ids)
    effective = _effective_quantities(s, list({op.job_id for op in ops if op.subassembly_id}), quantities)
    sent = _sent_days(s, [op.id for op in ops if op.supplier_id is not None])
    per_job: dict[int, list[OperationInput]] = {job_id: [] for job_id in ids}
    op_infos: dict[int, OperationInfo] = {}
    for op in ops:
        outside = op.supplier_id is not None
        if outside:
            remaining = Decimal(0)
        else:
            units = planning.operation_quantity(op.subassembly_id, effective.get(op.job_id, {}), quantities[op.job_id])
            remaining = max(planning.planned_minutes(op.setup_minutes, op.run_minutes, units)
                            - booked.get(op.id, Decimal(0)), Decimal(0))
        per_job[op.job_id].append(OperationInput(
            op.id, op.sequence, op.workstation_id, remaining, OperationStatus(op.status),
            outside_days=(op.days_away or 0) if outside else None, started_on=sent.get(op.id)))
        op_infos[op.id] = OperationInfo(op.id, op.job_id, op.op_number, op.name, op.workstation_id, op.code,
                                        remaining, outside)
    inputs = [JobInput(job.id, job.number, job.due, Priority(job.priority), tuple(per_job[job.id]),
                       job.pinned_start) for job in infos.values()]
    return inputs, infos, op_infos


def start_moment(calendar: ShopCalendar, now: dt.datetime) -> tuple[dt.date, int]:
    """Where a schedule made at ``now`` (shop-local) starts: minutes into today's working day,
    0 before it opens, the whole day once it has closed."""
    opens = dt.datetime.combine(now.date(), calendar.day_start)
    minute = int((now - opens).total_seconds() // 60)
    return now.date(), min(max(minute, 0), calendar.day_minutes)


# --- the proposal ------------------------------------------------------------------------------


def propose_in_session(s: Session, *, now: dt.datetime | None = None,
                       extra: Sequence[JobInput] = (), replace: dict[int, JobInput] | None = None) -> ScheduleView:
    """The schedule the shop's open work makes from ``now`` (shop-local; default: the clock).
    ``extra`` adds what-if jobs (a quote's hours: a negative id); ``replace`` swaps a job's input
    (a priority or pin being tried) without saving anything."""
    now = now or dt.datetime.now()
    calendar = shop_calendar_in_session(s)
    stations, ws_infos = workstation_inputs_in_session(s)
    inputs, job_infos, op_infos = open_work_in_session(s)
    if replace:
        inputs = [replace.get(job.id, job) for job in inputs]
    inputs = [*inputs, *extra]
    day, minute = start_moment(calendar, now)
    # A pin before today (the owner pinned it last week) no longer holds the job back.
    inputs = [job if job.pinned_start is None or job.pinned_start >= day else _unpinned(job) for job in inputs]
    plan = schedule(calendar, stations, inputs, day, minute)
    return ScheduleView(plan, calendar, day, minute, tuple(stations), ws_infos, job_infos, op_infos, tuple(inputs))


def _unpinned(job: JobInput) -> JobInput:
    return JobInput(job.id, job.number, job.due, job.priority, job.operations, None)


def propose(db: Database, *, now: dt.datetime | None = None, extra: Sequence[JobInput] = (),
            replace: dict[int, JobInput] | None = None) -> ScheduleView:
    now = now or db.now().astimezone().replace(tzinfo=None)  # the shop's wall clock
    with db.reader() as s:
        return propose_in_session(s, now=now, extra=extra, replace=replace)


@writes(Change.PLANNING | Change.JOBS)
def apply_schedule(db: Database, view: ScheduleView) -> int:
    """Keep the proposal: each scheduled operation's start and end, each job's planned finish.
    Returns how many operations were given times."""
    with db.session() as s:
        # One UPDATE per table (executemany by primary key), not a load and a flush per row: 5,000
        # operations took 3.8 s one by one. Rows deleted since the proposal was made are left out.
        # Both through the table, not the versioned mappers: a planned finish and planned times are the
        # schedule's, not an edit of the job or the operation (no form shows them), so they neither need
        # the record's version nor raise it: a form open on either saves without a question, and on a
        # server a terminal clocking on mid-apply does not find an operation's version gone. The jobs
        # first, then the operations, each in id order: the order clocking holds them in, so the two
        # never each wait on what the other holds.
        job_ids = [job_plan.job_id for job_plan in view.plan.jobs]
        jobs = set(s.scalars(select(Job.id).where(Job.id.in_(job_ids)))) if job_ids else set()
        finishes = sorted(({"job_id": plan.job_id, "finish": plan.finish} for plan in view.plan.jobs
                           if plan.job_id in jobs), key=lambda row: row["job_id"])
        if finishes:
            table = Job.__table__
            s.execute(update(table).where(table.c.id == bindparam("job_id"))
                      .values(planned_finish=bindparam("finish")), finishes)
        op_ids = [scheduled.operation_id for scheduled in view.plan.operations]
        existing = set(s.scalars(select(Operation.id).where(Operation.id.in_(op_ids)))) if op_ids else set()
        rows = sorted(({"op_id": scheduled.operation_id, "start": scheduled.start.at(view.calendar),
                        "end": scheduled.end.at(view.calendar)}
                       for scheduled in view.plan.operations if scheduled.operation_id in existing),
                      key=lambda row: row["op_id"])
        if rows:
            table = Operation.__table__
            s.execute(update(table).where(table.c.id == bindparam("op_id"))
                      .values(planned_start=bindparam("start"), planned_end=bindparam("end")), rows)
        return len(rows)


@writes(Change.PLANNING | Change.JOBS)
def pin_job(db: Database, job_id: int, day: dt.date | None, *, today: dt.date | None = None) -> None:
    """Hold the job's work until ``day`` (dragging its bar); None lets it start as soon as it can."""
    today = today or db.today()
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        if day is not None and day < today:
            raise ValidationError("pinned_start", f"{job.number} cannot be pinned to start on "
                                                  f"{day.isoformat()}, before today; choose today or later.")
        job.pinned_start = day


@writes(Change.PLANNING | Change.JOBS)
def set_priority(db: Database, job_id: int, priority: str) -> None:
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        try:
            job.priority = Priority(priority).value
        except ValueError:
            raise ValidationError("priority", "Choose a priority: low, normal, high or urgent.") from None


__all__ = [
    "JobInfo", "OperationInfo", "ScheduleView", "WorkstationInfo", "SCHEDULED_JOB_STATUSES", "apply_schedule",
    "open_work_in_session", "pin_job", "propose", "propose_in_session", "set_priority", "shop_calendar_in_session",
    "start_moment", "workstation_inputs_in_session",
]
