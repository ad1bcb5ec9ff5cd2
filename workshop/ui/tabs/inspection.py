"""Inspection: the work list of inspections due beside the chosen check, where a result is
recorded (pass or fail worked out live from the tolerance), its history and corrections, the
job's non-conformance reports (a failure raises one, shown at once) and finished-goods tests.

The work list is read off the GUI thread (on the ten-year shop it is ~1,300 jobs' checks and results):
the rows shown stay until the new ones arrive, the count says "Loading…" meanwhile, and a reload asked
while one runs drops that one's rows and reads again when it is done. The first load brings the
inspectors to offer and the first check due as well, so the tab's first show reads nothing on the GUI
thread; a check chosen later is read at once with its job's reports and tests (``check_detail``)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...domain.errors import NotFoundError, WorkshopError
from ...domain.wording import plural
from ...services import finished_tests, inspection, workstations
from ...services.inspection_state import CheckDetail, DueInspection, ResultView
from ...services.workstations import OperatorView
from .. import theme
from ..context import AppContext
from ..dialogs.unsaved import Leave, ask_unsaved
from ..models.roles import RowRole
from ..models.quality_models import DueInspectionsModel
from ..tasks import Task, report_failure, run_task
from ..widgets.inspection_record import InspectionRecordPanel
from ..widgets.inspection_tests import FinishedTestsPanel
from ..widgets.ncr_panel import NcrPanel
from ..widgets.sizing import date_column_width
from .base import WorkshopTab

SEARCH_DELAY_MS = 200
RELOAD_ON = Change.QUALITY | Change.JOBS | Change.ROUTING
LOADING = "Loading…"
NOT_LOADED = "The list could not be read"


def _due(_state, db) -> list[DueInspection]:
    """The work list, on a pool thread."""
    return inspection.due_inspections(db)


@dataclass(frozen=True)
class _FirstLoad:
    rows: list[DueInspection]
    operators: tuple[OperatorView, ...]  # the inspectors to offer, read once for the tab
    first: CheckDetail | None  # the first check due, chosen when the list arrives


def _first_load(state, db) -> _FirstLoad:
    """The work list with what the tab shows first, on a pool thread: the inspectors and the first
    check due with its results, its job's reports and tests."""
    rows = _due(state, db)
    operators = tuple(workstations.list_operators(db))
    first = None
    if rows:
        try:
            first = inspection.check_detail(db, rows[0].check_id)
        except NotFoundError:  # removed since the list was read: read when chosen, as any other
            pass
    return _FirstLoad(rows, operators, first)


class InspectionTab(WorkshopTab):
    tab_id = "inspection"
    title = "Inspection"

    #: the work list has arrived and is shown (the first load and each reload)
    loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._all: list[DueInspection] = []
        self._quiet = False
        self.dialog = None
        self._task: Task | None = None  # the load under way
        self._again = False  # a reload was asked while it ran: its rows may be from before the change
        self._keep_check_id: int | None = None  # the check to choose when the rows arrive …
        self._keep_unless_left: int | None = None  # … unless the form has left this one since
        self._first_load = True
        self._operators_read = False  # the inspectors are read with the first list that arrives
        self._prefetched: CheckDetail | None = None  # the first check due, read with the first list
        self._stale = False  # changed while hidden: read again when next shown
        self._start = QTimer(self, singleShot=True, interval=0)  # reloads asked together start one load
        self._start.timeout.connect(self._start_load)

        # --- the work list ---------------------------------------------------------------
        self.search = QLineEdit(objectName="inspectionSearch", placeholderText="Search job, customer, operation, check…")
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox(objectName="inspectionFilter")
        self.filter.addItem("Everything due", "all")
        self.filter.addItem("Required only", "required")
        self.filter.addItem("Failed, to inspect again", "failed")
        self.count_label = QLabel(objectName="inspectionCount")
        self.count_label.setStyleSheet(theme.HINT_STYLE)
        self.model = DueInspectionsModel(self)
        self.table = QTableView(objectName="dueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(DueInspectionsModel.CHECK, QHeaderView.ResizeMode.Stretch)
        due_width = date_column_width(self.table)
        for col, width in ((DueInspectionsModel.JOB, 92), (DueInspectionsModel.WHERE, 140),
                           (DueInspectionsModel.DUE, due_width), (DueInspectionsModel.REQUIRED, 64),
                           (DueInspectionsModel.STATE, 70)):
            header.resizeSection(col, width)
        self.add_check_button = QPushButton("Add check to this job…", objectName="addCheck")
        self.add_check_button.setToolTip("Add a check at one of the job's operations or in its final inspection")
        filters = QHBoxLayout()
        filters.addWidget(self.filter)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.add_check_button)
        left_layout.addLayout(bottom)

        # --- the chosen check, its job's reports and tests --------------------------------
        self.job_label = QLabel(objectName="inspectionJob", wordWrap=True)
        self.job_label.setTextFormat(Qt.TextFormat.PlainText)
        self.job_label.setStyleSheet(f"color: {theme.TEXT_SOFT};")
        self.banner = QLabel(objectName="inspectionBanner", wordWrap=True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.hide()
        self.record = InspectionRecordPanel(ctx, operators=())  # the inspectors come with the first list
        record_scroll = QScrollArea()
        record_scroll.setWidgetResizable(True)
        record_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        record_scroll.setWidget(self.record)
        who = lambda: self.record.inspector.currentText().strip()  # noqa: E731
        self.ncr = NcrPanel(ctx, inspector_source=who)
        self.tests = FinishedTestsPanel(ctx, tester_source=who)
        self.pages = QTabWidget(objectName="inspectionPages")
        self.pages.addTab(record_scroll, "Record result")
        self.pages.addTab(self.ncr, "Non-conformance")
        self.pages.addTab(self.tests, "Finished-goods tests")
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.job_label)
        right_layout.addWidget(self.banner)
        right_layout.addWidget(self.pages, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="inspectionSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 6)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        self.splitter.setSizes([600, 680])

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._filter_changed)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.filter.currentIndexChanged.connect(lambda _i: self._filter_changed())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.record.recorded.connect(self._recorded)
        self.ncr.changed.connect(self._reports_changed)
        self.tests.recorded.connect(self._test_recorded)
        self.add_check_button.clicked.connect(self.add_check)
        self._show_job(None)
        self.reload()

    # --- the work list ------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        """A load is asked for or under way."""
        return self._start.isActive() or self._task is not None

    def reload(self, keep_check_id: int | None = None) -> None:
        """Read the work list again off the GUI thread, choosing ``keep_check_id`` (else the check
        shown) when it arrives. Asked several times at once (a change broadcast, then the panel's own
        signal), it reads once; asked while a load runs, it reads again when that one is done."""
        if keep_check_id is not None:
            self._keep_check_id, self._keep_unless_left = keep_check_id, self._shown_check_id()
        if self._task is not None:
            self._again = True
            return
        if not self._start.isActive():
            self._start.start()
            self._show_count()

    def _start_load(self) -> None:
        self._again = False
        if self._operators_read:
            self._task = run_task(_due, self.ctx.db, on_done=self._arrived, on_error=self._failed, parent=self)
        else:
            self._task = run_task(_first_load, self.ctx.db, on_done=self._first_arrived, on_error=self._failed,
                                  parent=self)

    def _first_arrived(self, loaded: _FirstLoad) -> None:
        if not self._operators_read:
            self._operators_read = True
            self.record.inspector.set_operators(loaded.operators)
        if not self._again:
            self._prefetched = loaded.first
        self._arrived(loaded.rows)
        self._prefetched = None  # used when the first check due was chosen, else read when chosen

    def _arrived(self, rows: list[DueInspection]) -> None:
        self._task = None
        if self._again:  # read before the last change, perhaps: dropped, and read again
            self._start_load()
            return
        self._all = rows
        keep, self._keep_check_id = self._keep_check_id, None
        if self._keep_unless_left != self._shown_check_id():
            keep = None  # another check was chosen while the list was read: it stays chosen
        self.apply_filter(keep)
        if self._first_load:
            self._first_load = False
            if self.record.check is None and self.model.rowCount():  # start on the first inspection due
                self.table.selectRow(0)
        self.loaded.emit()

    def _shown_check_id(self) -> int | None:
        return self.record.check.id if self.record.check is not None else None

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        if self._again:
            self._start_load()
            return
        self.count_label.setText(NOT_LOADED)
        self.status_changed.emit()
        report_failure(exc)

    def _matches(self, row: DueInspection) -> bool:
        kind = self.filter.currentData()
        if kind == "required" and not row.required:
            return False
        if kind == "failed" and row.last_result != "fail":
            return False
        words = self.search.text().lower().split()
        text = " ".join((row.job_number, row.job_title, row.customer_name, row.where, row.characteristic,
                         row.open_ncr or "")).lower()
        return all(w in text for w in words)

    def _filter_changed(self) -> None:
        """The form belongs to the selected row: when the search or filter hides that row, the
        form clears (a result being typed keeps its row listed instead, so nothing is lost)."""
        self.apply_filter()
        if self.record.check is not None and self.model.find_row(lambda r: r.check_id == self.record.check.id) < 0:
            self.banner.hide()
            self.show_check(None)

    def apply_filter(self, keep_check_id: int | None = None) -> None:
        self._timer.stop()
        if keep_check_id is None and self.record.check is not None:
            keep_check_id = self.record.check.id
        typing = self.record.check.id if self.record.check is not None and self.record.has_unsaved_changes() else None
        rows = [r for r in self._all if self._matches(r) or r.check_id == typing]
        self._quiet = True
        try:
            self.model.set_rows(rows)
            row = self.model.find_row(lambda r: r.check_id == keep_check_id) if keep_check_id else -1
            if row >= 0:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
        finally:
            self._quiet = False
        self._show_count()

    def _show_count(self) -> None:
        rows = self.model.rows()
        self.count_label.setText(LOADING if self.loading else
                                 f"{len(rows):,} due on {plural(len({r.job_id for r in rows}), 'job')}")
        self.status_changed.emit()

    def select_check(self, check_id: int) -> bool:
        row = self.model.find_row(lambda r: r.check_id == check_id)
        if row < 0:
            return False
        self.table.selectRow(row)
        return True

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._quiet:
            return
        due = current.data(RowRole) if current.isValid() else None
        if due is not None and self.record.check is not None and due.check_id == self.record.check.id:
            return
        if not self._leave_record():
            self._quiet = True
            if previous.isValid():
                self.table.selectRow(previous.row())
            self._quiet = False
            return
        self.banner.hide()
        self.show_check(due.check_id if due is not None else None)

    def _leave_record(self) -> bool:
        if not self.record.has_unsaved_changes():
            return True
        answer = ask_unsaved(self, "The result you are recording")
        if answer is Leave.SAVE:
            return self.record.save()
        return answer is Leave.DISCARD

    def show_check(self, check_id: int | None) -> None:
        """Show the check with its results, its job's reports and tests: one read (none for the first
        check due when the first list arrives: it came with the list)."""
        detail = None
        if check_id is not None:
            if self._prefetched is not None and self._prefetched.check.id == check_id:
                detail = self._prefetched
            else:
                detail = self.ctx.call(self, inspection.check_detail, check_id).value
            self._prefetched = None
        self.record.show_detail(detail)
        self._show_job(detail)
        self.pages.setCurrentIndex(0)

    def _show_job(self, detail: CheckDetail | None) -> None:
        job_id = detail.check.job_id if detail is not None else None
        if detail is None:
            self.job_label.setText("Choose an inspection on the left to record its result.")
        else:
            self.job_label.setText(f"{detail.job_number} · {detail.job_title} — {detail.customer_name}")
        self.ncr.set_job(job_id, detail.reports if detail is not None else ())
        self.tests.set_job(job_id, detail.tests if detail is not None else ())
        self.add_check_button.setEnabled(job_id is not None)
        self._update_page_titles()

    def _update_page_titles(self) -> None:
        open_reports = self.ncr.open_count()
        self.pages.setTabText(1, f"Non-conformance ({open_reports} open)" if open_reports else "Non-conformance")
        tests = self.tests.model.rowCount()
        self.pages.setTabText(2, f"Finished-goods tests ({tests})" if tests else "Finished-goods tests")

    # --- after a change -----------------------------------------------------------------------
    def _recorded(self, result: ResultView) -> None:
        self.reload(keep_check_id=result.check_id)
        self.ncr.reload(select_id=result.ncr_id)
        self._update_page_titles()
        if result.result == "fail":
            self._say(f"FAIL signed for “{result.characteristic}”"
                      + (f": {result.ncr_number} raised. Decide what to do about it below." if result.ncr_number
                         else "; its report is already open."), error=True)
            self.pages.setCurrentWidget(self.ncr)
        else:
            self._say(f"PASS signed for “{result.characteristic}”"
                      + (f" ({result.readings_text})" if result.readings_text else "")
                      + ". Choose the next inspection on the left.")

    def _reports_changed(self) -> None:
        self.reload()
        self.record.reload_check()
        self._update_page_titles()

    def _test_recorded(self, test: finished_tests.FinishedTestView) -> None:
        self.ncr.reload()
        self._update_page_titles()
        if test.result == "fail":
            self._say(f"Test “{test.name}” FAILED: {test.ncr_number} raised.", error=True)
            self.pages.setCurrentWidget(self.ncr)
        else:
            self._say(f"Test “{test.name}” passed.")

    def _say(self, text: str, error: bool = False) -> None:
        self.banner.setStyleSheet(theme.banner_style(not error))
        self.banner.setText(text)
        self.banner.show()

    def add_check(self) -> None:
        from ..dialogs.check_editor import CheckDialog

        check = self.record.check
        if check is None:
            return
        self.dialog = CheckDialog(self.ctx, check.job_id, operation_id=check.operation_id, parent=self)
        self.dialog.accepted.connect(lambda: self.reload(keep_check_id=self.dialog.result_value.id))
        self.dialog.open()

    # --- WorkshopTab --------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & RELOAD_ON:
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # read again when next shown
            self._prefetched = None
            detail = None
            if self.record.check is not None:  # the check shown, its job's reports and tests: one read
                try:
                    detail = inspection.check_detail(self.ctx.db, self.record.check.id)
                except WorkshopError:  # gone, or the shop busy: each part reads on its own and says so
                    detail = None
            if detail is not None:
                if not self.record.has_unsaved_changes():
                    self.record.show_detail(detail)
                self.ncr.reload(reports=detail.reports)
                self.tests.reload(detail.tests)
            else:
                if not self.record.has_unsaved_changes():
                    self.record.reload_check()
                self.ncr.reload()
                self.tests.reload()
            self._update_page_titles()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save(self) -> bool:
        if not self.record.has_unsaved_changes():
            return True
        return self.record.save()

    def revert(self) -> None:
        self.record.set_check(self.record.check)

    def has_unsaved_changes(self) -> bool:
        return self.record.has_unsaved_changes()

    def status_text(self) -> str:
        return self.count_label.text()

    def save_state(self) -> dict[str, object]:
        return {"splitter": bytes(self.splitter.saveState().data())}

    def restore_state(self, state: dict[str, object]) -> None:
        data = state.get("splitter")
        if isinstance(data, QByteArray):
            self.splitter.restoreState(data)
        elif isinstance(data, (bytes, bytearray)):
            self.splitter.restoreState(QByteArray(bytes(data)))
