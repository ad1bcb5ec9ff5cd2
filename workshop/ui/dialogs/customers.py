"""Shop ▸ Customers…: who they are, the billing address and its country, and where goods go."""

from __future__ import annotations

from ...domain.addresses import home_country
from ...services import customers, settings
from ..widgets.addresses import CountryCombo, DeliveryAddressesEditor
from .record_editor import Field, RecordEditor


class CustomersDialog(RecordEditor):
    window_title = "Customers"
    noun = "customer"
    inactive_label = "Show archived"

    def fields(self):
        return [Field("name", "&Name"), Field("contact_person", "&Contact person"), Field("phone", "&Phone"),
                Field("email", "&Email"), Field("address", "&Billing address", "long"),
                Field("country", "Co&untry", "custom", make=CountryCombo),
                Field("tax_number", "&Tax number", placeholder="VAT or company number"),
                Field("delivery_addresses", "&Delivery addresses", "custom", make=DeliveryAddressesEditor),
                Field("notes", "N&otes", "long"),
                Field("archived", "Archived (kept, but not offered for new briefs)", "bool")]

    def defaults(self):
        """A new customer is in the shop's own country until told otherwise."""
        return {"country": home_country(settings.get_settings(self.ctx.db).locale), "delivery_addresses": []}

    def shown_value(self, field, value):
        if field.name == "delivery_addresses":  # the labels (else the first lines) of the addresses
            return "; ".join(_address_text(a) for a in value or ()) or "None"
        return super().shown_value(field, value)

    def list_records(self, search, include_inactive):
        return customers.list_customers(self.ctx.db, search, include_archived=include_inactive)

    create = staticmethod(customers.create_customer)
    update = staticmethod(customers.update_customer)  # one transaction, archived included


def _address_text(address) -> str:
    """A delivery address (a saved one, or the editor's dict) in a few words."""
    get = address.get if isinstance(address, dict) else lambda name: getattr(address, name, "")
    return get("label") or (get("address") or "").split("\n")[0]
