"""The EN 16931 rules checked before issuing: a good invoice passes; each hand-broken one names its
rule and field."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal as D

import pytest

from workshop.domain.einvoice_rules import EInvoiceFacts, Party, StatedLine, br_co_breaches, facts_from
from workshop.domain.invoicing import LineInput, TaxCategory, TaxSubtotal, invoice_totals

S, R, Z, E, AE = (TaxCategory.STANDARD, TaxCategory.REDUCED, TaxCategory.ZERO, TaxCategory.EXEMPT,
                  TaxCategory.REVERSE_CHARGE)
SELLER = Party(name="Oak & Iron Ltd", country="GB", address=("Unit 4, Mill Lane", "Leeds LS1 4AB"),
               tax_number="GB123456789")
BUYER = Party(name="J&C <b>Ltd</b>", country="PL", address=("ul. Piotrkowska 1", "90-001 Łódź"),
              tax_number="PL1234567890")


def good_facts() -> EInvoiceFacts:
    lines = [
        LineInput(description="Oak kitchen", quantity=D("1"), unit="job", unit_price=D("1000.00"),
                  category=S, rate=D("20")),
        LineInput(description="Fitting", quantity=D("7.5"), unit="h", unit_price=D("42.10"), discount=D("5"),
                  category=S, rate=D("20")),
        LineInput(description="Energy-saving lights", quantity=D("3"), unit="each", unit_price=D("12.99"),
                  category=R, rate=D("5")),
        LineInput(description="Export crate", quantity=D("1"), unit="each", unit_price=D("80"),
                  category=AE, rate=D("0"), exemption_reason="Reverse charge"),
    ]
    # 20%: 1,000.00 + (7.5 × 42.10 = 315.75 − 5.00 = 310.75) = 1,310.75; tax 262.15
    # 5%: 3 × 12.99 = 38.97; tax 1.9485 → 1.95. Reverse charge: 80.00, tax 0.
    # Net 1,429.72; tax 264.10; gross 1,693.82; paid 500.00; due 1,193.82.
    totals = invoice_totals(lines, paid=D("500"))
    assert (totals.net, totals.tax, totals.gross, totals.due) == (D("1429.72"), D("264.10"), D("1693.82"),
                                                                  D("1193.82"))
    return facts_from(lines, totals, number="INV-2027-0003", issue_date=dt.date(2027, 3, 1), currency="GBP",
                      seller=SELLER, buyer=BUYER)


def test_facts_state_our_figures_and_pass_every_rule():
    facts = good_facts()
    assert facts.lines == (StatedLine(D("1000.00"), S, D("20")), StatedLine(D("310.75"), S, D("20")),
                           StatedLine(D("38.97"), R, D("5")), StatedLine(D("80.00"), AE, D("0")))
    assert (facts.line_total, facts.total_without_tax, facts.tax_total, facts.total_with_tax, facts.paid,
            facts.due) == (D("1429.72"), D("1429.72"), D("264.10"), D("1693.82"), D("500.00"), D("1193.82"))
    assert br_co_breaches(facts) == []


def only_breach(facts: EInvoiceFacts):
    breaches = br_co_breaches(facts)
    assert len(breaches) == 1, breaches
    return breaches[0]


@pytest.mark.parametrize("change, rule, field, words", [
    # Each change keeps the figures that follow from it consistent, so that one rule alone fires.
    # BT-106 stated 1,429.73; the lines add up to 1,429.72
    ({"line_total": D("1429.73")}, "BR-CO-10", "line_total", "States 1429.73, should be 1429.72."),
    # BT-109 stated 1,429.00 (BT-112 1,429.00 + 264.10 = 1,693.10, BT-115 1,693.10 − 500.00 = 1,193.10)
    ({"total_without_tax": D("1429.00"), "total_with_tax": D("1693.10"), "due": D("1193.10")},
     "BR-CO-13", "total_without_tax", "States 1429.00, should be 1429.72."),
    # BT-110 stated 264.11, but 262.15 + 1.95 + 0.00 = 264.10 (BT-112 1,693.83, BT-115 1,193.83)
    ({"tax_total": D("264.11"), "total_with_tax": D("1693.83"), "due": D("1193.83")},
     "BR-CO-14", "tax_total", "States 264.11, should be 264.10."),
    # BT-112 stated 1,693.72, but 1,429.72 + 264.10 = 1,693.82 (BT-115 1,693.72 − 500.00 = 1,193.72)
    ({"total_with_tax": D("1693.72"), "due": D("1193.72")},
     "BR-CO-15", "total_with_tax", "States 1693.72, should be 1693.82."),
    # BT-115 stated 1,693.82 (paid forgotten): 1,693.82 − 500.00 = 1,193.82
    ({"due": D("1693.82")}, "BR-CO-16", "due", "States 1693.82, should be 1193.82."),
    ({"number": " "}, "BR-02", "number", "Invoice number (BT-1)"),
    ({"issue_date": None}, "BR-03", "issue_date", "Invoice issue date (BT-2)"),
    ({"currency": ""}, "BR-05", "currency", "Invoice currency code (BT-5)"),
    ({"seller": replace(SELLER, name="")}, "BR-06", "seller.name", "Seller name (BT-27)"),
    ({"buyer": replace(BUYER, name="")}, "BR-07", "buyer.name", "Buyer name (BT-44)"),
    ({"seller": replace(SELLER, address=("", " "))}, "BR-08", "seller.address", "Seller postal address (BG-5)"),
    ({"seller": replace(SELLER, country="")}, "BR-09", "seller.country", "Seller country code (BT-40)"),
    ({"buyer": replace(BUYER, address=())}, "BR-10", "buyer.address", "Buyer postal address (BG-8)"),
    ({"buyer": replace(BUYER, country="")}, "BR-11", "buyer.country", "Buyer country code (BT-55)"),
    ({"buyer": replace(BUYER, tax_number="")}, "BR-AE-02", "buyer.tax_number", "Buyer VAT identifier (BT-48)"),
])
def test_hand_broken_invoice_names_rule_and_field(change, rule, field, words):
    breach = only_breach(replace(good_facts(), **change))
    assert (breach.rule, breach.field) == (rule, field)
    assert words in breach.message


def test_wrong_group_tax_breaks_br_co_17():
    facts = good_facts()
    # The 20% group's tax stated a penny high, the totals kept consistent with it so that only BR-CO-17 fires:
    # 1,310.75 × 20% = 262.15, stated 262.16 (BT-110 264.11, BT-112 1,693.83, BT-115 1,193.83).
    standard = facts.subtotals[0]
    broken = replace(facts, subtotals=(replace(standard, tax=D("262.16")), *facts.subtotals[1:]),
                     tax_total=D("264.11"), total_with_tax=D("1693.83"), due=D("1193.83"))
    breach = only_breach(broken)
    assert (breach.rule, breach.field) == ("BR-CO-17", "subtotals[0].tax")
    assert "States 262.16, should be 262.15 (1310.75 \u00d7 20%)." in breach.message


def test_group_taxable_not_its_lines_and_reasons_and_rates():
    facts = good_facts()
    reduced = facts.subtotals[1]
    # the 5% group says 39.00 taxable (tax 1.95 still right for BR-CO-17: 39.00 × 5% = 1.95)
    breach = only_breach(replace(facts, subtotals=(facts.subtotals[0], replace(reduced, taxable=D("39.00")),
                                                   facts.subtotals[2])))
    assert (breach.rule, breach.field) == ("BR-S-08", "subtotals[1].taxable")
    assert "States 39.00, the lines add up to 38.97." in breach.message
    reverse = facts.subtotals[2]
    breach = only_breach(replace(facts, subtotals=(*facts.subtotals[:2], replace(reverse, exemption_reason=""))))
    assert (breach.rule, breach.field) == ("BR-AE-10", "subtotals[2].exemption_reason")
    breach = only_breach(replace(facts, subtotals=(replace(facts.subtotals[0], exemption_reason="Why not"),
                                                   *facts.subtotals[1:])))
    assert (breach.rule, breach.field) == ("BR-S-10", "subtotals[0].exemption_reason")
    assert "shall not have a VAT exemption reason" in breach.message
    lines = (*facts.lines[:3], StatedLine(D("80.00"), AE, D("20")))
    assert [(b.rule, b.field) for b in br_co_breaches(replace(facts, lines=lines))] == [
        ("BR-AE-05", "lines[3].rate")]


def test_exempt_and_zero_groups_carry_no_tax_and_seller_needs_vat_id():
    facts = EInvoiceFacts(
        number="INV-2027-0004", issue_date=dt.date(2027, 3, 2), currency="EUR", seller=replace(SELLER, tax_number=""),
        buyer=BUYER, lines=(StatedLine(D("50.00"), E, D("0")), StatedLine(D("10.00"), Z, D("0"))),
        subtotals=(TaxSubtotal(Z, D("0"), D("10.00"), D("0.00"), ""),
                   TaxSubtotal(E, D("0"), D("50.00"), D("2.00"), "Education")),
        line_total=D("60.00"), total_without_tax=D("60.00"), tax_total=D("2.00"), total_with_tax=D("62.00"),
        paid=D("0"), due=D("62.00"))
    # 50.00 × 0% = 0.00, so the stated 2.00 breaks BR-CO-17 and BR-E-09; no seller VAT id breaks BR-Z-02, BR-E-02.
    assert [(b.rule, b.field) for b in br_co_breaches(facts)] == [
        ("BR-CO-17", "subtotals[1].tax"), ("BR-Z-02", "seller.tax_number"), ("BR-E-02", "seller.tax_number"),
        ("BR-E-09", "subtotals[1].tax")]


def test_no_lines_no_tax_groups():
    facts = replace(good_facts(), lines=(), subtotals=(), line_total=D("0"), total_without_tax=D("0"),
                    tax_total=D("0"), total_with_tax=D("0"), paid=D("0"), due=D("0"))
    assert [(b.rule, b.field) for b in br_co_breaches(facts)] == [("BR-16", "lines"), ("BR-CO-18", "subtotals")]
