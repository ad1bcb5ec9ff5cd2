"""Non-conformance reports: raised by a failed check or test (or by hand), given a cause and a
disposition, verified, then closed — closed only after verification.

Dispositions:

* ``rework`` adds a rework operation to the job's routing right after the failed operation
  (at the end for the final inspection or a finished-goods test), in the same transaction;
  time booked on it counts on the job's cost. The check must then be inspected again, and
  the report can be verified only once it has passed.
* ``scrap`` books the material lost to the job as a material issue at today's cost (noted as
  scrap); the replacement is inspected again before verification.
* ``use_as_is`` accepts the part with the customer's concession (its reference is required);
  the failed check then counts as accepted once the report is closed.
* ``return_to_supplier``: the replacement is inspected again before verification.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import (FinishedTest, InspectionCheck, InspectionResult, Job, MaterialIssue, NonConformance,
                         Operation)
from ..domain import quality as q
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.money import round_money
from ..domain.statuses import FINISHED_OPERATION_STATUSES, JobStatus, OperationStatus, check_operation_move, \
    is_read_only
from .common import get_or_fail, next_number, session_locale
from .operations import hold_routing, insert_operation, job_for_edit, ordered

NCR_PREFIX = "NCR"
DISPOSITIONS = tuple(d.value for d in q.Disposition)


@dataclass(frozen=True)
class NcrView:
    id: int
    number: str
    job_id: int
    job_number: str
    check_id: int | None
    characteristic: str  # the check's, or the finished-goods test's name; "" when raised by hand
    result_id: int | None
    finished_test_id: int | None
    description: str
    cause: str
    raised_by: str
    raised_at: dt.datetime
    status: str  # open | dispositioned | verified | closed
    disposition: str | None
    disposition_note: str
    concession_reference: str
    dispositioned_at: dt.datetime | None
    rework_operation_id: int | None
    rework_op_number: int | None
    scrap_issue_id: int | None
    scrap_description: str
    scrap_cost: Decimal | None
    verified_by: str
    verified_at: dt.datetime | None
    verification_note: str
    closed_at: dt.datetime | None
    allowed_actions: tuple[str, ...]  # disposition | verify | close


_ALLOWED = {q.NcrStatus.OPEN: ("disposition",), q.NcrStatus.DISPOSITIONED: ("verify",),
            q.NcrStatus.VERIFIED: ("close",), q.NcrStatus.CLOSED: ()}


def _view(s: Session, n: NonConformance) -> NcrView:
    name = ""
    if n.check is not None:
        name = n.check.characteristic
    elif n.finished_test_id is not None:
        name = s.get(FinishedTest, n.finished_test_id).name
    scrap = n.scrap_issue
    return NcrView(
        n.id, n.number, n.job_id, n.job.number, n.check_id, name, n.result_id, n.finished_test_id, n.description,
        n.cause, n.raised_by, n.raised_at, n.status, n.disposition, n.disposition_note, n.concession_reference,
        n.dispositioned_at, n.rework_operation_id, n.rework_operation.op_number if n.rework_operation else None,
        n.scrap_issue_id, scrap.description if scrap else "",
        round_money(scrap.quantity * scrap.unit_cost) if scrap else None, n.verified_by, n.verified_at,
        n.verification_note, n.closed_at, _ALLOWED[q.NcrStatus(n.status)])


def ncr_views(s: Session, *where) -> list[NcrView]:
    """The reports matching ``where`` (conditions on nonconformances), newest first, as ``_view``
    makes them: one read with their job's number, check or test name, rework operation and scrap."""
    n = NonConformance
    rows = s.execute(
        select(n.id, n.number, n.job_id, Job.number.label("job_number"), n.check_id,
               InspectionCheck.characteristic, FinishedTest.name.label("test_name"), n.result_id, n.finished_test_id,
               n.description, n.cause, n.raised_by, n.raised_at, n.status, n.disposition, n.disposition_note,
               n.concession_reference, n.dispositioned_at, n.rework_operation_id,
               Operation.op_number.label("rework_op_number"), n.scrap_issue_id,
               MaterialIssue.id.label("scrap_id"), MaterialIssue.description.label("scrap_description"),
               MaterialIssue.quantity.label("scrap_quantity"), MaterialIssue.unit_cost.label("scrap_unit_cost"),
               n.verified_by, n.verified_at, n.verification_note, n.closed_at)
        .join(Job, Job.id == n.job_id)
        .outerjoin(InspectionCheck, InspectionCheck.id == n.check_id)
        .outerjoin(FinishedTest, FinishedTest.id == n.finished_test_id)
        .outerjoin(Operation, Operation.id == n.rework_operation_id)
        .outerjoin(MaterialIssue, MaterialIssue.id == n.scrap_issue_id)
        .where(*where).order_by(n.raised_at.desc(), n.id.desc()))
    views = []
    for r in rows:
        if r.characteristic is not None:
            name = r.characteristic
        elif r.finished_test_id is not None:
            name = r.test_name
        else:
            name = ""
        scrap = r.scrap_id is not None
        views.append(NcrView(
            r.id, r.number, r.job_id, r.job_number, r.check_id, name, r.result_id, r.finished_test_id,
            r.description, r.cause, r.raised_by, r.raised_at, r.status, r.disposition, r.disposition_note,
            r.concession_reference, r.dispositioned_at, r.rework_operation_id, r.rework_op_number, r.scrap_issue_id,
            r.scrap_description if scrap else "", round_money(r.scrap_quantity * r.scrap_unit_cost) if scrap else None,
            r.verified_by, r.verified_at, r.verification_note, r.closed_at, _ALLOWED[q.NcrStatus(r.status)]))
    return views


def raise_in_session(s: Session, db: Database, *, job: Job, description: str, cause: str = "",
                     check: InspectionCheck | None = None, result: InspectionResult | None = None,
                     finished_test: FinishedTest | None = None, raised_by: str = "",
                     raised_at: dt.datetime | None = None) -> NonConformance:
    when = raised_at or db.now()
    number = next_number(s, NCR_PREFIX, when.astimezone().year)
    ncr = NonConformance(number=number, job_id=job.id, check_id=check.id if check else None,
                         result_id=result.id if result else None,
                         finished_test_id=finished_test.id if finished_test else None,
                         description=description, cause=cause, raised_by=raised_by, raised_at=when,
                         status=q.NcrStatus.OPEN.value)
    s.add(ncr)
    s.flush()
    return ncr


@writes(Change.QUALITY | Change.ROUTING | Change.JOBS)
def raise_ncr(db: Database, job_id: int, *, description: str, cause: str = "", check_id: int | None = None,
              raised_by: str = "") -> NcrView:
    """Raise a report by hand (a failed check raises its own)."""
    description = v.long_text("description", description, required=True)
    cause = v.long_text("cause", cause)
    raised_by = v.text("raised_by", raised_by)
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        if is_read_only(job.status):
            raise ValidationError("job", f"Job {job.number} is {JobStatus(job.status).label.lower()}.")
        check = None
        if check_id not in (None, ""):
            check = get_or_fail(s, InspectionCheck, check_id, "check_id", "check")
            if check.job_id != job.id:
                raise ValidationError("check_id", "That check belongs to another job.")
        return _view(s, raise_in_session(s, db, job=job, description=description, cause=cause, check=check,
                                         raised_by=raised_by))


@writes(Change.QUALITY)
def update_ncr(db: Database, ncr_id: int, *, description: str | None = None, cause: str | None = None) -> NcrView:
    """Edit the description or cause until the report is verified."""
    with db.session() as s:
        n = get_or_fail(s, NonConformance, ncr_id, "ncr", "non-conformance report")
        if n.status in (q.NcrStatus.VERIFIED, q.NcrStatus.CLOSED):
            raise ValidationError("status", f"{n.number} is {n.status}; it can no longer be edited.")
        if description is not None:
            n.description = v.long_text("description", description, required=True)
        if cause is not None:
            n.cause = v.long_text("cause", cause)
        s.flush()
        return _view(s, n)


def _insert_rework(s: Session, db: Database, n: NonConformance, *, workstation_id, operator_id, minutes, name,
                   instructions: str, any_status: bool) -> Operation:
    job = n.job if any_status else job_for_edit(s, n.job_id)
    ops = ordered(s, job.id)
    failed = n.check.operation if n.check is not None else None
    if workstation_id in (None, ""):
        reference = failed or (ops[-1] if ops else None)
        if reference is None:
            raise ValidationError("workstation_id", "Choose the workstation for the rework.")
        workstation_id = reference.workstation_id
    what = n.check.characteristic if n.check else "non-conformance"
    clean = dict(name=v.text("rework_name", name) or f"Rework: {what} ({n.number})"[:200],
                 instructions=instructions, workstation_id=workstation_id,
                 operator_id=None if operator_id in (None, "") else operator_id,
                 # rework is planned as one lot (setup), not per unit of the job
                 setup_minutes=v.minutes("rework_minutes", minutes, required=False,
                                         locale=session_locale(s)) or Decimal(0),
                 run_minutes=Decimal(0), inspection_required=False, subassembly_id=None)
    try:  # right after the failed operation, else at the end
        return insert_operation(s, job, position=ops.index(failed) + 2 if failed in ops else None, **clean)
    except ValidationError as exc:  # name the field as this service calls it
        raise ValidationError(f"rework_{exc.field}" if exc.field in ("workstation_id", "operator_id") else exc.field,
                              exc.message) from None


def _scrap(s: Session, db: Database, n: NonConformance, *, material_id, quantity, description, unit_cost,
           any_status: bool) -> MaterialIssue:
    from . import bookings

    if quantity in (None, "") or (isinstance(quantity, str) and not quantity.strip()):
        raise ValidationError("scrap_quantity", "How much material was scrapped?")
    try:
        return bookings.move_material_in_session(
            s, db, n.job_id, returning=False, material_id=material_id, description=description, quantity=quantity,
            unit_cost=unit_cost, note=f"Scrap ({n.number})", any_status=any_status)
    except ValidationError as exc:  # name the field as this service calls it
        field = {"material_id": "scrap_material_id", "quantity": "scrap_quantity", "unit_cost": "scrap_unit_cost",
                 "description": "scrap_description"}.get(exc.field, exc.field)
        raise ValidationError(field, exc.message) from None


def disposition_in_session(s: Session, db: Database, ncr_id: int, *, disposition: str, cause: str | None = None,
                           note: str = "", concession_reference: str = "", rework_minutes=None,
                           rework_workstation_id=None, rework_operator_id=None, rework_name: str = "",
                           scrap_material_id=None, scrap_quantity=None, scrap_description: str = "",
                           scrap_unit_cost=None, any_status: bool = False) -> NonConformance:
    disposition = q.Disposition(v.choice("disposition", disposition, DISPOSITIONS))
    note = v.long_text("note", note)
    reference = v.text("concession_reference", concession_reference, max_length=100)
    n = get_or_fail(s, NonConformance, ncr_id, "ncr", "non-conformance report")
    q.check_ncr_move(n.number, n.status, q.NcrStatus.DISPOSITIONED)
    if cause is not None:
        n.cause = v.long_text("cause", cause)
    if not n.cause.strip():
        raise ValidationError("cause", "Say what caused the non-conformance before deciding what to do.")
    if disposition is q.Disposition.USE_AS_IS and not reference:
        raise ValidationError("concession_reference", "Using it as it is needs the customer's concession: give "
                                                      "its reference.")
    if disposition is q.Disposition.REWORK:
        n.rework_operation_id = _insert_rework(
            s, db, n, workstation_id=rework_workstation_id, operator_id=rework_operator_id,
            minutes=rework_minutes, name=rework_name, instructions=note or n.description,
            any_status=any_status).id
    elif disposition is q.Disposition.SCRAP:
        n.scrap_issue_id = _scrap(s, db, n, material_id=scrap_material_id, quantity=scrap_quantity,
                                  description=scrap_description, unit_cost=scrap_unit_cost,
                                  any_status=any_status).id
    n.disposition = disposition.value
    n.disposition_note = note
    n.concession_reference = reference if disposition is q.Disposition.USE_AS_IS else ""
    n.dispositioned_at = db.now()
    n.status = q.NcrStatus.DISPOSITIONED.value
    s.flush()
    return n


@writes(Change.QUALITY | Change.ROUTING | Change.JOBS | Change.BOOKINGS | Change.SHOP)
def disposition(db: Database, ncr_id: int, *, disposition: str, cause: str | None = None, note: str = "",
                concession_reference: str = "", rework_minutes=None, rework_workstation_id: int | None = None,
                rework_operator_id: int | None = None, rework_name: str = "", scrap_material_id: int | None = None,
                scrap_quantity=None, scrap_description: str = "", scrap_unit_cost=None) -> NcrView:
    """Decide what to do about an open report (``cause`` is required by now). rework: a rework
    operation goes in after the failed one (workstation: the failed operation's unless given;
    ``rework_minutes`` planned). scrap: ``scrap_quantity`` of ``scrap_material_id`` (or a
    described line with ``scrap_unit_cost``) is booked to the job as lost. use_as_is: needs
    ``concession_reference``. All or nothing."""
    with db.session() as s:
        n = disposition_in_session(
            s, db, ncr_id, disposition=disposition, cause=cause, note=note,
            concession_reference=concession_reference, rework_minutes=rework_minutes,
            rework_workstation_id=rework_workstation_id, rework_operator_id=rework_operator_id,
            rework_name=rework_name, scrap_material_id=scrap_material_id, scrap_quantity=scrap_quantity,
            scrap_description=scrap_description, scrap_unit_cost=scrap_unit_cost)
        return _view(s, n)


def _passed_since(s: Session, n: NonConformance) -> bool:
    """Has what failed passed again since the report was raised?"""
    from .inspection_state import check_states

    if n.check_id is not None:
        state = check_states(s, n.job_id).get(n.check_id)
        return bool(state and state.state == "pass" and state.result.recorded_at >= n.raised_at
                    and state.result.id != n.result_id)
    if n.finished_test_id is not None:
        failed = s.get(FinishedTest, n.finished_test_id)
        later = s.scalars(select(FinishedTest).where(FinishedTest.job_id == n.job_id,
                                                     FinishedTest.name == failed.name,
                                                     FinishedTest.id != failed.id,
                                                     FinishedTest.tested_at >= failed.tested_at)
                          .order_by(FinishedTest.tested_at.desc(), FinishedTest.id.desc())).first()
        return later is not None and later.result == q.Result.PASS
    return True  # raised by hand about nothing inspectable: the verifier's word is the check


def verify_in_session(s: Session, db: Database, ncr_id: int, *, verified_by: str, note: str = "") -> NonConformance:
    verified_by = v.text("verified_by", verified_by, required=True)
    note = v.long_text("note", note)
    n = get_or_fail(s, NonConformance, ncr_id, "ncr", "non-conformance report")
    q.check_ncr_move(n.number, n.status, q.NcrStatus.VERIFIED)
    if n.disposition != q.Disposition.USE_AS_IS and not _passed_since(s, n):
        what = (f"check “{n.check.characteristic}”" if n.check else
                f"test “{s.get(FinishedTest, n.finished_test_id).name}”")
        raise ValidationError("status", f"{n.number} cannot be verified yet: the {what} has not passed since the "
                                        f"{q.Disposition(n.disposition).label.lower()}. Inspect it again first.")
    n.verified_by = verified_by
    n.verified_at = db.now()
    n.verification_note = note
    n.status = q.NcrStatus.VERIFIED.value
    if n.rework_operation_id is not None:
        # The re-inspection passed, so the rework was done: it no longer shows as open work. On a
        # server its routing is held first: after a terminal's clock-on or an office save, never under it.
        hold_routing(s, n.job_id)
        rework = s.get(Operation, n.rework_operation_id)
        if rework is not None and rework.status not in FINISHED_OPERATION_STATUSES:
            rework.status = check_operation_move(rework.op_number, rework.status, OperationStatus.DONE).value
    s.flush()
    return n


@writes(Change.QUALITY | Change.ROUTING | Change.JOBS)
def verify(db: Database, ncr_id: int, *, verified_by: str, note: str = "") -> NcrView:
    """Confirm the disposition worked. Except for use-as-is, the failed check (or test) must
    have passed since the report was raised."""
    with db.session() as s:
        return _view(s, verify_in_session(s, db, ncr_id, verified_by=verified_by, note=note))


def close_in_session(s: Session, db: Database, ncr_id: int) -> NonConformance:
    n = get_or_fail(s, NonConformance, ncr_id, "ncr", "non-conformance report")
    q.check_ncr_move(n.number, n.status, q.NcrStatus.CLOSED)
    n.closed_at = db.now()
    n.status = q.NcrStatus.CLOSED.value
    s.flush()
    return n


@writes(Change.QUALITY)
def close_ncr(db: Database, ncr_id: int) -> NcrView:
    """Close a verified report (never one that has not been verified)."""
    with db.session() as s:
        return _view(s, close_in_session(s, db, ncr_id))


def get_ncr(db: Database, ncr_id: int) -> NcrView:
    with db.reader() as s:
        return _view(s, get_or_fail(s, NonConformance, ncr_id, "ncr", "non-conformance report"))


def find_ncr_id(db: Database, number: str) -> int:
    from sqlalchemy import func

    from ..domain.errors import NotFoundError

    with db.reader() as s:
        ncr_id = s.scalar(select(NonConformance.id).where(func.upper(NonConformance.number) == number.strip().upper()))
        if ncr_id is None:
            raise NotFoundError("ncr", f"There is no non-conformance report {number.strip()}.")
        return ncr_id


def list_ncrs(db: Database, *, job_id: int | None = None, open_only: bool = False) -> list[NcrView]:
    """Reports, newest first; ``open_only``: those not closed. One read for the reports."""
    with db.reader() as s:
        where = []
        if job_id is not None:
            get_or_fail(s, Job, job_id, "job", "job")
            where.append(NonConformance.job_id == job_id)
        if open_only:
            where.append(NonConformance.status != q.NcrStatus.CLOSED)
        return ncr_views(s, *where)


__all__ = ["NcrView", "DISPOSITIONS", "raise_ncr", "update_ncr", "disposition", "verify", "close_ncr", "get_ncr",
           "find_ncr_id", "list_ncrs"]
