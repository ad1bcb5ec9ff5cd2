"""QuickBooks Online's invoice import file, read back with the csv module; figures worked out by
hand (support/export_samples.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from support.export_samples import MAPPING, STANDARD_20, chair_credit_note, dining_set_invoice, line
from workshop.domain.errors import ValidationError
from workshop.exports.invoice_rows import TaxMapping
from workshop.exports.quickbooks import write_quickbooks

HEADER = ["*InvoiceNo", "*Customer", "*InvoiceDate", "*DueDate", "Terms", "Location", "Memo",
          "Item(Product/Service)", "ItemDescription", "ItemQuantity", "ItemRate", "*ItemAmount", "Service Date"]
VAT_HEADER = HEADER[:12] + ["ItemTaxCode", "ItemTaxAmount"] + HEADER[12:]


def test_a_vat_company_gets_tax_code_and_tax_amount_per_line(tmp_path, read_back):
    path = write_quickbooks([dining_set_invoice()], MAPPING, tmp_path / "qb.csv")
    assert path == tmp_path / "qb.csv"
    rows = read_back(path)
    assert rows[0] == VAT_HEADER
    assert rows[1] == ["INV-2026-0042", "J&C <b>Ltd</b>", "05/03/2026", "19/04/2026", "30 days", "", "Thank you", "",
                       "Oak dining table", "1", "1850.00", "1850.00", "20.0% S", "370.00", ""]
    # Quantity, rate, amount, tax code and tax: a discounted line gives only its net, since
    # QuickBooks has no discount column and 6 × 245.50 is not 1325.70.
    assert [row[9:14] for row in rows[2:]] == [
        ["", "", "1325.70", "20.0% S", "265.14"],
        ["", "", "102.50", "20.0% S", "20.50"],
        ["1.5", "12.34", "18.51", "5.0% R", "0.93"],
    ]
    # The tax shares add up to the invoice's tax: 370.00 + 265.14 + 20.50 + 0.93 = 656.57.
    assert sum(D(row[13]) for row in rows[1:]) == D("656.57")


def test_a_us_company_without_vat_gets_the_plain_columns_and_month_first_dates(tmp_path, read_back):
    rows = read_back(write_quickbooks([dining_set_invoice()], None, tmp_path / "qb.csv", us_dates=True, vat=False))
    assert rows[0] == HEADER
    assert {(row[2], row[3]) for row in rows[1:]} == {("03/05/2026", "04/19/2026")}
    assert [row[11] for row in rows[1:]] == ["1850.00", "1325.70", "102.50", "18.51"]


def test_text_that_would_run_as_a_formula_is_neutralised(tmp_path, read_back):
    invoice = replace(dining_set_invoice(), customer_name="=HYPERLINK(\"x\")", terms="-30 days", memo="@cmd",
                      lines=(line("+44 20 7946 0000", "1", "10.00", "10.00", "2.00"),))
    (row,) = read_back(write_quickbooks([invoice], MAPPING, tmp_path / "qb.csv"))[1:]
    assert (row[1], row[4], row[6], row[8]) == ("'=HYPERLINK(\"x\")", "'-30 days", "'@cmd", "'+44 20 7946 0000")


def test_a_credit_note_is_refused_by_number(tmp_path):
    with pytest.raises(ValidationError) as refused:
        write_quickbooks([dining_set_invoice(), chair_credit_note()], MAPPING, tmp_path / "qb.csv")
    assert refused.value.field == "invoices"
    assert "CN-2026-0003" in refused.value.message and "credit memo" in refused.value.message
    assert list(tmp_path.iterdir()) == []


def test_an_unmapped_rate_is_refused_by_name(tmp_path):
    with pytest.raises(ValidationError, match=r"QuickBooks tax code.*5% \(reduced\)"):
        write_quickbooks([dining_set_invoice()], TaxMapping([STANDARD_20]), tmp_path / "qb.csv")
    assert list(tmp_path.iterdir()) == []
