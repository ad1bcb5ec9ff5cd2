"""A job's operations in order, with drag-and-drop reordering.

A drop does not move rows itself: it asks for ``move_requested(operation_id, new_position)``
(1-based, as ``services.routing.move_operation`` takes it) and returns False, so the view never
removes the dragged row on its own; the tab calls the service and reloads from the database.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import (QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt,
                            QTimer, Signal)

from ...domain.statuses import FINISHED_OPERATION_STATUSES, OperationStatus
from ...domain.wording import outside_work, plural
from .. import theme
from ..plain_text import plain_tooltip
from .roles import OperationRole

Index = QModelIndex | QPersistentModelIndex
MIME_TYPE = "application/x-workshop-operation-id"
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
_RIGHT, _CENTER = int(RIGHT), int(CENTER)
_ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled


def where_text(op) -> str:
    """Where an operation is done: ``SAW — Panel saw``, or ``Outside: Acme (5 days away)``."""
    if op.supplier_id is not None:
        return outside_work(op.supplier_name, op.days_away)
    return f"{op.workstation_code} — {op.workstation_name}"


def planned_text(op) -> str:
    """How long it takes: its planned minutes, or for work done outside the days it is away."""
    if op.supplier_id is not None:
        return f"{plural(op.days_away or 0, 'day')} away"
    return format_minutes(op.planned_minutes)


def format_minutes(minutes: Decimal | int | float) -> str:
    """``95`` -> ``1 h 35 min``; ``20`` -> ``20 min``; fractions of a minute are rounded."""
    total = int(Decimal(minutes).to_integral_value())
    hours, mins = divmod(total, 60)
    if hours and mins:
        return f"{hours} h {mins:02d} min"
    if hours:
        return f"{hours} h"
    return f"{mins} min"


def progress_text(progress) -> str:
    """A job's progress (``services.floor_board.JobProgress``): ``24 h 10 min of 62 h 45 min done (38%)``."""
    if not progress.hours_planned:
        return f"{format_minutes(progress.hours_done * 60)} done, nothing planned"
    percent = int((progress.fraction * 100).to_integral_value())
    return (f"{format_minutes(progress.hours_done * 60)} of {format_minutes(progress.hours_planned * 60)} done "
            f"({percent}%)")


def minutes_text(value: Decimal) -> str:
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def status_label(status: str) -> str:
    try:
        return OperationStatus(status).label
    except ValueError:
        return status


def current_operation_id(operations) -> int | None:
    """The first operation not done or skipped: where the job is now."""
    for op in operations:
        if op.status not in FINISHED_OPERATION_STATUSES:
            return op.id
    return None


class OperationsModel(QAbstractTableModel):
    SEQ, OP, NAME, WORKSTATION, OPERATOR, SETUP, RUN, TOTAL, INSPECT, STATUS = range(10)
    HEADERS = ("#", "Op", "Operation", "Workstation", "Operator", "Setup (min)", "Run / unit (min)",
               "Planned", "Inspect", "Status")

    move_requested = Signal(int, int)  # operation id, new 1-based position

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list = []
        self._shown: dict[tuple[int, int], str] = {}  # (row, column) → its text, made once per load

    def set_operations(self, operations) -> None:
        self.beginResetModel()
        self._rows = list(operations)
        self._shown = {}
        self.endResetModel()

    def operation(self, row: int):
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def operations(self) -> list:
        return list(self._rows)

    def row_of(self, operation_id: int) -> int:
        for i, op in enumerate(self._rows):
            if op.id == operation_id:
                return i
        return -1

    # --- table -----------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        op = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:  # asked again and again while sizing and painting
            key = (index.row(), col)
            text = self._shown.get(key)
            if text is None:
                text = self._shown[key] = self._text(op, col)
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col in (self.SEQ, self.OP, self.SETUP, self.RUN, self.TOTAL):
                return _RIGHT
            if col == self.INSPECT:
                return _CENTER
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.NAME and op.instructions:
                return plain_tooltip(op.instructions)
            if col == self.WORKSTATION:
                return plain_tooltip(where_text(op))
            if col == self.TOTAL and op.supplier_id is None:
                return f"Setup {minutes_text(op.setup_minutes)} min + {minutes_text(op.run_minutes)} min × " \
                       f"{minutes_text(op.units)} units"
            return None
        if role == Qt.ItemDataRole.ForegroundRole and op.status in FINISHED_OPERATION_STATUSES:
            return theme.brush(theme.MUTED)
        if role == OperationRole:
            return op
        return None

    def _text(self, op, col: int) -> str:
        if col == self.SEQ:
            return str(op.sequence)
        if col == self.OP:
            return f"{op.op_number:03d}"
        if col == self.NAME:
            return op.name + (f"  ({op.subassembly_name})" if op.subassembly_name else "")
        if col == self.WORKSTATION:
            return where_text(op)
        if col == self.OPERATOR:
            return "—" if op.supplier_id is not None else op.operator_name or "anyone"
        if col in (self.SETUP, self.RUN) and op.supplier_id is not None:
            return "—"  # away, not timed in the shop
        if col == self.SETUP:
            return minutes_text(op.setup_minutes)
        if col == self.RUN:
            return minutes_text(op.run_minutes)
        if col == self.TOTAL:
            return planned_text(op)
        if col == self.INSPECT:
            return "✔ inspect" if op.inspection_required else ""
        return status_label(op.status)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        return None

    # --- drag and drop ---------------------------------------------------------------------
    def flags(self, index: Index) -> Qt.ItemFlag:
        if index.isValid():
            return _ROW_FLAGS
        return Qt.ItemFlag.ItemIsDropEnabled  # drop between rows only, never onto one

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows:
            mime.setData(MIME_TYPE, QByteArray(str(self._rows[rows[0]].id).encode()))
        return mime

    def canDropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        return data is not None and data.hasFormat(MIME_TYPE) and action == Qt.DropAction.MoveAction

    def dropMimeData(self, data, action, row, column, parent) -> bool:  # noqa: N802
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            op_id = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return False
        source = self.row_of(op_id)
        if source < 0:
            return False
        if row < 0:  # dropped onto a row (or below the last one)
            row = parent.row() if parent.isValid() else len(self._rows)
        # ``row`` is the gap the row is dropped into, counted before the dragged row leaves.
        target = row - 1 if row > source else row
        if target != source:
            # after the drag has finished, so the view never sees rows vanish mid-drop
            QTimer.singleShot(0, lambda: self.move_requested.emit(op_id, target + 1))
        return False
