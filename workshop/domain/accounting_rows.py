"""Issued invoices as the accounting exports take them: plain frozen data, and how one of the shop's
tax rates is named in Xero and QuickBooks.

``services.invoice_exports`` builds these from stored invoices; the writers in ``workshop.exports``
only turn them into files. Amounts are as the document prints them: a credit note's lines are
positive (as EN 16931 and the stored invoice write them) and its ``kind`` says they are owed back;
each writer signs them the way its tool expects.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, localcontext

from .invoicing import TaxCategory

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

    @property
    def key(self) -> tuple[TaxCategory, Decimal]:
        return self.category, self.rate


__all__ = ["CREDIT_NOTE", "INVOICE", "MAX_ADDRESS_LINES", "ExportInvoice", "ExportLine", "TaxCode"]
