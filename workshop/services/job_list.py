"""The job list: finding jobs by their search text, customer, status and due date, a page at a time
(newest due first, or soonest first), and counting them, in as few statements as the list allows:
each of its queries is built once per shape of filter, its values bound. Whether a job is late
(``is_late``) is said here too, for a row of the list and a job's detail alike.

``jobs`` (creating, editing and moving a job through its statuses) is the public face that offers
these names: callers ask ``jobs.list_jobs`` as they ask ``jobs.get_job``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Integer, bindparam, func, null, or_, select, tuple_, union, union_all
from sqlalchemy.orm import Session

from ..db import search_index
from ..db.engine import Database
from ..db.models import Customer, Job, Operation
from ..domain import statuses as st
from ..domain.search import like_pattern
from .common import customers_named_query, search_condition


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


def is_late(due_date: dt.date, status: str, today: dt.date) -> bool:
    return due_date < today and st.JobStatus(status) not in st.FINISHED_JOB_STATUSES


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


__all__ = ["JobRow", "JobPage", "JobFilter", "list_jobs", "list_page", "count_jobs", "status_counts", "late_count",
           "open_count", "is_late"]
