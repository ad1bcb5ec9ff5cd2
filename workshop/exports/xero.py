"""Xero's sales-invoice import (Business › Invoices › Import): the columns of Xero's own template,
in its order, one row per invoice line.

- Dates DD/MM/YYYY, or MM/DD/YYYY for a US organisation (``us_dates``).
- TaxType and AccountCode come from the shop's ``TaxMapping``; an unmapped rate is refused.
- Amounts are tax exclusive (choose "Tax exclusive" when importing). Xero works the tax out
  again from TaxType; it rounds per line, so an invoice whose lines share a rate may differ from
  ours (rounded once per rate) by a penny or so.
- A credit note is written as negative amounts: Xero imports an invoice whose total is below zero
  as a credit note. The unit amount carries the minus sign, not the quantity, so the quantity
  still counts what was credited and Xero's Discount percentage reads the same as on an invoice.
- At most 500 invoices per file (Xero's limit): more go into ``name-1.csv``, ``name-2.csv`` …,
  and an invoice's lines are never split between files.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

from .csv_cells import date_cell, money_cell, quantity_cell, text_cell, write_csv_files
from ..domain.accounting_rows import ExportInvoice, ExportLine
from .invoice_rows import TaxMapping, invoices_to_export

XERO_HEADER = (
    "*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3", "POAddressLine4",
    "POCity", "PORegion", "POPostalCode", "POCountry", "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate",
    "InventoryItemCode", "*Description", "*Quantity", "*UnitAmount", "Discount", "*AccountCode", "*TaxType",
    "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "BrandingTheme",
)  # fmt: skip
MAX_INVOICES_PER_FILE = 500


def xero_pricing(line: ExportLine) -> tuple[Decimal, Decimal, Decimal | None]:
    """(Quantity, UnitAmount, Discount %) that give exactly the line's net in Xero.

    Xero's Discount column is a percentage of quantity × unit amount, while an invoice line keeps
    its discount as an amount. When that amount is an exact percentage (2 decimals at most), the
    line goes over as it is printed; otherwise no percentage Xero takes would give the same net
    (10.00 off 3 × 10.00 is 33.333…%), so the line goes over as 1 × its net, without a discount.
    """
    if not line.discount:
        return line.quantity, line.unit_amount, None
    percent = line.discount_percent
    if percent is not None:
        return line.quantity, line.unit_amount, percent
    return Decimal(1), line.net, None


def _rows(invoice: ExportInvoice, mapping: TaxMapping, us_dates: bool) -> list[list[str]]:
    address = list(invoice.address_lines) + [""] * (4 - len(invoice.address_lines))
    contact = [text_cell(value) for value in (invoice.customer_name, invoice.email, *address, invoice.city,
                                              invoice.region, invoice.postal_code, invoice.country)]
    heading = [text_cell(invoice.number), text_cell(invoice.reference),
               date_cell(invoice.issue_date, us_dates=us_dates), date_cell(invoice.due_date, us_dates=us_dates)]
    sign = -1 if invoice.is_credit_note else 1
    rows = []
    for line in invoice.lines:
        tax_type, account = mapping.xero(line.tax_category, line.tax_rate)
        quantity, unit_amount, discount = xero_pricing(line)
        rows.append([
            *contact, *heading, "", text_cell(line.description), quantity_cell(quantity),
            money_cell(sign * unit_amount), "" if discount is None else quantity_cell(discount),
            text_cell(account), text_cell(tax_type), "", "", "", "", text_cell(invoice.currency), "",
        ])  # fmt: skip
    return rows


def write_xero(invoices: Iterable[ExportInvoice], mapping: TaxMapping, path: Path, *,
               us_dates: bool = False) -> list[Path]:
    """Write the invoices for Xero's import; the files written, in order (one unless over 500)."""
    chosen = invoices_to_export(invoices)
    # Every row is made before any file is opened: an unmapped rate refuses the whole export.
    rows = [_rows(invoice, mapping, us_dates) for invoice in chosen]
    batches = [rows[start:start + MAX_INVOICES_PER_FILE] for start in range(0, len(rows), MAX_INVOICES_PER_FILE)]
    path = Path(path)
    if len(batches) == 1:
        paths = [path]
    else:
        paths = [path.with_name(f"{path.stem}-{number}{path.suffix}") for number in range(1, len(batches) + 1)]
    return write_csv_files([(target, XERO_HEADER, [row for invoice_rows in batch for row in invoice_rows])
                            for target, batch in zip(paths, batches, strict=True)])


__all__ = ["MAX_INVOICES_PER_FILE", "XERO_HEADER", "write_xero", "xero_pricing"]
