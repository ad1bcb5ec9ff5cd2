"""The reorder list on paper: every material below its reorder level, what is on hand, on order
and allocated to open jobs, what to order, from whom and what it comes to at that price.

Plain data in, PDF bytes out. Each line's amount is the suggested quantity × the unit price,
rounded to the minor unit once; the total adds the lines as printed.

    pdf = render_reorder_list(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ..domain.locale_text import format_number
from .columns import fit_columns
from .document import Letterhead, PageSetup, build_document
from .money_text import money
from .styles import INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_datetime, para

__all__ = ["ReorderListData", "ReorderRow", "render_reorder_list"]

HEADERS = ("Material · supplier", "On hand", "On order", "Allocated", "Reorder level", "Order", "Unit price",
           "Amount")


@dataclass(frozen=True)
class ReorderRow:
    code: str
    name: str
    unit: str
    on_hand: Decimal
    on_order: Decimal
    allocated: Decimal
    reorder_level: Decimal
    suggested: Decimal
    supplier: str  # "" = no preferred supplier
    unit_price: Decimal
    amount: Decimal


@dataclass(frozen=True)
class ReorderListData:
    rows: Sequence[ReorderRow]
    as_of: datetime
    currency: str = "GBP"
    locale: str = "en_GB"

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.rows), Decimal("0.00"))


def render_reorder_list(data: ReorderListData, letterhead: Letterhead, page: PageSetup) -> bytes:
    story = _story(data, page.content_width)
    when = format_datetime(data.as_of, locale=data.locale)
    return build_document(story, letterhead, page, title="Reorder list", number=when,
                          subtitle="Materials below their reorder level",
                          footer_note=f"Stock as of {when}")


def _story(d: ReorderListData, width: float) -> list[Flowable]:
    s = get_styles()
    intro = ("Projected stock is on hand + on order − allocated to open jobs. A material is listed when that is "
             "below its reorder level; the order brings it back to the level, or is the material's reorder "
             "quantity when that is more (whole units for items counted each).")
    out: list[Flowable] = [Paragraph(esc(intro), s.small), Spacer(1, 3 * mm)]
    if not d.rows:
        return out + [Paragraph("Nothing is below its reorder level.", s.body)]

    def qty(value: Decimal) -> str:
        return format_number(value.normalize(), d.locale)

    def m(value: Decimal) -> str:
        return money(value, d.currency, d.locale)

    figures = [[qty(r.on_hand) for r in d.rows], [qty(r.on_order) for r in d.rows],
               [qty(r.allocated) for r in d.rows], [qty(r.reorder_level) for r in d.rows],
               [f"{qty(r.suggested)} {r.unit}" for r in d.rows], [m(r.unit_price) for r in d.rows],
               [m(r.amount) for r in d.rows] + [m(d.total)]]
    widths, size = fit_columns(width, [None, *figures], headers=HEADERS, size=9)
    num = s.cell.clone("rl-num", alignment=TA_RIGHT, fontSize=size, leading=size * 1.25)
    num_bold = s.cell_bold.clone("rl-num-b", alignment=TA_RIGHT, fontSize=size, leading=size * 1.25)
    head_right = s.cell_header.clone("rl-h-r", alignment=TA_RIGHT)
    rows: list[list] = [[Paragraph(h, s.cell_header if i == 0 else head_right) for i, h in enumerate(HEADERS)]]
    for r, *texts in zip(d.rows, *figures):
        supplier = esc(r.supplier) if r.supplier else "<i>no preferred supplier: at the average cost</i>"
        rows.append([Paragraph(f"<b>{esc(r.code)}</b> {esc(r.name)}<br/><font size='7.5' color='#555555'>"
                               f"{supplier}</font>", s.cell)]
                    + [Paragraph(esc(t), num_bold if i == 4 else num) for i, t in enumerate(texts)])
    rows.append([para("Total at these prices", s.cell_bold)] + [""] * 6 + [Paragraph(esc(m(d.total)), num_bold)])
    style = [c for c in s.data_table.getCommands() if c[0] != "GRID"]
    style += [("BOX", (0, 0), (-1, -1), 0.5, RULE), ("LINEAFTER", (0, 0), (-1, 0), 0.5, RULE),
              ("BACKGROUND", (0, -1), (-1, -1), LIGHT_FILL), ("LINEABOVE", (0, -1), (-1, -1), 1.2, INK)]
    style += [("LINEABOVE", (0, r), (-1, r), 0.5, RULE) for r in range(1, len(rows) - 1)]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(style)
    return out + [table]
