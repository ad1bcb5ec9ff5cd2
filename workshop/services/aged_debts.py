"""Aged debts over the shop: every issued invoice not yet settled, its balance bucketed by days
overdue (``domain.aged_debts``), one summary per currency the invoices were issued in.

A balance is the invoice list's (``invoice_views.list_invoices(status="unpaid")``): the gross less
what was paid and less the gross of its issued credit notes. Days overdue are the domain's
(``invoice_status.days_overdue``): none up to the due date itself. One statement, built once, adds
the balances up per currency and bucket in the database, so nothing is read per invoice."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import cache

from sqlalchemy import BigInteger, Date, bindparam, case, func, literal_column, select, type_coerce, union_all
from sqlalchemy.orm import aliased

from ..db.engine import Database
from ..db.models import Invoice, Payment, ShopSettings
from ..domain.aged_debts import BUCKETS, AgedDebts
from ..domain.invoice_status import OPEN_INVOICE_STATUSES, InvoiceStatus
from ..domain.invoicing import InvoiceKind
from .common import settings_row


def _int(column):
    """Stored hundredths as they are (not read back through the column type as a Decimal)."""
    return type_coerce(column, BigInteger)


@cache
def _aged_sums():
    """Per currency and bucket, the balances' sum in hundredths and how many invoices, and the shop's
    currency (bucket -1). Built once; each bucket's first due date is a parameter, ``due_<bucket>``."""
    paid = select(func.coalesce(func.sum(_int(Payment.amount)), 0)).where(
        Payment.invoice_id == Invoice.id).scalar_subquery()
    credit = aliased(Invoice)
    credited = select(func.coalesce(func.sum(_int(credit.gross)), 0)).where(
        credit.credits_id == Invoice.id, credit.status != InvoiceStatus.DRAFT.value).scalar_subquery()
    # a bucket holds the debts due on or after today less its last day; the last bucket any older
    bucket = case((Invoice.due_date.is_(None), 0),
                  *[(Invoice.due_date >= bindparam(f"due_{i}", type_=Date), i)
                    for i, b in enumerate(BUCKETS) if b.last_day is not None],
                  else_=len(BUCKETS) - 1)
    balance = case((Invoice.gross.is_(None), 0), else_=_int(Invoice.gross) - paid - credited)
    # the open statuses written into the statement: an expanding IN is rebuilt on every execution
    open_statuses = [literal_column(f"'{s.value}'") for s in sorted(OPEN_INVOICE_STATUSES)]
    unsettled = select(Invoice.currency, bucket.label("bucket"), balance.label("balance")).where(
        Invoice.status.in_(open_statuses), Invoice.kind != InvoiceKind.CREDIT_NOTE.value).subquery()
    # grouped outside: PostgreSQL would not match the bucket's parameters in GROUP BY to the SELECT's
    sums = select(unsettled.c.currency, unsettled.c.bucket, func.sum(unsettled.c.balance), func.count()).group_by(
        unsettled.c.currency, unsettled.c.bucket)
    # and the shop's own currency in the same statement, as bucket -1
    own = select(ShopSettings.currency, literal_column("-1"), literal_column("0"), literal_column("0")).where(
        ShopSettings.id == 1)
    return union_all(sums, own)


def aged_debts(db: Database, today: dt.date | None = None) -> tuple[AgedDebts, ...]:
    """The shop's currency first (even when nothing is owed), then any other, by code."""
    today = today or db.today()
    first_due = {f"due_{i}": today - dt.timedelta(days=b.last_day) for i, b in enumerate(BUCKETS)
                 if b.last_day is not None}
    found: dict[str, tuple[list[int], list[int]]] = {}
    own = None
    with db.reader() as s:
        for currency, index, amount, count in s.connection().execute(_aged_sums(), first_due):
            if index < 0:
                own = currency
                continue
            amounts, counts = found.setdefault(currency, ([0] * len(BUCKETS), [0] * len(BUCKETS)))
            amounts[index], counts[index] = int(amount), count
        if own is None:  # the settings row is only missing from a hand edit
            own = settings_row(s).currency
    return tuple(_summary(currency, *found.get(currency, ([0] * len(BUCKETS), [0] * len(BUCKETS))))
                 for currency in [own, *sorted(set(found) - {own})])


def _summary(currency: str, amounts: list[int], counts: list[int]) -> AgedDebts:
    return AgedDebts(currency, tuple(Decimal(a).scaleb(-2) for a in amounts), tuple(counts))
