"""Briefs: what the customer asked for, on the way to a quote and a job."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import partial

from sqlalchemy import func, select

from ..db.engine import Database
from ..db.models import Brief, Customer
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.statuses import BriefStatus, check_brief_move
from . import attachments as att
from .common import clean_fields, get_or_fail, next_number, settings_row, shop_locale, text_search
from .edits import refuse_stale, saved_or_conflict


@dataclass(frozen=True)
class BriefRow:
    id: int
    number: str
    customer_name: str
    title: str
    status: str
    required_by: dt.date | None
    budget: Decimal | None
    created_at: dt.datetime


@dataclass(frozen=True)
class BriefDetail:
    id: int
    number: str
    customer_id: int
    customer_name: str
    title: str
    requirements: str
    constraints: str
    budget: Decimal | None
    required_by: dt.date | None
    status: str
    status_reason: str
    created_at: dt.datetime
    attachments: tuple[att.AttachmentView, ...]
    job_numbers: tuple[str, ...]
    # Several people editing (issue 18): the version read, who saved it last and when.
    version: int = 1
    updated_by: str = ""
    saved_at: dt.datetime | None = None  # when (None: last saved before it was kept)


def _validators(db: Database, *, new: bool) -> dict:
    return {
        "customer_id": lambda x: x,  # checked against the table below
        "title": partial(v.text, "title", required=True),
        "requirements": partial(v.long_text, "requirements"),
        "constraints": partial(v.long_text, "constraints"),
        "budget": partial(v.money, "budget", required=False),
        "required_by": partial(v.date, "required_by", required=False, not_before=db.today() if new else None),
    }


def _detail(s, b: Brief) -> BriefDetail:
    from ..db.models import Job

    jobs = tuple(s.scalars(select(Job.number).where(Job.brief_id == b.id).order_by(Job.id)))
    return BriefDetail(
        b.id, b.number, b.customer_id, b.customer.name, b.title, b.requirements, b.constraints, b.budget,
        b.required_by, b.status, b.status_reason, b.created_at, tuple(att.view(a) for a in b.attachments), jobs,
        b.version, b.updated_by, b.saved_at,
    )


@writes(Change.BRIEFS)
def create_brief(db: Database, **values) -> BriefDetail:
    clean = clean_fields(_validators(db, new=True), values, partial=False, locale=shop_locale(db))
    with db.session() as s:
        get_or_fail(s, Customer, clean["customer_id"], "customer_id", "customer")
        now = db.now()
        number = next_number(s, settings_row(s).brief_prefix, db.today().year)
        brief = Brief(number=number, status=BriefStatus.NEW.value, created_at=now, updated_at=now, **clean)
        s.add(brief)
        s.flush()
        return _detail(s, brief)


@writes(Change.BRIEFS)
def update_brief(db: Database, brief_id: int, *, expected_version: int | None = None, **changes) -> BriefDetail:
    """Save ``changes``. ``expected_version``: the version the form showed; saved by someone since,
    EditConflict (services.edits) and nothing is saved."""
    return saved_or_conflict(lambda: _update_brief(db, brief_id, expected_version, changes),
                             lambda: get_brief(db, brief_id), lambda b: f"Brief {b.number}")


def _update_brief(db: Database, brief_id: int, expected_version: int | None, changes: dict) -> BriefDetail:
    validators = _validators(db, new=False)
    locale = shop_locale(db)
    clean = clean_fields(validators, changes, partial=True, locale=locale)
    with db.session() as s:
        brief = get_or_fail(s, Brief, brief_id, "brief", "brief")
        refuse_stale(brief, expected_version, f"Brief {brief.number}", lambda: _detail(s, brief))
        if "customer_id" in clean:
            get_or_fail(s, Customer, clean["customer_id"], "customer_id", "customer")
        if "required_by" in clean and clean["required_by"] != brief.required_by:
            v.date("required_by", clean["required_by"], required=False, not_before=db.today(), locale=locale)
        for name, value in clean.items():
            setattr(brief, name, value)
        brief.updated_at = db.now()
        s.flush()
        s.refresh(brief)
        return _detail(s, brief)


@writes(Change.BRIEFS)
def set_brief_status(db: Database, brief_id: int, status: str, reason: str = "") -> BriefDetail:
    """Mark a brief quoted, lost or withdrawn (with a reason), or reopen it."""
    reason = v.long_text("reason", reason)
    new = BriefStatus(v.choice("status", status, [s.value for s in BriefStatus]))
    with db.session() as s:
        brief = get_or_fail(s, Brief, brief_id, "brief", "brief")
        check_brief_move(brief.status, new, reason)
        brief.status = new.value
        brief.status_reason = reason
        brief.updated_at = db.now()
        return _detail(s, brief)


def get_brief(db: Database, brief_id: int) -> BriefDetail:
    with db.reader() as s:
        return _detail(s, get_or_fail(s, Brief, brief_id, "brief", "brief"))


def _query(search: str, statuses, q=None):
    q = (select(Brief) if q is None else q).join(Brief.customer)
    if search.strip():
        q = q.where(text_search(search, Brief.search_text, Brief.customer_id))
    if statuses:
        q = q.where(Brief.status.in_([str(x) for x in statuses]))
    return q


@dataclass(frozen=True)
class BriefPage:
    """A list's first page and how many briefs it lists in all."""
    rows: tuple[BriefRow, ...]
    total: int


def _rows(s, search: str, statuses, limit: int | None, offset: int) -> list[BriefRow]:
    """The list's rows as plain columns, the customer's name joined (no brief or customer records)."""
    q = _query(search, statuses, select(Brief.id, Brief.number, Customer.name, Brief.title, Brief.status,
                                        Brief.required_by, Brief.budget, Brief.created_at))
    q = q.order_by(Brief.created_at.desc(), Brief.id.desc()).offset(offset).limit(limit)
    return [BriefRow(*row) for row in s.execute(q)]


def list_briefs(db: Database, search: str = "", statuses=None, *, limit: int | None = None,
                offset: int = 0) -> list[BriefRow]:
    with db.reader() as s:
        return _rows(s, search, statuses, limit, offset)


def list_page(db: Database, search: str = "", statuses=None, *, limit: int) -> BriefPage:
    """What the list shows when it opens or its search or filter changes, in one look: the first
    ``limit`` rows and the total. A page that is not full is the whole list: only a full one is counted."""
    with db.reader() as s:
        rows = _rows(s, search, statuses, limit, 0)
        total = len(rows) if len(rows) < limit else s.scalar(
            select(func.count()).select_from(_query(search, statuses).subquery()))
        return BriefPage(tuple(rows), total)


def count_briefs(db: Database, search: str = "", statuses=None) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(_query(search, statuses).subquery()))
