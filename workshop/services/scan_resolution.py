"""What a scanned code means, before anything is clocked: the operator a badge names (and what they
have open), the operation a job's code names (the first reading of it that is found, whatever the
label's layout), and the scanner check card's answer. ``clocking.scan`` acts on what is found here.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Job, Operation, Operator
from ..domain import scan_codes
from ..domain.clocking import is_forgotten, where_text
from ..domain.errors import ValidationError
from .clock_views import clock_on_views, local_clock, open_clock_ons
from .common import session_locale
from .floor_types import ClockOnView, FloorOperator, ScanOutcome


def floor_operator(op: Operator) -> FloorOperator:
    return FloorOperator(op.id, op.name, scan_codes.badge_code(op.id))


def active_operator(s: Session, operator_id) -> Operator:
    operator = s.get(Operator, int(operator_id))
    if operator is None:
        raise ValidationError("scan", f"No operator has the badge {scan_codes.badge_code(int(operator_id))}.")
    if not operator.active:
        raise ValidationError("scan", f"{operator.name} is no longer an active operator: ask the office.")
    return operator


def resolve_operation(s: Session, readings: list[scan_codes.Reading]) -> tuple[Operation, str]:
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


def where_of(view: ClockOnView) -> str:
    """Where a clock-on is: ``J-2026-0042 / 030 Cut panels``."""
    return where_text(view.job_number, view.op_number, view.operation_name)


def check_outcome(reading: scan_codes.Reading) -> ScanOutcome:
    layout = reading.target.layout
    message, detail = scan_codes.check_result(layout)  # the card prints the same words
    return ScanOutcome("check", message, detail, layout=layout or reading.layout)


def badge_outcome(s: Session, reading: scan_codes.Reading, now: dt.datetime) -> ScanOutcome:
    operator = active_operator(s, reading.target.operator_id)
    views = clock_on_views(s, open_clock_ons(s, operator_id=operator.id), now)
    forgotten = tuple(c for c in views if is_forgotten(c.segment_started_at, now))
    if forgotten:
        detail = (f"Still clocked on to {where_of(forgotten[0])} since "
                  f"{local_clock(forgotten[0].segment_started_at, now, session_locale(s))}: when did you stop?")
    elif views:
        detail = "; ".join(f"{'Paused' if c.paused else 'On'} {where_of(c)}" for c in views)
    else:
        detail = "Not clocked on to anything."
    return ScanOutcome("operator", f"{operator.name}: scan an operation", detail, floor_operator(operator),
                       forgotten=forgotten, layout=reading.layout)


__all__ = ["floor_operator", "active_operator", "resolve_operation", "check_outcome", "badge_outcome", "where_of"]
