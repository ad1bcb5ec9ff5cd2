"""Invoice lines, tax per category and rate, and totals (EN 16931), every figure worked by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from workshop.domain.errors import ValidationError
from workshop.domain.invoicing import (
    RULE_TEXT,
    InvoiceKind,
    LineInput,
    TaxCategory,
    TaxSubtotal,
    check_lines,
    invoice_totals,
    line_net,
)

S, R, Z, E, AE = (TaxCategory.STANDARD, TaxCategory.REDUCED, TaxCategory.ZERO, TaxCategory.EXEMPT,
                  TaxCategory.REVERSE_CHARGE)


def line(description="Oak worktop", quantity="1", unit_price="0", *, discount="0", category=S, rate="20",
         reason="", unit="each", deduction=False) -> LineInput:
    return LineInput(description=description, quantity=D(quantity), unit=unit, unit_price=D(unit_price),
                     discount=D(discount), category=category, rate=D(rate), exemption_reason=reason,
                     deduction=deduction)


def test_category_codes_are_uncl5305():
    assert [c.code for c in TaxCategory] == ["S", "S", "Z", "E", "AE"]
    assert [c.value for c in TaxCategory] == ["standard", "reduced", "zero", "exempt", "reverse_charge"]
    assert [k.value for k in InvoiceKind] == ["deposit", "progress", "final", "manual", "credit_note"]


def test_line_net_rounds_once_half_up():
    # 3 × 0.333 = 0.999 → 1.00
    assert line_net(line(quantity="3", unit_price="0.333")) == D("1.00")
    # 1.5 × 2.335 = 3.5025 → 3.50 (the third decimal is 0)
    assert line_net(line(quantity="1.5", unit_price="2.335")) == D("3.50")
    # 1 × 2.345 = 2.345 → 2.35 (half up, not to even)
    assert line_net(line(quantity="1", unit_price="2.345")) == D("2.35")
    # 4 × 25.00 − 12.50 discount = 87.50
    assert line_net(line(quantity="4", unit_price="25.00", discount="12.50")) == D("87.50")
    # a deduction: −1 × 100.005 = −100.005 → −100.01 (half away from zero)
    assert line_net(line(quantity="-1", unit_price="100.005", deduction=True)) == D("-100.01")
    # yen have no minor unit: 3 × 333.5 = 1,000.5 → 1,001
    assert line_net(line(quantity="3", unit_price="333.5"), exponent=0) == D("1001")


def test_mixed_rates_taxed_per_category_not_per_line():
    lines = [
        # standard 20%: three lines of 3 × 0.41 = 1.23 each
        line("Hinges", "3", "0.41"), line("Screws", "3", "0.41"), line("Plugs", "3", "0.41"),
        # reduced 5%: 2.10 and 0.30
        line("Energy-saving fitting", "1", "2.10", category=R, rate="5"),
        line("Insulation strip", "1", "0.30", category=R, rate="5"),
        # zero-rated: 10.00; exempt: 50.00
        line("Children's safety guard", "2", "5.00", category=Z, rate="0"),
        line("Training course", "1", "50.00", category=E, rate="0", reason="Education, VAT Act 1994 Sch 9 Grp 6"),
    ]
    # Per line, 20%: 1.23 × 0.20 = 0.246 → 0.25 each, 0.75 for three.
    # Per category: 1.23 × 3 = 3.69; 3.69 × 0.20 = 0.738 → 0.74.        (differs by 0.01)
    # Per line, 5%: 2.10 × 0.05 = 0.105 → 0.11; 0.30 × 0.05 = 0.015 → 0.02; 0.13 in all.
    # Per category: 2.40 × 0.05 = 0.12.                                     (differs by 0.01)
    # Zero and exempt: tax 0.00.
    # Net 3.69 + 2.40 + 10.00 + 50.00 = 66.09; tax 0.74 + 0.12 = 0.86; gross 66.95.
    totals = invoice_totals(lines, paid=D("20"))
    assert totals.subtotals == (
        TaxSubtotal(S, D("20"), D("3.69"), D("0.74"), ""),
        TaxSubtotal(R, D("5"), D("2.40"), D("0.12"), ""),
        TaxSubtotal(Z, D("0"), D("10.00"), D("0.00"), ""),
        TaxSubtotal(E, D("0"), D("50.00"), D("0.00"), "Education, VAT Act 1994 Sch 9 Grp 6"),
    )
    assert (totals.net, totals.tax, totals.gross) == (D("66.09"), D("0.86"), D("66.95"))
    # paid 20.00, so due 66.95 − 20.00 = 46.95
    assert (totals.paid, totals.due) == (D("20.00"), D("46.95"))


def test_same_rate_written_two_ways_is_one_group_and_rates_sort_high_first():
    lines = [line("Paint", "1", "10.00", category=R, rate="5"), line("Door", "1", "100.00", rate="20.00"),
             line("Frame", "1", "0.05", rate="20")]
    # 20%: 100.00 + 0.05 = 100.05; × 0.20 = 20.01. 5%: 10.00 × 0.05 = 0.50.
    totals = invoice_totals(lines)
    assert [(s.category, s.rate, s.taxable, s.tax) for s in totals.subtotals] == [
        (S, D("20"), D("100.05"), D("20.01")), (R, D("5"), D("10.00"), D("0.50"))]
    assert (totals.net, totals.tax, totals.gross, totals.due) == (D("110.05"), D("20.51"), D("130.56"), D("130.56"))


def test_final_invoice_with_deduction_and_reverse_charge_in_yen():
    lines = [line("Contract", "1", "100000", rate="10"),
             line("Less deposit invoice INV-2027-0001", "-1", "30000", rate="10", deduction=True),
             line("Export crating", "1", "1234", category=AE, rate="0", reason="Reverse charge")]
    # 10%: 100,000 − 30,000 = 70,000; tax 7,000. Reverse charge: 1,234, tax 0.
    # Net 71,234; gross 78,234.
    totals = invoice_totals(lines, exponent=0)
    assert [(s.category, s.taxable, s.tax, s.exemption_reason) for s in totals.subtotals] == [
        (S, D("70000"), D("7000"), ""), (AE, D("1234"), D("0"), "Reverse charge")]
    assert (totals.net, totals.tax, totals.gross) == (D("71234"), D("7000"), D("78234"))


def test_rule_text_says_the_rule():
    assert "once per rate" in RULE_TEXT and "never line by line" in RULE_TEXT


def test_good_lines_pass():
    check_lines([line("Oak table", "1", "1200"), line("Less deposit invoice INV-2027-0001", "-1", "360",
                                                          deduction=True)])
    check_lines([line("Refund of hinge", "-2", "0.41")], credit_note=True)


def refusal(lines, **kwargs) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check_lines(lines, **kwargs)
    return caught.value


@pytest.mark.parametrize("bad, field, words", [
    (line(description="  "), "lines[1].description", "Line 2: a description is required."),
    (line(description="x" * 501), "lines[1].description", "Line 2: the description is too long (501 characters"),
    (line(unit=" "), "lines[1].unit", "Line 2: a unit is required (EN 16931 BR-23)"),
    (line(quantity="-1", unit_price="5"), "lines[1].quantity", "Line 2: a negative quantity is only for"),
    (line(quantity="1", unit_price="-5", deduction=True), "lines[1].unit_price",
     "Line 2: a unit price cannot be negative (EN 16931 BR-27); take an amount off with a negative quantity."),
    (line(quantity="1", unit_price="5", discount="-1"), "lines[1].discount", "Line 2: a discount cannot be"),
    (line(quantity="2", unit_price="5", discount="10.01"), "lines[1].discount",
     "Line 2: the discount (10.01) is more than the line's amount (10)"),
    (line(quantity="-1", unit_price="5", discount="1", deduction=True), "lines[1].discount",
     "Line 2: a line of no or negative amount takes no discount."),
    (line(rate="0"), "lines[1].rate", "Line 2: a standard line needs a tax rate above 0%"),
    (line(category=R, rate="100.5"), "lines[1].rate", "Line 2: a reduced line needs a tax rate above 0%"),
    (line(category=Z, rate="5"), "lines[1].rate", "Line 2: a zero-rated line has a tax rate of 0%, not 5%."),
    (line(category=E, rate="20", reason="Insurance"), "lines[1].rate",
     "Line 2: an exempt line has a tax rate of 0%, not 20%."),
    (line(category=E, rate="0"), "lines[1].exemption_reason", "Line 2: an exempt line needs the reason"),
    (line(category=AE, rate="0"), "lines[1].exemption_reason", "Line 2: a reverse-charge line needs the reason"),
    (line(reason="Because"), "lines[1].exemption_reason", "Line 2: only an exempt or reverse-charge line"),
])
def test_bad_line_names_line_and_field(bad, field, words):
    error = refusal([line("Good", "1", "10"), bad])
    assert error.field == field
    assert error.message.startswith(words)


def test_amounts_must_be_exact_numbers():
    bad = LineInput(description="Shelf", quantity=1.5, unit="m", unit_price=D("3"), category=S, rate=D("20"))
    error = refusal([bad])
    assert (error.field, error.message) == ("lines[0].quantity",
                                            "Line 1: the quantity must be an exact number (Decimal), not float.")
    bad = LineInput(description="Shelf", quantity=D(1), unit="m", unit_price="3", category=S, rate=D("20"))
    assert refusal([bad]).field == "lines[0].unit_price"


def test_no_lines_and_unknown_category_and_two_exemption_reasons():
    error = refusal([])
    assert (error.field, error.message) == ("lines", "An invoice needs at least one line.")
    assert refusal([line(category="luxury")]).message == "Line 1: unknown tax category \u201cluxury\u201d."
    error = refusal([line(category=E, rate="0", reason="Insurance"), line(category=E, rate="0", reason="Finance")])
    assert error.field == "lines[1].exemption_reason"
    assert error.message == ("Line 2: every exempt line gives the same exemption reason "
                             "(line 1 says \u201cInsurance\u201d).")
