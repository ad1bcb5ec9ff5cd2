"""Job orders (issue 16 item 8): a customer's order that holds several jobs (a kitchen: carcasses,
doors, installation), numbered JO-YYYY-NNNN without gaps, and what it adds up to.

The roll-up of an order gathers what each of its jobs already says: progress and costs from the
job's cost sheet (``job_costing``, whose rule for how much of an operation is done is
``cost_progress.operation_progress``), the dates of the applied schedule, and what its issued
invoices came to (``invoice_views``). Nothing is worked out twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import partial

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..db.models import Customer, Invoice, Job, JobOrder, Operation
from ..db.engine import Database
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.cost_figures import percent_of
from ..domain.errors import ValidationError
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import InvoiceKind
from ..domain.statuses import FINISHED_JOB_STATUSES, JobStatus
from .common import clean_fields, get_or_fail, like_any, next_number, settings_row
from .cost_progress import operation_progress
from .invoice_views import ZERO, balance_in_session, credited_in_session
from .job_costing import cost_sheet_in_session
from .job_order_membership import set_job_order_in_session
from .jobs import is_late


@dataclass(frozen=True)
class JobOrderRow:
    id: int
    number: str
    customer_id: int
    customer_name: str
    title: str
    notes: str
    created_at: dt.datetime
    job_count: int


@dataclass(frozen=True)
class OrderJob:
    """One job of an order, as the order's roll-up shows it."""

    id: int
    number: str
    title: str
    kind: str
    status: str
    due_date: dt.date
    planned_start: dt.datetime | None   # its first operation in the applied schedule
    planned_finish: dt.date | None      # the applied schedule's finish
    late: bool                          # past its due date and not finished
    predicted_late: bool                # the applied schedule finishes it after its due date
    planned_hours: Decimal
    done_hours: Decimal                 # each operation's planned hours × the part of it done
    progress: Decimal | None            # done over planned hours, % (None: nothing planned)
    estimate: Decimal
    actual: Decimal
    price: Decimal | None               # its budget: the quoted price and approved changes


@dataclass(frozen=True)
class OrderInvoicing:
    """The issued invoices of the order's jobs (credit notes taken off; drafts not counted)."""

    invoices: int
    invoiced: Decimal   # gross, less what credit notes took off
    paid: Decimal
    outstanding: Decimal
    drafts: int         # drafts not yet issued, to say they are there


@dataclass(frozen=True)
class JobOrderRollup:
    order: JobOrderRow
    currency: str
    jobs: tuple[OrderJob, ...]
    planned_hours: Decimal
    done_hours: Decimal
    progress: Decimal | None            # Σ done ÷ Σ planned hours, % to 0.01
    estimate: Decimal
    actual: Decimal
    price: Decimal | None               # Σ of the jobs' prices (None when none has one)
    earliest_start: dt.datetime | None
    latest_finish: dt.date | None
    latest_due: dt.date | None
    invoicing: OrderInvoicing

    @property
    def late(self) -> bool:
        """Late if any of its jobs is late or will be."""
        return any(j.late or j.predicted_late for j in self.jobs)

    @property
    def job_ids(self) -> tuple[int, ...]:
        return tuple(j.id for j in self.jobs)


@dataclass(frozen=True)
class JobChoice:
    """A job that may be added to an order: the customer's, in no order yet."""

    id: int
    number: str
    title: str
    status: str

    @property
    def label(self) -> str:
        return f"{self.number} · {self.title} ({JobStatus(self.status).label})"


_VALIDATORS = {
    "customer_id": lambda x: x,
    "title": partial(v.text, "title", required=True),
    "notes": partial(v.long_text, "notes"),
}


def _row(s: Session, order: JobOrder) -> JobOrderRow:
    count = s.scalar(select(func.count()).where(Job.job_order_id == order.id))
    return JobOrderRow(order.id, order.number, order.customer_id, order.customer.name, order.title, order.notes,
                       order.created_at, int(count or 0))


@writes(Change.JOBS)
def create_order(db: Database, *, customer_id, title, notes: str = "") -> JobOrderRow:
    clean = clean_fields(_VALIDATORS, dict(customer_id=customer_id, title=title, notes=notes), partial=False)
    with db.session() as s:
        customer = get_or_fail(s, Customer, clean["customer_id"], "customer_id", "customer")
        # the number is taken last, in this transaction: a save that fails gives it back
        number = next_number(s, settings_row(s).job_order_prefix, db.today().year)
        order = JobOrder(number=number, customer_id=customer.id, title=clean["title"], notes=clean["notes"],
                         created_at=db.now())
        s.add(order)
        s.flush()
        return _row(s, order)


@writes(Change.JOBS)
def update_order(db: Database, order_id: int, **changes) -> JobOrderRow:
    """Title and notes; the customer only while the order holds no jobs (they are that customer's)."""
    clean = clean_fields(_VALIDATORS, changes, partial=True)
    with db.session() as s:
        order = get_or_fail(s, JobOrder, order_id, "job_order", "job order")
        if "customer_id" in clean and clean["customer_id"] != order.customer_id:
            customer = get_or_fail(s, Customer, clean["customer_id"], "customer_id", "customer")
            if s.scalar(select(func.count()).where(Job.job_order_id == order.id)):
                raise ValidationError("customer_id", f"Order {order.number} holds {order.customer.name}'s jobs: "
                                                     f"remove them before making it {customer.name}'s.")
        for name, value in clean.items():
            setattr(order, name, value)
        s.flush()
        s.refresh(order)
        return _row(s, order)


@writes(Change.JOBS)
def add_job(db: Database, order_id: int, job_id: int) -> JobOrderRow:
    """Put a job of the order's customer in the order; a job already in another order is refused
    (take it out there first), so no job is moved without being asked."""
    with db.session() as s:
        order = get_or_fail(s, JobOrder, order_id, "job_order", "job order")
        job = get_or_fail(s, Job, job_id, "job_id", "job")
        if job.job_order_id not in (None, order.id):
            other = s.get(JobOrder, job.job_order_id)
            raise ValidationError("job_id", f"Job {job.number} is already in order {other.number}; remove it "
                                            "from that order first.")
        set_job_order_in_session(s, job, order.id)
        s.flush()
        return _row(s, order)


@writes(Change.JOBS)
def remove_job(db: Database, order_id: int, job_id: int) -> JobOrderRow:
    with db.session() as s:
        order = get_or_fail(s, JobOrder, order_id, "job_order", "job order")
        job = get_or_fail(s, Job, job_id, "job_id", "job")
        if job.job_order_id != order.id:
            raise ValidationError("job_id", f"Job {job.number} is not in order {order.number}.")
        set_job_order_in_session(s, job, None)
        s.flush()
        return _row(s, order)


def list_orders(db: Database, search: str = "", *, customer_id: int | None = None,
                limit: int | None = None) -> list[JobOrderRow]:
    """Newest first; ``search`` matches the number, the title or the customer's name."""
    with db.reader() as s:
        counts = (select(Job.job_order_id, func.count().label("n")).where(Job.job_order_id.is_not(None))
                  .group_by(Job.job_order_id).subquery())
        q = (select(JobOrder, func.coalesce(counts.c.n, 0)).join(JobOrder.customer)
             .outerjoin(counts, counts.c.job_order_id == JobOrder.id)
             .options(selectinload(JobOrder.customer)))
        if search.strip():
            q = q.where(like_any(search.strip(), JobOrder.number, JobOrder.title, Customer.name))
        if customer_id is not None:
            q = q.where(JobOrder.customer_id == customer_id)
        q = q.order_by(JobOrder.created_at.desc(), JobOrder.id.desc()).limit(limit)
        return [JobOrderRow(o.id, o.number, o.customer_id, o.customer.name, o.title, o.notes, o.created_at, int(n))
                for o, n in s.execute(q)]


def jobs_to_add(db: Database, order_id: int) -> list[JobChoice]:
    """The order's customer's jobs in no order yet, not cancelled, newest first."""
    with db.reader() as s:
        order = get_or_fail(s, JobOrder, order_id, "job_order", "job order")
        rows = s.execute(select(Job.id, Job.number, Job.title, Job.status)
                         .where(Job.customer_id == order.customer_id, Job.job_order_id.is_(None),
                                Job.status != JobStatus.CANCELLED.value)
                         .order_by(Job.created_at.desc(), Job.id.desc()))
        return [JobChoice(*row) for row in rows]


def job_kinds(db: Database) -> list[str]:
    """The kinds of work jobs already have ("Gates", "Kitchen"), for completing a new one."""
    with db.reader() as s:
        return list(s.scalars(select(Job.kind).where(Job.kind != "").distinct().order_by(Job.kind)))


# --- the roll-up --------------------------------------------------------------------------------


def _order_job(s: Session, db: Database, job: Job, starts: dict[int, dt.datetime]) -> OrderJob:
    sheet = cost_sheet_in_session(s, db, job)
    planned = sum((Fraction(op.planned_hours) for op in sheet.operations), Fraction(0))
    done = sum((Fraction(op.planned_hours) * operation_progress(op.status, op.planned_hours, op.booked_hours)
                for op in sheet.operations), Fraction(0))
    finished = JobStatus(job.status) in FINISHED_JOB_STATUSES
    return OrderJob(
        id=job.id, number=job.number, title=job.title, kind=job.kind, status=job.status, due_date=job.due_date,
        planned_start=starts.get(job.id), planned_finish=job.planned_finish,
        late=is_late(job.due_date, job.status, db.today()),
        predicted_late=not finished and job.planned_finish is not None and job.planned_finish > job.due_date,
        planned_hours=_hours(planned), done_hours=_hours(done), progress=percent_of(done, planned),
        estimate=sheet.estimate.total.amount, actual=sheet.actual.total.amount, price=job.budget)


def _hours(value: Fraction) -> Decimal:
    return Decimal(value.numerator) / Decimal(value.denominator) if value else Decimal("0.00")


def _invoicing(s: Session, job_ids: list[int]) -> OrderInvoicing:
    invoices = list(s.scalars(select(Invoice).where(Invoice.job_id.in_(job_ids),
                                                    Invoice.kind != InvoiceKind.CREDIT_NOTE.value)
                              .options(selectinload(Invoice.payments)))) if job_ids else []
    issued = [i for i in invoices if i.status != InvoiceStatus.DRAFT.value]
    return OrderInvoicing(
        invoices=len(issued),
        invoiced=sum((i.gross - credited_in_session(s, i) for i in issued), ZERO),
        paid=sum((p.amount for i in issued for p in i.payments), ZERO),
        outstanding=sum((balance_in_session(s, i) for i in issued), ZERO),
        drafts=len(invoices) - len(issued))


def rollup(db: Database, order_id: int) -> JobOrderRollup:
    """The order with each of its jobs, and their progress, cost, schedule and invoicing added up."""
    with db.reader() as s:
        order = get_or_fail(s, JobOrder, order_id, "job_order", "job order")
        jobs = list(s.scalars(select(Job).where(Job.job_order_id == order.id)
                              .options(selectinload(Job.customer)).order_by(Job.due_date, Job.number)))
        ids = [j.id for j in jobs]
        starts = dict(s.execute(select(Operation.job_id, func.min(Operation.planned_start))
                                .where(Operation.job_id.in_(ids)).group_by(Operation.job_id)).all()) if ids else {}
        rows = tuple(_order_job(s, db, job, starts) for job in jobs)
        planned = sum((Fraction(j.planned_hours) for j in rows), Fraction(0))
        done = sum((Fraction(j.done_hours) for j in rows), Fraction(0))
        prices = [j.price for j in rows if j.price is not None]
        return JobOrderRollup(
            order=_row(s, order), currency=settings_row(s).currency, jobs=rows,
            planned_hours=_hours(planned), done_hours=_hours(done), progress=percent_of(done, planned),
            estimate=sum((j.estimate for j in rows), ZERO), actual=sum((j.actual for j in rows), ZERO),
            price=sum(prices, ZERO) if prices else None,
            earliest_start=min((j.planned_start for j in rows if j.planned_start), default=None),
            latest_finish=max((j.planned_finish for j in rows if j.planned_finish), default=None),
            latest_due=max((j.due_date for j in rows), default=None),
            invoicing=_invoicing(s, ids))


__all__ = ["JobOrderRow", "OrderJob", "OrderInvoicing", "JobOrderRollup", "JobChoice", "create_order",
           "update_order", "add_job", "remove_job", "list_orders", "jobs_to_add", "job_kinds", "rollup"]
