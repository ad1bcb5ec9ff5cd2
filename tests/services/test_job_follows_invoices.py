"""A job is invoiced only by issuing its final invoice and closes when that is paid in full; its
history says so. Closed by hand, it needs a reason."""

from __future__ import annotations

from decimal import Decimal

from support.invoicing import MARCH_10, delivered, error, quoted, with_billing_address
from workshop.services import invoices, job_invoices, jobs, payments


def test_the_final_invoice_marks_the_job_invoiced_and_its_payment_closes_it(db, shop):
    job = shop.job
    with_billing_address(db, shop)
    quoted(db, shop, job.id, "1000.00")
    delivered(db, job.id)
    e = error(jobs.change_status, db, job.id, "invoice")
    assert (e.field, jobs.get_job(db, job.id).status) == ("action", "delivered")  # not by hand

    final = invoices.issue(db, job_invoices.draft_final(db, job.id).id, issue_date=MARCH_10)
    assert final.totals.gross == Decimal("1200.00")  # 1,000.00 + 20% tax
    job_now = jobs.get_job(db, job.id)
    assert job_now.status == "invoiced" and "invoice" not in job_now.allowed_actions
    assert (job_now.history[-1].to_status, job_now.history[-1].reason) == (
        "invoiced", f"Final invoice {final.number} issued")

    payments.record_payment(db, final.id, paid_on=MARCH_10, amount="1200.00", method="bank_transfer")
    last = jobs.get_job(db, job.id).history[-1]
    assert (last.from_status, last.to_status, last.reason) == ("invoiced", "closed", f"{final.number} paid in full")


def test_a_delivered_job_billed_elsewhere_is_closed_by_hand_with_a_reason(db, shop):
    delivered(db, shop.job.id)
    e = error(jobs.change_status, db, shop.job.id, "close", "  ")
    assert (e.field, e.message) == ("reason", "Give a reason to close.")
    assert jobs.get_job(db, shop.job.id).status == "delivered"  # nothing saved
    job = jobs.change_status(db, shop.job.id, "close", "Invoiced from the old accounts program")
    assert (job.status, job.history[-1].reason) == ("closed", "Invoiced from the old accounts program")
