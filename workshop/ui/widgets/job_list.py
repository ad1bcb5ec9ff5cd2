"""The list side of Job Cards: search-as-you-type, filters and a lazily paged table."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QStyle, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from ...domain.statuses import JobStatus
from ...domain.wording import plural
from ...services import jobs
from .. import theme
from ..models.jobs_model import JobsModel
from ..models.roles import ProgressRole, RowRole
from .sizing import date_column_width

SEARCH_DELAY_MS = 200
#: Moving through the list by keys (Page Down held, arrows): the first move shows its job at once,
#: further moves within this many ms of the last show only the job the person stops on.
KEY_SETTLE_MS = 150

#: The list's quick filters, (key, label, what it asks for); the first is the default. Nothing
#: waiting is hidden by default: a job delivered months ago and never invoiced is still listed.
QUICK_FILTERS: tuple[tuple[str, str, dict], ...] = (
    ("not_closed", "Not closed", dict(excluded_statuses=(JobStatus.CLOSED.value, JobStatus.CANCELLED.value))),
    ("open", "In the shop", dict(open_only=True)),
    ("awaiting_delivery", "Awaiting delivery", dict(statuses=(JobStatus.COMPLETE.value,))),
    ("awaiting_invoice", "Awaiting invoice", dict(statuses=(JobStatus.DELIVERED.value,))),
    ("", "All jobs", {}),
)
#: Quick filters whose entry shows how many jobs are waiting there (each asks for statuses only).
COUNTED = ("awaiting_delivery", "awaiting_invoice")
COUNTED_STATUSES = tuple(status for key, _label, asks in QUICK_FILTERS if key in COUNTED
                          for status in asks["statuses"])


class ProgressDelegate(QStyledItemDelegate):
    """The ``3/10`` text with a thin bar under it. Each look (text, fraction, size, selected or not) is
    drawn once into a pixmap and then only copied: a scrolled list paints the column again and again
    with a few dozen looks, and the styled item's paint asked the model for eight roles a cell, each a
    call into Python, then laid the text out anew (~100 µs a cell; now ~15)."""

    #: looks kept; past this many the pixmaps are drawn afresh
    KEPT = 512

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._track = QColor(theme.PROGRESS_TRACK)
        self._done = QColor(theme.PROGRESS)
        self._looks: dict[tuple, QPixmap] = {}

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        widget = option.widget
        style = widget.style() if widget is not None else QApplication.style()
        # the cell's background: the selection's colour when selected (the view paints alternate rows)
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget)
        text, value = index.data(), index.data(ProgressRole)
        if not text and value is None:
            return
        rect: QRect = option.rect
        state = option.state
        key = (text, value, rect.width(), rect.height(), bool(state & _SELECTED),
               bool(state & _ENABLED), bool(state & _ACTIVE))
        look = self._looks.get(key)
        if look is None:
            if len(self._looks) >= self.KEPT:
                self._looks.clear()
            look = self._looks[key] = self._draw(option, text, value, widget)
        painter.drawPixmap(rect.topLeft(), look)

    def _draw(self, option, text: str | None, value: float | None, widget) -> QPixmap:
        rect: QRect = option.rect
        ratio = widget.devicePixelRatioF() if widget is not None else 1.0
        look = QPixmap(int(rect.width() * ratio), int(rect.height() * ratio))
        look.setDevicePixelRatio(ratio)
        look.fill(Qt.GlobalColor.transparent)
        state = option.state
        group = (QPalette.ColorGroup.Disabled if not state & _ENABLED
                 else QPalette.ColorGroup.Inactive if not state & _ACTIVE else QPalette.ColorGroup.Normal)
        role = QPalette.ColorRole.HighlightedText if state & _SELECTED else QPalette.ColorRole.Text
        painter = QPainter(look)
        try:
            local = QRect(0, 0, rect.width(), rect.height())
            if text:
                painter.setFont(option.font)
                painter.setPen(option.palette.color(group, role))
                painter.drawText(local.adjusted(3, 0, -3, -2), Qt.AlignmentFlag.AlignCenter,
                                 option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, local.width() - 6))
            if value is not None:
                r = local.adjusted(6, local.height() - 5, -6, -2)
                painter.fillRect(r, self._track)
                painter.fillRect(QRect(r.left(), r.top(), int(r.width() * max(0.0, min(1.0, value))), r.height()),
                                 self._done)
        finally:
            painter.end()
        return look


_SELECTED = QStyle.StateFlag.State_Selected
_ENABLED = QStyle.StateFlag.State_Enabled
_ACTIVE = QStyle.StateFlag.State_Active


class JobTable(QTableView):
    """The job list's table; it says whether the current row is moving under a key press."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.keyed = False

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.keyed = True
        try:
            super().keyPressEvent(event)
        finally:
            self.keyed = False


class JobListPanel(QWidget):
    #: the job now current in the list, or None
    job_chosen = Signal(object)
    #: the list was fetched again (search, filter or a change): its counts are new
    reloaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.search = QLineEdit(placeholderText="Search number, customer, title, specification…")
        self.search.setObjectName("jobSearch")
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox(objectName="jobStatusFilter")
        for key, label, _asks in QUICK_FILTERS:
            self.status_filter.addItem(label, key)
        self.status_filter.insertSeparator(len(QUICK_FILTERS))
        for status in JobStatus:
            self.status_filter.addItem(status.label, status.value)
        self.status_filter.setToolTip("Not closed: every job still waiting on something — in the shop, "
                                      "awaiting delivery or awaiting invoice")
        self.due_week = QCheckBox("Due this week", objectName="jobDueWeek")
        self.late_only = QCheckBox("Late", objectName="jobLateOnly")
        self.count_label = QLabel(objectName="jobCount")
        self.count_label.setStyleSheet(theme.HINT_STYLE)

        self.model = JobsModel(self._fetch, self)
        self.table = JobTable(objectName="jobTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several jobs can be selected to print their cards in one go; the current one is shown.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(JobsModel.PROGRESS, ProgressDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(JobsModel.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for col, width in ((JobsModel.NUMBER, 88), (JobsModel.CUSTOMER, 110),
                           (JobsModel.DUE, date_column_width(self.table)),
                           (JobsModel.STATUS, 80), (JobsModel.PROGRESS, 64), (JobsModel.LATE, 40)):
            header.resizeSection(col, width)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.reload)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.status_filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.due_week.toggled.connect(lambda _c: self.reload())
        self.late_only.toggled.connect(lambda _c: self.reload())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self._quiet = False
        # keys held down: the jobs passed on the way are not opened (issue 17: 40 x Page Down opened 40)
        self._key_settle = QTimer(self, singleShot=True, interval=KEY_SETTLE_MS)
        self._key_settle.timeout.connect(self._keys_settled)
        self._key_pending = False

        filters = QHBoxLayout()
        filters.addWidget(self.status_filter)
        filters.addWidget(self.due_week)
        filters.addWidget(self.late_only)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    # --- querying --------------------------------------------------------------------------
    def job_filter(self, status: str | None = None) -> jobs.JobFilter:
        """What the list shows: the search, the ticked boxes and the chosen (or given) status filter."""
        status = self.status_filter.currentData() if status is None else status
        quick = {key: asks for key, _label, asks in QUICK_FILTERS}
        return jobs.JobFilter(
            search=self.search.text(),
            due_within_days=7 if self.due_week.isChecked() else None,
            late_only=self.late_only.isChecked(),
            **(quick[status] if status in quick else dict(statuses=(status,))),
        )

    def _fetch(self, offset: int, limit: int):
        """A further page as the view scrolls: the rows after the last one shown (keyset paging, so
        page 150 costs what page 2 does)."""
        return jobs.list_jobs(self.ctx.db, self.job_filter(), limit=limit, after=self.model.row_at(offset - 1))

    def reload(self, keep_job_id: int | None = None) -> None:
        """Fetch the first page again, keeping the current job selected when it is still listed. One
        service call brings the page, the count and the counted quick filters' counts."""
        self._timer.stop()
        self._quiet = True
        try:
            page = jobs.list_page(self.ctx.db, self.job_filter(), limit=self.model.PAGE_SIZE,
                                  count_statuses=COUNTED_STATUSES)
            self.model.reload(first_page=page.rows)
            self.count_label.setText(plural(page.total, "job"))
            self._count_quick_filters(page.by_status)
            if keep_job_id is not None:
                self.select_job(keep_job_id, notify=False)
        finally:
            self._quiet = False
        self.reloaded.emit()

    def _count_quick_filters(self, by_status: dict[str, int]) -> None:
        """The counted quick filters say how many wait there ("Awaiting invoice (3)"), under the
        same search and ticked boxes as the list."""
        for key, label, asks in QUICK_FILTERS:
            if key in COUNTED:
                count = sum(by_status.get(status, 0) for status in asks["statuses"])
                self.status_filter.setItemText(self.status_filter.findData(key),
                                               f"{label} ({count:,})" if count else label)

    def show_everything(self) -> None:
        """Clear search and filters (quietly) so any job can be found."""
        for w in (self.search, self.status_filter, self.due_week, self.late_only):
            w.blockSignals(True)
        self.search.clear()
        self.status_filter.setCurrentIndex(self.status_filter.findData(""))
        self.due_week.setChecked(False)
        self.late_only.setChecked(False)
        for w in (self.search, self.status_filter, self.due_week, self.late_only):
            w.blockSignals(False)

    # --- selection -------------------------------------------------------------------------
    def current_job_id(self) -> int | None:
        row = self.model.row_at(self.table.currentIndex().row())
        return row.id if row is not None else None

    def selected_jobs(self) -> list:
        """The selected rows (JobRow), in list order; the current job when nothing is selected."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        chosen = [self.model.row_at(r) for r in rows]
        if not chosen and self.model.row_at(self.table.currentIndex().row()) is not None:
            chosen = [self.model.row_at(self.table.currentIndex().row())]
        return [row for row in chosen if row is not None]

    def select_job(self, job_id: int, *, notify: bool = True) -> bool:
        row = self.model.find_row(lambda r: r.id == job_id)
        pages = 0
        while row < 0 and self.model.canFetchMore() and pages < 20:  # never load ten years to find one
            pages += 1
            self.model.fetchMore()
            row = self.model.find_row(lambda r: r.id == job_id)
        if row < 0:
            return False
        quiet, self._quiet = self._quiet, not notify
        try:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._quiet = quiet
        return True

    def restore_selection(self, job_id: int | None) -> None:
        """Put the selection back (after the person chose to stay on a job with unsaved edits)."""
        if job_id is None:
            self._quiet = True
            self.table.clearSelection()
            self._quiet = False
        else:
            self.select_job(job_id, notify=False)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._quiet:
            return
        if self.table.keyed:
            if self._key_settle.isActive():  # still moving: the job stopped on is shown when it settles
                self._key_pending = True
                self._key_settle.start()
                return
            self._key_settle.start()
        else:
            self._key_settle.stop()
        self._key_pending = False
        row = current.data(RowRole) if current.isValid() else None
        self.job_chosen.emit(row.id if row is not None else None)

    def _keys_settled(self) -> None:
        if self._key_pending:
            self._key_pending = False
            self.job_chosen.emit(self.current_job_id())
