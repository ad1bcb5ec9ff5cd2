"""What the accounting exports take: issued invoices as plain frozen data, and the shop's tax mapping.

A service builds these from stored invoices; the writers (``xero``, ``quickbooks``, ``plain_csv``)
only turn them into files. Amounts are as the document prints them: a credit note's lines are
positive (as EN 16931 and the stored invoice write them) and its ``kind`` says they are owed back;
each writer signs them the way its tool expects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, localcontext

from ..domain.errors import ValidationError
from ..domain.invoicing import TaxCategory
from ..domain.tax_rates import rate_words

INVOICE = "invoice"
CREDIT_NOTE = "credit_note"
MAX_ADDRESS_LINES = 4  # Xero's POAddressLine1..4

_CENT = Decimal("0.01")


@dataclass(frozen=True, kw_only=True)
class ExportLine:
    """One invoice line. ``discount`` is an amount off the line, as the invoice stores it (not a
    percentage); ``net`` is the line's amount after it (EN 16931 BT-131). ``tax_amount`` is the
    line's share of its tax group's tax: tax is worked out per rate, not per line, so the service
    shares each group's tax among its lines and the shares add up to the invoice's tax."""

    description: str
    quantity: Decimal
    unit_amount: Decimal
    discount: Decimal = Decimal(0)
    net: Decimal
    tax_category: TaxCategory
    tax_rate: Decimal  # percent: Decimal("20")
    tax_amount: Decimal

    @property
    def discount_percent(self) -> Decimal | None:
        """The discount as a percentage with at most 2 decimals that gives exactly the same net
        (10.00 off 4 × 25.00 is 10%); None when there is no discount or no such percentage
        (10.00 off 3 × 10.00 would be 33.333…%)."""
        if not self.discount:
            return None
        with localcontext() as ctx:
            ctx.prec = 60
            gross = self.quantity * self.unit_amount
            percent = (self.discount * 100 / gross).quantize(_CENT)
            exact = gross * percent / 100 == self.discount
        return percent.normalize() if exact else None


@dataclass(frozen=True, kw_only=True)
class ExportInvoice:
    """One issued invoice or credit note and its lines, in the order printed."""

    number: str
    kind: str  # INVOICE or CREDIT_NOTE
    customer_name: str
    email: str = ""
    address_lines: tuple[str, ...] = ()  # at most 4 (street lines, without city and postcode)
    city: str = ""
    region: str = ""
    postal_code: str = ""
    country: str = ""
    issue_date: dt.date
    due_date: dt.date
    reference: str = ""  # the job number
    currency: str
    terms: str = ""
    memo: str = ""
    paid: Decimal = Decimal(0)
    lines: tuple[ExportLine, ...]

    def __post_init__(self) -> None:
        # These are the building service's mistakes, not the user's: a bug, not a message.
        if self.kind not in (INVOICE, CREDIT_NOTE):
            raise ValueError(f"{self.number}: kind must be {INVOICE!r} or {CREDIT_NOTE!r}, not {self.kind!r}")
        if not self.lines:
            raise ValueError(f"{self.number}: an exported invoice has at least one line")
        if len(self.address_lines) > MAX_ADDRESS_LINES:
            raise ValueError(f"{self.number}: at most {MAX_ADDRESS_LINES} address lines "
                             f"(city, region and postcode have fields of their own)")

    @property
    def is_credit_note(self) -> bool:
        return self.kind == CREDIT_NOTE

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), Decimal("0.00"))

    @property
    def tax(self) -> Decimal:
        return sum((line.tax_amount for line in self.lines), Decimal("0.00"))

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax

    @property
    def due(self) -> Decimal:
        return self.gross - self.paid


@dataclass(frozen=True, kw_only=True)
class TaxCode:
    """How one of the shop's tax rates is named in the accounting tools (Company settings)."""

    category: TaxCategory
    rate: Decimal  # percent
    xero_tax_type: str = ""  # the display name, exactly as Xero shows it: "20% (VAT on Income)"
    xero_account_code: str = ""  # the sales account: "200"
    quickbooks_tax_code: str = ""  # "20.0% S"


def invoices_to_export(invoices: Iterable[ExportInvoice]) -> list[ExportInvoice]:
    """The invoices as a list; an export of nothing is refused rather than written as an empty file."""
    chosen = list(invoices)
    if not chosen:
        raise ValidationError("invoices", "There are no invoices to export.")
    return chosen


class TaxMapping:
    """The shop's tax rates → Xero's TaxType and AccountCode and QuickBooks' tax code.

    A rate with no mapping is refused by name, so a file never reaches the accounting tool with
    a blank or guessed tax type.
    """

    def __init__(self, codes: Iterable[TaxCode]) -> None:
        self._codes: dict[tuple[TaxCategory, Decimal], TaxCode] = {}
        for code in codes:
            key = (TaxCategory(code.category), Decimal(code.rate))  # 20 and 20.00 are one key
            if key in self._codes:
                raise ValidationError("tax_mapping", f"The tax rate {rate_words(*key)} is mapped twice.")
            self._codes[key] = code

    def xero(self, category: TaxCategory, rate: Decimal) -> tuple[str, str]:
        """(TaxType, AccountCode) for a line of this category and rate."""
        code = self._codes.get((TaxCategory(category), Decimal(rate)))
        if code is None or not code.xero_tax_type.strip() or not code.xero_account_code.strip():
            raise ValidationError("tax_mapping", f"No Xero tax type and account code are set for the tax rate "
                                                 f"{rate_words(category, rate)}: add them in Company settings.")
        return code.xero_tax_type.strip(), code.xero_account_code.strip()

    def quickbooks(self, category: TaxCategory, rate: Decimal) -> str:
        """The QuickBooks Online tax code for a line of this category and rate."""
        code = self._codes.get((TaxCategory(category), Decimal(rate)))
        if code is None or not code.quickbooks_tax_code.strip():
            raise ValidationError("tax_mapping", f"No QuickBooks tax code is set for the tax rate "
                                                 f"{rate_words(category, rate)}: add it in Company settings.")
        return code.quickbooks_tax_code.strip()


__all__ = ["CREDIT_NOTE", "INVOICE", "ExportInvoice", "ExportLine", "TaxCode", "TaxMapping", "invoices_to_export",
           "rate_words"]
