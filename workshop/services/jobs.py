"""Jobs: create, edit, find, convert from a brief, and move through their statuses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, partial

from sqlalchemy import Integer, bindparam, func, null, or_, select, tuple_, union, union_all
from sqlalchemy.orm import Session, joinedload, selectinload

from ..db import search_index
from ..db.engine import Database
from ..db.models import Attachment, Brief, Customer, Job, JobOrder, JobStatusChange, Material, Operation
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import NotFoundError, ValidationError
from ..domain.search import like_pattern
from ..domain.status_questions import StatusQuestion, check_unfinished
from ..domain.status_questions import status_question as question_before
from . import attachments as att
from .finished_goods import clean_for_stock, in_stock_from, put_into_stock_in_session
from .job_order_membership import set_job_order_in_session
from .common import (clean_fields, customers_named_query, get_or_fail, next_number, search_condition,
                     session_locale, settings_row, shop_locale)
from .edits import refuse_stale, saved_or_conflict


@dataclass(frozen=True)
class JobRow:
    id: int
    number: str
    customer_name: str
    title: str
    due_date: dt.date
    status: str
    priority: str
    quantity: int
    operations_done: int
    operations_total: int
    is_late: bool

    @property
    def progress(self) -> float:
        return self.operations_done / self.operations_total if self.operations_total else 0.0


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


def is_late(due_date: dt.date, status: str, today: dt.date) -> bool:
    return due_date < today and st.JobStatus(status) not in st.FINISHED_JOB_STATUSES


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


@dataclass(frozen=True)
class JobFilter:
    search: str = ""
    statuses: tuple[str, ...] = ()
    due_within_days: int | None = None  # "due this week" = 7
    late_only: bool = False
    open_only: bool = False
    #: statuses left out ("not closed" leaves out closed and cancelled jobs)
    excluded_statuses: tuple[str, ...] = ()
    #: "due_latest" (newest work first, the default) or "due_soonest" (what to do next).
    order: str = "due_latest"


@dataclass(frozen=True)
class _Shape:
    """Which conditions a filter puts on the list (its values aside): each query of the list is
    built once per shape, with bound parameters for the values (``_params``), so a keystroke pays
    for running the queries, not for building them again."""
    statuses: bool
    open_only: bool
    excluded: bool
    due_within: bool
    late: bool
    #: "": no search; "text": the search text only; "listed": or a customer of a list of ids;
    #: "named": or a customer whose name holds it (a subquery, for a long list)
    search: str
    ascii_only: bool  # the search has ASCII characters only (how SQLite matches names, text_match)
    #: the search text is found through the trigram index (SQLite, 3 characters or more: db/search_index)
    indexed: bool = False


#: The statuses of work not finished (late when past its due date): all but the finished ones.
_UNFINISHED = sorted(s.value for s in st.JobStatus if s not in st.FINISHED_JOB_STATUSES)

#: Up to this many customers found by name are handed to the list's queries as values; more are
#: found again by a subquery (a long list of bound values is slow to send, and limited on servers).
LISTED_CUSTOMERS = 500


def _shape_and_params(s: Session, db: Database, f: JobFilter) -> tuple[_Shape, dict]:
    """``f``'s shape and its values. The customers a search names are looked up here, once for all
    the list's queries."""
    today = db.today()
    params: dict = {"today": today}
    search = ""
    text = f.search.strip()
    if text:
        params["folded"], params["lowered"] = like_pattern(text), like_pattern(text, str.lower)
        phrase = search_index.phrase(text.casefold()) if search_index.usable(s.connection()) else None
        if phrase is not None:
            params["phrase"] = phrase
        ids = list(s.connection().scalars(_customers_query(text.isascii()), params))
        search = "text" if not ids else "listed" if len(ids) <= LISTED_CUSTOMERS else "named"
        params["customer_ids"] = ids
    if f.statuses:
        params["statuses"] = list(f.statuses)
    if f.excluded_statuses:
        params["excluded"] = list(f.excluded_statuses)
        params["kept"] = [s.value for s in st.JobStatus if s.value not in f.excluded_statuses]
    if f.due_within_days is not None:
        params["due_by"] = today + dt.timedelta(days=f.due_within_days)
    shape = _Shape(bool(f.statuses), f.open_only, bool(f.excluded_statuses), f.due_within_days is not None,
                   f.late_only, search, text.isascii(), "phrase" in params)
    return shape, params


@cache
def _customers_query(ascii_only: bool):
    return customers_named_query(bindparam("lowered"), ascii_only=ascii_only)


#: How an indexed search is tested (``_conditions``): "walk", row by row as the query walks its index
#: (the matching ids are found once, then each row is looked up among them); "driven", the matching
#: ids lead (each row fetched by its id, then sorted): quicker when few match.
WALK, DRIVEN = "walk", "driven"
#: A first page is led by the matching ids when at most this many jobs match; more, and walking the
#: list's index until the page is full is quicker (a fetch by id ~2.5 µs; a step of the walk ~0.2 µs,
#: and the walk stops at the page's end: ~100 × 20,000 / matches steps on the ten-year shop).
DRIVEN_UP_TO = 400


def _conditions(shape: _Shape, how: str = WALK, *, counting: bool = False) -> tuple[list, list]:
    """A shape's conditions on the jobs table alone (every job has its customer): (the status choice,
    the rest: due dates, late, search), cheapest first, as SQLite tests them in the order given.
    An indexed search is tested ``how`` (WALK or DRIVEN). Statuses left out are tested as such on a
    page (tested on each row of the walk down the due dates, which stops at the page's end); when
    ``counting``, as the statuses kept, which the status index finds without reading the others
    (a server read all 20,000 entries of the ten-year shop to count the 2,062 not closed)."""
    chosen, rest = [], []
    if shape.statuses:
        chosen.append(Job.status.in_(bindparam("statuses", expanding=True)))
    if shape.open_only:
        chosen.append(Job.status.in_(sorted(x.value for x in st.OPEN_JOB_STATUSES)))
    if shape.excluded:
        chosen.append(Job.status.in_(bindparam("kept", expanding=True)) if counting
                      else Job.status.not_in(bindparam("excluded", expanding=True)))
    if shape.due_within:
        rest += [Job.due_date >= bindparam("today"), Job.due_date <= bindparam("due_by")]
    if shape.late:  # not finished: every other status (as a list, so the status index finds them)
        rest += [Job.status.in_(_UNFINISHED), Job.due_date < bindparam("today")]
    if shape.search:
        if shape.indexed:
            rest.append(_indexed_search(_customers(shape), how))
        else:
            rest.append(search_condition(Job.search_text, Job.customer_id, bindparam("folded"), _customers(shape)))
    return chosen, rest


def _customers(shape: _Shape):
    """The customers a search names, as its shape holds them: none, a bound list, or a subquery."""
    return {"text": None, "listed": bindparam("customer_ids", expanding=True),
            "named": _customers_query(shape.ascii_only)}[shape.search]


def _matching(customers):
    """The ids of the jobs a search finds through the trigram index: their search text holds the
    typed text, or (``customers`` not None) their customer is one named."""
    found = search_index.matching_ids(bindparam("phrase"))
    return found if customers is None else union(found, select(Job.id).where(Job.customer_id.in_(customers)))


def _indexed_search(customers, how: str):
    """``text_search``'s rule through the trigram index: the same jobs as the LIKE (db/search_index).
    WALK tests ``id + 0`` (no index on the id for SQLite to be led by); DRIVEN lets the ids lead."""
    if how == DRIVEN:
        return Job.id.in_(_matching(customers))
    found = (Job.id + 0).in_(search_index.matching_ids(bindparam("phrase")))
    return found if customers is None else or_(found, Job.customer_id.in_(customers))


def _order(f: JobFilter) -> str:
    return "due_soonest" if f.order == "due_soonest" else "due_latest"


@cache
def _page_query(shape: _Shape, order: str, keyset: bool, limited: bool, how: str = WALK):
    """The rows of a page: the page's ids in the list's order (on SQLite a walk down the list's index
    that stops at the page's end; an indexed search of few jobs, ``how`` DRIVEN: those jobs, sorted),
    then for just those rows their customer and how many operations are done and in all."""
    chosen, rest = _conditions(shape, how)
    where = chosen + rest
    soonest = order == "due_soonest"
    by = (Job.due_date.asc(), Job.id.asc()) if soonest else (Job.due_date.desc(), Job.id.desc())
    if keyset:
        key = tuple_(Job.due_date, Job.id)
        after = tuple_(bindparam("after_due", type_=Job.due_date.type), bindparam("after_id", type_=Integer))
        where.append(key > after if soonest else key < after)
    page = select(Job.id).where(*where).order_by(*by).offset(bindparam("offset", type_=Integer))
    if limited:
        page = page.limit(bindparam("limit", type_=Integer))
    page = page.subquery("page")
    ops = Operation.__table__
    done = (select(func.count()).select_from(ops)
            .where(ops.c.job_id == Job.id, ops.c.status.in_(sorted(x.value for x in st.FINISHED_OPERATION_STATUSES)))
            .scalar_subquery())
    total = select(func.count()).select_from(ops).where(ops.c.job_id == Job.id).scalar_subquery()
    return (select(Job.id, Job.number, Customer.name, Job.title, Job.due_date, Job.status, Job.priority,
                   Job.quantity, done, total)
            .select_from(page).join(Job, Job.id == page.c.id).join(Customer, Customer.id == Job.customer_id)
            .order_by(*by))


@cache
def _counts_query(shape: _Shape, total: bool):
    """Counts in one statement, one row each: (None, the list's count) when ``total``, then
    (status, count) for each of the statuses ``counted`` (the list's conditions, its status choice
    aside; through the status index)."""
    chosen, rest = _conditions(shape)
    by_status = (select(Job.status, func.count()).where(Job.status.in_(bindparam("counted", expanding=True)), *rest)
                 .group_by(Job.status))
    if not total:
        return by_status
    return union_all(_total(shape, null().label("status")), by_status)


def _total(shape: _Shape, *first):
    """``SELECT *first, count(*)`` of the list. An indexed search alone counts the ids the index finds
    (no job row is read); with other conditions, those ids lead to the rows they are tested on."""
    chosen, rest = _conditions(shape, DRIVEN, counting=True)
    if shape.indexed and not chosen and len(rest) == 1:
        matching = _matching(_customers(shape)).subquery("matching")
        return select(*first, func.count()).select_from(matching)
    return select(*first, func.count()).select_from(Job).where(*chosen, *rest)


@cache
def _count_query(shape: _Shape):
    return _total(shape)


def _page(s: Session, db: Database, shape: _Shape, params: dict, f: JobFilter, limit: int | None, offset: int,
          after: JobRow | None, how: str = WALK) -> list[JobRow]:
    q = _page_query(shape, _order(f), after is not None, limit is not None, how if shape.indexed else WALK)
    values = {**params, "limit": limit, "offset": offset}
    if after is not None:
        values |= {"after_due": after.due_date, "after_id": after.id}
    today = db.today()
    return [JobRow(*row[:8], row[8] or 0, row[9] or 0, is_late(row[4], row[5], today))
            for row in s.connection().execute(q, values)]


def list_jobs(db: Database, f: JobFilter = JobFilter(), *, limit: int | None = None, offset: int = 0,
              after: JobRow | None = None) -> list[JobRow]:
    """Newest due first (or soonest first, ``f.order``), ``limit`` rows from ``offset``, or the rows that
    come after ``after`` (the last row already shown: the next page, without counting past the earlier
    ones)."""
    with db.reader() as s:
        shape, params = _shape_and_params(s, db, f)
        return _page(s, db, shape, params, f, limit, offset, after)


def count_jobs(db: Database, f: JobFilter = JobFilter()) -> int:
    with db.reader() as s:
        shape, params = _shape_and_params(s, db, f)
        return s.connection().scalar(_count_query(shape), params)


@dataclass(frozen=True)
class JobPage:
    """The first page of a list, how many jobs the whole list holds, and how many of those jobs,
    status choice aside, are in each status asked for (the quick filters' counts)."""
    rows: tuple[JobRow, ...]
    total: int
    by_status: dict[str, int]


def list_page(db: Database, f: JobFilter = JobFilter(), *, limit: int,
              count_statuses: tuple[str, ...] = ()) -> JobPage:
    """What a list shows when it opens or its search or filters change, in one look: the first
    ``limit`` rows, the total, and the counts by status of ``count_statuses``. A page that is not full
    is the whole list, so its rows are the total; only a full one is counted. A search through the
    trigram index is counted first (from the index, cheaply), and the count says how to find the page:
    led by the matching ids when few match, else down the list's index."""
    with db.reader() as s:
        shape, params = _shape_and_params(s, db, f)
        by_status = {status: 0 for status in count_statuses}
        total: int | None = None
        if not shape.indexed:
            rows = _page(s, db, shape, params, f, limit, 0, None)
            total = len(rows) if len(rows) < limit else None
        if total is None or count_statuses:
            counted = s.connection().execute(_counts_query(shape, total is None),
                                             {**params, "counted": list(count_statuses)})
            for status, count in counted:
                if status is None:
                    total = count
                else:
                    by_status[status] = count
        if shape.indexed:
            how = DRIVEN if total <= DRIVEN_UP_TO else WALK
            rows = _page(s, db, shape, params, f, limit, 0, None, how)
        return JobPage(tuple(rows), total, by_status)


def status_counts(db: Database) -> dict[str, int]:
    with db.reader() as s:
        return dict(s.execute(select(Job.status, func.count()).group_by(Job.status)).all())


def late_count(db: Database) -> int:
    return count_jobs(db, JobFilter(late_only=True))


def open_count(db: Database) -> int:
    """Jobs in the shop: the domain's open jobs (planned up to inspection), as the job list's
    "In the shop" lists them."""
    return count_jobs(db, JobFilter(open_only=True))


__all__ = ["JobRow", "JobPage", "JobDetail", "JobFilter", "StatusChangeView", "create_job", "convert_brief_to_job",
           "update_job", "change_status", "change_status_in_session", "status_question", "get_job", "job_by_number",
           "find_job_id", "list_jobs", "list_page", "count_jobs",
           "status_counts", "late_count", "open_count", "is_late"]
