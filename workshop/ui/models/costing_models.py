"""Small table models for costs, bookings, change orders, quotes and work in progress.

These lists are short (one job's bookings, one brief's quotes, the open jobs), so they hold
every row at once. Each column may carry a tooltip: the service's explanation of how the
figure was made, so hovering over any number says where it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from .. import theme
from ..plain_text import plain_tooltip
from .paged import Column, RowsTableModel
from .roles import ExplainRole

Index = QModelIndex | QPersistentModelIndex
LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
OVER = QColor(theme.ALARM)  # over the estimate: red
UNDER = QColor(theme.GOOD)  # under the estimate: green
MUTED = QColor(theme.MUTED)


class TextsMadeOnce:
    """For a ``RowsTableModel``: a cell's text made once, however often the view asks while it sizes
    and paints (a money or a date through Babel costs tens of microseconds), and forgotten whenever
    the rows or columns change, however they were changed. Call ``_make_texts_once()`` in
    ``__init__``; list it before the model class."""

    def _make_texts_once(self) -> None:
        self._shown: dict[tuple[int, int], Any] = {}  # (row, column) → its text
        for signal in (self.modelAboutToBeReset, self.modelReset, self.layoutChanged, self.dataChanged,
                       self.rowsInserted, self.rowsRemoved, self.columnsInserted, self.columnsRemoved):
            signal.connect(self._forget)

    def _forget(self, *_args) -> None:
        self._shown.clear()

    def set_rows(self, rows: Sequence[Any]) -> None:
        self._shown.clear()
        super().set_rows(rows)

    def set_columns(self, columns: Sequence[Column]) -> None:
        self._shown.clear()
        super().set_columns(columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            key = (index.row(), index.column())
            text = self._shown.get(key)
            if text is None:
                text = self._shown[key] = super().data(index, role)
            return text
        return super().data(index, role)

    def is_bold(self, row: Any) -> bool:
        return False

    def texts(self, column: int, limit: int) -> list[tuple[str, bool]]:
        """The first ``limit`` rows' texts in ``column`` (made once, as the view shows them), each
        with whether its row is bold: what a column is sized to (``cost_common.fit_columns``)."""
        result = []
        for r, row in enumerate(self._rows[:limit]):
            key = (r, column)
            text = self._shown.get(key)
            if text is None:
                value = self._columns[column].value(row)
                text = self._shown[key] = "" if value is None else str(value)
            result.append((text, self.is_bold(row)))
        return result


class RowsModel(TextsMadeOnce, RowsTableModel):
    """Rows of plain frozen data shown through ``Column``s: a column may colour its figures;
    rows may be bold (totals) or muted; tooltips are only the services' explanations."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Any] = (), parent=None, *,
                 bold: Callable[[Any], bool] | None = None, muted: Callable[[Any], bool] | None = None) -> None:
        super().__init__(columns, parent, colour=self._muted_colour)
        self._rows = list(rows)
        self._bold = bold
        self._muted = muted
        self._make_texts_once()

    def _muted_colour(self, row: Any, _column: int) -> QColor | None:
        return MUTED if self._muted is not None and self._muted(row) else None

    def is_bold(self, row: Any) -> bool:
        return self._bold is not None and bool(self._bold(row))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in (Qt.ItemDataRole.ToolTipRole, ExplainRole):
            row = self.row_at(index.row()) if index.isValid() else None
            col = self._columns[index.column()] if row is not None else None
            tip = col.tooltip(row) if col is not None and col.tooltip is not None else None
            return plain_tooltip(tip) if role == Qt.ItemDataRole.ToolTipRole else tip
        return super().data(index, role)

    def extra_data(self, row: Any, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.FontRole and self._bold is not None and self._bold(row):
            font = QFont()
            font.setBold(True)
            return font
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


__all__ = ["RowsModel", "TextsMadeOnce", "LEFT", "RIGHT", "pct_text", "hours_text",
           "plain_number", "variance_colour"]
