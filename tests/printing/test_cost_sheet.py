"""Cost sheet PDF: estimate vs actual by category and operation, margin, change orders, explanations."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest

from workshop.domain.money import format_money
from workshop.printing.cost_sheet import CostCategoryLine, CostOperationLine, CostSheetData, render_cost_sheet
from workshop.printing.document import PageSetup
from workshop.printing.money_text import percent, signed_money
from support.samples_business import sample_cost_sheet
from workshop.printing.text import format_date, format_quantity


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def gbp(x: D) -> str:
    return format_money(x, "GBP", "en_GB")


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_sample_cost_sheet_prints_every_figure_and_explanation(size, letterhead, pdf_text, pages_text):
    d = sample_cost_sheet()
    pdf = render_cost_sheet(d, letterhead, PageSetup(size))
    text = pdf_text(pdf)
    assert "J-2026-0042" in text and d.title in text and "The Old Rectory (Mr & Mrs Bennett)" in text
    assert "In progress" in text and "14 May 2026 17:30" in text and format_date(d.due_date) in text
    for c in (*d.categories, d.total):
        row = f"{c.category} {gbp(c.estimate)} {gbp(c.actual)} {signed_money(c.variance, 'GBP')} {percent(c.variance_pct, signed=True)}"
        assert row in text, row
        for note in (c.estimate_note, c.actual_note, c.variance_note):
            assert flat(note) in text
    assert "Labour £5,900.00 £6,144.00 +£244.00 +4.14%" in text
    assert "Other £3,600.00 £2,400.00 -£1,200.00 -33.33%" in text
    for op in d.operations:
        assert f"{op.op_number:03d} {op.name}" in text
        assert op.workstation in text
        figures = f"{format_quantity(op.planned_hours)} h {format_quantity(op.actual_hours)} h {gbp(op.planned_cost)} {gbp(op.actual_cost)}"
        assert figures in text, figures
        assert signed_money(op.variance, "GBP") in text
        assert flat(op.note) in text
    assert "Total 185 h 192 h £9,432.00 £9,902.25 +£470.25" in text
    assert gbp(d.price) == "£39,750.00" and "Price (budget) £39,750.00" in text
    assert f"Estimated margin {gbp(d.estimated_margin)} {percent(d.estimated_margin_pct)}" in text
    assert f"Margin on actual cost {gbp(d.margin)} {percent(d.margin_pct)}" in text
    for note in (d.price_note, d.estimated_margin_note, d.margin_note):
        assert flat(note) in text
    for co in d.change_orders:
        assert co.number in text and flat(co.description) in text and co.status in text
        assert signed_money(co.price_change, "GBP") in text and gbp(co.cost_change) in text
        assert flat(co.note) in text
    assert "+3 days: 26 May → 29 May 2026" in text and "9 Apr 2026" in text  # one date form (issue 9)
    pages = pages_text(pdf)
    assert f"Page {len(pages)} of {len(pages)}" in pages[-1]


def _cat(name, e, a, **kw):
    e, a = D(e), D(a)
    return CostCategoryLine(name, e, a, a - e, None if not e else ((a - e) * 100 / e).quantize(D("0.01")), **kw)


def _sheet(**changes) -> CostSheetData:
    cats = (_cat("Labour", "100.00", "150.00", estimate_note="0.1 <A", actual_note="Ø 25 mm ± 0.1"), _cat("Materials", "1134.50", "1084.50"))
    base = CostSheetData(
        job_number="J-2026-0099", title="Łódź <b>table</b>", customer="J&C <b>Ltd</b>", quantity=2, status="Released",
        as_of=datetime(2026, 6, 1, 8, 0), categories=cats, total=_cat("Total", "1234.50", "1234.50"),
        price=D("2000.00"), estimated_margin=D("765.50"), estimated_margin_pct=D("38.28"), margin=D("765.50"), margin_pct=D("38.28"),
    )
    return replace(base, **changes)


def test_user_text_prints_exactly_and_no_price_is_handled(letterhead, a4, pdf_text):
    text = pdf_text(render_cost_sheet(_sheet(), letterhead, a4))
    for needle in ("J&C <b>Ltd</b>", "Łódź <b>table</b>", "0.1 <A", "Ø 25 mm ± 0.1", "£1,234.50", "+£50.00", "+50.0%", "-£50.00", "-4.41%"):
        assert needle in text, needle
    text = pdf_text(render_cost_sheet(_sheet(price=None, margin=None, margin_pct=None, estimated_margin=None, estimated_margin_pct=None), letterhead, a4))
    assert "No price is set for this job yet" in text


def test_other_currency(letterhead, a4, pdf_text):
    text = pdf_text(render_cost_sheet(_sheet(currency="PLN", locale="pl_PL"), letterhead, a4))
    assert flat(format_money(D("1234.50"), "PLN", "pl_PL")) in text


def test_categories_must_add_up_to_the_total(letterhead, a4):
    with pytest.raises(ValueError, match="add up to £1,234.50, but the total estimate is £1,300.00"):
        render_cost_sheet(_sheet(total=_cat("Total", "1300.00", "1234.50")), letterhead, a4)


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_many_operations_flow_over_pages(size, letterhead, pages_text, pdf_text):
    ops = tuple(
        CostOperationLine(n * 10, f"Operation number {n}", "Joinery bench", D("2"), D("2.5"), D("88.00"), D("110.00"), D("22.00"), D("25.00"), "Done", f"How op {n} was costed")
        for n in range(1, 81)
    )
    pdf = render_cost_sheet(_sheet(operations=ops), letterhead, PageSetup(size))
    pages = pages_text(pdf)
    assert len(pages) >= 3
    for n, page in enumerate(pages, start=1):
        assert f"Page {n} of {len(pages)}" in page
    assert all("Planned cost" in flat(p) for p in pages if "Operation number" in p)
    text = pdf_text(pdf)
    for n in range(1, 81):
        assert f"{n * 10:03d} Operation number {n}" in text and f"How op {n} was costed" in text
    assert "Total 160 h 200 h £7,040.00 £8,800.00 +£1,760.00" in text


def test_six_digit_amounts_print_whole_in_every_column(letterhead, pdf_text, tmp_path):
    """Issue 9, item 5: columns fit their figures; "£246,536.70" never wraps to "£246,536.7" / "0"."""
    from workshop.printing.cost_sheet import CostChangeOrder, CostWorkstationLine

    # Labour: estimate 246,536.70, work done 184,902.53, actual 219,876.45: variance +34,973.92
    # (18.91…% → 18.91), rate +12,345.67 + usage +22,628.25 = 34,973.92
    labour = CostCategoryLine("Labour", D("246536.70"), D("219876.45"), D("34973.92"), D("18.91"),
                              work_done=D("184902.53"), rate_variance=D("12345.67"), usage_variance=D("22628.25"))
    # Materials: 358,210.40 estimated and done, 301,987.65 actual: −56,222.75 (−15.70%), all usage
    materials = CostCategoryLine("Materials", D("358210.40"), D("301987.65"), D("-56222.75"), D("-15.70"),
                                 work_done=D("358210.40"), rate_variance=D("0.00"), usage_variance=D("-56222.75"))
    # total: 246,536.70 + 358,210.40 = 604,747.10 estimated; 543,112.93 done; 521,864.10 actual
    total = CostCategoryLine("Total", D("604747.10"), D("521864.10"), D("-21248.83"), D("-3.91"),
                             work_done=D("543112.93"), rate_variance=D("12345.67"), usage_variance=D("-33594.50"))
    op = CostOperationLine(10, "Machine the frames", "CNC — CNC router", D("1234.5"), D("1300.25"), D("246536.70"),
                           D("219876.45"), D("34973.92"), D("18.91"), "Running", work_done=D("184902.53"))
    station = CostWorkstationLine("CNC — CNC router", D("123456.78"), D("98765.43"), D("24314.49"), D("358210.40"),
                                  D("604747.10"), D("521864.10"))
    change = CostChangeOrder("J-2026-0042 CO1", "A second run of frames", "Approved", D("-246536.70"),
                             D("198765.43"))
    data = replace(_sheet(categories=(labour, materials), total=total, operations=(op,), workstations=(station,),
                          change_orders=(change,), price=D("987654.32"), estimated_margin=D("382907.22"),
                          estimated_margin_pct=D("38.77"), margin=D("465790.22"), margin_pct=D("47.16")),
                   unit_cost_estimate=D("302373.55"), unit_cost_actual=D("260932.05"))
    pdf = render_cost_sheet(data, letterhead, PageSetup("A4"))
    (tmp_path / "six-digits.pdf").write_bytes(pdf)
    text = pdf_text(pdf)
    amounts = ["246536.70", "219876.45", "184902.53", "358210.40", "301987.65", "604747.10", "521864.10",
               "543112.93", "123456.78", "98765.43", "24314.49", "198765.43", "987654.32", "302373.55",
               "260932.05"]
    for amount in amounts:
        assert gbp(D(amount)) in text, amount
    for variance in ("34973.92", "12345.67", "22628.25", "-56222.75", "-21248.83", "-33594.50", "-246536.70"):
        assert signed_money(D(variance), "GBP") in text, variance
    # each category row reads across whole, column by column
    assert "Labour £246,536.70 £184,902.53 £219,876.45 +£34,973.92 +18.91% +£12,345.67 +£22,628.25" in text
    assert (f"{format_quantity(D('1234.5'))} h {format_quantity(D('1300.25'))} h £246,536.70 £184,902.53 "
            "£219,876.45 +£34,973.92 +18.91%") in text
