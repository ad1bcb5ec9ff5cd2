"""Table models over plain rows (frozen dataclasses): ``RowsTableModel`` for short lists set
all at once, ``PagedTableModel`` for long ones fetched a page at a time as the view scrolls.

Subclasses name their columns; the paged one also says how to fetch a page. The view asks
for more through ``canFetchMore``/``fetchMore`` only when it needs to show them, so a list
over ten years of jobs opens as fast as one over ten.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ..plain_text import plain_tooltip
from .roles import RowRole

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)


@dataclass(frozen=True)
class Column(Generic[Row]):
    """One column of every table: its title, what a row shows in it, and optionally the
    tooltip (an explanation of the figure) and the colour of a row's text in it."""
    title: str
    value: Callable[[Any], object]  # row -> shown text / number
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    tooltip: Callable[[Any], str] | None = None
    colour: Callable[[Any], QColor | None] | None = None


class RowsTableModel(QAbstractTableModel, Generic[Row]):
    """Plain rows shown through ``Column``s. A column's ``colour``, else the model's
    ``colour(row, column)``, may tint a cell's text; a cell's tooltip is its column's, else its
    full text (for cells cut short)."""

    def __init__(self, columns: Sequence[Column], parent=None,
                 colour: Callable[[Any, int], QColor | None] | None = None) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._rows: list[Row] = []
        self._colour = colour

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks every visible cell for seven roles each time it paints: the roles are
        # compared as plain ints (a Qt enum member looked up by name costs ~0.8 µs each time), and
        # an invalid index is told by its row (-1) without asking it isValid() as well.
        r = index.row()
        if not 0 <= r < len(self._rows):
            return None
        row = self._rows[r]
        column = self._columns[index.column()]
        if role == _DISPLAY:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == _ALIGNMENT:
            return int(column.align)
        if role == _TOOLTIP:
            if column.tooltip is not None:
                return plain_tooltip(column.tooltip(row))
            value = column.value(row)
            return plain_tooltip(str(value)) if value not in (None, "") else None
        if role == _FOREGROUND:
            colour = column.colour(row) if column.colour is not None else None
            if colour is None and self._colour is not None:
                colour = self._colour(row, index.column())
            if colour is not None:
                return QBrush(colour)
        if role == RowRole:
            return row
        return self.extra_data(row, index.column(), role)

    def extra_data(self, row: Row, column: int, role: int) -> Any:
        """Colours, fonts, check states … for subclasses."""
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._columns):
                return self._columns[section].title
        return None

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show these columns instead (new currency, today's date for the late colour): a reset,
        so the view asks again for every header and cell."""
        self.beginResetModel()
        self._columns = list(columns)
        self.endResetModel()

    def columns(self) -> list[Column]:
        return list(self._columns)

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_at(self, row: int) -> Row | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def find_row(self, predicate: Callable[[Row], bool]) -> int:
        for i, row in enumerate(self._rows):
            if predicate(row):
                return i
        return -1

    def fetch_row(self, predicate: Callable[[Row], bool]) -> int:
        """The first row ``predicate`` accepts, fetching further pages until it appears (-1: none)."""
        row = self.find_row(predicate)
        while row < 0 and self.canFetchMore(QModelIndex()):
            self.fetchMore(QModelIndex())
            row = self.find_row(predicate)
        return row

    @property
    def loaded_rows(self) -> int:
        return len(self._rows)


class PagedTableModel(RowsTableModel[Row]):
    PAGE_SIZE = 100

    def __init__(self, columns: Sequence[Column], fetch_page: Callable[[int, int], list[Row]],
                 parent=None) -> None:
        super().__init__(columns, parent)
        self._fetch_page = fetch_page  # (offset, limit) -> rows
        self._exhausted = False

    # --- lazy fetching ----------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self._exhausted:
            return
        page = self._fetch_page(len(self._rows), self.PAGE_SIZE)
        if len(page) < self.PAGE_SIZE:
            self._exhausted = True
        if page:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def reload(self, fetch_page: Callable[[int, int], list[Row]] | None = None, *,
               first_page: Sequence[Row] | None = None) -> None:
        """Start again from the first page (new search text, filter, or a change announced).
        ``first_page``: its rows, when the caller fetched them already (with the list's count):
        one reset, no second query; a page shorter than ``PAGE_SIZE`` is the whole list."""
        self.beginResetModel()
        if fetch_page is not None:
            self._fetch_page = fetch_page
        self._rows = [] if first_page is None else list(first_page)
        self._exhausted = first_page is not None and len(self._rows) < self.PAGE_SIZE
        self.endResetModel()
        if first_page is None:
            self.fetchMore()
