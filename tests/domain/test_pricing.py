"""Quote pricing, tax and change orders, checked against worked examples done by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.pricing import QuoteCostLine, apply_change, price_quote, tax_on


def test_contingency_then_markup():
    # cost 1,200.00 + 350.00 = 1,550.00; contingency 10% = 155.00; base 1,705.00
    # markup 25% of 1,705.00 = 426.25; price 2,131.25
    # margin = price − cost (issue 9: the contingency is part of it, shown on its own):
    # 2,131.25 − 1,550.00 = 581.25; 581.25 / 2,131.25 = 27.2727…% → 27.27
    # if the contingency is all spent: 581.25 − 155.00 = 426.25; 426.25 / 2,131.25 = 20.00%
    q = price_quote([QuoteCostLine("workshop", D("1200.00")), QuoteCostLine("upholstery", D("350.00"))],
                    contingency_pct=D("10"), markup_pct=D("25"))
    assert q.cost.amount == D("1550.00")
    assert q.contingency.amount == D("155.00")
    assert q.markup.amount == D("426.25")
    assert q.price.amount == D("2131.25")
    assert q.margin.amount == D("581.25")
    assert q.margin_pct.amount == D("27.27")
    assert (q.margin_after_contingency.amount, q.margin_after_contingency_pct) == (D("426.25"), D("20.00"))
    assert (q.method, q.markup_pct) == ("markup", D("25"))
    assert q.cost.explanation == "workshop 1,200.00 + upholstery 350.00"
    assert q.contingency.explanation == "10.00% of cost 1,550.00"
    assert q.markup.explanation == "25.00% markup on 1,705.00"
    assert q.margin_pct.explanation == "margin 581.25 ÷ price 2,131.25 × 100"
    assert q.margin.explanation == "price 2,131.25 − cost 1,550.00, of which contingency 155.00"


def test_target_margin():
    # cost 1,000.00; contingency 5% = 50.00; base 1,050.00
    # price = 1,050 / (1 − 0.30) = 1,500.00; markup 450.00
    # margin = price − cost = 500.00 (33.33%); the target is the margin kept if the contingency is
    # all spent: 500 − 50 = 450.00, 450 / 1,500 = 30.00%
    # the markup this works out to: 450 / 1,050 = 42.857…% → 42.86
    q = price_quote([D("1000.00")], contingency_pct=D("5"), target_margin_pct=D("30"))
    assert (q.cost.amount, q.contingency.amount, q.markup.amount) == (D("1000.00"), D("50.00"), D("450.00"))
    assert (q.price.amount, q.margin.amount, q.margin_pct.amount) == (D("1500.00"), D("500.00"), D("33.33"))
    assert (q.margin_after_contingency.amount, q.margin_after_contingency_pct) == (D("450.00"), D("30.00"))
    assert (q.method, q.markup_pct) == ("target_margin", D("42.86"))


def test_target_margin_that_does_not_divide_evenly_is_rounded_at_each_step():
    # markup 100 / 0.65 − 100 = 53.846153… → 53.85; price adds the rounded steps: 100 + 53.85 = 153.85
    # margin 53.85; 53.85 / 153.85 = 35.0016…% → 35.00
    q = price_quote([D("100")], target_margin_pct="35")
    assert (q.price.amount, q.markup.amount, q.margin.amount) == (D("153.85"), D("53.85"), D("53.85"))
    assert q.margin_pct.amount == D("35.00")


def test_half_up_at_the_minor_unit():
    # 10.03 × 1.5 = 15.045 → 15.05 (half-up; banker's rounding gives 15.04); markup 5.015 → 5.02
    q = price_quote([D("10.03")], markup_pct=D("50"))
    assert (q.price.amount, q.markup.amount) == (D("15.05"), D("5.02"))


def test_contingency_is_taken_on_the_total_not_per_line():
    # 10% of (10.05 + 10.05) = 2.01; per line it would be 1.005 → 1.01 twice = 2.02
    q = price_quote([D("10.05"), D("10.05")], contingency_pct=D("10"), markup_pct=D("0"))
    assert q.contingency.amount == D("2.01")
    assert q.price.amount == D("22.11")  # 20.10 + 2.01


def test_design_fee_is_charged_as_it_is_and_counts_in_the_margin():
    # cost 1,000.00, markup 20% = 200.00 → 1,200.00, + design fee 150.00 = 1,350.00
    # margin 1,350 − 1,000 = 350.00; 350 / 1,350 = 25.9259…% → 25.93
    q = price_quote([D("1000")], contingency_pct=0, markup_pct=20, design_fee=D("150"))
    assert (q.design_fee.amount, q.price.amount, q.margin.amount) == (D("150.00"), D("1350.00"), D("350.00"))
    assert q.margin_pct.amount == D("25.93")
    assert q.price.explanation == "cost 1,000.00 + contingency 0.00 + markup 200.00 + design fee 150.00"
    assert "includes the design fee" in q.margin.explanation


def test_a_quote_with_no_costs_prices_at_zero():
    q = price_quote([], markup_pct=D("25"))
    assert (q.price.amount, q.margin_pct.amount, q.cost.explanation) == (D("0.00"), D("0.00"), "no costs")


@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        (dict(markup_pct="abc"), "markup_pct", "Markup must be a number, not “abc”."),
        (dict(markup_pct=D("-5")), "markup_pct", "Markup cannot be negative."),
        (dict(target_margin_pct=D("100")), "target_margin_pct", "Target margin must be less than 100%."),
        (dict(target_margin_pct=D("120")), "target_margin_pct", "Target margin must be less than 100%."),
        (dict(target_margin_pct=D("-1")), "target_margin_pct", "Target margin cannot be negative."),
        (dict(), "markup_pct", "Give either a markup or a target margin, not both or neither."),
        (dict(markup_pct=1, target_margin_pct=1), "markup_pct",
         "Give either a markup or a target margin, not both or neither."),
        (dict(markup_pct=1, contingency_pct=D("-10")), "contingency_pct", "Contingency cannot be negative."),
        (dict(markup_pct=1, design_fee=D("-1")), "design_fee", "Design fee cannot be negative."),
    ],
)
def test_bad_quote_input_names_the_field(kwargs, field, message):
    with pytest.raises(ValidationError) as caught:
        price_quote([D("100")], **kwargs)
    assert (caught.value.field, caught.value.message) == (field, message)


def test_a_negative_cost_line_is_refused():
    with pytest.raises(ValidationError) as caught:
        price_quote([D("100"), D("-5")], markup_pct=10)
    assert caught.value.field == "cost_lines"


def test_tax_on_a_document_total():
    assert tax_on(D("100.00"), D("20")) == D("20.00")
    # 99.99 × 17.5% = 17.49825 → 17.50
    assert tax_on(D("99.99"), D("17.5")) == D("17.50")
    # 0.10 × 5% = 0.005 → 0.01 (half-up); on a total of 0.30: 0.015 → 0.02, not 3 × 0.01 = 0.03
    assert tax_on(D("0.10"), D("5")) == D("0.01")
    assert tax_on(D("0.30"), D("5")) == D("0.02")
    # a credit: −0.10 × 5% = −0.005 → −0.01 (half away from zero)
    assert tax_on(D("-0.10"), D("5")) == D("-0.01")
    assert tax_on(D("123.45"), 0) == D("0.00")


@pytest.mark.parametrize(("net", "rate", "field"), [("x", 20, "net"), (D("10"), D("-1"), "rate_pct"),
                                                     (D("10"), "twenty", "rate_pct"), (D("10"), 101, "rate_pct")])
def test_bad_tax_input(net, rate, field):
    with pytest.raises(ValidationError) as caught:
        tax_on(net, rate)
    assert caught.value.field == field


def test_change_order_that_keeps_the_due_date_says_so():
    # one day, and none: "+1 day", never "+0 day(s)"; the date as the shop writes it (issue 10)
    assert apply_change(D("100"), dt.date(2026, 3, 2), D("0"), 1).due_date_explanation == "2 Mar 2026 +1 day"
    assert apply_change(D("100"), dt.date(2026, 3, 2), D("0"), 0).due_date_explanation == "2 Mar 2026, unchanged"
    assert apply_change(D("100"), dt.date(2026, 3, 2), D("0"), 0,
                        locale="de_DE").due_date_explanation == "02.03.2026, unchanged"


def test_change_order_moves_budget_and_due_date():
    # 2,131.25 + 250.00 = 2,381.25; 2 March 2026 + 5 days = 7 March
    out = apply_change(D("2131.25"), dt.date(2026, 3, 2), D("250.00"), 5)
    assert (out.budget, out.due_date) == (D("2381.25"), dt.date(2026, 3, 7))
    assert out.budget_explanation == "2,131.25 + 250.00 (change order)"
    assert out.due_date_explanation == "2 Mar 2026 +5 days"  # was "+5 day(s)" (issue 9, item 20)
    # a reduction: 2,131.25 − 131.25 = 2,000.00; 2 March − 3 days = 27 February (2026 is no leap year)
    out = apply_change(D("2131.25"), dt.date(2026, 3, 2), D("-131.25"), -3)
    assert (out.budget, out.due_date) == (D("2000.00"), dt.date(2026, 2, 27))
    assert out.budget_explanation == "2,131.25 − 131.25 (change order)"


def test_change_order_without_a_due_date_keeps_none():
    out = apply_change(D("500"), None, D("0.005"), 10)
    assert (out.budget, out.due_date) == (D("500.01"), None)  # 500.005 → 500.01, rounded once


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ((D("100"), None, D("-100.01"), 0), "price_change"),
        ((D("-1"), None, D("0"), 0), "budget"),
        ((D("100"), None, "ten", 0), "price_change"),
        ((D("100"), dt.date(2026, 1, 1), D("0"), "3"), "days_delta"),
        ((D("100"), dt.date(2026, 1, 1), D("0"), 10**7), "days_delta"),
    ],
)
def test_bad_change_order_input(args, field):
    with pytest.raises(ValidationError) as caught:
        apply_change(*args)
    assert caught.value.field == field
