"""Beside the Gantt: the scheduled jobs (search as you type), and for the one chosen its priority,
its pin, and why it is late."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from ...domain.statuses import Priority
from .. import theme
from ..models.roles import RowRole
from ..models.schedule_jobs import ScheduledJobRow, ScheduledJobsModel
from ..plain_text import plain_label
from .cost_common import table_view


class ScheduledJobsPanel(QWidget):
    #: the job chosen in the list (None: none)
    job_chosen = Signal(object)
    #: Enter or a double-click: open this job
    job_opened = Signal(int)
    #: (job_id, priority value)
    priority_chosen = Signal(int, str)
    #: unpin this job
    unpin_requested = Signal(int)
    #: the "only these jobs" filter was cleared
    filter_cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(objectName="scheduleSearch", placeholderText="Search jobs (Ctrl+F)",
                                clearButtonEnabled=True)
        self.search.textChanged.connect(lambda text: self.model.set_filter(text=text))
        self.only_label = plain_label(objectName="scheduleOnly", wordWrap=True)
        self.only_label.setStyleSheet(f"color: {theme.NOTE};")
        self.show_all = QPushButton("Show all &jobs", objectName="scheduleShowAll")
        self.show_all.clicked.connect(self.clear_only)
        only_row = QHBoxLayout()
        only_row.addWidget(self.only_label, 1)
        only_row.addWidget(self.show_all)
        self.model = ScheduledJobsModel(self)
        self.table = table_view(self.model, "scheduleJobs", stretch=1)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)  # not ResizeToContents: 500 jobs
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in enumerate((96, 0, 88, 88, 44, 64, 84)):
            if width:
                self.table.setColumnWidth(column, width)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.doubleClicked.connect(lambda _index: self._open())
        QShortcut(QKeySequence(Qt.Key.Key_Return), self.table, self._open,
                  context=Qt.ShortcutContext.WidgetShortcut)
        self.priority = QComboBox(objectName="schedulePriority")
        for value in Priority:
            self.priority.addItem(value.label, value.value)
        self.priority.activated.connect(self._priority_activated)
        priority_label = QLabel("&Priority:")
        priority_label.setBuddy(self.priority)
        self.unpin = QPushButton("&Unpin", objectName="scheduleUnpin",
                                 toolTip="Let this job start as soon as it can again")
        self.unpin.clicked.connect(lambda: self.current() and self.unpin_requested.emit(self.current().job_id))
        controls = QHBoxLayout()
        controls.addWidget(priority_label)
        controls.addWidget(self.priority, 1)
        controls.addWidget(self.unpin)
        self.why = plain_label(objectName="scheduleWhyLate", wordWrap=True)
        self.why.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(only_row)
        layout.addWidget(self.table, 1)
        layout.addLayout(controls)
        layout.addWidget(self.why)
        self.set_only(None)
        self._update_controls()

    # --- rows -----------------------------------------------------------------------------------
    def set_rows(self, rows: list[ScheduledJobRow]) -> None:
        chosen = self.current()
        self.model.set_all(rows)
        if chosen is not None:
            self.choose(chosen.job_id)
        self._update_controls()

    def set_only(self, job_ids: frozenset[int] | None, label: str = "") -> None:
        """Show only ``job_ids`` (None: every job), saying which they are."""
        self.model.set_filter(only=job_ids)
        self.only_label.setText(f"Showing {label}" if job_ids is not None else "")
        self.only_label.setVisible(job_ids is not None)
        self.show_all.setVisible(job_ids is not None)

    def clear_only(self) -> None:
        self.set_only(None)
        self.filter_cleared.emit()

    def current(self) -> ScheduledJobRow | None:
        index = self.table.currentIndex()
        return index.data(RowRole) if index.isValid() else None

    def choose(self, job_id: int) -> bool:
        row = self.model.find_row(lambda r: r.job_id == job_id)
        if row < 0:
            return False
        self.table.setCurrentIndex(self.model.index(row, 0))
        self.table.scrollTo(self.model.index(row, 0))
        return True

    def show_reason(self, text: str) -> None:
        self.why.setText(text)
        self.why.setStyleSheet(theme.PANEL_STYLE if text else "")

    # --- reactions ------------------------------------------------------------------------------
    def _current_changed(self, *_args) -> None:
        self._update_controls()
        row = self.current()
        self.job_chosen.emit(row.job_id if row is not None else None)

    def _update_controls(self) -> None:
        row = self.current()
        self.priority.setEnabled(row is not None)
        self.unpin.setEnabled(row is not None and row.pinned_start is not None)
        self.priority.setCurrentIndex(self.priority.findData(row.priority) if row is not None else -1)

    def _priority_activated(self, index: int) -> None:
        row = self.current()
        value = self.priority.itemData(index)
        if row is not None and value != row.priority:
            self.priority_chosen.emit(row.job_id, value)

    def _open(self) -> None:
        row = self.current()
        if row is not None:
            self.job_opened.emit(row.job_id)
