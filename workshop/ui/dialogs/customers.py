"""Shop ▸ Customers…"""

from __future__ import annotations

from ...services import customers
from ..context import CUSTOMERS
from .record_editor import Field, RecordEditor


class CustomersDialog(RecordEditor):
    window_title = "Customers"
    noun = "customer"
    change_name = CUSTOMERS
    inactive_label = "Show archived"

    def fields(self):
        return [Field("name", "&Name"), Field("contact_person", "&Contact person"), Field("phone", "&Phone"),
                Field("email", "&Email"), Field("address", "&Address", "long"),
                Field("tax_number", "&Tax number"), Field("notes", "N&otes", "long"),
                Field("archived", "Archived (kept, but not offered for new briefs)", "bool")]

    def list_records(self, search, include_inactive):
        return customers.list_customers(self.ctx.db, search, include_archived=include_inactive)

    def create(self, db, **values):
        return customers.create_customer(db, **values)

    def update(self, db, record_id, **values):
        return customers.update_customer(db, record_id, **values)  # one transaction, archived included
