"""A job's whole history, in time order: status changes, operations worked (who, when — from the
time logs), inspection results and corrections, finished-goods tests, non-conformances (raised,
dispositioned, verified, closed), deliveries, feedback and aftercare tickets.

Operations marked done without any time booked have no moment of their own, so they do not
appear; everything else that happened to the job does.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..db.models import (AftercareTicket, Delivery, DirectCost, Feedback, FinishedTest, InspectionCheck,
                         InspectionResult, Job, MaterialIssue, NonConformance, Operation, Operator, TimeLog)
from ..domain import quality as q
from ..domain.labels import DELIVERY_METHOD_LABELS
from ..domain.statuses import JobStatus
from ..domain.wording import plural
from ..domain.locale_text import format_date, format_date_time
from .common import get_or_fail, session_locale

#: Event kinds, in the order they sort when two happen at the same moment.
KINDS = ("status", "operation", "inspection", "correction", "test", "ncr", "delivery", "feedback", "ticket")


@dataclass(frozen=True)
class HistoryEvent:
    at: dt.datetime
    kind: str  # one of KINDS
    title: str  # "Status: in progress → inspection", "030 Check and oil", "NCR-2026-0001 raised" …
    detail: str
    who: str
    reference: str  # a number or operation to look up: "NCR-2026-0001", "030", "AC-2026-0002", ""


@dataclass(frozen=True)
class TraceabilityData:
    job_number: str
    job_title: str
    customer_name: str
    status: str
    specification: str
    printed_at: dt.datetime
    events: tuple[HistoryEvent, ...]


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC)


def _minutes(value) -> str:
    return f"{q.fmt(value)} min"


def _corrections(s, job: Job, logs: list, ops: dict) -> list[HistoryEvent]:
    """Each booking corrected by a reversing entry, with its reason (the entries themselves stay)."""
    out = [HistoryEvent(log.booked_at, "correction", "Time booking reversed",
                        f"{_minutes(abs(min(log.labour_minutes, log.machine_minutes)))} on "
                        f"{ops[log.operation_id].op_number:03d} {ops[log.operation_id].name}: {log.reason}",
                        log.operator_name or "", f"{ops[log.operation_id].op_number:03d}")
           for log in logs if log.reverses_id is not None]
    for i in s.scalars(select(MaterialIssue).where(MaterialIssue.job_id == job.id,
                                                   MaterialIssue.reverses_id.is_not(None)).order_by(MaterialIssue.id)):
        out.append(HistoryEvent(i.issued_at, "correction", "Material booking reversed",
                                f"{q.fmt(abs(i.quantity))} {i.unit} {i.description}: {i.reason}", "", ""))
    for c in s.scalars(select(DirectCost).where(DirectCost.job_id == job.id, DirectCost.reverses_id.is_not(None))
                       .order_by(DirectCost.id)):
        out.append(HistoryEvent(c.created_at, "correction", "Cost reversed",
                                f"{c.category.capitalize()} {c.description}: {c.reason}".replace("  ", " "), "", ""))
    return out


def _events(s, job: Job) -> list[HistoryEvent]:
    locale = session_locale(s)  # dates inside the words are written as the shop writes them
    events: list[HistoryEvent] = []
    for h in job.history:
        frm = JobStatus(h.from_status).label.lower() if h.from_status else None
        to = JobStatus(h.to_status).label.lower()
        events.append(HistoryEvent(h.at, "status", f"Status: {frm} → {to}" if frm else f"Created ({to})",
                                   h.reason, "", ""))

    # plain rows: a big job has hundreds of time logs
    logs = s.connection().execute(
        select(TimeLog.id, TimeLog.operation_id, TimeLog.started_at, TimeLog.ended_at, TimeLog.booked_at,
               TimeLog.labour_minutes, TimeLog.machine_minutes, TimeLog.reverses_id, TimeLog.reason,
               Operator.name.label("operator_name"))
        .outerjoin(Operator, Operator.id == TimeLog.operator_id)
        .where(TimeLog.job_id == job.id).order_by(TimeLog.id)).all()
    by_op: dict[int, list] = {}
    for log in logs:
        by_op.setdefault(log.operation_id, []).append(log)
    ops = {o.id: o for o in s.connection().execute(
        select(Operation.id, Operation.op_number, Operation.name, Operation.status)
        .where(Operation.job_id == job.id))}
    for op_id, op_logs in by_op.items():
        op = ops[op_id]
        ends = [log.ended_at or log.booked_at for log in op_logs]
        starts = [log.started_at or log.booked_at for log in op_logs]
        who = ", ".join(dict.fromkeys(log.operator_name for log in op_logs if log.operator_name is not None))
        total = sum((max(log.labour_minutes, log.machine_minutes) for log in op_logs), start=Decimal(0))
        state = {"done": "done", "skipped": "skipped"}.get(op.status, f"{op.status}, so far")
        detail = (f"{_minutes(total)} in {plural(len(op_logs), 'booking')} from "
                  f"{format_date_time(min(starts).astimezone(), locale)} ({state})")
        events.append(HistoryEvent(max(ends), "operation", f"{op.op_number:03d} {op.name}", detail, who,
                                   f"{op.op_number:03d}"))
    events += _corrections(s, job, logs, ops)

    checks = {c.id: c for c in s.scalars(select(InspectionCheck).where(InspectionCheck.job_id == job.id)
                                         .options(selectinload(InspectionCheck.operation)))}
    for r in s.scalars(select(InspectionResult).where(InspectionResult.job_id == job.id)
                       .options(selectinload(InspectionResult.readings)).order_by(InspectionResult.id)):
        c = checks[r.check_id]
        where = f"{c.operation.op_number:03d} {c.operation.name}" if c.operation else "Final inspection"
        readings = ", ".join(f"{q.fmt(x.value)} {x.unit}".strip() for x in r.readings)
        detail = f"{r.result.upper()}" + (f": {readings}" if readings else "") + (f". {r.notes}" if r.notes else "")
        if r.corrects_id is not None:
            detail += f" (corrects result {r.corrects_id}: {r.correction_reason})"
        events.append(HistoryEvent(r.recorded_at, "correction" if r.corrects_id else "inspection",
                                   f"{c.characteristic} at {where}", detail, r.inspector,
                                   f"{c.operation.op_number:03d}" if c.operation else ""))

    for t in s.scalars(select(FinishedTest).where(FinishedTest.job_id == job.id).order_by(FinishedTest.id)):
        value = f"{q.fmt(t.value)} {t.value_unit}".strip() if t.value is not None else ""
        events.append(HistoryEvent(t.tested_at, "test", f"Test: {t.name}",
                                   t.result.upper() + (f": {value}" if value else "") + (f". {t.notes}" if t.notes
                                                                                        else ""), t.tester, ""))

    for n in s.scalars(select(NonConformance).where(NonConformance.job_id == job.id)
                       .options(selectinload(NonConformance.rework_operation)).order_by(NonConformance.id)):
        events.append(HistoryEvent(n.raised_at, "ncr", f"{n.number} raised", n.description, n.raised_by, n.number))
        if n.dispositioned_at is not None and n.disposition:
            detail = q.Disposition(n.disposition).label
            if n.rework_operation is not None:
                detail += f": operation {n.rework_operation.op_number:03d} added"
            if n.concession_reference:
                detail += f": concession {n.concession_reference}"
            if n.cause:
                detail += f". Cause: {n.cause}"
            events.append(HistoryEvent(n.dispositioned_at, "ncr", f"{n.number} dispositioned", detail, "", n.number))
        if n.verified_at is not None:
            events.append(HistoryEvent(n.verified_at, "ncr", f"{n.number} verified", n.verification_note,
                                       n.verified_by, n.number))
        if n.closed_at is not None:
            events.append(HistoryEvent(n.closed_at, "ncr", f"{n.number} closed", "", "", n.number))

    for d in s.scalars(select(Delivery).where(Delivery.job_id == job.id).order_by(Delivery.id)):
        events.append(HistoryEvent(d.recorded_at, "delivery", f"{DELIVERY_METHOD_LABELS[d.method]} on "
                                                              f"{format_date(d.delivered_on, locale)}",
                                   d.notes, d.received_by, ""))
    for f in s.scalars(select(Feedback).where(Feedback.job_id == job.id).order_by(Feedback.id)):
        events.append(HistoryEvent(f.recorded_at, "feedback", f"Feedback: {f.rating}/5", f.comments, "", ""))
    for t in s.scalars(select(AftercareTicket).where(AftercareTicket.job_id == job.id).order_by(AftercareTicket.id)):
        events.append(HistoryEvent(t.created_at, "ticket", f"{t.number} opened",
                                   t.problem + (" (under warranty)" if t.under_warranty else ""), "", t.number))
        if t.resolved_on is not None:
            events.append(HistoryEvent(max(_noon(t.resolved_on), t.created_at), "ticket", f"{t.number} resolved",
                                       t.action, "", t.number))
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(events, key=lambda e: (e.at, order[e.kind]))


def job_history(db: Database, job_id: int) -> list[HistoryEvent]:
    """Everything that happened to the job, oldest first."""
    with db.reader() as s:
        return _events(s, get_or_fail(s, Job, job_id, "job", "job"))


def traceability_data(db: Database, job_id: int) -> TraceabilityData:
    """The job's history with its header, for the traceability PDF."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        return TraceabilityData(job.number, job.title, job.customer.name, job.status, job.specification, db.now(),
                                tuple(_events(s, job)))


__all__ = ["KINDS", "HistoryEvent", "TraceabilityData", "job_history", "traceability_data"]
