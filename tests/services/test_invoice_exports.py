"""Choosing invoices to export and remembering the export: by issue date (both ends included) or by
id, drafts never, credit notes too; a second export is reported; nothing is marked unless the file
was written; an unmapped rate refuses the export before any file is written."""

from __future__ import annotations

import datetime as dt

import pytest

from support.invoicing import FOUR_LINES, error, manual_draft, with_billing_address
from workshop.documents.invoice_exports import export_invoices
from workshop.domain.errors import WorkshopError
from workshop.services import invoice_views, invoices, tax_codes
from workshop.services.invoice_exports import choose_invoices

STANDARD_20 = dict(category="standard", rate="20", xero_tax_type="20% (VAT on Income)", xero_account_code="200",
                   quickbooks_tax_code="20.0% S")
REDUCED_5 = dict(category="reduced", rate="5", xero_tax_type="5% (VAT on Income)", xero_account_code="200",
                 quickbooks_tax_code="5.0% R")
ONE_LINE = [dict(description="Oak shelf", quantity="1", unit_price="100.00")]


@pytest.fixture
def billed(db, shop):
    shop = with_billing_address(db, shop)
    tax_codes.save_tax_codes(db, [STANDARD_20, REDUCED_5])
    return shop


def issued_on(db, shop, day: dt.date, lines=ONE_LINE):
    return invoices.issue(db, manual_draft(db, shop, lines).id, issue_date=day)


@pytest.fixture
def out(tmp_path):
    """An empty folder for the files (the test's database lives in tmp_path)."""
    folder = tmp_path / "exports"
    folder.mkdir()
    return folder


@pytest.fixture
def march(db, billed):
    """Invoices issued either side of March and on both its ends, a credit note in it, and a draft."""
    feb_28 = issued_on(db, billed, dt.date(2026, 2, 28))  # INV-2026-0001
    mar_1 = issued_on(db, billed, dt.date(2026, 3, 1))  # INV-2026-0002
    mar_15 = issued_on(db, billed, dt.date(2026, 3, 15))  # INV-2026-0003
    credit = invoices.issue(db, invoices.credit_note(db, mar_1.id).id, issue_date=dt.date(2026, 3, 20))  # CN-2026-0001
    mar_31 = issued_on(db, billed, dt.date(2026, 3, 31))  # INV-2026-0004
    apr_1 = issued_on(db, billed, dt.date(2026, 4, 1))  # INV-2026-0005
    draft = manual_draft(db, billed, ONE_LINE)
    return dict(feb_28=feb_28, mar_1=mar_1, mar_15=mar_15, credit=credit, mar_31=mar_31, apr_1=apr_1, draft=draft)


def test_a_date_range_takes_both_ends_credit_notes_and_no_drafts(db, march):
    choice = choose_invoices(db, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    assert choice.numbers == ("INV-2026-0002", "INV-2026-0003", "CN-2026-0001", "INV-2026-0004")
    assert choice.invoice_ids == tuple(march[k].id for k in ("mar_1", "mar_15", "credit", "mar_31"))
    assert choice.exported_before == () and choice.exported_at == ()


def test_credit_notes_left_out_when_asked(db, march):
    choice = choose_invoices(db, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31), credit_notes=False)
    assert choice.numbers == ("INV-2026-0002", "INV-2026-0003", "INV-2026-0004")
    e = error(choose_invoices, db, invoice_ids=[march["credit"].id], credit_notes=False)
    assert e.message == "There are no issued invoices to export."


def test_dates_typed_in_the_shops_form(db, march):
    choice = choose_invoices(db, date_from="15/03/2026", date_to="2026-03-20")  # en_GB, and ISO
    assert choice.numbers == ("INV-2026-0003", "CN-2026-0001")


def test_chosen_by_id_leaves_drafts_out(db, march):
    choice = choose_invoices(db, invoice_ids=[march["apr_1"].id, march["draft"].id, march["feb_28"].id])
    assert choice.numbers == ("INV-2026-0001", "INV-2026-0005")  # in order of issue


def test_a_range_that_ends_before_it_starts_is_refused(db, march):
    e = error(choose_invoices, db, date_from=dt.date(2026, 3, 31), date_to=dt.date(2026, 3, 1))
    assert (e.field, e.message) == ("date_to", "The range ends (1 Mar 2026) before it starts (31 Mar 2026).")


def test_nothing_in_the_range_is_refused(db, march):
    e = error(choose_invoices, db, date_from=dt.date(2026, 5, 1), date_to=dt.date(2026, 5, 31))
    assert e.message == "There are no issued invoices or credit notes issued from 1 May 2026 to 31 May 2026 to export."
    e = error(choose_invoices, db, invoice_ids=[march["draft"].id])
    assert e.message == "There are no issued invoices or credit notes to export."


def test_exporting_marks_the_invoices_and_a_second_export_is_reported(db, march, tmp_path):
    choice = choose_invoices(db, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    before = db.now()
    result = export_invoices(db, choice.invoice_ids, fmt="xero", path=tmp_path / "march.csv")
    assert (result.files, result.count) == ((tmp_path / "march.csv",), 4)
    exported_at = invoice_views.get_invoice(db, march["mar_1"].id).exported_at
    assert before <= exported_at <= db.now()
    assert invoice_views.get_invoice(db, march["apr_1"].id).exported_at is None  # not chosen

    again = choose_invoices(db, date_from=dt.date(2026, 3, 15), date_to=dt.date(2026, 4, 30))
    assert again.numbers == ("INV-2026-0003", "CN-2026-0001", "INV-2026-0004", "INV-2026-0005")
    assert again.exported_before == ("INV-2026-0003", "CN-2026-0001", "INV-2026-0004")
    assert again.exported_at == (exported_at,) * 3


def test_an_unmapped_rate_refuses_the_export_naming_it_and_writes_and_marks_nothing(db, billed, out):
    tax_codes.save_tax_codes(db, [STANDARD_20])  # no 5% any more
    invoice = issued_on(db, billed, dt.date(2026, 3, 10), FOUR_LINES)  # has a reduced 5% line
    for fmt in ("xero", "quickbooks"):
        e = error(export_invoices, db, [invoice.id], fmt=fmt, path=out / "out.csv")
        assert "tax rate 5% (reduced)" in e.message and "Company settings" in e.message
    assert list(out.iterdir()) == []
    assert invoice_views.get_invoice(db, invoice.id).exported_at is None


def test_a_failed_write_marks_nothing(db, billed, tmp_path):
    invoice = issued_on(db, billed, dt.date(2026, 3, 10))
    with pytest.raises(WorkshopError) as info:
        export_invoices(db, [invoice.id], fmt="csv", path=tmp_path / "no such folder" / "out.csv")
    assert info.value.message.startswith(f"Could not write {tmp_path / 'no such folder' / 'out.csv'}: ")
    assert info.value.message.endswith("Nothing was exported.")
    assert invoice_views.get_invoice(db, invoice.id).exported_at is None


def test_a_draft_or_an_unknown_format_is_refused(db, march, out):
    e = error(export_invoices, db, [march["mar_1"].id, march["draft"].id], fmt="csv", path=out / "x.csv")
    assert e.message == "A draft is not exported: issue it first."
    e = error(export_invoices, db, [march["mar_1"].id], fmt="sage", path=out / "x.csv")
    assert (e.field, e.message) == ("format", "Format must be one of: csv, xero, quickbooks.")
    assert list(out.iterdir()) == []
    assert invoice_views.get_invoice(db, march["mar_1"].id).exported_at is None


def test_the_export_service_says_where_the_writing_lives():
    with pytest.raises(ImportError, match="workshop.documents.invoice_exports"):
        from workshop.services.invoice_exports import export_invoices  # noqa: F401
