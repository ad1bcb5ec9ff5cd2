"""The job's Quality page: whether it may be completed (the gate, naming each problem), its
checks (add, edit, remove, inspect), every result signed, its non-conformance reports and
finished-goods tests, and the certificate of conformity."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
                               QTableView, QTabWidget, QVBoxLayout, QWidget)

from ...domain.changes import Change
from ...domain.status_questions import gate_summary
from ...services import gate, inspection
from ...services.inspection_state import CheckView
from ...services.jobs import JobDetail
from .. import theme
from ..models.quality_models import ChecksModel, ResultsModel
from ..plain_text import ask_yes_no
from ..widgets.inspection_tests import FinishedTestsPanel
from ..widgets.ncr_panel import NcrPanel
from .base import JobPage

READY_STYLE = theme.banner_style(True)
BLOCKED_STYLE = theme.banner_style(False, bold=False)
NOTE_STYLE = f"color: {theme.NOTE}; background: {theme.NOTE_BACKGROUND}; padding: 6px;"
GATE_STYLES = {"ready": READY_STYLE, "finished": READY_STYLE, "blocked": BLOCKED_STYLE}


def ask_draft(parent: QWidget, problems: list[str]) -> bool:
    """The job does not conform yet: preview a DRAFT certificate? (tests replace this)"""
    box = QMessageBox(QMessageBox.Icon.Warning, "Certificate of conformity",
                      "This job does not conform yet, so its certificate cannot be issued.",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, parent)
    box.setInformativeText("Preview a DRAFT (marked as such) to check what it will say?")
    box.setDetailedText("\n".join(problems))
    box.button(QMessageBox.StandardButton.Yes).setText("Preview draft")
    box.button(QMessageBox.StandardButton.No).setText("Cancel")
    box.setObjectName("draftQuestion")
    return box.exec() == QMessageBox.StandardButton.Yes


def confirm_remove(parent: QWidget, what: str) -> bool:
    return ask_yes_no(parent, "Remove check", f"Remove the check “{what}”?")


def table(name: str, model) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(24)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class JobQualityPage(JobPage):
    title = "Quality"
    reload_on = Change.JOBS | Change.QUALITY | Change.ROUTING

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setObjectName("jobQualityPage")
        self.dialog = None
        self._print_task = None
        self.problems: list[str] = []

        self.gate = QLabel(objectName="gateStatus", wordWrap=True)
        self.gate.setTextFormat(Qt.TextFormat.PlainText)
        self.certificate_button = QPushButton("Certificate…", objectName="certificateButton")
        self.certificate_button.setToolTip("Preview and print the certificate of conformity")
        top = QHBoxLayout()
        top.addWidget(self.gate, 1)
        top.addWidget(self.certificate_button, 0, Qt.AlignmentFlag.AlignTop)

        self.checks_model = ChecksModel(self)
        self.checks = table("qualityChecks", self.checks_model)
        self.checks.horizontalHeader().setStretchLastSection(False)
        header = self.checks.horizontalHeader()
        header.setSectionResizeMode(ChecksModel.WHERE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(ChecksModel.WHERE, 180)
        header.setSectionResizeMode(ChecksModel.CHECK, QHeaderView.ResizeMode.Stretch)
        self.add_button = QPushButton("Add check…", objectName="qualityAddCheck")
        self.edit_button = QPushButton("Edit…", objectName="qualityEditCheck")
        self.remove_button = QPushButton("Remove", objectName="qualityRemoveCheck")
        self.inspect_button = QPushButton("Inspect…", objectName="qualityInspect")
        self.inspect_button.setToolTip("Record a result for the chosen check")
        buttons = QHBoxLayout()
        for b in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.inspect_button)
        checks_page = QWidget()
        checks_layout = QVBoxLayout(checks_page)
        checks_layout.addWidget(self.checks, 1)
        checks_layout.addLayout(buttons)

        self.results_model = ResultsModel(self)
        self.results = table("qualityResults", self.results_model)
        self.ncr = NcrPanel(ctx)
        self.tests = FinishedTestsPanel(ctx)
        self.pages = QTabWidget(objectName="qualityPages")
        self.pages.addTab(checks_page, "Checks")
        self.pages.addTab(self.results, "Results")
        self.pages.addTab(self.ncr, "Non-conformance")
        self.pages.addTab(self.tests, "Finished-goods tests")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self.checks.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.checks.doubleClicked.connect(lambda _i: self.inspect())
        self.add_button.clicked.connect(self.add_check)
        self.edit_button.clicked.connect(self.edit_check)
        self.remove_button.clicked.connect(self.remove_check)
        self.inspect_button.clicked.connect(self.inspect)
        self.certificate_button.clicked.connect(self.certificate)

    # --- loading -----------------------------------------------------------------------------
    def load(self, job: JobDetail | None) -> None:
        self.setEnabled(job is not None)
        if job is None:
            self.problems = []
            self.gate.setText("No job selected.")
            self.gate.setStyleSheet("")
            for m in (self.checks_model, self.results_model):
                m.set_rows([])
            self.ncr.set_job(None)
            self.tests.set_job(None)
            return
        keep = self.current_check()
        unfinished = gate.unfinished_work(self.ctx.db, job.id)
        self.problems = list(unfinished.gate_problems)
        state, text = gate_summary(unfinished, job.status)
        self.gate.setText(text)
        self.gate.setStyleSheet(GATE_STYLES.get(state, NOTE_STYLE))
        self.checks_model.set_rows(inspection.list_checks(self.ctx.db, job.id))
        self.results_model.set_rows(inspection.list_results(self.ctx.db, job_id=job.id))
        if keep is not None:
            row = self.checks_model.find_row(lambda c: c.id == keep.id)
            if row >= 0:
                self.checks.selectRow(row)
        self.ncr.set_job(job.id)
        self.tests.set_job(job.id)
        n_open = self.ncr.open_count()
        self.pages.setTabText(0, f"Checks ({self.checks_model.rowCount()})")
        self.pages.setTabText(1, f"Results ({self.results_model.rowCount()})")
        self.pages.setTabText(2, f"Non-conformance ({n_open} open)" if n_open else "Non-conformance")
        self._update_buttons()

    def current_check(self) -> CheckView | None:
        rows = self.checks.selectionModel().selectedRows()
        return self.checks_model.row_at(rows[0].row()) if rows else None

    def select_check(self, characteristic: str) -> bool:
        row = self.checks_model.find_row(lambda c: c.characteristic == characteristic)
        if row >= 0:
            self.checks.selectRow(row)
        return row >= 0

    def _update_buttons(self) -> None:
        c = self.current_check()
        self.edit_button.setEnabled(c is not None and not c.has_results)
        self.remove_button.setEnabled(c is not None and not c.has_results)
        tip = "Inspected checks stand as recorded: add a new check instead." if c is not None and c.has_results else ""
        self.edit_button.setToolTip(tip)
        self.remove_button.setToolTip(tip)
        self.inspect_button.setEnabled(c is not None)

    # --- actions -----------------------------------------------------------------------------
    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(lambda _r: self.set_job(self.job))
        dialog.open()

    def add_check(self) -> None:
        from ..dialogs.check_editor import CheckDialog

        if self.job is not None:
            c = self.current_check()
            self._open(CheckDialog(self.ctx, self.job.id, operation_id=c.operation_id if c else None, parent=self))

    def edit_check(self) -> None:
        from ..dialogs.check_editor import CheckDialog

        c = self.current_check()
        if c is not None and self.job is not None:
            self._open(CheckDialog(self.ctx, self.job.id, check=c, parent=self))

    def remove_check(self) -> None:
        c = self.current_check()
        if c is None or not confirm_remove(self, c.characteristic):
            return
        self.ctx.call(self, inspection.remove_check, c.id)
        self.set_job(self.job)

    def inspect(self) -> None:
        from ..dialogs.inspection_record import RecordResultDialog

        c = self.current_check()
        if c is not None:
            self._open(RecordResultDialog(self.ctx, c, self))

    def certificate(self) -> None:
        if self.job is None:
            return
        try:
            from ...documents.certificate import certificate_pdf
        except ModuleNotFoundError:
            from ...domain.errors import WorkshopError
            from ..errors import show_error

            show_error(self, WorkshopError("The certificate cannot be printed by this version of Workshop yet."))
            return
        from ..printing import preview_pdf

        number = self.job.number
        problems = gate.gate_problems(self.ctx.db, self.job.id)
        if not problems:
            self._print_task = preview_pdf(self, self.ctx, certificate_pdf, self.job.id,
                                           title=f"Certificate of conformity {number}",
                                           file_name=f"certificate-{number}.pdf",
                                           label="Preparing the certificate…")
        elif ask_draft(self, problems):
            self._print_task = preview_pdf(self, self.ctx, partial(certificate_pdf, draft=True), self.job.id,
                                           title=f"DRAFT certificate {number}",
                                           file_name=f"certificate-{number}-DRAFT.pdf",
                                           label="Preparing the draft certificate…")
