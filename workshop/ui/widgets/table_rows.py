"""Choosing a row of a list as a click would: the whole row selected, current, and in view."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QAbstractItemView

_WHOLE_ROW = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


def select_whole_row(view: QAbstractItemView, row: int) -> None:
    index = view.model().index(row, 0)
    view.selectionModel().setCurrentIndex(index, _WHOLE_ROW)
    view.scrollTo(index)
