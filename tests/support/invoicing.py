"""Shared pieces of the invoice service tests: a customer with a billing address, the shop's
address, and four lines whose figures the tests work out by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workshop.domain.errors import ValidationError
from workshop.services import briefs, customers, delivery, invoices, job_invoices, jobs, quotes, settings

MARCH_10 = dt.date(2026, 3, 10)

# Standard 20 %: 1234.56 + 2.5 × 45.00 = 112.50 + (35.00 − 5.00 discount) = 30.00 → 1377.06, tax 275.412 → 275.41
# Reduced 5 %: 100.01, tax 5.0005 → 5.00
# Net 1477.07, tax 280.41, gross 1757.48
FOUR_LINES = [
    dict(description="Walnut table top", quantity="1", unit_price="1234.56"),
    dict(description="Fitting", quantity="2.5", unit="h", unit_price="45.00"),
    dict(description="Delivery", quantity="1", unit_price="35.00", discount="5.00"),
    dict(description="Insulated door panel", quantity="1", unit_price="100.01", category="reduced", rate="5"),
]
GROSS = Decimal("1757.48")


def error(fn, *args, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        fn(*args, **kwargs)
    return info.value


def with_billing_address(db, shop):
    """The sample shop (conftest's ``shop``) with its customer's billing address and the shop's own."""
    settings.update_settings(db, address="Unit 4, Mill Lane\nLeeds LS1 4AB", tax_number="GB123456789")
    customers.update_customer(db, shop.customer.id, address="12 High Street\nYork YO1 7HF", country="GB",
                              tax_number="GB987654321")
    return shop


def manual_draft(db, shop, lines=FOUR_LINES, **kwargs):
    return invoices.create_draft(db, kind="manual", customer_id=shop.customer.id, lines=lines, **kwargs)


def issued_manual(db, shop, lines=FOUR_LINES):
    return invoices.issue(db, manual_draft(db, shop, lines).id, issue_date=MARCH_10)


def delivered(db, job_id: int) -> None:
    for action in ("release", "start", "to_inspection", "complete"):
        jobs.change_status(db, job_id, action)
    delivery.record_delivery(db, job_id, method="delivered", received_by="Ruth Harrow")


def quoted(db, shop, job_id: int, price: str = "1000.00", payment_terms: str = ""):
    """An accepted quote of ``price`` (net, no markup) for the sample shop's job: its contract."""
    job = jobs.get_job(db, job_id)
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title=job.title, requirements="As drawn",
                                required_by=job.due_date)
    quote = quotes.send_quote(db, quotes.create_quote(db, brief.id, lines=[("labour", "Making", price)],
                                                      markup_pct="0", payment_terms=payment_terms).id)
    quotes.accept_quote(db, quote.id, job_id=job_id)
    return quote


def final_invoice_issued(db, shop, job_id: int):
    """The delivered job's final invoice issued (so the job is invoiced), on a quote of 1,000.00."""
    with_billing_address(db, shop)
    quoted(db, shop, job_id)
    return invoices.issue(db, job_invoices.draft_final(db, job_id).id)
