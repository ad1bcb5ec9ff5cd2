"""Job costing rules, checked against worked examples done by hand (in the comments)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from workshop.domain.costing import (
    BomLine,
    CostCategory,
    MaterialCharge,
    OtherCost,
    cost_job,
    estimate_job,
    estimate_operation,
)
from workshop.domain.errors import ValidationError
from workshop.domain.statuses import OverheadBasis
from workshop.domain.time_costing import CostRates, OverheadRule, TimeBooking, labour_rate_for
from workshop.domain.variance import variance

# Two workstations with different overhead bases:
#   BENCH (manual): labour 28.00/h, no machine rate, overhead 12.00 per labour hour
#   CNC (machine):  labour 30.00/h, machine 45.00/h, overhead 20.00 per machine hour
# Operators: Anna Kowalska 32.00/h, Ben Shaw 26.50/h.
BENCH_LABOUR = D("28.00")
CNC_LABOUR = D("30.00")
ANNA, BEN = D("32.00"), D("26.50")


def bench(operator_rate: D | None = None) -> CostRates:
    return CostRates(labour_rate_for(operator_rate, BENCH_LABOUR), D("0"), D("12.00"), OverheadBasis.PER_LABOUR_HOUR)


def cnc(operator_rate: D | None = None) -> CostRates:
    return CostRates(labour_rate_for(operator_rate, CNC_LABOUR), D("45.00"), D("20.00"), OverheadBasis.PER_MACHINE_HOUR)


def test_labour_rate_is_the_operators_else_the_workstations():
    assert labour_rate_for(D("32.00"), D("30.00")) == D("32.00")
    assert labour_rate_for(None, D("30.00")) == D("30.00")
    assert labour_rate_for(D("0"), D("30.00")) == D("0")  # an apprentice at no charge is still "a rate"


def two_workstation_job():
    bookings = [
        # 2.50 h × 32.00 = 80.00 labour; 2.00 machine h × 45.00 = 90.00; overhead 2.00 × 20.00 = 40.00
        TimeBooking("10-cut", "CNC", D("2.5"), D("2"), cnc(ANNA), "Anna Kowalska"),
        # 0.75 h × 30.00 (workstation rate) = 22.50; 0.75 × 45.00 = 33.75; overhead 0.75 × 20.00 = 15.00
        TimeBooking("10-cut", "CNC", D("0.75"), D("0.75"), cnc()),
        # 3.25 h × 26.50 = 86.125 labour; overhead 3.25 × 12.00 = 39.00
        TimeBooking("20-assemble", "BENCH", D("3.25"), D("0"), bench(BEN), "Ben Shaw"),
        # 1.50 h × 32.00 = 48.00 labour; overhead 1.50 × 12.00 = 18.00
        TimeBooking("20-assemble", "BENCH", D("1.5"), D("0"), bench(ANNA), "Anna Kowalska"),
    ]
    materials = [
        MaterialCharge("Oak board", D("2.5"), D("18.40")),  # 46.00
        MaterialCharge("Screws 4×40", D("200"), D("0.0325")),  # 6.50
        MaterialCharge("Oak board", D("-0.5"), D("18.40")),  # returned: −9.20
    ]
    others = [OtherCost("subcontract", "powder coating", D("65.00")), OtherCost("delivery", "van", D("25.00"))]
    return cost_job(bookings, materials, others, quantity=2)


def test_job_across_two_workstations_with_different_overhead_bases():
    job = two_workstation_job()
    # labour 80 + 22.50 + 86.125 + 48 = 236.625 → 236.63 (half-up)
    assert job.labour.amount == D("236.63")
    assert job.machine.amount == D("123.75")  # 90 + 33.75
    assert job.overhead.amount == D("112.00")  # 40 + 15 + 39 + 18
    assert job.materials.amount == D("43.30")  # 46.00 + 6.50 − 9.20
    assert job.other.amount == D("90.00")  # 65 + 25
    # total 236.625 + 123.75 + 112 + 43.30 + 90 = 605.675 → 605.68
    assert job.total.amount == D("605.68")
    # unit 605.675 ÷ 2 = 302.8375 → 302.84
    assert job.unit_cost.amount == D("302.84")
    assert job.labour_hours == D("8.00")  # 2.5 + 0.75 + 3.25 + 1.5
    assert job.machine_hours == D("2.75")
    assert job.by_category[CostCategory.MATERIALS] is job.materials


def test_job_totals_by_operation():
    cut, assemble = two_workstation_job().by_operation
    assert (cut.operation_key, cut.workstation_code) == ("10-cut", "CNC")
    # 80 + 22.50 = 102.50; 90 + 33.75 = 123.75; 40 + 15 = 55; total 281.25
    assert (cut.labour.amount, cut.machine.amount, cut.overhead.amount, cut.total.amount) == (
        D("102.50"), D("123.75"), D("55.00"), D("281.25"))
    assert (cut.labour_hours, cut.machine_hours) == (D("3.25"), D("2.75"))
    # 86.125 + 48 = 134.125 → 134.13; machine 0; overhead 39 + 18 = 57; total 191.125 → 191.13
    assert (assemble.labour.amount, assemble.machine.amount, assemble.overhead.amount, assemble.total.amount) == (
        D("134.13"), D("0.00"), D("57.00"), D("191.13"))


def test_every_figure_is_explained():
    job = two_workstation_job()
    explanations = [line.explanation for line in job.lines]
    assert "2.50 h × 32.00/h (operator Anna Kowalska)" in explanations
    assert "0.75 h × 30.00/h (workstation rate)" in explanations
    assert "3.25 h × 26.50/h (operator Ben Shaw)" in explanations
    assert "2.00 machine h × 45.00/h (CNC)" in explanations
    assert "2.00 machine h × 20.00/h overhead (CNC)" in explanations
    assert "3.25 h × 12.00/h overhead per labour hour (BENCH)" in explanations
    assert "returned 0.5 × 18.40 (Oak board)" in explanations
    assert "200 × 0.0325 (Screws 4×40)" in explanations
    assert "subcontract: powder coating" in explanations
    assert job.materials.explanation == "46.00 + 6.50 − 9.20"
    assert job.total.explanation == "labour 236.63 + machine 123.75 + overhead 112.00 + materials 43.30 + other 90.00"
    # the total adds the rounded categories: 605.68 (issue 9: totals add the rounded lines)
    assert job.unit_cost.explanation == "total 605.68 ÷ 2 unit(s)"
    amounts = {line.explanation: line.amount for line in job.lines}
    assert amounts["3.25 h × 26.50/h (operator Ben Shaw)"] == D("86.13")  # the line shown rounded, once


def test_percent_of_labour_overhead_and_totals_add_the_rounded_lines():
    # SPRAY: labour 27.35/h, overhead 50% of labour cost.
    # 0.1 h × 27.35 = 2.735 → 2.74; overhead 50% × 2.735 = 1.3675 → 1.37
    # Issue 9 changed the rule: the total adds the rounded lines, 2.74 + 1.37 = 4.11 (it was the
    # exact 4.1025 rounded once, 4.10, which printed a "Rounding −0.01" line under the categories)
    rates = CostRates(D("27.35"), D("0"), D("50"), OverheadBasis.PERCENT_OF_LABOUR)
    job = cost_job([TimeBooking("40-spray", "SPRAY", D("0.1"), D("0"), rates)], quantity=1)
    assert job.labour.amount == D("2.74")
    assert job.overhead.amount == D("1.37")
    assert job.overhead.explanation == "50.00% of labour 2.735 (SPRAY)"
    assert job.total.amount == D("4.11")
    assert job.total.explanation == "labour 2.74 + machine 0.00 + overhead 1.37 + materials 0.00 + other 0.00"


def test_half_up_at_the_minor_unit():
    # 1 h × 0.125 = 0.125 → 0.13 (half-up; banker's rounding would give 0.12)
    # 1 h × 0.135 = 0.135 → 0.14; the category adds the rounded lines: 0.13 + 0.14 = 0.27
    # (issue 9: it was the exact 0.26, which did not match the lines printed above it)
    job = cost_job([TimeBooking("a", "X", D("1"), D("0"), CostRates(D("0.125"))),
                    TimeBooking("b", "X", D("1"), D("0"), CostRates(D("0.135")))])
    assert [line.amount for line in job.lines if line.category is CostCategory.LABOUR] == [D("0.13"), D("0.14")]
    assert job.labour.amount == D("0.27")
    # a return rounds half away from zero: −0.5 × 0.01 = −0.005 → −0.01
    assert cost_job([], [MaterialCharge("washer", D("-0.5"), D("0.01"))]).materials.amount == D("-0.01")


def test_shop_default_overhead_for_a_workstation_without_one():
    # SAND has no overhead rate; the shop default is 15.00 per labour hour.
    # 2 h × 25.00 = 50.00 labour; overhead 2 × 15.00 = 30.00; total 80.00
    booking = TimeBooking("50-sand", "SAND", D("2"), D("0"), CostRates(D("25.00")))
    shop = OverheadRule(D("15.00"), OverheadBasis.PER_LABOUR_HOUR)
    job = cost_job([booking], shop_overhead=shop)
    assert job.overhead.amount == D("30.00")
    assert job.overhead.explanation == "2.00 h × 15.00/h overhead per labour hour (shop default)"
    assert job.total.amount == D("80.00")
    # With no default at all the overhead is nil, and says so.
    bare = cost_job([booking])
    assert (bare.overhead.amount, bare.overhead.explanation) == (D("0.00"), "no overhead rate set")


def test_a_workstation_rate_wins_over_the_shop_default():
    job = cost_job([TimeBooking("10-cut", "CNC", D("1"), D("1"), cnc())],
                   shop_overhead=OverheadRule(D("99"), OverheadBasis.PER_LABOUR_HOUR))
    assert job.overhead.amount == D("20.00")  # 1 machine h × 20.00, the CNC's own rate


def test_rate_change_after_booking_leaves_the_booking_cost_unchanged():
    workstation = {"labour": D("30.00"), "machine": D("45.00")}
    rates = CostRates(workstation["labour"], workstation["machine"], D("20.00"), OverheadBasis.PER_MACHINE_HOUR)
    booking = TimeBooking("10-cut", "CNC", D("2"), D("2"), rates)
    workstation["labour"], workstation["machine"] = D("40.00"), D("60.00")  # the rates go up next month
    # still 2 × 30 = 60 labour, 2 × 45 = 90 machine, 2 × 20 = 40 overhead: 190.00
    assert cost_job([booking]).total.amount == D("190.00")
    with pytest.raises(dataclasses.FrozenInstanceError):
        booking.rates.labour_rate = D("40.00")  # type: ignore[misc]
    # A snapshot taken with the shop default keeps that default even after the default changes.
    snap = CostRates(D("25.00")).with_shop_default(OverheadRule(D("15.00"), OverheadBasis.PER_LABOUR_HOUR))
    later = cost_job([TimeBooking("s", "SAND", D("2"), D("0"), snap)],
                     shop_overhead=OverheadRule(D("18.00"), OverheadBasis.PER_LABOUR_HOUR))
    assert later.overhead.amount == D("30.00")  # 2 × 15.00 as booked, not 2 × 18.00
    assert later.overhead.explanation.endswith("(shop default)")


def test_estimate_of_an_operation_counts_machine_time_as_labour_too():
    # (30 setup + 12 × 4 run) = 78 min = 1.3 h, both labour and machine at a machine workstation
    op = estimate_operation(D("30"), D("12"), 4, cnc(), True, operation_key="10-cut", workstation_code="CNC")
    assert op.planned_minutes == D("78")
    assert op.planned_hours == D("1.3")
    job = estimate_job([op], quantity=4)
    # labour 1.3 × 30 = 39.00; machine 1.3 × 45 = 58.50; overhead 1.3 × 20 = 26.00
    assert (job.labour.amount, job.machine.amount, job.overhead.amount) == (D("39.00"), D("58.50"), D("26.00"))
    assert job.labour.explanation == "1.30 h (30 + 4 × 12 min) × 30.00/h (workstation rate)"
    assert (job.labour_hours, job.machine_hours) == (D("1.30"), D("1.30"))


def test_estimate_of_a_job_with_manual_work_and_a_bill_of_materials():
    ops = [
        estimate_operation(D("30"), D("12"), 4, cnc(), True, operation_key="10-cut", workstation_code="CNC"),
        # (20 + 15 × 4) = 80 min = 4/3 h, labour only: 4/3 × 28 = 37.333…; overhead 4/3 × 12 = 16.00 exactly
        estimate_operation(D("20"), D("15"), 4, bench(), False, operation_key="20-assemble",
                           workstation_code="BENCH"),
    ]
    bom = [BomLine("Oak board", D("0.625"), D("18.40"))]  # 0.625 × 4 = 2.5 × 18.40 = 46.00
    job = estimate_job(ops, bom, [OtherCost("design time", "drawings", D("40.00"))], quantity=4)
    assert job.labour.amount == D("76.33")  # 39 + 37.333…
    assert job.machine.amount == D("58.50")  # the bench adds no machine time
    assert job.overhead.amount == D("42.00")  # 26 + 16
    assert job.materials.amount == D("46.00")
    assert job.other.amount == D("40.00")
    # 123.50 + 53.333… + 46 + 40 = 262.8333… → 262.83; unit 65.7083… → 65.71
    assert job.total.amount == D("262.83")
    assert job.unit_cost.amount == D("65.71")
    assert [o.total.amount for o in job.by_operation] == [D("123.50"), D("53.33")]
    assert job.labour_hours == D("2.63")  # 1.3 + 1.333…


def test_estimate_is_exact_at_a_half_penny():
    # 7 min at 32.10/h = 7 × 32.10 / 60 = 3.745 exactly → 3.75 (no drift from 7/60 not terminating)
    op = estimate_operation(D("7"), D("0"), 1, CostRates(D("32.10")), False, operation_key="x")
    assert estimate_job([op]).labour.amount == D("3.75")


def test_variance_per_category_and_per_operation():
    estimate = estimate_job([
        estimate_operation(D("30"), D("12"), 4, cnc(), True, operation_key="10-cut", workstation_code="CNC"),
        estimate_operation(D("20"), D("15"), 4, bench(), False, operation_key="20-assemble", workstation_code="BENCH"),
    ], [BomLine("Oak board", D("0.625"), D("18.40"))], [OtherCost("design time", "drawings", D("40.00"))], 4)
    actual = cost_job([
        TimeBooking("10-cut", "CNC", D("1.5"), D("1.5"), cnc()),  # 45 + 67.50 + 30 = 142.50
        TimeBooking("20-assemble", "BENCH", D("1.25"), D("0"), bench()),  # 35 + 15 = 50.00
        TimeBooking("30-rework", "BENCH", D("0.5"), D("0"), bench()),  # 14 + 6 = 20.00, not planned
    ], [MaterialCharge("Oak board", D("3"), D("18.40"))],  # 55.20
        [OtherCost("design time", "drawings", D("40.00"))], 4)
    v = variance(estimate, actual)
    rows = {line.key: (line.estimate, line.actual, line.variance, line.variance_pct) for line in v.by_category}
    assert rows == {
        "labour": (D("76.33"), D("94.00"), D("17.67"), D("23.15")),  # 17.67 / 76.33 = 23.1495 %
        "machine": (D("58.50"), D("67.50"), D("9.00"), D("15.38")),  # 9 / 58.5 = 15.3846 %
        "overhead": (D("42.00"), D("51.00"), D("9.00"), D("21.43")),  # 9 / 42 = 21.4286 %
        "materials": (D("46.00"), D("55.20"), D("9.20"), D("20.00")),
        "other": (D("40.00"), D("40.00"), D("0.00"), D("0.00")),
    }
    ops = {line.key: (line.variance, line.variance_pct) for line in v.by_operation}
    assert ops == {
        "10-cut": (D("19.00"), D("15.38")),  # 142.50 − 123.50; 19 / 123.5 = 15.3846 %
        "20-assemble": (D("-3.33"), D("-6.24")),  # 50.00 − 53.33; −3.33 / 53.33 = −6.2441 %
        "30-rework": (D("20.00"), None),  # nothing estimated: no percentage
    }
    # 307.70 − 262.83 = 44.87; 44.87 / 262.83 = 17.0719 %
    assert (v.total.variance, v.total.variance_pct) == (D("44.87"), D("17.07"))
    assert v.total.explanation == "actual 307.70 − estimate 262.83 = 44.87 (17.07% of the estimate)"


def test_form_text_is_accepted_and_cleaned():
    booking = TimeBooking("a", "X", "2.5", " 1,000 ", CostRates("30", "0"))  # type: ignore[arg-type]
    assert (booking.labour_hours, booking.machine_hours, booking.rates.labour_rate) == (D("2.5"), D("1000"), D("30"))


@pytest.mark.parametrize(
    ("make", "field"),
    [
        (lambda: TimeBooking("a", "X", D("-1"), D("0"), CostRates(D("30"))), "labour_hours"),
        (lambda: TimeBooking("a", "X", D("1"), "lots", CostRates(D("30"))), "machine_hours"),
        (lambda: TimeBooking("a", "X", D("1"), D("0"), None), "rates"),
        (lambda: CostRates(D("-30")), "labour_rate"),
        (lambda: CostRates(D("30"), D("0"), D("5")), "overhead_basis"),
        (lambda: CostRates(D("30"), D("0"), D("5"), "per_fortnight"), "overhead_basis"),
        (lambda: OverheadRule(D("-1"), OverheadBasis.PER_LABOUR_HOUR), "overhead_rate"),
        (lambda: MaterialCharge("oak", D("1"), D("-2")), "unit_cost"),
        (lambda: OtherCost("delivery", "van", D("-5")), "amount"),
        (lambda: estimate_operation(D("-5"), D("1"), 1, CostRates(D("1")), False), "setup_minutes"),
        (lambda: estimate_operation(D("5"), D("1"), 0, CostRates(D("1")), False), "quantity"),
        (lambda: cost_job([], quantity=0), "quantity"),
        (lambda: labour_rate_for(D("-1"), D("30")), "operator_rate"),
    ],
)
def test_bad_input_names_the_field(make, field):
    with pytest.raises(ValidationError) as caught:
        make()
    assert caught.value.field == field


def test_negative_hours_message_is_for_a_person():
    with pytest.raises(ValidationError, match="Labour hours cannot be negative"):
        TimeBooking("a", "X", D("-0.5"), D("0"), CostRates(D("30")))
