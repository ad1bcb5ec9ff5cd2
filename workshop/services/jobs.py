"""Jobs: create, edit, read one, convert from a brief, and move through their statuses.

This module is the jobs' public face: the list's reads (``JobFilter``, ``list_jobs``, ``list_page``,
``count_jobs``, ``status_counts``, ``late_count``, ``open_count``, their ``JobRow`` and ``JobPage``, and
``is_late``) are made in ``job_list`` and imported from here, so that the window, the command line
and the other services ask ``jobs`` for the list as for a job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ..db.engine import Database
from ..db.models import Attachment, Brief, Customer, Job, JobOrder, JobStatusChange, Material
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import NotFoundError, ValidationError
from ..domain.status_questions import StatusQuestion, check_unfinished
from ..domain.status_questions import status_question as question_before
from . import attachments as att
from .finished_goods import clean_for_stock, in_stock_from, put_into_stock_in_session
from .job_list import (JobFilter, JobPage, JobRow, count_jobs, is_late, late_count, list_jobs, list_page, open_count,
                       status_counts)
from .job_order_membership import set_job_order_in_session
from .common import clean_fields, get_or_fail, next_number, session_locale, settings_row, shop_locale
from .edits import refuse_stale, saved_or_conflict


@dataclass(frozen=True)
class StatusChangeView:
    at: dt.datetime
    from_status: str | None
    to_status: str
    reason: str


@dataclass(frozen=True)
class JobDetail:
    id: int
    number: str
    brief_id: int | None
    brief_number: str | None
    customer_id: int
    customer_name: str
    title: str
    specification: str
    quantity: int
    due_date: dt.date
    priority: str
    status: str
    budget: Decimal | None
    notes: str
    created_at: dt.datetime
    completed_at: dt.datetime | None
    is_late: bool
    history: tuple[StatusChangeView, ...]
    attachments: tuple[att.AttachmentView, ...]
    allowed_actions: tuple[str, ...]
    # Items made for stock (issue 15): how many of the quantity go into stock as which material.
    stock_material_id: int | None = None
    stock_material_code: str = ""
    stock_quantity: int = 0
    # What sort of work it is, for reports ("Kitchen"), and the customer order it is part of.
    kind: str = ""
    job_order_id: int | None = None
    job_order_number: str = ""
    # Several people editing (issue 18): the job's version as read, who saved it last and when. A
    # form hands the version back to ``update_job``, which refuses a save made from an older one.
    version: int = 1
    updated_by: str = ""
    saved_at: dt.datetime | None = None  # when (None: last saved before it was kept)


_PRIORITIES = [p.value for p in st.Priority]


def _validators(db: Database, *, new: bool) -> dict:
    return {
        "customer_id": lambda x: x,
        "title": partial(v.text, "title", required=True),
        "specification": partial(v.long_text, "specification"),
        "quantity": partial(v.positive_int, "quantity"),
        "due_date": partial(v.date, "due_date", not_before=db.today() if new else None),
        "priority": partial(v.choice, "priority", allowed=_PRIORITIES),
        "notes": partial(v.long_text, "notes"),
        "budget": partial(v.money, "budget", required=False),
        "kind": partial(v.text, "kind", max_length=40),
    }


def _detail(db: Database, s: Session, job: Job) -> JobDetail:
    return JobDetail(
        id=job.id, number=job.number, brief_id=job.brief_id, brief_number=job.brief.number if job.brief else None,
        customer_id=job.customer_id, customer_name=job.customer.name, title=job.title,
        specification=job.specification, quantity=job.quantity, due_date=job.due_date, priority=job.priority,
        status=job.status, budget=job.budget, notes=job.notes, created_at=job.created_at,
        completed_at=job.completed_at, is_late=is_late(job.due_date, job.status, db.today()),
        history=tuple(StatusChangeView(h.at, h.from_status, h.to_status, h.reason) for h in job.history),
        attachments=tuple(att.view(a) for a in job.attachments),
        allowed_actions=tuple(a.name for a in st.allowed_actions(job.status)),
        stock_material_id=job.stock_material_id,
        stock_material_code=s.get(Material, job.stock_material_id).code if job.stock_material_id else "",
        stock_quantity=job.stock_quantity,
        kind=job.kind, job_order_id=job.job_order_id,
        job_order_number=s.get(JobOrder, job.job_order_id).number if job.job_order_id else "",
        version=job.version, updated_by=job.updated_by, saved_at=job.saved_at,
    )


#: The fields saying what a job makes for stock, checked together against the job's quantity.
FOR_STOCK = ("stock_material_id", "stock_quantity")


def _set_for_stock(s: Session, job: Job, given: dict, locale: str) -> None:
    """Sets what ``job`` makes for stock from ``given`` (either field, or neither when only the
    quantity changed), checked against its quantity; refused once its lot is in stock."""
    material_id = given.get("stock_material_id", job.stock_material_id)
    count = given.get("stock_quantity", job.stock_quantity if job.stock_material_id else None)
    material_id, count = clean_for_stock(s, material_id, count, job.quantity, locale)
    if (material_id, count) != (job.stock_material_id, job.stock_quantity):
        lot = in_stock_from(s, job.id)
        if lot is not None:
            raise ValidationError("stock_quantity", f"Job {job.number} has put {lot.normalize():f} into stock "
                                                    "already; what it makes for stock can no longer change.")
    job.stock_material_id, job.stock_quantity = material_id, count


def _new_job(s: Session, db: Database, clean: dict, brief_id: int | None) -> Job:
    now = db.now()
    number = next_number(s, settings_row(s).job_prefix, db.today().year)
    job = Job(number=number, brief_id=brief_id, status=st.JobStatus.PLANNED.value, created_at=now, updated_at=now,
              **clean)
    job.history.append(JobStatusChange(at=now, from_status=None, to_status=job.status, reason="Created"))
    s.add(job)
    s.flush()
    return job


@writes(Change.JOBS)
def create_job(db: Database, *, brief_id: int | None = None, **values) -> JobDetail:
    values.setdefault("quantity", 1)
    values.setdefault("priority", "normal")
    for_stock = {name: values.pop(name) for name in FOR_STOCK if name in values}
    locale = shop_locale(db)
    clean = clean_fields(_validators(db, new=True), values, partial=False, locale=locale)
    with db.session() as s:
        get_or_fail(s, Customer, clean["customer_id"], "customer_id", "customer")
        if brief_id is not None:
            get_or_fail(s, Brief, brief_id, "brief", "brief")
        # checked before the job takes a number
        material_id, count = clean_for_stock(s, for_stock.get("stock_material_id"), for_stock.get("stock_quantity"),
                                             clean["quantity"], locale)
        job = _new_job(s, db, {**clean, "stock_material_id": material_id, "stock_quantity": count}, brief_id)
        return _detail(db, s, job)


@writes(Change.BRIEFS | Change.JOBS | Change.FILES)
def convert_brief_to_job(db: Database, brief_id: int, *, quantity, due_date, priority="normal",
                         title: str | None = None) -> JobDetail:
    """Make a job from a brief, carrying the customer, the specification and the attachments;
    the brief is then won."""
    with db.session() as s:
        job = convert_brief_in_session(s, db, brief_id, quantity=quantity, due_date=due_date, priority=priority,
                                       title=title)
        return _detail(db, s, job)


def convert_brief_in_session(s: Session, db: Database, brief_id: int, *, quantity, due_date,
                             priority="normal", title: str | None = None, budget=None) -> Job:
    """``convert_brief_to_job`` inside the caller's unit of work (accepting a quote uses it)."""
    brief = get_or_fail(s, Brief, brief_id, "brief", "brief")
    st.check_brief_move(brief.status, st.BriefStatus.WON)
    spec = brief.requirements
    if brief.constraints:
        spec = f"{spec}\n\nConstraints:\n{brief.constraints}".strip()
    clean = clean_fields(_validators(db, new=True), dict(
        customer_id=brief.customer_id, title=title if title is not None else brief.title, specification=spec,
        quantity=quantity, due_date=due_date, priority=priority, notes="",
        budget=brief.budget if budget is None else budget,
    ), partial=False, locale=session_locale(s))
    job = _new_job(s, db, clean, brief.id)
    for attachment in brief.attachments:
        att.copy_to_job(s, db, attachment, job.id)
    brief.status = st.BriefStatus.WON.value
    brief.updated_at = db.now()
    s.flush()
    s.refresh(job)
    return job


@writes(Change.JOBS)
def update_job(db: Database, job_id: int, *, expected_version: int | None = None, **changes) -> JobDetail:
    """Save ``changes`` to the job. ``expected_version``: the version the person began editing
    (``JobDetail.version``); if someone has saved the job since, nothing is saved and EditConflict
    says who and when, with the job as it is now (services.edits). Without it (a script) the save is
    made as it stands."""
    return saved_or_conflict(lambda: _update_job(db, job_id, expected_version, changes),
                             lambda: get_job(db, job_id), lambda job: f"Job {job.number}")


def _update_job(db: Database, job_id: int, expected_version: int | None, changes: dict) -> JobDetail:
    locale = shop_locale(db)
    for_stock = {name: changes.pop(name) for name in FOR_STOCK if name in changes}
    order = {"job_order_id": changes.pop("job_order_id")} if "job_order_id" in changes else {}
    clean = clean_fields(_validators(db, new=False), changes, partial=True, locale=locale)
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        refuse_stale(job, expected_version, f"Job {job.number}", lambda: _detail(db, s, job))
        if st.is_read_only(job.status):
            raise ValidationError("status", f"Job {job.number} is {st.JobStatus(job.status).label.lower()}; "
                                            "it can no longer be edited.")
        if "customer_id" in clean:
            get_or_fail(s, Customer, clean["customer_id"], "customer_id", "customer")
        if "due_date" in clean and clean["due_date"] != job.due_date:
            v.date("due_date", clean["due_date"], not_before=db.today(), locale=locale)
        for name, value in clean.items():
            setattr(job, name, value)
        if for_stock or "quantity" in clean:
            _set_for_stock(s, job, for_stock, locale)
        if order:  # the job's form moves it between its customer's orders
            set_job_order_in_session(s, job, order["job_order_id"])
        job.updated_at = db.now()
        s.flush()
        return _detail(db, s, job)


@writes(Change.JOBS | Change.SHOP)  # completing puts what the job made for stock into stock
def change_status(db: Database, job_id: int, action: str, reason: str = "") -> JobDetail:
    """Apply a named action (release, hold, resume, cancel …) and record it in the history. A move
    only the program makes (marking a job invoiced) is refused."""
    st.check_by_hand(action)
    reason = v.long_text("reason", reason)
    with db.session() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        change_status_in_session(s, db, job, action, reason)
        return _detail(db, s, job)


def change_status_in_session(s: Session, db: Database, job: Job, action: str, reason: str = "") -> Job:
    """``change_status`` inside the caller's unit of work (recording a delivery uses it).
    Completing with operations not done needs a reason."""
    # the gate's inspection rules load with the first status move, not with the window
    from .gate import check_gate_in_session, unfinished_work_in_session

    new = st.target(action, job.status, reason)
    if new in (st.JobStatus.COMPLETE, st.JobStatus.DELIVERED):
        # Quality gate (issue 6): no complete/delivered while a required check has no pass
        # or a non-conformance is open; the message names them.
        check_gate_in_session(s, job, "completed" if new is st.JobStatus.COMPLETE else "delivered")
    if action == "complete":
        check_unfinished(action, reason, unfinished_work_in_session(s, job.id))
    now = db.now()
    job.history.append(JobStatusChange(at=now, from_status=job.status, to_status=new.value, reason=reason))
    job.status = new.value
    job.updated_at = now
    if new is st.JobStatus.COMPLETE and job.completed_at is None:
        job.completed_at = now
    if new is st.JobStatus.COMPLETE:
        put_into_stock_in_session(s, db, job)  # what it made for stock, at its unit cost, once
    s.flush()
    return job


def status_question(db: Database, job_id: int, action: str) -> StatusQuestion:
    """What to ask before ``action``: complete, deliver, close and cancel confirm, naming what
    is unfinished; completing with operations not done, reopening and the rest of the reasoned
    moves ask for a reason."""
    from .gate import unfinished_work_in_session

    with db.reader() as s:
        job = get_or_fail(s, Job, job_id, "job", "job")
        return question_before(action, job.number, unfinished_work_in_session(s, job.id))


def get_job(db: Database, job_id: int) -> JobDetail:
    with db.reader() as s:
        return _detail(db, s, get_or_fail(s, Job, job_id, "job", "job", options=_DETAIL_READ))


#: What ``_detail`` reads of a job, brought along when it is read: its customer and brief in the
#: same statement, its history and files (with their sizes) in one each.
_DETAIL_READ = (joinedload(Job.customer), joinedload(Job.brief), selectinload(Job.history),
                selectinload(Job.attachments).joinedload(Attachment.blob))


def find_job_id(db: Database, number: str) -> int:
    with db.reader() as s:
        job_id = s.scalar(select(Job.id).where(func.upper(Job.number) == number.strip().upper()))
        if job_id is None:
            raise NotFoundError("job", f"There is no job {number.strip()}.")
        return job_id


def job_by_number(db: Database, number: str) -> JobDetail:
    return get_job(db, find_job_id(db, number))


__all__ = ["JobRow", "JobPage", "JobDetail", "JobFilter", "StatusChangeView", "create_job", "convert_brief_to_job",
           "update_job", "change_status", "change_status_in_session", "status_question", "get_job", "job_by_number",
           "find_job_id", "list_jobs", "list_page", "count_jobs",
           "status_counts", "late_count", "open_count", "is_late"]
