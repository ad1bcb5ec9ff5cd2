"""A shop report on paper: its title and range, a few sentences, the charts as vector drawings and
the tables, figures right-aligned and columns that fit them.

Plain data in (the cells already written in the shop's locale), PDF bytes out:

    pdf = render_report(ReportDocument(...), letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table

from .columns import fit_columns
from .document import Letterhead, PageSetup, build_document
from .styles import LIGHT_FILL, RULE, get_styles
from .text import esc, format_datetime, para

__all__ = ["ReportTable", "ReportDocument", "render_report"]


@dataclass(frozen=True)
class ReportTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]  # each cell as printed
    figures: frozenset[int] = frozenset()  # columns of figures: right-aligned


@dataclass(frozen=True)
class ReportDocument:
    title: str
    period: str  # "1 Dec 2025 – 21 Nov 2026", or "" for a report that looks forward
    summary: tuple[str, ...]
    charts: tuple[Flowable, ...]  # ReportLab drawings (workshop/printing/charts.py)
    tables: tuple[ReportTable, ...]
    as_of: datetime
    notes: tuple[str, ...] = ()
    locale: str = "en_GB"


def render_report(doc: ReportDocument, letterhead: Letterhead, page: PageSetup) -> bytes:
    when = format_datetime(doc.as_of, locale=doc.locale)
    return build_document(_story(doc, page.content_width), letterhead, page, title=doc.title,
                          number=doc.period or when, subtitle="Report", footer_note=f"Made {when}")


def _story(doc: ReportDocument, width: float) -> list[Flowable]:
    s = get_styles()
    out: list[Flowable] = [para(line, s.body) for line in doc.summary]
    out += [para(line, s.small) for line in doc.notes]
    out.append(Spacer(1, 3 * mm))
    for drawing in doc.charts:
        scale = min(1.0, width / drawing.width)  # a chart never runs past the margins
        drawing.scale(scale, scale)
        drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
        out += [KeepTogether([drawing, Spacer(1, 4 * mm)])]
    for table in doc.tables:
        out += [CondPageBreak(40 * mm), para(table.title, s.heading)]
        out.append(_table(table, width) if table.rows else para("Nothing in this range.", s.small))
    return out


def _flexible(table: ReportTable) -> int:
    """The column that wraps: the text column with the longest cells."""
    text_columns = [i for i in range(len(table.headers)) if i not in table.figures] or [0]
    return max(text_columns, key=lambda i: max((len(r[i]) for r in table.rows), default=0))


def _table(table: ReportTable, width: float) -> Table:
    s = get_styles()
    flexible = _flexible(table)
    columns: list[Sequence[str] | None] = [None if i == flexible else [r[i] for r in table.rows]
                                           for i in range(len(table.headers))]
    widths, size = fit_columns(width, columns, headers=table.headers, size=8.5)
    cell = s.cell.clone("rp-cell", fontSize=size, leading=size * 1.25)
    right = cell.clone("rp-num", alignment=TA_RIGHT)
    head_right = s.cell_header.clone("rp-h-r", alignment=TA_RIGHT)
    rows: list[list] = [[Paragraph(esc(h), head_right if i in table.figures else s.cell_header)
                         for i, h in enumerate(table.headers)]]
    rows += [[Paragraph(esc(text), right if i in table.figures else cell) for i, text in enumerate(row)]
             for row in table.rows]
    out = Table(rows, colWidths=widths, repeatRows=1)
    style = [c for c in s.data_table.getCommands() if c[0] != "GRID"]
    style += [("BOX", (0, 0), (-1, -1), 0.5, RULE), ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE)]
    style += [("BACKGROUND", (0, r), (-1, r), LIGHT_FILL) for r in range(2, len(rows), 2)]
    out.setStyle(style)
    return out
