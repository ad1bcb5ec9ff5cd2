"""Invoices as the accounting exports take them, with figures worked out by hand in the comments."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path

from workshop.domain.invoicing import TaxCategory
from workshop.domain.accounting_rows import CREDIT_NOTE, ExportInvoice, ExportLine, TaxCode
from workshop.exports.invoice_rows import TaxMapping

STANDARD_20 = TaxCode(category=TaxCategory.STANDARD, rate=D("20"), xero_tax_type="20% (VAT on Income)",
                      xero_account_code="200", quickbooks_tax_code="20.0% S")
REDUCED_5 = TaxCode(category=TaxCategory.REDUCED, rate=D("5"), xero_tax_type="5% (VAT on Income)",
                    xero_account_code="200", quickbooks_tax_code="5.0% R")
MAPPING = TaxMapping([STANDARD_20, REDUCED_5])
BOM = b"\xef\xbb\xbf"


def read_csv(path: Path) -> list[list[str]]:
    """A written export read back with the csv module, as a tool would (the header first), after
    checking the UTF-8 byte-order mark Excel looks for."""
    raw = Path(path).read_bytes()
    assert raw.startswith(BOM), "the file starts with the UTF-8 byte-order mark Excel looks for"
    with Path(path).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def line(description: str, quantity: str, unit: str, net: str, tax: str, *, discount: str = "0",
         category: TaxCategory = TaxCategory.STANDARD, rate: str = "20") -> ExportLine:
    return ExportLine(description=description, quantity=D(quantity), unit_amount=D(unit), discount=D(discount),
                      net=D(net), tax_category=category, tax_rate=D(rate), tax_amount=D(tax))


def dining_set_invoice() -> ExportInvoice:
    """Four lines over two rates.

    Standard 20%: 1850.00 + (6 × 245.50 − 147.30 = 1325.70) + (2.5 × 45.00 − 10.00 = 102.50) = 3278.20,
    tax 655.64, shared 370.00 + 265.14 + 20.50. Reduced 5%: 1.5 × 12.34 = 18.51, tax 0.9255 → 0.93.
    Net 3296.71, tax 656.57, gross 3953.28; paid 1000.00, due 2953.28.
    """
    return ExportInvoice(
        number="INV-2026-0042", kind="invoice", customer_name="J&C <b>Ltd</b>", email="accounts@jc.example",
        address_lines=("Unit 4, Łódź Works", "12 Mill Lane"), city="Leeds", region="West Yorkshire",
        postal_code="LS1 4AP", country="GB", issue_date=dt.date(2026, 3, 5), due_date=dt.date(2026, 4, 19),
        reference="J-2026-0007", currency="GBP", terms="30 days", memo="Thank you", paid=D("1000.00"),
        lines=(
            line("Oak dining table", "1", "1850.00", "1850.00", "370.00"),
            line("Chairs, 10% off", "6", "245.50", "1325.70", "265.14", discount="147.30"),
            line("Fitting, £10 off", "2.5", "45.00", "102.50", "20.50", discount="10.00"),
            line("Seat fabric, Łódź", "1.5", "12.34", "18.51", "0.93", category=TaxCategory.REDUCED, rate="5"),
        ),
    )


def chair_credit_note() -> ExportInvoice:
    """One chair back: 1 × 245.50, tax 20% 49.10, gross 294.60."""
    return replace(dining_set_invoice(), number="CN-2026-0003", kind=CREDIT_NOTE, issue_date=dt.date(2026, 3, 20),
                   due_date=dt.date(2026, 3, 20), paid=D("0"), memo="Chair returned",
                   lines=(line("Chair returned", "1", "245.50", "245.50", "49.10"),))


def numbered(invoice: ExportInvoice, number: int) -> ExportInvoice:
    return replace(invoice, number=f"INV-2026-{number:04d}")
