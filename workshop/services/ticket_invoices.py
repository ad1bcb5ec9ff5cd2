"""A chargeable aftercare ticket billed on a manual invoice: one line naming the ticket, what was
wrong and what was done, priced at the ticket's cost and taxed at the shop's default rate. A ticket
under warranty is not charged, and a ticket is billed once."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.models import AftercareTicket, Invoice
from ..domain.changes import Change, writes
from ..domain.errors import ValidationError
from ..domain.invoicing import InvoiceKind
from . import invoices
from .common import get_or_fail
from .invoice_views import InvoiceView


def ticket_line(number: str, problem: str, action: str, cost: Decimal) -> dict:
    """``Aftercare AC-2026-0001: Drawer sticks. Done: runner planed and waxed`` at the ticket's cost,
    as a form gives a line: with no rate, create_draft gives a standard line the shop's default."""
    words = f"Aftercare {number}: {' '.join(problem.split())}"
    if action.strip():
        words = f"{words.rstrip('.')}. Done: {' '.join(action.split())}"
    return dict(description=words, quantity=Decimal(1), unit="ea", unit_price=cost)


@writes(Change.INVOICES)
def draft_for_ticket(db: Database, ticket_id: int) -> InvoiceView:
    """A draft manual invoice to the job's customer for a chargeable ticket, linked to it."""
    with db.reader() as s:
        ticket = get_or_fail(s, AftercareTicket, ticket_id, "ticket_id", "aftercare ticket")
        if ticket.under_warranty:
            raise ValidationError("ticket_id", f"{ticket.number} is under warranty: the customer is not charged "
                                               "for it. Mark it chargeable first if it is not covered.")
        billed = s.scalar(select(Invoice).where(Invoice.ticket_id == ticket.id).order_by(Invoice.id).limit(1))
        if billed is not None:
            which = billed.number or "a draft invoice (not issued yet)"
            raise ValidationError("ticket_id", f"{ticket.number} is already invoiced on {which}.")
        line = ticket_line(ticket.number, ticket.problem, ticket.action, ticket.cost)
    return invoices.create_draft(db, kind=InvoiceKind.MANUAL.value, ticket_id=ticket_id, lines=[line])


__all__ = ["draft_for_ticket", "ticket_line"]
