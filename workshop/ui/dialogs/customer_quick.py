"""A small dialog to add a customer without leaving the form you are in: the name, and
optionally the contact, the billing address and its country, a tax number and one delivery
address (more can be added later in Shop ▸ Customers…)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ...domain.addresses import home_country
from ...services import customers, settings
from ..context import AppContext
from ..widgets.addresses import CountryCombo
from .form_dialog import SimpleDialog


def _address_edit(name: str, placeholder: str) -> QPlainTextEdit:
    edit = QPlainTextEdit(objectName=name, tabChangesFocus=True)
    edit.setPlaceholderText(placeholder)
    edit.setFixedHeight(58)
    return edit


class NewCustomerDialog(SimpleDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None, name: str = "") -> None:
        super().__init__("New customer", object_name="newCustomerDialog", parent=parent, ok_text="Add customer")
        self.ctx = ctx
        self.customer = None
        self.fields: dict[str, QLineEdit] = {}
        for field, label, placeholder in (("name", "Name", ""), ("contact_person", "Contact person", "optional"),
                                          ("phone", "Phone", "optional"), ("email", "Email", "optional")):
            self.fields[field] = self.add_row(label, QLineEdit(objectName=f"customer_{field}",
                                                               placeholderText=placeholder), field)
        self.fields["name"].setText(name)
        self.address = self.add_row("Billing address", _address_edit("customer_address", "Optional: street, town, "
                                                                     "postcode, a line each"), "address")
        self.country = self.add_row("Country", CountryCombo(), "country")
        self.country.setObjectName("customer_country")
        self.country.set_value(home_country(settings.get_settings(ctx.db).locale))
        self.tax_number = self.add_row("Tax number", QLineEdit(objectName="customer_tax_number",
                                                               placeholderText="Optional: VAT or company number"),
                                       "tax_number")
        self.delivery = self.add_row("Delivery address", _address_edit("customer_delivery_address", "Optional: where "
                                                                       "goods go, if not the address above"),
                                     "delivery_addresses")
        self.finish(460, minimum=(460, 0), guard="The new customer")

    def values(self) -> dict:
        values = {field: edit.text() for field, edit in self.fields.items()}
        values.update(address=self.address.toPlainText(), country=self.country.value(),
                      tax_number=self.tax_number.text())
        delivery = self.delivery.toPlainText()
        # The delivery address is in the billing address's country unless the customer says otherwise.
        values["delivery_addresses"] = [dict(address=delivery, country=self.country.value())] if delivery.strip() \
            else []
        return values

    def save(self) -> None:
        created = self.ctx.call(self, customers.create_customer, **self.values(), on_invalid=self.errors.show)
        if created.ok:
            self.customer = created.value
            self.accept()
