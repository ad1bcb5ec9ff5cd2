"""Invoices from a job: what the job has been billed, its deposit, progress and final invoices,
and the job statement each of them carries.

The contract is the accepted quote's price (net) at the shop's default tax rate; approved change
orders add to it (or take away). The amounts are worked out by ``domain.job_statement`` and the
drafts are made by ``invoices.create_draft``, so a job invoice is checked like any other.
An issued credit note against a job invoice takes its lines off what that invoice billed.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.engine import Database
from ..db.models import ChangeOrder, Invoice, Job, Quote
from ..domain import validation as v
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.invoice_status import InvoiceStatus
from ..domain.invoicing import InvoiceKind, LineInput, TaxCategory, invoice_totals
from ..domain.job_statement import (EarlierInvoice, JobStatement, deposit_amount, deposit_percent_in, final_lines,
                                    job_statement, progress_amount)
from ..domain.labels import quote_label
from ..domain.locale_text import format_number
from ..domain.statuses import ChangeOrderStatus, QuoteStatus
from . import invoices
from .common import get_or_fail, settings_row
from .invoice_views import InvoiceView, ZERO, stored_lines

BILLING_KINDS = (InvoiceKind.DEPOSIT.value, InvoiceKind.PROGRESS.value, InvoiceKind.FINAL.value)
#: The unit of a line that bills the contract, a change order or a share of them: each is one item.
EACH = "ea"


@dataclass(frozen=True)
class BilledInvoice:
    """An issued invoice of the job, less what issued credit notes took off it."""

    id: int
    number: str
    kind: InvoiceKind
    net: Decimal
    gross: Decimal
    earlier: tuple[EarlierInvoice, ...]  # its net per tax category and rate, for the final's deductions


@dataclass(frozen=True)
class JobBilling:
    job_id: int
    job_number: str
    quote: str  # the accepted quote, as printed: "Q-2026-0004" or "Q-2026-0004 rev 2"
    contract_lines: tuple[LineInput, ...]  # the accepted quote's price at the default rate
    change_lines: tuple[LineInput, ...]  # one per approved change order
    invoices: tuple[BilledInvoice, ...]  # issued deposit, progress and final invoices, oldest first
    paid_to_date: Decimal  # payments received on them
    locale: str  # the shop's, for the figures in line descriptions
    deposit_percent: Decimal | None = None  # the deposit the quote's terms ask for ("40% deposit …")

    @property
    def contract(self) -> Decimal:
        """The quote's net price."""
        return sum((line.unit_price for line in self.contract_lines), ZERO)

    @property
    def contract_with_changes(self) -> Decimal:
        """Net: the contract and the approved change orders."""
        return invoice_totals((*self.contract_lines, *self.change_lines)).net

    @property
    def invoiced_net(self) -> Decimal:
        return sum((invoice.net for invoice in self.invoices), ZERO)

    def share(self, kind: InvoiceKind, *, percent=None, amount=None) -> tuple[Decimal, Decimal | None]:
        """What a deposit (of the quote) or a progress invoice (of the contract with its changes,
        at most what remains) bills net for ``percent`` or ``amount`` as typed in the shop's locale,
        and the percentage read. Bad text, or a share out of bounds, is refused naming its field."""
        percent = v.decimal("percent", percent, required=False, locale=self.locale, maximum=None)
        amount = v.decimal("amount", amount, required=False, locale=self.locale, minimum=None)
        if kind is InvoiceKind.DEPOSIT:
            return deposit_amount(self.contract, percent=percent, amount=amount), percent
        return progress_amount(self.contract_with_changes, percent=percent, amount=amount,
                               invoiced_so_far=self.invoiced_net), percent

    def final_invoice_lines(self) -> tuple[LineInput, ...]:
        """What the final invoice bills: the contract and each approved change order, less each
        earlier invoice by number (refused when those come to more than the contract)."""
        earlier = [part for invoice in self.invoices for part in invoice.earlier]
        return final_lines((*self.contract_lines, *self.change_lines), earlier)


def _change_line(change: ChangeOrder, rate: Decimal) -> LineInput:
    """A change that took work away is a deduction line (a negative quantity, as EN 16931 wants)."""
    words = f"Change order {change.number}: {change.description}"
    return LineInput(description=words, quantity=Decimal(1 if change.price_change >= 0 else -1), unit=EACH,
                     unit_price=abs(change.price_change), category=TaxCategory.STANDARD, rate=rate,
                     deduction=change.price_change < 0)


def _net_by_rate(invoice: Invoice, credit_notes: list[Invoice]) -> dict[tuple, Decimal]:
    nets: dict[tuple, Decimal] = defaultdict(lambda: ZERO)
    for document, sign in ((invoice, 1), *((note, -1) for note in credit_notes)):
        for line in document.lines:
            nets[(TaxCategory(line.category), line.rate, line.exemption_reason)] += sign * line.net
    return nets


def _billed(s: Session, invoice: Invoice) -> BilledInvoice:
    notes = list(s.scalars(select(Invoice).where(Invoice.credits_id == invoice.id,
                                                 Invoice.status != InvoiceStatus.DRAFT.value)))
    kind = InvoiceKind(invoice.kind)
    earlier = tuple(EarlierInvoice(number=invoice.number, net=net, category=category, rate=rate, kind=kind,
                                   exemption_reason=reason)
                    for (category, rate, reason), net in _net_by_rate(invoice, notes).items() if net)
    return BilledInvoice(id=invoice.id, number=invoice.number, kind=kind,
                         net=invoice.net - sum((note.net for note in notes), ZERO),
                         gross=invoice.gross - sum((note.gross for note in notes), ZERO), earlier=earlier)


def _issued_job_invoices(s: Session, job_id: int) -> list[Invoice]:
    return list(s.scalars(select(Invoice).where(
        Invoice.job_id == job_id, Invoice.kind.in_(BILLING_KINDS), Invoice.status != InvoiceStatus.DRAFT.value)
        .order_by(Invoice.issued_at, Invoice.id)))


def billing_in_session(s: Session, job: Job) -> JobBilling:
    quote = s.scalar(select(Quote).where(Quote.job_id == job.id, Quote.status == QuoteStatus.ACCEPTED.value)
                     .order_by(Quote.id.desc()).limit(1))
    if quote is None:
        raise ValidationError("job_id", f"{job.number} has no accepted quote: there is no contract to invoice.")
    settings = settings_row(s)
    rate = settings.default_tax_rate
    label = quote_label(quote.number, quote.revision)
    contract = LineInput(description=f"{job.title}, as quote {label}", quantity=Decimal(1), unit=EACH,
                         unit_price=quote.price, category=TaxCategory.STANDARD, rate=rate)
    changes = s.scalars(select(ChangeOrder).where(ChangeOrder.job_id == job.id,
                                                  ChangeOrder.status == ChangeOrderStatus.APPROVED.value,
                                                  ChangeOrder.price_change != 0).order_by(ChangeOrder.number))
    issued = _issued_job_invoices(s, job.id)
    paid = sum((payment.amount for invoice in issued for payment in invoice.payments), ZERO)
    return JobBilling(job_id=job.id, job_number=job.number, quote=label, contract_lines=(contract,),
                      change_lines=tuple(_change_line(change, rate) for change in changes),
                      invoices=tuple(_billed(s, invoice) for invoice in issued), paid_to_date=paid,
                      locale=settings.locale,
                      deposit_percent=deposit_percent_in(f"{quote.payment_terms}\n{quote.terms}"))


def job_billing(db: Database, job_id: int) -> JobBilling:
    """What the job's contract is and what has been invoiced and paid on it."""
    with db.reader() as s:
        return billing_in_session(s, get_or_fail(s, Job, job_id, "job_id", "job"))


def _one_line(description: str, amount: Decimal, billing: JobBilling) -> list[LineInput]:
    rate = billing.contract_lines[0].rate
    return [LineInput(description=description, quantity=Decimal(1), unit=EACH, unit_price=amount,
                      category=TaxCategory.STANDARD, rate=rate)]


def _percent_words(percent: Decimal, billing: JobBilling) -> str:
    return f"{format_number(percent.normalize(), billing.locale)}%"


def _money_words(amount: Decimal, billing: JobBilling) -> str:
    return format_number(amount, billing.locale, places=2)


@writes(Change.INVOICES)
def draft_deposit(db: Database, job_id: int, *, percent=None, amount=None) -> InvoiceView:
    """A draft deposit invoice: ``percent`` of the accepted quote's net price, or a net ``amount``."""
    billing = job_billing(db, job_id)
    figure, percent = billing.share(InvoiceKind.DEPOSIT, percent=percent, amount=amount)
    share = f"{_percent_words(percent, billing)} deposit" if percent is not None else "Deposit"
    words = f"{share} on quote {billing.quote} ({_money_words(billing.contract, billing)})"
    return invoices.create_draft(db, kind=InvoiceKind.DEPOSIT.value, job_id=job_id,
                                 lines=_one_line(words, figure, billing))


@writes(Change.INVOICES)
def draft_progress(db: Database, job_id: int, *, percent=None, amount=None, milestone: str = "") -> InvoiceView:
    """A draft progress invoice: ``percent`` of the contract with its approved changes, or a net
    ``amount``, never more than remains to invoice; ``milestone`` names the stage reached."""
    billing = job_billing(db, job_id)
    contract = billing.contract_with_changes
    figure, percent = billing.share(InvoiceKind.PROGRESS, percent=percent, amount=amount)
    share = f"{_percent_words(percent, billing)} of " if percent is not None else ""
    words = f"Progress: {share}quote {billing.quote} with its changes ({_money_words(contract, billing)})"
    if milestone.strip():
        words = f"{words}: {milestone.strip()}"
    return invoices.create_draft(db, kind=InvoiceKind.PROGRESS.value, job_id=job_id,
                                 lines=_one_line(words, figure, billing))


@writes(Change.INVOICES)
def draft_final(db: Database, job_id: int) -> InvoiceView:
    """A draft final invoice: the contract and each approved change order, less each earlier invoice by number."""
    lines = job_billing(db, job_id).final_invoice_lines()
    return invoices.create_draft(db, kind=InvoiceKind.FINAL.value, job_id=job_id, lines=lines)


def job_statement_view(db: Database, *, invoice_id: int | None = None, job_id: int | None = None) -> JobStatement:
    """The job statement printed on an invoice of the job (``invoice_id``: the invoices issued
    before it count as invoiced before), or where the job stands now (``job_id``). Gross
    throughout; an earlier invoice counts less what its issued credit notes took off."""
    if (invoice_id is None) == (job_id is None):
        raise ValueError("give an invoice or a job")
    with db.reader() as s:
        this_gross, this_id = ZERO, None
        if invoice_id is not None:
            invoice = get_or_fail(s, Invoice, invoice_id, "invoice", "invoice")
            if invoice.job_id is None:
                raise ValidationError("invoice", "This invoice bills no job: it has no job statement.")
            job_id, this_id = invoice.job_id, invoice.id
            this_gross = invoice.gross if invoice.gross is not None else invoice_totals(stored_lines(invoice)).gross
        billing = billing_in_session(s, get_or_fail(s, Job, job_id, "job_id", "job"))
        before = _invoices_before(billing.invoices, this_id)
        return job_statement(billing.contract_lines, billing.change_lines,
                             invoiced_before=[(invoice.number, invoice.gross) for invoice in before],
                             this_invoice=this_gross, paid_to_date=billing.paid_to_date)


def _invoices_before(billed: tuple[BilledInvoice, ...], this_id: int | None) -> tuple[BilledInvoice, ...]:
    """Those issued before ``this_id`` (all of them when it is a draft or no invoice is given)."""
    ids = [invoice.id for invoice in billed]
    return billed[:ids.index(this_id)] if this_id in ids else billed


__all__ = ["BilledInvoice", "JobBilling", "job_billing", "billing_in_session", "draft_deposit", "draft_progress",
           "draft_final", "job_statement_view"]
