"""A chargeable aftercare ticket is billed from the ticket: a manual invoice to the job's customer,
one line naming the ticket, at its cost and the shop's default rate (20%). Under warranty, or
billed already, it is refused naming why."""

from __future__ import annotations

from decimal import Decimal as D

from sqlalchemy import func, select

from support.invoicing import MARCH_10, delivered, error, with_billing_address
from workshop.db.models import Invoice
from workshop.domain.changes import Change, changes_of
from workshop.services import aftercare, invoice_views, invoices, ticket_invoices


def _invoices(db) -> int:
    with db.reader() as s:
        return s.scalar(select(func.count()).select_from(Invoice))


def _ticket(db, shop, **values):
    with_billing_address(db, shop)
    delivered(db, shop.job.id)
    values = dict(problem="Drawer sticks in J&C <b>Ltd</b>'s Łódź flat", action="Runner planed and waxed",
                  cost="85.00", under_warranty=False) | values
    return aftercare.open_ticket(db, shop.job.id, **values)


def test_a_chargeable_ticket_is_drafted_on_a_manual_invoice_to_the_jobs_customer(db, shop):
    ticket = _ticket(db, shop)
    draft = ticket_invoices.draft_for_ticket(db, ticket.id)
    assert (draft.kind.value, draft.status.value, draft.number) == ("manual", "draft", None)
    assert (draft.ticket_id, draft.customer_id, draft.job_id) == (ticket.id, shop.customer.id, None)
    line, = draft.lines
    assert line.description == (f"Aftercare {ticket.number}: Drawer sticks in J&C <b>Ltd</b>'s Łódź flat. "
                                "Done: Runner planed and waxed")
    assert (line.quantity, line.unit, line.unit_price, line.category.value, line.rate) == (
        D("1"), "ea", D("85.00"), "standard", D("20.00"))
    # 85.00 net, 20% tax 17.00, gross 102.00
    assert (draft.totals.net, draft.totals.tax, draft.totals.gross) == (D("85.00"), D("17.00"), D("102.00"))
    issued = invoices.issue(db, draft.id, issue_date=MARCH_10)
    assert issued.number == "INV-2026-0001" and issued.buyer_name == "Harrow & Finch Interiors"


def test_a_ticket_under_warranty_is_not_charged(db, shop):
    ticket = _ticket(db, shop, under_warranty=True)
    e = error(ticket_invoices.draft_for_ticket, db, ticket.id)
    assert (e.field, e.message) == ("ticket_id", f"{ticket.number} is under warranty: the customer is not charged "
                                                 "for it. Mark it chargeable first if it is not covered.")
    assert _invoices(db) == 0


def test_a_ticket_is_billed_once_and_the_refusal_names_its_invoice(db, shop):
    ticket = _ticket(db, shop)
    first = ticket_invoices.draft_for_ticket(db, ticket.id)
    e = error(ticket_invoices.draft_for_ticket, db, ticket.id)
    assert e.message == f"{ticket.number} is already invoiced on a draft invoice (not issued yet)."
    issued = invoices.issue(db, first.id, issue_date=MARCH_10)
    e = error(ticket_invoices.draft_for_ticket, db, ticket.id)
    assert e.message == f"{ticket.number} is already invoiced on {issued.number}."
    assert _invoices(db) == 1


def test_a_deleted_draft_frees_the_ticket_and_the_service_says_what_changed(db, shop):
    ticket = _ticket(db, shop, action="", cost="40")
    draft = ticket_invoices.draft_for_ticket(db, ticket.id)
    assert draft.lines[0].description == f"Aftercare {ticket.number}: Drawer sticks in J&C <b>Ltd</b>'s Łódź flat"
    invoices.delete_draft(db, draft.id)
    again = ticket_invoices.draft_for_ticket(db, ticket.id)
    assert again.totals.gross == D("48.00")  # 40.00 + 20% tax 8.00
    assert changes_of(ticket_invoices.draft_for_ticket) == Change.INVOICES


def test_the_jobs_invoice_list_holds_its_ticket_invoices_and_no_other_invoices(db, shop):
    ticket = _ticket(db, shop)
    billed = invoices.issue(db, ticket_invoices.draft_for_ticket(db, ticket.id).id, issue_date=MARCH_10)
    invoices.create_draft(db, kind="manual", customer_id=shop.customer.id,  # the same customer, no job
                          lines=[dict(description="Spare key", quantity="1", unit_price="5.00")])
    deposit = invoices.create_draft(db, kind="deposit", job_id=shop.job.id,
                                    lines=[dict(description="Deposit", quantity="1", unit_price="100.00")])
    rows = invoice_views.list_invoices(db, job_id=shop.job.id)
    assert [(r.id, r.number, r.kind.value) for r in rows] == [(deposit.id, None, "deposit"),
                                                                 (billed.id, billed.number, "manual")]
    assert len(invoice_views.list_invoices(db)) == 3
