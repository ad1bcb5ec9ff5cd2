"""The printed cost sheet shows the materials each operation uses and the estimate by workstation
(department), for the textbook job (figures worked by hand in tests/services/test_costing_split.py)."""

from __future__ import annotations

from support.textbook import textbook_job

from workshop.documents.cost_sheet import cost_sheet_pdf


def test_cost_sheet_prints_materials_by_operation_and_the_estimate_by_workstation(db, today, pdf_text):
    tb = textbook_job(db, today)
    text = pdf_text(cost_sheet_pdf(db, tb.job.id))
    assert "materials used here 12 × 90.00 (Walnut board 30 mm)" in text  # 0.75 m² × 16 tops
    assert "materials used here 16 × 6.50 (Table hardware kit)" in text
    section = text[text.index("Estimate by workstation"):]
    # CNC: labour 9 h × 30.20 = 271.80; machine 41 h × 45.00 = 1,845.00; overhead 41 × 20.00 = 820.00;
    # walnut 1,080.00; together 4,016.80. Nothing booked yet: actual 0.00.
    assert "CNC — CNC router £271.80 £1,845.00 £820.00 £1,080.00 £4,016.80 £0.00" in section
    # ASSY: 12.5 h × 28.00 = 350.00; overhead 80% = 280.00; kits 104.00; together 734.00
    assert "ASSY — Assembly £350.00 £0.00 £280.00 £104.00 £734.00 £0.00" in section
    # Packing names no operation: in the job's materials (1,216.00), in no workstation's.
    assert "£1,216.00" in text and "Packing" not in section.split("Price and margin")[0]


def test_a_job_with_no_operations_prints_no_workstation_section(db, shop, pdf_text):
    assert "Estimate by workstation" not in pdf_text(cost_sheet_pdf(db, shop.job.id))
