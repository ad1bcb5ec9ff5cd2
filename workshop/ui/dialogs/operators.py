"""Shop ▸ Operators…: rate, skills (the workstations each can run), active."""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QPushButton

from ...services import workstations as ws
from ..printing import print_badges
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

    def extra_buttons(self):
        self.print_badges_button = QPushButton("Print &badges…")
        self.print_badges_button.setObjectName("printBadgesButton")
        self.print_badges_button.setToolTip("Badges to scan at the Shop Floor terminal, eight to an A4 sheet")
        menu = QMenu(self.print_badges_button)
        self.badges_for_all = menu.addAction("All active operators", lambda: print_badges(self, self.ctx))
        self.badge_for_chosen = menu.addAction("", self._print_chosen_badge)
        menu.aboutToShow.connect(self._name_chosen_badge)
        self.print_badges_button.setMenu(menu)
        return [self.print_badges_button]

    def _name_chosen_badge(self) -> None:
        chosen = self.current if not self.creating else None  # "&&": a name's & is not a shortcut
        self.badge_for_chosen.setText(f"Only {chosen.name.replace('&', '&&')}" if chosen is not None else "Only the chosen operator")
        self.badge_for_chosen.setEnabled(chosen is not None)

    def _print_chosen_badge(self) -> None:
        if self.current is not None and not self.creating:
            print_badges(self, self.ctx, [(self.current.id, self.current.name)])

    def list_records(self, search, include_inactive):
        return ws.list_operators(self.ctx.db, include_inactive=include_inactive)

    def values_of(self, record):
        return {"name": record.name, "hourly_rate": record.hourly_rate, "active": record.active,
                "workstation_ids": list(record.workstation_ids)}

    def defaults(self):
        return {"active": True, "hourly_rate": "0.00", "workstation_ids": []}

    create = staticmethod(ws.create_operator)
    update = staticmethod(ws.update_operator)
