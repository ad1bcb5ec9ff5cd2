"""Delivery (collected, delivered, installed on site), the delivery note's data, and the
customer's feedback (a rating of 1–5 and comments)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import Delivery, Feedback, Job
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain import statuses as st
from ..domain.errors import ValidationError
from ..domain.labels import DELIVERY_METHOD_LABELS
from ..domain.status_questions import UnfinishedWork
from . import jobs
from .aftercare import TicketView, WarrantyView, tickets_in_session, warranty_in_session
from .common import get_or_fail, session_locale
from .gate import unfinished_work_in_session

METHODS = tuple(DELIVERY_METHOD_LABELS)  # the values stored


@dataclass(frozen=True)
class DeliveryView:
    id: int
    job_id: int
    job_number: str
    delivered_on: dt.date
    method: str
    method_label: str
    received_by: str
    notes: str
    recorded_at: dt.datetime


@dataclass(frozen=True)
class FeedbackView:
    id: int
    job_id: int
    job_number: str
    rating: int
    comments: str
    received_on: dt.date
    recorded_at: dt.datetime


def _view(d: Delivery, number: str) -> DeliveryView:
    return DeliveryView(d.id, d.job_id, number, d.delivered_on, d.method, DELIVERY_METHOD_LABELS[d.method], d.received_by,
                        d.notes, d.recorded_at)


def add_delivery_in_session(s: Session, db: Database, job: Job, *, delivered_on=None, method, received_by,
                            notes: str = "", completion_reason: str = "", set_status: bool = True) -> Delivery:
    """Record a delivery; with ``set_status`` a complete job becomes delivered (through the
    quality gate), and one in inspection is completed first, with ``completion_reason`` (needed
    when operations are not done). ``set_status=False`` only records it (importing history)."""
    day = v.date("delivered_on", delivered_on, required=False, locale=session_locale(s)) or db.today()
    if day > db.today():
        raise ValidationError("delivered_on", "A delivery cannot be recorded before it happens.")
    method = v.choice("method", method, METHODS)
    received_by = v.text("received_by", received_by, required=True)
    notes = v.long_text("notes", notes)
    if set_status:
        if not st.can_record_delivery(job.status):
            raise st.refusal("status", job.number, job.status, st.DELIVERY_WAITS)
        if st.completes_on_delivery(job.status):
            # Passed final inspection and handed over in one go: completed and delivered in the
            # same transaction, so a refusal leaves the job exactly as it was.
            jobs.change_status_in_session(s, db, job, "complete", completion_reason.strip() or "Completed on delivery")
        if not st.is_delivered(job.status):
            jobs.change_status_in_session(s, db, job, "deliver", f"{DELIVERY_METHOD_LABELS[method]} on {day.isoformat()}, "
                                                                 f"received by {received_by}")
    delivery = Delivery(job_id=job.id, delivered_on=day, method=method, received_by=received_by, notes=notes,
                        recorded_at=db.now())
    s.add(delivery)
    s.flush()
    return delivery


@writes(Change.JOBS | Change.QUALITY | Change.SHOP)  # completed on the way: items made for stock go in
def record_delivery(db: Database, job_id: int, *, method: str, received_by: str, delivered_on=None,
                    notes: str = "", completion_reason: str = "") -> DeliveryView:
    """The job leaves the shop: ``method`` collected | delivered | installed, who received it,
    the date (default today). A complete job (or one in inspection, which is completed on the
    way, with ``completion_reason`` in its history) becomes delivered — refused, naming the
    problems, while a required check has no pass or a non-conformance is open. All of it is one
    unit of work: any refusal leaves the job as it was, with no delivery and no history row."""
    reason = v.long_text("completion_reason", completion_reason)
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        return _view(add_delivery_in_session(s, db, job, delivered_on=delivered_on, method=method,
                                             received_by=received_by, notes=notes, completion_reason=reason),
                     job.number)


def _deliveries_in_session(s: Session, job: Job) -> list[DeliveryView]:
    rows = s.scalars(select(Delivery).where(Delivery.job_id == job.id).order_by(Delivery.delivered_on, Delivery.id))
    return [_view(d, job.number) for d in rows]


def list_deliveries(db: Database, job_id: int) -> list[DeliveryView]:
    with db.reader() as s:
        return _deliveries_in_session(s, get_or_fail(s, Job, job_id, "job", "job"))


@dataclass(frozen=True)
class DeliveryPage:
    """What the job's Delivery & aftercare page shows, read at once."""
    job_id: int
    number: str
    status: str  # the job's status as it is now
    deliveries: tuple[DeliveryView, ...]
    unfinished: UnfinishedWork | None  # what stops the gate; None while the job cannot be delivered
    feedback: tuple[FeedbackView, ...]
    warranty: WarrantyView
    tickets: tuple[TicketView, ...]


def delivery_page(db: Database, job_id: int) -> DeliveryPage:
    """The job's status, deliveries, gate (when it may be delivered), feedback, warranty and tickets
    in one unit of work: the same views as list_deliveries, gate.unfinished_work, list_feedback,
    get_warranty and list_tickets give one by one."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        deliveries = tuple(_deliveries_in_session(s, job))
        unfinished = unfinished_work_in_session(s, job.id) if st.can_record_delivery(job.status) else None
        feedback = tuple(_feedback_in_session(s, job.id))
        warranty = warranty_in_session(s, job)
        return DeliveryPage(job.id, job.number, job.status, deliveries, unfinished, feedback, warranty,
                            tuple(tickets_in_session(s, job_id=job.id, warranty=warranty)))


# --- feedback ----------------------------------------------------------------------------------


def _rating(value: object) -> int:
    if isinstance(value, str) and not re.fullmatch(r"\s*[+]?\d+\s*", value or ""):
        raise ValidationError("rating", "Rate from 1 to 5 (whole stars).")
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValidationError("rating", "Rate from 1 to 5 (whole stars).")
    rating = int(value)
    if not 1 <= rating <= 5:
        raise ValidationError("rating", f"Rate from 1 to 5, not {rating}.")
    return rating


def add_feedback_in_session(s: Session, db: Database, job: Job, *, rating, comments: str = "", received_on=None,
                            any_status: bool = False) -> Feedback:
    rating = _rating(rating)
    comments = v.long_text("comments", comments)
    day = v.date("received_on", received_on, required=False, locale=session_locale(s)) or db.today()
    if day > db.today():
        raise ValidationError("received_on", "Feedback cannot be dated in the future.")
    if not any_status and not st.can_record_feedback(job.status):
        raise st.refusal("job", job.number, job.status, st.FEEDBACK_WAITS)
    row = Feedback(job_id=job.id, rating=rating, comments=comments, received_on=day, recorded_at=db.now())
    s.add(row)
    s.flush()
    return row


@writes(Change.QUALITY)
def record_feedback(db: Database, job_id: int, *, rating, comments: str = "", received_on=None) -> FeedbackView:
    """The customer's rating (1–5) and comments on a complete or delivered job."""
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        f = add_feedback_in_session(s, db, job, rating=rating, comments=comments, received_on=received_on)
        return FeedbackView(f.id, job.id, job.number, f.rating, f.comments, f.received_on, f.recorded_at)


def list_feedback(db: Database, *, job_id: int | None = None) -> list[FeedbackView]:
    """Feedback, newest first (one job's, or the whole shop's for reports)."""
    with db.reader() as s:
        if job_id is not None:
            get_or_fail(s, Job, job_id, "job", "job")
        return _feedback_in_session(s, job_id)


def _feedback_in_session(s: Session, job_id: int | None) -> list[FeedbackView]:
    query = select(Feedback, Job.number).join(Job, Job.id == Feedback.job_id)
    if job_id is not None:
        query = query.where(Feedback.job_id == job_id)
    rows = s.execute(query.order_by(Feedback.received_on.desc(), Feedback.id.desc()))
    return [FeedbackView(f.id, f.job_id, number, f.rating, f.comments, f.received_on, f.recorded_at)
            for f, number in rows]


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None  # mean rating, None without feedback
    by_rating: tuple[tuple[int, int], ...]  # (rating, count) for 1..5


def feedback_summary(db: Database, *, since: dt.date | None = None) -> FeedbackSummary:
    with db.reader() as s:
        query = select(Feedback.rating, func.count()).group_by(Feedback.rating)
        if since is not None:
            query = query.where(Feedback.received_on >= since)
        counts = dict(s.execute(query).all())
    total = sum(counts.values())
    average = sum(r * c for r, c in counts.items()) / total if total else None
    return FeedbackSummary(total, average, tuple((r, counts.get(r, 0)) for r in range(1, 6)))


# --- the delivery note -------------------------------------------------------------------------


@dataclass(frozen=True)
class DeliveryNoteLine:
    description: str
    quantity: int
    unit: str


@dataclass(frozen=True)
class DeliveryNoteData:
    note_number: str  # "J-2026-0042/D1": the job number and the delivery's order within the job
    job_number: str
    job_title: str
    customer_name: str
    customer_address: str
    contact_person: str
    specification: str
    delivered_on: dt.date
    method: str
    method_label: str
    received_by: str
    notes: str
    lines: tuple[DeliveryNoteLine, ...]
    warranty_months: int
    warranty_end: dt.date | None


def delivery_note_data(db: Database, job_id: int, delivery_id: int | None = None) -> DeliveryNoteData:
    """What a delivery note prints, for ``delivery_id`` (default: the job's latest delivery)."""
    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        rows = list(s.scalars(select(Delivery).where(Delivery.job_id == job_id).order_by(Delivery.id)))
        if not rows:
            raise ValidationError("job", f"Job {job.number} has no delivery recorded yet.")
        if delivery_id is None:
            d = rows[-1]
        else:
            d = next((r for r in rows if r.id == int(delivery_id)), None)
            if d is None:
                raise ValidationError("delivery", f"That delivery is not one of job {job.number}'s.")
        warranty = warranty_in_session(s, job)
        return DeliveryNoteData(
            f"{job.number}/D{rows.index(d) + 1}", job.number, job.title, job.customer.name, job.customer.address,
            job.customer.contact_person, job.specification, d.delivered_on, d.method, DELIVERY_METHOD_LABELS[d.method],
            d.received_by, d.notes, (DeliveryNoteLine(job.title, job.quantity, "ea"),), warranty.months,
            warranty.end_date)


__all__ = ["METHODS", "DeliveryView", "FeedbackView", "FeedbackSummary", "DeliveryNoteLine",
           "DeliveryNoteData", "record_delivery", "list_deliveries", "record_feedback", "list_feedback",
           "feedback_summary", "delivery_note_data"]
