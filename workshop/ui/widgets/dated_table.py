"""A short list of dates with a note beside each (the shop's holidays, a workstation's days off):
read-only rows, one selected at a time, Delete removes the chosen row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...domain.locale_text import format_date


def dated_table(object_name: str, note_header: str, on_delete: Callable[[], object]) -> QTableWidget:
    table = QTableWidget(0, 2, objectName=object_name)
    table.setHorizontalHeaderLabels(["Date", note_header])
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    # the date column fits the longest medium date ("30 Sept 2027"): fixed, never measured per row
    table.setColumnWidth(0, table.fontMetrics().horizontalAdvance("00 September 0000") + 16)
    QShortcut(QKeySequence.StandardKey.Delete, table, on_delete, context=Qt.ShortcutContext.WidgetShortcut)
    return table


def fill_dated_rows(table: QTableWidget, rows: Iterable[tuple[dt.date, str]], locale: str) -> None:
    """Show ``(date, note)`` rows; item text is never markup."""
    table.setRowCount(0)
    for day, note in rows:
        row = table.rowCount()
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(format_date(day, locale)))
        table.setItem(row, 1, QTableWidgetItem(note))
