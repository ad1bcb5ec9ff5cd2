"""The invoice or credit note sent to a customer: who, what, how much tax at which rate, what is due.

Letterhead (the shop, its tax number), the customer's billing address and tax number, the
invoice, tax-point and due dates, the job, the lines, a tax summary by category and rate, the
totals (net, tax, gross, paid, due), the rounding rule, the job statement on a job's invoices,
then the payment terms and the bank account with an EPC QR code (``invoice_payment``). A credit
note says which invoice it corrects; a draft has no number and is marked "DRAFT — not a tax invoice".

Every figure is passed in already worked out (``domain.invoicing``); this module refuses an
invoice whose figures do not add up rather than print one that does not.

    pdf = render_invoice(data, letterhead, PageSetup("A4"))
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.invoicing import TaxCategory, TaxSubtotal
from .columns import fit_columns
from .document import Letterhead, PageSetup, build_document
from .flowables import Field, FieldRow
from .invoice_data import InvoiceData, InvoicePrintLine
from .invoice_payment import how_to_pay, job_statement
from .money_text import money, rate_percent
from .styles import ACCENT, HEADER_FILL, INK, LIGHT_FILL, RULE, get_styles
from .text import esc, format_date, format_quantity, para, paragraphs

__all__ = ["DRAFT_MARK", "InvoiceData", "InvoicePrintLine", "render_invoice"]

DRAFT_MARK = "DRAFT — not a tax invoice"


def render_invoice(data: InvoiceData, letterhead: Letterhead, page: PageSetup) -> bytes:
    """The invoice (or credit note) as PDF bytes. Raises ValueError when its figures do not add up."""
    _check(data)
    title = "Credit note" if data.credit_note else "Invoice"
    if data.is_draft:
        footer = DRAFT_MARK
    elif data.credit_note:
        footer = f"Corrects invoice {data.corrects}" if data.corrects else ""
    else:
        footer = f"Due {format_date(data.due_date, locale=data.locale)}" if data.due_date else ""
    return build_document(
        _Invoice(data, page.content_width).story(), letterhead, page,
        title=f"Draft {title.lower()}" if data.is_draft else title, number=data.number or "DRAFT",
        subtitle=" · ".join(x for x in (data.customer_name, data.job_number) if x), footer_note=footer,
    )


def _check(d: InvoiceData) -> None:
    def fmt(x: Decimal) -> str:
        return money(x, d.currency, d.locale)

    for group in d.subtotals:
        nets = sum((line.net for line in d.lines if _group_of(line) == (group.category, group.rate)), Decimal(0))
        if nets != group.taxable:
            raise ValueError(f"The {_rate_words(group, d.locale)} lines add up to {fmt(nets)}, not {fmt(group.taxable)}.")
    if sum((line.net for line in d.lines), Decimal(0)) != d.net or sum((g.taxable for g in d.subtotals), Decimal(0)) != d.net:
        raise ValueError(f"The lines do not add up to the net total {fmt(d.net)}.")
    if sum((g.tax for g in d.subtotals), Decimal(0)) != d.tax or d.net + d.tax != d.gross:
        raise ValueError(f"Invoice total does not add up: {fmt(d.net)} + {fmt(d.tax)} tax is not {fmt(d.gross)}.")
    if not d.credit_note and d.gross - d.paid - d.credited != d.due:
        raise ValueError(f"Amount due does not add up: {fmt(d.gross)} − {fmt(d.paid)} paid − {fmt(d.credited)} "
                         f"credited is not {fmt(d.due)}.")


def _group_of(line: InvoicePrintLine) -> tuple[TaxCategory, Decimal]:
    return TaxCategory(line.category), Decimal(line.rate)


def _rate_words(group: TaxSubtotal, locale: str) -> str:
    """``Standard 20%``, ``Zero rated 0%``, ``Exempt``: a tax group as the summary names it."""
    words = TaxCategory(group.category).label
    return words if group.category.needs_reason else f"{words} {rate_percent(group.rate, locale)}"


def _line_rate(line: InvoicePrintLine, locale: str) -> str:
    category = TaxCategory(line.category)
    return category.label if category.needs_reason else rate_percent(line.rate, locale)


class _Invoice:
    def __init__(self, data: InvoiceData, width: float) -> None:
        self.d = data
        self.width = width
        s = self.s = get_styles()
        self.right = s.cell.clone("inv-right", alignment=TA_RIGHT)
        self.header_right = s.cell_header.clone("inv-h-right", alignment=TA_RIGHT)
        self.customer = s.title.clone("inv-customer", fontSize=13, leading=16)
        self.total_label = s.cell_bold.clone("inv-total-l", fontSize=11.5, leading=14, alignment=TA_RIGHT)
        self.draft = s.title.clone("inv-draft", fontSize=16, leading=20, alignment=TA_CENTER, textColor=ACCENT)

    def m(self, amount: Decimal) -> str:
        return money(amount, self.d.currency, self.d.locale)

    def story(self) -> list[Flowable]:
        d, s = self.d, self.s
        out: list[Flowable] = []
        if d.is_draft:
            banner = Table([[Paragraph(esc(DRAFT_MARK), self.draft)]], colWidths=[self.width])
            banner.setStyle([("BOX", (0, 0), (-1, -1), 2, ACCENT), ("TOPPADDING", (0, 0), (-1, -1), 5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 7)])
            out += [banner, Spacer(1, 3 * mm)]
        out += [self._facts(), Spacer(1, 4 * mm), self._parties(), Spacer(1, 2 * mm), *self._lines(),
                Spacer(1, 4 * mm), self._summary(), *job_statement(d, self.width), *how_to_pay(d, self.width)]
        if d.notes.strip():
            out.append(Paragraph("Notes", s.heading))
            out += paragraphs(d.notes, s.body.clone("inv-notes", spaceAfter=3), in_pieces=True)
        return out

    # header ------------------------------------------------------------------------------------

    def _facts(self) -> Flowable:
        d = self.d
        day = lambda value: format_date(value, locale=d.locale)  # noqa: E731
        number = Field("CREDIT NOTE NO." if d.credit_note else "INVOICE NO.", d.number or "DRAFT", 0.22)
        dates = [Field("INVOICE DATE" if not d.credit_note else "DATE", day(d.issue_date), 0.18),
                 Field("TAX POINT", day(d.tax_point_date), 0.18)]
        if d.credit_note:
            last = [Field("CORRECTS INVOICE", d.corrects or "—", 0.2),
                    Field(f"TOTAL CREDITED (INCL. {d.tax_label.upper()})", self.m(d.gross), 0.3, fill=LIGHT_FILL)]
        else:
            last = [Field("DUE DATE", day(d.due_date), 0.18), Field("AMOUNT DUE", self.m(d.due), 0.24, fill=LIGHT_FILL)]
        return FieldRow([number, *dates, *last], value_size=12.5, outline=1.0)

    def _parties(self) -> Flowable:
        d, s = self.d, self.s
        left: list[Flowable] = [Paragraph("INVOICE TO" if not d.credit_note else "CREDIT TO", s.label),
                                para(d.customer_name, self.customer)]
        left += [para("\n".join(d.customer_address), s.body)] if d.customer_address else []
        if d.customer_tax_number:
            left.append(Paragraph(f"{esc(d.tax_label)} No. {esc(d.customer_tax_number)}", s.body))
        right: list[Flowable] = []
        job = " — ".join(x for x in (d.job_number, d.job_title) if x)
        for caption, value in (("JOB", job), ("FOR", d.kind)):
            if value:
                right += [Paragraph(caption, s.label), para(value, s.body), Spacer(1, 1.5 * mm)]
        right_w = 72 * mm
        table = Table([[left, right or ""]], colWidths=[self.width - right_w, right_w])
        table.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
        return table

    # lines and figures -------------------------------------------------------------------------

    def _lines(self) -> list[Flowable]:
        """The lines, under column headings repeated on every page; the totals follow once, after them."""
        d, s = self.d, self.s
        discounts = any(line.discount for line in d.lines)
        cells = [[esc(format_quantity(line.quantity)), esc(line.unit), esc(self.m(line.unit_price)),
                  *([esc(self.m(line.discount)) if line.discount else ""] if discounts else []),
                  esc(self.m(line.net)), esc(_line_rate(line, d.locale))] for line in d.lines]
        headers = ["Description", "Qty", "Unit", "Unit price", *(["Discount"] if discounts else []), "Net",
                   d.tax_label]
        columns = [None, *(list(texts) for texts in zip(*cells))] if cells else [None] + [[]] * (len(headers) - 1)
        widths, size = fit_columns(self.width, columns, headers=headers)
        figure = self.right.clone("inv-figure", fontSize=size, leading=size + 2.5)
        unit = s.cell.clone("inv-unit", fontSize=size, leading=size + 2.5)
        rows: list[list] = [[Paragraph(esc(h), s.cell_header if i in (0, 2) else self.header_right)
                             for i, h in enumerate(headers)]]
        for line, texts in zip(d.lines, cells):
            rows.append([para(line.description, s.cell)]
                        + [Paragraph(t, unit if i == 1 else figure)
                           for i, t in enumerate(texts)])
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(s.data_table)
        if len(d.lines) > 3:
            table.setStyle([("ROWBACKGROUNDS", (0, 1), (-1, -1), [None, LIGHT_FILL])])
        out: list[Flowable] = [Paragraph("Credited" if d.credit_note else "Invoiced", s.heading)]
        if d.corrects:
            out.append(Paragraph(f"This credit note corrects invoice <b>{esc(d.corrects)}</b>.",
                                 s.body.clone("inv-corrects", spaceAfter=4)))
        return out + [table]

    def _summary(self) -> Flowable:
        """The tax summary beside the totals, with the rounding rule under them: kept on one page."""
        d, s = self.d, self.s
        rows: list[list] = [[Paragraph(f"{esc(d.tax_label)} summary", s.cell_header),
                             Paragraph("Taxable", self.header_right), Paragraph(esc(d.tax_label), self.header_right)]]
        for group in d.subtotals:
            words = esc(_rate_words(group, d.locale))
            if group.exemption_reason:
                words += f"<br/><font size='8'>{esc(group.exemption_reason)}</font>"
            rows.append([Paragraph(words, s.cell), Paragraph(esc(self.m(group.taxable)), self.right),
                         Paragraph(esc(self.m(group.tax)), self.right)])
        summary_w = self.width * 0.52
        summary = Table(rows, colWidths=[summary_w - 56 * mm, 30 * mm, 26 * mm])
        summary.setStyle(s.data_table)
        totals = self._totals()
        gap = 6 * mm
        both = Table([[summary, totals]], colWidths=[summary_w + gap, self.width - summary_w - gap])
        both.setStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                       ("RIGHTPADDING", (0, 0), (0, 0), gap), ("RIGHTPADDING", (1, 0), (1, 0), 0),
                       ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
        rule = Paragraph(esc(d.rule_text), s.small.clone("inv-rule", spaceBefore=5)) if d.rule_text else Spacer(1, 0)
        return KeepTogether([both, rule])

    def _totals(self) -> Flowable:
        d, label = self.d, self.d.tax_label
        rows = [(f"Total net (excl. {label})", self.m(d.net)), (f"Total {label}", self.m(d.tax))]
        if d.credit_note:
            rows.append(("Total credited", self.m(d.gross)))
        else:
            rows.append((f"Total (incl. {label})", self.m(d.gross)))
            rows.append(("Paid", self.m(d.paid)))
            if d.credited:
                rows.append(("Less credit notes", self.m(d.credited)))
            rows.append(("Amount due", self.m(d.due)))
        cells = [[Paragraph(esc(a), self.right), Paragraph(esc(b), self.right)] for a, b in rows[:-1]]
        cells.append([Paragraph(esc(rows[-1][0]), self.total_label), Paragraph(esc(rows[-1][1]), self.total_label)])
        width = self.width * 0.48 - 6 * mm
        table = Table(cells, colWidths=[width - 36 * mm, 36 * mm])
        last = len(cells) - 1
        table.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                        ("BOTTOMPADDING", (0, 0), (-1, -1), 2), ("LINEBELOW", (0, 1), (-1, 1), 0.5, RULE),
                        ("BACKGROUND", (0, last), (-1, last), HEADER_FILL), ("BOX", (0, last), (-1, last), 1.2, INK),
                        ("TOPPADDING", (0, last), (-1, last), 5), ("BOTTOMPADDING", (0, last), (-1, last), 5)])
        return table
