"""Correcting a booking: never an edit in place, but a new entry that negates the original
exactly (its minutes at its own frozen rates, its quantity at its own unit cost, its amount),
with a reason, pointing at the entry it reverses. Both stay in the job's history and the job's
cost for that entry nets to zero. A material issue's reversal moves the stock back.

An entry is reversed at most once (the database holds that too), and a correction is never
itself reversed: book the entry again instead.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import DirectCost, Job, Material, MaterialIssue, StockMovement, TimeLog
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.stock import MovementKind
from .booking_views import MaterialIssueView, OtherCostView, TimeLogView
from .bookings import issue_view, other_cost_view, time_log_view
from .common import get_or_fail
from .stock_ledger import move_stock


def _check_reversible(s: Session, model, entry, reason: str, what: str) -> str:
    reason = v.long_text("reason", reason)
    if not reason:
        raise ValidationError("reason", f"Give a reason for correcting this {what}.")
    job = s.get(Job, entry.job_id)
    if st.is_read_only(job.status):
        raise ValidationError("job", f"Job {job.number} is {st.JobStatus(job.status).label.lower()}; its bookings "
                                     "can no longer be corrected.")
    if entry.reverses_id is not None:
        raise ValidationError("reverses_id", f"This {what} is itself a correction and cannot be reversed; book the "
                                             "right entry instead.")
    if s.scalar(select(model.id).where(model.reverses_id == entry.id)) is not None:
        raise ValidationError("reverses_id", f"This {what} has already been reversed.")
    return reason


@writes(Change.BOOKINGS)
def reverse_time_log(db: Database, log_id: int, reason: str) -> TimeLogView:
    """A time log booked by mistake: the same operation, workstation and operator, minus the same
    minutes at the original's rates (not today's), so the job's time cost drops by exactly its cost."""
    with db.session() as s:
        log = get_or_fail(s, TimeLog, log_id, "time_log", "time booking")
        return time_log_view(reverse_time_log_in_session(s, db, log, reason))


def reverse_time_log_in_session(s: Session, db: Database, log: TimeLog, reason: str) -> TimeLog:
    """``reverse_time_log`` inside the caller's unit of work (an undone scan, a corrected time)."""
    reason = _check_reversible(s, TimeLog, log, reason, "time booking")
    reversal = TimeLog(
        job_id=log.job_id, operation_id=log.operation_id, workstation_id=log.workstation_id,
        operator_id=log.operator_id, started_at=None, ended_at=None,
        labour_minutes=-log.labour_minutes, machine_minutes=-log.machine_minutes,
        labour_rate=log.labour_rate, machine_rate=log.machine_rate, overhead_rate=log.overhead_rate,
        overhead_basis=log.overhead_basis, overhead_is_shop_default=log.overhead_is_shop_default,
        note=log.note, booked_at=db.now(), reverses_id=log.id, reason=reason,
        # the same kind of time, on the same clock-on, so counts by source and by clock-on net to zero
        source=log.source, estimated=log.estimated, clock_on_id=log.clock_on_id,
        quantity_done=None if log.quantity_done is None else -log.quantity_done)
    s.add(reversal)
    s.flush()
    s.refresh(reversal)
    return reversal


@writes(Change.BOOKINGS | Change.SHOP)
def reverse_material_issue(db: Database, issue_id: int, reason: str) -> MaterialIssueView:
    """An issue (or a return) booked by mistake: the opposite quantity at the original's unit cost;
    the stock it took comes back (or the stock a return brought goes out again)."""
    with db.session() as s:
        issue = get_or_fail(s, MaterialIssue, issue_id, "material_issue", "material booking")
        reason = _check_reversible(s, MaterialIssue, issue, reason, "material booking")
        material = issue.material
        if material is not None:
            if material.stock_on_hand + issue.quantity < 0:  # undoing a return takes the stock out again
                raise ValidationError("quantity", f"Only {material.stock_on_hand.normalize():f} {material.unit} of "
                                                  f"{material.code} in stock; the return of "
                                                  f"{(-issue.quantity).normalize():f} cannot be undone.")
        now = db.now()
        reversal = MaterialIssue(job_id=issue.job_id, material_id=issue.material_id, description=issue.description,
                                 quantity=-issue.quantity, unit=issue.unit, unit_cost=issue.unit_cost,
                                 note=issue.note, issued_at=now, reverses_id=issue.id, reason=reason)
        s.add(reversal)
        s.flush()
        if material is not None:
            _move_back(s, material, issue, reversal, now)
        s.refresh(reversal)
        return issue_view(reversal)


def _move_back(s: Session, material: Material, issue: MaterialIssue, reversal: MaterialIssue,
               now: dt.datetime) -> None:
    """The stock movement of a reversal: the original's kind with quantity and value negated, so the
    ledger's issues (or returns) to a job net to the job's material cost, and undoing an issue
    leaves the average cost as it stands (an issue negated is not stock bought in at a new cost)."""
    original = s.scalar(select(StockMovement).where(StockMovement.material_issue_id == issue.id))
    kind = original.kind if original is not None else (MovementKind.RETURN if issue.quantity < 0
                                                        else MovementKind.ISSUE)
    value = -original.value if original is not None else None  # an issue booked before the ledger: at its cost
    move_stock(s, material, kind, issue.quantity, unit_cost=issue.unit_cost, value=value, at=now, booked_at=now,
               reason=f"Correction: {reversal.reason}", job_id=issue.job_id, material_issue_id=reversal.id)


@writes(Change.BOOKINGS)
def reverse_other_cost(db: Database, cost_id: int, reason: str) -> OtherCostView:
    """Another direct cost booked by mistake: the same category and description, minus the amount,
    dated the day it was corrected."""
    with db.session() as s:
        cost = get_or_fail(s, DirectCost, cost_id, "other_cost", "cost")
        reason = _check_reversible(s, DirectCost, cost, reason, "cost")
        reversal = DirectCost(job_id=cost.job_id, category=cost.category, description=cost.description,
                              amount=-cost.amount, incurred_on=db.today(), created_at=db.now(),
                              reverses_id=cost.id, reason=reason)
        s.add(reversal)
        s.flush()
        return other_cost_view(reversal)


__all__ = ["reverse_time_log", "reverse_time_log_in_session", "reverse_material_issue", "reverse_other_cost"]
