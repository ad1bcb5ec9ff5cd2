"""Billing a job in stages: a deposit, progress invoices, the final invoice, and the job statement
every job invoice carries.

Deposit and progress amounts are **net** (before tax): they become one invoice line each, and the
invoice adds tax by the EN 16931 rule in ``invoicing``. The final invoice bills the contract price
and the approved change orders, less every earlier invoice, each on its own deduction line at the
tax category and rate it was billed at, so each rate's tax comes out right.

The job statement is for the customer, so it is **gross** throughout (what they pay, tax included).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .errors import ValidationError
from .invoicing import HUNDRED, InvoiceKind, LineInput, TaxCategory, invoice_totals, line_net, round_to_minor
from .statuses import JobStatus, is_read_only, not_yet

#: The unit of a deduction line: it takes back one earlier invoice.
DEDUCTION_UNIT = "ea"


def deposit_amount(contract: Decimal, *, percent: Decimal | None = None, amount: Decimal | None = None,
                   exponent: int = 2) -> Decimal:
    """A deposit of ``percent`` of the net ``contract`` price, or of a fixed net ``amount`` (one of
    the two), half-up to the minor unit. Refused when it comes to 0 or less, or to more than the contract."""
    return _portion(contract, percent, amount, ceiling=Decimal(contract), ceiling_words="the contract price",
                    exponent=exponent)


def progress_amount(contract: Decimal, *, percent: Decimal | None = None, amount: Decimal | None = None,
                    invoiced_so_far: Decimal, exponent: int = 2) -> Decimal:
    """A progress invoice's net amount: ``percent`` of the net ``contract`` price (approved change
    orders included), or a fixed ``amount``. Refused when it is more than what remains to invoice
    (the contract less the net ``invoiced_so_far``)."""
    remaining = Decimal(contract) - Decimal(invoiced_so_far)
    return _portion(contract, percent, amount, ceiling=remaining,
                    ceiling_words=f"what remains to invoice ({remaining})", exponent=exponent)


def _portion(contract: Decimal, percent: Decimal | None, amount: Decimal | None, *, ceiling: Decimal,
             ceiling_words: str, exponent: int) -> Decimal:
    if (percent is None) == (amount is None):
        raise ValidationError("percent", "Give either a percentage or an amount.")
    if percent is not None:
        if not Decimal(0) < Decimal(percent) <= HUNDRED:
            raise ValidationError("percent", f"The percentage must be above 0% and at most 100% (not {percent}%).")
        field, figure = "percent", round_to_minor(Decimal(contract) * Decimal(percent) / HUNDRED, exponent)
    else:
        field, figure = "amount", round_to_minor(Decimal(amount), exponent)  # type: ignore[arg-type]
    if figure <= 0:
        raise ValidationError(field, f"The amount must be more than 0 (it comes to {figure}).")
    if figure > ceiling:
        raise ValidationError(field, f"The amount ({figure}) is more than {ceiling_words}.")
    return figure


#: Which invoices a job takes in each status (the job bar's "Invoice…", the services' checks).
#: A job takes a deposit or progress invoice from planning until its final invoice is issued.
STAGE_BILLABLE_JOB_STATUSES = frozenset(JobStatus) - {JobStatus.INVOICED, JobStatus.CLOSED, JobStatus.CANCELLED}
#: Its final invoice once it is delivered (invoiced: a job marked so before it had its final invoice).
FINAL_BILLABLE_JOB_STATUSES = frozenset({JobStatus.DELIVERED, JobStatus.INVOICED})
INVOICE_WAITS = "A deposit or progress invoice is made from planning on, the final invoice once it is delivered."


def can_bill_stage(status: JobStatus | str) -> bool:
    """A deposit or progress invoice can be drafted for the job."""
    return JobStatus(status) in STAGE_BILLABLE_JOB_STATUSES


def can_bill_final(status: JobStatus | str) -> bool:
    """The job's final invoice can be issued."""
    return JobStatus(status) in FINAL_BILLABLE_JOB_STATUSES


def can_invoice(status: JobStatus | str) -> bool:
    """The job takes some invoice: the job bar's "Invoice…"."""
    return can_bill_stage(status) or can_bill_final(status)


def invoice_waits(number: str, status: JobStatus | str) -> str:
    """Why "Invoice…" is not offered: a closed or cancelled job takes no more invoices."""
    if is_read_only(status):
        return f"Job {number} is {JobStatus(status).label.lower()}; it takes no more invoices."
    return not_yet(number, status, INVOICE_WAITS)


#: "40% deposit on acceptance", "50 % cash deposit", "a deposit of 40%": the quote's terms as the shop writes them.
_DEPOSIT_TERMS = re.compile(r"(\d{1,3}(?:[.,]\d+)?)\s*%\s*(?:\w+\s+){0,2}?deposit|deposit\s+of\s+(\d{1,3}(?:[.,]\d+)?)\s*%",
                            re.IGNORECASE)


def deposit_percent_in(terms: str) -> Decimal | None:
    """The deposit a quote's terms ask for, as a percentage ("40% deposit on acceptance" → 40), or
    None when they state none (or an impossible one, such as 0% or 120%)."""
    found = _DEPOSIT_TERMS.search(terms or "")
    if found is None:
        return None
    percent = Decimal((found.group(1) or found.group(2)).replace(",", "."))
    return percent if Decimal(0) < percent <= HUNDRED else None


@dataclass(frozen=True)
class EarlierInvoice:
    """What an earlier invoice of the job billed at one tax category and rate (net). An invoice
    with lines at two rates is given twice, once per rate, under its one number."""

    number: str
    net: Decimal
    category: TaxCategory
    rate: Decimal
    kind: InvoiceKind | None = None  # names the line: "Less deposit invoice …"
    exemption_reason: str = ""  # for an exempt or reverse-charge invoice, as it said


def final_lines(contract_lines: Sequence[LineInput], earlier: Sequence[EarlierInvoice], *,
                exponent: int = 2) -> tuple[LineInput, ...]:
    """The final invoice's lines: the contract and approved change order lines as given, then one
    deduction line per earlier invoice (per rate, when it had several: "… at 5%").

    Refused when the earlier invoices come to more than the contract (that calls for a credit note).
    """
    rates_per_number = Counter(invoice.number for invoice in earlier)
    deductions = tuple(
        LineInput(description=_deduction_words(invoice, several_rates=rates_per_number[invoice.number] > 1),
                  quantity=Decimal(-1), unit=DEDUCTION_UNIT, unit_price=invoice.net, category=invoice.category,
                  rate=invoice.rate, exemption_reason=invoice.exemption_reason, deduction=True)
        for invoice in earlier)
    billed = sum((line_net(line, exponent) for line in contract_lines), Decimal(0))
    invoiced = sum((invoice.net for invoice in earlier), Decimal(0))
    if invoiced > billed:
        raise ValidationError("earlier", f"The earlier invoices ({invoiced}) come to more than the contract and "
                                         f"its changes ({billed}): correct them with a credit note.")
    return (*contract_lines, *deductions)


def _deduction_words(invoice: EarlierInvoice, *, several_rates: bool) -> str:
    kind = {InvoiceKind.DEPOSIT: "deposit ", InvoiceKind.PROGRESS: "progress "}.get(invoice.kind, "")
    at_rate = f" at {invoice.rate.normalize():f}%" if several_rates else ""
    return f"Less {kind}invoice {invoice.number}{at_rate}"


@dataclass(frozen=True)
class JobStatement:
    """Where a job's billing stands, as printed on each of its invoices. All amounts gross (tax included)."""

    contract: Decimal  # the accepted quote's price
    approved_changes: Decimal  # approved change orders together (negative when they took work away)
    invoiced_before: tuple[tuple[str, Decimal], ...]  # (number, gross) of each earlier invoice
    this_invoice: Decimal
    paid_to_date: Decimal  # payments received on the job's invoices
    remaining: Decimal  # contract + changes − invoiced before − this invoice: still to invoice


def job_statement(contract_lines: Sequence[LineInput], change_lines: Sequence[LineInput], *,
                  invoiced_before: Sequence[tuple[str, Decimal]], this_invoice: Decimal, paid_to_date: Decimal,
                  exponent: int = 2) -> JobStatement:
    """The statement for one invoice of a job, gross throughout.

    The contract and the change orders are each taxed as a whole, by the invoice rule. Each invoice
    rounds its own tax, so after the final invoice ``remaining`` can differ from 0 by a minor unit
    per earlier invoice and rate; it is shown as it is, so that the statement adds up as printed.
    """
    contract = invoice_totals(contract_lines, exponent=exponent).gross
    changes = invoice_totals(change_lines, exponent=exponent).gross
    before = tuple((number, round_to_minor(gross, exponent)) for number, gross in invoiced_before)
    this = round_to_minor(this_invoice, exponent)
    remaining = contract + changes - sum((gross for _, gross in before), Decimal(0)) - this
    return JobStatement(contract=contract, approved_changes=changes, invoiced_before=before, this_invoice=this,
                        paid_to_date=round_to_minor(paid_to_date, exponent), remaining=remaining)
