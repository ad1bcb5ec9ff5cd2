"""What can be done to an invoice, the same from the Invoices tab and from the invoice's own
window: issue it (after asking), record a payment, credit it, preview or print it, save it as a
Factur-X e-invoice. Each works on the invoice's id and says what happened."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QMessageBox, QPushButton, QWidget

from ...domain.invoice_status import OPEN_INVOICE_STATUSES, InvoiceStatus
from ...domain.invoicing import InvoiceKind
from ...services import invoices
from ...services.invoice_views import InvoiceRow, InvoiceView
from ..context import AppContext
from ..file_dialogs import start_in
from ..plain_text import ask_yes_no
from ..tasks import run_with_progress

Invoiceish = InvoiceView | InvoiceRow


def action_button(text: str, name: str, slot, *, tip: str = "", shortcut=None) -> QPushButton:
    """One of the invoice buttons (the tab's and the editor's): named for tests, its slot connected."""
    button = QPushButton(text, objectName=name, toolTip=tip)
    button.clicked.connect(slot)
    if shortcut is not None:
        button.setShortcut(QKeySequence(shortcut))
    return button


def button_row(left: tuple[QPushButton, ...], right: tuple[QPushButton, ...]) -> QHBoxLayout:
    """What changes the invoice on the left; printing, saving, leaving on the right."""
    row = QHBoxLayout()
    for button in left:
        row.addWidget(button)
    row.addStretch(1)
    for button in right:
        row.addWidget(button)
    return row


def is_draft(invoice: Invoiceish | None) -> bool:
    return invoice is not None and invoice.status is InvoiceStatus.DRAFT


def can_pay(invoice: Invoiceish | None) -> bool:
    return (invoice is not None and invoice.status in OPEN_INVOICE_STATUSES
            and invoice.kind is not InvoiceKind.CREDIT_NOTE)


def can_credit(invoice: Invoiceish | None) -> bool:
    """An issued invoice (paid or not: a refund is a credit note too); a credit note is never credited."""
    return invoice is not None and not is_draft(invoice) and invoice.kind is not InvoiceKind.CREDIT_NOTE


def label(invoice: Invoiceish) -> str:
    """"INV-2026-0001", "the draft invoice", "the draft credit note"."""
    if invoice.number:
        return invoice.number
    return "the draft credit note" if invoice.kind is InvoiceKind.CREDIT_NOTE else "the draft invoice"


def issue_invoice(parent: QWidget, ctx: AppContext, invoice: Invoiceish) -> InvoiceView | None:
    """Ask, issue, then say the number it took. A refusal (an EN 16931 rule, no address …) shows
    the service's message and leaves the draft as it was."""
    what = "credit note" if invoice.kind is InvoiceKind.CREDIT_NOTE else "invoice"
    if not ask_yes_no(parent, f"Issue the {what}",
                      f"Issue {label(invoice)}? An issued {what} cannot be changed: it takes its number now, "
                      "and a correction is a credit note."):
        return None
    outcome = ctx.call(parent, invoices.issue, invoice.id)
    if not outcome.ok:
        return None
    issued = outcome.value
    box = QMessageBox(QMessageBox.Icon.Information, "Issued", f"Issued as {issued.number}.",
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("issuedMessage")
    box.exec()
    return issued


def run_modal(dialog: QDialog) -> bool:
    """Show ``dialog`` modally; True when accepted. Qt then frees it: otherwise each dialog asked
    stays alive, hidden, as a child of its parent (listening to ``ctx.changed``) for as long as the
    window does."""
    try:
        return dialog.exec() == QDialog.DialogCode.Accepted
    finally:
        dialog.deleteLater()


def record_payment(parent: QWidget, ctx: AppContext, invoice_id: int) -> InvoiceView | None:
    from .payment import PaymentDialog

    dialog = PaymentDialog(ctx, invoice_id, parent)
    return dialog.result_value if run_modal(dialog) else None


def make_credit_note(parent: QWidget, ctx: AppContext, invoice_id: int) -> InvoiceView | None:
    """Choose what to credit: the new draft credit note (the caller opens it in its editor)."""
    from .credit_note import CreditNoteDialog

    dialog = CreditNoteDialog(ctx, invoice_id, parent)
    if not run_modal(dialog):
        return None
    return dialog.result_value


def preview_invoice(parent: QWidget, ctx: AppContext, invoice: Invoiceish) -> None:
    from ...documents.invoice import invoice_pdf
    from ..printing import preview_pdf

    name = invoice.number or "draft"
    preview_pdf(parent, ctx, invoice_pdf, invoice.id, title=f"Invoice {name}" if invoice.number else "Draft invoice",
                file_name=f"{name}.pdf", label="Preparing the invoice…")


def _write_facturx(_state, db, invoice_id: int, path: Path) -> Path:
    from ...documents.facturx import facturx_pdf

    path.write_bytes(facturx_pdf(db, invoice_id))
    return path


def save_facturx(parent: QWidget, ctx: AppContext, invoice: Invoiceish) -> None:
    """The invoice as a Factur-X e-invoice (a PDF carrying its XML), where the person chooses."""
    chosen, _ = QFileDialog.getSaveFileName(parent, "Save the Factur-X e-invoice",
                                            start_in(f"{invoice.number}-facturx.pdf"), "PDF (*.pdf)")
    if not chosen:
        return

    def saved(path: Path) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, "Saved", f"{invoice.number} saved as an e-invoice:\n{path}",
                          QMessageBox.StandardButton.Ok, parent)
        box.setObjectName("facturxSaved")
        box.open()

    run_with_progress(parent, "Making the e-invoice…", _write_facturx, ctx.db, invoice.id, Path(chosen),
                      on_done=saved)
