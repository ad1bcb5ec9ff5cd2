"""Clocking on and off at the bench: a badge, then an operation's code.

CONTRACT (filled in by the services piece). Every function takes ``now`` from ``db.now()``
unless given (tests pass their own). Each writing function is one unit of work and declares
what it changes with ``@writes``.

- ``scan(db, text, operator_id)``: read a scanned text (``domain.scan_codes.read_scan``) and act:
  a badge selects the operator (and lists their forgotten clock-offs); an operation with no
  open clock-on of this operator clocks on; a paused one resumes; a running one answers
  ``ask_finish`` and writes nothing (the terminal then asks "finished?" and calls ``clock_off``
  or ``pause``); the scanner check card's code says how the scanner reads. Refusals raise
  ``ValidationError("scan", message)``: unknown, malformed, finished or cancelled job, job not
  yet released, no badge scanned first, a conflicting clock-on (one operator on one operation
  at a time unless settings allow several), an inactive operator.
- ``pause``/``resume``/``clock_off``: each closed segment becomes a TimeLog (source "scan",
  clock_on_id set, rates frozen now); clock_off's ``quantity_done`` goes on that last log.
- ``close_forgotten``: an open segment someone forgot to close ends at ``stopped_at`` given
  afterwards; its log is source "estimate", estimated=True.
- ``undo(db, token)``: takes back what the scan that returned ``token`` did.

This module keeps clocking on and off: what ``scan`` does with an operation (clock on, resume, or
ask "finished?"), ``pause``, ``resume``, ``clock_off``, ``close_forgotten`` and the terminal's
``rehearse``. What a scanned code means (a badge's operator, a code's operation, the check card)
is found by ``scan_resolution``; ``undo`` is made in ``clock_undo``; the order in which every unit
of work of the floor holds rows, and when it reads the time (two terminals at once), is
``floor_holds``'s.

This module is the contract's public face: ``undo`` and ``floor_operator`` are imported from here, as
are the frozen data (``ClockOnView``, ``ScanOutcome`` …), defined in ``floor_types`` (the views are
built by ``clock_views``, which the board and the day's review share).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ClockOn, Job, Operation, Operator, TimeLog
from ..db.row_locks import serialised_by_file
from ..domain import scan_codes
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.clocking import duration_text, is_forgotten, where_text
from ..domain.errors import ValidationError
from ..domain.statuses import (BOOKABLE_JOB_STATUSES, FINISHED_OPERATION_STATUSES, JobStatus, OperationStatus,
                               not_yet)
from .bookings import book_time_in_session
from .clock_undo import last_log_id, undo
from .clock_views import clock_on_view, clock_on_views, local_clock, open_clock_ons
from .common import session_locale, settings_row
from .floor_holds import given_now, held_clock_on, hold_work
from .floor_progress import finish_operation, settle_after_stop, start_work
from .floor_types import ClockOnView, ClockResult, FloorOperator, ScanOutcome, UndoToken
from .scan_resolution import (active_operator, badge_outcome, check_outcome, floor_operator, resolve_operation,
                              where_of)

#: A job takes new clock-ons while its work is under way: booking rules (``BOOKABLE``) less a
#: complete job (late paperwork is keyed back, not clocked) and one on hold (work stopped).
CLOCKABLE_JOB_STATUSES = BOOKABLE_JOB_STATUSES - {JobStatus.COMPLETE, JobStatus.ON_HOLD}
_WAITS = {JobStatus.PLANNED: "Release it to the shop first.",
          JobStatus.ON_HOLD: "Resume it in the office before clocking on."}
CLOCK_ON_REASON = "Clocked on at the terminal"


class ForgottenClockOff(ValidationError):
    """The operator left a clock-on running from an earlier day (or over 12 hours): the terminal
    asks when they stopped (``close_forgotten``) before anything else is booked."""

    def __init__(self, clock_ons: tuple[ClockOnView, ...], now: dt.datetime, locale: str) -> None:
        self.clock_ons = clock_ons
        first = clock_ons[0]
        super().__init__("scan", f"{first.operator_name} is still clocked on to "
                                 f"{where_text(first.job_number, first.op_number, first.operation_name)} since "
                                 f"{local_clock(first.segment_started_at, now, locale)}: say when you stopped first.")


def _check_job_takes_work(job: Job) -> None:
    status = JobStatus(job.status)
    if status in CLOCKABLE_JOB_STATUSES:
        return
    waits = _WAITS.get(status, "Nothing more is booked to it.")
    raise ValidationError("scan", not_yet(job.number, status, waits))


def _check_operation_open(op: Operation, job: Job) -> None:
    if op.supplier_id is not None:  # its time is the supplier's; its cost comes from the order
        raise ValidationError("scan", f"{where_text(job.number, op.op_number, op.name)} is done outside by "
                                      f"{op.supplier.name}: it is not clocked at the bench. Sign its dispatch "
                                      "and return on the job card.")
    if OperationStatus(op.status) in FINISHED_OPERATION_STATUSES:
        raise ValidationError("scan", f"{where_text(job.number, op.op_number, op.name)} is "
                                      f"{OperationStatus(op.status).label.lower()} already: a scan does not reopen "
                                      "it (ask the office if more work is needed).")


def _check_forgotten(s: Session, operator_id: int, now: dt.datetime) -> None:
    forgotten = [c for c in open_clock_ons(s, operator_id=operator_id) if is_forgotten(c.segment_started_at, now)]
    if forgotten:
        raise ForgottenClockOff(tuple(clock_on_views(s, forgotten, now)), now, session_locale(s))


def _check_one_at_a_time(s: Session, operator: Operator, operation_id: int, now: dt.datetime) -> None:
    """Unless the shop allows several, an operator runs one clock-on at a time (a paused one
    elsewhere does not count)."""
    if settings_row(s).several_clock_ons:
        return
    for c in open_clock_ons(s, operator_id=operator.id):
        if c.segment_started_at is not None and c.operation_id != operation_id:
            other = clock_on_view(s, c, now)
            raise ValidationError("scan", f"{operator.name} is clocked on to "
                                          f"{where_text(other.job_number, other.op_number, other.operation_name)} "
                                          f"since {local_clock(c.segment_started_at, now, session_locale(s))}: "
                                          "clock off there first.")


def _detail(view: ClockOnView) -> str:
    """``Planned 2 h 30 min; 45 min booked so far`` (everyone's time on the operation)."""
    return (f"Planned {duration_text(view.planned_minutes)}; "
            f"{duration_text(view.operation_labour_minutes)} booked so far")


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def scan(db: Database, text: str, operator_id: int | None = None, *, now: dt.datetime | None = None) -> ScanOutcome:
    """Act on a scanned ``text`` for the operator whose badge was scanned last (see the module)."""
    readings = scan_codes.read_scan(text)  # UnreadableCode passes through
    given = given_now(db, now) if now is not None else None
    with db.session() as s:
        return _scan_in_session(s, db, readings, operator_id, given)


def _scan_in_session(s: Session, db: Database, readings: list[scan_codes.Reading], operator_id: int | None,
                     now: dt.datetime | None) -> ScanOutcome:
    """``now`` None: the database's clock, read once the operator and the job are held (a scan that
    waited for another terminal's is made when its turn came, after that one's)."""
    first = readings[0]
    if isinstance(first.target, scan_codes.CheckScan):
        return check_outcome(first)
    badge = next((r for r in readings if isinstance(r.target, scan_codes.BadgeScan)), None)
    if isinstance(first.target, scan_codes.BadgeScan):
        return badge_outcome(s, first, now or db.now())
    try:
        op, layout = resolve_operation(s, readings)
    except ValidationError:
        if badge is None:
            raise
        return badge_outcome(s, badge, now or db.now())  # a layout's reading of it is a badge after all
    if operator_id in (None, ""):
        raise ValidationError("scan", "Scan your badge first, then the operation.")
    if not serialised_by_file(s):
        hold_work(s, operator_id, op.job_id)
        s.refresh(op)
    now = now or db.now()
    operator = active_operator(s, operator_id)
    _check_forgotten(s, operator.id, now)
    job = s.get(Job, op.job_id)
    mine = open_clock_ons(s, operator_id=operator.id, operation_id=op.id)
    if mine and mine[0].segment_started_at is not None:
        view = clock_on_view(s, mine[0], now)
        return ScanOutcome("ask_finish", f"{operator.name} on {where_of(view)}: finished?",
                           f"{_detail(view)}; {duration_text(view.worked_minutes)} by {operator.name}",
                           floor_operator(operator), view, layout=layout)
    if mine:
        result = _resume_in_session(s, db, mine[0], now)
        return ScanOutcome("resume", result.message, _detail(result.clock_on), floor_operator(operator),
                           result.clock_on, undo=result.undo, layout=layout)
    _check_job_takes_work(job)
    _check_operation_open(op, job)
    _check_one_at_a_time(s, operator, op.id, now)
    before = op.status
    clock_on = ClockOn(job_id=job.id, operation_id=op.id, operator_id=operator.id, started_at=now,
                       segment_started_at=now, finished=False, ended_by="")
    s.add(clock_on)
    start_work(s, db, op, CLOCK_ON_REASON)
    s.flush()
    view = clock_on_view(s, clock_on, now)
    return ScanOutcome("clock_on", f"{operator.name}: clocked on to {where_of(view)}", _detail(view),
                       floor_operator(operator), view, undo=UndoToken("clock_on", clock_on.id,
                                                                      operation_status=before),
                       layout=layout)


class _Rehearsed(Exception):
    """Ends a rehearsal: raised inside its unit of work, so everything it did is rolled back."""


def rehearse(db: Database) -> bool:
    """Walk a badge, a clock-on, the "finished?" question and a clock-off through once, in one unit of
    work that is then rolled back: nothing is saved. The terminal does it when it opens, so that the
    first scan of the day answers as quickly as the rest: run cold, a clock-on took ~60 ms, most of it
    SQLAlchemy compiling each statement the first time it runs (~30 ms) and loading the locale's data;
    warm, ~15 ms. Picks an active operator with nothing open and a step waiting on a job on the floor;
    False when there is none (or a rule refused a step: whatever ran before it was still warmed)."""
    if db.read_only:
        return False
    try:
        with db.session() as s:
            now = db.now()
            open_operators = select(ClockOn.operator_id).where(ClockOn.ended_at.is_(None))
            operator = s.scalar(select(Operator.id).where(Operator.active.is_(True),
                                                          Operator.id.not_in(open_operators))
                                .order_by(Operator.id).limit(1))
            step = s.execute(select(Job.number, Operation.op_number).join(Operation, Operation.job_id == Job.id)
                             .where(Job.status.in_(sorted(st.value for st in CLOCKABLE_JOB_STATUSES)),
                                    Operation.status.not_in(sorted(st.value for st in FINISHED_OPERATION_STATUSES)),
                                    Operation.supplier_id.is_(None))
                             .order_by(Job.id.desc(), Operation.sequence).limit(1)).first()
            if operator is None or step is None:
                return False
            _scan_in_session(s, db, scan_codes.read_scan(scan_codes.badge_code(operator)), None, now)
            code = scan_codes.read_scan(scan_codes.operation_code(*step))
            on = _scan_in_session(s, db, code, operator, now)
            _scan_in_session(s, db, code, operator, now + dt.timedelta(minutes=2))
            c = s.get(ClockOn, on.clock_on.id)
            _end(s, db, c, now + dt.timedelta(minutes=3), finished=False, quantity_done=None, source="scan")
            clock_on_view(s, c, now + dt.timedelta(minutes=3))
            raise _Rehearsed
    except _Rehearsed:
        return True
    except ValidationError:
        return False


def _open_clock_on(s: Session, clock_on_id) -> ClockOn:
    """The clock-on, not yet clocked off, its operator and job held (``held_clock_on``)."""
    c = held_clock_on(s, clock_on_id)
    if c.ended_at is not None:
        raise ValidationError("clock_on", "That clock-on has already been clocked off.")
    return c


def close_segment(s: Session, db: Database, c: ClockOn, end: dt.datetime, *, source: str = "scan",
                  quantity_done=None) -> TimeLog | None:
    """Book the open segment up to ``end`` at today's rates. A segment under a minute still books
    its seconds (45 s = 0.75 min): the time was worked, and refusing would block the clock-off;
    only a segment of no length books nothing. Booked whatever the job's status now: the work was
    done while it took clock-ons."""
    start = c.segment_started_at
    c.segment_started_at = None
    if start is None or end <= start:
        return None
    return book_time_in_session(s, db, c.operation_id, c.operator_id, started_at=start, ended_at=end,
                                source=source, estimated=source == "estimate", clock_on_id=c.id,
                                quantity_done=quantity_done, any_status=True, booked_at=db.now())


def _refuse_forgotten(s: Session, c: ClockOn, now: dt.datetime) -> None:
    if is_forgotten(c.segment_started_at, now):
        raise ForgottenClockOff((clock_on_view(s, c, now),), now, session_locale(s))


@writes(Change.BOOKINGS | Change.ROUTING)
def pause(db: Database, clock_on_id: int, *, now: dt.datetime | None = None) -> ClockResult:
    """A break: the open segment becomes a time log; the operation pauses when nobody else is on it."""
    given = given_now(db, now) if now is not None else None
    with db.session() as s:
        c = _open_clock_on(s, clock_on_id)
        now = given or db.now()
        if c.segment_started_at is None:
            raise ValidationError("clock_on", "That clock-on is paused already.")
        _refuse_forgotten(s, c, now)
        op = s.get(Operation, c.operation_id)
        before, started = op.status, c.segment_started_at
        log = close_segment(s, db, c, now)
        settle_after_stop(s, op, c.id)
        s.flush()
        view = clock_on_view(s, c, now)
        return ClockResult(f"{view.operator_name}: paused {where_of(view)}", view,
                           UndoToken("pause", c.id, log.id if log else None, started, before))


def _resume_in_session(s: Session, db: Database, c: ClockOn, now: dt.datetime) -> ClockResult:
    op = s.get(Operation, c.operation_id)
    job = s.get(Job, c.job_id)
    _check_job_takes_work(job)
    _check_operation_open(op, job)
    _check_one_at_a_time(s, s.get(Operator, c.operator_id), op.id, now)
    before = op.status
    c.segment_started_at = now
    start_work(s, db, op, CLOCK_ON_REASON)
    s.flush()
    view = clock_on_view(s, c, now)
    return ClockResult(f"{view.operator_name}: back on {where_of(view)}", view,
                       UndoToken("resume", c.id, segment_started_at=now, operation_status=before))


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def resume(db: Database, clock_on_id: int, *, now: dt.datetime | None = None) -> ClockResult:
    """After a break (the same day or days later): a new segment opens."""
    given = given_now(db, now) if now is not None else None
    with db.session() as s:
        c = _open_clock_on(s, clock_on_id)
        now = given or db.now()
        if c.segment_started_at is not None:
            raise ValidationError("clock_on", "That clock-on is running, not paused.")
        return _resume_in_session(s, db, c, now)


def _end(s: Session, db: Database, c: ClockOn, end: dt.datetime, *, finished: bool, quantity_done,
         source: str) -> tuple[TimeLog | None, UndoToken]:
    """Close the last segment (if open) and the clock-on; the quantity done goes on its last log."""
    op = s.get(Operation, c.operation_id)
    before, started = op.status, c.segment_started_at
    log = close_segment(s, db, c, end, source=source, quantity_done=quantity_done)
    if log is None and quantity_done not in (None, ""):
        last_id = last_log_id(s, c.id)
        last = s.get(TimeLog, last_id) if last_id is not None else None
        if last is not None:
            last.quantity_done = v.quantity("quantity_done", quantity_done, required=False, allow_zero=True,
                                            locale=settings_row(s).locale)
    c.ended_at, c.finished, c.ended_by = end, bool(finished), source
    s.flush()
    finish = None
    if finished and OperationStatus(op.status) not in FINISHED_OPERATION_STATUSES:
        finish = finish_operation(s, op)
    elif not finished:
        settle_after_stop(s, op, c.id)
    s.flush()
    return log, UndoToken("clock_off" if source == "scan" else "forgotten", c.id, log.id if log else None,
                          started, before, finish.next_operation_id if finish else None,
                          finish.next_operation_status if finish else None)


@writes(Change.BOOKINGS | Change.ROUTING)
def clock_off(db: Database, clock_on_id: int, *, finished: bool, quantity_done=None,
              now: dt.datetime | None = None) -> ClockResult:
    """The operator stops work on the operation: finished (it is done, the next one ready) or not
    (paused when nobody else is on it). ``quantity_done`` goes on the last segment's log."""
    given = given_now(db, now) if now is not None else None
    with db.session() as s:
        c = _open_clock_on(s, clock_on_id)
        now = given or db.now()
        _refuse_forgotten(s, c, now)
        _, token = _end(s, db, c, now, finished=finished, quantity_done=quantity_done, source="scan")
        view = clock_on_view(s, c, now)
        what = "finished" if finished else "clocked off"
        return ClockResult(f"{view.operator_name}: {what} {where_of(view)} "
                           f"({duration_text(view.worked_minutes)})", view, token)


@writes(Change.BOOKINGS | Change.ROUTING)
def close_forgotten(db: Database, clock_on_id: int, stopped_at, *, finished: bool = False,
                    quantity_done=None) -> ClockResult:
    """A clock-off someone forgot, closed at ``stopped_at`` as they remember it: the segment up to
    then is booked as an estimate. Refused before the segment began or in the future."""
    with db.session() as s:
        c = _open_clock_on(s, clock_on_id)
        now = db.now()
        stopped = v.moment("stopped_at", stopped_at, required=True)
        begun = c.segment_started_at or c.started_at
        if stopped <= begun:
            began = local_clock(begun, now, session_locale(s))
            raise ValidationError("stopped_at", f"The work began at {began}: the stop must be "
                                                "after that.")
        if stopped > now:
            raise ValidationError("stopped_at", "That time has not come yet: give when the work really stopped.")
        _, token = _end(s, db, c, stopped, finished=finished, quantity_done=quantity_done, source="estimate")
        view = clock_on_view(s, c, now)
        stopped_text = local_clock(stopped, now, session_locale(s))
        return ClockResult(f"{view.operator_name}: clocked off {where_of(view)} at {stopped_text} "
                           "(an estimate)", view, token)


__all__ = ["FloorOperator", "ClockOnView", "UndoToken", "ScanOutcome", "ClockResult", "ForgottenClockOff",
           "CLOCKABLE_JOB_STATUSES", "scan", "rehearse", "pause", "resume", "clock_off", "close_forgotten", "undo",
           "floor_operator", "close_segment"]
