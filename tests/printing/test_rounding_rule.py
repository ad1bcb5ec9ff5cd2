"""Every money document states its rounding rule once, in plain words, and its figures obey it
(issue 9, item 3): the quote (priced as a whole, tax on the subtotal) and the cost sheet (lines
rounded once, totals add the rounded lines)."""

from __future__ import annotations

from decimal import Decimal as D

from workshop.documents.cost_sheet import cost_sheet_pdf
from workshop.documents.quote import quote_data, quote_pdf
from workshop.domain.money import line_rounding_rule, tax_rounding_rule
from workshop.services import briefs, bookings, jobs, quotes, routing

QUOTE_RULE = ("Prices are rounded to the nearest penny (half up); VAT is worked out once, on the subtotal, and "
              "rounded the same way.")
COST_RULE = "Amounts are rounded to the nearest penny (half up) once, on each line; totals add the rounded lines."


def test_the_rules_in_plain_words():
    assert tax_rounding_rule("GBP", "VAT") == QUOTE_RULE
    assert line_rounding_rule("GBP") == COST_RULE
    assert line_rounding_rule("EUR").startswith("Amounts are rounded to the nearest cent (half up)")
    assert line_rounding_rule("CHF").startswith("Amounts are rounded to the nearest 0.01 CHF (half up)")


def test_the_quote_states_its_rule_once_and_its_figures_obey_it(db, shop, pdf_text):
    brief = briefs.create_brief(db, customer_id=shop.customer.id, title="Hall table")
    q = quotes.create_quote(db, brief.id, lines=[("labour", "Making", "333.33")], contingency_pct="7.5",
                            markup_pct="12.5", design_fee="10.01")
    # contingency 333.33 × 7.5% = 24.99975 → 25.00; markup 12.5% of 358.33 = 44.79125 → 44.79
    # price 333.33 + 25.00 + 44.79 + 10.01 = 413.13; VAT 20% of 413.13 = 82.626 → 82.63; total 495.76
    assert (q.price, q.tax, q.total) == (D("413.13"), D("82.63"), D("495.76"))
    p = q.pricing
    assert p.cost.amount + p.contingency.amount + p.markup.amount + p.design_fee.amount == p.price.amount
    text = pdf_text(quote_pdf(db, q.id))
    assert text.count(QUOTE_RULE) == 1
    assert "Rounding" not in text and "£413.13" in text and "£82.63" in text and "£495.76" in text
    data = quote_data(db, q.id)
    assert data.net + data.tax == data.gross


def test_the_cost_sheet_states_its_rule_once(db, shop, pdf_text):
    routing.apply_template(db, shop.job.id, shop.template.id)
    for action in ("release", "start"):
        jobs.change_status(db, shop.job.id, action)
    op = routing.list_operations(db, shop.job.id)[1]  # the bench
    bookings.log_time(db, op.id, shop.tom.id, minutes="20")  # 8.67 labour + 2.17 overhead = 10.84
    text = pdf_text(cost_sheet_pdf(db, shop.job.id))
    assert text.count(COST_RULE) == 1 and "Rounding" not in text and "£10.84" in text
