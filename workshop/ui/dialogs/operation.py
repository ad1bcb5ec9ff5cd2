"""Add or edit an operation: what is done, where, by whom, how long; or, done outside the shop,
by which supplier and how many days away. The dialog saves through the routing service and
closes only when that worked, so bad input shows its message next to the field and nothing is saved."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from ...domain.errors import ValidationError
from ...domain.locale_text import format_number
from ...services import bom, routing, suppliers, workstations
from ...services.outside_operations import OUTSIDE_KIND
from .form_dialog import SimpleDialog


class OperationDialog(SimpleDialog):
    def __init__(self, ctx, job_id: int, operation=None, parent: QWidget | None = None) -> None:
        super().__init__(f"Edit operation {operation.op_number:03d}" if operation else "Add operation",
                         object_name="operationDialog", parent=parent, general_error=True)
        self.ctx = ctx
        self.job_id = job_id
        self.operation = operation
        self.saved_id: int | None = None

        self.name = QLineEdit(objectName="opName", placeholderText="e.g. Cut panels")
        self.workstation = QComboBox(objectName="opWorkstation")
        self.operator = QComboBox(objectName="opOperator")
        self.setup_minutes = QLineEdit("0", objectName="opSetup")
        self.run_minutes = QLineEdit("0", objectName="opRun")
        self.labour_run_minutes = QLineEdit(objectName="opAttended")
        self.setup_minutes.setPlaceholderText("once per job: 80, 1h20 or 1:20")
        self.run_minutes.setPlaceholderText("for each unit: 45, 1h or 1:30")
        self.labour_run_minutes.setPlaceholderText("empty: the whole run")
        self.labour_run_minutes.setToolTip("Minutes a person spends on each unit while it runs (a CNC runs 120, "
                                           "attended 30): labour is costed on this, machine time on the run. "
                                           "Setup is always attended.")
        self.outside = QCheckBox("Done outside the shop (powder coating, galvanising …)", objectName="opOutside")
        self.supplier = QComboBox(objectName="opSupplier")
        self.days_away = QLineEdit(objectName="opDaysAway", placeholderText="empty: the supplier's lead time")
        self.inspection = QCheckBox("This is an inspection point", objectName="opInspection")
        self.subassembly = QComboBox(objectName="opSubassembly")
        self.instructions = QPlainTextEdit(objectName="opInstructions", tabChangesFocus=True)
        self.instructions.setMaximumHeight(110)

        # the outside-work workstation is not one to choose: ticking "Done outside" puts an operation there
        ws_list = [w for w in workstations.list_workstations(ctx.db) if w.kind != OUTSIDE_KIND]
        if (operation is not None and operation.supplier_id is None
                and operation.workstation_id not in {w.id for w in ws_list}):
            ws_list.append(workstations.get_workstation(ctx.db, operation.workstation_id))
        for w in ws_list:
            self.workstation.addItem(w.label, w.id)
        supplier_list = suppliers.list_suppliers(ctx.db)
        if operation is not None and operation.supplier_id not in {None, *(x.id for x in supplier_list)}:
            supplier_list.append(suppliers.get_supplier(ctx.db, operation.supplier_id))
        for x in supplier_list:
            self.supplier.addItem(x.name, x.id)
        self.subassembly.addItem("The whole job", None)
        for n in bom.get_bom(ctx.db, job_id).nodes:
            if n.is_assembly:
                self.subassembly.addItem("    " * n.level + n.description, n.id)

        for label, widget, field in (("Operation", self.name, "name"), ("", self.outside, None),
                                     ("Supplier", self.supplier, "supplier_id"),
                                     ("Days away", self.days_away, "days_away"),
                                     ("Workstation", self.workstation, "workstation_id"),
                                     ("Operator", self.operator, "operator_id"),
                                     ("Setup (minutes)", self.setup_minutes, "setup_minutes"),
                                     ("Run per unit (minutes)", self.run_minutes, "run_minutes"),
                                     ("Attended per unit (minutes)", self.labour_run_minutes, "labour_run_minutes"),
                                     ("Works on", self.subassembly, "subassembly_id"), ("", self.inspection, None),
                                     ("Instructions", self.instructions, "instructions")):
            self.add_row(label, widget, field)

        self.workstation.currentIndexChanged.connect(lambda _i: self._fill_operators())
        if operation is not None and operation.supplier_id is not None:
            self.outside.setChecked(True)
            self.supplier.setCurrentIndex(max(0, self.supplier.findData(operation.supplier_id)))
            self.days_away.setText("" if operation.days_away is None else str(operation.days_away))
        if operation is not None:
            self.name.setText(operation.name)
            self.workstation.setCurrentIndex(max(0, self.workstation.findData(operation.workstation_id)))
            # in the shop's locale (7,5 in de_DE), so saving unchanged reads back the same minutes
            self.setup_minutes.setText(format_number(operation.setup_minutes.normalize(), ctx.locale))
            self.run_minutes.setText(format_number(operation.run_minutes.normalize(), ctx.locale))
            if operation.labour_run_minutes is not None:
                self.labour_run_minutes.setText(format_number(operation.labour_run_minutes.normalize(), ctx.locale))
            self.inspection.setChecked(operation.inspection_required)
            self.instructions.setPlainText(operation.instructions)
            self.subassembly.setCurrentIndex(max(0, self.subassembly.findData(operation.subassembly_id)))
        self._fill_operators(operation.operator_id if operation else None)
        self._show_where(self.outside.isChecked())
        self.outside.toggled.connect(self._show_where)
        self.finish(500, guard="The operation", stretch=True)  # rows hidden by a toggle leave room at the foot

    def _show_where(self, outside: bool) -> None:
        """Done outside: the supplier and days away instead of the workstation, operator and minutes
        (each with the row under it kept for its message, so no empty rows are left between)."""
        for field, shown in (("supplier_id", outside), ("days_away", outside), ("workstation_id", not outside),
                             ("operator_id", not outside), ("setup_minutes", not outside),
                             ("run_minutes", not outside), ("labour_run_minutes", not outside)):
            widget = getattr(self, {"supplier_id": "supplier", "workstation_id": "workstation",
                                    "operator_id": "operator"}.get(field, field))
            row, _role = self.rows.getWidgetPosition(widget)
            self.rows.setRowVisible(row, shown)
            self.rows.setRowVisible(row + 1, shown)  # FieldErrors keeps the field's message in the row under it
            self.rows.itemAt(row + 1, QFormLayout.ItemRole.FieldRole).widget().hide()  # until it has a message

    def _fill_operators(self, keep: int | None = None) -> None:
        """Only operators set up to run the chosen workstation."""
        if keep is None:
            keep = self.operator.currentData()
        self.operator.clear()
        self.operator.addItem("Anyone who can run it", None)
        ws_id = self.workstation.currentData()
        if ws_id is not None:
            for o in workstations.list_operators(self.ctx.db, workstation_id=ws_id):
                self.operator.addItem(o.name, o.id)
        self.operator.setCurrentIndex(max(0, self.operator.findData(keep)) if keep is not None else 0)

    def values(self) -> dict:
        if self.outside.isChecked():  # no minutes in the shop: the service puts it at the outside workstation
            return dict(name=self.name.text(), supplier_id=self.supplier.currentData(), days_away=self.days_away.text(),
                        setup_minutes="0", run_minutes="0", labour_run_minutes="",
                        inspection_required=self.inspection.isChecked(), instructions=self.instructions.toPlainText(),
                        subassembly_id=self.subassembly.currentData())
        return dict(name=self.name.text(), supplier_id=None, days_away="",
                    workstation_id=self.workstation.currentData(),
                    operator_id=self.operator.currentData(), setup_minutes=self.setup_minutes.text(),
                    run_minutes=self.run_minutes.text(), labour_run_minutes=self.labour_run_minutes.text(),
                    inspection_required=self.inspection.isChecked(),
                    instructions=self.instructions.toPlainText(), subassembly_id=self.subassembly.currentData())

    def save(self) -> None:
        self.errors.clear()
        if self.outside.isChecked() and self.supplier.currentData() is None:
            self.errors.show(ValidationError("supplier_id", "Choose the supplier who does it (suppliers are kept "
                                                            "on the Stock tab)."))
            return
        if self.operation is None:
            added = self.ctx.call(self, routing.add_operation, self.job_id, on_invalid=self.errors.show,
                                  **self.values())
            if added.ok:
                self.saved_id = added.value
                self.accept()
        elif self.ctx.call(self, routing.update_operation, self.operation.id, on_invalid=self.errors.show,
                           **self.values()).ok:
            self.saved_id = self.operation.id
            self.accept()
