"""The delivery note: what left the workshop, how, and who received it.

Job, customer and delivery address, date, method (collected, delivered, installed on site:
printed as three boxes with the chosen one ticked), the items with their quantities and a
box to tick each one off, notes, and a received-by signature block.

    pdf = render_delivery_note(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.locale_text import DEFAULT_LOCALE
from .document import Letterhead, PageSetup, build_document
from .flowables import Box, Field, FieldRow, TickBox, WriteInBoxes
from .styles import INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_quantity, para, paragraphs

__all__ = ["METHODS", "DeliveryItem", "DeliveryNoteData", "render_delivery_note"]

#: The delivery methods, as stored -> as printed.
METHODS = {"collected": "Collected by the customer", "delivered": "Delivered", "installed": "Installed on site"}
_ALIASES = {"installed on site": "installed", "collect": "collected", "delivery": "delivered"}


@dataclass(frozen=True)
class DeliveryItem:
    description: str
    quantity: Decimal | int
    unit: str = ""  # "pcs", "set" …
    notes: str = ""  # "Run A, positions A1–A4"


@dataclass(frozen=True)
class DeliveryNoteData:
    job_number: str
    job_title: str
    customer_name: str
    delivery_date: date
    method: str  # "collected", "delivered" or "installed" ("installed on site" is accepted too)
    items: tuple[DeliveryItem, ...]
    number: str = ""  # the note's own number; "" prints the job number
    customer_address: str = ""  # the billing address's lines
    delivery_address: str = ""  # "" = none held: a space to write it in
    customer_reference: str = ""
    delivered_by: str = ""
    received_by: str = ""  # when already known (recorded on the job); otherwise written in
    notes: str = ""
    locale: str = DEFAULT_LOCALE  # the shop's: how dates are written


def method_key(method: str) -> str:
    """``"Installed on site"`` -> ``"installed"``. Raises ValueError for an unknown method."""
    key = method.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in METHODS:
        raise ValueError(f"Unknown delivery method “{method}”: use collected, delivered or installed on site.")
    return key


def render_delivery_note(data: DeliveryNoteData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The delivery note as PDF bytes."""
    method = method_key(data.method)
    story = _DeliveryNote(data, method, page.content_width).story()
    return build_document(
        story,
        letterhead,
        page,
        title="Delivery note",
        number=data.number or data.job_number,
        subtitle=" · ".join(x for x in (data.job_title, data.customer_name) if x),
        footer_note=f"{METHODS[method]} {format_date(data.delivery_date, locale=data.locale)}",
    )


class _DeliveryNote:
    def __init__(self, data: DeliveryNoteData, method: str, width: float) -> None:
        self.d = data
        self.method = method
        self.width = width
        s = self.s = get_styles()
        self.num = s.cell.clone("dn-num", alignment=TA_RIGHT, fontSize=11, leading=14)
        self.head_right = s.cell_header.clone("dn-h-r", alignment=TA_RIGHT)
        self.name = s.title.clone("dn-name", fontSize=12.5, leading=15.5)
        self.item = s.cell.clone("dn-item", fontSize=10.5, leading=13.5)

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [self._facts(), Spacer(1, 4 * mm), self._addresses(), Spacer(1, 4 * mm), self._method()]
        out += self._items()
        if d.notes:
            out.append(Paragraph("Notes", s.heading))
            out += paragraphs(d.notes, s.body.clone("dn-notes", spaceAfter=3), in_pieces=True)
        out.append(self._received())
        return out

    def _facts(self) -> Flowable:
        d = self.d
        return FieldRow(
            [
                Field("JOB", d.job_number, 0.24),
                Field("DATE", format_date(d.delivery_date, weekday=True, locale=d.locale), 0.24, fill=LIGHT_FILL),
                Field("ITEMS", str(len(d.items)), 0.12),
                Field("YOUR REFERENCE", d.customer_reference or "—", 0.4),
            ],
            value_size=12.5,
            outline=1.0,
        )

    def _addresses(self) -> Flowable:
        d, s = self.d, self.s
        customer: list[Flowable] = [Paragraph("CUSTOMER", s.label), para(d.customer_name, self.name)]
        if d.customer_address:
            customer.append(para(d.customer_address, s.body))
        deliver: list[Flowable] = [Paragraph("DELIVERY ADDRESS", s.label)]
        if d.delivery_address:
            deliver.append(para(d.delivery_address, s.body))
        else:  # nothing held: the driver writes it in, rather than reading "as the customer's" of nothing
            deliver += [Paragraph("<i>No address held: write it here.</i>", s.small), Spacer(1, 12 * mm)]
        goods: list[Flowable] = [Paragraph("GOODS", s.label), para(d.job_title, s.body, bold=True)]
        w = self.width / 3
        table = Table([[customer, deliver, goods]], colWidths=[w, w, w])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return table

    def _method(self) -> Flowable:
        s = self.s
        cells: list = [Paragraph("METHOD", s.label)]
        for key, label in METHODS.items():
            chosen = key == self.method
            mark = Paragraph("<b>X</b>" if chosen else "", s.cell_bold.clone(f"dn-x-{key}", alignment=1, fontSize=11, leading=11))
            cells.append(Table([[mark]], colWidths=[5 * mm], rowHeights=[5 * mm], style=[("BOX", (0, 0), (-1, -1), 1, INK), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
            cells.append(Paragraph(f"<b>{esc(label)}</b>" if chosen else esc(label), s.body))
        d = self.d
        rows = [cells]
        if d.delivered_by:
            rows.append(["", "", Paragraph(f"By <b>{esc(d.delivered_by)}</b>", s.body), "", "", "", ""])
        choice = (self.width - 16 * mm) / 3
        widths = [16 * mm] + [7 * mm, choice - 7 * mm] * 3
        table = Table(rows, colWidths=widths)
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *([("SPAN", (2, 1), (-1, 1)), ("TOPPADDING", (0, 1), (-1, 1), 0)] if d.delivered_by else []),
            ]
        )
        return table

    def _items(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [Paragraph(f"Items ({len(d.items)})", s.heading)]
        rows: list[list] = [
            [
                Paragraph("#", s.cell_header),
                Paragraph("Description", s.cell_header),
                Paragraph("Quantity", self.head_right),
                Paragraph("Unit", s.cell_header),
                Paragraph("Checked", s.cell_header),
            ]
        ]
        for i, item in enumerate(d.items, start=1):
            text = f"<b>{esc(item.description)}</b>"
            if item.notes:
                text += f"<br/><font size='8' color='#555555'>{esc(item.notes)}</font>"
            rows.append(
                [Paragraph(str(i), s.cell), Paragraph(text, self.item), Paragraph(esc(format_quantity(item.quantity)), self.num), para(item.unit, s.cell), TickBox(4.5 * mm)]
            )
        if not d.items:
            rows.append(["", Paragraph("<i>No items listed.</i>", s.cell), "", "", ""])
        widths = [9 * mm, None, 22 * mm, 16 * mm, 20 * mm]
        widths[1] = self.width - sum(w for w in widths if w)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(s.data_table)
        table.setStyle([("ALIGN", (4, 1), (4, -1), "CENTER"), ("VALIGN", (0, 1), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 1), (-1, -1), 4), ("BOTTOMPADDING", (0, 1), (-1, -1), 4)])
        return out + [table]

    def _received(self) -> Flowable:
        d, s = self.d, self.s
        text = "Received the goods listed above, complete and in good condition, except as noted here:"
        remarks = WriteInBoxes([Box("EXCEPTIONS / DAMAGE", 1)], 13 * mm)
        boxes = WriteInBoxes([Box("SIGNATURE", 0.4), Box("NAME (CAPITALS)", 0.35), Box("DATE AND TIME", 0.25)], 15 * mm)
        out: list[Flowable] = [Paragraph("Received by", s.heading), Paragraph(esc(text), s.body), Spacer(1, 2 * mm), remarks, Spacer(1, 3 * mm), boxes]
        if d.received_by:
            out.insert(2, Paragraph(f"Recorded as received by: <b>{esc(d.received_by)}</b>", s.body))
        return KeepTogether(out)
