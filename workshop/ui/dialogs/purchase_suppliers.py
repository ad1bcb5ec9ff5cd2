"""A supplier's details, and the suppliers a material is bought from (the first is preferred),
each with the supplier's own code and price."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QWidget)

from ...domain.errors import ValidationError
from ...domain.locale_text import format_number
from ...services import suppliers
from ...services.suppliers import MaterialSupplierInput, SupplierView
from ..context import AppContext
from .form_dialog import FormDialog, SimpleDialog
from .record_editor import Field

SUPPLIER_FIELDS = [
    Field("name", "&Name"),
    Field("contact", "&Contact"),
    Field("address", "&Address", "long"),
    Field("email", "&Email"),
    Field("phone", "&Phone", width=200),
    Field("lead_time_days", "&Lead time (days)", "number", placeholder="0"),
    Field("notes", "N&otes", "long"),
    Field("active", "Active (offered on new orders)", "bool"),
]


def supplier_dialog(parent: QWidget | None, ctx: AppContext, supplier: SupplierView | None = None) -> FormDialog:
    """The supplier's form, new (``supplier`` None) or to change one; OK saves through the service."""
    def submit(values: dict, show_error):
        if supplier is None:
            return ctx.call(dialog, suppliers.create_supplier, **values, on_invalid=show_error)
        return ctx.call(dialog, suppliers.update_supplier, supplier.id, **values, on_invalid=show_error)

    values = ({f.name: getattr(supplier, f.name) for f in SUPPLIER_FIELDS} if supplier is not None
              else {"lead_time_days": "7", "active": True})
    dialog = FormDialog("New supplier" if supplier is None else f"Supplier: {supplier.name}", SUPPLIER_FIELDS,
                        submit, values=values, parent=parent, object_name="supplierDialog", locale=ctx.locale)
    return dialog


def edit_supplier(parent: QWidget, ctx: AppContext, supplier: SupplierView | None = None) -> SupplierView | None:
    """The supplier dialog, modal; the supplier saved, or None."""
    dialog = supplier_dialog(parent, ctx, supplier)
    try:
        return dialog.result_value if dialog.exec() == FormDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


SUPPLIER, CODE, PRICE = range(3)


class MaterialSuppliersDialog(SimpleDialog):
    """The material's suppliers in order: the first is the preferred one (order what's missing
    and the reorder list buy from it)."""

    def __init__(self, ctx: AppContext, material_id: int, material_label: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Suppliers of {material_label}", object_name="materialSuppliersDialog", parent=parent,
                         intro="The first supplier is the preferred one: shortages and the reorder list are "
                               "ordered from it. Prices are per the material's unit.", ok_text="Save",
                         general_error=True)
        self.ctx, self.material_id = ctx, material_id
        self.choices = [(s.name, s.id) for s in suppliers.list_suppliers(ctx.db)]
        self.table = QTableWidget(0, 3, objectName="materialSuppliers")
        self.table.setHorizontalHeaderLabels(["Supplier", "Their code", "Price"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(SUPPLIER, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(CODE, 140)
        self.table.setColumnWidth(PRICE, 100)
        self.body.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        for text, name, slot in (("&Add supplier", "addMaterialSupplier", lambda: self.add_row_for(None)),
                                 ("&Remove", "removeMaterialSupplier", self.remove_current),
                                 ("Move &up", "moveSupplierUp", lambda: self.move_current(-1)),
                                 ("Move &down", "moveSupplierDown", lambda: self.move_current(1))):
            button = QPushButton(text, objectName=name)
            button.clicked.connect(lambda _c=False, slot=slot: slot())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)
        for row in suppliers.material_suppliers(ctx.db, material_id):
            self.add_row_for(row.supplier_id, row.supplier_code, format_number(row.price, ctx.locale, places=2))
        self.finish(620, 380, minimum=(520, 300), guard=None)

    def add_row_for(self, supplier_id: int | None, code: str = "", price: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox(objectName=f"supplierChoice{row}")
        for name, value in self.choices:
            combo.addItem(name, value)
        combo.setCurrentIndex(combo.findData(supplier_id) if supplier_id is not None else 0)
        self.table.setCellWidget(row, SUPPLIER, combo)
        self.table.setItem(row, CODE, QTableWidgetItem(code))
        price_item = QTableWidgetItem(price)
        price_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, PRICE, price_item)
        self.table.setCurrentCell(row, SUPPLIER)
        return row

    def remove_current(self) -> None:
        if (row := self.table.currentRow()) >= 0:
            self.table.removeRow(row)

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        rows = self.inputs()
        rows.insert(target, rows.pop(row))
        self.table.setRowCount(0)
        for line in rows:
            self.add_row_for(line.supplier_id, line.supplier_code, str(line.price))
        self.table.setCurrentCell(target, SUPPLIER)

    def inputs(self) -> list[MaterialSupplierInput]:
        return [MaterialSupplierInput(supplier_id=self.table.cellWidget(row, SUPPLIER).currentData(),
                                      supplier_code=self.table.item(row, CODE).text().strip(),
                                      price=self.table.item(row, PRICE).text().strip() or "0")
                for row in range(self.table.rowCount())]

    def show_error(self, error: ValidationError) -> None:
        self.errors.show(error)
        index, _, name = error.field.partition("].")
        if index.startswith("suppliers[") and index[len("suppliers["):].isdigit():
            self.table.setCurrentCell(int(index[len("suppliers["):]), {"price": PRICE, "supplier_code": CODE}
                                      .get(name, SUPPLIER))

    def save(self) -> None:
        self.errors.clear()
        outcome = self.ctx.call(self, suppliers.set_material_suppliers, self.material_id, self.inputs(),
                                on_invalid=self.show_error)
        if outcome.ok:
            self.accept()
