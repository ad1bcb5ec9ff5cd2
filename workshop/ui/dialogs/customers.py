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

    def create(self, db, archived=False, **values):
        record = customers.create_customer(db, **values)
        return customers.archive_customer(db, record.id, True) if archived else record

    def update(self, db, record_id, archived=None, **values):
        record = customers.update_customer(db, record_id, **values) if values else None
        if archived is not None:
            record = customers.archive_customer(db, record_id, archived)
        return record if record is not None else customers.get_customer(db, record_id)
