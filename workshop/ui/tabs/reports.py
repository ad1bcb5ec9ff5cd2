"""Reports: how the shop has been doing (lead time, on-time delivery, estimate accuracy, utilisation,
quote win rate) and what is coming (the load and the schedule). Pick one on the left; its chart
and table show on the right, over the range chosen above them (the last 12 months unless changed).

Each is worked out off the GUI thread, its first chart rendered to SVG there too (another when it
is chosen, also off the GUI thread); Export CSV… writes its tables, Export PDF… and Ctrl+P
(File ▸ Print) make the PDF with the charts as drawings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...domain.errors import ValidationError
from .. import theme
from ..context import AppContext
from ..file_dialogs import start_in
from ..tasks import report_failure, run_task
from ..widgets.date_edit import date_field
from ..widgets.report_view import ReportView, chart_svg
from .base import WorkshopTab

KeyRole = Qt.ItemDataRole.UserRole


def _work_out(_state, db, key: str, start, end):
    """In the worker: the report and its first chart as SVG (no Qt object is made here); the others
    are drawn when chosen (``ReportView``): the load has one a workstation."""
    from ...reports.catalogue import run_report

    report = run_report(db, key, start, end)
    return report, [chart_svg(None, report, 0)] if report.charts else []


def _pdf(_state, db, report) -> bytes:
    from ...reports.export import report_pdf

    return report_pdf(db, report)


class ReportsTab(WorkshopTab):
    tab_id = "reports"
    title = "Reports"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        from ...reports.kinds import REPORTS
        from ...reports.periods import default_range

        self.kinds = {r.key: r for r in REPORTS}
        self.report = None
        self.task = None
        self._loaded = False
        self._stale = False

        self.search = QLineEdit(objectName="reportSearch")
        self.search.setPlaceholderText("Find a report (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.list = QListWidget(objectName="reportList")
        for r in REPORTS:
            item = QListWidgetItem(r.title)
            item.setData(KeyRole, r.key)
            item.setToolTip(r.what)
            self.list.addItem(item)
        self.list.currentItemChanged.connect(lambda *_: self.reload())
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.list, 1)

        first, last = default_range(ctx.db.today())
        self.start = date_field(ctx, object_name="reportFrom")
        self.end = date_field(ctx, object_name="reportTo")
        self.start.set_date(first)
        self.end.set_date(last)
        from_label, to_label = QLabel("&From"), QLabel("&To")
        for label, field in ((from_label, self.start), (to_label, self.end)):
            label.setBuddy(field.edit)
            label.setMinimumWidth(label.fontMetrics().horizontalAdvance(label.text().replace("&", "")) + 6)
        self.last_year = QPushButton("Last &12 months", objectName="reportLastYear")
        self.last_year.setToolTip("The calendar month of today and the eleven before it")
        self.last_year.clicked.connect(self.reset_range)
        self.refresh = QPushButton("&Refresh", objectName="reportRefresh")
        self.refresh.setToolTip("Work the report out again over the dates given (F5)")
        self.refresh.clicked.connect(self.reload)
        self.export_csv_button = QPushButton("Export &CSV…", objectName="reportExportCsv")
        self.export_csv_button.clicked.connect(self.export_csv)
        self.export_pdf_button = QPushButton("Export &PDF…", objectName="reportExportPdf")
        self.export_pdf_button.setToolTip("Save the report as a PDF, its charts included (Ctrl+P previews and prints)")
        self.export_pdf_button.clicked.connect(self.export_pdf)
        bar = QHBoxLayout()
        for widget in (from_label, self.start, to_label, self.end, self.last_year, self.refresh):
            bar.addWidget(widget)
        bar.addStretch(1)
        self.heading = QLabel(objectName="reportHeading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_csv_button)
        top.addWidget(self.export_pdf_button)
        self.message = QLabel(objectName="reportMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setStyleSheet(theme.HINT_STYLE)
        self.view = ReportView()
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(top)
        right_layout.addLayout(bar)
        right_layout.addWidget(self.message)
        right_layout.addWidget(self.view, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="reportsSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 1090])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.reload, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.start.edit.returnPressed.connect(self.reload)
        self.end.edit.returnPressed.connect(self.reload)
        self._set_busy(False)

    # ---- working a report out ---------------------------------------------------------------

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API: work out when first shown, not at start-up
        super().showEvent(event)
        if not self._loaded or self._stale:
            self._loaded, self._stale = True, False
            if self.list.currentRow() < 0:
                self.list.setCurrentRow(0)  # reloads
            else:
                self.reload()

    def current_key(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(KeyRole)

    def choose(self, key: str) -> None:
        """Show the report ``key`` ("lead-time", "load" …)."""
        for row in range(self.list.count()):
            if self.list.item(row).data(KeyRole) == key:
                self.list.setCurrentRow(row)
                return

    def reset_range(self) -> None:
        from ...reports.periods import default_range

        first, last = default_range(self.ctx.db.today())
        self.start.set_date(first)
        self.end.set_date(last)
        self.reload()

    def reload(self) -> None:
        key = self.current_key()
        if key is None or (self.task is not None and self.task.running):
            return
        ranged = self.kinds[key].ranged
        for widget in (self.start, self.end, self.last_year):
            widget.setEnabled(ranged)
        start, end = (self.start.date(), self.end.date()) if ranged else (None, None)
        if ranged and (start is None or end is None):
            self.message.setText(f"Give both dates, like {self.start.edit.placeholderText()}.")
            return
        self.heading.setText(self.kinds[key].title)
        self.message.setText("Working it out…")
        self._set_busy(True)
        self.task = run_task(_work_out, self.ctx.db, key, start, end, on_done=self.show_report,
                             on_error=self._failed, parent=self)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ValidationError):
            self.message.setText(exc.message)
            return
        self.message.setText("")
        report_failure(exc)

    def show_report(self, result) -> None:
        report, svgs = result
        self.report = report
        self._set_busy(False)
        self.heading.setText(report.title + (f", {report.period_text()}" if report.start else ""))
        self.message.setText("")
        self.view.show_report(report, svgs)
        self.status_changed.emit()
        if self.current_key() != report.key:  # the person chose another while this one was worked out
            self.reload()

    def _set_busy(self, busy: bool) -> None:
        self.refresh.setEnabled(not busy)
        for button in (self.export_csv_button, self.export_pdf_button):
            button.setEnabled(not busy and self.report is not None)

    # ---- exports and print ------------------------------------------------------------------

    def _file_name(self, suffix: str) -> str:
        r = self.report
        dated = f"-{r.start.isoformat()}-to-{r.end.isoformat()}" if r.start else f"-{self.ctx.db.today().isoformat()}"
        return f"{r.key}{dated}{suffix}"

    def export_csv(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export the report as CSV", start_in(self._file_name(".csv")),
                                              "CSV (*.csv)")
        if not path:
            return
        from ...reports.output import write_csv

        try:
            written = write_csv(self.report, Path(path))
        except OSError as exc:
            self.message.setText(f"Could not write {exc.filename or path}: {exc.strerror or exc}.")
            return
        self.message.setText("Wrote " + ", ".join(p.name for p in written) + f" in {Path(path).parent}.")

    def export_pdf(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, "Export the report as PDF", start_in(self._file_name(".pdf")),
                                              "PDF (*.pdf)")
        if not path:
            return
        self.message.setText("Making the PDF…")
        self.task = run_task(_pdf, self.ctx.db, self.report, on_done=lambda pdf: self._write_pdf(Path(path), pdf),
                             on_error=self._failed, parent=self)

    def _write_pdf(self, path: Path, pdf: bytes) -> None:
        try:
            path.write_bytes(pdf)
        except OSError as exc:
            self.message.setText(f"Could not write {path}: {exc.strerror or exc}.")
            return
        self.message.setText(f"Wrote {path.name} in {path.parent}.")

    def print_current(self) -> None:
        """Ctrl+P: the report's PDF in the preview, to print or save."""
        if self.report is None:
            return
        from ...reports.export import report_pdf
        from ..printing import preview_pdf

        preview_pdf(self, self.ctx, report_pdf, self.report, title=self.report.title,
                    file_name=self._file_name(".pdf"), label="Preparing the report…")

    # ---- the tab's shape --------------------------------------------------------------------

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            haystack = f"{item.text()} {item.toolTip()}".casefold()
            item.setHidden(not all(w in haystack for w in words))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def on_changed(self, changes: Change, initiator: QWidget | None) -> None:
        if changes & (Change.JOBS | Change.BOOKINGS | Change.PLANNING | Change.SETTINGS | Change.ROUTING | Change.QUOTES):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # worked out again when next shown

    def status_text(self) -> str:
        return "" if self.report is None else (self.report.summary[0] if self.report.summary else "")

    def save_state(self) -> dict[str, object]:
        return {"reports_splitter": self.splitter.saveState(), "report_splitter": self.view.splitter.saveState(),
                "report": self.current_key() or ""}

    def restore_state(self, state: dict[str, object]) -> None:
        for key, splitter in (("reports_splitter", self.splitter), ("report_splitter", self.view.splitter)):
            if isinstance(state.get(key), QByteArray):
                splitter.restoreState(state[key])
        if isinstance(state.get("report"), str) and state["report"] in self.kinds:
            self.choose(state["report"])
