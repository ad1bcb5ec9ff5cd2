"""Spreadsheet cells (issue 12, item 5): ``=HYPERLINK("x")``, ``+1``, ``@SUM(A1)``, a leading tab
(and ``-``, a carriage return) in EVERY text field that reaches EVERY CSV writer (plain, Xero,
QuickBooks). Read back as a spreadsheet would, no cell starts a formula unless it is a number we
wrote; the text comes back exactly after its one leading quote."""

from __future__ import annotations

import dataclasses
import re

import pytest

from support.export_samples import MAPPING, REDUCED_5, STANDARD_20, dining_set_invoice, read_csv
from workshop.exports.invoice_rows import TaxMapping
from workshop.exports.plain_csv import write_plain
from workshop.exports.quickbooks import write_quickbooks
from workshop.exports.xero import write_xero

FORMULAS = ['=HYPERLINK("x")', "+1", "@SUM(A1)", "\tindented", "-2 hinges", "\rreturn"]
_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")
INVOICE_TEXT = ("number", "customer_name", "email", "city", "region", "postal_code", "country", "reference",
                "currency", "terms", "memo")


def _hostile(typed: str):
    invoice = dining_set_invoice()
    changes = dict.fromkeys(INVOICE_TEXT, typed)
    changes["address_lines"] = (typed, typed)
    changes["lines"] = tuple(dataclasses.replace(line, description=typed) for line in invoice.lines)
    return dataclasses.replace(invoice, **changes)


def _mapping(typed: str) -> TaxMapping:
    """The shop's tax names are typed too (Company settings): hostile as well."""
    return TaxMapping([dataclasses.replace(code, xero_tax_type=typed, xero_account_code=typed,
                                           quickbooks_tax_code=typed) for code in (STANDARD_20, REDUCED_5)])


def _files(typed: str, folder) -> dict[str, list[list[str]]]:
    invoice = _hostile(typed)
    mapping = _mapping(typed)
    plain = write_plain([invoice], folder / "invoices.csv", folder / "lines.csv")
    [xero] = write_xero([invoice], mapping, folder / "xero.csv")
    quickbooks = write_quickbooks([invoice], mapping, folder / "qb.csv")
    return {"plain invoices": read_csv(plain[0])[1:], "plain lines": read_csv(plain[1])[1:],
            "xero": read_csv(xero)[1:], "quickbooks": read_csv(quickbooks)[1:]}


@pytest.mark.parametrize("typed", FORMULAS)
def test_no_cell_of_any_csv_export_starts_a_formula(tmp_path, typed):
    files = _files(typed, tmp_path)
    neutralised = 0
    for name, rows in files.items():
        for row in rows:
            for cell in row:
                if cell.startswith(_STARTS):
                    assert _NUMBER.fullmatch(cell), f"{name}: {cell!r} would run as a formula"
                if cell == "'" + typed:
                    neutralised += 1
    # the hostile text went into every writer, and came out prefixed each time
    counts = {name: sum(cell == "'" + typed for row in rows for cell in row) for name, rows in files.items()}
    assert all(counts.values()), counts
    assert neutralised == sum(counts.values())


def test_the_text_comes_back_exactly_after_its_quote(tmp_path):
    typed = '=HYPERLINK("http://evil.example","Click")'
    [xero] = write_xero([_hostile(typed)], MAPPING, tmp_path / "xero.csv")
    row = read_csv(xero)[1]
    assert row[0] == "'" + typed and row[0][1:] == typed  # customer name
    assert row[15] == "'" + typed  # description
