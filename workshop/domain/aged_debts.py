"""Aged debts: what customers owe, by how long it is past due.

Each issued invoice that is not settled counts its balance (what was paid and what credit notes
took off are already out of it) in one bucket by its days overdue: current (not yet due, or due
today), 1–30, 31–60, 61–90 and more than 90 days. Plain arithmetic: no database, no Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class AgeBucket:
    label: str
    first_day: int  # days overdue, inclusive
    last_day: int | None  # inclusive; None: no end


BUCKETS: tuple[AgeBucket, ...] = (
    AgeBucket("Current", 0, 0),
    AgeBucket("1–30 days", 1, 30),
    AgeBucket("31–60 days", 31, 60),
    AgeBucket("61–90 days", 61, 90),
    AgeBucket("Over 90 days", 91, None),
)


def bucket_index(days_overdue: int) -> int:
    """Which of ``BUCKETS`` a debt this many days overdue falls in (0: current)."""
    return next(index for index, bucket in enumerate(BUCKETS)
                if bucket.last_day is None or days_overdue <= bucket.last_day)


@dataclass(frozen=True)
class AgedDebts:
    """One currency's debts: per bucket the amount owed and how many invoices."""

    currency: str
    amounts: tuple[Decimal, ...]  # one per bucket, in the order of BUCKETS
    counts: tuple[int, ...]

    @property
    def total(self) -> Decimal:
        return sum(self.amounts, Decimal("0.00"))

    @property
    def overdue(self) -> Decimal:
        return self.total - self.amounts[0]


def age_debts(currency: str, debts: Iterable[tuple[Decimal, int]]) -> AgedDebts:
    """``debts``: (balance, days overdue) of each unsettled invoice in ``currency``."""
    amounts = [Decimal("0.00")] * len(BUCKETS)
    counts = [0] * len(BUCKETS)
    for balance, days in debts:
        index = bucket_index(days)
        amounts[index] += balance
        counts[index] += 1
    return AgedDebts(currency, tuple(amounts), tuple(counts))


__all__ = ["AgeBucket", "AgedDebts", "BUCKETS", "age_debts", "bucket_index"]
