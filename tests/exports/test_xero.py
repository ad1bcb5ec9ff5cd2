"""Xero's sales-invoice import file, read back with the csv module; figures worked out by hand
(support/export_samples.py)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from support.export_samples import MAPPING, STANDARD_20, chair_credit_note, dining_set_invoice, line, numbered
from workshop.domain.errors import ValidationError
from workshop.domain.invoicing import TaxCategory
from workshop.domain.accounting_rows import TaxCode
from workshop.exports.invoice_rows import TaxMapping
from workshop.exports.xero import write_xero

HEADER = [
    "*ContactName", "EmailAddress", "POAddressLine1", "POAddressLine2", "POAddressLine3", "POAddressLine4",
    "POCity", "PORegion", "POPostalCode", "POCountry", "*InvoiceNumber", "Reference", "*InvoiceDate", "*DueDate",
    "InventoryItemCode", "*Description", "*Quantity", "*UnitAmount", "Discount", "*AccountCode", "*TaxType",
    "TrackingName1", "TrackingOption1", "TrackingName2", "TrackingOption2", "Currency", "BrandingTheme",
]  # fmt: skip


def as_dicts(rows: list[list[str]]) -> list[dict[str, str]]:
    assert all(len(row) == len(rows[0]) for row in rows)
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def test_one_row_per_line_with_the_headers_of_xeros_template(tmp_path, read_back):
    paths = write_xero([dining_set_invoice()], MAPPING, tmp_path / "march.csv")
    assert paths == [tmp_path / "march.csv"]
    rows = read_back(paths[0])
    assert rows[0] == HEADER
    first, chairs, fitting, fabric = as_dicts(rows)
    assert {key: first[key] for key in HEADER[:15]} == {
        "*ContactName": "J&C <b>Ltd</b>", "EmailAddress": "accounts@jc.example",
        "POAddressLine1": "Unit 4, Łódź Works", "POAddressLine2": "12 Mill Lane", "POAddressLine3": "",
        "POAddressLine4": "", "POCity": "Leeds", "PORegion": "West Yorkshire", "POPostalCode": "LS1 4AP",
        "POCountry": "GB", "*InvoiceNumber": "INV-2026-0042", "Reference": "J-2026-0007",
        "*InvoiceDate": "05/03/2026", "*DueDate": "19/04/2026", "InventoryItemCode": "",
    }
    # Every row carries the invoice and its contact: Xero groups rows by invoice number.
    assert all(row["*InvoiceNumber"] == "INV-2026-0042" and row["*ContactName"] == "J&C <b>Ltd</b>"
               for row in (chairs, fitting, fabric))
    priced = [(row["*Description"], row["*Quantity"], row["*UnitAmount"], row["Discount"], row["*AccountCode"],
               row["*TaxType"], row["Currency"]) for row in (first, chairs, fitting, fabric)]
    assert priced == [
        ("Oak dining table", "1", "1850.00", "", "200", "20% (VAT on Income)", "GBP"),
        # 147.30 off 6 × 245.50 = 1473.00 is exactly 10%.
        ("Chairs, 10% off", "6", "245.50", "10", "200", "20% (VAT on Income)", "GBP"),
        # 10.00 off 2.5 × 45.00 = 112.50 is 8.888…%: the net, 102.50, goes over as one unit.
        ("Fitting, £10 off", "1", "102.50", "", "200", "20% (VAT on Income)", "GBP"),
        ("Seat fabric, Łódź", "1.5", "12.34", "", "200", "5% (VAT on Income)", "GBP"),
    ]


def test_us_dates_are_month_first(tmp_path, read_back):
    rows = as_dicts(read_back(write_xero([dining_set_invoice()], MAPPING, tmp_path / "x.csv", us_dates=True)[0]))
    assert {(row["*InvoiceDate"], row["*DueDate"]) for row in rows} == {("03/05/2026", "04/19/2026")}


def test_a_credit_note_is_negative_amounts(tmp_path, read_back):
    rows = as_dicts(read_back(write_xero([dining_set_invoice(), chair_credit_note()], MAPPING,
                                         tmp_path / "x.csv")[0]))
    credit = [row for row in rows if row["*InvoiceNumber"] == "CN-2026-0003"]
    assert [(row["*Description"], row["*Quantity"], row["*UnitAmount"], row["*InvoiceDate"]) for row in credit] == [
        ("Chair returned", "1", "-245.50", "20/03/2026")]
    assert all(not row["*UnitAmount"].startswith("-") for row in rows if row["*InvoiceNumber"] == "INV-2026-0042")


def test_text_that_would_run_as_a_formula_is_neutralised_and_amounts_are_not(tmp_path, read_back):
    invoice = replace(chair_credit_note(), customer_name="+44 20 7946 0000", reference="@cmd",
                      lines=(line("=SUM(A1)", "1", "10.00", "10.00", "2.00"),
                             line("\tindented", "2", "5.00", "10.00", "2.00")))
    rows = as_dicts(read_back(write_xero([invoice], MAPPING, tmp_path / "x.csv")[0]))
    assert [(row["*ContactName"], row["Reference"], row["*Description"], row["*UnitAmount"]) for row in rows] == [
        ("'+44 20 7946 0000", "'@cmd", "'=SUM(A1)", "-10.00"),
        ("'+44 20 7946 0000", "'@cmd", "'\tindented", "-5.00"),
    ]


def test_more_than_500_invoices_are_split_into_numbered_files_never_splitting_an_invoice(tmp_path, read_back):
    base = replace(dining_set_invoice(), lines=dining_set_invoice().lines[:2])  # two rows each
    invoices = [numbered(base, number) for number in range(1, 502)]
    paths = write_xero(invoices, MAPPING, tmp_path / "march.csv")
    assert paths == [tmp_path / "march-1.csv", tmp_path / "march-2.csv"]
    assert not (tmp_path / "march.csv").exists()
    first, second = (as_dicts(read_back(path)) for path in paths)
    assert len(first) == 1000 and len(second) == 2
    first_numbers = {row["*InvoiceNumber"] for row in first}
    assert len(first_numbers) == 500 and "INV-2026-0500" in first_numbers
    assert {row["*InvoiceNumber"] for row in second} == {"INV-2026-0501"}
    assert read_back(paths[1])[0] == HEADER


def test_exactly_500_invoices_fit_in_one_file(tmp_path):
    invoices = [numbered(dining_set_invoice(), number) for number in range(1, 501)]
    assert write_xero(invoices, MAPPING, tmp_path / "march.csv") == [tmp_path / "march.csv"]


def test_an_unmapped_rate_refuses_the_whole_export_by_name_and_writes_nothing(tmp_path):
    only_standard = TaxMapping([STANDARD_20])
    with pytest.raises(ValidationError) as refused:
        write_xero([dining_set_invoice()], only_standard, tmp_path / "march.csv")
    assert refused.value.field == "tax_mapping"
    assert "5% (reduced)" in refused.value.message
    assert list(tmp_path.iterdir()) == []


def test_nothing_to_export_is_refused(tmp_path):
    with pytest.raises(ValidationError, match="no invoices"):
        write_xero([], MAPPING, tmp_path / "march.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_zero_rated_line_uses_its_own_mapping(tmp_path, read_back):
    mapping = TaxMapping([STANDARD_20, TaxCode(category=TaxCategory.ZERO, rate=D("0"),
                                               xero_tax_type="Zero Rated Income", xero_account_code="201")])
    invoice = replace(dining_set_invoice(), lines=(line("Export crate", "1", "40.00", "40.00", "0.00",
                                                        category=TaxCategory.ZERO, rate="0"),))
    (row,) = as_dicts(read_back(write_xero([invoice], mapping, tmp_path / "x.csv")[0]))
    assert (row["*AccountCode"], row["*TaxType"]) == ("201", "Zero Rated Income")
