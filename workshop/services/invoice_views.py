"""Reading invoices and credit notes: one as the invoice shows it (lines, totals, payments,
balance, overdue) and lists of them. An issued invoice shows what was frozen when it was issued;
a draft shows its customer's and the shop's details of today."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from ..db.engine import Database
from ..db.models import AftercareTicket, Customer, Invoice, Job, Payment, ShopSettings
from ..domain import validation as v
from ..domain.errors import NotFoundError
from ..domain.invoice_status import OPEN_INVOICE_STATUSES, InvoiceStatus, days_overdue
from ..domain.invoicing import InvoiceKind, InvoiceTotals, LineInput, TaxCategory, invoice_totals
from .common import get_or_fail, like_any, settings_row

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class PaymentView:
    id: int
    paid_on: dt.date
    amount: Decimal
    method: str
    reference: str


@dataclass(frozen=True)
class InvoiceView:
    id: int
    number: str | None  # None while a draft
    kind: InvoiceKind
    status: InvoiceStatus
    job_id: int | None
    job_number: str
    customer_id: int
    ticket_id: int | None
    credits_id: int | None  # the invoice a credit note corrects
    credits_number: str
    currency: str
    issue_date: dt.date | None
    tax_point_date: dt.date | None
    due_date: dt.date | None
    payment_terms: str
    notes: str
    # As frozen at issue; a draft shows the customer's and the shop's details of today.
    buyer_name: str
    buyer_address: str
    buyer_country: str
    buyer_tax_number: str
    buyer_email: str
    seller_name: str
    seller_address: str
    seller_country: str
    seller_tax_number: str
    seller_iban: str  # the account to pay into ("" when the shop has given none)
    seller_bic: str
    lines: tuple[LineInput, ...]
    totals: InvoiceTotals  # paid and due (BT-113, BT-115) count payments only
    payments: tuple[PaymentView, ...]
    credited: Decimal  # what issued credit notes took off this invoice
    balance: Decimal  # gross − paid − credited: what the customer still owes
    exported_at: dt.datetime | None
    created_at: dt.datetime
    issued_at: dt.datetime | None
    # A draft edited on two PCs (issue 18): the version read, who saved it last and when.
    version: int = 1
    updated_by: str = ""
    saved_at: dt.datetime | None = None  # when (None: last saved before it was kept)

    @property
    def is_credit_note(self) -> bool:
        return self.kind is InvoiceKind.CREDIT_NOTE

    def days_overdue(self, today: dt.date) -> int:
        return days_overdue(self.status, self.due_date, today)

    def is_overdue(self, today: dt.date) -> bool:
        return self.days_overdue(today) > 0


@dataclass(frozen=True)
class InvoiceRow:
    """One invoice in a list."""

    id: int
    number: str | None
    kind: InvoiceKind
    status: InvoiceStatus
    customer_name: str
    job_number: str
    issue_date: dt.date | None
    due_date: dt.date | None
    currency: str
    gross: Decimal | None  # None for a draft: its figure is worked out when opened
    balance: Decimal

    def days_overdue(self, today: dt.date) -> int:
        return days_overdue(self.status, self.due_date, today)


def stored_lines(invoice: Invoice) -> tuple[LineInput, ...]:
    return tuple(LineInput(description=line.description, quantity=line.quantity, unit=line.unit,
                           unit_price=line.unit_price, discount=line.discount, category=TaxCategory(line.category),
                           rate=line.rate, exemption_reason=line.exemption_reason, deduction=line.deduction)
                 for line in invoice.lines)


def credited_in_session(s: Session, invoice: Invoice) -> Decimal:
    """What issued credit notes took off ``invoice``."""
    notes = s.scalars(select(Invoice.gross).where(Invoice.credits_id == invoice.id,
                                                  Invoice.status != InvoiceStatus.DRAFT.value))
    return sum((gross for gross in notes), ZERO)


def balance_in_session(s: Session, invoice: Invoice) -> Decimal:
    """What the customer still owes on an issued invoice (0 for a draft or a credit note)."""
    if invoice.status == InvoiceStatus.DRAFT or invoice.kind == InvoiceKind.CREDIT_NOTE:
        return ZERO
    paid = sum((p.amount for p in invoice.payments), ZERO)
    return invoice.gross - paid - credited_in_session(s, invoice)


def invoice_view_in_session(s: Session, invoice: Invoice) -> InvoiceView:
    lines = stored_lines(invoice)
    paid = sum((p.amount for p in invoice.payments), ZERO)
    totals = invoice_totals(lines, paid=paid)
    if invoice.gross is not None:  # issued: the figures as frozen, whatever the rules become
        totals = dataclasses.replace(totals, net=invoice.net, tax=invoice.tax, gross=invoice.gross,
                                     due=invoice.gross - paid)
    job = s.get(Job, invoice.job_id) if invoice.job_id else None
    credits = s.get(Invoice, invoice.credits_id) if invoice.credits_id else None
    return InvoiceView(
        id=invoice.id, number=invoice.number, kind=InvoiceKind(invoice.kind), status=InvoiceStatus(invoice.status),
        job_id=invoice.job_id, job_number=job.number if job else "", customer_id=invoice.customer_id,
        ticket_id=invoice.ticket_id, credits_id=invoice.credits_id, credits_number=credits.number if credits else "",
        currency=invoice.currency, issue_date=invoice.issue_date, tax_point_date=invoice.tax_point_date,
        due_date=invoice.due_date, payment_terms=invoice.payment_terms, notes=invoice.notes,
        **_parties(s, invoice), lines=lines, totals=totals,
        payments=tuple(PaymentView(id=p.id, paid_on=p.paid_on, amount=p.amount, method=p.method,
                                   reference=p.reference) for p in invoice.payments),
        credited=credited_in_session(s, invoice), balance=balance_in_session(s, invoice),
        exported_at=invoice.exported_at, created_at=invoice.created_at, issued_at=invoice.issued_at,
        version=invoice.version, updated_by=invoice.updated_by, saved_at=invoice.saved_at)


_PARTY_FIELDS = ("buyer_name", "buyer_address", "buyer_country", "buyer_tax_number", "buyer_email",
                 "seller_name", "seller_address", "seller_country", "seller_tax_number", "seller_iban", "seller_bic")


def party_details(customer: Customer, settings: ShopSettings) -> dict[str, str]:
    """Who an invoice is to and from, as issuing freezes it (the ``buyer_…`` and ``seller_…`` fields)."""
    return {"buyer_name": customer.name, "buyer_address": customer.address.strip(),
            "buyer_country": customer.country, "buyer_tax_number": customer.tax_number,
            "buyer_email": customer.email, "seller_name": settings.company_name,
            "seller_address": settings.address.strip(), "seller_country": settings.country,
            "seller_tax_number": settings.tax_number, "seller_iban": settings.iban, "seller_bic": settings.bic}


def _parties(s: Session, invoice: Invoice) -> dict[str, str]:
    """Frozen on an issued invoice; a draft shows the customer's and the shop's details of today."""
    if invoice.status == InvoiceStatus.DRAFT:
        return party_details(s.get(Customer, invoice.customer_id), settings_row(s))
    return {name: getattr(invoice, name) for name in _PARTY_FIELDS}


def get_invoice(db: Database, invoice_id: int) -> InvoiceView:
    with db.reader() as s:
        return invoice_view_in_session(s, get_or_fail(s, Invoice, invoice_id, "invoice", "invoice"))


def find_by_number(db: Database, number: str) -> InvoiceView:
    """An issued invoice or credit note by its number (``INV-2026-0001``, any case)."""
    text = (number or "").strip().upper()
    with db.reader() as s:
        invoice = s.scalar(select(Invoice).where(func.upper(Invoice.number) == text)) if text else None
        if invoice is None:
            raise NotFoundError("invoice", f"There is no invoice {(number or '').strip()}.")
        return invoice_view_in_session(s, invoice)


#: The list's filters beyond the stored statuses: unsettled invoices (credit notes are owed back,
#: never unpaid), those of them past their due date, and credit notes of any status.
LIST_FILTERS = ("unpaid", "overdue", "credit_notes")


def _filtered(query, db: Database, status: str | None, search: str, today: dt.date | None):
    """``query`` narrowed to ``status`` (a stored status or one of ``LIST_FILTERS``) and ``search``."""
    if status in ("unpaid", "overdue"):
        query = query.where(Invoice.status.in_([s.value for s in OPEN_INVOICE_STATUSES]),
                            Invoice.kind != InvoiceKind.CREDIT_NOTE.value)
        if status == "overdue":
            query = query.where(Invoice.due_date < (today or db.today()))
    elif status == "credit_notes":
        query = query.where(Invoice.kind == InvoiceKind.CREDIT_NOTE.value)
    elif status:
        query = query.where(Invoice.status == v.choice("status", status, [*InvoiceStatus, *LIST_FILTERS]))
    if search.strip():
        query = query.where(like_any(search, Invoice.number, Customer.name, Job.number))
    return query


def count_invoices(db: Database, *, status: str | None = None, search: str = "", today: dt.date | None = None) -> int:
    """How many invoices ``list_invoices`` lists with the same filter, over all its pages."""
    query = select(func.count(Invoice.id)).select_from(Invoice)
    if search.strip():  # the customer's name and the job's number are searched: joined only then (every
        # invoice has a customer, so the join counts none twice or never; 20,000 invoices: 33 -> 3 ms)
        query = query.join(Customer, Customer.id == Invoice.customer_id).outerjoin(Job, Job.id == Invoice.job_id)
    with db.reader() as s:
        return s.scalar(_filtered(query, db, status, search, today)) or 0


def list_invoices(db: Database, *, status: str | None = None, search: str = "", today: dt.date | None = None,
                  limit: int | None = 200, offset: int = 0, job_id: int | None = None) -> tuple[InvoiceRow, ...]:
    """Newest first. ``status`` is a stored one or one of ``LIST_FILTERS`` (``"overdue"``:
    unsettled, past ``today``'s date); ``search`` matches the number, the customer's name or the
    job's number; ``job_id``: the job's own invoices and those of its aftercare tickets."""
    paid = select(func.sum(Payment.amount)).where(Payment.invoice_id == Invoice.id).scalar_subquery()
    credit = aliased(Invoice)
    credited = select(func.sum(credit.gross)).where(
        credit.credits_id == Invoice.id, credit.status != InvoiceStatus.DRAFT.value).scalar_subquery()
    query = (select(Invoice, Customer.name, Job.number, paid, credited)
             .join(Customer, Customer.id == Invoice.customer_id).outerjoin(Job, Job.id == Invoice.job_id))
    if job_id is not None:
        tickets = select(AftercareTicket.id).where(AftercareTicket.job_id == job_id)
        query = query.where(or_(Invoice.job_id == job_id, Invoice.ticket_id.in_(tickets)))
    query = _filtered(query, db, status, search, today).order_by(Invoice.id.desc()).limit(limit).offset(offset)
    with db.reader() as s:
        return tuple(
            InvoiceRow(id=inv.id, number=inv.number, kind=InvoiceKind(inv.kind), status=InvoiceStatus(inv.status),
                       customer_name=customer, job_number=job or "", issue_date=inv.issue_date,
                       due_date=inv.due_date, currency=inv.currency, gross=inv.gross,
                       balance=ZERO if inv.gross is None or inv.kind == InvoiceKind.CREDIT_NOTE
                       else inv.gross - (paid_sum or ZERO) - (credited_sum or ZERO))
            for inv, customer, job, paid_sum, credited_sum in s.execute(query))
