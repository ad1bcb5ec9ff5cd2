"""A date field that may be left empty ("No date"), for optional dates like required-by."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QToolButton, QWidget

_EMPTY = QDate(1900, 1, 1)


class OptionalDateEdit(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateEdit()
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("d MMM yyyy")
        self.edit.setMinimumDate(_EMPTY)
        self.edit.setSpecialValueText("No date")  # shown while the value is the minimum
        self.edit.setMinimumWidth(140)
        self.clear_button = QToolButton()
        self.clear_button.setText("Clear")
        self.clear_button.setToolTip("No date")
        self.clear_button.clicked.connect(lambda: self.set_date(None))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._date_changed)
        self.set_date(None)

    def _date_changed(self, _date: QDate) -> None:
        self.changed.emit()

    def date(self) -> dt.date | None:
        value = self.edit.date()
        return None if value == _EMPTY else value.toPython()

    def set_date(self, value: dt.date | None) -> None:
        self.edit.setDate(_EMPTY if value is None else QDate(value.year, value.month, value.day))
