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

Two terminals at once (a server): every unit of work here first holds the operator's row, then the
job's, then the job's operations' (``db.row_locks.hold``, always in that order; the office's routing
changes hold the job and its operations too, ``operations.hold_routing``), and only then reads the
clock-ons, the operation's status and the time. So a second scan of the same badge, or a scan on the same job,
waits for the first to commit and decides on what it left: an operator is never clocked on twice
where the rules forbid it, the last one off an operation leaves it paused even while someone
clocks on to it elsewhere, and two first clock-ons on a released job do not both start it (the
second would find the job's version gone); an operation, a versioned record (issue 18), is never
found changed under a clock-on by an office save made in the same moment, nor the office's by it.

The frozen data (``ClockOnView``, ``ScanOutcome`` …) are defined in ``floor_types`` (the views are
built by ``clock_views``, which the board and the day's review share) and imported from here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ClockOn, Job, Operation, Operator, TimeLog
from ..db.row_locks import hold, serialised_by_file
from ..domain import scan_codes
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.clocking import duration_text, is_forgotten, where_text
from ..domain.errors import ValidationError
from ..domain.statuses import (BOOKABLE_JOB_STATUSES, FINISHED_OPERATION_STATUSES, JobStatus, OperationStatus,
                               not_yet)
from .bookings import book_time_in_session
from .clock_views import clock_on_view, clock_on_views, local_clock, open_clock_ons
from .common import get_or_fail, session_locale, settings_row
from .booking_corrections import reverse_time_log_in_session
from .floor_progress import finish_operation, put_back, restore_finish, settle_after_stop, start_work
from .floor_types import ClockOnView, ClockResult, FloorOperator, ScanOutcome, UndoToken
from .operations import hold_routing

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


def _now(db: Database, now: dt.datetime | None) -> dt.datetime:
    return v.moment("now", now) if now is not None else db.now()


def _hold_work(s: Session, operator_id: object, job_id: int) -> None:
    """Hold the operator's row, then the job's and its operations' (see the module), read afresh; an
    operator id that is not one is left for the checks to refuse."""
    try:
        operator = int(operator_id) if operator_id not in (None, "") and not isinstance(operator_id, bool) else None
    except (TypeError, ValueError):
        operator = None
    if operator is not None:
        hold(s, Operator, [operator])
    hold_routing(s, job_id)


def _held_clock_on(s: Session, clock_on_id: object) -> ClockOn:
    """The clock-on, with its operator and job held first (``_hold_work``) and then read afresh."""
    c = get_or_fail(s, ClockOn, clock_on_id, "clock_on", "clock-on")
    if serialised_by_file(s):
        return c
    _hold_work(s, c.operator_id, c.job_id)
    s.refresh(c)
    return c


def floor_operator(op: Operator) -> FloorOperator:
    return FloorOperator(op.id, op.name, scan_codes.badge_code(op.id))


def _active_operator(s: Session, operator_id) -> Operator:
    operator = s.get(Operator, int(operator_id))
    if operator is None:
        raise ValidationError("scan", f"No operator has the badge {scan_codes.badge_code(int(operator_id))}.")
    if not operator.active:
        raise ValidationError("scan", f"{operator.name} is no longer an active operator: ask the office.")
    return operator


def _resolve_operation(s: Session, readings: list[scan_codes.Reading]) -> tuple[Operation, str]:
    """The first reading whose job exists and has that op number; else what is wrong with the
    likeliest one."""
    known_job: Job | None = None
    first_missing = ""
    for reading in readings:
        target = reading.target
        if not isinstance(target, scan_codes.OperationScan):
            continue
        for number in target.job_numbers:
            job = s.scalars(select(Job).where(Job.number == number)).first()
            if job is None:
                first_missing = first_missing or number
                continue
            op = s.scalars(select(Operation).where(Operation.job_id == job.id,
                                                   Operation.op_number == target.op_number)).first()
            if op is not None:
                return op, reading.layout
            if known_job is None:
                known_job, missing_op = job, target.op_number
    if known_job is not None:
        raise ValidationError("scan", f"Job {known_job.number} has no operation {missing_op:03d}.")
    raise ValidationError("scan", f"No job {first_missing}.")


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


def _where(view: ClockOnView) -> str:
    return where_text(view.job_number, view.op_number, view.operation_name)


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def scan(db: Database, text: str, operator_id: int | None = None, *, now: dt.datetime | None = None) -> ScanOutcome:
    """Act on a scanned ``text`` for the operator whose badge was scanned last (see the module)."""
    readings = scan_codes.read_scan(text)  # UnreadableCode passes through
    given = _now(db, now) if now is not None else None
    with db.session() as s:
        return _scan_in_session(s, db, readings, operator_id, given)


def _scan_in_session(s: Session, db: Database, readings: list[scan_codes.Reading], operator_id: int | None,
                     now: dt.datetime | None) -> ScanOutcome:
    """``now`` None: the database's clock, read once the operator and the job are held (a scan that
    waited for another terminal's is made when its turn came, after that one's)."""
    first = readings[0]
    if isinstance(first.target, scan_codes.CheckScan):
        return _check_outcome(first)
    badge = next((r for r in readings if isinstance(r.target, scan_codes.BadgeScan)), None)
    if isinstance(first.target, scan_codes.BadgeScan):
        return _badge_outcome(s, first, now or db.now())
    try:
        op, layout = _resolve_operation(s, readings)
    except ValidationError:
        if badge is None:
            raise
        return _badge_outcome(s, badge, now or db.now())  # a layout's reading of it is a badge after all
    if operator_id in (None, ""):
        raise ValidationError("scan", "Scan your badge first, then the operation.")
    if not serialised_by_file(s):
        _hold_work(s, operator_id, op.job_id)
        s.refresh(op)
    now = now or db.now()
    operator = _active_operator(s, operator_id)
    _check_forgotten(s, operator.id, now)
    job = s.get(Job, op.job_id)
    mine = open_clock_ons(s, operator_id=operator.id, operation_id=op.id)
    if mine and mine[0].segment_started_at is not None:
        view = clock_on_view(s, mine[0], now)
        return ScanOutcome("ask_finish", f"{operator.name} on {_where(view)}: finished?",
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
    return ScanOutcome("clock_on", f"{operator.name}: clocked on to {_where(view)}", _detail(view),
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


def _check_outcome(reading: scan_codes.Reading) -> ScanOutcome:
    layout = reading.target.layout
    message, detail = scan_codes.check_result(layout)  # the card prints the same words
    return ScanOutcome("check", message, detail, layout=layout or reading.layout)


def _badge_outcome(s: Session, reading: scan_codes.Reading, now: dt.datetime) -> ScanOutcome:
    operator = _active_operator(s, reading.target.operator_id)
    views = clock_on_views(s, open_clock_ons(s, operator_id=operator.id), now)
    forgotten = tuple(c for c in views if is_forgotten(c.segment_started_at, now))
    if forgotten:
        detail = (f"Still clocked on to {_where(forgotten[0])} since "
                  f"{local_clock(forgotten[0].segment_started_at, now, session_locale(s))}: when did you stop?")
    elif views:
        detail = "; ".join(f"{'Paused' if c.paused else 'On'} {_where(c)}" for c in views)
    else:
        detail = "Not clocked on to anything."
    return ScanOutcome("operator", f"{operator.name}: scan an operation", detail, floor_operator(operator),
                       forgotten=forgotten, layout=reading.layout)


def _open_clock_on(s: Session, clock_on_id) -> ClockOn:
    """The clock-on, not yet clocked off, its operator and job held (``_held_clock_on``)."""
    c = _held_clock_on(s, clock_on_id)
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
    given = _now(db, now) if now is not None else None
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
        return ClockResult(f"{view.operator_name}: paused {_where(view)}", view,
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
    return ClockResult(f"{view.operator_name}: back on {_where(view)}", view,
                       UndoToken("resume", c.id, segment_started_at=now, operation_status=before))


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def resume(db: Database, clock_on_id: int, *, now: dt.datetime | None = None) -> ClockResult:
    """After a break (the same day or days later): a new segment opens."""
    given = _now(db, now) if now is not None else None
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
        last_id = _last_log_id(s, c.id)
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
    given = _now(db, now) if now is not None else None
    with db.session() as s:
        c = _open_clock_on(s, clock_on_id)
        now = given or db.now()
        _refuse_forgotten(s, c, now)
        _, token = _end(s, db, c, now, finished=finished, quantity_done=quantity_done, source="scan")
        view = clock_on_view(s, c, now)
        what = "finished" if finished else "clocked off"
        return ClockResult(f"{view.operator_name}: {what} {_where(view)} "
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
        return ClockResult(f"{view.operator_name}: clocked off {_where(view)} at {stopped_text} "
                           "(an estimate)", view, token)


_ALREADY = "That scan has already been undone."
_MOVED_ON = "Only the last scan can be undone: more has happened on this clock-on since."


def _refuse_undo(already: bool) -> None:
    raise ValidationError("undo", _ALREADY if already else _MOVED_ON)


def _is_reversed(s: Session, log_id: int) -> bool:
    return s.scalar(select(TimeLog.id).where(TimeLog.reverses_id == log_id)) is not None


def _last_log_id(s: Session, clock_on_id: int) -> int | None:
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
    if _last_log_id(s, token.clock_on_id) != token.time_log_id:
        _refuse_undo(False)
    reverse_time_log_in_session(s, db, s.get(TimeLog, token.time_log_id), reason)


@writes(Change.BOOKINGS | Change.ROUTING | Change.JOBS)
def undo(db: Database, token: UndoToken, *, now: dt.datetime | None = None) -> str:
    """Take back what the scan that gave ``token`` did; says what was undone. A booked segment is
    reversed by a correction entry with the reason, never deleted. Refused twice, or once more has
    happened on the clock-on since."""
    with db.session() as s:
        now = _now(db, now)
        c = get_or_fail(s, ClockOn, token.clock_on_id, "undo", "clock-on")
        if not serialised_by_file(s):
            _hold_work(s, c.operator_id, c.job_id)
            s.refresh(c)
        op = s.get(Operation, c.operation_id)
        who = f"{s.get(Operator, c.operator_id).name}'s"
        where = where_text(s.get(Job, c.job_id).number, op.op_number)
        if token.action == "clock_on":
            if c.ended_by == "undone":
                _refuse_undo(True)
            if c.ended_at is not None or c.segment_started_at != c.started_at or _last_log_id(s, c.id):
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


__all__ = ["FloorOperator", "ClockOnView", "UndoToken", "ScanOutcome", "ClockResult", "ForgottenClockOff",
           "CLOCKABLE_JOB_STATUSES", "scan", "rehearse", "pause", "resume", "clock_off", "close_forgotten", "undo",
           "floor_operator", "close_segment"]
