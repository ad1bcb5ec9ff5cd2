"""New job without a brief: customer, title, quantity, due date and priority."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QSpinBox, QWidget

from ...domain.statuses import Priority
from ...services import customers, jobs
from ..dialogs.form_dialog import SimpleDialog
from .date_edit import date_field


class NewJobDialog(SimpleDialog):
    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__("New job", object_name="newJobDialog", parent=parent, general_error=True)
        self.ctx = ctx
        self.job: jobs.JobDetail | None = None
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
        for field, label, widget in (("customer_id", "Customer", self.customer), ("title", "Title", self.title),
                                     ("quantity", "Quantity", self.quantity), ("due_date", "Due date", self.due_date),
                                     ("priority", "Priority", self.priority)):
            self.add_row(label, widget, field)
        self.finish(460, guard="The new job")

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
