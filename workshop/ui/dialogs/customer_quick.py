"""A small dialog to add a customer without leaving the form you are in."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from ...services import customers
from ..context import CUSTOMERS, AppContext
from ..widgets.field_errors import FieldErrors
from ..widgets.sizing import fix_minimum_size


class NewCustomerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = None
        self.setObjectName("newCustomerDialog")
        self.setWindowTitle("New customer")
        self.form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for field, label in (("name", "Name"), ("contact_person", "Contact person"), ("phone", "Phone"),
                             ("email", "Email")):
            edit = QLineEdit()
            edit.setObjectName(f"customer_{field}")
            self.form.addRow(label, edit)
            self.fields[field] = edit
        self.fields["name"].setText(name)
        self.errors = FieldErrors(self.form)
        for field, edit in self.fields.items():
            self.errors.register(field, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add customer")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        fix_minimum_size(self, width=420)

    def accept(self) -> None:
        values = {field: edit.text() for field, edit in self.fields.items()}
        created = self.ctx.call(self, customers.create_customer, **values, changes={CUSTOMERS},
                                on_invalid=self.errors.show)
        if created is not None:
            self.customer = created
            super().accept()
