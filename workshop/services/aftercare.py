"""Aftercare: a warranty per job (the shop's default months unless the job has its own,
starting on the first delivery) and aftercare tickets (AC-YYYY-NNNN) with their status."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db.engine import Database
from ..db.models import AftercareTicket, Delivery, Job, Warranty
from ..domain import quality as q
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain import statuses as st
from ..domain.errors import ValidationError
from .common import clean_fields, get_or_fail, next_number, session_locale, settings_row, shop_locale

TICKET_PREFIX = "AC"
TICKET_STATUSES = tuple(t.value for t in q.TicketStatus)


@dataclass(frozen=True)
class WarrantyView:
    job_id: int
    months: int
    is_shop_default: bool  # the job has no period of its own
    start_date: dt.date | None  # the first delivery; None until delivered
    end_date: dt.date | None
    notes: str

    def covers(self, day: dt.date) -> bool:
        return q.under_warranty(self.end_date, day)


@dataclass(frozen=True)
class TicketView:
    id: int
    number: str
    job_id: int
    job_number: str
    customer_name: str
    opened_on: dt.date
    problem: str
    action: str
    cost: Decimal
    under_warranty: bool
    warranty_end: dt.date | None
    status: str
    resolved_on: dt.date | None
    updated_at: dt.datetime
    allowed_statuses: tuple[str, ...]


def warranty_in_session(s: Session, job: Job) -> WarrantyView:
    """The job's warranty; it starts on the first delivery (read here, so that the delivery note,
    which prints the warranty, can use this module without this one using it back)."""
    own = s.scalar(select(Warranty).where(Warranty.job_id == job.id))
    months = own.months if own else settings_row(s).default_warranty_months
    start = s.scalar(select(func.min(Delivery.delivered_on)).where(Delivery.job_id == job.id))
    return WarrantyView(job.id, months, own is None, start, q.warranty_end(start, months), own.notes if own else "")


def get_warranty(db: Database, job_id: int) -> WarrantyView:
    with db.reader() as s:
        return warranty_in_session(s, get_or_fail(s, Job, job_id, "job", "job"))


@writes(Change.QUALITY)
def set_warranty(db: Database, job_id: int, *, months: int | str | None, notes: str = "") -> WarrantyView:
    """Give the job its own warranty period (``months`` 0–240), or ``None`` for the shop's default."""
    notes = v.long_text("notes", notes)
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        own = s.scalar(select(Warranty).where(Warranty.job_id == job.id))
        if months is None or (isinstance(months, str) and not months.strip()):
            if own is not None:
                s.delete(own)
                s.flush()
        else:
            if months in (0, "0"):
                value = 0
            else:
                value = v.positive_int("months", months, maximum=240)
            if own is None:
                own = Warranty(job_id=job.id, months=value, notes=notes)
                s.add(own)
            else:
                own.months, own.notes = value, notes
            s.flush()
        return warranty_in_session(s, job)


# --- tickets -----------------------------------------------------------------------------------


def _view(s: Session, t: AftercareTicket, warranty: WarrantyView | None = None) -> TicketView:
    """``warranty``: the ticket's job's, when it was read already."""
    warranty = warranty if warranty is not None else warranty_in_session(s, t.job)
    allowed = tuple(x.value for x in q.TicketStatus if q.can_move_ticket(t.status, x))
    return TicketView(t.id, t.number, t.job_id, t.job.number, t.job.customer.name, t.opened_on, t.problem, t.action,
                      t.cost, t.under_warranty, warranty.end_date, t.status, t.resolved_on, t.updated_at, allowed)


_VALIDATORS = {
    "problem": partial(v.long_text, "problem", required=True),
    "action": partial(v.long_text, "action"),
    "cost": partial(v.money, "cost"),
    "opened_on": partial(v.date, "opened_on"),
    "under_warranty": lambda x: x if x is None else bool(x),
}


def open_ticket_in_session(s: Session, db: Database, job_id: int, *, problem, action: str = "", cost="0",
                           opened_on=None, under_warranty: bool | None = None,
                           any_status: bool = False) -> AftercareTicket:
    clean = clean_fields(_VALIDATORS, dict(problem=problem, action=action, cost=cost if cost not in (None, "")
                                           else "0", opened_on=opened_on or db.today(),
                                           under_warranty=under_warranty), partial=False,
                         locale=session_locale(s))
    if clean["opened_on"] > db.today():
        raise ValidationError("opened_on", "A ticket cannot be opened in the future.")
    job = get_or_fail(s, Job, job_id, "job", "job")
    if not any_status and not st.can_open_ticket(job.status):
        raise st.refusal("job", job.number, job.status, st.TICKETS_WAIT)
    if clean["under_warranty"] is None:  # worked out from the warranty, unless the user said
        clean["under_warranty"] = warranty_in_session(s, job).covers(clean["opened_on"])
    now = db.now()
    ticket = AftercareTicket(number=next_number(s, TICKET_PREFIX, clean["opened_on"].year), job_id=job.id,
                             status=q.TicketStatus.OPEN.value, created_at=now, updated_at=now, **clean)
    s.add(ticket)
    s.flush()
    return ticket


@writes(Change.QUALITY)
def open_ticket(db: Database, job_id: int, *, problem: str, action: str = "", cost="0", opened_on=None,
                under_warranty: bool | None = None) -> TicketView:
    """Open an aftercare ticket. ``under_warranty`` defaults to whether the job's warranty
    covers ``opened_on`` (default today); pass True/False to override."""
    with db.session() as s:
        return _view(s, open_ticket_in_session(s, db, job_id, problem=problem, action=action, cost=cost,
                                               opened_on=opened_on, under_warranty=under_warranty))


@writes(Change.QUALITY)
def update_ticket(db: Database, ticket_id: int, **changes) -> TicketView:
    """Edit problem, action, cost, opened_on or under_warranty (not once closed)."""
    if "status" in changes:
        raise ValidationError("status", "Use set_ticket_status to move a ticket.")
    clean = clean_fields(_VALIDATORS, changes, partial=True, locale=shop_locale(db))
    with db.session() as s:
        t = get_or_fail(s, AftercareTicket, ticket_id, "ticket", "aftercare ticket")
        if t.status == q.TicketStatus.CLOSED:
            raise ValidationError("status", f"{t.number} is closed; it can no longer be edited.")
        if clean.get("under_warranty", True) is None:
            clean["under_warranty"] = warranty_in_session(s, t.job).covers(clean.get("opened_on", t.opened_on))
        for name, value in clean.items():
            setattr(t, name, value)
        t.updated_at = db.now()
        s.flush()
        return _view(s, t)


def set_ticket_status_in_session(s: Session, db: Database, ticket_id: int, status: str) -> AftercareTicket:
    status = v.choice("status", status, TICKET_STATUSES)
    t = get_or_fail(s, AftercareTicket, ticket_id, "ticket", "aftercare ticket")
    new = q.check_ticket_move(t.status, status)
    if new is q.TicketStatus.RESOLVED:
        if not t.action.strip():
            raise ValidationError("action", "Say what was done before marking the ticket resolved.")
        t.resolved_on = db.today()
    elif new in (q.TicketStatus.OPEN, q.TicketStatus.IN_PROGRESS):
        t.resolved_on = None
    t.status = new.value
    t.updated_at = db.now()
    s.flush()
    return t


@writes(Change.QUALITY)
def set_ticket_status(db: Database, ticket_id: int, status: str) -> TicketView:
    """open → in_progress → resolved → closed (a resolved ticket can be reopened to in_progress)."""
    with db.session() as s:
        return _view(s, set_ticket_status_in_session(s, db, ticket_id, status))


def get_ticket(db: Database, ticket_id: int) -> TicketView:
    with db.reader() as s:
        return _view(s, get_or_fail(s, AftercareTicket, ticket_id, "ticket", "aftercare ticket"))


def tickets_in_session(s: Session, *, job_id: int | None = None, open_only: bool = False,
                       warranty: WarrantyView | None = None) -> list[TicketView]:
    """Tickets, newest first, read in ``s``. With ``job_id`` the job has been found in ``s`` already
    (its tickets name it from the session, not from another read) and ``warranty`` may be its warranty
    as read with it."""
    query = select(AftercareTicket)
    if job_id is not None:
        query = query.where(AftercareTicket.job_id == job_id)
    else:
        query = query.options(selectinload(AftercareTicket.job).selectinload(Job.customer))
    if open_only:
        query = query.where(AftercareTicket.status.in_([q.TicketStatus.OPEN.value,
                                                        q.TicketStatus.IN_PROGRESS.value]))
    # each job's read once, however many tickets it has
    warranties: dict[int, WarrantyView] = {job_id: warranty} if job_id is not None and warranty is not None else {}
    views = []
    for t in s.scalars(query.order_by(AftercareTicket.opened_on.desc(), AftercareTicket.id.desc())):
        if t.job_id not in warranties:
            warranties[t.job_id] = warranty_in_session(s, t.job)
        views.append(_view(s, t, warranties[t.job_id]))
    return views


def list_tickets(db: Database, *, job_id: int | None = None, open_only: bool = False) -> list[TicketView]:
    """Tickets, newest first; ``open_only``: not resolved or closed."""
    with db.reader() as s:
        if job_id is not None:
            get_or_fail(s, Job, job_id, "job", "job")
        return tickets_in_session(s, job_id=job_id, open_only=open_only)


__all__ = ["WarrantyView", "TicketView", "TICKET_STATUSES", "get_warranty", "set_warranty", "open_ticket",
           "update_ticket", "set_ticket_status", "get_ticket", "list_tickets"]
