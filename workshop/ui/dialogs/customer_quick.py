"""A small dialog to add a customer without leaving the form you are in: the name, and
optionally the contact, the billing address and its country, a tax number and one delivery
address (more can be added later in Shop ▸ Customers…)."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QPlainTextEdit, QVBoxLayout,
                               QWidget)

from ...domain.addresses import home_country
from ...services import customers, settings
from ..context import AppContext
from ..widgets.addresses import CountryCombo
from ..widgets.field_errors import FieldErrors
from ..widgets.sizing import fit_to_screen
from .unsaved import guard_typing


def _address_edit(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name, tabChangesFocus=True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(58)
    return edit


class NewCustomerDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.customer = None
        self.setObjectName("newCustomerDialog")
        self.setWindowTitle("New customer")
        self.form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for field, label, placeholder in (("name", "Name", ""), ("contact_person", "Contact person", "optional"),
                                          ("phone", "Phone", "optional"), ("email", "Email", "optional")):
            edit = QLineEdit(placeholderText=placeholder)
            edit.setObjectName(f"customer_{field}")
            self.form.addRow(label, edit)
            self.fields[field] = edit
        self.fields["name"].setText(name)
        self.address = _address_edit("customer_address", "Optional: street, town, postcode, a line each")
        self.country = CountryCombo()
        self.country.setObjectName("customer_country")
        self.country.set_value(home_country(settings.get_settings(ctx.db).locale))
        self.tax_number = QLineEdit(objectName="customer_tax_number", placeholderText="Optional: VAT or company number")
        self.delivery = _address_edit("customer_delivery_address", "Optional: where goods go, if not the address "
                                                                   "above")
        self.form.addRow("Billing address", self.address)
        self.form.addRow("Country", self.country)
        self.form.addRow("Tax number", self.tax_number)
        self.form.addRow("Delivery address", self.delivery)
        self.errors = FieldErrors(self.form)
        for field, edit in (*self.fields.items(), ("address", self.address), ("country", self.country),
                            ("tax_number", self.tax_number), ("delivery_addresses", self.delivery)):
            self.errors.register(field, edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add customer")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        fit_to_screen(self, 460, minimum=(460, 0))
        guard_typing(self, "The new customer")

    def values(self) -> dict:
        values = {field: edit.text() for field, edit in self.fields.items()}
        values.update(address=self.address.toPlainText(), country=self.country.value(),
                      tax_number=self.tax_number.text())
        delivery = self.delivery.toPlainText()
        # The delivery address is in the billing address's country unless the customer says otherwise.
        values["delivery_addresses"] = [dict(address=delivery, country=self.country.value())] if delivery.strip() \
            else []
        return values

    def accept(self) -> None:
        created = self.ctx.call(self, customers.create_customer, **self.values(), on_invalid=self.errors.show)
        if created.ok:
            self.customer = created.value
            super().accept()
