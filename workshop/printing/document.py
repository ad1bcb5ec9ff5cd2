"""The page furniture every printed document shares, and the one function that builds a PDF.

A document module (job card, quote, invoice …) turns its plain data into a list of
flowables and calls::

    pdf = build_document(story, letterhead, page, title="Quote", number="Q-2026-0007")

Several documents in one PDF (a batch of job cards) go through :func:`build_pdf` with one
:class:`DocumentPart` each; every part starts on a new page with the full letterhead and has
its own "Page X of Y".

Page layout: the letterhead (logo, company, address, tax number; document title and number
on the right) on the first page of each part, a compact header on the pages after it, and a
footer with the document number and "Page X of Y" on every page. The page count is known
only after layout, so the canvas keeps every page and draws the furniture when it saves
(the "NumberedCanvas" two-pass approach).
"""

from __future__ import annotations

import io
import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from reportlab import rl_config
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, NextPageTemplate, PageBreak, PageTemplate

from .fonts import BOLD, REGULAR, printable, register_fonts
from .styles import ACCENT, INK, MUTED, RULE

log = logging.getLogger(__name__)

def use_binary_streams() -> None:
    """Write PDF streams as binary: ASCII85 only costs time and bytes.

    ReportLab reads this from its process-wide settings as it writes, so everything that makes a
    PDF calls this first: a PDF's bytes must not depend on what was printed before it.
    """
    rl_config.useA85 = 0


PAGE_SIZES_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}

# Heights of the page furniture, in points.
LETTERHEAD_HEIGHT = 24 * mm
COMPACT_HEADER_HEIGHT = 11 * mm
FOOTER_HEIGHT = 9 * mm
_GAP = 4 * mm  # between furniture and the story


@dataclass(frozen=True)
class Letterhead:
    """Who the document is from. ``address`` may have several lines; ``logo`` is PNG/JPEG bytes."""

    name: str
    address: str = ""
    tax_number: str = ""
    logo: bytes | None = None
    contact: str = ""  # phone / e-mail / web, one line
    tax_label: str = "Tax no."  # "VAT No.", "NIP", "EIN" …


@dataclass(frozen=True)
class PageSetup:
    """Paper size and margins (millimetres)."""

    size: Literal["A4", "Letter"] = "A4"
    margin_top_mm: float = 12.0
    margin_bottom_mm: float = 10.0
    margin_left_mm: float = 12.0
    margin_right_mm: float = 12.0

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZES_MM:
            raise ValueError(f"Unknown page size {self.size!r}: choose 'A4' or 'Letter'.")
        for name in ("margin_top_mm", "margin_bottom_mm", "margin_left_mm", "margin_right_mm"):
            if not 0 <= getattr(self, name) <= 50:
                raise ValueError(f"{name} must be between 0 and 50 mm.")

    @property
    def page_size(self) -> tuple[float, float]:
        """(width, height) in points."""
        w, h = PAGE_SIZES_MM[self.size]
        return w * mm, h * mm

    @property
    def content_width(self) -> float:
        """Width of the story frame in points: size tables to this."""
        return self.page_size[0] - (self.margin_left_mm + self.margin_right_mm) * mm


@dataclass(frozen=True)
class DocumentPart:
    """One document inside a PDF: its own first page with letterhead, its own page numbers."""

    title: str  # "Job card", "Invoice": printed large on the letterhead
    number: str  # "J-2026-0042": letterhead, compact header and footer
    story: Sequence[Flowable] = field(default_factory=tuple)
    subtitle: str = ""  # one line next to the number on later pages and in the footer
    footer_note: str = ""  # centre of the footer, e.g. "Printed 02 Mar 2026 09:15"


def build_document(
    story: Sequence[Flowable],
    letterhead: Letterhead,
    page: PageSetup,
    *,
    title: str,
    number: str,
    subtitle: str = "",
    footer_note: str = "",
) -> bytes:
    """One document -> PDF bytes."""
    part = DocumentPart(title=title, number=number, story=story, subtitle=subtitle, footer_note=footer_note)
    return build_pdf([part], letterhead, page)


def build_pdf(
    parts: Sequence[DocumentPart],
    letterhead: Letterhead,
    page: PageSetup,
    *,
    pdf_title: str = "",
    on_part_start: Callable[[int], None] | None = None,
) -> bytes:
    """Lay out ``parts`` one after another and return the PDF bytes.

    ``on_part_start(index)`` is called as layout reaches each part (for progress); an
    exception it raises (e.g. Cancelled) stops the build and propagates.
    """
    if not parts:
        raise ValueError("Nothing to print: no documents were given.")
    register_fonts()
    use_binary_streams()
    width, height = page.page_size
    left, right = page.margin_left_mm * mm, page.margin_right_mm * mm
    top, bottom = page.margin_top_mm * mm, page.margin_bottom_mm * mm
    frame_bottom = bottom + FOOTER_HEIGHT + _GAP / 2
    first_top = height - top - LETTERHEAD_HEIGHT - _GAP
    later_top = height - top - COMPACT_HEADER_HEIGHT - _GAP

    def frame(frame_id: str, frame_top: float) -> Frame:
        return Frame(
            left, frame_bottom, width - left - right, frame_top - frame_bottom,
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=frame_id,
        )  # fmt: skip

    templates = [
        PageTemplate("first", frames=[frame("first", first_top)], autoNextPageTemplate="later"),
        PageTemplate("later", frames=[frame("later", later_top)]),
    ]
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=(width, height),
        leftMargin=left, rightMargin=right, topMargin=top, bottomMargin=bottom,
        title=pdf_title or printable(f"{parts[0].title} {parts[0].number}"),
        author=printable(letterhead.name),
        creator="Workshop",
        invariant=1,
        pageTemplates=templates,
        # Not ReportLab's default Helvetica: every page opens with the initial font set, and an
        # unembedded standard font in the resources makes the PDF fail PDF/A (Factur-X).
        initialFontName=REGULAR,
    )  # fmt: skip

    story: list[Flowable] = []
    for index, part in enumerate(parts):
        if index:
            story += [NextPageTemplate("first"), PageBreak()]
        story.append(_PartStart(index, on_part_start))
        story.extend(part.story)

    furniture = _Furniture(parts, letterhead, page)
    doc.build(story, canvasmaker=lambda *a, **kw: _NumberedCanvas(*a, furniture=furniture, **kw))
    return buffer.getvalue()


class _PartStart(Flowable):
    """Zero-size marker: tells the canvas which part the following pages belong to."""

    def __init__(self, index: int, callback: Callable[[int], None] | None) -> None:
        super().__init__()
        self.index = index
        self.callback = callback

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv._workshop_part = self.index
        if self.callback is not None:
            self.callback(self.index)


class _NumberedCanvas(Canvas):
    """Keeps every page until save, then draws header and footer knowing the page counts."""

    def __init__(self, *args, furniture: _Furniture, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._workshop_part = 0
        self._pages: list[dict] = []

    def showPage(self):
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        totals = Counter(state["_workshop_part"] for state in self._pages)
        seen: Counter[int] = Counter()
        for state in self._pages:
            self.__dict__.update(state)
            part = state["_workshop_part"]
            seen[part] += 1
            self._furniture.draw(self, part, seen[part], totals[part])
            Canvas.showPage(self)
        Canvas.save(self)


class _Furniture:
    """Draws letterhead / compact header and footer onto a finished page."""

    def __init__(self, parts: Sequence[DocumentPart], letterhead: Letterhead, page: PageSetup) -> None:
        self.parts = parts
        self.letterhead = letterhead
        self.page = page
        self._logo = _load_logo(letterhead.logo)

    def draw(self, canvas: Canvas, part_index: int, page_number: int, page_count: int) -> None:
        part = self.parts[part_index]
        canvas.saveState()
        try:
            if page_number == 1:
                self._letterhead(canvas, part)
            else:
                self._compact_header(canvas, part)
            self._footer(canvas, part, page_number, page_count)
        finally:
            canvas.restoreState()

    # geometry helpers
    @property
    def _left(self) -> float:
        return self.page.margin_left_mm * mm

    @property
    def _right(self) -> float:
        return self.page.page_size[0] - self.page.margin_right_mm * mm

    @property
    def _top(self) -> float:
        return self.page.page_size[1] - self.page.margin_top_mm * mm

    def _letterhead(self, canvas: Canvas, part: DocumentPart) -> None:
        lh = self.letterhead
        left, right, top = self._left, self._right, self._top
        bottom = top - LETTERHEAD_HEIGHT
        text_left = left
        if self._logo is not None:
            image_w, image_h = self._logo.getSize()
            scale = min(40 * mm / image_w, (LETTERHEAD_HEIGHT - 3 * mm) / image_h)
            w, h = image_w * scale, image_h * scale
            canvas.drawImage(self._logo, left, top - h, w, h, mask="auto")
            text_left = left + w + 4 * mm

        # Right block: document title and number.
        title = printable(part.title).upper()
        number = printable(part.number)
        right_block = max(stringWidth(title, BOLD, 15), stringWidth(number, BOLD, 11))
        right_block = min(right_block, (right - text_left) * 0.45)
        canvas.setFillColor(ACCENT)
        canvas.setFont(BOLD, 15)
        canvas.drawRightString(right, top - 13, fit_text(title, BOLD, 15, right_block))
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 11)
        canvas.drawRightString(right, top - 27, fit_text(number, BOLD, 11, right_block))

        # Left block: company name, address lines, tax number and contact.
        text_width = right - right_block - 6 * mm - text_left
        canvas.setFont(BOLD, 14)
        canvas.drawString(text_left, top - 13, fit_text(printable(lh.name), BOLD, 14, text_width))
        lines = [line.strip() for line in printable(lh.address).split("\n") if line.strip()]
        if len(lines) > 2:  # keep the band to its height: run the rest together
            lines = [lines[0], ", ".join(lines[1:])]
        extra = " · ".join(
            x for x in (f"{lh.tax_label} {printable(lh.tax_number)}" if lh.tax_number else "", printable(lh.contact)) if x
        )
        if extra:
            lines.append(extra)
        canvas.setFont(REGULAR, 8)
        canvas.setFillColor(MUTED)
        y = top - 24
        for line in lines[:3]:
            canvas.drawString(text_left, y, fit_text(line, REGULAR, 8, text_width))
            y -= 9.5
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(1.2)
        canvas.line(left, bottom, right, bottom)

    def _compact_header(self, canvas: Canvas, part: DocumentPart) -> None:
        left, right, top = self._left, self._right, self._top
        bottom = top - COMPACT_HEADER_HEIGHT
        heading = printable(f"{part.title.upper()}  {part.number}")
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 13)
        heading = fit_text(heading, BOLD, 13, (right - left) * 0.6)
        canvas.drawString(left, bottom + 3 * mm, heading)
        used = stringWidth(heading, BOLD, 13) + 5 * mm
        canvas.setFont(REGULAR, 9)
        canvas.setFillColor(MUTED)
        canvas.drawRightString(right, bottom + 3 * mm, fit_text(printable(part.subtitle or self.letterhead.name), REGULAR, 9, right - left - used))
        canvas.setStrokeColor(INK)
        canvas.setLineWidth(0.8)
        canvas.line(left, bottom, right, bottom)

    def _footer(self, canvas: Canvas, part: DocumentPart, page_number: int, page_count: int) -> None:
        left, right = self._left, self._right
        base = self.page.margin_bottom_mm * mm
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(left, base + FOOTER_HEIGHT - 2 * mm, right, base + FOOTER_HEIGHT - 2 * mm)
        y = base + 2 * mm
        page_text = f"Page {page_number} of {page_count}"
        canvas.setFillColor(INK)
        canvas.setFont(BOLD, 10)
        canvas.drawRightString(right, y, page_text)
        available = right - left - stringWidth(page_text, BOLD, 10) - 6 * mm
        left_text = printable(" · ".join(x for x in (part.number, part.subtitle) if x))
        note = printable(part.footer_note)
        note_width = stringWidth(note, REGULAR, 8) if note else 0
        canvas.setFont(BOLD, 9)
        canvas.drawString(left, y, fit_text(left_text, BOLD, 9, available - note_width - 6 * mm if note else available))
        if note:
            canvas.setFont(REGULAR, 8)
            canvas.setFillColor(MUTED)
            canvas.drawRightString(right - stringWidth(page_text, BOLD, 10) - 6 * mm, y, note)


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis so it fits ``width`` points."""
    if width <= 0:
        return ""
    if stringWidth(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if stringWidth(text[:mid] + "…", font, size) <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low].rstrip() + "…"


def _load_logo(data: bytes | None) -> ImageReader | None:
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        reader.getSize()
        return reader
    except Exception:  # a broken logo must not stop the shop printing
        log.warning("Letterhead logo could not be read; printing without it.", exc_info=True)
        return None
