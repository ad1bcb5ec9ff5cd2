"""Reconciling a day at the bench (CONTRACT, filled in by the services piece).

- ``day_review(db, day: date, now=None) -> DayReview``: for ``day`` (the shop's local day):
  open clock-ons (anyone still clocked on, from that day or before), and per operator who worked
  that day their time segments in order, the overlaps between them and the gaps between them.
- ``correct_time(db, time_log_id, *, reason, started_at=None, ended_at=None, minutes=None)
  -> TimeLogView``: never an edit in place: the original is reversed (a correction entry with the
  reason) and the right time booked as a new entry with the same operation, operator and
  source, all in one unit of work. Refused without a reason.
- ``close_forgotten`` (services.clocking) closes an open clock-on from this screen too.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from ..db.engine import Database
from ..db.models import Job, Operator, TimeLog
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.clocking import gaps, local_day_bounds, overlaps
from ..domain.errors import ValidationError
from .booking_corrections import reverse_time_log_in_session
from .booking_views import TimeLogView
from .bookings import MAX_MINUTES, book_time_in_session, time_log_view
from .clock_views import clock_on_views, open_clock_ons
from .clocking import ClockOnView
from .common import get_or_fail


#: The entry that reverses another: it carries the reason.
Correction = aliased(TimeLog)


@dataclass(frozen=True)
class Segment:
    time_log_id: int
    started_at: dt.datetime
    ended_at: dt.datetime
    minutes: Decimal
    job_number: str
    op_number: int
    operation_name: str
    source: str  # manual | scan | key_back | estimate
    estimated: bool


@dataclass(frozen=True)
class ReversedEntry(Segment):
    """A timed entry of the day that a correction reversed: it no longer counts, but it is not gone."""
    reason: str = ""  # the correction's


@dataclass(frozen=True)
class Span:
    started_at: dt.datetime
    ended_at: dt.datetime

    @property
    def minutes(self) -> Decimal:
        return Decimal((self.ended_at - self.started_at).total_seconds()) / 60


@dataclass(frozen=True)
class OperatorDay:
    operator_id: int
    operator_name: str
    segments: tuple[Segment, ...]  # by start
    overlaps: tuple[Span, ...]  # where two of the operator's segments cover the same time
    gaps: tuple[Span, ...]  # between the first start and the last end, where nothing is booked
    minutes_booked: Decimal  # sum of the segments' minutes (timed bookings only)
    untimed_minutes: Decimal  # minutes booked that day with no start and end (not placed on the line)
    reversed: tuple[ReversedEntry, ...] = ()  # the day's entries a correction took back, by start


@dataclass(frozen=True)
class DayReview:
    day: dt.date
    open_clock_ons: tuple[ClockOnView, ...]
    operators: tuple[OperatorDay, ...]


def touches_day(day_start: dt.datetime, day_end: dt.datetime):
    """A timed booking that overlaps the day, said so that the indexes on its start and end find it
    (``start < day_end AND end > day_start`` alone reads every earlier booking, ten years of them):
    it starts in the day, or ends in it, or (the rare one) spans it, which began at most the longest
    booking before the day."""
    longest = dt.timedelta(minutes=int(MAX_MINUTES))
    return or_(and_(TimeLog.started_at >= day_start, TimeLog.started_at < day_end),
               and_(TimeLog.ended_at > day_start, TimeLog.ended_at <= day_end),
               and_(TimeLog.started_at >= day_start - longest, TimeLog.started_at < day_start,
                    TimeLog.ended_at > day_end))


def day_review(db: Database, day: dt.date, now: dt.datetime | None = None) -> DayReview:
    """The day's open clock-ons, and each operator's segments, overlaps and gaps (see the module).
    A reversed booking and its correction are left out of the segments: the entry that replaced it
    shows, and the reversed one is listed apart (``OperatorDay.reversed``) with the correction's reason."""
    day_start, day_end = local_day_bounds(day)
    with db.reader() as s:
        now = now or db.now()
        still_open = [c for c in open_clock_ons(s) if c.started_at < day_end]
        reversed_ids = select(TimeLog.reverses_id).where(TimeLog.reverses_id.is_not(None))
        # Not a correction: said through coalesce so that SQLite keeps to the day's indexes (on
        # "reverses_id IS NULL" it walks the unique index through every uncorrected booking).
        not_a_correction = func.coalesce(TimeLog.reverses_id, 0) == 0
        live = (not_a_correction, TimeLog.id.not_in(reversed_ids), TimeLog.operator_id.is_not(None))
        timed = s.scalars(select(TimeLog).where(touches_day(day_start, day_end), *live)
                          .options(selectinload(TimeLog.operation)).order_by(TimeLog.started_at, TimeLog.id)).all()
        untimed = s.execute(select(TimeLog.operator_id, func.sum(TimeLog.labour_minutes))
                            .where(TimeLog.started_at.is_(None), TimeLog.booked_at >= day_start,
                                   TimeLog.booked_at < day_end, *live)
                            .group_by(TimeLog.operator_id)).all()
        taken_back = s.execute(
            select(TimeLog, Correction.reason).join(Correction, Correction.reverses_id == TimeLog.id)
            .where(touches_day(day_start, day_end), TimeLog.operator_id.is_not(None))
            .options(selectinload(TimeLog.operation)).order_by(TimeLog.started_at, TimeLog.id)).all()
        job_numbers = dict(s.execute(select(Job.id, Job.number).where(
            Job.id.in_({log.job_id for log in timed} | {log.job_id for log, _ in taken_back}))).all())
        segments: dict[int, list[Segment]] = defaultdict(list)
        for log in timed:
            segments[log.operator_id].append(Segment(
                log.id, log.started_at, log.ended_at, log.labour_minutes, job_numbers[log.job_id],
                log.operation.op_number, log.operation.name, log.source, log.estimated))
        reversed_by: dict[int, list[ReversedEntry]] = defaultdict(list)
        for log, reason in taken_back:
            reversed_by[log.operator_id].append(ReversedEntry(
                log.id, log.started_at, log.ended_at, max(log.labour_minutes, log.machine_minutes),
                job_numbers[log.job_id], log.operation.op_number, log.operation.name, log.source, log.estimated,
                reason))
        untimed_by = {operator_id: Decimal(minutes or 0) for operator_id, minutes in untimed}
        names = dict(s.execute(select(Operator.id, Operator.name)
                               .where(Operator.id.in_(set(segments) | set(untimed_by) | set(reversed_by)))).all())
        operators = tuple(sorted((_operator_day(operator_id, names[operator_id], segments.get(operator_id, []),
                                                untimed_by.get(operator_id, Decimal(0)),
                                                reversed_by.get(operator_id, []))
                                  for operator_id in names), key=lambda o: (o.operator_name.casefold(), o.operator_id)))
        return DayReview(day, tuple(clock_on_views(s, still_open, now)), operators)


def _operator_day(operator_id: int, name: str, segments: list[Segment], untimed: Decimal,
                  taken_back: list[ReversedEntry]) -> OperatorDay:
    spans = [(seg.started_at, seg.ended_at) for seg in segments]
    return OperatorDay(operator_id, name, tuple(segments), tuple(Span(a, b) for a, b in overlaps(spans)),
                       tuple(Span(a, b) for a, b in gaps(spans)),
                       sum((seg.minutes for seg in segments), Decimal(0)), untimed, tuple(taken_back))


@writes(Change.BOOKINGS)
def correct_time(db: Database, time_log_id: int, *, reason: str, started_at=None, ended_at=None,
                 minutes=None) -> TimeLogView:
    """The right time for a booking: the original reversed with ``reason`` and the right time booked
    as a new entry (same operation, operator, kind of time, source, clock-on and quantity done), in
    one unit of work. Giving only the start or the end keeps the other from the original."""
    if not v.long_text("reason", reason):
        raise ValidationError("reason", "Give a reason for correcting this time booking.")
    if started_at in (None, "") and ended_at in (None, "") and minutes in (None, ""):
        raise ValidationError("minutes", "Give the right start and end, or the right minutes.")
    with db.session() as s:
        log = get_or_fail(s, TimeLog, time_log_id, "time_log", "time booking")
        if (started_at in (None, "")) != (ended_at in (None, "")) and log.started_at is not None:
            started_at = log.started_at if started_at in (None, "") else started_at
            ended_at = log.ended_at if ended_at in (None, "") else ended_at
        reverse_time_log_in_session(s, db, log, reason)
        kind = ("both" if log.labour_minutes and log.machine_minutes else
                "machine" if log.machine_minutes else "labour")
        new = book_time_in_session(s, db, log.operation_id, log.operator_id, minutes=minutes, started_at=started_at,
                                   ended_at=ended_at, kind=kind, note=log.note, source=log.source,
                                   estimated=log.estimated, clock_on_id=log.clock_on_id,
                                   quantity_done=log.quantity_done)
        return time_log_view(new)


__all__ = ["Segment", "ReversedEntry", "Span", "OperatorDay", "DayReview", "day_review", "correct_time"]
