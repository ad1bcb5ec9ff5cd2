"""The quotation sent to a customer: what we will make, for what price, on what terms.

A quote shows the customer the *price*, not our internal costs: scope lines with their
prices (or, with ``show_line_prices=False``, the scope alone and one price), an optional
design fee, the subtotal, tax at its rate and the total. Every figure is passed in already
worked out by the pricing service (tax on the document total, rounded half-up); this module
only checks that the figures it prints add up, and refuses a quote whose lines do not.

    pdf = render_quote(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.money import tax_rounding_rule
from ..domain.wording import plural
from .document import Letterhead, PageSetup, build_document
from .flowables import Box, Field, FieldRow, WriteInBoxes
from .money_text import money, rate_percent
from .styles import ACCENT, HEADER_FILL, INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, para, paragraphs

__all__ = ["QuoteData", "QuoteLine", "quote_label", "render_quote"]


@dataclass(frozen=True)
class QuoteLine:
    """One line of the scope. ``amount`` is the price to the customer (before tax); None = included."""

    description: str
    category: str = ""  # "Cabinetry", "Worktops", "Installation" …
    amount: Decimal | None = None


@dataclass(frozen=True)
class QuoteData:
    number: str  # "Q-2026-0012"
    revision: int  # 1 = first issue; printed as "Q-2026-0012 rev 2" from revision 2
    quote_date: date
    valid_until: date | None
    customer_name: str
    title: str
    net: Decimal  # price before tax: the lines (when priced) plus the design fee
    tax_rate: Decimal  # percent: 20 = 20%
    tax: Decimal  # tax on the net total, already rounded
    gross: Decimal  # net + tax: the price the customer pays
    customer_address: str = ""  # the billing address's lines, one a line (country last when abroad)
    customer_contact: str = ""  # printed "For the attention of …"
    customer_reference: str = ""  # the customer's enquiry or PO reference
    specification: str = ""  # the description / specification, several paragraphs
    lines: tuple[QuoteLine, ...] = ()
    design_fee: Decimal = Decimal("0")
    show_line_prices: bool = True  # False: the scope without prices, and one price below it
    payment_terms: str = ""
    exclusions: str = ""  # what the price does not include
    terms: str = ""
    notes: str = ""
    prepared_by: str = ""
    currency: str = "GBP"
    locale: str = "en_GB"
    tax_label: str = "VAT"  # "VAT", "Sales tax", "GST" …
    delivery_by: date | None = None  # the delivery date promised: "Delivery: by 15 Dec 2026"


def quote_label(number: str, revision: int) -> str:
    """``Q-2026-0012`` for the first issue, ``Q-2026-0012 rev 2`` after it (as the quotes service)."""
    return number if revision <= 1 else f"{number} rev {revision}"


def render_quote(data: QuoteData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The quote as PDF bytes. Raises ValueError when its figures do not add up."""
    _check(data)
    label = quote_label(data.number, data.revision)
    story = _Quote(data, letterhead, page.content_width, label).story()
    return build_document(
        story,
        letterhead,
        page,
        title="Quotation",
        number=label,
        subtitle=" · ".join(x for x in (data.title, data.customer_name) if x),
        footer_note=f"Valid until {format_date(data.valid_until, locale=data.locale)}" if data.valid_until else "",
    )


def _check(d: QuoteData) -> None:
    def fmt(x: Decimal) -> str:
        return money(x, d.currency, d.locale)

    if d.revision < 1:
        raise ValueError(f"Quote revision must be 1 or more, not {d.revision}.")
    if d.net + d.tax != d.gross:
        raise ValueError(f"Quote total does not add up: {fmt(d.net)} + {fmt(d.tax)} tax is not {fmt(d.gross)}.")
    if d.show_line_prices and d.lines:
        lines_total = sum((line.amount or Decimal(0) for line in d.lines), Decimal(0))
        if lines_total + d.design_fee != d.net:
            raise ValueError(
                f"Quote lines add up to {fmt(lines_total)}"
                + (f" plus a design fee of {fmt(d.design_fee)}" if d.design_fee else "")
                + f", but the price before tax is {fmt(d.net)}."
            )


class _Quote:
    def __init__(self, data: QuoteData, letterhead: Letterhead, width: float, label: str) -> None:
        self.d = data
        self.letterhead = letterhead
        self.width = width
        self.label = label
        s = self.s = get_styles()
        self.right = s.cell.clone("q-right", alignment=TA_RIGHT)
        self.right_bold = s.cell_bold.clone("q-right-bold", alignment=TA_RIGHT)
        self.header_right = s.cell_header.clone("q-h-right", alignment=TA_RIGHT)
        self.customer = s.title.clone("q-customer", fontSize=13, leading=16)
        self.title = s.title.clone("q-title", fontSize=17, leading=21, spaceBefore=2, spaceAfter=2)
        self.total_label = s.cell_bold.clone("q-total-l", fontSize=11.5, leading=14, alignment=TA_RIGHT)
        self.total_value = s.cell_bold.clone("q-total-v", fontSize=11.5, leading=14, alignment=TA_RIGHT)

    def m(self, amount: Decimal | None) -> str:
        return money(amount, self.d.currency, self.d.locale)

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = [self._facts(), Spacer(1, 4 * mm), self._addressee(), Spacer(1, 4 * mm)]
        out.append(para(d.title, self.title))
        if d.specification:
            out.append(Paragraph("Description and specification", s.heading))
            out += paragraphs(d.specification, s.body.clone("q-spec", spaceAfter=4), in_pieces=True)
        out += self._scope()
        out += self._validity()
        if d.notes:
            out.append(Paragraph("Notes", s.heading))
            out += paragraphs(d.notes, s.body.clone("q-notes", spaceAfter=3), in_pieces=True)
        for heading, text in (("Payment terms", d.payment_terms), ("Not included", d.exclusions), ("Terms", d.terms)):
            if text.strip():
                out.append(Paragraph(heading, s.heading))
                out += paragraphs(text, s.body.clone("q-terms", fontSize=8.5, leading=11, spaceAfter=3),
                                  in_pieces=True)
        out.append(self._acceptance())
        return out

    # header ------------------------------------------------------------------------------------

    def _facts(self) -> Flowable:
        d = self.d
        return FieldRow(
            [
                Field("QUOTATION", self.label, 0.24),
                Field("DATE", format_date(d.quote_date, locale=d.locale), 0.17),
                Field("VALID UNTIL", format_date(d.valid_until, locale=d.locale), 0.17),
                Field(f"TOTAL PRICE (INCL. {d.tax_label.upper()})", self.m(d.gross), 0.42, fill=LIGHT_FILL),
            ],
            value_size=13,
            outline=1.0,
        )

    def _addressee(self) -> Flowable:
        d, s = self.d, self.s
        left: list[Flowable] = [Paragraph("PREPARED FOR", s.label), para(d.customer_name, self.customer)]
        left += [para(d.customer_address, s.body)] if d.customer_address else []
        left += [para(f"For the attention of {d.customer_contact}", s.small)] if d.customer_contact else []
        right: list[Flowable] = []
        for caption, value in (
            ("YOUR REFERENCE", d.customer_reference),
            ("PREPARED BY", d.prepared_by),
        ):
            if value:
                right += [Paragraph(caption, s.label), para(value, s.body), Spacer(1, 1.5 * mm)]
        right_w = 62 * mm
        table = Table([[left, right or ""]], colWidths=[self.width - right_w, right_w])
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
        return table

    # scope and price ---------------------------------------------------------------------------

    def _scope(self) -> list[Flowable]:
        """The scope table. With prices, the totals are the table's last rows: they follow the
        lines onto the next page under the repeated column headings, never alone."""
        d, s = self.d, self.s
        priced = d.show_line_prices
        out: list[Flowable] = [Paragraph("Scope and price" if priced else "Scope of work", s.heading)]
        header = [Paragraph("#", s.cell_header), Paragraph("Description", s.cell_header), Paragraph("Category", s.cell_header)]
        widths: list[float | None] = [9 * mm, None, 38 * mm]
        if priced:
            header.append(Paragraph("Amount", self.header_right))
            widths.append(34 * mm)
        widths[1] = self.width - sum(w for w in widths if w)
        rows: list[list] = [header]
        for i, line in enumerate(d.lines, start=1):
            row = [Paragraph(str(i), s.cell), para(line.description, s.cell), para(line.category, s.cell)]
            if priced:
                row.append(Paragraph(esc(self.m(line.amount)) if line.amount is not None else "<i>Included</i>", self.right))
            rows.append(row)
        if not d.lines:
            rows.append(["", Paragraph("<i>As described above.</i>", s.cell), ""] + ([""] if priced else []))
        # The house table style, with the grid drawn only over the lines (not the totals below them).
        commands: list[tuple] = [c for c in s.data_table.getCommands() if c[0] != "GRID"]
        commands.append(("GRID", (0, 0), (-1, len(rows) - 1), 0.5, RULE))
        if len(d.lines) > 3:
            commands.append(("ROWBACKGROUNDS", (0, 1), (-1, len(rows) - 1), [None, LIGHT_FILL]))
        if not priced:
            table = Table(rows, colWidths=widths, repeatRows=1)
            table.setStyle(commands)
            return out + [table, Spacer(1, 2 * mm), self._totals_table()]
        first_total = len(rows)
        totals = self._totals_rows()
        for label, amount in totals[:-1]:
            rows.append(["", Paragraph(esc(label), self.right), "", Paragraph(esc(amount), self.right)])
        label, amount = totals[-1]
        rows.append(["", Paragraph(esc(label), self.total_label), "", Paragraph(esc(amount), self.total_value)])
        last = len(rows) - 1
        commands += [("SPAN", (1, r), (2, r)) for r in range(first_total, len(rows))]
        commands += [
            # The totals stand clear of the grid: no inner lines, a rule over them, the price boxed.
            ("LINEABOVE", (0, first_total), (-1, first_total), 1.0, INK),
            ("LINEBELOW", (1, last - 1), (-1, last - 1), 0.5, RULE),
            ("TOPPADDING", (0, first_total), (-1, -1), 2),
            ("BOTTOMPADDING", (0, first_total), (-1, -1), 2),
            ("BACKGROUND", (1, last), (-1, last), HEADER_FILL),
            ("BOX", (1, last), (-1, last), 1.2, INK),
            ("TOPPADDING", (0, last), (-1, last), 5),
            ("BOTTOMPADDING", (0, last), (-1, last), 5),
            ("VALIGN", (0, last), (-1, last), "MIDDLE"),
        ]
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(commands)
        return out + [table]

    def _totals_rows(self) -> list[tuple[str, str]]:
        d = self.d
        rows: list[tuple[str, str]] = []
        if d.design_fee:
            if d.show_line_prices and d.lines:
                rows.append(("Total of the lines above", self.m(d.net - d.design_fee)))
            rows.append(("Design fee", self.m(d.design_fee)))
        rows.append((f"Subtotal (excl. {d.tax_label})", self.m(d.net)))
        rows.append((f"{d.tax_label} at {rate_percent(d.tax_rate, d.locale)}", self.m(d.tax)))
        rows.append((f"Total price (incl. {d.tax_label})", self.m(d.gross)))
        return rows

    def _totals_table(self) -> Flowable:
        """Totals under an unpriced scope: one block, right-aligned."""
        totals = self._totals_rows()
        cells = [[Paragraph(esc(a), self.right), Paragraph(esc(b), self.right)] for a, b in totals[:-1]]
        cells.append([Paragraph(esc(totals[-1][0]), self.total_label), Paragraph(esc(totals[-1][1]), self.total_value)])
        value_w, label_w = 36 * mm, 70 * mm
        table = Table([["", *row] for row in cells], colWidths=[self.width - value_w - label_w, label_w, value_w])
        last = len(cells) - 1
        table.setStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LINEBELOW", (1, last - 1), (-1, last - 1), 0.5, RULE),
                ("BACKGROUND", (1, last), (-1, last), HEADER_FILL),
                ("BOX", (1, last), (-1, last), 1.2, INK),
                ("TOPPADDING", (1, last), (-1, last), 5),
                ("BOTTOMPADDING", (1, last), (-1, last), 5),
            ]
        )
        return KeepTogether([table])

    def _validity(self) -> list[Flowable]:
        d, s = self.d, self.s
        style = s.body.clone("q-valid", spaceBefore=6)
        if d.valid_until is not None:
            days = (d.valid_until - d.quote_date).days
            span = f" ({plural(days, 'day')} from the date of this quotation)" if days > 0 else ""
            until = format_date(d.valid_until, weekday=True, locale=d.locale)
            text = f"This quotation is valid until <b>{esc(until)}</b>{esc(span)}."
        else:
            text = "This quotation has no fixed validity date."
        text += f" All prices are in {esc(d.currency)}; {esc(d.tax_label)} is charged at {esc(rate_percent(d.tax_rate, d.locale))}."
        text += " " + esc(tax_rounding_rule(d.currency, d.tax_label))  # the document's rounding rule, once
        out = [Paragraph(text, style)]
        if d.delivery_by is not None:
            out.insert(0, Paragraph(f"Delivery: by <b>{esc(format_date(d.delivery_by, locale=d.locale))}</b>.", style))
        return out

    # acceptance --------------------------------------------------------------------------------

    def _acceptance(self) -> Flowable:
        d, s = self.d, self.s
        text = (
            f"To accept, please sign and return this page. I/We accept quotation <b>{esc(self.label)}</b>"
            f" for <b>{esc(self.m(d.gross))}</b> (including {esc(d.tax_label)}) on the terms above."
        )
        boxes_1 = WriteInBoxes(
            [Box("SIGNATURE", 0.45), Box("NAME (CAPITALS)", 0.35), Box("DATE", 0.2)], 15 * mm, outline=True
        )
        boxes_2 = WriteInBoxes(
            [Box("FOR AND ON BEHALF OF", 0.6), Box("YOUR ORDER / PO NUMBER", 0.4)], 11 * mm, outline=True
        )
        ours = f"For {esc(self.letterhead.name)}" + (f": <b>{esc(d.prepared_by)}</b>" if d.prepared_by else "")
        return KeepTogether(
            [
                Paragraph("Acceptance", s.heading.clone("q-acc", textColor=ACCENT)),
                Paragraph(text, s.body),
                Spacer(1, 3 * mm),
                boxes_1,
                boxes_2,
                Spacer(1, 2 * mm),
                Paragraph(ours, s.small),
            ]
        )
