"""Shortage arithmetic across open jobs, and the reorder suggestion. Figures worked by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from workshop.domain.shortages import (JobClaim, MaterialSupply, outstanding, reorder_suggestion, shortages,
                                       to_issue)

DEC10, DEC12 = dt.date(2026, 12, 10), dt.date(2026, 12, 12)


def test_two_jobs_share_stock_by_due_date():
    # 6 m² on hand, 2 on order for stock; J1 (due 10 Dec) needs 5; J2 (due 12 Dec) needs 5, 1 on order for it
    supply = MaterialSupply(on_hand=D(6), on_order_for_stock=D(2), on_order_for_job={2: D(1)})
    claims = [JobClaim(2, DEC12, "J-2026-0002", D(5)), JobClaim(1, DEC10, "J-2026-0001", D(5))]
    result = shortages(supply, claims)
    j1, j2 = result[1], result[2]
    # J1 first: free = 6 + 2 − 0 = 8, supply 0 + 8 = 8 ≥ 5: missing 0
    assert (j1.free, j1.missing) == (D(8), D(0))
    # J2: free = 6 + 2 − 5 = 3, supply 1 + 3 = 4: missing 5 − 4 = 1
    assert (j2.free, j2.missing) == (D(3), D(1))
    # each sees the other's 5 allocated; on order: J1 only the 2 for stock, J2 its 1 + the 2 for stock = 3
    assert (j1.allocated_elsewhere, j2.allocated_elsewhere) == (D(5), D(5))
    assert (j1.on_order, j2.on_order) == (D(2), D(3))


def test_same_due_date_goes_by_job_number_and_free_never_below_zero():
    supply = MaterialSupply(on_hand=D(4))
    claims = [JobClaim(9, DEC10, "J-2026-0009", D(3)), JobClaim(3, DEC10, "J-2026-0003", D(6)),
              JobClaim(5, DEC12, "J-2026-0005", D(2))]
    result = shortages(supply, claims)
    # J-0003 first: free 4, missing 6 − 4 = 2
    assert (result[3].free, result[3].missing) == (D(4), D(2))
    # J-0009: free = 4 − 6 = −2 → 0, missing 3
    assert (result[9].free, result[9].missing) == (D(0), D(3))
    # J-0005: free = 4 − 9 → 0, missing 2; the others still need 6 + 3 = 9
    assert (result[5].free, result[5].missing, result[5].allocated_elsewhere) == (D(0), D(2), D(9))


def test_negative_stock_and_an_order_for_another_job():
    # the shelf shows −1 (issued beyond stock); 4 on order for job 7 only
    supply = MaterialSupply(on_hand=D(-1), on_order_for_job={7: D(4)})
    result = shortages(supply, [JobClaim(8, DEC10, "J-2026-0008", D(2)), JobClaim(7, DEC12, "J-2026-0007", D(3))])
    # job 8 first: free = max(−1, 0) = 0, its supply 0: missing 2 (job 7's order is not for it)
    assert result[8].missing == D(2)
    # job 7: free 0, supply 4 + 0 = 4 ≥ 3: missing 0
    assert (result[7].missing, result[7].on_order) == (D(0), D(4))


def test_outstanding_and_to_issue_never_below_zero():
    assert outstanding(D(10), D(4)) == D(6)        # 10 − 4
    assert outstanding(D(10), D(12)) == D(0)       # more came than ordered
    assert to_issue(D("2.5"), D(3)) == D(0) and to_issue(D(8), D(2)) == D(6)


def test_reorder_suggestion():
    # level 20, projected 12: 20 − 12 = 8, more than the reorder quantity 5 → 8
    assert reorder_suggestion(D(20), D(5), D(12), "m") == D(8)
    # level 20, projected 18: 2 to the level, but the reorder quantity is 50 → 50
    assert reorder_suggestion(D(20), D(50), D(18), "m") == D(50)
    # projected at or above the level, or no level: nothing
    assert reorder_suggestion(D(20), D(5), D(20), "m") == D(0)
    assert reorder_suggestion(D(0), D(5), D(-3), "m") == D(0)
    # "ea": 10 − 7.4 = 2.6 → 3 whole; in m² the same stays 2.6
    assert reorder_suggestion(D(10), D(0), D("7.4"), "ea") == D(3)
    assert reorder_suggestion(D(10), D(0), D("7.4"), "m²") == D("2.6")
    # a box or a sheet is bought whole too: 4 − 3.3 = 0.7 → 1 box
    assert reorder_suggestion(D(4), D(0), D("3.3"), "box") == D(1)
    assert reorder_suggestion(D(20), D(0), D("1.7"), "sheet") == D(19)  # 20 − 1.7 = 18.3 → 19
