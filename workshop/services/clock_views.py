"""Clock-ons as the floor sees them: who, on what, since when, and how the time stands against the
plan. Shared by clocking, the board and the day's review (inside their unit of work); a handful of
indexed queries per call, whatever the size of the shop's history."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.models import BomItem, ClockOn, Job, Operation, Operator, TimeLog
from ..domain import planning
from ..domain.clocking import elapsed_minutes, span_minutes
from ..domain.locale_text import DEFAULT_LOCALE, format_clock, format_date_time
from .floor_types import ClockOnView



def local_clock(moment: dt.datetime, now: dt.datetime, locale: str = DEFAULT_LOCALE) -> str:
    """When, as the bench says it, in the shop's locale and this PC's time: ``08:02`` today,
    ``yesterday 16:00``, else ``30 Nov 2026 16:00``."""
    local = moment.astimezone()
    days = (now.astimezone().date() - local.date()).days
    if days == 0:
        return format_clock(local, locale)
    if days == 1:
        return f"yesterday {format_clock(local, locale)}"
    return format_date_time(local, locale)


def planned_minutes_of(s: Session, op: Operation, job: Job) -> Decimal:
    """The operation's planned time: setup + run × the units it runs on (its sub-assembly's, if any)."""
    effective: dict[int, Decimal] = {}
    if op.subassembly_id is not None:
        items = s.scalars(select(BomItem).where(BomItem.job_id == job.id))
        effective = planning.effective_quantities(
            [planning.BomNodeInput(i.id, i.parent_id, i.quantity, i.unit_cost, i.is_assembly) for i in items],
            job.quantity)
    units = planning.operation_quantity(op.subassembly_id, effective, job.quantity)
    return planning.planned_minutes(op.setup_minutes, op.run_minutes, units)


def open_clock_ons(s: Session, *, operator_id: int | None = None, operation_id: int | None = None) -> list[ClockOn]:
    """Clock-ons not yet clocked off, oldest first. Only the ended_at index is used: the open ones
    are a few, while an operator's or an operation's past clock-ons run to thousands (given both
    conditions, SQLite would pick the operator's index and read them all)."""
    found = s.scalars(select(ClockOn).where(ClockOn.ended_at.is_(None)).order_by(ClockOn.started_at, ClockOn.id))
    return [c for c in found if (operator_id is None or c.operator_id == operator_id)
            and (operation_id is None or c.operation_id == operation_id)]


def _open_minutes(c: ClockOn, now: dt.datetime) -> Decimal:
    if c.ended_at is not None or c.segment_started_at is None or now <= c.segment_started_at:
        return Decimal(0)
    return span_minutes(c.segment_started_at, now)


def clock_on_views(s: Session, clock_ons: list[ClockOn], now: dt.datetime) -> list[ClockOnView]:
    """Views of ``clock_ons``, in the order given. Labour on an operation is everyone's booked
    minutes (corrections netted) plus the open segments up to ``now``; elapsed is the same time
    with overlaps merged (untimed bookings, which cannot be placed, are added as they are)."""
    if not clock_ons:
        return []
    op_ids = {c.operation_id for c in clock_ons}
    ops = {o.id: o for o in s.scalars(select(Operation).where(Operation.id.in_(op_ids))
                                      .options(selectinload(Operation.workstation)))}
    logs = s.execute(select(TimeLog.id, TimeLog.operation_id, TimeLog.clock_on_id, TimeLog.reverses_id,
                            TimeLog.started_at, TimeLog.ended_at, TimeLog.labour_minutes)
                     .where(TimeLog.operation_id.in_(op_ids))).all()
    running = [c for c in s.scalars(select(ClockOn).where(ClockOn.ended_at.is_(None),
                                                          ClockOn.operation_id.in_(op_ids)))]
    reversed_ids = {log.reverses_id for log in logs if log.reverses_id is not None}
    labour: dict[int, Decimal] = defaultdict(Decimal)
    untimed: dict[int, Decimal] = defaultdict(Decimal)
    spans: dict[int, list] = defaultdict(list)
    by_clock_on: dict[int, Decimal] = defaultdict(Decimal)
    for log in logs:
        labour[log.operation_id] += log.labour_minutes
        if log.clock_on_id is not None:
            by_clock_on[log.clock_on_id] += log.labour_minutes
        if log.reverses_id is not None or log.id in reversed_ids:
            continue  # a reversed entry and its correction cover no time
        if log.started_at is not None and log.ended_at is not None:
            spans[log.operation_id].append((log.started_at, log.ended_at))
        else:
            untimed[log.operation_id] += log.labour_minutes
    for c in running:
        if c.segment_started_at is not None and now > c.segment_started_at:
            labour[c.operation_id] += _open_minutes(c, now)
            spans[c.operation_id].append((c.segment_started_at, now))
    planned: dict[int, Decimal] = {}
    views = []
    for c in clock_ons:
        op = ops[c.operation_id]
        job = s.get(Job, op.job_id)
        operator = s.get(Operator, c.operator_id)
        if op.id not in planned:
            planned[op.id] = planned_minutes_of(s, op, job)
        views.append(ClockOnView(
            id=c.id, job_id=job.id, job_number=job.number, job_title=job.title, operation_id=op.id,
            op_number=op.op_number, operation_name=op.name, workstation_code=op.workstation.code,
            operator_id=operator.id, operator_name=operator.name, started_at=c.started_at,
            segment_started_at=c.segment_started_at, ended_at=c.ended_at, finished=c.finished,
            worked_minutes=by_clock_on[c.id] + _open_minutes(c, now), planned_minutes=planned[op.id],
            operation_labour_minutes=labour[op.id],
            operation_elapsed_minutes=elapsed_minutes(spans[op.id]) + untimed[op.id],
        ))
    return views


def clock_on_view(s: Session, clock_on: ClockOn, now: dt.datetime) -> ClockOnView:
    return clock_on_views(s, [clock_on], now)[0]
