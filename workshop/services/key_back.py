"""Keying back a paper traveler: the time written on the card, one operation at a time
(CONTRACT, filled in by the services piece).

- ``key_back_sheet(db, job_id) -> KeyBackSheet``: the job and each of its operations, in order,
  with what is already booked (never the planned times as values to save).
- ``key_back(db, operation_id, *, operator_id, day: date, time="", start="", finish="",
  quantity_done="", finished=False) -> TimeLogView``: ``time`` as the bench writes it (``80``,
  ``1h20``, ``1:20``) or ``start``/``finish`` as clock times on ``day`` (``7:30``, ``0730``,
  ``15.10``). Refused with a clear message, nothing saved: no time given, negative or zero
  minutes, a finish before the start, both time and start/finish disagreeing, an unknown
  operator, a job not open for booking. Source "key_back". ``finished`` marks the operation done
  and the next one ready, as a scan would.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..db.models import Job, Operation, Operator, TimeLog
from ..domain import validation as v
from ..domain.bench_time import moment_on
from ..domain.changes import Change, writes
from ..domain.clocking import duration_text, span_minutes
from ..domain.errors import ValidationError
from ..domain.statuses import (BOOKABLE_JOB_STATUSES, FINISHED_OPERATION_STATUSES, JobStatus, OperationStatus,
                               not_yet)
from .booking_views import TimeLogView
from .bookings import book_time_in_session, time_log_view
from .clock_views import planned_minutes_of
from .common import get_or_fail, shop_locale
from .floor_progress import finish_operation, start_work


@dataclass(frozen=True)
class KeyBackRow:
    operation_id: int
    op_number: int
    name: str
    workstation_code: str
    status: str
    operator_id: int | None  # the operation's assigned operator: the default to offer
    planned_minutes: Decimal  # shown for reference only
    booked_minutes: Decimal  # labour time already booked (corrections netted)
    quantity_done: Decimal  # sum of quantities reported done


@dataclass(frozen=True)
class KeyBackSheet:
    job_id: int
    job_number: str
    job_title: str
    job_quantity: int
    can_book: bool  # the job is open for booking
    why_not: str  # when it is not: the reason, to show
    rows: tuple[KeyBackRow, ...]


KEY_BACK_REASON = "Time keyed back from the traveler"


def key_back_sheet(db: Database, job_id: int) -> KeyBackSheet:
    """The job's operations done in the shop, in order, with what is already booked on each."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        # work done outside is signed off on the card, never keyed back as hours
        ops = list(s.scalars(select(Operation).where(Operation.job_id == job.id, Operation.supplier_id.is_(None))
                             .options(selectinload(Operation.workstation))
                             .order_by(Operation.sequence, Operation.id)))
        booked = {op_id: (minutes, done) for op_id, minutes, done in s.execute(
            select(TimeLog.operation_id, func.sum(TimeLog.labour_minutes), func.sum(TimeLog.quantity_done))
            .where(TimeLog.job_id == job.id).group_by(TimeLog.operation_id))}
        rows = tuple(KeyBackRow(op.id, op.op_number, op.name, op.workstation.code, op.status, op.operator_id,
                                planned_minutes_of(s, op, job), *_booked(booked.get(op.id))) for op in ops)
        status = JobStatus(job.status)
        can_book = status in BOOKABLE_JOB_STATUSES
        why_not = "" if can_book else not_yet(job.number, status, _WHY_NOT.get(status, "Nothing more is booked to it."))
        return KeyBackSheet(job.id, job.number, job.title, job.quantity, can_book, why_not, rows)


_WHY_NOT = {JobStatus.PLANNED: "Release it to the shop first."}


def _booked(sums) -> tuple[Decimal, Decimal]:
    minutes, done = sums if sums else (None, None)
    return Decimal(minutes or 0), Decimal(done or 0)


def _clock(field: str, text: str, day: dt.date) -> dt.datetime | None:
    if not str(text or "").strip():
        return None
    try:
        return moment_on(day, str(text))
    except ValueError as exc:
        raise ValidationError(field, str(exc)) from None


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def key_back(db: Database, operation_id: int, *, operator_id, day: dt.date, time="", start="", finish="",
             quantity_done="", finished: bool = False) -> TimeLogView:
    """Book the time written on the traveler for one operation (see the module)."""
    locale = shop_locale(db)
    day = v.date("day", day, locale=locale)
    if day > db.today():
        raise ValidationError("day", "That day has not come yet: give the day the work was done.")
    started, ended = _clock("start", start, day), _clock("finish", finish, day)
    if (started is None) != (ended is None):
        missing = "finish" if ended is None else "start"
        raise ValidationError(missing, f"Give the {missing} too, or only the time worked.")
    minutes = v.minutes("time", time, required=False, allow_zero=False, locale=locale)
    if started is not None:
        if ended <= started:
            raise ValidationError("finish", f"The finish ({ended:%H:%M}) must be after the start ({started:%H:%M}).")
        span = span_minutes(started, ended)
        if minutes is not None and minutes > span:
            raise ValidationError("time", f"{duration_text(minutes)} does not fit between {started:%H:%M} and "
                                          f"{ended:%H:%M} ({duration_text(span)}).")
    elif minutes is None:
        raise ValidationError("time", "Give the time worked (80, 1h20) or the start and finish.")
    with db.session() as s:
        op = get_or_fail(s, Operation, operation_id, "operation", "operation")
        if operator_id in (None, ""):
            raise ValidationError("operator_id", "Choose who did the work.")
        get_or_fail(s, Operator, operator_id, "operator_id", "operator")
        log = book_time_in_session(s, db, op.id, operator_id, minutes=minutes, started_at=started, ended_at=ended,
                                   source="key_back", quantity_done=quantity_done)
        if OperationStatus(op.status) not in FINISHED_OPERATION_STATUSES:  # late paperwork reopens nothing
            start_work(s, db, op, KEY_BACK_REASON)
            if finished:
                finish_operation(s, op)
        s.flush()
        return time_log_view(log)


__all__ = ["KeyBackRow", "KeyBackSheet", "key_back_sheet", "key_back", "KEY_BACK_REASON"]
