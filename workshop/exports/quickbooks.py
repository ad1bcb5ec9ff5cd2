"""QuickBooks Online's invoice import (Settings › Import data › Invoices): one row per line.

- Dates in the company's form, chosen again on QuickBooks' import screen: DD/MM/YYYY, or
  MM/DD/YYYY for a US company (``us_dates``).
- A VAT company's file has two more columns after ``*ItemAmount``: ``ItemTaxCode`` (from the
  shop's ``TaxMapping``; an unmapped rate is refused) and ``ItemTaxAmount`` (the line's share of
  its rate's tax, so QuickBooks keeps our tax, worked out once per rate). A US sales-tax company
  (``vat=False``) gets neither.
- QuickBooks keeps our invoice numbers only with "Custom transaction numbers" switched on
  (Account and settings › Sales); otherwise it numbers them itself.
- QuickBooks' invoice import cannot make credit memos, and an invoice may not total below zero:
  a credit note is refused by number, to be entered in QuickBooks as a credit memo.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..domain.errors import ValidationError
from .csv_cells import date_cell, money_cell, quantity_cell, text_cell, write_csv_files
from ..domain.accounting_rows import ExportInvoice, ExportLine
from .invoice_rows import TaxMapping, invoices_to_export

QUICKBOOKS_HEADER = (
    "*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Location", "Memo", "Item(Product/Service)",
    "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "Service Date",
)  # fmt: skip
VAT_COLUMNS = ("ItemTaxCode", "ItemTaxAmount")
_AFTER_AMOUNT = QUICKBOOKS_HEADER.index("*ItemAmount") + 1


def quickbooks_header(*, vat: bool = True) -> tuple[str, ...]:
    if not vat:
        return QUICKBOOKS_HEADER
    return QUICKBOOKS_HEADER[:_AFTER_AMOUNT] + VAT_COLUMNS + QUICKBOOKS_HEADER[_AFTER_AMOUNT:]


def _quantity_and_rate(line: ExportLine) -> tuple[str, str]:
    """QuickBooks has no line discount column: a discounted line gives only its amount (the net),
    since its quantity × rate would not come to it."""
    if line.discount:
        return "", ""
    return quantity_cell(line.quantity), money_cell(line.unit_amount)


def _rows(invoice: ExportInvoice, mapping: TaxMapping | None, us_dates: bool) -> list[list[str]]:
    heading = [text_cell(invoice.number), text_cell(invoice.customer_name),
               date_cell(invoice.issue_date, us_dates=us_dates), date_cell(invoice.due_date, us_dates=us_dates),
               text_cell(invoice.terms), "", text_cell(invoice.memo)]
    rows = []
    for line in invoice.lines:
        row = [*heading, "", text_cell(line.description), *_quantity_and_rate(line), money_cell(line.net)]
        if mapping is not None:
            row += [text_cell(mapping.quickbooks(line.tax_category, line.tax_rate)), money_cell(line.tax_amount)]
        rows.append(row + [""])
    return rows


def write_quickbooks(invoices: Iterable[ExportInvoice], mapping: TaxMapping | None, path: Path, *,
                     us_dates: bool = False, vat: bool = True) -> Path:
    """Write the invoices for QuickBooks Online's import; the file written.

    ``mapping`` may be None only when ``vat`` is False.
    """
    chosen = invoices_to_export(invoices)
    credit_notes = [invoice.number for invoice in chosen if invoice.is_credit_note]
    if credit_notes:
        raise ValidationError("invoices", "QuickBooks Online cannot import credit notes ("
                              + ", ".join(credit_notes) + "): enter them in QuickBooks as credit memos "
                              "and export the invoices without them.")
    if vat and mapping is None:
        raise ValueError("a VAT company's export needs the tax mapping")
    rows = [row for invoice in chosen for row in _rows(invoice, mapping if vat else None, us_dates)]
    return write_csv_files([(Path(path), quickbooks_header(vat=vat), rows)])[0]


__all__ = ["QUICKBOOKS_HEADER", "VAT_COLUMNS", "quickbooks_header", "write_quickbooks"]
