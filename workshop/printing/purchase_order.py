"""The purchase order sent to a supplier: what we order, at what price, by when, delivered where.

The supplier's name and address, our order number (to quote on their delivery note and
invoice), the date, the delivery date, the job it is for, and the lines with the supplier's own
code, description, quantity, unit, unit price and amount, the total before tax, and notes. A
draft says it is not yet sent; a cancelled order says so and why.

    pdf = render_purchase_order(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table

from ..domain.locale_text import DEFAULT_LOCALE, format_number
from .document import Letterhead, PageSetup, build_document
from .flowables import Field, FieldRow
from .money_text import money
from .styles import HEADER_FILL, INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_quantity, para, paragraphs

__all__ = ["PurchaseOrderData", "PurchaseOrderLineData", "render_purchase_order"]


@dataclass(frozen=True)
class PurchaseOrderLineData:
    description: str
    quantity: Decimal
    unit: str
    unit_price: Decimal
    amount: Decimal  # quantity × unit price, to the minor unit
    supplier_code: str = ""  # the supplier's own code for it
    expected_on: date | None = None  # when the line's date differs from the order's
    job_number: str = ""  # when the line is for a job other than the order's


@dataclass(frozen=True)
class PurchaseOrderData:
    number: str  # "PO-2026-0007"
    order_date: date
    supplier_name: str
    lines: tuple[PurchaseOrderLineData, ...]
    total: Decimal  # the lines' amounts, before tax
    supplier_address: str = ""
    supplier_contact: str = ""
    supplier_email: str = ""
    supplier_phone: str = ""
    expected_on: date | None = None
    job_number: str = ""  # the order is for this job ("" for stock, or line by line)
    deliver_to: str = ""  # our address, one line each
    notes: str = ""
    status: str = "sent"  # "draft" and "cancelled" are printed as such
    cancel_reason: str = ""
    currency: str = "GBP"
    locale: str = DEFAULT_LOCALE


def render_purchase_order(data: PurchaseOrderData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The order as PDF bytes. Raises ValueError when its lines do not add up to its total."""
    lines_total = sum((line.amount for line in data.lines), Decimal(0))
    if lines_total != data.total:
        raise ValueError(f"Purchase order lines add up to {money(lines_total, data.currency, data.locale)}, "
                         f"not the total {money(data.total, data.currency, data.locale)}.")
    story = _PurchaseOrder(data, letterhead, page.content_width).story()
    return build_document(story, letterhead, page, title="Purchase order", number=data.number,
                          subtitle=data.supplier_name,
                          footer_note=f"Please quote {data.number} on your delivery note and invoice")


class _PurchaseOrder:
    def __init__(self, data: PurchaseOrderData, letterhead: Letterhead, width: float) -> None:
        self.d, self.letterhead, self.width = data, letterhead, width
        s = self.s = get_styles()
        self.right = s.cell.clone("po-right", alignment=TA_RIGHT)
        self.head_right = s.cell_header.clone("po-h-right", alignment=TA_RIGHT)
        self.total = s.cell_bold.clone("po-total", fontSize=11, leading=14, alignment=TA_RIGHT)
        self.name = s.title.clone("po-name", fontSize=13, leading=16)
        self.banner = s.body_large.clone("po-banner", textColor=INK)

    def m(self, amount: Decimal) -> str:
        return money(amount, self.d.currency, self.d.locale)

    def qty(self, quantity: Decimal) -> str:
        """``2.5`` as the shop writes it (``2,5`` in de_DE), no trailing zeros."""
        return format_number(Decimal(format_quantity(quantity)), self.d.locale)

    def date(self, day: date | None) -> str:
        return format_date(day, locale=self.d.locale)

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [self._facts(), Spacer(1, 4 * mm)]
        out += self._banner()
        out += [self._addresses(), Spacer(1, 2 * mm), Paragraph("Please supply", s.heading), self._lines()]
        out.append(Paragraph(esc(f"Prices are in {d.currency} and exclude tax. Please quote {d.number} on your "
                                 "delivery note and invoice, and tell us at once if any date cannot be met."),
                             s.body.clone("po-terms", spaceBefore=6)))
        if d.notes:
            out.append(Paragraph("Notes", s.heading))
            out += paragraphs(d.notes, s.body.clone("po-notes", spaceAfter=3), in_pieces=True)
        out.append(Spacer(1, 6 * mm))
        out.append(Paragraph(f"For {esc(self.letterhead.name)}", s.small))
        return out

    def _facts(self) -> Flowable:
        d = self.d
        return FieldRow([
            Field("PURCHASE ORDER", d.number, 0.22),
            Field("DATE", self.date(d.order_date), 0.17),
            Field("DELIVERY BY", self.date(d.expected_on), 0.17),
            Field("FOR JOB", d.job_number or "Stock", 0.18),
            Field("TOTAL (EXCL. TAX)", self.m(d.total), 0.26, fill=LIGHT_FILL),
        ], value_size=12.5, outline=1.0)

    def _banner(self) -> list[Flowable]:
        d = self.d
        if d.status == "draft":
            text = "<b>DRAFT</b>: not yet sent; not an order until it is."
        elif d.status == "cancelled":
            text = "<b>CANCELLED</b>: please do not supply." + (f" {esc(d.cancel_reason)}" if d.cancel_reason else "")
        else:
            return []
        box = Table([[Paragraph(text, self.banner)]], colWidths=[self.width])
        box.setStyle([("BOX", (0, 0), (-1, -1), 1.2, INK), ("BACKGROUND", (0, 0), (-1, -1), HEADER_FILL)])
        return [box, Spacer(1, 4 * mm)]

    def _addresses(self) -> Flowable:
        d, s = self.d, self.s
        supplier: list[Flowable] = [Paragraph("SUPPLIER", s.label), para(d.supplier_name, self.name)]
        if d.supplier_address:
            supplier.append(para(d.supplier_address, s.body))
        if d.supplier_contact:
            supplier.append(para(f"For the attention of {d.supplier_contact}", s.small))
        contact = " · ".join(x for x in (d.supplier_email, d.supplier_phone) if x)
        if contact:
            supplier.append(para(contact, s.small))
        deliver: list[Flowable] = [Paragraph("DELIVER TO", s.label), para(self.letterhead.name, s.body, bold=True)]
        if d.deliver_to:
            deliver.append(para(d.deliver_to, s.body))
        half = self.width / 2
        table = Table([[supplier, deliver]], colWidths=[half, half])
        table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 8), ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
        return table

    def _lines(self) -> Flowable:
        d, s = self.d, self.s
        header = [Paragraph("#", s.cell_header), Paragraph("Your code", s.cell_header),
                  Paragraph("Description", s.cell_header), Paragraph("Quantity", self.head_right),
                  Paragraph("Unit", s.cell_header), Paragraph("Unit price", self.head_right),
                  Paragraph("Amount", self.head_right)]
        rows: list[list] = [header]
        for i, line in enumerate(d.lines, start=1):
            text = esc(line.description)
            extra = [f"for {line.job_number}" if line.job_number else "",
                     f"by {self.date(line.expected_on)}" if line.expected_on else ""]
            if any(extra):
                text += f"<br/><font size='8' color='#555555'>{esc(' · '.join(x for x in extra if x))}</font>"
            rows.append([Paragraph(str(i), s.cell), para(line.supplier_code, s.cell), Paragraph(text, s.cell),
                         Paragraph(esc(self.qty(line.quantity)), self.right), para(line.unit, s.cell),
                         Paragraph(esc(self.m(line.unit_price)), self.right),
                         Paragraph(esc(self.m(line.amount)), self.right)])
        if not d.lines:
            rows.append(["", "", Paragraph("<i>No lines yet.</i>", s.cell), "", "", "", ""])
        total_row = len(rows)
        rows.append(["", "", Paragraph("Total (excl. tax)", self.total), "", "", "",
                     Paragraph(esc(self.m(d.total)), self.total)])
        widths = [8 * mm, 28 * mm, None, 20 * mm, 13 * mm, 25 * mm, 27 * mm]
        widths[2] = self.width - sum(w for w in widths if w)
        commands = [c for c in s.data_table.getCommands() if c[0] != "GRID"]
        commands += [("GRID", (0, 0), (-1, total_row - 1), 0.5, RULE),
                     ("SPAN", (2, total_row), (5, total_row)),
                     ("LINEABOVE", (0, total_row), (-1, total_row), 1.0, INK),
                     ("BACKGROUND", (2, total_row), (-1, total_row), HEADER_FILL),
                     ("BOX", (2, total_row), (-1, total_row), 1.2, INK),
                     ("TOPPADDING", (0, total_row), (-1, total_row), 5),
                     ("BOTTOMPADDING", (0, total_row), (-1, total_row), 5)]
        if len(d.lines) > 3:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, total_row - 1), [None, LIGHT_FILL]))
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(commands)
        return table
