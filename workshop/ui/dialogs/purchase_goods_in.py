"""Goods in: a delivery received against an open purchase order (its lines still owed, prefilled
with what is owed and the price ordered; the cost actually paid is typed over it) or without one
(materials chosen here, the cost paid typed). A line bought for a job can be issued to it in the
same step. Receiving more than a line still owes is allowed after a warning ("Receive anyway?"):
suppliers round up to whole sheets and boards."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QHBoxLayout, QLineEdit, QMessageBox,
                               QPushButton, QRadioButton, QWidget)

from ...domain.errors import ValidationError
from ...domain.stock import OPEN_PO_STATUSES
from ...services import goods_in, jobs, purchase_orders
from ...services.goods_in import GoodsReceiptView, OverReceipt
from ..context import AppContext
from ..models.stock_models import quantity_text
from ..plain_text import ask_yes_no
from ..widgets.cost_common import money_formatter
from ..widgets.purchase_receipt_lines import RECEIVE, ReceiptLinesTable
from ..widgets.stock_pickers import SupplierCombo
from .form_dialog import SimpleDialog


def receipt_summary(receipt: GoodsReceiptView, locale: str, money) -> str:
    """What came in, a line each: "2 m2 OAK-25 Oak board at £90.00, issued to J-2026-0001"."""
    lines = []
    for line in receipt.lines:
        what = f"{line.material_code} {line.description}".strip() if line.material_code else line.description
        issued = f", issued to {line.job_number}" if line.material_issue_id is not None else (
            f", for {line.job_number}" if line.job_number else "")
        lines.append(f"{quantity_text(line.quantity, locale)} {line.unit} {what} at {money(line.unit_cost)}{issued}")
    source = f" against {receipt.purchase_order_number}" if receipt.purchase_order_number else ""
    return f"Received{source}:\n" + "\n".join(lines)


class GoodsInDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, purchase_order_id: int | None = None) -> None:
        super().__init__("Goods in", object_name="goodsInDialog", parent=parent, ok_text="&Receive",
                         intro="What came in, at the cost actually paid. Stock goes up; a line for a job can go "
                               "straight to it.", general_error=True)
        self.ctx = ctx
        self.money = money_formatter(ctx.db)
        self.receipt: GoodsReceiptView | None = None
        self.against_order = QRadioButton("Against a purchase &order", objectName="goodsInAgainstOrder")
        self.without_order = QRadioButton("&Without an order", objectName="goodsInWithoutOrder")
        kinds = QButtonGroup(self)
        kinds.addButton(self.against_order)
        kinds.addButton(self.without_order)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.against_order)
        kind_row.addWidget(self.without_order)
        kind_row.addStretch(1)
        self.order = QComboBox(objectName="goodsInOrder")
        self.supplier = SupplierCombo(ctx, object_name="goodsInSupplier")
        self.delivery_note = QLineEdit(objectName="goodsInDeliveryNote", placeholderText="The supplier's note number")
        self.note = QLineEdit(objectName="goodsInNote")
        self.rows.addRow("", kind_row)
        self.add_row("Purchase &order", self.order, "purchase_order_id")
        self.add_row("&Supplier", self.supplier, "supplier_id")
        self.add_row("&Delivery note", self.delivery_note, "delivery_note")
        self.add_row("N&ote", self.note, "note")
        self.lines = ReceiptLinesTable(ctx.locale)
        self.add_material_button = QPushButton("Add &material…", objectName="goodsInAddMaterial")
        self.add_material_button.setAutoDefault(False)
        self.add_material_button.clicked.connect(self.add_material)
        line_buttons = QHBoxLayout()
        line_buttons.addWidget(self.add_material_button)
        line_buttons.addStretch(1)
        self.fill_orders(purchase_order_id)
        self.order.currentIndexChanged.connect(lambda _i: self.show_order_lines())
        self.against_order.toggled.connect(lambda _on: self.kind_changed())
        (self.against_order if self.order.count() else self.without_order).setChecked(True)
        self.against_order.setEnabled(self.order.count() > 0)
        self.kind_changed()
        self.finish(980, 560, minimum=(760, 420), guard="The delivery")
        under_rows = self.body.indexOf(self.buttons) - 1  # the lines go above the general error and buttons
        self.body.insertWidget(under_rows, self.lines, 1)
        self.body.insertLayout(under_rows + 1, line_buttons)

    # --- filling --------------------------------------------------------------------------------
    def fill_orders(self, chosen: int | None) -> None:
        """Open orders, newest first (and the chosen one, even when it is the only one)."""
        rows = purchase_orders.list_purchase_orders(self.ctx.db, open_only=True, limit=300)
        for row in rows:
            if row.status in OPEN_PO_STATUSES:
                job = f" · {row.job_number}" if row.job_number else ""
                self.order.addItem(f"{row.number} — {row.supplier_name}{job}", row.id)
        if chosen is not None:
            index = self.order.findData(chosen)
            if index < 0:
                po = purchase_orders.get_purchase_order(self.ctx.db, chosen)
                self.order.addItem(f"{po.number} — {po.supplier_name}", po.id)
                index = self.order.count() - 1
            self.order.setCurrentIndex(index)

    def kind_changed(self) -> None:
        on_order = self.against_order.isChecked()
        self.rows_visible(on_order)
        self.add_material_button.setEnabled(not on_order)
        if on_order:
            self.show_order_lines()
        else:
            self.lines.setRowCount(0)

    def rows_visible(self, on_order: bool) -> None:
        self.order.setEnabled(on_order)
        self.supplier.setEnabled(not on_order)

    def show_order_lines(self) -> None:
        self.lines.setRowCount(0)
        po_id = self.order.currentData()
        if po_id is None or not self.against_order.isChecked():
            return
        po = purchase_orders.get_purchase_order(self.ctx.db, po_id)
        self.supplier.set_supplier(po.supplier_id, po.supplier_name)
        for line in po.lines:
            if line.outstanding > 0:
                self.lines.add_order_line(line)
        if self.lines.rowCount():
            self.lines.setCurrentCell(0, RECEIVE)

    def add_material(self) -> None:
        from .invoice_actions import run_modal
        from .material_picker import MaterialPicker

        picker = MaterialPicker(self.ctx, self.money, self)
        if run_modal(picker) and (material := picker.chosen()) is not None:
            self.lines.add_material(material)
            self.lines.setFocus()

    # --- receiving ------------------------------------------------------------------------------
    def show_error(self, error: ValidationError) -> None:
        self.errors.show(error)
        if self.lines.show_field(error.field):
            self.lines.setFocus()

    def save(self) -> None:
        self.errors.clear()
        try:
            lines = self.lines.inputs(lambda number: jobs.find_job_id(self.ctx.db, number))
        except ValidationError as exc:
            return self.show_error(exc)
        if not lines:
            return self.show_error(ValidationError("lines", "Type the quantity received on at least one line."))
        on_order = self.against_order.isChecked()
        kwargs = dict(lines=lines, purchase_order_id=self.order.currentData() if on_order else None,
                      supplier_id=None if on_order else self.supplier.supplier_id(),
                      delivery_note=self.delivery_note.text(), note=self.note.text())
        over: list[OverReceipt] = []

        def invalid(error: ValidationError) -> None:
            if isinstance(error, OverReceipt):
                over.append(error)
            else:
                self.show_error(error)

        outcome = self.ctx.call(self, goods_in.receive_goods, **kwargs, on_invalid=invalid)
        if over:
            if not ask_yes_no(self, "More than ordered", f"{over[0].message}\n\nReceive anyway?"):
                return self.show_error(over[0])
            outcome = self.ctx.call(self, goods_in.receive_goods, **kwargs, beyond_order=True,
                                    on_invalid=self.show_error)
        if not outcome.ok:
            return
        self.receipt = outcome.value
        box = QMessageBox(QMessageBox.Icon.Information, "Goods in",
                          receipt_summary(self.receipt, self.ctx.locale, self.money), QMessageBox.StandardButton.Ok,
                          self)
        box.setObjectName("goodsInDone")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()
        self.accept()


def receive_goods_dialog(parent: QWidget, ctx: AppContext, *, purchase_order_id: int | None = None) \
        -> GoodsReceiptView | None:
    """Goods in, modal; what was received, or None."""
    dialog = GoodsInDialog(ctx, parent, purchase_order_id=purchase_order_id)
    try:
        return dialog.receipt if dialog.exec() == GoodsInDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


__all__ = ["GoodsInDialog", "receive_goods_dialog", "receipt_summary"]
