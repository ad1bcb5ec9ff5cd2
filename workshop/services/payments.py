"""Payments received against issued invoices: part or full, never more than the balance.

Each payment moves the invoice issued → part paid → paid. Once a job's final invoice is paid in
full the job is closed, in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ..db.engine import Database
from ..db.models import Invoice, Job, Payment
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import InvoiceKind
from ..domain.money import format_money
from . import jobs as job_service
from .common import get_or_fail, session_locale
from .invoice_views import InvoiceView, balance_in_session, invoice_view_in_session
from .invoices import settle_in_session

#: How the money came, as the owner's bank statement says it.
PAYMENT_METHODS = ("bank_transfer", "card", "cash", "cheque", "other")


@writes(Change.INVOICES | Change.JOBS)
def record_payment(db: Database, invoice_id: int, *, paid_on: dt.date | str, amount: Decimal | str,
                   method: str, reference: str = "") -> InvoiceView:
    with db.session() as s:
        invoice = get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
        locale = session_locale(s)
        paid_on = v.date("paid_on", paid_on, locale=locale)
        amount = v.decimal("amount", amount, places=2, allow_zero=False, locale=locale)
        method = v.choice("method", method, PAYMENT_METHODS)
        reference = v.text("reference", reference, max_length=100)
        if invoice.status == InvoiceStatus.DRAFT:
            raise ValidationError("invoice", "A draft is not paid: issue it first.")
        if invoice.kind == InvoiceKind.CREDIT_NOTE:
            raise ValidationError("invoice", f"{invoice.number} is a credit note: the shop owes that money back.")
        balance = balance_in_session(s, invoice)
        if amount > balance:
            money = lambda figure: format_money(figure, invoice.currency, locale)  # noqa: E731
            raise ValidationError("amount", f"{money(amount)} is more than the balance of {invoice.number}, "
                                            f"{money(balance)}.")
        invoice.payments.append(Payment(paid_on=paid_on, amount=amount, method=method, reference=reference,
                                        created_at=db.now()))
        s.flush()
        settle_in_session(s, invoice)
        if invoice.kind == InvoiceKind.FINAL and invoice.status == InvoiceStatus.PAID:
            job = s.get(Job, invoice.job_id)
            if job.status == st.JobStatus.INVOICED:  # closed by hand already: nothing to do
                job_service.change_status_in_session(s, db, job, "close", f"{invoice.number} paid in full")
        s.flush()
        return invoice_view_in_session(s, invoice)
