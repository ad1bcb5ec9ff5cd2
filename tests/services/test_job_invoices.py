"""Invoices from a job: the deposit, progress and final invoices built from the accepted quote and
the approved change orders, and the job statement. Every figure worked out by hand (tax 20%)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from sqlalchemy import func, select

from support.invoicing import MARCH_10, delivered, error, with_billing_address
from workshop.db.models import Invoice
from workshop.services import briefs, change_orders, invoices, job_invoices, jobs, payments, quotes

#: The kitchen: 6,000.00 + 794.41 = 6,794.41 net, markup 0, no contingency.
KITCHEN = [("labour", "Making and fitting", "6000.00"), ("materials", "Oak, worktops and fittings", "794.41")]


@pytest.fixture
def kitchen(db, shop, today):
    """The sample shop's customer with a job whose quote for 6,794.41 was accepted."""
    with_billing_address(db, shop)
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Oak kitchen", requirements="Fitted",
                                required_by=today + dt.timedelta(days=60))
    job = jobs.create_job(db, brief_id=brief.id, customer_id=shop.customer.id, title="Oak kitchen", quantity=1,
                          due_date=today + dt.timedelta(days=50))
    quote = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=KITCHEN, markup_pct="0").id)
    quotes.accept_quote(db, quote.id)
    assert quote.price == D("6794.41")
    return job, quote.number


def _invoice_count(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Invoice))


def test_a_deposit_then_a_change_order_then_the_final_invoice(db, kitchen):
    job, quote_number = kitchen
    deposit = job_invoices.draft_deposit(db, job.id, percent="30")
    # 30% of 6,794.41 = 2,038.323 → 2,038.32 net; tax 20% 407.664 → 407.66; gross 2,445.98
    assert [(ln.description, ln.unit_price, ln.rate) for ln in deposit.lines] == [
        (f"30% deposit on quote {quote_number} (6,794.41)", D("2038.32"), D("20.00"))]
    assert (deposit.kind.value, deposit.job_id, deposit.totals.gross) == ("deposit", job.id, D("2445.98"))
    deposit = invoices.issue(db, deposit.id, issue_date=MARCH_10)
    payments.record_payment(db, deposit.id, paid_on=MARCH_10, amount="2445.98", method="bank_transfer")

    change = change_orders.create_change_order(db, job.id, description="Larder unit", price_change="500.00")
    change_orders.approve_change_order(db, change.id)
    billing = job_invoices.job_billing(db, job.id)
    # 6,794.41 + 500.00 = 7,294.41 with the change; 2,038.32 invoiced; 2,445.98 paid
    assert (billing.contract, billing.contract_with_changes, billing.invoiced_net, billing.paid_to_date) == (
        D("6794.41"), D("7294.41"), D("2038.32"), D("2445.98"))
    assert [(i.number, i.kind.value, i.net, i.gross) for i in billing.invoices] == [
        (deposit.number, "deposit", D("2038.32"), D("2445.98"))]

    final = job_invoices.draft_final(db, job.id)
    # 6,794.41 + 500.00 − 2,038.32 = 5,256.09 net; tax 1,051.218 → 1,051.22; gross 6,307.31
    assert [(ln.description, ln.quantity, ln.unit_price) for ln in final.lines] == [
        (f"Oak kitchen, as quote {quote_number}", D("1"), D("6794.41")),
        ("Change order 1: Larder unit", D("1"), D("500.00")),
        (f"Less deposit invoice {deposit.number}", D("-1"), D("2038.32"))]
    assert (final.totals.net, final.totals.tax, final.totals.gross) == (D("5256.09"), D("1051.22"), D("6307.31"))

    statement = job_invoices.job_statement_view(db, invoice_id=final.id)
    # contract 6,794.41 + tax 1,358.882 → 1,358.88 = 8,153.29; the change 500.00 + 100.00 = 600.00
    # remaining 8,153.29 + 600.00 − 2,445.98 − 6,307.31 = 0.00
    assert (statement.contract, statement.approved_changes, statement.invoiced_before, statement.this_invoice,
            statement.paid_to_date, statement.remaining) == (
        D("8153.29"), D("600.00"), ((deposit.number, D("2445.98")),), D("6307.31"), D("2445.98"), D("0.00"))

    delivered(db, job.id)
    final = invoices.issue(db, final.id, issue_date=MARCH_10)
    # on the issued deposit nothing was invoiced before it and 8,153.29 + 600.00 − 2,445.98 = 6,307.31 remains
    on_deposit = job_invoices.job_statement_view(db, invoice_id=deposit.id)
    assert (on_deposit.invoiced_before, on_deposit.this_invoice, on_deposit.remaining) == (
        (), D("2445.98"), D("6307.31"))
    # the job now: both invoiced, nothing remains
    now = job_invoices.job_statement_view(db, job_id=job.id)
    assert (now.invoiced_before, now.this_invoice, now.remaining) == (
        ((deposit.number, D("2445.98")), (final.number, D("6307.31"))), D("0.00"), D("0.00"))


def test_a_progress_invoice_after_the_deposit(db, kitchen):
    job, quote_number = kitchen
    invoices.issue(db, job_invoices.draft_deposit(db, job.id, amount="1000").id, issue_date=MARCH_10)
    progress = job_invoices.draft_progress(db, job.id, percent="40", milestone="Carcasses fitted")
    # 40% of 6,794.41 = 2,717.764 → 2,717.76 net; tax 543.552 → 543.55; gross 3,261.31
    assert [(ln.description, ln.unit_price) for ln in progress.lines] == [
        (f"Progress: 40% of quote {quote_number} with its changes (6,794.41): Carcasses fitted", D("2717.76"))]
    assert (progress.kind.value, progress.totals.gross) == ("progress", D("3261.31"))
    # by amount: 6,794.41 − 1,000.00 deposit = 5,794.41 remains to invoice
    by_amount = job_invoices.draft_progress(db, job.id, amount="5794.41")
    assert by_amount.totals.net == D("5794.41")


def test_more_than_the_contract_remaining_is_refused_and_saves_nothing(db, kitchen):
    job, _ = kitchen
    invoices.issue(db, job_invoices.draft_deposit(db, job.id, percent="30").id, issue_date=MARCH_10)
    before = _invoice_count(db)
    # 6,794.41 − 2,038.32 = 4,756.09 remains
    e = error(job_invoices.draft_progress, db, job.id, amount="4756.10")
    assert (e.field, e.message) == ("amount", "The amount (4756.10) is more than what remains to invoice (4756.09).")
    e = error(job_invoices.draft_deposit, db, job.id, amount="6794.42")
    assert (e.field, e.message) == ("amount", "The amount (6794.42) is more than the contract price.")
    assert error(job_invoices.draft_deposit, db, job.id, percent="abc").field == "percent"
    assert _invoice_count(db) == before


def test_a_job_with_no_accepted_quote_or_cancelled_takes_no_job_invoice(db, shop, kitchen):
    with_billing_address(db, shop)
    e = error(job_invoices.draft_deposit, db, shop.job.id, percent="30")
    assert (e.field, e.message) == ("job_id", f"{shop.job.number} has no accepted quote: there is no contract "
                                              "to invoice.")
    job, _ = kitchen
    jobs.change_status(db, job.id, "cancel", reason="Customer moved house")
    for draft, kwargs in ((job_invoices.draft_deposit, {"percent": "30"}), (job_invoices.draft_final, {})):
        e = error(draft, db, job.id, **kwargs)
        assert (e.field, e.message) == ("job_id", f"{job.number} is cancelled: it takes no more invoices.")
    assert _invoice_count(db) == 0


def test_the_final_invoice_after_a_credit_note_and_a_change_that_took_work_away(db, kitchen):
    job, _ = kitchen
    deposit = invoices.issue(db, job_invoices.draft_deposit(db, job.id, amount="1000").id, issue_date=MARCH_10)
    note = invoices.credit_note(db, deposit.id, lines=[dict(description="Part", quantity="1", unit_price="200.00")])
    invoices.issue(db, note.id, issue_date=MARCH_10)
    change = change_orders.create_change_order(db, job.id, description="Plain handles", price_change="-300.00")
    change_orders.approve_change_order(db, change.id)
    final = job_invoices.draft_final(db, job.id)
    # the deposit less its credit note: 1,000.00 − 200.00 = 800.00 deducted
    # 6,794.41 − 300.00 − 800.00 = 5,694.41 net; tax 1,138.882 → 1,138.88; gross 6,833.29
    assert [(ln.description, ln.quantity, ln.unit_price, ln.deduction) for ln in final.lines[1:]] == [
        ("Change order 1: Plain handles", D("-1"), D("300.00"), True),
        (f"Less deposit invoice {deposit.number}", D("-1"), D("800.00"), True)]
    assert (final.totals.net, final.totals.gross) == (D("5694.41"), D("6833.29"))
