"""Aged debts over the shop: every issued invoice not yet settled, its balance bucketed by days
overdue (``domain.aged_debts``), one summary per currency the invoices were issued in."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from ..db.engine import Database
from ..domain.aged_debts import AgedDebts, age_debts
from .invoice_views import list_invoices
from .settings import get_settings


def aged_debts(db: Database, today: dt.date | None = None) -> tuple[AgedDebts, ...]:
    """The shop's currency first (even when nothing is owed), then any other, by code."""
    today = today or db.today()
    debts: dict[str, list[tuple[Decimal, int]]] = defaultdict(list)
    for row in list_invoices(db, status="unpaid", limit=None):
        debts[row.currency].append((row.balance, row.days_overdue(today)))
    own = get_settings(db).currency
    return tuple(age_debts(currency, debts.get(currency, ()))
                 for currency in [own, *sorted(set(debts) - {own})])
