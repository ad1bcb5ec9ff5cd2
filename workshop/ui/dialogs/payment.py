"""Record a payment against an issued invoice: date (today), amount (the balance), how it came
and the bank's reference. More than the balance is refused by the service, nothing saved."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from ...domain.locale_text import format_number
from ...domain.money import format_money
from ...services import invoice_views, payments
from ..context import AppContext
from ..widgets.date_edit import date_field
from .form_dialog import SimpleDialog

METHOD_LABELS = {"bank_transfer": "Bank transfer", "card": "Card", "cash": "Cash", "cheque": "Cheque",
                 "other": "Other"}


class PaymentDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, invoice_id: int, parent: QWidget | None = None) -> None:
        self.ctx = ctx
        self.invoice = invoice_views.get_invoice(ctx.db, invoice_id)
        inv = self.invoice
        owed = format_money(inv.balance, inv.currency, ctx.locale)
        super().__init__(f"Record a payment — {inv.number}", object_name="paymentDialog", parent=parent,
                         intro=f"{inv.number} to {inv.buyer_name}: {owed} still owed.", ok_text="Record payment",
                         general_error=True)
        self.result_value = None
        self.paid_on = self.add_row("&Date", date_field(ctx, object_name="paymentDate"), "paid_on")
        self.paid_on.set_date(ctx.db.today())
        self.amount = self.add_row("&Amount", QLineEdit(format_number(inv.balance, ctx.locale, places=2),
                                                        objectName="paymentAmount"), "amount")
        self.method = self.add_row("&Method", QComboBox(objectName="paymentMethod"), "method")
        for method in payments.PAYMENT_METHODS:
            self.method.addItem(METHOD_LABELS[method], method)
        self.reference = self.add_row("&Reference", QLineEdit(objectName="paymentReference"), "reference")
        self.reference.setPlaceholderText("as the bank statement says it")
        self.finish(440, minimum=(400, 0), guard="The payment")
        self.amount.setFocus()
        self.amount.selectAll()

    def save(self) -> None:
        self.errors.clear()
        outcome = self.ctx.call(self, payments.record_payment, self.invoice.id, paid_on=self.paid_on.value(),
                                amount=self.amount.text(), method=self.method.currentData(),
                                reference=self.reference.text(), on_invalid=self.errors.show)
        if outcome.ok:
            self.result_value = outcome.value
            self.accept()
