"""The shop's tax codes for Xero and QuickBooks: saved whole in one transaction, each row checked
(a known category, a rate it allows, at most 2 decimals, a rate given twice refused by name,
texts trimmed and within their length), and the rows the Tax codes dialog starts from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from support.invoicing import FOUR_LINES, error, manual_draft, with_billing_address
from workshop.domain.accounting_rows import TaxCode
from workshop.domain.invoicing import TaxCategory
from workshop.services import invoices, settings, tax_codes

from .test_invoice_exports import REDUCED_5, STANDARD_20


def test_saved_trimmed_and_read_back_in_invoice_order(db):
    saved = tax_codes.save_tax_codes(db, [
        dict(REDUCED_5, xero_tax_type="  5% (VAT on Income) "),
        dict(category="reverse_charge", rate="0", xero_tax_type="Reverse Charge Expenses (20%)",
             xero_account_code="200", quickbooks_tax_code="J&C <b>RC</b> Łódź"),
        STANDARD_20,
    ])
    assert saved == tax_codes.list_tax_codes(db) == (
        TaxCode(category=TaxCategory.STANDARD, rate=D("20.00"), xero_tax_type="20% (VAT on Income)",
                    xero_account_code="200", quickbooks_tax_code="20.0% S"),
        TaxCode(category=TaxCategory.REDUCED, rate=D("5.00"), xero_tax_type="5% (VAT on Income)",
                    xero_account_code="200", quickbooks_tax_code="5.0% R"),
        TaxCode(category=TaxCategory.REVERSE_CHARGE, rate=D("0.00"), xero_tax_type="Reverse Charge Expenses (20%)",
                    xero_account_code="200", quickbooks_tax_code="J&C <b>RC</b> Łódź"),
    )


def test_saving_replaces_the_whole_mapping(db):
    tax_codes.save_tax_codes(db, [STANDARD_20, REDUCED_5])
    tax_codes.save_tax_codes(db, [dict(STANDARD_20, xero_account_code="201")])  # the same key again: no clash
    assert [(c.rate, c.xero_account_code) for c in tax_codes.list_tax_codes(db)] == [(D("20.00"), "201")]
    assert tax_codes.save_tax_codes(db, []) == ()


def test_a_german_shop_types_its_rates_with_a_comma(db):
    settings.update_settings(db, locale="de_DE")
    saved = tax_codes.save_tax_codes(db, [dict(category="reduced", rate="5,5", xero_tax_type="5,5 %")])
    assert saved[0].rate == D("5.50")


@pytest.mark.parametrize("row, field, message", [
    (dict(category="luxury", rate="20"), "rows[1].category",
     "Row 2: “luxury” is not a tax category (standard, reduced, zero, exempt or reverse charge)."),
    (dict(category="standard", rate="120"), "rows[1].rate", "Row 2: Rate must be at most 100."),
    (dict(category="standard", rate="-5"), "rows[1].rate", "Row 2: Rate cannot be negative."),
    (dict(category="reduced", rate="5.555"), "rows[1].rate", "Row 2: Rate allows at most 2 decimal places."),
    (dict(category="reduced", rate="12,50"), "rows[1].rate",
     "Row 2: Rate: “12,50” is not a number in this shop's format; write 12.50."),
    (dict(category="standard", rate="0"), "rows[1].rate", "Row 2: A standard rate lies above 0% and at most 100%."),
    (dict(category="exempt", rate="5"), "rows[1].rate", "Row 2: The exempt category has a rate of 0%, not 5%."),
    (dict(category="standard", rate=""), "rows[1].rate", "Row 2: Rate is required."),
    (dict(category="reduced", rate="5", xero_account_code="2" * 21), "rows[1].xero_account_code",
     "Row 2: Xero account code is too long (21 characters; at most 20)."),
    (dict(category="reduced", rate="5", colour="red"), "rows[1].colour", "Row 2: “colour” is not a field of a tax code."),
    (dict(category="standard", rate="20.00"), "rows[1].rate",
     "Row 2: The tax rate 20% (standard) is given twice (rows 1 and 2)."),
])
def test_a_bad_row_is_refused_naming_it_and_nothing_is_saved(db, row, field, message):
    tax_codes.save_tax_codes(db, [REDUCED_5])
    e = error(tax_codes.save_tax_codes, db, [STANDARD_20, row])
    assert (e.field, e.message) == (field, message)
    assert [c.category for c in tax_codes.list_tax_codes(db)] == [TaxCategory.REDUCED]  # as it was


def test_the_rows_to_edit_start_from_the_rates_in_use(db, shop):
    # Nothing mapped, nothing issued: the shop's default rate (20 %).
    assert tax_codes.tax_codes_to_edit(db) == (TaxCode(category=TaxCategory.STANDARD, rate=D("20.00")),)
    with_billing_address(db, shop)
    invoices.issue(db, manual_draft(db, shop, FOUR_LINES).id, issue_date=dt.date(2026, 3, 10))
    manual_draft(db, shop, [dict(description="Draft only", quantity="1", unit_price="1", category="zero", rate="0")])
    assert tax_codes.rates_in_use(db) == ((TaxCategory.STANDARD, D("20.00")), (TaxCategory.REDUCED, D("5.00")))
    # Mapped 20 % only: the 5 % in use is offered empty, beside the saved row.
    tax_codes.save_tax_codes(db, [STANDARD_20])
    assert [(c.rate, c.xero_tax_type) for c in tax_codes.tax_codes_to_edit(db)] == [
        (D("20.00"), "20% (VAT on Income)"), (D("5.00"), "")]
