"""A purchase order in its own window: the supplier, the job it is for (or stock), the expected
date, notes and the lines. A draft is typed and saved (Ctrl+S); then it is marked sent, printed,
received or cancelled (with a reason). A sent order's lines are kept as sent: it is read-only."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ...domain.errors import ValidationError
from ...domain.stock import EDITABLE_PO_STATUSES, RECEIVABLE_PO_STATUSES, PurchaseOrderStatus
from ...services import jobs, purchase_orders
from ...services.purchase_orders import PurchaseOrderView
from .. import theme
from ..context import AppContext
from ..dates import date_text
from ..plain_text import plain_label
from ..widgets.cost_common import money_formatter
from ..widgets.date_edit import date_field
from ..widgets.field_errors import FieldErrors, general_error_label
from ..widgets.purchase_order_lines import PurchaseOrderLinesTable
from ..widgets.sizing import fit_to_screen
from ..widgets.stock_pickers import OptionalJobPicker, SupplierCombo
from .reason import ask_reason
from .unsaved import Leave, ask_unsaved


def print_purchase_order(parent: QWidget, ctx: AppContext, po: PurchaseOrderView) -> None:
    """Preview (then print or save) the order as it goes to the supplier."""
    from ...documents import purchase_order as document  # PURCHASING's; imported when first printed
    from ..printing import preview_pdf

    preview_pdf(parent, ctx, document.purchase_order_pdf, po.id, title=f"Purchase order {po.number}",
                file_name=f"{po.number}.pdf", label="Preparing the purchase order…")


class PurchaseOrderEditor(QDialog):
    def __init__(self, ctx: AppContext, po_id: int | None = None, parent: QWidget | None = None, *,
                 supplier_id: int | None = None, job_id: int | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view: PurchaseOrderView | None = None
        self.money = money_formatter(ctx.db)
        self.setObjectName("purchaseOrderEditor")
        self._ask_before_closing = True

        self.heading = plain_label(objectName="poHeading")
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;")
        self.supplier = SupplierCombo(ctx, object_name="poSupplier")
        self.job = OptionalJobPicker(ctx, object_name="poJob")
        self.expected = date_field(ctx, optional=True, object_name="poExpected")
        self.notes = QLineEdit(objectName="poNotes", placeholderText="For the supplier: delivery, cutting, finish…")
        form = QFormLayout()
        form.addRow("&Supplier", self.supplier)
        form.addRow("For &job", self.job)
        form.addRow("E&xpected", self.expected)
        form.addRow("N&otes", self.notes)
        self.problem = general_error_label()
        self.errors = FieldErrors(form, fallback=self.problem)
        for field, widget in (("supplier_id", self.supplier), ("job_id", self.job), ("expected_on", self.expected),
                              ("notes", self.notes)):
            self.errors.register(field, widget)

        self.lines = PurchaseOrderLinesTable(ctx.locale, self.money)
        self.lines.edited.connect(self._update)
        self.add_material_button = self._button("Add &material…", "poAddMaterial", self.add_material,
                                                "Choose a material from the stock list")
        self.add_text_button = self._button("Add &free-text line", "poAddText", self.add_text_line,
                                            "Something that is no stock material: a service, a one-off part")
        self.remove_button = self._button("&Remove line", "poRemoveLine", self.lines.remove_current)
        self.total = QLabel(objectName="poTotal")
        self.total.setStyleSheet("font-weight: bold;")
        line_buttons = QHBoxLayout()
        for w in (self.add_material_button, self.add_text_button, self.remove_button):
            line_buttons.addWidget(w)
        line_buttons.addStretch(1)
        line_buttons.addWidget(self.total)

        self.save_button = self._button("&Save draft", "poSave", self.save, "Save the draft (Ctrl+S)")
        self.sent_button = self._button("Mark s&ent", "poMarkSent", self.mark_sent,
                                        "The order has gone to the supplier: its lines are kept as sent")
        self.cancel_order_button = self._button("&Cancel order…", "poCancel", self.cancel_order)
        self.print_button = self._button("&Print / preview…", "poPrint", self.print_order, "(Ctrl+P)")
        self.receive_button = self._button("Rece&ive…", "poReceive", self.receive, "Goods in against this order")
        self.close_button = self._button("Close", "poClose", self.reject)
        bottom = QHBoxLayout()
        for w in (self.save_button, self.sent_button, self.cancel_order_button):
            bottom.addWidget(w)
        bottom.addStretch(1)
        for w in (self.print_button, self.receive_button, self.close_button):
            bottom.addWidget(w)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.lines, 1)
        layout.addLayout(line_buttons)
        layout.addWidget(self.problem)
        layout.addLayout(bottom)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_order)
        fit_to_screen(self, 1040, 620, minimum=(760, 460))

        if po_id is not None:
            self.show_order(purchase_orders.get_purchase_order(ctx.db, po_id))
        else:
            self.supplier.set_supplier(supplier_id)
            self.job.set_job(job_id)
            self.show_order(None)

    def _button(self, text: str, name: str, slot, tip: str = "") -> QPushButton:
        button = QPushButton(text, objectName=name, toolTip=tip)
        button.setAutoDefault(False)  # Enter in the lines table edits a cell, never presses a button
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- showing --------------------------------------------------------------------------------
    def show_order(self, view: PurchaseOrderView | None) -> None:
        self.view = view
        if view is not None:
            self.supplier.set_supplier(view.supplier_id, view.supplier_name)
            self.job.set_job(view.job_id)
            self.expected.set_date(view.expected_on)
            self.notes.setText(view.notes)
            self.lines.set_lines(view.lines)
        editable = self.editable()
        self.supplier.setEnabled(view is None)  # an order stays with its supplier
        for w in (self.job, self.expected, self.notes, self.add_material_button, self.add_text_button,
                  self.remove_button):
            w.setEnabled(editable)
        self.lines.set_read_only(not editable)
        self.setWindowTitle(f"Purchase order {view.number}" if view else "New purchase order")
        self._saved = self._values()
        self._update()

    def status(self) -> PurchaseOrderStatus | None:
        return PurchaseOrderStatus(self.view.status) if self.view is not None else None

    def editable(self) -> bool:
        return self.view is None or self.status() in EDITABLE_PO_STATUSES

    def _update(self) -> None:
        view, status = self.view, self.status()
        if view is None:
            self.heading.setText("New purchase order (draft)")
        else:
            sent = f" · sent {date_text(view.sent_at)}" if view.sent_at else ""
            why = f" · {view.cancel_reason}" if view.cancel_reason else ""
            self.heading.setText(f"{view.number} · {status.label} · ordered {date_text(view.order_date)}{sent}{why}")
        total = self.lines.total()
        self.total.setText("Total —" if total is None else f"Total {self.money(total)} before tax")
        self.save_button.setEnabled(self.editable())
        self.sent_button.setEnabled(status is None or status is PurchaseOrderStatus.DRAFT)
        self.cancel_order_button.setEnabled(status in (PurchaseOrderStatus.DRAFT, PurchaseOrderStatus.SENT))
        self.print_button.setEnabled(view is not None)
        self.receive_button.setEnabled(status is None or status in RECEIVABLE_PO_STATUSES)
        self.heading.setStyleSheet("font-size: 14pt; font-weight: bold;"
                                   + (f" color: {theme.MUTED};" if status is PurchaseOrderStatus.CANCELLED else ""))

    # --- lines ----------------------------------------------------------------------------------
    def add_material(self) -> None:
        from .invoice_actions import run_modal
        from .material_picker import MaterialPicker

        picker = MaterialPicker(self.ctx, self.money, self)
        if run_modal(picker) and (material := picker.chosen()) is not None:
            self.lines.add_material(material, self._supplier_price(material.id))
            self.lines.setFocus()

    def _supplier_price(self, material_id: int):
        """This supplier's price for the material, when it is one of the material's suppliers."""
        from ...services import suppliers

        supplier_id = self.supplier.supplier_id()
        return next((s.price for s in suppliers.material_suppliers(self.ctx.db, material_id)
                     if s.supplier_id == supplier_id and s.price), None)

    def add_text_line(self) -> None:
        self.lines.add_line()
        self.lines.setFocus()

    # --- saving ---------------------------------------------------------------------------------
    def _values(self) -> tuple:
        return (self.supplier.supplier_id(), self.job.job_id(), self.expected.edit.text(), self.notes.text(),
                tuple(self.lines.values()))

    def is_dirty(self) -> bool:
        return self.editable() and (self.view is None or self._values() != self._saved)

    def show_error(self, error: ValidationError) -> None:
        self.errors.show(error)
        if self.lines.show_field(error.field):
            self.problem.setText(error.message)
            self.problem.show()
            self.lines.setFocus()

    def save(self) -> bool:
        if not self.editable():
            return True
        self.errors.clear()
        try:
            lines = self.lines.inputs(lambda number: jobs.find_job_id(self.ctx.db, number))
        except ValidationError as exc:
            self.show_error(exc)
            return False
        fields = dict(job_id=self.job.job_id(), expected_on=self.expected.value(), notes=self.notes.text(),
                      lines=lines)
        if self.view is None:
            if self.supplier.supplier_id() is None:
                self.show_error(ValidationError("supplier_id", "Choose the supplier the order goes to."))
                return False
            outcome = self.ctx.call(self, purchase_orders.create_purchase_order, self.supplier.supplier_id(),
                                    **fields, on_invalid=self.show_error)
        else:
            outcome = self.ctx.call(self, purchase_orders.update_purchase_order, self.view.id, **fields,
                                    on_invalid=self.show_error)
        if outcome.ok:
            self.show_order(outcome.value)
        return outcome.ok

    def mark_sent(self) -> None:
        if self.is_dirty() and not self.save():
            return
        outcome = self.ctx.call(self, purchase_orders.mark_sent, self.view.id)
        if outcome.ok:
            self.show_order(outcome.value)

    def cancel_order(self) -> None:
        if self.view is None:
            return
        reason = ask_reason(self, "Cancel the order", f"Why is {self.view.number} cancelled? Its number is kept, "
                                                      "so the numbering has no gap.")
        if reason is None:
            return
        outcome = self.ctx.call(self, purchase_orders.cancel_purchase_order, self.view.id, reason)
        if outcome.ok:
            self.show_order(outcome.value)

    def print_order(self) -> None:
        if self.view is None or (self.is_dirty() and not self.save()):
            return
        print_purchase_order(self, self.ctx, self.view)

    def receive(self) -> None:
        if self.is_dirty() and not self.save():
            return
        if self.view is None:
            return
        from .purchase_goods_in import receive_goods_dialog

        if receive_goods_dialog(self, self.ctx, purchase_order_id=self.view.id) is not None:
            self.show_order(purchase_orders.get_purchase_order(self.ctx.db, self.view.id))

    # --- closing --------------------------------------------------------------------------------
    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API: only a person's close asks
        self._ask_before_closing = event.spontaneous()
        super().closeEvent(event)
        self._ask_before_closing = True

    def reject(self) -> None:
        """Close, Esc or the close box: unsaved typing is saved, thrown away or kept."""
        if self._ask_before_closing and self.is_dirty() and self._values() != self._saved:
            answer = ask_unsaved(self, "The purchase order")
            if answer is Leave.CANCEL or (answer is Leave.SAVE and not self.save()):
                return
        super().reject()


def open_purchase_order(parent: QWidget, ctx: AppContext, po_id: int | None = None, **new) -> int | None:
    """The editor, modal; the order's id when one was saved (or was already), else None."""
    editor = PurchaseOrderEditor(ctx, po_id, parent, **new)
    try:
        editor.exec()
        return editor.view.id if editor.view is not None else None
    finally:
        editor.deleteLater()


__all__ = ["PurchaseOrderEditor", "open_purchase_order", "print_purchase_order"]
