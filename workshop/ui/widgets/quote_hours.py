"""The hours it takes to make what a quote is for, workstation by workstation in the order the work
is done: what "Propose a date" schedules behind the shop's load (``services.promise``)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...domain.errors import ValidationError
from ...domain.locale_text import format_number
from .. import theme
from .field_errors import general_error_label
from .table_rows import remove_chosen_row


class QuoteHoursBox(QWidget):
    """``rows()`` gives the services' ``hours``: [(workstation id, hours as typed)], blank lines left out."""

    FIELDS = frozenset({"hours"})

    def __init__(self, stations: list[tuple[int, str]], locale: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quoteHoursBox")
        self.stations = stations  # (id, "SAW — Panel saw")
        self.locale = locale
        self.table = QTableWidget(0, 2, objectName="quoteHoursTable")
        self.table.setHorizontalHeaderLabels(["Workstation", "Hours"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 90)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton("Add &hours", objectName="quoteAddHours")
        self.remove_button = QPushButton("&Remove hours", objectName="quoteRemoveHours")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_row)
        hint = QLabel("The work in the order it is done; Propose a date schedules it behind the shop's work.")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setStyleSheet(theme.HINT_STYLE)
        hint.setWordWrap(True)
        self.error = general_error_label()
        self.error.setObjectName("quoteHoursError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(hint)
        layout.addWidget(self.error)

    def add_row(self, workstation_id: int | None = None, hours: str = "") -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        for ws_id, label in self.stations:
            combo.addItem(label, ws_id)
        if workstation_id is None and row > 0:  # the next step is most often at another station: start after
            workstation_id = self.table.cellWidget(row - 1, 0).currentData()
        combo.setCurrentIndex(max(0, combo.findData(workstation_id)))
        self.table.setCellWidget(row, 0, combo)
        item = QTableWidgetItem(hours)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 1, item)

    def remove_row(self) -> None:
        remove_chosen_row(self.table)

    def set_rows(self, rows: list[tuple[int, Decimal]]) -> None:
        self.table.setRowCount(0)
        for ws_id, hours in rows:
            self.add_row(ws_id, format_number(hours.normalize(), self.locale))

    def rows(self) -> list[tuple[int, str]]:
        out = []
        for r in range(self.table.rowCount()):
            item = self.table.item(r, 1)
            text = item.text().strip() if item else ""
            if text:
                out.append((self.table.cellWidget(r, 0).currentData(), text))
        return out

    def show_error(self, error: ValidationError) -> None:
        self.error.setText(error.message)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()
