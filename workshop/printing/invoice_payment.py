"""The parts of an invoice about getting paid: the job statement, and how to pay (the terms, the
shop's bank account, and for a euro invoice with something due an EPC QR code to pay it by).

Both take the plain :class:`InvoiceData`; neither prints on a credit note.
"""

from __future__ import annotations

from decimal import Decimal

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from ..domain.bank_account import grouped
from .epc_qr import epc_qr
from .invoice_data import InvoiceData
from .money_text import money
from .styles import INK, LIGHT_FILL, RULE, get_styles
from .text import esc, para, paragraphs

SCAN_TO_PAY = "Scan to pay with your banking app"
_QR_SIZE = 30 * mm
_FLAT = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
         ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
         ("VALIGN", (0, 0), (-1, -1), "TOP")]


def pays_by_qr(d: InvoiceData) -> bool:
    """The EPC QR code is for euro transfers into an IBAN, of what is still due on an issued invoice."""
    return (not d.credit_note and not d.is_draft and d.currency == "EUR" and bool(d.iban)
            and d.due > Decimal(0))


def job_statement(d: InvoiceData, width: float) -> list[Flowable]:
    """Where the job's billing stands: contract, changes, each invoice before this one by number,
    this invoice, what remains on the contract, and what has been paid (all tax included)."""
    st = d.statement
    if st is None or d.credit_note:
        return []
    s = get_styles()
    right = s.cell.clone("stmt-right", alignment=TA_RIGHT)
    bold_right = s.cell_bold.clone("stmt-bold-right", alignment=TA_RIGHT)

    def m(amount: Decimal) -> str:
        return money(amount, d.currency, d.locale)

    rows: list[tuple[str, str, str]] = [("Contract value", "", m(st.contract)),
                                        ("Approved changes", "", m(st.approved_changes))]
    rows += [("Invoiced before", number, m(gross)) for number, gross in st.invoiced_before] \
        or [("Invoiced before", "—", m(Decimal(0)))]
    rows.append(("This invoice", d.number or "this draft", m(st.this_invoice)))
    cells = [[Paragraph(esc(a), s.cell), Paragraph(esc(b), s.cell), Paragraph(esc(c), right)] for a, b, c in rows]
    remaining = len(cells)
    cells.append([Paragraph("Remaining on the contract", s.cell_bold), "", Paragraph(esc(m(st.remaining)), bold_right)])
    cells.append([Paragraph("Paid to date, all invoices of the job", s.cell), "",
                  Paragraph(esc(m(st.paid_to_date)), right)])
    table_w = min(width, 120 * mm)
    table = Table(cells, colWidths=[table_w - 70 * mm, 36 * mm, 34 * mm], hAlign="LEFT")
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5), ("LINEABOVE", (0, remaining), (-1, remaining), 0.8, INK),
                    ("BACKGROUND", (0, remaining), (-1, remaining), LIGHT_FILL),
                    ("LINEBELOW", (0, -1), (-1, -1), 0.5, RULE), ("SPAN", (0, -1), (1, -1)),
                    ("SPAN", (0, remaining), (1, remaining))])
    heading = Paragraph(f"Job statement <font size='8.5'>(amounts incl. {esc(d.tax_label)})</font>", s.heading)
    return [KeepTogether([heading, table])]


def how_to_pay(d: InvoiceData, width: float) -> list[Flowable]:
    """The payment terms, then the account to pay into with the invoice number as the reference,
    beside the EPC QR code when :func:`pays_by_qr`."""
    if d.credit_note:
        return []
    s = get_styles()
    left: list[Flowable] = []
    if d.payment_terms.strip():
        left += [Paragraph("Payment terms", s.heading), *paragraphs(d.payment_terms, s.body.clone("pay-terms",
                                                                                               spaceAfter=3))]
    account = [(label, value) for label, value in (("Account name", d.account_name if d.iban else ""),
                                                   ("IBAN", grouped(d.iban)), ("BIC", d.bic),
                                                   ("Reference", d.number if d.iban or d.bic else ""))
               if value]
    if account:
        label = s.cell.clone("pay-label", textColor=INK)
        rows = [[Paragraph(esc(caption), label), para(value, s.cell_bold)] for caption, value in account]
        details = Table(rows, colWidths=[28 * mm, None], hAlign="LEFT")
        details.setStyle([*_FLAT, ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1)])
        left += [Paragraph("Pay by bank transfer to", s.heading), details]
    if not left:
        return []
    if not pays_by_qr(d):
        return left
    caption = s.small.clone("pay-scan", alignment=TA_CENTER)
    qr = [epc_qr(name=d.account_name, iban=d.iban, bic=d.bic, amount=d.due, remittance=d.number or "",
                 size=_QR_SIZE), Paragraph(esc(SCAN_TO_PAY), caption)]
    qr_w = _QR_SIZE + 10 * mm
    both = Table([[left, qr]], colWidths=[width - qr_w, qr_w])
    both.setStyle([*_FLAT, ("VALIGN", (1, 0), (1, 0), "BOTTOM")])
    return [Spacer(1, 1 * mm), KeepTogether([both])]
