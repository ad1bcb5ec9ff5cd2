"""An invoice's status from what was paid and credited; overdue read from the due date."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.invoice_status import check_draft, days_overdue, settled_status

DUE = dt.date(2026, 4, 9)


@pytest.mark.parametrize("paid, credited, status", [
    ("0.00", "0.00", "issued"),
    ("0.01", "0.00", "part_paid"),
    ("100.00", "20.00", "part_paid"),  # 120.00 of 120.01
    ("100.00", "20.01", "paid"),       # settled: paid and credited cover it
    ("0.00", "120.01", "paid"),
])
def test_settled_status(paid, credited, status):
    assert settled_status(Decimal("120.01"), Decimal(paid), Decimal(credited)) == status


@pytest.mark.parametrize("status, today, days", [
    ("issued", dt.date(2026, 4, 9), 0),    # due today: not yet overdue
    ("issued", dt.date(2026, 4, 10), 1),
    ("part_paid", dt.date(2026, 5, 9), 30),
    ("paid", dt.date(2026, 5, 9), 0),      # settled invoices are never overdue
    ("draft", dt.date(2026, 5, 9), 0),
])
def test_days_overdue(status, today, days):
    assert days_overdue(status, DUE, today) == days


def test_only_a_draft_may_change():
    check_draft("draft", None, "changed")
    with pytest.raises(ValidationError) as info:
        check_draft("paid", "INV-2026-0007", "deleted")
    assert info.value.message == ("INV-2026-0007 is issued and cannot be deleted: an issued invoice never changes. "
                                  "Correct it with a credit note.")
