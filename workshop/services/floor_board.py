"""Who is on what right now, and how far each job has got (CONTRACT, filled in by the services piece).

- ``floor_board(db, now=None) -> list[ClockOnView]``: every open clock-on (running first, then
  paused), by operator name.
- ``operator_clock_ons(db, operator_id, now=None) -> list[ClockOnView]``: the operator's open ones.
- ``job_progress(db, job_id) -> JobProgress``: hours done over hours planned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Job, TimeLog
from .clock_views import clock_on_views, open_clock_ons
from .common import get_or_fail
from .floor_types import ClockOnView
from .job_costing import planned_minutes_in_session


@dataclass(frozen=True)
class JobProgress:
    job_id: int
    hours_done: Decimal  # labour hours booked (corrections netted)
    hours_planned: Decimal  # the routing's planned hours
    fraction: Decimal  # hours_done / hours_planned, 0 when nothing is planned (may pass 1: over)


def floor_board(db: Database, now: dt.datetime | None = None) -> list[ClockOnView]:
    """Every open clock-on: running first, then paused, each by operator name, then by start."""
    with db.reader() as s:
        now = now or db.now()
        views = clock_on_views(s, open_clock_ons(s), now)
    return sorted(views, key=lambda c: (c.paused, c.operator_name.casefold(), c.started_at, c.id))


def operator_clock_ons(db: Database, operator_id: int, now: dt.datetime | None = None) -> list[ClockOnView]:
    """The operator's open clock-ons, oldest first."""
    with db.reader() as s:
        return clock_on_views(s, open_clock_ons(s, operator_id=int(operator_id)), now or db.now())


def job_progress(db: Database, job_id: int) -> JobProgress:
    """Labour hours booked (corrections netted) over the routing's planned hours."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        done = s.scalar(select(func.sum(TimeLog.labour_minutes)).where(TimeLog.job_id == job.id)) or Decimal(0)
        planned = planned_minutes_in_session(s, job)
        job_id = job.id
    fraction = (Decimal(done) / planned).quantize(Decimal("0.0001")) if planned else Decimal(0)
    return JobProgress(job_id, (Decimal(done) / 60).quantize(Decimal("0.01")),
                       (planned / 60).quantize(Decimal("0.01")), fraction)


__all__ = ["JobProgress", "floor_board", "operator_clock_ons", "job_progress"]
