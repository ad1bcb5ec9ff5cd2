"""Paragraph and table styles shared by every printed document.

``get_styles()`` returns one frozen :class:`Styles` (built once, after the fonts are
registered). Documents derive their own variants with ``style.clone(name, **changes)``
rather than editing these, so one document cannot change another's look.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from .fonts import BOLD, FAMILY, register_fonts

INK = colors.HexColor("#111111")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#888888")
LIGHT_FILL = colors.HexColor("#EDEDED")
HEADER_FILL = colors.HexColor("#D9D9D9")
ACCENT = colors.HexColor("#1F3A5F")


@dataclass(frozen=True)
class Styles:
    """The house styles. All use the DejaVu family, so ``<b>``/``<i>`` work in every one."""

    body: ParagraphStyle
    body_large: ParagraphStyle  # read at arm's length: instructions on the bench
    small: ParagraphStyle
    label: ParagraphStyle  # tiny grey caption above a value ("DUE DATE")
    value: ParagraphStyle  # the value under a label, large and bold
    title: ParagraphStyle
    heading: ParagraphStyle  # section heading ("Materials")
    subheading: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_right: ParagraphStyle
    cell_center: ParagraphStyle
    cell_header: ParagraphStyle
    # Table styles
    grid: TableStyle  # thin grid, top-aligned, padded
    data_table: TableStyle  # grid + shaded header row (use with repeatRows=1)


@functools.cache
def get_styles() -> Styles:
    register_fonts()
    base = ParagraphStyle(
        "ws-body",
        fontName=FAMILY,
        fontSize=10,
        leading=13,
        textColor=INK,
        alignment=TA_LEFT,
        splitLongWords=1,  # a 500-character part number wraps instead of overflowing
        allowWidows=1,
        allowOrphans=0,
    )
    cell = base.clone("ws-cell", fontSize=9.5, leading=12)
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FAMILY),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("GRID", (0, 0), (-1, -1), 0.5, RULE),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )
    data_table = TableStyle(
        list(grid.getCommands())
        + [
            ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
            ("LINEBELOW", (0, 0), (-1, 0), 1, INK),
            ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ]
    )
    return Styles(
        body=base,
        body_large=base.clone("ws-body-large", fontSize=12, leading=15.5),
        small=base.clone("ws-small", fontSize=8, leading=10, textColor=MUTED),
        label=base.clone("ws-label", fontSize=7, leading=8.5, textColor=MUTED),
        value=base.clone("ws-value", fontName=BOLD, fontSize=13, leading=16),
        title=base.clone("ws-title", fontName=BOLD, fontSize=20, leading=24),
        heading=base.clone(
            "ws-heading",
            fontName=BOLD,
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            textColor=ACCENT,
            keepWithNext=1,
        ),
        subheading=base.clone("ws-subheading", fontName=BOLD, fontSize=11, leading=14, keepWithNext=1),
        cell=cell,
        cell_bold=cell.clone("ws-cell-bold", fontName=BOLD),
        cell_right=cell.clone("ws-cell-right", alignment=TA_RIGHT),
        cell_center=cell.clone("ws-cell-center", alignment=TA_CENTER),
        cell_header=cell.clone("ws-cell-header", fontName=BOLD, fontSize=8.5, leading=10.5),
        grid=grid,
        data_table=data_table,
    )
