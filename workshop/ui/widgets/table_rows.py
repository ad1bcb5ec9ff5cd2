"""Choosing a row of a list as a click would (the whole row selected, current, and in view), and
removing the row a Remove button means."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView, QTableWidget

_WHOLE_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def select_whole_row(view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(index, _WHOLE_ROW)
    view.scrollTo(index)


def remove_chosen_row(table: QTableWidget) -> bool:
    """Remove the current row, else (none chosen) the last; False when the table has no rows."""
    row = table.currentRow()
    if row < 0:
        row = table.rowCount() - 1
    if row < 0:
        return False
    table.removeRow(row)
    return True
