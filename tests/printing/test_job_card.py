"""The job card: read the text and the barcodes back out of the PDF and compare with the data."""

from __future__ import annotations

import dataclasses
import io
import re
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader

from workshop.printing import Cancelled
from workshop.printing.document import PageSetup
from workshop.printing.fonts import MISSING_GLYPH
from workshop.printing.job_card import render_job_card, render_job_cards
from workshop.printing.job_card_data import (InspectionCheck, JobCardData, JobCardImage, JobCardMaterial,
                                             JobCardOperation, operation_barcode, operation_barcode_text)
from workshop.domain.scan_codes import OperationScan, read_scan
from support.samples import sample_drawing_png, sample_job_card
from workshop.printing.text import format_quantity


def _op(n: int, **changes) -> JobCardOperation:
    base = JobCardOperation(
        op_number=n * 10,
        sequence=n,
        name=f"Operation name {n:03d}",
        workstation=f"Station {n % 7}",
        instructions=f"Instruction text for step {n:03d}.",
        setup_minutes=Decimal(10),
        run_minutes_per_unit=Decimal("2.5"),
        total_planned_minutes=Decimal(35),
        operator="" if n % 2 else f"Operator {n:03d}",
        inspection_required=n % 5 == 0,
    )
    return dataclasses.replace(base, **changes)


def _job(**changes) -> JobCardData:
    base = JobCardData(
        job_number="J-2026-0007",
        title="Steel gate",
        customer="Acme",
        quantity=2,
        due_date=date(2026, 5, 1),
        priority="Normal",
        status="Released",
        printed_at=datetime(2026, 4, 20, 8, 30),
        operations=(_op(1), _op(2)),
    )
    return dataclasses.replace(base, **changes)


def _page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


# -- the demo kitchen card -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kitchen():
    return sample_job_card()


@pytest.fixture(scope="module")
def kitchen_pdf(kitchen):
    from support.samples import SAMPLE_LETTERHEAD

    return render_job_card(kitchen, SAMPLE_LETTERHEAD, PageSetup("A4"))


def test_kitchen_card_is_a_pdf_with_several_numbered_pages(kitchen_pdf, pages_text):
    assert kitchen_pdf.startswith(b"%PDF-")
    pages = pages_text(kitchen_pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "J-2026-0042" in text  # every loose page says which job it belongs to


def test_kitchen_card_prints_every_fact(kitchen, kitchen_pdf, pdf_text):
    text = pdf_text(kitchen_pdf)
    for expected in (
        "Oakbridge Joinery & Metalwork Ltd",
        "VAT No. GB 123 4567 89",
        "J-2026-0042",
        "Bespoke fitted oak kitchen",
        "Harrow & Finch Interiors",
        "1 set",
        "Fri 17 Apr 2026",  # due date
        "High",
        "Released",
        "2 Mar 2026 09:15",  # printed at, in the one date form (issue 9)
        "34 h 45 min",  # planned total of all operations
        "46 days left",
        "kitchen-elevation-run-A.png",
        "Customer (Mrs Finch) prefers calls before 10:00.",
    ):
        assert expected in text, expected


def test_kitchen_card_prints_every_material(kitchen, kitchen_pdf, pdf_text):
    text = pdf_text(kitchen_pdf)
    for material in kitchen.materials:
        assert material.code in text
        assert material.description in text
        assert f"{format_quantity(material.quantity)} {material.unit}" in text, material
    assert "Base cabinet 600" in text and "Wall cabinet 800" in text


def test_kitchen_card_prints_every_operation_in_sequence(kitchen, kitchen_pdf, pdf_text):
    text = pdf_text(kitchen_pdf)
    positions = []
    for op in kitchen.operations:
        assert op.name in text, op.name
        assert op.workstation in text
        assert op.instructions in text
        assert f"{op.op_number:03d}" in text
        assert f"J-2026-0042 · {op.op_number:03d}" in text  # human-readable barcode line
        if op.operator:
            assert op.operator in text
        positions.append(text.index(op.name))
    assert positions == sorted(positions)
    for check in ("Carcass diagonals (difference)", "Door gaps", "± 0.5", "Feeler gauge", "≤ 1"):
        assert check in text
    inspections = sum(op.inspection_required for op in kitchen.operations)
    assert text.count("INSPECTION SIGN-OFF") == inspections
    assert text.count("PASS") >= inspections


def test_kitchen_card_barcodes_decode_to_their_payloads(kitchen, kitchen_pdf, decode_barcodes):
    found = [code for page in decode_barcodes(kitchen_pdf) for code in page]
    assert ("QR-Code", "J-2026-0042") in found
    assert ("CODE-128", "J-2026-0042") in found
    # New cards print the separator-free code (was J-2026-0042/030 before issue 14).
    expected_ops = {f"J20260042{op.op_number:03d}" for op in kitchen.operations}
    decoded_ops = {payload for symbology, payload in found if symbology == "CODE-128" and payload != "J-2026-0042"}
    assert decoded_ops == expected_ops
    for payload in decoded_ops:  # and the terminal reads each one back to its job and operation
        [reading] = read_scan(payload)
        assert reading.target == OperationScan(("J-2026-0042",), int(payload[-3:]))


def test_the_drawing_is_embedded_as_an_image(kitchen_pdf):
    first = PdfReader(io.BytesIO(kitchen_pdf)).pages[0]
    assert len(first.images) == 1


# -- user text is never markup, and odd characters never crash -------------------------------------


def test_user_text_prints_exactly(pdf_text, letterhead, a4):
    tricky = [
        "J&C <b>Ltd</b>",
        "tolerance 0.1 <A",
        "Łódź",
        "Ø 25 mm ± 0.1",
        "a &amp; b",
        "<font color=red>not red</font>",
    ]
    data = _job(
        customer="J&C <b>Ltd</b>",
        title="Gate for Łódź",
        specification="\n".join(tricky),
        notes="Check Ø 25 mm ± 0.1 <A",
        materials=(JobCardMaterial("R&D-<1>", "Bar Ø 25 mm ± 0.1", 3, "m"),),
        operations=(_op(1, name="Weld <i>frame</i>", workstation="Bay 2 & 3", instructions="0.1 <A & Łódź"),),
    )
    text = pdf_text(render_job_card(data, letterhead, a4))
    for piece in tricky + ["Gate for Łódź", "R&D-<1>", "Bar Ø 25 mm ± 0.1", "Weld <i>frame</i>", "Bay 2 & 3", "0.1 <A & Łódź"]:
        assert piece in text, piece


def test_characters_the_font_lacks_degrade_to_a_visible_box(pdf_text, letterhead, a4):
    data = _job(title="Unicorn 🦄 shelf", specification="Before 🦄 after, and a smile 😀 too.")
    text = pdf_text(render_job_card(data, letterhead, a4))
    assert f"Unicorn {MISSING_GLYPH} shelf" in text
    assert f"Before {MISSING_GLYPH} after" in text
    # DejaVu draws this one, but ReportLab cannot map it back to text: it degrades the same way.
    assert f"smile {MISSING_GLYPH} too." in text


def test_ten_thousand_character_specification_flows_over_pages_in_full(pdf_text, pages_text, letterhead, a4):
    sentences = [f"Panel p{i:04d} is cut to 720 x 560 mm and lipped on the front edge." for i in range(160)]
    paragraphs = ["  ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8)]
    spec = "\n\n".join(paragraphs)
    assert len(spec) > 10_000
    data = _job(specification=spec, image=JobCardImage(sample_drawing_png(), "image", "plan.png"))
    pdf = render_job_card(data, letterhead, a4)
    assert len(pages_text(pdf)) >= 3
    # Every word, in order; header and footer text may interleave at page breaks.
    words = pdf_text(pdf).split()
    expected = spec.split()
    position = 0
    for word in expected:
        position = words.index(word, position) + 1  # ValueError if missing or out of order


def test_very_long_unbroken_words_wrap_instead_of_crashing(pdf_text, letterhead, a4):
    long_word = "X" * 600
    data = _job(
        specification=long_word,
        materials=(JobCardMaterial("C" * 120, "D" * 400, 1, "pcs"),),
        operations=(_op(1, name="N" * 200, instructions="I" * 900, operator="O" * 150),),
    )
    text = pdf_text(render_job_card(data, letterhead, a4)).replace(" ", "")
    assert "X" * 600 in text
    assert "D" * 400 in text
    assert "I" * 900 in text
    assert "N" * 200 in text


def test_very_long_instructions_split_across_pages(pdf_text, pages_text, letterhead, a4):
    instructions = " ".join(f"step{i:04d}" for i in range(1500))
    pdf = render_job_card(_job(operations=(_op(1, instructions=instructions),)), letterhead, a4)
    assert len(pages_text(pdf)) >= 2
    text = pdf_text(pdf)
    assert "step0000" in text and "step1499" in text
    assert all(f"step{i:04d}" in text for i in range(0, 1500, 37))


# -- barcode payloads -------------------------------------------------------------------------------


def test_operation_barcode_payload_is_job_number_without_separators_and_three_digits():
    # Was "J-2026-0042/030": "-" and "/" arrive as other characters on German and French PCs.
    assert operation_barcode("J-2026-0042", _op(3)) == "J20260042030"
    assert operation_barcode_text("J-2026-0042", _op(3)) == "J-2026-0042 · 030"
    assert operation_barcode("J-2026-0042", _op(3, barcode="OP-77")) == "OP-77"
    assert operation_barcode_text("J-2026-0042", _op(3, barcode="OP-77")) == "OP-77"


def test_non_ascii_job_number_is_refused_clearly(letterhead, a4):
    with pytest.raises(ValueError, match=r"Job number 'J-2026-ŁÓD' .*'Ł' at position 8 is not plain ASCII"):
        render_job_card(_job(job_number="J-2026-ŁÓD"), letterhead, a4)


def test_non_ascii_operation_barcode_is_refused_clearly(letterhead, a4):
    with pytest.raises(ValueError, match="operation 10.*not plain ASCII"):
        render_job_card(_job(operations=(_op(1, barcode="Łódź-10"),)), letterhead, a4)


def test_custom_operation_barcode_decodes(decode_barcodes, letterhead, a4):
    pdf = render_job_card(_job(operations=(_op(1, barcode="WS-7/OP-10"),)), letterhead, a4)
    found = {code for page in decode_barcodes(pdf) for code in page}
    assert ("CODE-128", "WS-7/OP-10") in found


# -- a long job -------------------------------------------------------------------------------------


def test_sixty_operations_flow_over_numbered_pages(pages_text, pdf_text, decode_barcodes, letterhead, a4):
    operations = tuple(_op(n) for n in range(60, 0, -1))  # given out of order: printed by sequence
    data = _job(operations=operations, specification="Long job. " * 400)
    pdf = render_job_card(data, letterhead, a4)
    pages = pages_text(pdf)
    total = len(pages)
    assert total >= 8
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {total}" in text
    text = pdf_text(pdf)
    names = [f"Operation name {n:03d}" for n in range(1, 61)]
    assert [text.index(name) for name in names] == sorted(text.index(name) for name in names)
    for n in range(1, 61):
        assert f"Instruction text for step {n:03d}." in text
    assert text.count("INSPECTION SIGN-OFF") == 12
    decoded = {payload for page in decode_barcodes(pdf) for symbology, payload in page if symbology == "CODE-128"}
    assert {f"J20260007{n * 10:03d}" for n in range(1, 61)} <= decoded


def test_an_empty_job_still_prints(pdf_text, letterhead, a4):
    data = JobCardData(job_number="J-1", title="", customer="")
    text = pdf_text(render_job_card(data, letterhead, a4))
    assert "No specification recorded." in text
    assert "No materials listed." in text
    assert "No operations planned." in text
    assert "Page 1 of 1" in text


# -- pictures ---------------------------------------------------------------------------------------


def _one_page_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(400, 300))
    canvas.rect(20, 20, 360, 260)
    canvas.drawString(40, 150, "Drawing KIT-0042 rev B")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_first_page_of_a_pdf_drawing_is_shown_as_a_picture(pdf_text, letterhead, a4):
    pytest.importorskip("pypdfium2")
    data = _job(image=JobCardImage(_one_page_pdf(), "pdf", "elevation.pdf"))
    pdf = render_job_card(data, letterhead, a4)
    assert len(PdfReader(io.BytesIO(pdf)).pages[0].images) == 1
    assert "No preview" not in pdf_text(pdf)


def test_pdf_drawing_without_a_renderer_prints_a_placeholder(monkeypatch, pdf_text, letterhead, a4):
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # import fails
    data = _job(image=JobCardImage(_one_page_pdf(), "pdf", "elevation.pdf"))
    text = pdf_text(render_job_card(data, letterhead, a4))
    assert "elevation.pdf" in text
    assert "No preview: PDF previews need the pypdfium2 package" in text


@pytest.mark.parametrize("kind", ["image", "pdf"])
def test_corrupt_attachment_prints_a_placeholder_naming_the_file(kind, pdf_text, letterhead, a4):
    data = _job(image=JobCardImage(b"not really a file", kind, "site photo <1>.jpg"))
    text = pdf_text(render_job_card(data, letterhead, a4))
    assert "site photo <1>.jpg" in text
    assert "No preview" in text


# -- many cards -------------------------------------------------------------------------------------


def test_many_cards_each_start_a_page_with_their_own_numbering(pages_text, letterhead, a4):
    jobs = [
        _job(job_number="J-2026-0001", operations=tuple(_op(n) for n in range(1, 16))),
        _job(job_number="J-2026-0002"),
        _job(job_number="J-2026-0003", operations=tuple(_op(n) for n in range(1, 9))),
    ]
    calls = []
    pdf = render_job_cards(jobs, letterhead, a4, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    pages = pages_text(pdf)
    by_job: dict[str, list[str]] = {}
    for text in pages:
        number = re.search(r"J-2026-000\d", text).group(0)
        by_job.setdefault(number, []).append(text)
    assert list(by_job) == ["J-2026-0001", "J-2026-0002", "J-2026-0003"]
    for texts in by_job.values():
        for number, text in enumerate(texts, start=1):
            assert f"Page {number} of {len(texts)}" in text
        assert "Oakbridge Joinery & Metalwork Ltd" in texts[0]  # full letterhead on each job's first page
    assert len(by_job["J-2026-0001"]) >= 2
    assert sum(len(t) for t in by_job.values()) == len(pages)


def test_cancel_stops_a_batch(letterhead, a4):
    jobs = [_job(job_number=f"J-2026-{n:04d}") for n in range(1, 11)]
    calls = []

    def progress(done, total):
        calls.append(done)

    with pytest.raises(Cancelled):
        render_job_cards(jobs, letterhead, a4, progress=progress, is_cancelled=lambda: len(calls) >= 3)
    assert calls == [0, 1, 2]  # stopped during layout, long before the tenth card


def test_cancel_before_starting(letterhead, a4):
    with pytest.raises(Cancelled):
        render_job_cards([_job()], letterhead, a4, is_cancelled=lambda: True)


def test_no_cards_is_an_error(letterhead, a4):
    with pytest.raises(ValueError, match="No job cards"):
        render_job_cards([], letterhead, a4)


# -- paper ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("size", "points"), [("A4", (595.28, 841.89)), ("Letter", (612.0, 792.0))])
def test_page_size(size, points, letterhead, pages_text):
    pdf = render_job_card(sample_job_card(with_image=False), letterhead, PageSetup(size))
    for page in PdfReader(io.BytesIO(pdf)).pages:
        assert (round(float(page.mediabox.width), 2), round(float(page.mediabox.height), 2)) == points
    texts = pages_text(pdf)
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]


def test_checks_can_be_listed_without_the_inspection_flag(pdf_text, letterhead, a4):
    op = _op(1, inspection_required=False, checks=(InspectionCheck("Bore", "25.0", "+0.05/-0", "mm", "Plug gauge"),))
    text = pdf_text(render_job_card(_job(operations=(op,)), letterhead, a4))
    for piece in ("Bore", "25.0 mm", "+0.05/-0", "Plug gauge", "INSPECTION SIGN-OFF"):
        assert piece in text
