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
from dataclasses import dataclass
from decimal import Decimal

from .clocking import ClockOnView


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


@dataclass(frozen=True)
class DayReview:
    day: dt.date
    open_clock_ons: tuple[ClockOnView, ...]
    operators: tuple[OperatorDay, ...]
