"""Shop ▸ Workstations…: rates, overhead basis, capacity, machines side by side, days off, kind, active."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QSpinBox

from ...domain.statuses import OverheadBasis
from ...services import workstations as ws
from ..widgets.cost_common import money_symbol
from .record_editor import Field, RecordEditor
from .workstation_days_off import DaysOffDialog


class MachinesSpin(QSpinBox):
    """Machines side by side, 1 to 50: a "custom" field of the form (value, set_value, changed)."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setRange(1, ws.MAX_PARALLEL)
        self.setMaximumWidth(160)
        self.setToolTip("How many machines of this kind run side by side, each with the capacity above")
        self.valueChanged.connect(lambda _v: self.changed.emit())

    def set_value(self, value) -> None:
        self.setValue(int(value or 1))


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
            Field("parallel", "Mac&hines side by side", "custom", make=MachinesSpin),
            Field("active", "Active (offered when planning operations)", "bool"),
        ]

    def extra_buttons(self):
        self.days_off_button = QPushButton("&Days off…", objectName="daysOffButton")
        self.days_off_button.setToolTip("Days the chosen workstation does not run (a service visit, leave)")
        self.days_off_button.clicked.connect(self.open_days_off)
        return [self.days_off_button]

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.days_off_button.setEnabled(self.current is not None and not self.creating)

    def open_days_off(self) -> None:
        if self.current is not None and not self.creating:
            DaysOffDialog(self.ctx, self.current.id, self.current.label, self).exec()

    def label(self, record):
        return record.label

    def list_records(self, search, include_inactive):
        return ws.list_workstations(self.ctx.db, search, include_inactive=include_inactive)

    def defaults(self):
        return {"kind": "manual", "overhead_basis": "per_labour_hour", "capacity_hours_per_day": "8",
                "labour_rate": "0.00", "machine_rate": "0.00", "parallel": 1, "active": True}

    create = staticmethod(ws.create_workstation)
    update = staticmethod(ws.update_workstation)
