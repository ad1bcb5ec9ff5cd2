"""Taking back what a scan at the bench did (``undo``, with the token the scan returned): a clock-on,
a pause, a resume, a clock-off or a forgotten clock-off's stop time. Only the last thing done on a
clock-on can be taken back, once; a booked segment is reversed by a correction entry, never deleted.
It holds rows in the floor's order (``floor_holds``); ``clocking`` makes the scans and offers ``undo``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ClockOn, Job, Operation, Operator, TimeLog
from ..db.row_locks import serialised_by_file
from ..domain.changes import Change, writes
from ..domain.clocking import where_text
from ..domain.errors import ValidationError
from ..domain.statuses import OperationStatus
from .booking_corrections import reverse_time_log_in_session
from .common import get_or_fail
from .floor_holds import given_now, hold_work
from .floor_progress import put_back, restore_finish, settle_after_stop
from .floor_types import UndoToken


_ALREADY = "That scan has already been undone."
_MOVED_ON = "Only the last scan can be undone: more has happened on this clock-on since."


def _refuse_undo(already: bool) -> None:
    raise ValidationError("undo", _ALREADY if already else _MOVED_ON)


def _is_reversed(s: Session, log_id: int) -> bool:
    return s.scalar(select(TimeLog.id).where(TimeLog.reverses_id == log_id)) is not None


def last_log_id(s: Session, clock_on_id: int) -> int | None:
    """The clock-on's last segment booked (not a correction). Read by the clock-on's index: a
    condition on reverses_id would make SQLite walk every uncorrected log in the shop."""
    return next((log_id for log_id, reverses in s.execute(
        select(TimeLog.id, TimeLog.reverses_id).where(TimeLog.clock_on_id == clock_on_id)
        .order_by(TimeLog.id.desc())) if reverses is None), None)


def _take_back_log(s: Session, db: Database, token: UndoToken, reason: str) -> None:
    """The segment a pause or clock-off booked, reversed with a correction entry; it must be the
    clock-on's last log, not yet reversed."""
    if token.time_log_id is None:
        return
    if _is_reversed(s, token.time_log_id):
        _refuse_undo(True)
    if last_log_id(s, token.clock_on_id) != token.time_log_id:
        _refuse_undo(False)
    reverse_time_log_in_session(s, db, s.get(TimeLog, token.time_log_id), reason)


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def undo(db: Database, token: UndoToken, *, now: dt.datetime | None = None) -> str:
    """Take back what the scan that gave ``token`` did; says what was undone. A booked segment is
    reversed by a correction entry with the reason, never deleted. Refused twice, or once more has
    happened on the clock-on since."""
    with db.session() as s:
        now = given_now(db, now)
        c = get_or_fail(s, ClockOn, token.clock_on_id, "undo", "clock-on")
        if not serialised_by_file(s):
            hold_work(s, c.operator_id, c.job_id)
            s.refresh(c)
        op = s.get(Operation, c.operation_id)
        who = f"{s.get(Operator, c.operator_id).name}'s"
        where = where_text(s.get(Job, c.job_id).number, op.op_number)
        if token.action == "clock_on":
            if c.ended_by == "undone":
                _refuse_undo(True)
            if c.ended_at is not None or c.segment_started_at != c.started_at or last_log_id(s, c.id):
                _refuse_undo(False)
            c.ended_at, c.segment_started_at, c.ended_by = c.started_at, None, "undone"
            s.flush()
            others = s.scalar(select(ClockOn.id).where(ClockOn.operation_id == op.id, ClockOn.ended_by != "undone")
                              .limit(1))
            logged = s.scalar(select(TimeLog.id).where(TimeLog.operation_id == op.id).limit(1))
            if others is None and logged is None:  # nothing else worked on it: as it was
                put_back(s, op, token.operation_status)
            return f"Undone: {who} clock-on to {where}"
        if token.action == "pause":
            if c.ended_at is not None or c.segment_started_at is not None:
                _refuse_undo(False)
            _take_back_log(s, db, token, "Pause scanned by mistake")
            c.segment_started_at = token.segment_started_at
            put_back(s, op, OperationStatus.RUNNING.value)
            return f"Undone: {who} pause on {where}"
        if token.action == "resume":
            if c.ended_at is None and c.segment_started_at is None:
                _refuse_undo(True)
            if c.ended_at is not None or c.segment_started_at != token.segment_started_at:
                _refuse_undo(False)
            c.segment_started_at = None
            s.flush()
            settle_after_stop(s, op, c.id)
            return f"Undone: {who} resume of {where}"
        if token.action in ("clock_off", "forgotten"):
            if c.ended_at is None:
                _refuse_undo(True)
            if c.ended_by != ("scan" if token.action == "clock_off" else "estimate"):
                _refuse_undo(False)
            reason = "Clock-off scanned by mistake" if token.action == "clock_off" else "Stop time given by mistake"
            _take_back_log(s, db, token, reason)
            c.ended_at, c.finished, c.ended_by, c.segment_started_at = None, False, "", token.segment_started_at
            restore_finish(s, op, token.operation_status, token.next_operation_id, token.next_operation_status)
            return f"Undone: {who} clock-off from {where}"
        raise ValidationError("undo", f"“{token.action}” is not a scan that can be undone.")


__all__ = ["undo", "last_log_id"]
