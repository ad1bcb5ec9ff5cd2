"""Shop ▸ Workstations…: rates, overhead basis, capacity, kind, active."""

from __future__ import annotations

from ...domain.statuses import OverheadBasis
from ...services import workstations as ws
from ..widgets.cost_common import money_symbol
from .record_editor import Field, RecordEditor


class WorkstationsDialog(RecordEditor):
    window_title = "Workstations"
    noun = "workstation"

    def fields(self):
        return [
            Field("code", "&Code", placeholder="e.g. SAW", width=160),
            Field("name", "&Name"),
            Field("kind", "&Kind", "choice", choices=lambda: [(k.capitalize(), k) for k in ws.WORKSTATION_KINDS]),
            Field("labour_rate", f"&Labour rate, {money_symbol(self.ctx.db)} per hour", "number", placeholder="0.00"),
            Field("machine_rate", f"&Machine rate, {money_symbol(self.ctx.db)} per hour", "number", placeholder="0.00"),
            Field("overhead_rate", "&Overhead rate", "number", placeholder="shop default"),
            Field("overhead_basis", "Overhead &basis", "choice",
                  choices=lambda: [(b.label, b.value) for b in OverheadBasis]),
            Field("capacity_hours_per_day", "&Capacity, hours per day", "number", placeholder="8"),
            Field("active", "Active (offered when planning operations)", "bool"),
        ]

    def label(self, record):
        return record.label

    def list_records(self, search, include_inactive):
        return ws.list_workstations(self.ctx.db, search, include_inactive=include_inactive)

    def defaults(self):
        return {"kind": "manual", "overhead_basis": "per_labour_hour", "capacity_hours_per_day": "8",
                "labour_rate": "0.00", "machine_rate": "0.00", "active": True}

    create = staticmethod(ws.create_workstation)
    update = staticmethod(ws.update_workstation)
