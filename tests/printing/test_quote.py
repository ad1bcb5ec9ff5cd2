"""Quote PDF: every line, figure and date from the data is on paper, user text prints exactly."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from workshop.domain.money import format_money
from workshop.printing.document import PageSetup
from workshop.printing.quote import QuoteData, QuoteLine, quote_label, render_quote
from support.samples_business import sample_quote
from workshop.printing.text import format_date


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_sample_quote_prints_every_line_figure_and_date(size, letterhead, pdf_text, pages_text):
    data = sample_quote()
    pdf = render_quote(data, letterhead, PageSetup(size))
    text = pdf_text(pdf)
    assert "Q-2026-0012 rev 2" in text
    assert "The Old Rectory (Mr & Mrs Bennett)" in text
    assert flat(data.customer_address) in text
    assert data.title in text
    assert data.customer_reference in text
    for line in data.lines:
        assert flat(line.description) in text
        assert line.category in text
        assert format_money(line.amount, "GBP", "en_GB") in text
    assert "£9,850.00" in text
    assert "Design fee £1,500.00" in text
    assert "Subtotal (excl. VAT) £38,500.00" in text
    assert "VAT at 20% £7,700.00" in text
    assert "Total price (incl. VAT) £46,200.00" in text
    assert format_date(data.quote_date) in text and format_date(data.valid_until) in text
    assert "valid until Wed 1 Apr 2026 (30 days" in text  # the one date form (issue 9)
    for paragraph in data.terms.split("\n\n"):
        assert flat(paragraph) in text
    assert flat(data.specification.split("\n\n")[0]) in text
    assert "SIGNATURE" in text and "I/We accept quotation Q-2026-0012 rev 2 for £46,200.00" in text
    pages = pages_text(pdf)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def test_quote_label():
    assert quote_label("Q-2026-0012", 1) == "Q-2026-0012"
    assert quote_label("Q-2026-0012", 2) == "Q-2026-0012 rev 2"


def _small_quote(**changes) -> QuoteData:
    base = QuoteData(
        number="Q-2026-0001", revision=1, quote_date=date(2026, 1, 5), valid_until=date(2026, 2, 4),
        customer_name="J&C <b>Ltd</b>", customer_address="ul. Piotrkowska 12\nŁódź",
        title="Table 0.1 <A", specification="Ø 25 mm ± 0.1 legs",
        lines=(QuoteLine("Oak table <i>top</i> & legs", "Tables", D("1234.50")),),
        net=D("1234.50"), tax_rate=D("20"), tax=D("246.90"), gross=D("1481.40"),
    )
    return replace(base, **changes)


def test_user_text_is_never_markup(letterhead, a4, pdf_text):
    text = pdf_text(render_quote(_small_quote(), letterhead, a4))
    for needle in ("J&C <b>Ltd</b>", "Łódź", "Table 0.1 <A", "Ø 25 mm ± 0.1 legs", "Oak table <i>top</i> & legs", "£1,234.50", "£1,481.40"):
        assert needle in text, needle
    assert "Q-2026-0001" in text and "rev" not in text.split("Q-2026-0001")[1][:5]


def test_currency_and_locale_come_from_the_data(letterhead, a4, pdf_text):
    data = _small_quote(currency="PLN", locale="pl_PL", tax_label="VAT", tax_rate=D("23"), tax=D("283.94"), gross=D("1518.44"))
    text = pdf_text(render_quote(data, letterhead, a4))
    assert flat(format_money(D("1234.50"), "PLN", "pl_PL")) in text
    assert flat(format_money(D("1518.44"), "PLN", "pl_PL")) in text
    assert "VAT at 23%" in text


def test_scope_without_prices_shows_one_price(letterhead, a4, pdf_text):
    data = _small_quote(show_line_prices=False, lines=(QuoteLine("Oak table", "Tables"), QuoteLine("Delivery", "Other")))
    text = pdf_text(render_quote(data, letterhead, a4))
    assert "Scope of work" in text and "Oak table" in text and "Delivery" in text
    assert "Amount" not in text
    assert "£1,481.40" in text


def test_figures_that_do_not_add_up_are_refused(letterhead, a4):
    with pytest.raises(ValueError, match="lines add up to £1,234.50"):
        render_quote(_small_quote(net=D("1300.00"), tax=D("260.00"), gross=D("1560.00")), letterhead, a4)
    with pytest.raises(ValueError, match="does not add up"):
        render_quote(_small_quote(gross=D("1481.41")), letterhead, a4)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_many_lines_flow_over_pages_with_repeated_headings(size, letterhead, pages_text, pdf_text):
    lines = tuple(QuoteLine(f"Drawer front no. {i} in oak, lipped, 2 mm radius on all arrises", "Cabinetry", D("10.00")) for i in range(1, 121))
    data = _small_quote(lines=lines, net=D("1200.00"), tax=D("240.00"), gross=D("1440.00"))
    pdf = render_quote(data, letterhead, PageSetup(size))
    pages = pages_text(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    table_pages = [p for p in pages if "Drawer front no." in p]
    assert len(table_pages) >= 2 and all("Description" in p and "Amount" in p for p in table_pages)
    text = pdf_text(pdf)
    for i in range(1, 121):
        assert f"Drawer front no. {i} in oak" in text
    assert "Total price (incl. VAT) £1,440.00" in text
