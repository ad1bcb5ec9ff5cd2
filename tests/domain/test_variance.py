"""Rate and usage variance, and the estimate for the work done so far: worked by hand (issue 9, item 3)."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

from workshop.domain.costing import (BomLine, CostCategory, CostRates, MaterialCharge, TimeBooking, cost_job,
                                     estimate_job, estimate_operation)
from workshop.domain.statuses import OverheadBasis
from workshop.domain.variance import cost_at_standard, split_variance, work_done

# BENCH as estimated: labour 28.00/h, overhead 6.50 per labour hour. "10-make" is planned at 10 h.
ESTIMATED = CostRates(D("28.00"), D("0"), D("6.50"), OverheadBasis.PER_LABOUR_HOUR)
RAISED = CostRates(D("30.00"), D("0"), D("6.50"), OverheadBasis.PER_LABOUR_HOUR)  # the labour rate rose


def _estimate():
    # labour 10 h × 28.00 = 280.00; overhead 10 × 6.50 = 65.00; oak 2 × 85.50 = 171.00; total 516.00
    make = estimate_operation(D("0"), D("600"), 1, ESTIMATED, False, operation_key="10-make", workstation_code="BENCH")
    return estimate_job([make], [BomLine("Oak", D("2"), D("85.50"))], quantity=1)


def _figures(hours: str, oak_quantity: str, oak_cost: str, progress: Fraction, complete: bool):
    estimate = _estimate()
    booked = [TimeBooking("10-make", "BENCH", D(hours), D("0"), RAISED)]
    oak = MaterialCharge("Oak", D(oak_quantity), D(oak_cost))
    actual = cost_job(booked, [oak])
    standard = cost_at_standard(booked, [(oak, D("85.50"))], (), 1, {"10-make": ESTIMATED})
    done = work_done(estimate, standard, {"10-make": progress}, complete)
    return estimate, actual, done, split_variance(done, actual, standard)


def _by(var, category: CostCategory):
    return next(line for line in var.by_category if line.key == category.value)


def test_rate_and_usage_on_a_finished_job():
    estimate, actual, done, var = _figures("12", "2.5", "90.00", Fraction(1), complete=True)
    assert done.total.amount == estimate.total.amount == D("516.00")
    labour = _by(var, CostCategory.LABOUR)
    # actual 12 h × 30.00 = 360.00 against 280.00: +80.00
    # rate  = (30.00 − 28.00) × 12 h actual = 24.00
    # usage = (12 h − 10 h) × 28.00 estimated = 56.00;  24.00 + 56.00 = 80.00
    assert (labour.actual, labour.variance, labour.rate, labour.usage) == (D("360.00"), D("80.00"), D("24.00"),
                                                                          D("56.00"))
    overhead = _by(var, CostCategory.OVERHEAD)
    # 12 × 6.50 = 78.00 against 65.00: the overhead rate did not change, so all usage: 2 h × 6.50 = 13.00
    assert (overhead.variance, overhead.rate, overhead.usage) == (D("13.00"), D("0.00"), D("13.00"))
    materials = _by(var, CostCategory.MATERIALS)
    # 2.5 × 90.00 = 225.00 against 171.00: +54.00
    # rate  = (90.00 − 85.50) × 2.5 = 11.25;  usage = (2.5 − 2) × 85.50 = 42.75;  11.25 + 42.75 = 54.00
    assert (materials.variance, materials.rate, materials.usage) == (D("54.00"), D("11.25"), D("42.75"))
    # total: 360 + 78 + 225 = 663.00 − 516.00 = 147.00 = rate 35.25 + usage 111.75
    assert (var.total.variance, var.total.rate, var.total.usage) == (D("147.00"), D("35.25"), D("111.75"))
    assert "rate 24.00 = actual 360.00 − the same work at estimated rates 336.00" in labour.split_explanation


def test_a_rate_rise_is_not_waste():
    # exactly the planned 10 h, but at 30.00: 300.00 against 280.00 = +20.00, all of it rate
    _, _, _, var = _figures("10", "2", "85.50", Fraction(1), complete=True)
    labour = _by(var, CostCategory.LABOUR)
    assert (labour.variance, labour.rate, labour.usage) == (D("20.00"), D("20.00"), D("0.00"))
    assert (_by(var, CostCategory.MATERIALS).variance, var.total.usage) == (D("0.00"), D("0.00"))


def test_a_job_a_quarter_done_is_compared_with_a_quarter_of_its_time():
    # 2.5 of 10 h booked (25%) at 30.00 = 75.00; the oak (2 × 85.50 = 171.00) all issued up front
    estimate, actual, done, var = _figures("2.5", "2", "85.50", Fraction(1, 4), complete=False)
    # work done: labour 280.00 × 25% = 70.00; overhead 65.00 × 25% = 16.25; materials issued at the
    # estimated price 171.00, up to the estimate 171.00 = 171.00; total 257.25 of 516.00 = 49.854…% → 49.85
    assert [done.by_category[c].amount for c in CostCategory] == [D("70.00"), D("0.00"), D("16.25"), D("171.00"),
                                                                   D("0.00")]
    assert (done.total.amount, done.share, done.complete) == (D("257.25"), D("49.85"), False)
    assert done.by_operation["10-make"].amount == D("86.25")  # (280 + 65) × 25%
    labour = _by(var, CostCategory.LABOUR)
    # 75.00 against 70.00: +5.00, all rate (2.5 h × 2.00), no usage yet: not a 27% overrun on 280.00
    assert (labour.estimate, labour.variance, labour.rate, labour.usage) == (D("70.00"), D("5.00"), D("5.00"),
                                                                            D("0.00"))
    assert _by(var, CostCategory.MATERIALS).variance == D("0.00")  # issued early, not over
    # actual 75.00 + 16.25 + 171.00 = 262.25 − 257.25 = +5.00
    assert (actual.total.amount, var.total.variance) == (D("262.25"), D("5.00"))
    assert "estimate for the work done" in var.total.explanation


def test_material_beyond_the_estimate_counts_as_usage_before_the_end():
    # 3 oak issued at the estimated 85.50 = 256.50; the work done counts at most 171.00: usage +85.50
    _, _, done, var = _figures("0", "3", "85.50", Fraction(0), complete=False)
    materials = _by(var, CostCategory.MATERIALS)
    assert (done.by_category[CostCategory.MATERIALS].amount, materials.rate, materials.usage) == (
        D("171.00"), D("0.00"), D("85.50"))
