"""Aged debts over the shop's real invoices: balances after payments and credit notes, by days
overdue; drafts, settled invoices and credit notes count nothing. The list's filters too."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from support.invoicing import MARCH_10, manual_draft, with_billing_address
from workshop.services import aged_debts, invoice_views, invoices, payments

ONE_LINE = [dict(description="Repair", quantity="1", unit_price="100.00")]  # 100.00 + 20% = 120.00


def _issued(db, shop, issue_date):
    return invoices.issue(db, manual_draft(db, shop, ONE_LINE).id, issue_date=issue_date)


def test_aged_debts_by_days_overdue(db, shop):
    shop = with_billing_address(db, shop)  # payment terms 30 days: due 30 days after issue
    late = _issued(db, shop, MARCH_10)  # due 9 April
    part = _issued(db, shop, dt.date(2026, 5, 1))  # due 31 May
    payments.record_payment(db, part.id, paid_on="2026-05-05", amount="20.00", method="card")
    credited = _issued(db, shop, dt.date(2026, 6, 1))  # due 1 July
    note = invoices.credit_note(db, credited.id, lines=[dict(description="Refund", quantity="1",
                                                             unit_price="50.00")])  # 50.00 + 20% = 60.00
    invoices.issue(db, note.id, issue_date=dt.date(2026, 6, 2))
    paid = _issued(db, shop, MARCH_10)
    payments.record_payment(db, paid.id, paid_on="2026-03-20", amount="120.00", method="cash")
    manual_draft(db, shop, ONE_LINE)  # a draft owes nothing
    assert (late.due_date, part.due_date, credited.due_date) == (
        dt.date(2026, 4, 9), dt.date(2026, 5, 31), dt.date(2026, 7, 1))

    [summary] = aged_debts.aged_debts(db, today=dt.date(2026, 7, 1))
    # late: 1 July − 9 April = 21 + 31 + 30 + 1 = 83 days → 61–90, 120.00
    # part: 1 July − 31 May = 31 days → 31–60, 120.00 − 20.00 = 100.00
    # credited: due today → current, 120.00 − 60.00 = 60.00
    assert summary.currency == "GBP"
    assert summary.amounts == (Decimal("60.00"), Decimal("0.00"), Decimal("100.00"), Decimal("120.00"),
                               Decimal("0.00"))
    assert summary.counts == (1, 0, 1, 1, 0)
    assert summary.total == Decimal("280.00")  # 60 + 100 + 120

    [later] = aged_debts.aged_debts(db, today=dt.date(2026, 7, 9))  # late: 83 + 8 = 91 days
    assert later.amounts[4] == Decimal("120.00") and later.amounts[3] == Decimal("0.00")


def test_nothing_owed_is_one_summary_of_zeros(db):
    [summary] = aged_debts.aged_debts(db)
    assert summary.total == 0 and summary.counts == (0, 0, 0, 0, 0)


def test_list_filters_unpaid_credit_notes_and_counts(db, shop):
    shop = with_billing_address(db, shop)
    first = _issued(db, shop, MARCH_10)
    second = _issued(db, shop, MARCH_10)
    payments.record_payment(db, second.id, paid_on="2026-03-11", amount="120.00", method="cash")
    note = invoices.issue(db, invoices.credit_note(db, first.id, lines=[
        dict(description="Refund", quantity="1", unit_price="10.00")]).id, issue_date=MARCH_10)
    draft = manual_draft(db, shop, ONE_LINE)

    def ids(status=None, search=""):
        return [r.id for r in invoice_views.list_invoices(db, status=status, search=search)]

    assert ids("unpaid") == [first.id]  # the credit note is issued too, but is owed back
    assert ids("credit_notes") == [note.id]
    assert ids("paid") == [second.id]
    assert ids("draft") == [draft.id]
    assert ids("overdue") == [first.id]  # due 9 April; the program's today is later
    for status in (None, "unpaid", "credit_notes", "paid", "draft", "overdue"):
        assert invoice_views.count_invoices(db, status=status) == len(ids(status))
    assert invoice_views.count_invoices(db, search="cn-") == 1


def test_one_summary_per_currency_the_shops_first(db, shop):
    from workshop.services import settings

    shop = with_billing_address(db, shop)
    _issued(db, shop, MARCH_10)  # 120.00 GBP, due 9 April
    settings.update_settings(db, currency="EUR")
    eur = _issued(db, shop, dt.date(2026, 6, 1))  # 120.00 EUR, due 1 July
    payments.record_payment(db, eur.id, paid_on="2026-06-05", amount="20.00", method="card")
    euros, pounds = aged_debts.aged_debts(db, today=dt.date(2026, 7, 2))
    assert (euros.currency, euros.amounts[1], euros.counts) == ("EUR", Decimal("100.00"), (0, 1, 0, 0, 0))
    assert (pounds.currency, pounds.amounts[3], pounds.total) == ("GBP", Decimal("120.00"), Decimal("120.00"))
