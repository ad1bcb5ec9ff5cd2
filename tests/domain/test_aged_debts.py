"""Aged debts: each bucket's edges, worked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from workshop.domain.aged_debts import BUCKETS, age_debts, bucket_index


@pytest.mark.parametrize(("days", "label"), [
    (0, "Current"),       # due today: not overdue yet
    (1, "1–30 days"), (30, "1–30 days"),
    (31, "31–60 days"), (60, "31–60 days"),
    (61, "61–90 days"), (90, "61–90 days"),
    (91, "Over 90 days"), (4000, "Over 90 days"),
])
def test_a_debt_falls_in_the_bucket_of_its_days_overdue(days, label):
    assert BUCKETS[bucket_index(days)].label == label


def test_balances_add_up_per_bucket():
    summary = age_debts("GBP", [(Decimal("100.00"), 0), (Decimal("20.50"), 0), (Decimal("7.25"), 30),
                                (Decimal("1.00"), 31), (Decimal("300.00"), 91)])
    # current 100.00 + 20.50 = 120.50; 1–30: 7.25; 31–60: 1.00; 61–90: nothing; over 90: 300.00
    assert summary.amounts == (Decimal("120.50"), Decimal("7.25"), Decimal("1.00"), Decimal("0.00"),
                               Decimal("300.00"))
    assert summary.counts == (2, 1, 1, 0, 1)
    assert summary.total == Decimal("428.75")  # 120.50 + 7.25 + 1.00 + 300.00
    assert summary.overdue == Decimal("308.25")  # 428.75 − 120.50 current


def test_no_debts_is_all_zero():
    summary = age_debts("EUR", [])
    assert summary.amounts == (Decimal("0.00"),) * 5 and summary.total == 0 and summary.counts == (0,) * 5
