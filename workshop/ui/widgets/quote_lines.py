"""A quote's cost lines: category, description and amount (as typed, in the shop's locale), with Add
line, Remove line and From the job's estimate (which the quote editor fills, dialogs/quote_editor.py).
``changed`` is emitted on every edit, so the editor prices the quote again as you type."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem,
                               QVBoxLayout, QWidget)

from ...domain.costing import CostCategory
from ...domain.labels import COST_CATEGORY_LABELS
from .table_rows import remove_chosen_row


class QuoteLinesBox(QWidget):
    """``lines()`` gives the services' ``lines``: [{"category", "description", "amount" as typed}].
    ``from_job``: a job is planned for the brief, so its estimate can fill the lines."""

    changed = Signal()

    def __init__(self, money_symbol: str, *, from_job: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, 3, objectName="quoteLinesTable")
        self.table.setHorizontalHeaderLabels(["Category", "Description", f"Amount ({money_symbol})"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 150)
        header.resizeSection(2, 110)
        self.table.verticalHeader().hide()
        self.add_button = QPushButton("Add line", objectName="quoteAddLine")
        self.remove_button = QPushButton("Remove line", objectName="quoteRemoveLine")
        self.from_estimate_button = QPushButton("From the job's estimate", objectName="quoteFromEstimate")
        self.from_estimate_button.setEnabled(from_job)
        self.from_estimate_button.setToolTip("Labour, machine, overhead and materials from the routing and bill of "
                                             "materials of the job planned for this brief" if from_job else
                                             "No job is planned for this brief yet")
        self.add_button.clicked.connect(lambda: self.add_line(self.last_category()))
        self.remove_button.clicked.connect(self.remove_line)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.remove_button, self.from_estimate_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.cellChanged.connect(lambda *_: self.changed.emit())

    def add_line(self, category: str = "other", description: str = "", amount: str = "") -> None:
        row = self.table.rowCount()
        self.table.blockSignals(True)
        self.table.insertRow(row)
        combo = QComboBox()
        for c in CostCategory:
            combo.addItem(COST_CATEGORY_LABELS[c], c.value)
        combo.setCurrentIndex(max(0, combo.findData(category)))
        combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.table.setCellWidget(row, 0, combo)
        self.table.setItem(row, 1, QTableWidgetItem(description))
        item = QTableWidgetItem(amount)
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.table.setItem(row, 2, item)
        self.table.blockSignals(False)
        self.changed.emit()

    def last_category(self) -> str:
        """A new line takes the category of the line above it: lines come in runs of one kind."""
        rows = self.table.rowCount()
        return self.table.cellWidget(rows - 1, 0).currentData() if rows else "other"

    def remove_line(self) -> None:
        if remove_chosen_row(self.table):
            self.changed.emit()

    def set_lines(self, lines) -> None:
        self.table.setRowCount(0)
        for category, description, amount in lines:
            self.add_line(category, description, amount)

    def lines(self) -> list[dict]:
        out = []
        for r in range(self.table.rowCount()):
            description = self.table.item(r, 1)
            amount = self.table.item(r, 2)
            out.append({"category": self.table.cellWidget(r, 0).currentData(),
                        "description": description.text() if description else "",
                        "amount": amount.text() if amount else ""})
        return out
