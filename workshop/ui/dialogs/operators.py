"""Shop ▸ Operators…: rate, skills (the workstations each can run), active."""

from __future__ import annotations

from ...services import workstations as ws
from ..widgets.cost_common import money_symbol
from .record_editor import Field, RecordEditor


class OperatorsDialog(RecordEditor):
    window_title = "Operators"
    noun = "operator"
    searchable = False

    def fields(self):
        return [
            Field("name", "&Name"),
            Field("hourly_rate", f"&Hourly rate, {money_symbol(self.ctx.db)} per hour", "number", placeholder="0.00"),
            Field("workstation_ids", "&Skills (can run)", "multi",
                  choices=lambda: [(w.label, w.id) for w in ws.list_workstations(self.ctx.db)]),
            Field("active", "Active", "bool"),
        ]

    def list_records(self, search, include_inactive):
        return ws.list_operators(self.ctx.db, include_inactive=include_inactive)

    def values_of(self, record):
        return {"name": record.name, "hourly_rate": record.hourly_rate, "active": record.active,
                "workstation_ids": list(record.workstation_ids)}

    def defaults(self):
        return {"active": True, "hourly_rate": "0.00", "workstation_ids": []}

    create = staticmethod(ws.create_operator)
    update = staticmethod(ws.update_operator)
