"""New job without a brief: customer, title, quantity, due date and priority."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QCompleter, QDialog, QDialogButtonBox, QFormLayout, QLineEdit,
                               QSpinBox, QVBoxLayout, QWidget)

from ...domain.statuses import Priority
from ...services import customers, jobs
from ..dialogs.unsaved import guard_typing
from .date_edit import date_field
from .field_errors import FieldErrors, general_error_label
from .sizing import fit_to_screen


class NewJobDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.job: jobs.JobDetail | None = None
        self.setObjectName("newJobDialog")
        self.setWindowTitle("New job")
        self.customer = QComboBox(objectName="newJobCustomer", editable=True)
        self.customer.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for c in customers.list_customers(ctx.db, limit=2000):
            self.customer.addItem(c.name, c.id)
        self.customer.setCurrentIndex(-1)
        self.customer.lineEdit().setPlaceholderText("Type to find a customer…")
        completer = self.customer.completer()
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.title = QLineEdit(objectName="newJobTitle")
        self.quantity = QSpinBox(objectName="newJobQuantity", minimum=1, maximum=1_000_000)
        self.due_date = date_field(ctx, object_name="newJobDueDate")
        self.due_date.set_date(ctx.db.today() + dt.timedelta(days=28))
        self.priority = QComboBox(objectName="newJobPriority")
        for p in Priority:
            self.priority.addItem(p.label, p.value)
        self.priority.setCurrentIndex(self.priority.findData("normal"))

        form = QFormLayout()
        form.addRow("Customer", self.customer)
        form.addRow("Title", self.title)
        form.addRow("Quantity", self.quantity)
        form.addRow("Due date", self.due_date)
        form.addRow("Priority", self.priority)
        self.general_error = general_error_label()
        self.errors = FieldErrors(form, fallback=self.general_error)
        for name in ("customer_id", "title", "quantity", "due_date", "priority"):
            self.errors.register(name, getattr(self, name.removesuffix("_id")))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        fit_to_screen(self, 460)
        guard_typing(self, "The new job")

    def customer_id(self) -> int | None:
        text = self.customer.currentText().strip()
        index = self.customer.findText(text, Qt.MatchFlag.MatchFixedString)
        return self.customer.itemData(index) if index >= 0 else None

    def save(self) -> None:
        self.errors.clear()
        result = self.ctx.call(
            self, jobs.create_job, customer_id=self.customer_id(), title=self.title.text(),
            quantity=self.quantity.value(), due_date=self.due_date.value(),
            priority=self.priority.currentData(), on_invalid=self.errors.show)
        if result.ok:
            self.job = result.value
            self.accept()
