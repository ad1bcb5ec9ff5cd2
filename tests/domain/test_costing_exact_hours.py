"""Booked hours that do not terminate (65 min is 13/12 h) are costed from the exact amount, rounded
once by the rule (half away from zero): worked by hand in the comments. Hours carried to 60 digits
made 65 min at 27.06/h 29.3149… → 29.31, a penny short of the rule's 29.32."""

from __future__ import annotations

from decimal import Decimal as D
from fractions import Fraction

from workshop.domain.costing import CostCategory, CostRates, TimeBooking, cost_job, estimate_job, estimate_operation
from workshop.domain.statuses import OverheadBasis

H65 = Fraction(65, 60)  # 65 min = 13/12 h = 1.0833… h


def amounts(cost) -> tuple[D, D, D]:
    return tuple(cost.by_category[c].amount for c in (CostCategory.LABOUR, CostCategory.MACHINE, CostCategory.OVERHEAD))


def test_65_minutes_at_27_06_is_29_32():
    # 65 × 27.06 = 1,758.90; ÷ 60 = 29.315 exactly, on the half: 29.32
    cost = cost_job([TimeBooking("010 Lacquer", "SPRAY", H65, D(0), CostRates(D("27.06")))])
    assert amounts(cost) == (D("29.32"), D("0.00"), D("0.00"))
    assert cost.total.amount == D("29.32")
    assert cost.labour_hours == D("1.08")  # shown to 0.01 h
    assert cost.lines[0].explanation == "≈1.08 h × 27.06/h (workstation rate)"
    # planned, the same 65 min costs the same
    planned = estimate_operation(D(65), D(0), 1, CostRates(D("27.06")), False, operation_key="010 Lacquer")
    assert estimate_job([planned]).labour.amount == D("29.32")


def test_65_machine_minutes_at_18_00_terminate_in_money():
    # 65 × 18.00 = 1,170.00; ÷ 60 = 19.50 exactly: no rounding at all
    cost = cost_job([TimeBooking("010 Cut", "SAW", D(0), H65, CostRates(D("30.00"), D("18.00")))])
    assert amounts(cost) == (D("0.00"), D("19.50"), D("0.00"))
    assert cost.machine_hours == D("1.08")


def test_a_correction_of_a_half_penny_booking_is_minus_the_same_and_the_job_nets_to_nothing():
    rates = CostRates(D("27.06"))
    booked = TimeBooking("010 Lacquer", "SPRAY", H65, D(0), rates)
    # −65 × 27.06 ÷ 60 = −29.315, half away from zero: −29.32 (not −29.31)
    reversal = TimeBooking("010 Lacquer", "SPRAY", -H65, D(0), rates, correction=True)
    alone = cost_job([reversal])
    assert alone.labour.amount == D("-29.32")
    both = cost_job([booked, reversal])
    assert [line.amount for line in both.lines if line.category is CostCategory.LABOUR] == [D("29.32"), D("-29.32")]
    assert both.total.amount == D("0.00")
    assert both.labour_hours == D("0.00")


def test_overhead_per_labour_hour_on_hours_that_do_not_terminate():
    rates = CostRates(D("27.06"), D(0), D("9.30"), OverheadBasis.PER_LABOUR_HOUR)
    cost = cost_job([TimeBooking("010 Lacquer", "SPRAY", H65, D(0), rates)])
    # labour 29.315 → 29.32 (above); overhead 65 × 9.30 = 604.50; ÷ 60 = 10.075 → 10.08; total 39.40
    # (60-digit hours gave 29.31 + 10.07 = 39.38)
    assert amounts(cost) == (D("29.32"), D("0.00"), D("10.08"))
    assert cost.total.amount == D("39.40")


def test_overhead_as_a_percentage_of_the_exact_labour():
    rates = CostRates(D("27.06"), D(0), D("12.50"), OverheadBasis.PERCENT_OF_LABOUR)
    cost = cost_job([TimeBooking("010 Lacquer", "SPRAY", H65, D(0), rates)])
    # 12.50 % of the exact 29.315 = 3.664375 → 3.66; the explanation names the exact labour
    assert amounts(cost) == (D("29.32"), D("0.00"), D("3.66"))
    assert cost.lines[-1].explanation == "12.50% of labour 29.315 (SPRAY)"


def test_exact_and_decimal_hours_add_up_on_one_operation():
    rates = CostRates(D("27.06"))
    cost = cost_job([TimeBooking("010 Lacquer", "SPRAY", H65, D(0), rates),
                     TimeBooking("010 Lacquer", "SPRAY", D("1.5"), D(0), rates)])
    # 29.315 → 29.32; 1.5 × 27.06 = 40.59; 69.91. Hours 65 + 90 = 155 min = 2.5833… → 2.58
    assert cost.labour.amount == D("69.91")
    assert cost.by_operation[0].labour_hours == cost.labour_hours == D("2.58")
