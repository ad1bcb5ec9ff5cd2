"""Invoices: drafts with their figures, issuing (number, dates, frozen details), bad input that
saves nothing, and issued invoices that no service will change. Figures worked out by hand in
support/invoicing.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from support.invoicing import (FOUR_LINES, GROSS, MARCH_10, delivered, error, issued_manual, manual_draft,
                               with_billing_address)
from workshop.db.models import Invoice, InvoiceLine
from workshop.domain.changes import Change, changes_of
from workshop.domain.invoicing import LineInput, TaxCategory
from workshop.services import aftercare, customers, invoice_views, invoices, jobs, payments, settings


@pytest.fixture
def billed(db, shop):
    return with_billing_address(db, shop)


def _count(db, model) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_draft_has_no_number_and_is_worked_out_per_tax_rate(db, billed):
    draft = manual_draft(db, billed)
    assert (draft.number, draft.status, draft.issue_date, draft.currency) == (None, "draft", None, "GBP")
    t = draft.totals
    assert [(s.category, s.rate, s.taxable, s.tax) for s in t.subtotals] == [
        (TaxCategory.STANDARD, Decimal("20.00"), Decimal("1377.06"), Decimal("275.41")),
        (TaxCategory.REDUCED, Decimal("5.00"), Decimal("100.01"), Decimal("5.00")),
    ]
    assert (t.net, t.tax, t.gross, t.paid, t.due) == (Decimal("1477.07"), Decimal("280.41"), GROSS, 0, GROSS)
    with db.reader() as s:  # each line's net is stored, rounded once; the draft stores no totals yet
        assert s.scalars(select(InvoiceLine.net).order_by(InvoiceLine.position)).all() == [
            Decimal("1234.56"), Decimal("112.50"), Decimal("30.00"), Decimal("100.01")]
        assert s.execute(select(Invoice.number, Invoice.gross)).one() == (None, None)
    assert draft.buyer_name == "Harrow & Finch Interiors"  # today's details, shown on a draft


def test_issuing_numbers_dates_and_freezes_the_invoice(db, billed):
    settings.update_settings(db, payment_terms_days="14")
    invoice = issued_manual(db, billed)
    assert invoice.number == "INV-2026-0001" and invoice.status == "issued"
    # Tax point: the issue date; due 14 days later (10 + 14 = 24 March)
    assert (invoice.issue_date, invoice.tax_point_date, invoice.due_date) == (
        MARCH_10, MARCH_10, dt.date(2026, 3, 24))
    assert invoice.payment_terms == "Payment within 14 days of the invoice date."
    with db.reader() as s:
        assert s.execute(select(Invoice.net, Invoice.tax, Invoice.gross)).one() == (
            Decimal("1477.07"), Decimal("280.41"), GROSS)

    customers.update_customer(db, billed.customer.id, name="Someone Else Ltd", address="1 Other Road",
                              tax_number="")
    settings.update_settings(db, company_name="New Name", address="Elsewhere", payment_terms_days="60")
    later = invoice_views.get_invoice(db, invoice.id)
    assert (later.buyer_name, later.buyer_address, later.buyer_country, later.buyer_tax_number) == (
        "Harrow & Finch Interiors", "12 High Street\nYork YO1 7HF", "GB", "GB987654321")
    assert (later.seller_name, later.seller_address, later.seller_country, later.seller_tax_number) == (
        "My Workshop", "Unit 4, Mill Lane\nLeeds LS1 4AB", "GB", "GB123456789")
    assert later.due_date == dt.date(2026, 3, 24)


def test_a_tax_point_of_its_own_and_the_next_number(db, billed):
    issued_manual(db, billed)
    second = invoices.issue(db, manual_draft(db, billed).id, issue_date="2026-03-11", tax_point="2026-03-02")
    assert (second.number, second.tax_point_date, second.due_date) == (
        "INV-2026-0002", dt.date(2026, 3, 2), dt.date(2026, 4, 10))  # 11 March + 30 days


def test_the_shops_invoice_prefix_numbers_invoices(db, billed):
    settings.update_settings(db, invoice_prefix="RE")
    assert issued_manual(db, billed).number == "RE-2026-0001"


def test_issued_invoices_never_change_through_any_service(db, billed):
    invoice = issued_manual(db, billed)
    for fn, kwargs in ((invoices.update_draft, dict(notes="Changed")),
                       (invoices.update_draft, dict(lines=[dict(description="Cheaper", quantity="1",
                                                                unit_price="1")])),
                       (invoices.delete_draft, {})):
        e = error(fn, db, invoice.id, **kwargs)
        assert e.field == "invoice" and "INV-2026-0001 is issued" in e.message and "credit note" in e.message
    assert error(invoices.issue, db, invoice.id).message == "INV-2026-0001 is already issued."
    after = invoice_views.get_invoice(db, invoice.id)
    assert (after.notes, after.lines, after.totals.gross) == ("", invoice.lines, GROSS)
    assert _count(db, Invoice) == 1 and _count(db, InvoiceLine) == 4


def test_a_draft_changes_and_is_deleted(db, billed):
    draft = manual_draft(db, billed)
    changed = invoices.update_draft(db, draft.id, notes="Thank you", lines=FOUR_LINES[:1])
    # one line left: 1234.56 at 20 % → tax 246.912 → 246.91, gross 1481.47
    assert (changed.notes, len(changed.lines), changed.totals.gross) == ("Thank you", 1, Decimal("1481.47"))
    assert _count(db, InvoiceLine) == 1  # the old lines are gone, not kept beside
    invoices.delete_draft(db, draft.id)
    assert _count(db, Invoice) == 0 and _count(db, InvoiceLine) == 0


@pytest.mark.parametrize("line, field", [
    (dict(description="Gate", quantity="1", unit_price="10", category="luxury"), "lines[0].category"),
    (dict(description="Gate", quantity="-1", unit_price="10"), "lines[0].quantity"),
    (dict(description="Gate", quantity="1", unit_price="10", rate="120"), "lines[0].rate"),
    (dict(description="Gate", quantity="1", unit_price="12,50"), "lines[0].unit_price"),
    (dict(description="Gate", quantity="1", unit_price="10", exempt="yes"), "lines[0].exempt"),
    (dict(description="", quantity="1", unit_price="10"), "lines[0].description"),
])
def test_bad_lines_save_nothing(db, billed, line, field):
    e = error(manual_draft, db, billed, lines=[FOUR_LINES[0], line])
    assert e.field == field.replace("[0]", "[1]") and e.message.startswith("Line 2:")
    assert _count(db, Invoice) == 0 and _count(db, InvoiceLine) == 0


def test_a_deduction_line_may_be_negative(db, billed):
    draft = manual_draft(db, billed, lines=[
        FOUR_LINES[0], dict(description="Less deposit INV-2026-0001", quantity="-1", unit_price="200.00",
                            deduction=True)])
    # 1234.56 − 200.00 = 1034.56 at 20 %: tax 206.912 → 206.91, gross 1241.47
    assert draft.totals.gross == Decimal("1241.47") and draft.lines[1].deduction


@pytest.mark.parametrize("customer_change, message", [
    (dict(address=""), "BR-10: Harrow & Finch Interiors has no billing address"),
    (dict(country=""), "BR-11: Harrow & Finch Interiors's billing address has no country"),
])
def test_issuing_needs_the_customers_billing_address_and_country(db, billed, customer_change, message):
    draft = manual_draft(db, billed)
    customers.update_customer(db, billed.customer.id, **customer_change)
    e = error(invoices.issue, db, draft.id, issue_date=MARCH_10)
    assert e.field == "customer" and e.message.startswith(message)
    assert invoice_views.get_invoice(db, draft.id).number is None
    customers.update_customer(db, billed.customer.id, address="12 High Street", country="GB")
    assert invoices.issue(db, draft.id, issue_date=MARCH_10).number == "INV-2026-0001"  # no number was lost


def test_issuing_with_no_lines_is_refused(db, billed):
    draft = manual_draft(db, billed, lines=[])
    e = error(invoices.issue, db, draft.id)
    assert (e.field, e.message) == ("lines", "An invoice needs at least one line.")
    assert invoice_views.get_invoice(db, draft.id).status == "draft"


def test_markup_and_polish_letters_are_stored_and_read_back_exactly(db, billed):
    name, address = "J&C <b>Ltd</b>", "ul. Piotrkowska 1\n90-001 Łódź"
    customer = customers.create_customer(db, name=name, address=address, country="PL", tax_number="PL 525-000")
    draft = invoices.create_draft(db, kind="manual", customer_id=customer.id, notes="Łódź & <i>co</i>", lines=[
        dict(description="Brama <b>kuta</b> & furtka — Łódź", quantity="1", unit="szt.", unit_price="10.00")])
    invoice = invoice_views.get_invoice(db, invoices.issue(db, draft.id, issue_date=MARCH_10).id)
    assert (invoice.buyer_name, invoice.buyer_address, invoice.buyer_country) == (name, address, "PL")
    assert invoice.notes == "Łódź & <i>co</i>"
    assert (invoice.lines[0].description, invoice.lines[0].unit) == ("Brama <b>kuta</b> & furtka — Łódź", "szt.")


def test_kinds_and_links_are_checked(db, billed):
    assert error(invoices.create_draft, db, kind="bill", customer_id=billed.customer.id).field == "kind"
    assert error(invoices.create_draft, db, kind="deposit", customer_id=billed.customer.id).field == "job_id"
    assert error(invoices.create_draft, db, kind="manual").field == "customer_id"
    assert error(invoices.create_draft, db, kind="credit_note", customer_id=billed.customer.id).field == "credits_id"
    deposit = invoices.create_draft(db, kind="deposit", job_id=billed.job.id)
    assert (deposit.customer_id, deposit.job_number) == (billed.customer.id, billed.job.number)
    jobs.change_status(db, billed.job.id, "cancel", reason="Customer moved abroad")
    e = error(invoices.create_draft, db, kind="progress", job_id=billed.job.id)
    assert (e.field, e.message) == ("job_id", f"{billed.job.number} is cancelled: it takes no more invoices.")
    assert _count(db, Invoice) == 1


def test_a_chargeable_aftercare_ticket_is_billed_on_a_manual_invoice(db, billed):
    delivered(db, billed.job.id)
    ticket = aftercare.open_ticket(db, billed.job.id, problem="Drawer sticks", action="Planed runner", cost="45",
                                   under_warranty=False)
    draft = invoices.create_draft(db, kind="manual", ticket_id=ticket.id, lines=[
        dict(description=f"Aftercare {ticket.number}: planed runner", quantity="1", unit_price="45.00")])
    assert (draft.ticket_id, draft.customer_id, draft.job_id) == (ticket.id, billed.customer.id, None)
    assert draft.totals.gross == Decimal("54.00")  # 45.00 + 20 %
    assert error(invoices.create_draft, db, kind="deposit", job_id=billed.job.id,
                 ticket_id=ticket.id).field == "ticket_id"


def test_services_declare_what_they_change():
    for fn in (invoices.create_draft, invoices.update_draft, invoices.delete_draft, invoices.credit_note,
               invoices.mark_exported):
        assert changes_of(fn) == Change.INVOICES
    for fn in (invoices.issue, payments.record_payment):
        assert changes_of(fn) == Change.INVOICES | Change.JOBS


def test_list_by_status_search_and_overdue(db, billed):
    first = issued_manual(db, billed)  # due 9 April 2026
    draft = manual_draft(db, billed)
    rows = invoice_views.list_invoices(db)
    assert [(r.id, r.number, r.status, r.customer_name) for r in rows] == [
        (draft.id, None, "draft", "Harrow & Finch Interiors"),
        (first.id, "INV-2026-0001", "issued", "Harrow & Finch Interiors")]
    assert rows[1].balance == GROSS and rows[0].gross is None
    assert [r.id for r in invoice_views.list_invoices(db, status="draft")] == [draft.id]
    assert [r.id for r in invoice_views.list_invoices(db, search="inv-2026")] == [first.id]
    assert [r.id for r in invoice_views.list_invoices(db, search="harrow")] == [draft.id, first.id]
    assert invoice_views.list_invoices(db, search="nobody") == ()
    april_20 = dt.date(2026, 4, 20)
    assert [r.id for r in invoice_views.list_invoices(db, status="overdue", today=april_20)] == [first.id]
    assert rows[1].days_overdue(april_20) == 11  # due 9 April
    assert invoice_views.list_invoices(db, status="overdue", today=dt.date(2026, 4, 9)) == ()
    assert error(invoice_views.list_invoices, db, status="lost").field == "status"
    payments.record_payment(db, first.id, paid_on="2026-04-01", amount="1000.00", method="bank_transfer")
    row = invoice_views.list_invoices(db, status="part_paid")[0]
    assert (row.id, row.balance) == (first.id, Decimal("757.48"))  # 1757.48 − 1000.00


def test_settings_take_payment_terms_and_a_country(db):
    assert (settings.get_settings(db).payment_terms_days, settings.get_settings(db).country) == (30, "GB")
    assert settings.update_settings(db, payment_terms_days="7", country="ie").country == "IE"
    assert error(settings.update_settings, db, country="").field == "country"
    assert error(settings.update_settings, db, payment_terms_days="0").field == "payment_terms_days"
    assert settings.get_settings(db).payment_terms_days == 7


def test_an_export_is_remembered_and_a_second_one_named(db, billed):
    first, second = issued_manual(db, billed), issued_manual(db, billed)
    assert invoices.mark_exported(db, [first.id]) == ()
    assert invoice_views.get_invoice(db, first.id).exported_at is not None
    assert invoices.mark_exported(db, [first.id, second.id]) == ("INV-2026-0001",)
    draft = manual_draft(db, billed)
    assert error(invoices.mark_exported, db, [second.id, draft.id]).message == (
        "A draft is not exported: issue it first.")


def test_lines_built_by_code_get_the_same_checks(db, billed):
    table = LineInput(description="Table", quantity=Decimal("1.5"), unit="ea", unit_price=Decimal("100.00"),
                      category=TaxCategory.ZERO, rate=Decimal(0))
    assert manual_draft(db, billed, lines=[table]).totals.gross == Decimal("150.00")  # zero-rated: no tax
    too_fine = LineInput(description="Table", quantity=Decimal("1.0005"), unit="ea", unit_price=Decimal("1"),
                         category=TaxCategory.STANDARD, rate=Decimal(20))
    e = error(manual_draft, db, billed, lines=[table, too_fine])
    assert (e.field, e.message) == ("lines[1].quantity", "Line 2: Quantity allows at most 3 decimal places.")
    assert _count(db, Invoice) == 1
