"""Shop ▸ Routing templates…: name, description and the steps, in order. A step done outside shows
its supplier and days away instead of workstation and minutes; it is kept as it is (read-only here:
it comes from a job's routing saved as a template)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.errors import ValidationError
from ...domain.wording import outside_work
from ...services import templates
from ...services import workstations as ws
from ...services.outside_operations import OUTSIDE_KIND
from .record_editor import Field, RecordEditor

STEP_FIELDS = ("name", "workstation_id", "setup_minutes", "run_minutes", "labour_run_minutes", "inspection_required",
               "instructions", "supplier_id", "days_away")
NAME, STATION, SETUP, RUN, ATTENDED, CHECK = range(6)
OUTSIDE_TIP = ("Done outside the shop. To change the supplier or the days, edit the operation on a job's routing "
               "and save that routing as a template.")


def _minutes(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")
    return str(value or "0")


class StepsEditor(QWidget):
    """The template's steps as a small table; the service checks the values on save."""

    changed = Signal()

    def __init__(self, workstations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # the outside-work workstation is not one to choose: a step done outside sits there by itself
        self._stations = [(w.label, w.id) for w in workstations if w.kind != OUTSIDE_KIND]
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("stepsTable")
        self.table.setHorizontalHeaderLabels(["Step", "Workstation", "Setup min", "Run min/unit", "Attended min/unit",
                                              "Inspect"])
        self.table.horizontalHeaderItem(ATTENDED).setToolTip(
            "A person's minutes of each unit's run; empty: attended throughout")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((STATION, 180), (SETUP, 76), (RUN, 96), (ATTENDED, 124), (CHECK, 60)):
            self.table.setColumnWidth(col, width)
        self.table.setMinimumHeight(150)
        self.table.setMinimumWidth(560)
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, slot in (("add", "Add step", self.add_step), ("remove", "Remove", self.remove_step),
                                ("up", "Move up", lambda: self.move(-1)), ("down", "Move down", lambda: self.move(1))):
            b = QPushButton(text)
            b.setObjectName(f"step_{key}")
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self._instructions: list[str] = []
        self._outside: list[dict | None] = []  # per row: supplier_id, supplier_name, days_away of a step done outside

    def _station_combo(self, workstation_id) -> QComboBox:
        combo = QComboBox()
        for label, value in self._stations:
            combo.addItem(label, value)
        combo.setCurrentIndex(combo.findData(workstation_id))
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        return combo

    def _append(self, step: dict) -> None:
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, NAME, QTableWidgetItem(step.get("name", "")))
        outside = None
        if step.get("supplier_id") is not None:
            outside = {k: step.get(k) for k in ("supplier_id", "supplier_name", "days_away")}
            # where and how long, in the words of the job card, over the workstation and minutes columns
            where = QTableWidgetItem(outside_work(outside["supplier_name"] or "", outside["days_away"]))
            where.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            where.setToolTip(OUTSIDE_TIP)
            self.table.setItem(row, STATION, where)
            self.table.setSpan(row, STATION, 1, ATTENDED - STATION + 1)
        else:
            self.table.setCellWidget(row, STATION, self._station_combo(step.get("workstation_id")))
            for col, key, empty in ((SETUP, "setup_minutes", "0"), (RUN, "run_minutes", "0"),
                                    (ATTENDED, "labour_run_minutes", None)):
                item = QTableWidgetItem(_minutes(step.get(key, empty)))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, col, item)
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(Qt.CheckState.Checked if step.get("inspection_required") else Qt.CheckState.Unchecked)
        self.table.setItem(row, CHECK, check)
        self._instructions.append(step.get("instructions", ""))
        self._outside.append(outside)
        self.table.blockSignals(False)

    def value(self) -> list[dict]:
        return [{k: v for k, v in step.items() if k != "supplier_name"} for step in self._rows()]

    def _rows(self) -> list[dict]:
        """The steps as shown, with an outside step's supplier name (for showing it again)."""
        steps = []
        for row in range(self.table.rowCount()):
            outside = self._outside[row]
            if outside is not None:  # no workstation or minutes in the shop: the service places it
                steps.append({
                    "name": self.table.item(row, NAME).text(), "workstation_id": None, **outside,
                    "setup_minutes": "0", "run_minutes": "0", "labour_run_minutes": "",
                    "inspection_required": self.table.item(row, CHECK).checkState() == Qt.CheckState.Checked,
                    "instructions": self._instructions[row],
                })
                continue
            steps.append({
                "name": self.table.item(row, NAME).text(),
                "workstation_id": self.table.cellWidget(row, STATION).currentData(),
                "setup_minutes": self.table.item(row, SETUP).text(),
                "run_minutes": self.table.item(row, RUN).text(),
                "labour_run_minutes": self.table.item(row, ATTENDED).text(),
                "inspection_required": self.table.item(row, CHECK).checkState() == Qt.CheckState.Checked,
                "instructions": self._instructions[row],
                "supplier_id": None,
                "days_away": None,
            })
        return steps

    def set_value(self, steps) -> None:
        self.table.setRowCount(0)
        self.table.clearSpans()
        self._instructions = []
        self._outside = []
        for step in steps or ():
            self._append(step)

    def add_step(self) -> None:
        default = self._stations[0][1] if self._stations else None
        self._append({"name": f"Step {self.table.rowCount() + 1}", "workstation_id": default})
        self.table.selectRow(self.table.rowCount() - 1)
        self.table.editItem(self.table.item(self.table.rowCount() - 1, NAME))
        self.changed.emit()

    def remove_step(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            steps = self._rows()
            del steps[row]
            self.set_value(steps)
            self.table.selectRow(min(row, self.table.rowCount() - 1))
            self.changed.emit()

    def move(self, delta: int) -> None:
        row = self.table.currentRow()
        to = row + delta
        if row < 0 or not 0 <= to < self.table.rowCount():
            return
        steps = self._rows()
        steps[row], steps[to] = steps[to], steps[row]
        self.set_value(steps)
        self.table.selectRow(to)
        self.changed.emit()


class TemplatesDialog(RecordEditor):
    window_title = "Routing templates"
    noun = "template"
    searchable = False
    initial_size = (1000, 600)

    def fields(self):
        return [
            Field("name", "&Name"),
            Field("description", "&Description", "long"),
            Field("steps", "&Steps", "custom", make=lambda: StepsEditor(ws.list_workstations(self.ctx.db))),
            Field("active", "Active (offered in Routing)", "bool"),
        ]

    def list_records(self, search, include_inactive):
        return templates.list_templates(self.ctx.db, include_inactive=include_inactive)

    def values_of(self, record):
        return {"name": record.name, "description": record.description, "active": record.active,
                "steps": [{k: getattr(s, k) for k in (*STEP_FIELDS, "supplier_name")} for s in record.steps]}

    def defaults(self):
        return {"active": True, "steps": []}

    def show_error(self, error: ValidationError) -> None:
        # A step's error names the step's field ("name", "run_minutes" …), not the template's.
        if getattr(self, "_saving_steps", False) and error.field in STEP_FIELDS and not (
                error.field == "name" and "name" in self._header_error_fields):
            error = ValidationError("steps", f"A step: {error.message}")
        super().show_error(error)

    create = staticmethod(templates.create_template)
    update = staticmethod(templates.update_template)

    def save(self) -> bool:
        # a blank name is the template's own error, not a step's (show_error tells them apart)
        name = self.form.values().get("name")
        self._header_error_fields = {"name"} if name is not None and not str(name).strip() else set()
        self._saving_steps = True
        return super().save()
