"""The shared printing layer: fonts, safe text, page furniture, page numbers, barcodes."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date, datetime
from decimal import Decimal

import pytest
from pypdf import PdfReader
from reportlab.platypus import Paragraph, Table

from workshop.printing.barcodes import BAR_WIDTH, check_payload, code128, code128_width, qr_code
from workshop.printing.document import DocumentPart, Letterhead, PageSetup, build_document, build_pdf, fit_text
from workshop.printing.fonts import BOLD, FAMILY, MISSING_GLYPH, printable, register_fonts
from workshop.printing.styles import get_styles
from workshop.printing.text import esc, format_date, format_datetime, format_minutes, format_quantity, para, paragraphs


def _rows(n: int):
    s = get_styles()
    header = [Paragraph("Code", s.cell_header), Paragraph("Description", s.cell_header)]
    table = Table([header] + [[para(f"C{i:03d}", s.cell), para(f"Row {i:03d}", s.cell)] for i in range(n)], repeatRows=1)
    table.setStyle(s.data_table)
    return table


def test_printing_package_import_does_not_load_qt_sqlalchemy_or_reportlab():
    code = (
        "import sys, workshop.printing;"
        "bad=[m for m in ('PySide6','sqlalchemy','reportlab') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_document_modules_import_neither_qt_nor_sqlalchemy():
    code = (
        "import sys, workshop.printing.job_card, workshop.printing.document;"
        "bad=[m for m in ('PySide6','sqlalchemy') if m in sys.modules];"
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_fonts_register_once_and_cover_central_european_text():
    assert register_fonts() == FAMILY
    assert register_fonts() == FAMILY
    assert printable("Łódź Ø 25 mm ± 0.1 — 5 °C") == "Łódź Ø 25 mm ± 0.1 — 5 °C"


def test_printable_replaces_what_the_fonts_lack_and_keeps_the_rest():
    assert printable("a🦄b") == f"a{MISSING_GLYPH}b"
    assert printable("bell\x07here") == f"bell{MISSING_GLYPH}here"
    assert printable("line1\r\nline2\rline3") == "line1\nline2\nline3"
    assert printable("tab\there") == "tab    here"
    assert printable("❤️") == "❤"  # the emoji variation selector is dropped, not boxed
    assert printable("") == ""


def test_esc_turns_user_text_into_inert_markup():
    assert esc("J&C <b>Ltd</b>\nline 2") == "J&amp;C &lt;b&gt;Ltd&lt;/b&gt;<br/>line 2"
    assert esc(None) == ""
    assert esc(12) == "12"


def test_paragraphs_split_on_blank_lines():
    s = get_styles()
    parts = paragraphs("one\ntwo\n\n\nthree\n   \nfour", s.body)
    assert len(parts) == 3


def test_formats():
    assert format_date(date(2026, 4, 17)) == "17 Apr 2026"
    assert format_date(date(2026, 4, 17), weekday=True) == "Fri 17 Apr 2026"
    assert format_date(None) == "—"
    # the one date form (issue 9): the shop locale's medium form, as on screen
    assert format_datetime(datetime(2026, 3, 2, 9, 5)) == "2 Mar 2026 09:05"
    assert format_date(date(2026, 4, 17), locale="de_DE") == "17.04.2026"
    assert format_date(date(2026, 4, 17), weekday=True, locale="fr_FR") == "ven. 17 avr. 2026"
    assert format_quantity(Decimal("2.500")) == "2.5"
    assert format_quantity(Decimal("3.000")) == "3"
    assert format_quantity(0.1) == "0.1"
    assert format_quantity(7) == "7"
    assert format_minutes(Decimal("45")) == "45 min"
    assert format_minutes(Decimal("2.5")) == "2.5 min"
    assert format_minutes(125) == "2 h 05 min"


def test_fit_text_cuts_with_an_ellipsis():
    register_fonts()
    assert fit_text("short", BOLD, 10, 500) == "short"
    cut = fit_text("a very long company name indeed " * 5, BOLD, 10, 100)
    assert cut.endswith("…") and len(cut) < 40


def test_page_setup_validates():
    with pytest.raises(ValueError, match="A4' or 'Letter"):
        PageSetup("A5")
    with pytest.raises(ValueError, match="margin_left_mm"):
        PageSetup("A4", margin_left_mm=-1)
    assert PageSetup("Letter").page_size == pytest.approx((612.0, 792.0))
    assert PageSetup("A4").content_width == pytest.approx((210 - 24) / 25.4 * 72)


def test_letterhead_first_page_compact_header_after_and_page_x_of_y(pages_text, letterhead, a4):
    pdf = build_document([_rows(150)], letterhead, a4, title="Cost sheet", number="CS-2026-0001", subtitle="Kitchen")
    pages = pages_text(pdf)
    assert len(pages) >= 3
    assert "Unit 4, Millbrook Trading Estate" in pages[0]
    assert "VAT No. GB 123 4567 89" in pages[0]
    assert "COST SHEET" in pages[0]
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "CS-2026-0001" in text
        assert "Code" in text and "Description" in text  # the header row repeats on every page
    for text in pages[1:]:
        assert "Unit 4, Millbrook Trading Estate" not in text  # only the compact header
        assert "COST SHEET CS-2026-0001" in " ".join(text.split())
    all_text = " ".join(pages)
    assert all(f"Row {i:03d}" in all_text for i in range(150))


def test_document_metadata(letterhead, a4):
    pdf = build_document([para("x", get_styles().body)], letterhead, a4, title="Quote", number="Q-2026-0001")
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info.title == "Quote Q-2026-0001"
    assert info.author == letterhead.name


def test_each_part_has_its_own_numbering(pages_text, letterhead, a4):
    parts = [DocumentPart("Invoice", "INV-1", [_rows(120)]), DocumentPart("Invoice", "INV-2", [_rows(5)])]
    started = []
    pages = pages_text(build_pdf(parts, letterhead, a4, on_part_start=started.append))
    assert started == [0, 1]
    first = [p for p in pages if "INV-1" in p]
    second = [p for p in pages if "INV-2" in p]
    assert len(first) >= 2 and len(second) == 1
    assert f"Page {len(first)} of {len(first)}" in first[-1]
    assert "Page 1 of 1" in second[0]
    assert "Unit 4, Millbrook Trading Estate" in second[0]


def test_build_pdf_needs_parts(letterhead, a4):
    with pytest.raises(ValueError, match="Nothing to print"):
        build_pdf([], letterhead, a4)


def test_long_and_odd_letterhead_text_never_crashes(pdf_text, a4):
    odd = Letterhead(
        name="J&C <b>Ltd</b> " + "W" * 200,
        address="Line 1\nŁódź\nLine 3\nLine 4",
        tax_number="PL 123-456 🦄",
        tax_label="NIP",
        logo=b"not an image",
    )
    text = pdf_text(build_document([para("body", get_styles().body)], odd, a4, title="Quote", number="Q-1"))
    assert "J&C <b>Ltd</b>" in text  # drawn as text, never parsed as markup
    assert "…" in text  # too long for the band: cut visibly
    assert "Łódź" in text and f"NIP PL 123-456 {MISSING_GLYPH}" in text


def test_a_logo_is_drawn_on_the_first_page_only(letterhead, a4):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGBA", (200, 100), (30, 60, 90, 255)).save(buffer, format="PNG")
    with_logo = Letterhead(name="Logo Ltd", logo=buffer.getvalue())
    pdf = build_document([_rows(150)], with_logo, a4, title="Quote", number="Q-1")
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert len(pages[0].images) == 1
    assert all(len(page.images) == 0 for page in pages[1:])


def test_check_payload_accepts_printable_ascii_only():
    assert check_payload("J-2026-0042/030") == "J-2026-0042/030"
    with pytest.raises(ValueError, match="empty"):
        check_payload("")
    with pytest.raises(ValueError, match=r"'\\n' at position 2"):
        check_payload("J\n1")
    with pytest.raises(ValueError, match="'é' at position 4"):
        check_payload("Caf\u00e9")


def test_code128_shrinks_to_fit_but_not_below_the_readable_minimum():
    wide = code128("J-2026-0042/030", bar_width=2.0)
    assert wide.width == pytest.approx(code128_width("J-2026-0042/030", 2.0))
    narrow = code128("J-2026-0042/030", bar_width=2.0, max_width=wide.width * 0.7)
    assert narrow.width == pytest.approx(wide.width * 0.7, rel=0.01)
    floor = code128("J-2026-0042/030", bar_width=2.0, max_width=10)
    assert floor.barWidth == BAR_WIDTH  # wider than asked beats unreadable


def test_barcodes_decode(decode_barcodes, letterhead, a4):
    story = [code128("WS-42/ABC"), qr_code("https://example.com/j/42?x=1&y=2")]
    found = decode_barcodes(build_document(story, letterhead, a4, title="Label", number="L-1"))[0]
    assert ("CODE-128", "WS-42/ABC") in found
    assert ("QR-Code", "https://example.com/j/42?x=1&y=2") in found
