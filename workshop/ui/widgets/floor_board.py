"""The board: who is on what right now, since when, and against the planned time.

Big rows readable across the shop. It reads ``services.floor_board`` again after every change the
window announces (a scan, a booking, a job's status), and every 30 seconds so running clocks move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ...domain.changes import Change
from ...domain.clocking import duration_text, where_text
from ...domain.errors import WorkshopError
from ...domain.wording import plural
from ...services import floor_board
from ...services.clocking import ClockOnView
from .. import theme
from ..context import AppContext
from ..dates import clock_text, date_text, date_time_text
from ..models.costing_models import OVER, RowsModel
from ..models.paged import Column
from ..plain_text import plain_label
from .cost_common import table_view

#: The board reads the floor again this often, so running clocks move on it.
REFRESH_MS = 30_000
#: What the board shows again after: anything that may put someone on or off an operation.
BOARD_CHANGES = Change.BOOKINGS | Change.ROUTING | Change.JOBS | Change.SHOP


def since_text(moment: dt.datetime, today: dt.date, between: str = " ") -> str:
    """When a clock-on started, as the bench says it: ``07:58`` today, ``yesterday 16:00``, else
    the date and time (``between`` them: the board puts the time on a line of its own)."""
    day = moment.astimezone().date()
    if day == today:
        return clock_text(moment)
    if day == today - dt.timedelta(days=1):
        return f"yesterday{between}{clock_text(moment)}"
    return f"{date_text(moment)}{between}{clock_text(moment)}"


def job_and_op(row: ClockOnView) -> str:
    """``J-2026-0042 / 030 Cut panels``: how the bench names an operation."""
    return where_text(row.job_number, row.op_number, row.operation_name)


def over_plan(row: ClockOnView) -> bool:
    """Everyone's time on the operation has passed what was planned for it."""
    return row.planned_minutes > 0 and row.operation_labour_minutes > row.planned_minutes


def worked_of_planned(row: ClockOnView) -> str:
    """Everyone's labour on the operation against its plan, on two lines: ``1 h 10 min`` over
    ``of 2 h 30 min``."""
    return f"{duration_text(row.operation_labour_minutes)}\nof {duration_text(row.planned_minutes)}"


def _worked_explained(row: ClockOnView) -> str:
    return (f"Labour on {row.job_number} / {row.op_number:03d} so far, everyone together: "
            f"{duration_text(row.operation_labour_minutes)} (elapsed, overlaps counted once: "
            f"{duration_text(row.operation_elapsed_minutes)}); planned {duration_text(row.planned_minutes)}"
            + (", so it is over the plan" if over_plan(row) else "")
            + f". {row.operator_name}: {duration_text(row.worked_minutes)}.")


def board_columns(today: dt.date) -> list[Column]:
    """Two lines a row where room is short: the operator over paused, the job over its operation."""
    return [
        Column("Operator", lambda r: r.operator_name + ("\npaused" if r.paused else "")),
        Column("Job / operation",
               lambda r: f"{r.job_number} / {r.op_number:03d}\n{r.operation_name} · {r.workstation_code}",
               tooltip=lambda r: f"{job_and_op(r)} at {r.workstation_code}\n{r.job_title}"),
        Column("Since", lambda r: since_text(r.started_at, today, "\n"),
               tooltip=lambda r: f"Clocked on {date_time_text(r.started_at)}" + ("; paused now" if r.paused else "")),
        Column("Worked of planned", worked_of_planned, tooltip=_worked_explained,
               colour=lambda r: OVER if over_plan(r) else None),
    ]


class FloorBoardModel(RowsModel):
    """Open clock-ons as rows; paused ones greyed."""

    def __init__(self, today: dt.date, parent=None) -> None:
        super().__init__(board_columns(today), parent=parent, muted=lambda r: r.paused)

    def show(self, rows: list[ClockOnView], today: dt.date) -> None:
        self.beginResetModel()  # columns and rows at once: one reset
        self._columns = board_columns(today)
        self._rows = list(rows)
        self.endResetModel()


class FloorBoard(QWidget):
    """The board over ``ctx``'s shop. ``now`` tells the time (the database's clock by default)."""

    #: after each reading of the floor (the count of people on it may have changed)
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, big: bool = True,
                 now: Callable[[], dt.datetime] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("floorBoard")
        self.ctx = ctx
        self._now = now or ctx.db.now
        self.heading = QLabel("On the floor now", objectName="floorBoardHeading")
        self.count = plain_label(objectName="floorBoardCount")
        self.count.setStyleSheet(theme.HINT_STYLE + " font-size: 14pt;")
        self.model = FloorBoardModel(self._today(), self)
        self.view = table_view(self.model, "floorBoardTable")
        self.view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the keyboard
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.view.setWordWrap(False)  # each of a cell's two lines ends in "…" when short of room
        # Fixed widths from the header, not ResizeToContents: it reads every row on each refresh.
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self._size_for(big)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        self._refresh_due = False
        self._stale = False  # changed while hidden: read again when shown
        self.timer = QTimer(self, interval=REFRESH_MS)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def _size_for(self, big: bool) -> None:
        points = 15 if big else 12
        self.heading.setStyleSheet(f"font-size: {points + 6}pt; font-weight: bold;")
        font = QFont(self.view.font())
        font.setPointSize(points)
        self.view.setFont(font)
        self.view.verticalHeader().setDefaultSectionSize(int(points * 4.2))  # two lines of text
        header_font = QFont(font)
        header_font.setPointSize(points - 3)
        self.view.horizontalHeader().setFont(header_font)
        # Widths from the type size, for the longest usual text (a longer name is cut short with "…").
        metrics = self.view.fontMetrics()
        for column, sample in ((0, "Anna Kowalska"), (2, "28 Nov 2026"), (3, "of 12 h 30 min")):
            self.view.setColumnWidth(column, metrics.horizontalAdvance(sample) + 16)

    def _today(self) -> dt.date:
        return self._now().astimezone().date()

    def refresh(self) -> None:
        self._refresh_due = self._stale = False
        try:
            rows = floor_board.floor_board(self.ctx.db, now=self._now())
        except WorkshopError as exc:  # the shop busy or gone: said here, no dialog at the door
            self.count.setStyleSheet(theme.ERROR_STYLE + " font-size: 14pt;")
            self.count.setText(f"The board could not be read: {exc.message}")
            self._stale = True
            return
        self.count.setStyleSheet(theme.HINT_STYLE + " font-size: 14pt;")
        self.model.show(rows, self._today())
        running = sum(1 for r in rows if not r.paused)
        paused = len(rows) - running
        words = plural(running, "person", "people") + " on the clock"
        self.count.setText(words + (f", {paused} paused" if paused else "") if rows else "Nobody is clocked on")
        self.refreshed.emit()

    def _tick(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # a board nobody sees is not read every 30 s

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def _on_changed(self, changes: Change, _initiator: QWidget | None) -> None:
        if not changes & BOARD_CHANGES:
            return
        if not self.isVisible():
            self._stale = True
            return
        # Read the floor once control is back in the event loop: the scan's answer is shown first
        # (the person waits for that), and several changes in a row refresh the board once.
        if not self._refresh_due:
            self._refresh_due = True
            QTimer.singleShot(0, self, self.refresh)

    @property
    def refresh_due(self) -> bool:
        """A change was announced and the board has not read the floor again yet."""
        return self._refresh_due

    def rows(self) -> list[ClockOnView]:
        return self.model.rows()


__all__ = ["FloorBoard", "FloorBoardModel", "since_text", "job_and_op", "over_plan"]
