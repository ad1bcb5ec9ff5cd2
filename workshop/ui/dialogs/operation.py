"""Add or edit an operation: what is done, where, by whom, how long; or, done outside the shop,
by which supplier and how many days away. The dialog saves through the routing service and
closes only when that worked, so bad input shows its message next to the field and nothing is saved.

An edit is saved from the version the dialog was opened on (issue 18): saved since by someone in the
office, the conflict dialog shows what either changed, then merge, overwrite, or back to the dialog
with everything typed; a change outside its fields (the floor clocking on to it) saves without a
question."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from ...domain import validation as v
from ...domain.errors import EditConflict, ValidationError
from ...domain.locale_text import format_number
from ...services import bom, routing, suppliers, workstations
from ...services.outside_operations import OUTSIDE_KIND
from ..context import Outcome
from .edit_conflict import resolve_edit, save_from_version
from .form_dialog import SimpleDialog

#: The dialog's fields as the conflict dialog names them (its rows' labels).
FIELD_LABELS = {"name": "Operation", "supplier_id": "Done outside by", "days_away": "Days away",
                "workstation_id": "Workstation", "operator_id": "Operator", "setup_minutes": "Setup (minutes)",
                "run_minutes": "Run per unit (minutes)", "labour_run_minutes": "Attended per unit (minutes)",
                "subassembly_id": "Works on", "inspection_required": "Inspection point",
                "instructions": "Instructions"}
#: Where it is done: saved together when one of them is (in or out of the shop goes with them all).
_WHERE = ("supplier_id", "days_away", "workstation_id", "operator_id", "setup_minutes", "run_minutes",
          "labour_run_minutes")


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
        elif self._update(self.values(), self.operation.version).ok:
            self.saved_id = self.operation.id
            self.accept()

    # --- saved by someone else meanwhile (issue 18) ----------------------------------------------
    def _update(self, values: dict, version: int) -> Outcome:
        """Save from the version shown; saved by someone since, ``_resolve``."""
        saved, conflict = save_from_version(self.ctx, self, routing.update_operation, self.operation.id,
                                            expected_version=version, on_invalid=self.errors.show, **values)
        return self._resolve(conflict) if conflict is not None else saved

    def _resolve(self, conflict: EditConflict) -> Outcome:
        """What either changed, then merge, overwrite or back to the dialog with what was typed (asked
        again at the next save); nothing of theirs in the dialog's fields: saved without a question."""
        current = conflict.current
        typed = self.values()
        names = {**self._names_of(self.operation), **self._names_of(current)}
        to_save = resolve_edit(self, f"operation {current.op_number:03d} {current.name}", conflict,
                               began=self._form_of(self.operation), theirs=self._form_of(current),
                               yours=self._comparable(typed), labels=FIELD_LABELS,
                               shown=lambda name, value: self._shown(name, value, names))
        if to_save is None:
            return Outcome(False)
        self.operation = current
        chosen = set(to_save)
        if "supplier_id" in chosen:  # in or out of the shop: where it is done goes whole
            chosen.update(_WHERE)
        return self._update({name: typed[name] for name in chosen if name in typed}, current.version)

    def _minutes(self, field: str, text: str) -> Any:
        """Typed minutes as the service reads them (80, 1h20 …), to compare; not minutes: as typed."""
        try:
            return v.minutes(field, text, required=False, locale=self.ctx.locale)
        except ValidationError:
            return text.strip()

    def _comparable(self, values: dict) -> dict:
        """The dialog's fields (``values``) as they compare with an operation's (``_form_of``)."""
        outside = values.get("supplier_id") is not None
        days = str(values.get("days_away") or "").strip()
        return {"name": values["name"].strip(), "supplier_id": values.get("supplier_id"),
                "days_away": (int(days) if days.isdigit() else days or None) if outside else None,
                "workstation_id": None if outside else values.get("workstation_id"),
                "operator_id": None if outside else values.get("operator_id"),
                **{f: None if outside else self._minutes(f, values[f])
                   for f in ("setup_minutes", "run_minutes", "labour_run_minutes")},
                "subassembly_id": values.get("subassembly_id"),
                "inspection_required": bool(values["inspection_required"]),
                "instructions": values["instructions"].strip()}

    def _form_of(self, op) -> dict:
        """``op`` (an OperationView) field for field as the dialog shows it."""
        outside = op.supplier_id is not None
        return {"name": op.name, "supplier_id": op.supplier_id, "days_away": op.days_away if outside else None,
                "workstation_id": None if outside else op.workstation_id,
                "operator_id": None if outside else op.operator_id,
                "setup_minutes": None if outside else op.setup_minutes,
                "run_minutes": None if outside else op.run_minutes,
                "labour_run_minutes": None if outside else op.labour_run_minutes,
                "subassembly_id": op.subassembly_id, "inspection_required": op.inspection_required,
                "instructions": op.instructions.strip()}

    @staticmethod
    def _names_of(op) -> dict:
        """What ``op``'s chosen records are called, for the conflict dialog."""
        return {("workstation_id", op.workstation_id): f"{op.workstation_code} — {op.workstation_name}",
                ("operator_id", op.operator_id): op.operator_name, ("supplier_id", op.supplier_id): op.supplier_name,
                ("subassembly_id", op.subassembly_id): op.subassembly_name}

    def _shown(self, name: str, value, names: dict) -> str:
        """A field's value as a person reads it in the conflict dialog."""
        combo = {"workstation_id": self.workstation, "operator_id": self.operator, "supplier_id": self.supplier,
                 "subassembly_id": self.subassembly}.get(name)
        if combo is not None:
            if value is None:
                return {"operator_id": "Anyone who can run it", "supplier_id": "Done in the shop",
                        "subassembly_id": "The whole job", "workstation_id": "—"}[name]
            found = combo.findData(value)
            return names.get((name, value)) or (combo.itemText(found).strip() if found >= 0 else str(value))
        if name == "inspection_required":
            return "Yes" if value else "No"
        if isinstance(value, Decimal):
            return format_number(value.normalize(), self.ctx.locale)
        if value is None:
            return "The whole run" if name == "labour_run_minutes" else "—"
        return str(value)
