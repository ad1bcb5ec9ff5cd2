"""Job Cards list (lazy, paged) and a job's status history, as plain-row table models."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...domain.statuses import JobStatus
from .. import theme
from ..dates import date_text, date_time_text
from ..plain_text import plain_tooltip
from .paged import Column, PagedTableModel
from .roles import ProgressRole, RowRole

Index = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
LATE_COLOUR = QColor(theme.ALARM)
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_FONT = int(Qt.ItemDataRole.FontRole)
#: The roles the job list answers; the view's others are None at once (the roles as plain ints:
#: a Qt enum member looked up by name costs ~0.8 µs, and a paint asks ~1,000 times).
_SERVED = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.TextAlignmentRole),
                     int(Qt.ItemDataRole.ToolTipRole), _FOREGROUND, _FONT, RowRole, ProgressRole})



def status_label(status: str | None) -> str:
    if not status:
        return ""
    try:
        return JobStatus(status).label
    except ValueError:
        return status


def progress_text(row) -> str:
    """``3/10`` operations done (the bar under it shows the share); ``—`` when none are planned."""
    if not row.operations_total:
        return "—"
    return f"{row.operations_done}/{row.operations_total}"


def progress_tooltip(row) -> str:
    if not row.operations_total:
        return "No operations planned yet"
    return f"{row.operations_done} of {row.operations_total} operations done ({round(row.progress * 100)}%)"


class JobsModel(PagedTableModel):
    NUMBER, CUSTOMER, TITLE, DUE, STATUS, PROGRESS, LATE = range(7)

    def __init__(self, fetch_page, parent=None) -> None:
        columns = [
            Column("Number", lambda r: r.number),
            Column("Customer", lambda r: r.customer_name),
            Column("Title", lambda r: r.title),
            Column("Due", lambda r: date_text(r.due_date)),
            Column("Status", lambda r: status_label(r.status)),
            Column("Progress", progress_text, CENTER, tooltip=progress_tooltip),
            Column("Late", lambda r: "LATE" if r.is_late else "", CENTER,
                   tooltip=lambda r: "Past its due date and not finished" if r.is_late else ""),
        ]
        #: each row's shown texts, made the first time the row is painted (a scroll paints a row again
        #: and again: its date and status were formatted each time)
        self._texts: dict[int, tuple[str, ...]] = {}
        super().__init__(columns, fetch_page, parent)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _SERVED:  # decoration, check state, background …: asked of every cell painted
            return None
        if role == _DISPLAY:
            r = index.row()
            texts = self._texts.get(r)
            if texts is None:
                row = self.row_at(r)
                if row is None:
                    return None
                texts = self._texts[r] = tuple("" if value is None else str(value)
                                               for value in (column.value(row) for column in self._columns))
            return texts[index.column()]
        return super().data(index, role)

    # the texts are kept by row number: whatever renumbers or changes the rows forgets them
    def reload(self, *args, **kwargs) -> None:
        self._texts.clear()
        super().reload(*args, **kwargs)

    def set_rows(self, rows) -> None:
        self._texts.clear()
        super().set_rows(rows)

    def set_columns(self, columns) -> None:
        self._texts.clear()
        super().set_columns(columns)

    def extra_data(self, row, column: int, role: int) -> Any:
        if role == ProgressRole and column == self.PROGRESS:
            return row.progress if row.operations_total else None
        if row.is_late and role == _FOREGROUND and column in (self.DUE, self.LATE):
            return QBrush(LATE_COLOUR)
        if row.is_late and role == _FONT and column == self.LATE:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setBold(True)
            return font
        return None


class HistoryModel(QAbstractTableModel):
    """A job's status changes, newest first: when, from, to, reason."""

    HEADERS = ("When", "From", "To", "Reason")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []

    def set_history(self, history) -> None:
        self.beginResetModel()
        self._rows = sorted(history, key=lambda h: h.at, reverse=True)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        h = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (date_time_text(h.at), status_label(h.from_status) or "—", status_label(h.to_status),
                    h.reason)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self.data(index, Qt.ItemDataRole.DisplayRole))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None
