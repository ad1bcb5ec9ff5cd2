"""Simple forms that book actual cost to a job: time on an operation, material issued or
returned, and another direct cost. Each calls its service itself and closes only when the save
worked, so bad input shows its message next to the field and nothing is saved."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QDateTime, Qt, QTime
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDateTimeEdit, QDialog,
                               QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QMessageBox, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from ...domain.locale_text import format_number
from ...services import bookings, routing, workstations
from ..context import Outcome
from ..plain_text import plain_label
from ..widgets.cost_common import money_symbol
from ..widgets.date_edit import date_field, use_shop_date_form
from ..widgets.field_errors import FieldErrors, general_error_label
from ..widgets.sizing import fit_to_screen
from .material_picker import MaterialPicker
from .unsaved import guard_typing

KIND_CHOICES = [("As usual for the workstation", None), ("Labour (a person)", "labour"),
                ("Machine running alone", "machine"), ("Both (person at a machine)", "both")]


def confirm_beyond_stock(parent: QWidget, shortage: bookings.StockShortage) -> bool:
    """Ask before issuing more than the stock shows; the form stays filled either way."""
    box = QMessageBox(QMessageBox.Icon.Warning, "More than in stock", shortage.message, parent=parent)
    box.setObjectName("beyondStockQuestion")
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setInformativeText("The stock will show the figure below zero until the material is booked in.")
    issue = box.addButton("Issue anyway", QMessageBox.ButtonRole.AcceptRole)
    change = box.addButton("Change the quantity", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(change)
    box.exec()
    return box.clickedButton() is issue


class _BookingDialog(QDialog):
    def __init__(self, ctx, job, title: str, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job = job
        self.result_view = None
        self.setObjectName(name)
        self.setWindowTitle(f"{title} — {job.number}")
        self.form = QFormLayout()
        self.general_error = general_error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Book it")
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self, errors: dict[str, QWidget]) -> None:
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.errors = FieldErrors(self.form, fallback=self.general_error)
        for field, widget in errors.items():
            self.errors.register(field, widget)
        fit_to_screen(self, 460, minimum=(460, 0))
        guard_typing(self, "The booking")

    def _done(self, outcome: Outcome) -> None:
        if outcome.ok:
            self.result_view = outcome.value
            self.accept()

    def save(self) -> None:  # pragma: no cover - subclasses
        raise NotImplementedError


def _operation_at_the_bench(operations) -> int | None:
    """The operation time is most likely booked to: one running (or paused), else the first not
    yet done, in routing order; a finished one is seldom what the person means."""
    for wanted in (("running", "paused"), ("pending", "ready")):
        for op in operations:
            if op.status in wanted:
                return op.id
    return None


class TimeBookingDialog(_BookingDialog):
    """Time on one of the job's operations: minutes, or a start and an end."""

    def __init__(self, ctx, job, operation_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, job, "Book time", "timeBookingDialog", parent)
        self.operation = QComboBox(objectName="timeOperation")
        self._operation_operator: dict[int, int | None] = {}
        operations = routing.list_operations(ctx.db, job.id)
        for op in operations:
            self.operation.addItem(f"{op.op_number:03d} {op.name} ({op.workstation_code})", op.id)
            self._operation_operator[op.id] = op.operator_id
        if operation_id is None:
            operation_id = _operation_at_the_bench(operations)
        self.operator = QComboBox(objectName="timeOperator")
        self.operator.addItem("Not named (at the workstation's labour rate)", None)
        for person in workstations.list_operators(ctx.db):
            self.operator.addItem(person.name, person.id)
        self._operator_picked = False  # once the person picks one, changing the operation keeps it
        self.operator.activated.connect(lambda _index: setattr(self, "_operator_picked", True))
        self.operation.currentIndexChanged.connect(self._default_operator)
        if operation_id is not None:
            self.operation.setCurrentIndex(max(0, self.operation.findData(operation_id)))
        self._default_operator()
        self.minutes = QLineEdit(objectName="timeMinutes", placeholderText="e.g. 90, 1h30 or 1:30")
        self.minutes.setToolTip("Time worked as the bench says it: 80 (minutes), 90m, 1h20, 1:20 or 1.5h. With a "
                                "start and end, leave empty to book the whole span, or give less for a break.")
        self.use_span = QCheckBox("Give the start and end time", objectName="timeUseSpan")
        now = QDateTime.currentDateTime()
        now.setTime(QTime(now.time().hour(), 0))
        self.started = QDateTimeEdit(now.addSecs(-3600), objectName="timeStart")
        self.ended = QDateTimeEdit(now, objectName="timeEnd")
        for edit in (self.started, self.ended):
            use_shop_date_form(edit, ctx.locale)
            edit.setCalendarPopup(True)
            edit.setEnabled(False)
        self.use_span.toggled.connect(self.started.setEnabled)
        self.use_span.toggled.connect(self.ended.setEnabled)
        self.kind = QComboBox(objectName="timeKind")
        for label, value in KIND_CHOICES:
            self.kind.addItem(label, value)
        self.note = QLineEdit(objectName="timeNote")
        self.mark_done = QCheckBox("The operation is finished", objectName="timeMarkDone")
        self.form.addRow("&Operation", self.operation)
        self.form.addRow("Ope&rator", self.operator)
        self.form.addRow("&Minutes", self.minutes)
        self.form.addRow("", self.use_span)
        self.form.addRow("&Start", self.started)
        self.form.addRow("&End", self.ended)
        self.form.addRow("&Kind of time", self.kind)
        self.form.addRow("&Note", self.note)
        self.form.addRow("", self.mark_done)
        if self.operation.count() == 0:
            self.general_error.setText("This job has no operations yet: add them on the Routing tab first.")
            self.general_error.show()
            self.ok_button.setEnabled(False)
        self.finish_layout({"operation": self.operation, "operator_id": self.operator, "minutes": self.minutes,
                            "started_at": self.started, "ended_at": self.ended, "kind": self.kind,
                            "note": self.note})
        self.general_error.setVisible(self.operation.count() == 0)
        # The operation and its operator are filled in: what is left to type is the time, then Enter.
        self.ok_button.setDefault(True)
        self.minutes.setFocus()

    def _default_operator(self) -> None:
        """The operation's own operator, else whoever was booked last in this run of the program."""
        if self._operator_picked:
            return
        operator_id = self._operation_operator.get(self.operation.currentData()) or self.ctx.last_operator_id
        self.operator.setCurrentIndex(max(0, self.operator.findData(operator_id)))

    def save(self) -> None:
        self.errors.clear()
        span = {}
        if self.use_span.isChecked():
            span = dict(started_at=self.started.dateTime().toPython(), ended_at=self.ended.dateTime().toPython())
        operator_id = self.operator.currentData()
        self._done(self.ctx.call(self, bookings.log_time, self.operation.currentData(), operator_id,
                                 minutes=self.minutes.text(), kind=self.kind.currentData(), note=self.note.text(),
                                 mark_done=self.mark_done.isChecked(), **span,
                                 on_invalid=self.errors.show))
        if self.result_view is not None and operator_id is not None:
            self.ctx.last_operator_id = operator_id


class MaterialBookingDialog(_BookingDialog):
    """Material issued to the job from stock (or bought in for it), or returned to stock."""

    def __init__(self, ctx, job, money=str, *, returning: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(ctx, job, "Issue or return material", "materialBookingDialog", parent)
        self.money = money
        self.material_id: int | None = None
        self.picker: MaterialPicker | None = None
        self.issue_radio = QRadioButton("Issue to the job", objectName="materialIssue")
        self.return_radio = QRadioButton("Return to stock", objectName="materialReturn")
        group = QButtonGroup(self)
        group.addButton(self.issue_radio)
        group.addButton(self.return_radio)
        (self.return_radio if returning else self.issue_radio).setChecked(True)
        direction = QHBoxLayout()
        direction.setContentsMargins(0, 0, 0, 0)
        direction.addWidget(self.issue_radio)
        direction.addWidget(self.return_radio)
        direction.addStretch(1)
        self._direction = QWidget()
        self._direction.setLayout(direction)
        self.material_label = plain_label("none chosen", objectName="materialChosen")
        self.pick_button = QPushButton("Choose material…", objectName="materialPick")
        self.pick_button.clicked.connect(self.pick_material)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.material_label, 1)
        row.addWidget(self.pick_button)
        self._material_row = QWidget()
        self._material_row.setLayout(row)
        self.quantity = QLineEdit(objectName="materialQuantity",
                                  placeholderText=f"e.g. {format_number(Decimal('2.5'), ctx.locale)}")
        self.description = QLineEdit(objectName="materialDescription")
        self.description.setPlaceholderText("Only for something not on the materials list")
        self.unit_cost = QLineEdit(objectName="materialUnitCost")
        self.unit_cost.setPlaceholderText("Empty: today's cost from the list")
        self.note = QLineEdit(objectName="materialNote")
        self.form.addRow("", self._direction)
        self.form.addRow("&Material", self._material_row)
        self.form.addRow("&Quantity", self.quantity)
        self.form.addRow("&Description", self.description)
        self.form.addRow(f"&Unit cost ({money_symbol(ctx.db)})", self.unit_cost)
        self.form.addRow("&Note", self.note)
        self.finish_layout({"material_id": self._material_row, "quantity": self.quantity,
                            "description": self.description, "unit_cost": self.unit_cost, "note": self.note})

    def pick_material(self) -> None:
        self.picker = MaterialPicker(self.ctx, self.money, self)
        self.picker.accepted.connect(lambda: self.use_material(self.picker.chosen()))
        self.picker.open()

    def use_material(self, material) -> None:
        if material is None:
            return
        self.material_id = material.id
        self.material_label.setText(f"{material.code} — {material.name}  ({material.stock_on_hand.normalize():f} "
                                    f"{material.unit} in stock at {self.money(material.unit_cost)})")
        self.quantity.setFocus()

    def save(self) -> None:
        self.errors.clear()
        self._done(self._book())

    def _book(self, **beyond_stock):
        """Book it; past the stock on hand, ask, and book anyway (``beyond_stock=True``) if told to."""
        fn = bookings.return_material if self.return_radio.isChecked() else bookings.issue_material
        cost = self.unit_cost.text().strip() or None
        shortages: list[bookings.StockShortage] = []

        def invalid(exc) -> None:
            if isinstance(exc, bookings.StockShortage):
                shortages.append(exc)
            else:
                self.errors.show(exc)

        result = self.ctx.call(self, fn, self.job.id, material_id=self.material_id,
                               description=self.description.text(), quantity=self.quantity.text(), unit_cost=cost,
                               note=self.note.text(), on_invalid=invalid, **beyond_stock)
        if shortages:
            if confirm_beyond_stock(self, shortages[0]):
                return self._book(beyond_stock=True)
            self.errors.show(shortages[0])  # next to the quantity, to change it
        return result


class OtherCostDialog(_BookingDialog):
    """A direct cost that is neither time nor stock: subcontract, delivery, design or other."""

    def __init__(self, ctx, job, parent: QWidget | None = None) -> None:
        super().__init__(ctx, job, "Add another cost", "otherCostDialog", parent)
        self.category = QComboBox(objectName="otherCategory")
        for value in bookings.OTHER_COST_CATEGORIES:
            self.category.addItem(value.capitalize(), value)
        self.description = QLineEdit(objectName="otherDescription", placeholderText="e.g. Powder coating by Acme")
        self.amount = QLineEdit(objectName="otherAmount",
                                placeholderText=f"e.g. {format_number(120, ctx.locale, places=2)}")
        self.incurred_on = date_field(ctx, object_name="otherDate")
        self.incurred_on.set_date(ctx.db.today())
        self.form.addRow("&Category", self.category)
        self.form.addRow("&Description", self.description)
        self.form.addRow(f"&Amount ({money_symbol(ctx.db)})", self.amount)
        self.form.addRow("&Date", self.incurred_on)
        self.finish_layout({"category": self.category, "description": self.description, "amount": self.amount,
                            "incurred_on": self.incurred_on})

    def save(self) -> None:
        self.errors.clear()
        self._done(self.ctx.call(self, bookings.add_other_cost, self.job.id, category=self.category.currentData(),
                                 description=self.description.text(), amount=self.amount.text(),
                                 incurred_on=self.incurred_on.value(), on_invalid=self.errors.show))
