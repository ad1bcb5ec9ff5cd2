"""Small table models for costs, bookings, change orders, quotes and work in progress.

These lists are short (one job's bookings, one brief's quotes, the open jobs), so they hold
every row at once. Each column may carry a tooltip: the service's explanation of how the
figure was made, so hovering over any number says where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from .paged import RowRole

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
OVER = QColor("#b00020")   # over the estimate: red
UNDER = QColor("#1b7f3b")  # under the estimate: green
MUTED = QColor("#808080")

#: Role holding a cell's explanation (the same text as its tooltip), for the "how" panel.
ExplainRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Col:
    title: str
    value: Callable[[Any], object]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[Any], str] | None = None
    colour: Callable[[Any], QColor | None] | None = None


class RowsModel(QAbstractTableModel):
    """Rows of plain frozen data shown through ``Col`` definitions."""

    def __init__(self, columns: Sequence[Col], rows: Sequence[Any] = (), parent=None, *,
                 bold: Callable[[Any], bool] | None = None, muted: Callable[[Any], bool] | None = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._rows = list(rows)
        self._bold = bold
        self._muted = muted

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def row_at(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, predicate: Callable[[Any], bool]) -> int:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = col.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(col.align)
        if role in (Qt.ItemDataRole.ToolTipRole, ExplainRole):
            return col.tooltip(row) if col.tooltip is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            colour = col.colour(row) if col.colour is not None else None
            if colour is None and self._muted is not None and self._muted(row):
                colour = MUTED
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and self._bold is not None and self._bold(row):
            font = QFont()
            font.setBold(True)
            return font
        if role == RowRole:
            return row
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self.columns):
                return self.columns[section].title
        return None


# --- shared formatting -------------------------------------------------------------------------


def pct_text(value: Decimal | None, *, signed: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:+.2f}%" if signed else f"{value:.2f}%"


def hours_text(value: Decimal) -> str:
    return f"{value:.2f} h"


def plain_number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text


def variance_colour(variance: Decimal) -> QColor | None:
    if variance > 0:
        return OVER
    if variance < 0:
        return UNDER
    return None


def dash_if_none(fn: Callable[[Any], object]) -> Callable[[Any], object]:
    return lambda v: "—" if v is None else fn(v)


__all__ = ["Col", "RowsModel", "ExplainRole", "RowRole", "LEFT", "RIGHT", "pct_text", "hours_text",
           "plain_number", "variance_colour"]
