"""The order in which the floor's units of work hold rows: clocking on and off (``clocking``) and
taking a scan back (``clock_undo``), and when they read the time.

Two terminals at once (a server): every unit of work of the floor first holds the operator's row,
then the job's, then the job's operations' (``db.row_locks.hold``, always in that order; the
office's routing changes hold the job and its operations too, ``operations.hold_routing``), and only
then reads the clock-ons, the operation's status and the time. So a second scan of the same badge,
or a scan on the same job, waits for the first to commit and decides on what it left: an operator is
never clocked on twice where the rules forbid it, the last one off an operation leaves it paused
even while someone clocks on to it elsewhere, and two first clock-ons on a released job do not both
start it (the second would find the job's version gone); an operation, a versioned record
(issue 18), is never found changed under a clock-on by an office save made in the same moment, nor
the office's by it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ClockOn, Operator
from ..db.row_locks import hold, serialised_by_file
from ..domain import validation as v
from .common import get_or_fail
from .operations import hold_routing


def given_now(db: Database, now: dt.datetime | None) -> dt.datetime:
    """``now`` as given (a test's moment), checked; else the database's clock, read now."""
    return v.moment("now", now) if now is not None else db.now()


def hold_work(s: Session, operator_id: object, job_id: int) -> None:
    """Hold the operator's row, then the job's and its operations' (see the module), read afresh; an
    operator id that is not one is left for the checks to refuse."""
    try:
        operator = int(operator_id) if operator_id not in (None, "") and not isinstance(operator_id, bool) else None
    except (TypeError, ValueError):
        operator = None
    if operator is not None:
        hold(s, Operator, [operator])
    hold_routing(s, job_id)


def held_clock_on(s: Session, clock_on_id: object) -> ClockOn:
    """The clock-on, with its operator and job held first (``hold_work``) and then read afresh."""
    c = get_or_fail(s, ClockOn, clock_on_id, "clock_on", "clock-on")
    if serialised_by_file(s):
        return c
    hold_work(s, c.operator_id, c.job_id)
    s.refresh(c)
    return c


__all__ = ["given_now", "hold_work", "held_clock_on"]
