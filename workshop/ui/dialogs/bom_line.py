"""Add or edit a bill of materials line (from the materials list, or free text) or a
sub-assembly. The dialog calls the service itself and closes only when the save worked, so
a bad value shows its message next to the field and nothing is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from ...domain.locale_text import format_number
from ...services import bom, routing
from ..plain_text import plain_label
from ..widgets.cost_common import money_symbol
from .form_dialog import SimpleDialog
from .material_picker import MaterialPicker


class BomItemDialog(SimpleDialog):
    """``parents`` is ``[(None, "Top level"), (id, "Drawer box"), …]``; ``node`` a BomNode to edit."""

    def __init__(self, ctx, job_id: int, *, assembly: bool, parents: list[tuple[int | None, str]],
                 parent_id: int | None = None, node=None, money=str, parent: QWidget | None = None) -> None:
        what = "sub-assembly" if assembly else "line"
        super().__init__(f"Edit {what}" if node else f"Add {what}", object_name="bomItemDialog", parent=parent,
                         general_error=True)
        self.ctx = ctx
        self.job_id = job_id
        self.assembly = assembly
        self.node = node
        self.money = money
        self.material_id: int | None = node.material_id if node else None
        self.saved_id: int | None = None
        self.picker: MaterialPicker | None = None

        self.inside = QComboBox(objectName="bomParent")
        for pid, label in parents:
            self.inside.addItem(label, pid)
        self.inside.setCurrentIndex(max(0, self.inside.findData(parent_id)))
        self.inside.setEnabled(node is None)  # moving is "Move into…"
        self.material_label = plain_label(objectName="bomMaterial")
        self.pick_button = QPushButton("Choose material…", objectName="bomPickMaterial")
        self.clear_button = QPushButton("Free text", objectName="bomFreeText")
        self.description = QLineEdit(objectName="bomDescription")
        self.quantity = QLineEdit("1", objectName="bomQuantity")
        self.unit = QLineEdit("ea", objectName="bomUnit")
        self.unit_cost = QLineEdit("0.00", objectName="bomUnitCost")
        self.operation = QComboBox(objectName="bomOperation")  # where the material is used: costs by operation
        self.operation.addItem("The job as a whole", None)
        if not assembly:
            for op in routing.list_operations(ctx.db, job_id):
                self.operation.addItem(f"{op.op_number:03d} {op.name} — {op.workstation_code}", op.id)

        self.add_row("Inside", self.inside, "parent_id")
        if not assembly:
            row = QHBoxLayout()
            row.addWidget(self.material_label, 1)
            row.addWidget(self.pick_button)
            row.addWidget(self.clear_button)
            self._material_row = QWidget()
            self._material_row.setLayout(row)
            row.setContentsMargins(0, 0, 0, 0)
            self.add_row("Material", self._material_row, "material_id")
        self.add_row("Name" if assembly else "Description", self.description, "description")
        self.add_row("Quantity each", self.quantity, "quantity")
        if not assembly:
            self.add_row("Unit", self.unit, "unit")
            self.add_row(f"Unit cost ({money_symbol(ctx.db)})", self.unit_cost, "unit_cost")
            self.add_row("Used at operation", self.operation, "operation_id")
        self.quantity.setToolTip("How many go into one of what it sits inside (one job unit at the top level)")

        self.pick_button.clicked.connect(self.pick_material)
        self.clear_button.clicked.connect(self.free_text)
        if node is not None:
            self.description.setText(node.description)
            self.quantity.setText(format_number(node.quantity.normalize(), ctx.locale))  # the shop's form
            self.unit.setText(node.unit)
            self.unit_cost.setText(format_number(node.unit_cost, ctx.locale, places=2))
            self.operation.setCurrentIndex(max(0, self.operation.findData(node.operation_id)))
            self.material_label.setText(node.material_code or "free text")
        else:
            self.material_label.setText("free text")
        self.finish(480, guard="The line")

    # --- material --------------------------------------------------------------------------
    def pick_material(self) -> None:
        self.picker = MaterialPicker(self.ctx, self.money, self)
        self.picker.accepted.connect(lambda: self.use_material(self.picker.chosen()))
        self.picker.open()

    def use_material(self, material) -> None:
        if material is None:
            return
        self.material_id = material.id
        self.material_label.setText(f"{material.code} — {material.name}")
        self.description.setText(material.name)
        self.unit.setText(material.unit)
        self.unit_cost.setText(format_number(material.unit_cost, self.ctx.locale, places=2))
        self.quantity.setFocus()
        self.quantity.selectAll()

    def free_text(self) -> None:
        self.material_id = None
        self.material_label.setText("free text")
        self.description.setFocus()

    # --- saving ----------------------------------------------------------------------------
    def save(self) -> None:
        self.errors.clear()
        values = dict(description=self.description.text(), quantity=self.quantity.text())
        if self.node is not None:
            if not self.assembly:
                values.update(unit=self.unit.text(), unit_cost=self.unit_cost.text(), material_id=self.material_id,
                              operation_id=self.operation.currentData())
            if self.ctx.call(self, bom.update_item, self.node.id, on_invalid=self.errors.show, **values).ok:
                self.saved_id = self.node.id
                self.accept()
            return
        if self.assembly:
            result = self.ctx.call(self, bom.add_subassembly, self.job_id, parent_id=self.inside.currentData(),
                                   on_invalid=self.errors.show, **values)
        else:
            result = self.ctx.call(self, bom.add_line, self.job_id, parent_id=self.inside.currentData(),
                                   material_id=self.material_id, unit=self.unit.text(),
                                   unit_cost=self.unit_cost.text(), operation_id=self.operation.currentData(),
                                   on_invalid=self.errors.show, **values)
        if result.ok:
            self.saved_id = result.value
            self.accept()
