"""Shop ▸ Materials…: code, unit cost, stock and reorder level; searchable."""

from __future__ import annotations

from ...services import materials
from ..widgets.cost_common import money_symbol
from .record_editor import Field, RecordEditor


class MaterialsDialog(RecordEditor):
    window_title = "Materials"
    noun = "material"

    def fields(self):
        return [
            Field("code", "&Code", placeholder="e.g. OAK-25", width=160),
            Field("name", "&Name"),
            Field("unit", "&Unit", placeholder="ea, m, m2, kg, l", width=160),
            Field("unit_cost", f"Unit &cost ({money_symbol(self.ctx.db)})", "number", placeholder="0.00"),
            Field("stock_on_hand", "&Stock on hand", "number", placeholder="0"),
            Field("reorder_level", "&Reorder at", "number", placeholder="0"),
            Field("reorder_quantity", "Order &quantity", "number", placeholder="0: back up to the reorder level"),
            Field("active", "Active (offered in bills of materials)", "bool"),
        ]

    def label(self, record):
        low = "  ⚠ reorder" if record.below_reorder else ""
        return f"{record.code} — {record.name}{low}"

    def list_records(self, search, include_inactive):
        return materials.list_materials(self.ctx.db, search, include_inactive=include_inactive, limit=500)

    def defaults(self):
        return {"unit": "ea", "unit_cost": "0.00", "stock_on_hand": "0", "reorder_level": "0", "reorder_quantity": "0",
                "active": True}

    create = staticmethod(materials.create_material)
    update = staticmethod(materials.update_material)
