"""Which invoices an export takes, and everything it needs to know about them, read in bulk.

``choose_invoices`` picks issued invoices and credit notes by issue date or by id and says which
were exported before (Xero and QuickBooks both import a duplicate without a word).
``export_sources`` reads the chosen invoices for the file writers: the buyer's details frozen at
issue (the address split for the tools' fields), the job number, what was paid, and each line's
share of its rate group's tax, with the shop's tax mapping and date form.

Writing the files is ``workshop.documents.invoice_exports.export_invoices``: the file writers
(``workshop.exports``) sit above the services, which therefore never import them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..db.engine import Database
from ..db.models import Invoice, Job, Payment
from ..domain import validation as v
from ..domain.accounting_rows import CREDIT_NOTE, INVOICE, ExportInvoice, ExportLine, TaxCode
from ..domain.addresses import country_name
from ..domain.errors import NotFoundError, ValidationError
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import InvoiceKind, TaxCategory, invoice_totals
from ..domain.locale_text import format_date
from ..domain.postal_parts import split_address
from ..domain.tax_rates import share_tax
from .common import settings_row
from .invoice_views import ZERO, stored_lines
from .tax_codes import tax_codes_in_session

FORMATS = ("csv", "xero", "quickbooks")
_ISSUED = Invoice.status != InvoiceStatus.DRAFT.value


@dataclass(frozen=True)
class ExportChoice:
    invoice_ids: tuple[int, ...]
    numbers: tuple[str, ...]
    exported_before: tuple[str, ...]  # numbers of chosen invoices that were exported already
    exported_at: tuple[dt.datetime, ...] = ()  # when each of ``exported_before`` was (UTC), in its order


@dataclass(frozen=True)
class ExportResult:
    files: tuple[Path, ...]
    count: int


@dataclass(frozen=True)
class ExportSources:
    invoices: tuple[ExportInvoice, ...]  # in the order asked for
    tax_codes: tuple[TaxCode, ...]
    us_dates: bool  # a US shop writes MM/DD/YYYY
    vat: bool  # a VAT shop's QuickBooks file carries tax codes and amounts (not a US sales-tax shop)


def _dates(date_from: object, date_to: object, locale: str) -> tuple[dt.date | None, dt.date | None]:
    start = v.date("date_from", date_from, required=False, locale=locale)
    end = v.date("date_to", date_to, required=False, locale=locale)
    if start and end and start > end:
        raise ValidationError("date_to", f"The range ends ({format_date(end, locale)}) before it starts "
                                         f"({format_date(start, locale)}).")
    return start, end


def _nothing_found(start: dt.date | None, end: dt.date | None, locale: str, what: str) -> ValidationError:
    if start and end:
        where = f" issued from {format_date(start, locale)} to {format_date(end, locale)}"
    elif start or end:
        where = f" issued {'from' if start else 'up to'} {format_date(start or end, locale)}"
    else:
        where = ""
    return ValidationError("invoices", f"There are no issued {what}{where} to export.")


def choose_invoices(db: Database, *, date_from: dt.date | str | None = None, date_to: dt.date | str | None = None,
                    invoice_ids: Iterable[int] | None = None, credit_notes: bool = True) -> ExportChoice:
    """Issued invoices and credit notes, by issue date (both ends included; either may be left
    open) or by id (drafts among them are left out), in order of issue. None found is refused.
    ``credit_notes=False`` leaves credit notes out (QuickBooks' invoice import cannot take them)."""
    query = select(Invoice.id, Invoice.number, Invoice.exported_at).where(_ISSUED)
    if not credit_notes:
        query = query.where(Invoice.kind != InvoiceKind.CREDIT_NOTE.value)
    with db.reader() as s:
        locale = settings_row(s).locale
        start, end = _dates(date_from, date_to, locale)
        if invoice_ids is not None:
            query = query.where(Invoice.id.in_([int(i) for i in invoice_ids]))
        if start:
            query = query.where(Invoice.issue_date >= start)
        if end:
            query = query.where(Invoice.issue_date <= end)
        rows = s.execute(query.order_by(Invoice.issue_date, Invoice.number)).all()
    if not rows:
        raise _nothing_found(start, end, locale, "invoices or credit notes" if credit_notes else "invoices")
    before = [(number, when) for _, number, when in rows if when is not None]
    return ExportChoice(invoice_ids=tuple(row.id for row in rows), numbers=tuple(row.number for row in rows),
                        exported_before=tuple(number for number, _ in before),
                        exported_at=tuple(when for _, when in before))


def _lines(invoice: Invoice) -> tuple[ExportLine, ...]:
    """Each line with its share of its group's tax: the group's tax as the invoice worked it out
    (once per rate), shared so the shares add up to it exactly."""
    lines = stored_lines(invoice)
    nets = [stored.net for stored in invoice.lines]
    taxes: list[Decimal] = [ZERO] * len(lines)
    for group in invoice_totals(lines).subtotals:
        members = [i for i, line in enumerate(lines) if (line.category, line.rate) == (group.category, group.rate)]
        for i, share in zip(members, share_tax([nets[i] for i in members], group.tax), strict=True):
            taxes[i] = share
    return tuple(ExportLine(description=line.description, quantity=line.quantity, unit_amount=line.unit_price,
                               discount=line.discount, net=net, tax_category=line.category, tax_rate=line.rate,
                               tax_amount=tax)
                 for line, net, tax in zip(lines, nets, taxes, strict=True))


def _for_export(invoice: Invoice, job_number: str, paid: Decimal) -> ExportInvoice:
    address = split_address(invoice.buyer_address, invoice.buyer_country)
    credit_note = invoice.kind == InvoiceKind.CREDIT_NOTE
    return ExportInvoice(
        number=invoice.number, kind=CREDIT_NOTE if credit_note else INVOICE, customer_name=invoice.buyer_name,
        email=invoice.buyer_email, address_lines=address.street, city=address.city, region=address.region,
        postal_code=address.postcode, country=country_name(invoice.buyer_country, "en_GB"),
        issue_date=invoice.issue_date, due_date=invoice.due_date or invoice.issue_date, reference=job_number,
        currency=invoice.currency, terms=invoice.payment_terms, memo=invoice.notes, paid=paid,
        lines=_lines(invoice))


def export_sources(db: Database, invoice_ids: Iterable[int]) -> ExportSources:
    """The chosen issued invoices as the writers take them, read in a few queries whatever their
    number (lines in bulk, payments summed in the database). A draft or an unknown id is refused."""
    ids = list(dict.fromkeys(int(i) for i in invoice_ids))
    if not ids:
        raise ValidationError("invoices", "There are no invoices to export.")
    paid = select(Payment.invoice_id, func.sum(Payment.amount)).where(Payment.invoice_id.in_(ids)).group_by(
        Payment.invoice_id)
    query = (select(Invoice, Job.number).outerjoin(Job, Job.id == Invoice.job_id).where(Invoice.id.in_(ids))
             .options(selectinload(Invoice.lines)))
    with db.reader() as s:
        found = {invoice.id: (invoice, job_number) for invoice, job_number in s.execute(query)}
        missing = [i for i in ids if i not in found]
        if missing:
            raise NotFoundError("invoices", f"There is no invoice with id {missing[0]}.")
        drafts = [i for i in ids if found[i][0].status == InvoiceStatus.DRAFT]
        if drafts:
            raise ValidationError("invoices", "A draft is not exported: issue it first.")
        paid_by_invoice = {invoice_id: Decimal(total) for invoice_id, total in s.execute(paid)}
        settings = settings_row(s)
        return ExportSources(
            invoices=tuple(_for_export(found[i][0], found[i][1] or "", paid_by_invoice.get(i, ZERO)) for i in ids),
            tax_codes=tax_codes_in_session(s), us_dates=settings.country == "US", vat=settings.country != "US")


__all__ = ["FORMATS", "ExportChoice", "ExportResult", "ExportSources", "choose_invoices", "export_sources"]


def __getattr__(name: str):
    # The contract first placed export_invoices here; say where it is rather than a bare ImportError.
    if name == "export_invoices":
        raise ImportError("export_invoices is in workshop.documents.invoice_exports: the services cannot import "
                          "the file writers (workshop.exports sits above them)")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
