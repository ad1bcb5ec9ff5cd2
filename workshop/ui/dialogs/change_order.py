"""A change order on a live job (what changes, who asked, price, days, hours by workstation,
materials), and the customer's decision on one (approved or rejected, with a date)."""

from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.locale_text import format_number
from ...services import change_orders, workstations
from ..dates import date_text
from ..widgets.cost_common import money_symbol
from ..widgets.date_edit import date_field
from ..widgets.field_errors import FieldErrors, general_error_label
from ..widgets.sizing import fit_to_screen
from .material_picker import MaterialPicker
from .unsaved import guard_typing

#: what approving a change touches: the job (budget, due date), its routing and its BOM


class ChangeOrderDialog(QDialog):
    def __init__(self, ctx, job, money=str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job = job
        self.money = money
        self.saved = None
        self.picker: MaterialPicker | None = None
        self._materials: list[object] = []
        self._stations = [(w.id, f"{w.code} — {w.name}") for w in workstations.list_workstations(ctx.db)]
        self.setObjectName("changeOrderDialog")
        self.setWindowTitle(f"New change order — {job.number}")

        self.description = QPlainTextEdit(objectName="coDescription")
        self.description.setTabChangesFocus(True)
        self.description.setPlaceholderText("What the customer asked to change")
        self.description.setFixedHeight(64)
        self.requested_by = QLineEdit(objectName="coRequestedBy")
        self.price_change = QLineEdit(format_number(0, ctx.locale, places=2), objectName="coPriceChange")
        self.price_change.setToolTip("Added to the job's budget when approved (negative for a saving)")
        self.days = QLineEdit("0", objectName="coDays")
        self.days.setToolTip("Days the due date moves when approved")

        self.hours_table = QTableWidget(0, 2, objectName="coHoursTable")
        self.hours_table.setHorizontalHeaderLabels(["Workstation", "Minutes"])
        self.hours_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.hours_table.verticalHeader().hide()
        self.hours_table.setFixedHeight(96)
        add_hours = QPushButton("Add hours", objectName="coAddHours")
        add_hours.clicked.connect(self.add_hours_row)
        self.materials_table = QTableWidget(0, 2, objectName="coMaterialsTable")
        self.materials_table.setHorizontalHeaderLabels(["Material", "Quantity per unit"])
        self.materials_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.materials_table.verticalHeader().hide()
        self.materials_table.setFixedHeight(96)
        add_material = QPushButton("Add material…", objectName="coAddMaterial")
        add_material.clicked.connect(self.pick_material)

        self.form = QFormLayout()
        self.form.addRow("&Description", self.description)
        self.form.addRow("&Asked by", self.requested_by)
        self.form.addRow(f"&Price change ({money_symbol(ctx.db)})", self.price_change)
        self.form.addRow("Due date moves (&days)", self.days)
        self.form.addRow("Extra hours", self._with_button(self.hours_table, add_hours))
        self.form.addRow("Extra materials", self._with_button(self.materials_table, add_material))
        self.general_error = general_error_label()
        self.errors = FieldErrors(self.form, fallback=self.general_error)
        for field, widget in (("description", self.description), ("requested_by", self.requested_by),
                              ("price_change", self.price_change), ("days_delta", self.days)):
            self.errors.register(field, widget)
        self.errors.register("hours", self.form.itemAt(4, QFormLayout.ItemRole.FieldRole).widget())
        self.errors.register("materials", self.form.itemAt(6, QFormLayout.ItemRole.FieldRole).widget())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save as proposed")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        fit_to_screen(self, 560)
        guard_typing(self, "The change order")
        self.setMinimumSize(self.minimumSizeHint().width(), self.minimumSizeHint().height() + 24)

    @staticmethod
    def _with_button(table: QTableWidget, button: QPushButton) -> QWidget:
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(table, 1)
        row.addWidget(button)
        return box

    def add_hours_row(self) -> None:
        row = self.hours_table.rowCount()
        self.hours_table.insertRow(row)
        station = QComboBox()
        for ws_id, label in self._stations:
            station.addItem(label, ws_id)
        self.hours_table.setCellWidget(row, 0, station)
        self.hours_table.setCellWidget(row, 1, QLineEdit(placeholderText="e.g. 120 or 2h"))

    def pick_material(self) -> None:
        self.picker = MaterialPicker(self.ctx, self.money, self)
        self.picker.accepted.connect(lambda: self.add_material(self.picker.chosen()))
        self.picker.open()

    def add_material(self, material) -> None:
        if material is None:
            return
        row = self.materials_table.rowCount()
        self.materials_table.insertRow(row)
        item = QTableWidgetItem(f"{material.code} — {material.name}")
        self.materials_table.setItem(row, 0, item)
        self.materials_table.setCellWidget(row, 1, QLineEdit(placeholderText=f"in {material.unit}"))
        self._materials.append(material)

    def save(self) -> None:
        self.errors.clear()
        hours = [{"workstation_id": self.hours_table.cellWidget(r, 0).currentData(),
                  "minutes": self.hours_table.cellWidget(r, 1).text()}
                 for r in range(self.hours_table.rowCount())]
        mats = [{"material_id": m.id, "quantity": self.materials_table.cellWidget(r, 1).text()}
                for r, m in enumerate(self._materials)]
        saved = self.ctx.call(self, change_orders.create_change_order, self.job.id,
                              description=self.description.toPlainText(), requested_by=self.requested_by.text(),
                              price_change=self.price_change.text(), days_delta=self.days.text(), hours=hours,
                              materials=mats, on_invalid=self.errors.show)
        if saved.ok:
            self.saved = saved.value
            self.accept()


class DecideChangeDialog(QDialog):
    """Approve or reject a proposed change, with the day the customer decided."""

    def __init__(self, ctx, co, *, approve: bool, money=str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.co = co
        self.approve = approve
        self.saved = None
        self.setObjectName("decideChangeDialog")
        self.setWindowTitle(f"{'Approve' if approve else 'Reject'} {co.label}")
        if approve:
            due = date_text(co.new_due_date, "unchanged")
            text = (f"The customer approved “{co.description}”.\n\nThe budget becomes {money(co.new_budget.amount)} "
                    f"and the due date {due}; the extra hours join the routing and the materials the bill of "
                    "materials.")
        else:
            text = f"The customer turned down “{co.description}”. Nothing on the job changes."
        intro = QLabel(text, wordWrap=True)
        self.decided_on = date_field(ctx, object_name="coDecidedOn")
        self.decided_on.set_date(ctx.db.today())
        self.note = QLineEdit(objectName="coDecisionNote")
        form = QFormLayout()
        form.addRow("&Decided on", self.decided_on)
        form.addRow("&Note", self.note)
        self.general_error = general_error_label()
        self.errors = FieldErrors(form, fallback=self.general_error)
        self.errors.register("decided_on", self.decided_on)
        self.errors.register("note", self.note)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Approve" if approve else "Reject")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)
        fit_to_screen(self, 460)
        guard_typing(self, "The decision")
        self.setMinimumSize(self.minimumSizeHint().width(), self.minimumSizeHint().height() + 24)

    def save(self) -> None:
        self.errors.clear()
        fn = change_orders.approve_change_order if self.approve else change_orders.reject_change_order
        saved = self.ctx.call(self, fn, self.co.id, decided_on=self.decided_on.value(),
                              note=self.note.text(), on_invalid=self.errors.show)
        if saved.ok:
            self.saved = saved.value
            self.accept()
