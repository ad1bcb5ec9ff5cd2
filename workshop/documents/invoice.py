"""The invoice or credit note, from ``invoice_views`` (issued: the details frozen at issue).

The letterhead is the shop's (logo, contact, paper) with the seller's name, address and tax
number as the invoice holds them, so a reprint says what the issued invoice said even after the
shop moves. Addresses print the country only when it is not the other party's own.
"""

from __future__ import annotations

import dataclasses

from ..db.engine import Database
from ..domain.addresses import address_lines
from ..domain.errors import ValidationError
from ..domain.invoicing import RULE_TEXT, InvoiceKind, line_net
from ..domain.job_statement import JobStatement
from ..printing.document import Letterhead, PageSetup
from ..printing.invoice import render_invoice
from ..printing.invoice_data import InvoiceData, InvoicePrintLine
from ..services import invoice_views, job_invoices, jobs, settings
from ..services.invoice_views import InvoiceView
from .common import letterhead_and_page
from .quote import tax_label

#: The kinds that bill a job's contract in stages, and so carry the job statement.
_STAGED = (InvoiceKind.DEPOSIT, InvoiceKind.PROGRESS, InvoiceKind.FINAL)
_KINDS = {InvoiceKind.DEPOSIT: "Deposit invoice", InvoiceKind.PROGRESS: "Progress invoice",
          InvoiceKind.FINAL: "Final invoice", InvoiceKind.MANUAL: "", InvoiceKind.CREDIT_NOTE: ""}


def invoice_data(db: Database, view: InvoiceView) -> InvoiceData:
    """What the invoice prints, from the invoice as ``invoice_views`` reads it."""
    locale = settings.get_settings(db).locale
    lines = tuple(InvoicePrintLine(description=line.description, quantity=line.quantity, unit=line.unit,
                                   unit_price=line.unit_price, net=line_net(line), category=line.category,
                                   rate=line.rate, discount=line.discount) for line in view.lines)
    t = view.totals
    return InvoiceData(
        number=view.number, credit_note=view.is_credit_note, customer_name=view.buyer_name,
        customer_address=address_lines(view.buyer_address, view.buyer_country, home=view.seller_country,
                                       locale=locale),
        customer_tax_number=view.buyer_tax_number, lines=lines, subtotals=t.subtotals, net=t.net, tax=t.tax,
        gross=t.gross, paid=t.paid, credited=view.credited, due=t.gross - t.paid - view.credited,
        issue_date=view.issue_date, tax_point_date=view.tax_point_date, due_date=view.due_date,
        kind=_KINDS[view.kind], job_number=view.job_number,
        job_title=jobs.get_job(db, view.job_id).title if view.job_id else "", corrects=view.credits_number,
        payment_terms=view.payment_terms, notes=view.notes, rule_text=RULE_TEXT, currency=view.currency,
        locale=locale, tax_label=tax_label(view.currency), iban=view.seller_iban, bic=view.seller_bic,
        account_name=view.seller_name,
        statement=_statement(db, view))


def _statement(db: Database, view: InvoiceView) -> JobStatement | None:
    """The job statement of a deposit, progress or final invoice; none when the job has no accepted
    quote (an invoice drafted by hand against it): there is no contract to state."""
    if view.job_id is None or view.kind not in _STAGED:
        return None
    try:
        return job_invoices.job_statement_view(db, invoice_id=view.id)
    except ValidationError:
        return None


def _seller_letterhead(db: Database, view: InvoiceView) -> tuple[Letterhead, PageSetup]:
    letterhead, page = letterhead_and_page(db)
    label = tax_label(view.currency)
    address = "\n".join(address_lines(view.seller_address, view.seller_country, home=view.buyer_country))
    return dataclasses.replace(letterhead, name=view.seller_name, address=address,
                               tax_number=view.seller_tax_number,
                               tax_label=f"{label} No." if label in ("VAT", "GST") else "Tax no."), page


def invoice_pdf(db: Database, invoice_id: int) -> bytes:
    """The invoice or credit note as PDF bytes; a draft prints marked DRAFT, without a number."""
    view = invoice_views.get_invoice(db, invoice_id)
    letterhead, page = _seller_letterhead(db, view)
    return render_invoice(invoice_data(db, view), letterhead, page)


def invoice_pdf_by_number(db: Database, number: str) -> bytes:
    """``INV-2026-0001`` or ``CN-2026-0001``."""
    return invoice_pdf(db, invoice_views.find_by_number(db, number).id)
