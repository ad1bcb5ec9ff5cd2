"""Workstations ▸ Days off…: the days one workstation does not run (a service visit, its operator
on leave), each saved as it is added or removed; the schedule leaves them out."""

from __future__ import annotations

from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLineEdit, QPushButton,
                               QVBoxLayout, QWidget)

from ...domain.errors import ValidationError
from ...services import calendar
from ..context import AppContext
from ..plain_text import plain_label
from ..theme import ERROR_STYLE
from ..widgets.date_edit import date_field
from ..widgets.dated_table import dated_table, fill_dated_rows
from ..widgets.sizing import fit_to_screen


class DaysOffDialog(QDialog):
    def __init__(self, ctx: AppContext, workstation_id: int, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workstation_id = workstation_id
        self.setObjectName("daysOffDialog")
        self.setWindowTitle(f"Days off: {label}")
        self.days: tuple[calendar.DayOffView, ...] = ()
        self.table = dated_table("daysOffTable", "Reason", self.remove_day)
        self.new_day = date_field(ctx, object_name="dayOffDay")
        self.reason = QLineEdit(objectName="dayOffReason", placeholderText="optional, e.g. service visit")
        self.reason.setMaxLength(200)
        self.reason.returnPressed.connect(self.add_day)
        self.add_button = QPushButton("&Add day off", objectName="addDayOffButton", autoDefault=False)
        self.add_button.clicked.connect(self.add_day)
        self.remove_button = QPushButton("&Remove", objectName="removeDayOffButton", autoDefault=False)
        self.remove_button.clicked.connect(self.remove_day)
        entry = QFormLayout()
        entry.addRow("Da&te", self.new_day)
        entry.addRow("Rea&son", self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        self.error = plain_label(objectName="daysOffError", wordWrap=True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"{label} does not run on these days; the schedule leaves them out.",
                                     wordWrap=True))
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        layout.addWidget(close)
        self.reload()
        fit_to_screen(self, 520, 460, minimum=(420, 320))
        self.new_day.setFocus()

    def reload(self) -> None:
        self.days = calendar.days_off(self.ctx.db, self.workstation_id)
        fill_dated_rows(self.table, ((d.day, d.reason) for d in self.days), self.ctx.locale)
        self.remove_button.setEnabled(bool(self.days))

    def show_error(self, error: ValidationError) -> None:
        self.error.setText(error.message)
        self.error.show()
        (self.reason if error.field == "reason" else self.new_day).setFocus()

    def add_day(self) -> None:
        self.error.hide()
        outcome = self.ctx.call(self, calendar.add_day_off, self.workstation_id, self.new_day.value(),
                                self.reason.text(), on_invalid=self.show_error)
        if outcome.ok:
            self.reload()
            self.table.selectRow([d.id for d in self.days].index(outcome.value.id))
            self.new_day.set_date(None)
            self.reason.clear()
            self.new_day.setFocus()

    def remove_day(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.error.hide()
        if self.ctx.call(self, calendar.remove_day_off, self.days[row].id).ok:
            self.reload()
            self.table.selectRow(min(row, self.table.rowCount() - 1))
