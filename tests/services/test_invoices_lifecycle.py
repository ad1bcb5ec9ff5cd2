"""After issue: payments (part, full, never over the balance), credit notes (full or partial,
never more than remains uncredited) and the job following its final invoice. Figures by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from support.invoicing import FOUR_LINES, GROSS, MARCH_10, delivered, error, issued_manual, with_billing_address
from workshop.db.models import Invoice, Payment
from workshop.services import invoice_views, invoices, jobs, payments, settings


@pytest.fixture
def billed(db, shop):
    return with_billing_address(db, shop)


def _pay(db, invoice_id, amount, **kwargs):
    return payments.record_payment(db, invoice_id, paid_on=kwargs.pop("paid_on", "2026-03-20"), amount=amount,
                                   method=kwargs.pop("method", "bank_transfer"), **kwargs)


def _payments(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Payment))


def test_part_then_full_payment(db, billed):
    invoice = issued_manual(db, billed)
    part = _pay(db, invoice.id, "500.00", reference="BACS 0042")
    assert (part.status, part.balance, part.totals.paid, part.totals.due) == (
        "part_paid", Decimal("1257.48"), Decimal("500.00"), Decimal("1257.48"))  # 1757.48 − 500.00
    assert [(p.paid_on, p.amount, p.method, p.reference) for p in part.payments] == [
        (dt.date(2026, 3, 20), Decimal("500.00"), "bank_transfer", "BACS 0042")]
    paid = _pay(db, invoice.id, "1,257.48", method="card")
    assert (paid.status, paid.balance) == ("paid", Decimal("0.00"))


def test_a_payment_over_the_balance_is_refused_naming_the_balance(db, billed):
    invoice = issued_manual(db, billed)
    _pay(db, invoice.id, "500.00")
    e = error(_pay, db, invoice.id, "1257.49")
    assert (e.field, e.message) == ("amount", "£1,257.49 is more than the balance of INV-2026-0001, £1,257.48.")
    assert _payments(db) == 1 and invoice_views.get_invoice(db, invoice.id).status == "part_paid"


def test_the_balance_in_a_german_shops_money(db, billed):
    settings.update_settings(db, locale="de_DE", currency="EUR")
    table = [dict(description="Tisch", quantity="1", unit_price="1.464,57")]  # typed as in Germany
    invoice = issued_manual(db, billed, lines=table)  # at the shop's 20 %: tax 292.914 → 292.91, gross 1757.48
    e = error(_pay, db, invoice.id, "2.000,00", paid_on="20.03.2026")
    assert e.message == "2.000,00\xa0€ is more than the balance of INV-2026-0001, 1.757,48\xa0€."


@pytest.mark.parametrize("kwargs, field", [
    (dict(amount="0"), "amount"), (dict(amount="-5"), "amount"), (dict(amount="1.005"), "amount"),
    (dict(amount="10", method="barter"), "method"), (dict(amount="10", paid_on="someday"), "paid_on"),
])
def test_bad_payments_save_nothing(db, billed, kwargs, field):
    invoice = issued_manual(db, billed)
    assert error(_pay, db, invoice.id, kwargs.pop("amount"), **kwargs).field == field
    assert _payments(db) == 0 and invoice_views.get_invoice(db, invoice.id).status == "issued"


def test_drafts_and_credit_notes_take_no_payment(db, billed):
    draft = invoices.create_draft(db, kind="manual", customer_id=billed.customer.id, lines=FOUR_LINES)
    assert error(_pay, db, draft.id, "10").message == "A draft is not paid: issue it first."
    invoice = issued_manual(db, billed)
    note = invoices.issue(db, invoices.credit_note(db, invoice.id).id, issue_date=MARCH_10)
    assert "is a credit note" in error(_pay, db, note.id, "10").message
    assert _payments(db) == 0


def test_a_full_credit_note_copies_the_lines_and_settles_the_invoice(db, billed):
    invoice = issued_manual(db, billed)
    draft = invoices.credit_note(db, invoice.id)
    assert (draft.kind, draft.number, draft.credits_id, draft.lines) == ("credit_note", None, invoice.id, invoice.lines)
    assert draft.totals.gross == GROSS  # positive amounts: the kind says they are owed back
    note = invoices.issue(db, draft.id, issue_date=dt.date(2026, 3, 12))
    assert (note.number, note.credits_number, note.due_date) == ("CN-2026-0001", "INV-2026-0001", None)
    corrected = invoice_views.get_invoice(db, invoice.id)
    assert (corrected.status, corrected.credited, corrected.balance) == ("paid", GROSS, Decimal("0.00"))
    e = error(invoices.credit_note, db, invoice.id)
    assert e.message == "This credit note (£1,757.48) is more than remains uncredited of INV-2026-0001 (£0.00)."


def test_a_partial_credit_note_can_not_exceed_what_remains(db, billed):
    invoice = issued_manual(db, billed)
    scratch = [dict(description="Allowance for a scratch", quantity="1", unit_price="100.00")]
    note = invoices.issue(db, invoices.credit_note(db, invoice.id, lines=scratch).id, issue_date=MARCH_10)
    assert note.totals.gross == Decimal("120.00")  # 100.00 + 20 % tax
    after = invoice_views.get_invoice(db, invoice.id)
    assert (after.status, after.balance) == ("part_paid", Decimal("1637.48"))  # 1757.48 − 120.00
    listed = {row.number: row.balance for row in invoice_views.list_invoices(db)}
    assert listed == {"INV-2026-0001": Decimal("1637.48"), "CN-2026-0001": Decimal("0.00")}
    # 1364.58 + tax 272.916 → 272.92 = 1637.50, 2p over; 1364.57 + 272.914 → 272.91 = 1637.48 is all that is left
    too_much = [dict(description="Everything", quantity="1", unit_price="1364.58")]
    e = error(invoices.credit_note, db, invoice.id, lines=too_much)
    assert e.message == "This credit note (£1,637.50) is more than remains uncredited of INV-2026-0001 (£1,637.48)."
    rest = invoices.credit_note(db, invoice.id, lines=[dict(description="Everything", quantity="1",
                                                            unit_price="1364.57")])
    assert rest.totals.gross == Decimal("1637.48")
    with db.reader() as s:  # the issued one and the draft for the rest; the refused one saved nothing
        assert s.scalar(select(func.count()).where(Invoice.kind == "credit_note")) == 2


def test_a_credit_note_for_a_draft_or_a_credit_note_is_refused(db, billed):
    draft = invoices.create_draft(db, kind="manual", customer_id=billed.customer.id, lines=FOUR_LINES)
    assert "corrected by editing it" in error(invoices.credit_note, db, draft.id).message
    invoice = issued_manual(db, billed)
    note = invoices.issue(db, invoices.credit_note(db, invoice.id).id, issue_date=MARCH_10)
    assert "is not credited" in error(invoices.credit_note, db, note.id).message


def test_the_job_follows_its_final_invoice(db, billed):
    job = billed.job
    deposit = invoices.create_draft(db, kind="deposit", job_id=job.id, lines=[
        dict(description="30% deposit", quantity="1", unit_price="300.00")])
    invoices.issue(db, deposit.id, issue_date=MARCH_10)
    assert jobs.get_job(db, job.id).status == "planned"  # a deposit moves nothing

    final = invoices.create_draft(db, kind="final", job_id=job.id, lines=[
        dict(description="Oak dresser", quantity="1", unit_price="1000.00"),
        dict(description="Less deposit INV-2026-0001", quantity="-1", unit_price="300.00", deduction=True)])
    e = error(invoices.issue, db, final.id)
    assert (e.field, e.message) == ("job_id", f"{job.number} is planned: its final invoice is issued once it is "
                                              "delivered.")
    assert invoice_views.get_invoice(db, final.id).number is None

    delivered(db, job.id)
    final = invoices.issue(db, final.id, issue_date=dt.date(2026, 4, 1))
    assert final.number == "INV-2026-0002" and final.totals.gross == Decimal("840.00")  # (1000 − 300) × 1.2
    assert jobs.get_job(db, job.id).status == "invoiced"
    again = invoices.create_draft(db, kind="final", job_id=job.id, lines=FOUR_LINES[:1])
    assert "already has its final invoice, INV-2026-0002" in error(invoices.issue, db, again.id).message
    invoices.delete_draft(db, again.id)

    _pay(db, final.id, "800.00", paid_on="2026-04-10")
    assert jobs.get_job(db, job.id).status == "invoiced"  # part paid: still open
    _pay(db, final.id, "40.00", paid_on="2026-04-11")
    assert jobs.get_job(db, job.id).status == "closed"
    assert "is closed: it takes no more invoices" in error(invoices.create_draft, db, kind="progress",
                                                           job_id=job.id).message
