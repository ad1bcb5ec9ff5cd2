"""Operator badges and the scanner check card: what the bench scans besides the job card.

Badges are cards of 85 × 54 mm (a bank card), eight to an A4 sheet with dashed lines to cut on,
each with the operator's name, the Code128 of their badge code and the code as text. The scanner
check card carries a test code holding the characters keyboard layouts move, and what the shop
floor terminal says to it under each layout we read through.

    pdf = render_badges([OperatorBadge(7, "Tom Reed")], letterhead, PageSetup("A4"))
    pdf = render_scanner_check(letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ..domain.scan_codes import LAYOUTS, SCANNER_CHECK_CODE, badge_code, check_result, describe_layout, typed_as
from .barcodes import code128
from .document import Letterhead, PageSetup, build_document
from .styles import ACCENT, INK, MUTED, RULE, get_styles
from .text import esc, para

__all__ = ["OperatorBadge", "render_badges", "render_scanner_check"]

BADGE_WIDTH = 85 * mm
BADGE_HEIGHT = 54 * mm
_COLUMN_GAP = 6 * mm
_CUT_LINE = (0.5, RULE, None, (3, 2))  # weight, colour, cap, dashes


@dataclass(frozen=True)
class OperatorBadge:
    operator_id: int
    name: str

    @property
    def code(self) -> str:
        return badge_code(self.operator_id)


def render_badges(badges: Sequence[OperatorBadge], letterhead: Letterhead, page: PageSetup) -> bytes:
    """A sheet (or sheets) of badges, two across. Raises ValueError when there are none."""
    if not badges:
        raise ValueError("No operators to print badges for: add operators under Shop ▸ Operators.")
    s = get_styles()
    styles = {
        "shop": s.small.clone("badge-shop", fontSize=8, leading=10, textColor=MUTED, alignment=TA_CENTER),
        "name": s.title.clone("badge-name", fontSize=17, leading=20, alignment=TA_CENTER, textColor=INK),
        "code": s.body.clone("badge-code", fontSize=11, leading=13, alignment=TA_CENTER),
    }
    cards = [_badge(b, letterhead.name, styles) for b in badges]
    rows = [cards[i:i + 2] + [""] * (2 - len(cards[i:i + 2])) for i in range(0, len(cards), 2)]
    table = Table([[left, "", right] for left, right in rows], colWidths=[BADGE_WIDTH, _COLUMN_GAP, BADGE_WIDTH],
                  rowHeights=BADGE_HEIGHT, hAlign="LEFT")
    commands = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]
    for index in range(len(cards)):
        cell = ((index % 2) * 2, index // 2)
        commands.append(("BOX", cell, cell, *_CUT_LINE))
    table.setStyle(commands)
    count = f"{len(badges)} badge" + ("" if len(badges) == 1 else "s")
    return build_document([table], letterhead, page, title="Operator badges", number=count,
                          footer_note="Cut along the dashed lines")


def _badge(badge: OperatorBadge, shop: str, styles: dict) -> Table:
    inner = BADGE_WIDTH - 8 * mm
    rows = [
        [para(shop, styles["shop"])],
        [para(badge.name, styles["name"])],
        [code128(badge.code, bar_height=13 * mm, max_width=inner, what="Badge code")],
        [para(badge.code, styles["code"])],
    ]
    card = Table(rows, colWidths=[inner], hAlign="CENTER")
    card.setStyle([("ALIGN", (0, 0), (-1, -1), "CENTER"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                   ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)])
    return card


SCANNER_CHECK_INSTRUCTIONS = (
    "Click in the Shop Floor scan field and scan this code. Workshop says which keyboard layout the "
    "scanner typed through; any of these still books correctly."
)


def render_scanner_check(letterhead: Letterhead, page: PageSetup) -> bytes:
    """The scanner check card: the test code and, for each layout, what arrives and what the
    terminal says."""
    s = get_styles()
    width = page.content_width
    headline = s.title.clone("chk-headline", fontSize=19, leading=23, alignment=TA_CENTER, textColor=ACCENT)
    big = s.body_large.clone("chk-body", fontSize=12, leading=16)
    code_text = s.body.clone("chk-code", fontSize=13, leading=16, alignment=TA_CENTER)
    story: list[Flowable] = [
        Paragraph("SCANNER CHECK", headline),
        Spacer(1, 4 * mm),
        para(SCANNER_CHECK_INSTRUCTIONS, big),
        Spacer(1, 8 * mm),
        _centred(code128(SCANNER_CHECK_CODE, bar_height=22 * mm, max_width=width, what="Scanner check code")),
        Spacer(1, 2 * mm),
        para(SCANNER_CHECK_CODE, code_text),
        Spacer(1, 8 * mm),
        Paragraph("What each keyboard layout makes of it", s.heading),
        _results_table(width),
        Spacer(1, 5 * mm),
        para("A keyboard-wedge scanner types as a US keyboard; the PC turns its key presses into "
             "characters through its own layout, so the dashes, slashes and digits can arrive as other "
             "characters. Workshop reads codes through each of these layouts. If the terminal says it does "
             "not know the layout, set the scanner to the PC's keyboard layout (see the scanner's manual) "
             "and scan this card again.", s.body),
    ]
    return build_document(story, letterhead, page, title="Scanner check", number="Shop Floor terminal")


def _centred(flowable: Flowable) -> Flowable:
    flowable.hAlign = "CENTER"
    return flowable


def _results_table(width: float) -> Table:
    s = get_styles()
    header = [Paragraph(text, s.cell_header) for text in ("Keyboard layout", "What arrives", "The terminal says")]
    rows: list[list] = [header]
    for layout in LAYOUTS:
        said, detail = check_result(layout)
        rows.append([para(describe_layout(layout), s.cell_bold), para(typed_as(SCANNER_CHECK_CODE, layout), s.cell),
                     Paragraph(f"<b>{esc(said)}</b><br/>{esc(detail)}", s.cell)])
    said, detail = check_result(None)
    rows.append([para("Any other", s.cell_bold), para("something else", s.cell),
                 Paragraph(f"<b>{esc(said)}</b><br/>{esc(detail)}", s.cell)])
    table = Table(rows, colWidths=[0.22 * width, 0.3 * width, 0.48 * width], repeatRows=1)
    table.setStyle(s.data_table)
    return table
