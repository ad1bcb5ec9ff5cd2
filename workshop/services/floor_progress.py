"""Progress follows the work at the bench: the first time on an operation sets it running and a
released job in progress; "finished" marks it done and the next one ready; the last person to
stop leaves it paused. Inside the caller's unit of work; the moves are the domain's
(``check_operation_move``, the jobs' "start" action with its history row)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ClockOn, Job, Operation
from ..domain.statuses import FINISHED_OPERATION_STATUSES, OperationStatus, can, check_operation_move
from .jobs import change_status_in_session


@dataclass(frozen=True)
class Finish:
    """What marking an operation finished changed, to take it back."""
    operation_status: str  # before
    next_operation_id: int | None = None
    next_operation_status: str | None = None  # before it was made ready


def start_work(s: Session, db: Database, op: Operation, reason: str) -> None:
    """Work begins (or resumes) on ``op``: it runs, and a released job is in progress."""
    if op.status != OperationStatus.RUNNING.value:
        op.status = check_operation_move(op.op_number, op.status, OperationStatus.RUNNING).value
    job = s.get(Job, op.job_id)
    if can("start", job.status):
        change_status_in_session(s, db, job, "start", reason)


def finish_operation(s: Session, op: Operation) -> Finish:
    """``op`` is done; the next operation not finished (by sequence) is made ready if pending."""
    before = op.status
    op.status = check_operation_move(op.op_number, op.status, OperationStatus.DONE).value
    following = s.scalars(select(Operation).where(Operation.job_id == op.job_id, Operation.sequence > op.sequence,
                                                  Operation.status.not_in(sorted(FINISHED_OPERATION_STATUSES)))
                          .order_by(Operation.sequence, Operation.id).limit(1)).first()
    if following is None or following.status != OperationStatus.PENDING.value:
        return Finish(before)
    following.status = check_operation_move(following.op_number, following.status, OperationStatus.READY).value
    return Finish(before, following.id, OperationStatus.PENDING.value)


def someone_running(s: Session, operation_id: int, *, besides: int | None = None) -> bool:
    """Whether anyone (besides clock-on ``besides``) has a segment open on the operation."""
    q = select(ClockOn.id).where(ClockOn.ended_at.is_(None), ClockOn.operation_id == operation_id,
                                 ClockOn.segment_started_at.is_not(None))
    if besides is not None:
        q = q.where(ClockOn.id != besides)
    return s.scalar(q.limit(1)) is not None


def settle_after_stop(s: Session, op: Operation, clock_on_id: int) -> None:
    """After a pause or an unfinished clock-off: with nobody else working on it, a running
    operation is paused."""
    if op.status == OperationStatus.RUNNING.value and not someone_running(s, op.id, besides=clock_on_id):
        op.status = check_operation_move(op.op_number, op.status, OperationStatus.PAUSED).value


def put_back(s: Session, op: Operation, status: str | None) -> None:
    """An undo: the operation's status as it was before the scan (no transition rule applies to
    taking back one's own mistake, made a second ago)."""
    if status is not None:
        op.status = OperationStatus(status).value


def restore_finish(s: Session, op: Operation, finish_status: str | None, next_id: int | None,
                   next_status: str | None) -> None:
    put_back(s, op, finish_status)
    if next_id is not None:
        following = s.get(Operation, next_id)
        if following is not None and following.status == OperationStatus.READY.value:
            put_back(s, following, next_status)


__all__ = ["Finish", "start_work", "finish_operation", "someone_running", "settle_after_stop", "put_back",
           "restore_finish"]
