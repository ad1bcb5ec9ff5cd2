"""The invoice's input: plain frozen data, filled from the invoice services by workshop.documents.

Every figure arrives worked out already (line nets rounded once, tax per category and rate on
the sum of that group's nets, by ``domain.invoicing``); the printer only checks that they add up.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ..domain.invoicing import TaxCategory, TaxSubtotal
from ..domain.job_statement import JobStatement
from ..domain.locale_text import DEFAULT_LOCALE

__all__ = ["InvoiceData", "InvoicePrintLine", "TaxSubtotal"]


@dataclass(frozen=True)
class InvoicePrintLine:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    net: Decimal  # quantity × unit price − discount, rounded once
    category: TaxCategory
    rate: Decimal  # percent
    discount: Decimal = Decimal(0)  # an amount off the line


@dataclass(frozen=True)
class InvoiceData:
    number: str | None  # None: a draft, printed "DRAFT — not a tax invoice"
    credit_note: bool
    customer_name: str
    customer_address: tuple[str, ...]  # the billing address's lines, the country last when abroad
    lines: tuple[InvoicePrintLine, ...]
    subtotals: tuple[TaxSubtotal, ...]  # one per tax category and rate
    net: Decimal
    tax: Decimal
    gross: Decimal
    paid: Decimal = Decimal(0)
    credited: Decimal = Decimal(0)  # what credit notes took off an invoice
    due: Decimal = Decimal(0)  # what the customer still owes: gross − paid − credited
    customer_tax_number: str = ""
    issue_date: date | None = None
    tax_point_date: date | None = None
    due_date: date | None = None
    kind: str = ""  # "Deposit invoice", "Final invoice" …: what the invoice is for, in words
    job_number: str = ""
    job_title: str = ""
    corrects: str = ""  # a credit note: the number of the invoice it corrects
    payment_terms: str = ""
    notes: str = ""
    rule_text: str = ""  # the tax rounding rule, printed once
    currency: str = "GBP"
    locale: str = DEFAULT_LOCALE
    tax_label: str = "VAT"  # "VAT", "Sales tax", "GST" …
    # The account to pay into, as frozen at issue (compact; "" when the shop gave none), in the shop's name.
    iban: str = ""
    bic: str = ""
    account_name: str = ""
    statement: JobStatement | None = None  # a job's deposit, progress or final invoice: where its billing stands

    @property
    def is_draft(self) -> bool:
        return self.number is None
