"""A plain CSV of invoices and one of their lines, for a spreadsheet or another program.

Dates are ISO 8601 (2026-03-31: unambiguous in every country, and they sort as text). A credit
note's money is negative (its unit amounts, discounts, nets, tax, gross, paid and due), so a
column's sum over a period is what was really invoiced; its quantities stay as printed, and
quantity × unit amount − discount still gives the net.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .csv_cells import money_cell, quantity_cell, text_cell, write_csv_files
from ..domain.accounting_rows import ExportInvoice
from .invoice_rows import invoices_to_export

INVOICES_HEADER = ("Number", "Kind", "Customer", "Reference", "Issue date", "Due date", "Net", "Tax", "Gross",
                   "Paid", "Due", "Currency")
LINES_HEADER = ("Invoice number", "Line", "Description", "Quantity", "Unit amount", "Discount", "Net",
                "Tax category", "Tax rate", "Tax amount")


def _invoice_row(invoice: ExportInvoice) -> list[str]:
    sign = -1 if invoice.is_credit_note else 1
    return [text_cell(invoice.number), invoice.kind, text_cell(invoice.customer_name), text_cell(invoice.reference),
            invoice.issue_date.isoformat(), invoice.due_date.isoformat(),
            *(money_cell(sign * amount) for amount in (invoice.net, invoice.tax, invoice.gross, invoice.paid,
                                                       invoice.due)),
            text_cell(invoice.currency)]


def _line_rows(invoice: ExportInvoice) -> list[list[str]]:
    sign = -1 if invoice.is_credit_note else 1
    return [[text_cell(invoice.number), str(position), text_cell(line.description), quantity_cell(line.quantity),
             money_cell(sign * line.unit_amount), money_cell(sign * line.discount), money_cell(sign * line.net),
             line.tax_category.value, quantity_cell(line.tax_rate), money_cell(sign * line.tax_amount)]
            for position, line in enumerate(invoice.lines, start=1)]


def write_plain(invoices: Iterable[ExportInvoice], invoices_path: Path, lines_path: Path) -> tuple[Path, Path]:
    """Write one file of invoices and one of their lines; both paths."""
    chosen = invoices_to_export(invoices)
    written = write_csv_files([
        (Path(invoices_path), INVOICES_HEADER, [_invoice_row(invoice) for invoice in chosen]),
        (Path(lines_path), LINES_HEADER, [row for invoice in chosen for row in _line_rows(invoice)]),
    ])
    return written[0], written[1]


__all__ = ["INVOICES_HEADER", "LINES_HEADER", "write_plain"]
