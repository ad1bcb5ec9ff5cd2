"""Invoices and credit notes: drafts, credit notes and issuing.

A draft has no number and changes freely (its lines are replaced whole). Issuing checks the
lines, takes the number (``INV-YYYY-NNNN``, a credit note ``CN-YYYY-NNNN``) in the same
transaction, so a failed issue gives its number back, freezes the buyer's and seller's details
and the totals, and checks the result against the EN 16931 rules the program can decide itself
(``domain.einvoice_rules``): a breach refuses it, naming the rule. From then on the invoice never
changes: every service here refuses it, and a correction is a credit note naming it.

Reading them is in ``invoice_views``; payments in ``payments``.

Credit notes carry positive amounts, as EN 16931 writes them (document type 381): the kind says
the amounts are owed back, and exports turn them negative. A credit note can take off at most
what remains uncredited of its invoice.

The job follows its final invoice: issuing it marks the job invoiced (the job must be delivered).

Issuing from two PCs at once (a server): the draft's row is held (``db.row_locks.hold``) before its
status is read, then a credit note's invoice, then the number's counter, in that order. So the same
draft issued twice at once is numbered once (the second is told it is issued already, and takes no
number: none is lost), two credit notes of one invoice cannot together take off more than it, and a
draft's lines do not change under its issue (changing or deleting a draft holds it too).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import AftercareTicket, Customer, Invoice, InvoiceLine, Job, ShopSettings
from ..db.row_locks import hold
from ..domain import statuses as st
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.einvoice_rules import Party, RuleBreach, br_co_breaches, facts_from
from ..domain.invoice_status import InvoiceStatus, check_draft, settled_status
from ..domain.invoicing import (InvoiceKind, LineInput, TaxCategory, check_lines, invoice_totals, line_error,
                                line_net)
from ..domain.job_statement import can_bill_final
from ..domain.money import format_money
from ..domain.wording import plural
from . import jobs as job_service
from .common import get_or_fail, next_number, settings_row
from .edits import edit_conflict, rows_of_it_changed, saved_or_conflict
from .invoice_views import (InvoiceView, ZERO, credited_in_session, get_invoice, invoice_view_in_session, party_details,
                            stored_lines)

CREDIT_NOTE_PREFIX = "CN"
#: Kinds that bill a job's contract, and so need a job.
JOB_KINDS = frozenset({InvoiceKind.DEPOSIT, InvoiceKind.PROGRESS, InvoiceKind.FINAL})
_LINE_FIELDS = frozenset(f.name for f in dataclasses.fields(LineInput))


def settle_in_session(s: Session, invoice: Invoice) -> None:
    """Issued, part paid or paid, from the payments and credit notes it has now."""
    paid = sum((p.amount for p in invoice.payments), ZERO)
    invoice.status = settled_status(invoice.gross, paid, credited_in_session(s, invoice)).value


# --- drafts --------------------------------------------------------------------------------------

def _figure(index: int, name: str, value: object, *, locale: str, **rules) -> Decimal:
    """A line's number read as the shop writes them; the error names the line."""
    try:
        return v.decimal(name, value, locale=locale, **rules)
    except ValidationError as exc:
        raise line_error(index, name, exc.message) from None


def _clean_line(index: int, raw: LineInput | Mapping, *, locale: str, default_rate: Decimal) -> LineInput:
    """A line from a form (text in the shop's locale, or numbers): a standard-rated line takes the
    shop's default rate unless it gives one; zero, exempt and reverse-charge lines have rate 0."""
    if isinstance(raw, LineInput):  # built by code: its figures get the same checks as typed ones
        raw = dataclasses.asdict(raw)
    if not isinstance(raw, Mapping):
        raise ValidationError(f"lines[{index}]", f"Line {index + 1}: not an invoice line.")
    unknown = sorted(set(raw) - _LINE_FIELDS)
    if unknown:
        raise line_error(index, unknown[0], f"“{unknown[0]}” is not a field of an invoice line.")
    category = raw.get("category") or TaxCategory.STANDARD
    try:
        category = TaxCategory(category)
    except ValueError:
        pass  # check_lines names the unknown category
    rate = raw.get("rate")
    if rate is None or rate == "":
        rate = default_rate if category == TaxCategory.STANDARD else Decimal(0)
    description = raw.get("description")
    try:
        unit = v.text("unit", raw.get("unit") or "ea", max_length=20)
    except ValidationError as exc:
        raise line_error(index, "unit", exc.message) from None
    return LineInput(
        description=description.strip() if isinstance(description, str) else description,
        quantity=_figure(index, "quantity", raw.get("quantity"), locale=locale, places=3, minimum=None),
        unit=unit, unit_price=_figure(index, "unit_price", raw.get("unit_price"), locale=locale, places=2),
        discount=_figure(index, "discount", raw.get("discount") or Decimal(0), locale=locale, places=2),
        category=category, rate=_figure(index, "rate", rate, locale=locale, places=2, maximum=Decimal(100)),
        exemption_reason=(raw.get("exemption_reason") or "").strip(), deduction=bool(raw.get("deduction", False)))


def _set_lines(s: Session, invoice: Invoice, raw_lines: Iterable, settings: ShopSettings) -> None:
    """Replace the draft's lines; each is checked (an empty list is allowed until issue)."""
    if isinstance(raw_lines, (str, bytes, Mapping)):
        raise ValidationError("lines", "Lines must be a list of invoice lines.")
    lines = [_clean_line(i, raw, locale=settings.locale, default_rate=settings.default_tax_rate)
             for i, raw in enumerate(raw_lines)]
    credit_note = invoice.kind == InvoiceKind.CREDIT_NOTE
    if lines:
        check_lines(lines, credit_note=credit_note)
    if credit_note:
        _check_credit(s, s.get(Invoice, invoice.credits_id), lines, settings.locale)
    invoice.lines = [
        InvoiceLine(position=i, description=line.description, quantity=line.quantity, unit=line.unit,
                    unit_price=line.unit_price, discount=line.discount, category=TaxCategory(line.category).value,
                    rate=line.rate, exemption_reason=line.exemption_reason, deduction=line.deduction,
                    net=line_net(line))
        for i, line in enumerate(lines, start=1)]


def _check_credit(s: Session, original: Invoice, lines: list[LineInput], locale: str) -> None:
    """A credit note takes something off, and no more than remains uncredited of its invoice."""
    if not lines:
        return
    gross = invoice_totals(lines).gross
    if gross <= 0:
        raise ValidationError("lines", "A credit note takes something off: its total must be more than zero.")
    remaining = original.gross - credited_in_session(s, original)
    if gross > remaining:
        money = lambda amount: format_money(amount, original.currency, locale)  # noqa: E731
        raise ValidationError("lines", f"This credit note ({money(gross)}) is more than remains uncredited of "
                                       f"{original.number} ({money(remaining)}).")


def _kind(value: object) -> InvoiceKind:
    return InvoiceKind(v.choice("kind", value, [k.value for k in InvoiceKind]))


def _link(s: Session, invoice: Invoice, *, job_id, customer_id, ticket_id, credits_id) -> None:
    """Who the draft bills and what for: a job, an aftercare ticket, or the invoice a credit note corrects."""
    kind = InvoiceKind(invoice.kind)
    if kind is InvoiceKind.CREDIT_NOTE:
        original = get_or_fail(s, Invoice, credits_id, "credits_id", "invoice")
        if original.status == InvoiceStatus.DRAFT:
            raise ValidationError("credits_id", "A draft is corrected by editing it, not by a credit note.")
        if original.kind == InvoiceKind.CREDIT_NOTE:
            raise ValidationError("credits_id", f"{original.number} is a credit note: a credit note is not credited.")
        invoice.credits_id, invoice.job_id, invoice.customer_id = original.id, original.job_id, original.customer_id
        invoice.currency = original.currency
        return
    if credits_id is not None:
        raise ValidationError("credits_id", "Only a credit note names an invoice it corrects.")
    if kind in JOB_KINDS and job_id is None:
        raise ValidationError("job_id", f"A {kind.value} invoice bills a job: choose the job.")
    if ticket_id is not None:
        if kind is not InvoiceKind.MANUAL:
            raise ValidationError("ticket_id", "An aftercare ticket is billed on a manual invoice.")
        ticket = get_or_fail(s, AftercareTicket, ticket_id, "ticket_id", "aftercare ticket")
        invoice.ticket_id, customer_id = ticket.id, customer_id or ticket.job.customer_id
    if job_id is not None:
        job = get_or_fail(s, Job, job_id, "job_id", "job")
        if kind in JOB_KINDS and st.is_read_only(job.status):
            status = st.JobStatus(job.status).label.lower()
            raise ValidationError("job_id", f"{job.number} is {status}: it takes no more invoices.")
        if customer_id is not None and int(customer_id) != job.customer_id:
            raise ValidationError("customer_id", f"{job.number} is for another customer.")
        invoice.job_id, customer_id = job.id, job.customer_id
    invoice.customer_id = get_or_fail(s, Customer, customer_id, "customer_id", "customer").id


@writes(Change.INVOICES)
def create_draft(db: Database, *, kind: str, job_id: int | None = None, customer_id: int | None = None,
                 ticket_id: int | None = None, credits_id: int | None = None, lines: Iterable = (),
                 notes: str = "", payment_terms: str = "") -> InvoiceView:
    """A draft invoice (no number yet). Deposit, progress and final invoices bill a job; a manual
    one bills a customer, perhaps for an aftercare ticket; a credit note names its invoice."""
    with db.session() as s:
        settings = settings_row(s)
        invoice = Invoice(kind=_kind(kind).value, status=InvoiceStatus.DRAFT.value, currency=settings.currency,
                          notes=v.long_text("notes", notes), payment_terms=v.long_text("payment_terms", payment_terms),
                          created_at=db.now())
        _link(s, invoice, job_id=job_id, customer_id=customer_id, ticket_id=ticket_id, credits_id=credits_id)
        _set_lines(s, invoice, lines, settings)
        s.add(invoice)
        s.flush()
        return invoice_view_in_session(s, invoice)


_EDITABLE = frozenset({"lines", "notes", "payment_terms"})


@writes(Change.INVOICES)
def update_draft(db: Database, invoice_id: int, *, expected_version: int | None = None, **changes) -> InvoiceView:
    """Change a draft: its notes, payment terms, or its lines (replaced whole). ``expected_version``:
    the version the editor showed; saved by someone since, EditConflict (services.edits), nothing saved."""
    return saved_or_conflict(lambda: _update_draft(db, invoice_id, expected_version, changes),
                             lambda: get_invoice(db, invoice_id), lambda i: f"The draft for {i.buyer_name}")


def _update_draft(db: Database, invoice_id: int, expected_version: int | None, changes: dict) -> InvoiceView:
    unknown = sorted(set(changes) - _EDITABLE)
    if unknown:
        raise ValidationError(unknown[0], f"“{unknown[0]}” is not a field that can be set here.")
    with db.session() as s:
        invoice = get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
        hold(s, Invoice, [invoice.id])  # not being issued by another PC as its lines change
        check_draft(invoice.status, invoice.number, "changed")
        if expected_version is not None and invoice.version != expected_version:
            current = invoice_view_in_session(s, invoice)
            raise edit_conflict(f"The draft for {current.buyer_name}", current)
        for name in ("notes", "payment_terms"):
            if name in changes:
                setattr(invoice, name, v.long_text(name, changes[name]))
        if "lines" in changes:
            _set_lines(s, invoice, changes["lines"], settings_row(s))
            rows_of_it_changed(invoice)
        s.flush()
        return invoice_view_in_session(s, invoice)


@writes(Change.INVOICES)
def delete_draft(db: Database, invoice_id: int) -> None:
    """Only a draft can be deleted: an issued invoice is corrected by a credit note."""
    with db.session() as s:
        invoice = get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
        hold(s, Invoice, [invoice.id])
        check_draft(invoice.status, invoice.number, "deleted")
        s.delete(invoice)


@writes(Change.INVOICES)
def credit_note(db: Database, invoice_id: int, *, lines: Iterable | None = None) -> InvoiceView:
    """A draft credit note for an issued invoice: all of it (its lines copied, as positive amounts)
    unless ``lines`` says what part."""
    with db.session() as s:
        original = get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
        invoice = Invoice(kind=InvoiceKind.CREDIT_NOTE.value, status=InvoiceStatus.DRAFT.value,
                          notes="", payment_terms="", created_at=db.now())
        _link(s, invoice, job_id=None, customer_id=None, ticket_id=None, credits_id=original.id)
        _set_lines(s, invoice, stored_lines(original) if lines is None else lines, settings_row(s))
        s.add(invoice)
        s.flush()
        return invoice_view_in_session(s, invoice)


# --- issuing -------------------------------------------------------------------------------------

#: What a missing party field is called, and where the owner puts it right.
_SELLER_WORDS = {"name": "The shop has no name", "address": "The shop has no postal address",
                 "country": "The shop has no country", "tax_number": "The shop has no VAT number"}
_BUYER_WORDS = {"name": "{name} has no name", "address": "{name} has no billing address",
                "country": "{name}'s billing address has no country", "tax_number": "{name} has no VAT number"}


def _refusal(breach: RuleBreach, customer: Customer) -> ValidationError:
    """A broken EN 16931 rule as the owner reads it: the rule, what is missing, and where to add it."""
    party, _, name = breach.field.partition(".")
    if party == "seller" and name in _SELLER_WORDS:
        return ValidationError("settings", f"{breach.rule}: {_SELLER_WORDS[name]}, and an invoice must state it "
                                           "(EN 16931): add it in Company settings before issuing.")
    if party == "buyer" and name in _BUYER_WORDS:
        words = _BUYER_WORDS[name].format(name=customer.name)
        return ValidationError("customer", f"{breach.rule}: {words}: add it to the customer before issuing.")
    return ValidationError("lines", f"{breach.rule} ({breach.field}): {breach.message}")


def _check_en16931(invoice: Invoice, lines, customer: Customer) -> None:
    """The invoice as it will be issued (number, frozen parties, totals) against the EN 16931 rules
    the program can decide itself; the first breach refuses it. A shop without a VAT number is
    refused too: EN 16931 has no standard-rated invoice without the seller's VAT identifier."""
    seller = Party(name=invoice.seller_name, country=invoice.seller_country,
                   address=tuple(invoice.seller_address.splitlines()), tax_number=invoice.seller_tax_number)
    buyer = Party(name=invoice.buyer_name, country=invoice.buyer_country,
                  address=tuple(invoice.buyer_address.splitlines()), tax_number=invoice.buyer_tax_number)
    facts = facts_from(lines, invoice_totals(lines), number=invoice.number, issue_date=invoice.issue_date,
                       currency=invoice.currency, seller=seller, buyer=buyer)
    breaches = br_co_breaches(facts)
    if breaches:
        raise _refusal(breaches[0], customer)


def _check_final(s: Session, invoice: Invoice, job: Job) -> None:
    """A job has one final invoice, issued once the job is delivered (or marked invoiced before it had one)."""
    earlier = s.scalar(select(Invoice.number).where(
        Invoice.job_id == job.id, Invoice.kind == InvoiceKind.FINAL.value, Invoice.id != invoice.id,
        Invoice.status != InvoiceStatus.DRAFT.value))
    if earlier:
        raise ValidationError("kind", f"{job.number} already has its final invoice, {earlier}: correct it with a "
                                      "credit note.")
    if not can_bill_final(job.status):
        status = st.JobStatus(job.status).label.lower()
        raise ValidationError("job_id", f"{job.number} is {status}: its final invoice is issued once it is "
                                        "delivered.")


@writes(Change.INVOICES | Change.JOBS)
def issue(db: Database, invoice_id: int, *, issue_date: dt.date | str | None = None,
          tax_point: dt.date | str | None = None) -> InvoiceView:
    """Give a draft its number and freeze it. The tax point defaults to the issue date (today),
    the due date is the issue date plus the shop's payment terms. A final invoice marks its job
    invoiced. Everything happens in one transaction: a failure gives the number back."""
    with db.session() as s:
        invoice = get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
        hold(s, Invoice, [invoice.id])  # then read afresh: another PC may have issued it meanwhile
        if invoice.status != InvoiceStatus.DRAFT:
            raise ValidationError("invoice", f"{invoice.number} is already issued.")
        if invoice.credits_id:
            hold(s, Invoice, [invoice.credits_id])
        settings = settings_row(s)
        issued_on = v.date("issue_date", issue_date, required=False, locale=settings.locale) or db.today()
        tax_point_date = v.date("tax_point", tax_point, required=False, locale=settings.locale) or issued_on
        kind = InvoiceKind(invoice.kind)
        lines = stored_lines(invoice)
        check_lines(lines, credit_note=kind is InvoiceKind.CREDIT_NOTE)
        customer = s.get(Customer, invoice.customer_id)
        original = s.get(Invoice, invoice.credits_id) if invoice.credits_id else None
        if original is not None:
            _check_credit(s, original, list(lines), settings.locale)
        job = s.get(Job, invoice.job_id) if invoice.job_id else None
        if kind is InvoiceKind.FINAL:
            _check_final(s, invoice, job)

        prefix = CREDIT_NOTE_PREFIX if original is not None else (settings.invoice_prefix or "INV")
        invoice.number = next_number(s, prefix, issued_on.year)
        totals = invoice_totals(lines)
        invoice.net, invoice.tax, invoice.gross = totals.net, totals.tax, totals.gross
        for name, value in party_details(customer, settings).items():
            setattr(invoice, name, value)
        invoice.issue_date, invoice.tax_point_date = issued_on, tax_point_date
        _check_en16931(invoice, lines, customer)
        if original is None:  # a credit note is owed back, not due
            invoice.due_date = issued_on + dt.timedelta(days=settings.payment_terms_days)
            if not invoice.payment_terms.strip():
                invoice.payment_terms = (f"Payment within {plural(settings.payment_terms_days, 'day')} of the "
                                         "invoice date.")
        invoice.status, invoice.issued_at = InvoiceStatus.ISSUED.value, db.now()
        s.flush()
        if original is not None:
            settle_in_session(s, original)
        if kind is InvoiceKind.FINAL and job.status != st.JobStatus.INVOICED:
            job_service.change_status_in_session(s, db, job, "invoice", f"Final invoice {invoice.number} issued")
        s.flush()
        return invoice_view_in_session(s, invoice)


@writes(Change.INVOICES)
def mark_exported(db: Database, invoice_ids: Iterable[int]) -> tuple[str, ...]:
    """Remember that these issued invoices were exported now (the one thing an issued invoice
    records later). Returns the numbers exported before: accounting programs import duplicates."""
    ids = list(invoice_ids)
    with db.session() as s:
        # One query for the lot (an export marks a month's invoices); an id not found is refused as ever.
        loaded = {invoice.id: invoice for invoice in s.scalars(
            select(Invoice).where(Invoice.id.in_([i for i in ids if isinstance(i, int)])))}
        chosen = [loaded.get(invoice_id) or get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
                  for invoice_id in ids]
        for invoice in chosen:
            if invoice.status == InvoiceStatus.DRAFT:
                raise ValidationError("invoice", "A draft is not exported: issue it first.")
        again = tuple(invoice.number for invoice in chosen if invoice.exported_at is not None)
        now = db.now()
        for invoice in chosen:
            invoice.exported_at = now
        return again

