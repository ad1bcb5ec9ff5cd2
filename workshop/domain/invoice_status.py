"""The life of an invoice: draft → issued → part paid → paid. Overdue is read from the due date,
never stored, so it is right on any day without a nightly job.

A draft changes freely and has no number; from issue on, an invoice never changes: it is
corrected by a credit note. "Paid" means settled: what was paid and what credit notes took off
cover the whole invoice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

from .errors import ValidationError


class InvoiceStatus(StrEnum):
    DRAFT = "draft"
    ISSUED = "issued"
    PART_PAID = "part_paid"
    PAID = "paid"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


#: Issued and not yet settled: these can be paid, and can fall overdue.
OPEN_INVOICE_STATUSES = frozenset({InvoiceStatus.ISSUED, InvoiceStatus.PART_PAID})


def settled_status(gross: Decimal, paid: Decimal, credited: Decimal) -> InvoiceStatus:
    """An issued invoice's status from what it asks for, what was paid and what was credited."""
    settled = paid + credited
    if settled >= gross:
        return InvoiceStatus.PAID
    return InvoiceStatus.PART_PAID if settled > 0 else InvoiceStatus.ISSUED


def days_overdue(status: str, due_date: dt.date | None, today: dt.date) -> int:
    """Days past the due date of an unsettled invoice; 0 when it is not overdue."""
    if InvoiceStatus(status) not in OPEN_INVOICE_STATUSES or due_date is None or today <= due_date:
        return 0
    return (today - due_date).days


def check_draft(status: str, number: str | None, doing: str) -> None:
    """Refuse ``doing`` (``"changed"``, ``"deleted"``) to an invoice that is no longer a draft."""
    if InvoiceStatus(status) is not InvoiceStatus.DRAFT:
        raise ValidationError(
            "invoice", f"{number} is issued and cannot be {doing}: an issued invoice never changes. "
                       "Correct it with a credit note.")


__all__ = ["InvoiceStatus", "OPEN_INVOICE_STATUSES", "check_draft", "days_overdue", "settled_status"]
